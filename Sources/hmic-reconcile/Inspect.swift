import ArgumentParser
import Foundation
import Reconciliation
import Report
import Spreadsheet

/// `hmic-reconcile inspect`: what the tool detects in a file, so the officer can fix a profile before the monthly run.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Show the sheets read or left out, header rows, column mapping, rows that are not records and spellings.",
        discussion: """
            Examples:
              hmic-reconcile inspect register.xlsx
              hmic-reconcile inspect portal.csv --side portal --profile northmoor.yaml
            Every visible sheet whose header row names the register's columns is read; each other sheet is listed \
            with the reason it is left out.
            Rows below a header that are not records (heading, totals, key, action, skipped, blank) are listed \
            with their reasons, as on the Run sheet of a reconciliation.
            Unknown type and status spellings are marked; add them to a profile (hmic-reconcile profile init).
            Exits 65 when a required column is missing.
            """)

    @Argument(help: ArgumentHelp("A CSV, XLSX or Excel 2003 XML file.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The sheet to inspect (default: the one reconcile would choose).", valueName: "name"))
    var sheet: String?

    @Option(help: "Read the file as the register or the portal export (default: whichever its headers fit best).")
    var side: Side?

    @OptionGroup var profileOption: ProfileOption

    enum Side: String, ExpressibleByArgument, CaseIterable {
        case register, portal
    }

    func run() throws {
        do {
            let inspection = FileInspection(
                file: file, sheet: sheet, side: side.map { $0 == .register ? Source.register : .portal },
                profile: try profileOption.load())
            let (text, refusal) = try inspection.report()
            try StandardOutput.write(text)
            if let refusal { throw refusal }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw ExitStatus.report(error)
        }
    }

}
