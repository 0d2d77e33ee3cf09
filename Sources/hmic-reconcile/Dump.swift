import ArgumentParser
import Foundation
import Report
import Spreadsheet

/// `hmic-reconcile dump`: the cells of a file exactly as the readers see them.
struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a file's cells exactly as read, as JSON or CSV.",
        discussion: "Example: hmic-reconcile dump portal.xlsx --sheet Export --format csv")

    @Argument(help: ArgumentHelp("A CSV, XLSX or Excel 2003 XML file.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Only this sheet.", valueName: "name"))
    var sheet: String?

    @Option(help: "json or csv.")
    var format: DumpFormat = .json

    func run() throws {
        ResourceLimits.install()
        do {
            let document = try SpreadsheetFile.open(path: file)
            let index = try sheet.map { try document.sheetIndex(named: $0) }
            switch format {
            case .json: try StandardOutput.write(try SheetDump.json(document, sheet: index))
            case .csv:
                let csv = try SheetDump.CSVText(document, sheet: index)
                try StandardOutput.write { try csv.write(to: &$0) }
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw ExitStatus.report(error)
        }
    }
}

/// `dump --format`.
enum DumpFormat: String, ExpressibleByArgument, CaseIterable {
    case json, csv
}
