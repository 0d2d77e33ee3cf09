import ArgumentParser
import Foundation
import Reconciliation
import Report
import Spreadsheet

/// `hmic-reconcile requests`: the delivery leads' update forms, one per lead.
struct Requests: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an update form for each delivery lead, listing their live items.",
        discussion: """
            Each form has an Update sheet (the lead fills in Current position, What has been done, Impact, \
            Evidence, Ongoing actions, Expected completion and Propose closure) and an Instructions sheet. Send \
            the forms out; give the returned files to 'reconcile --updates'.

            Examples:
              hmic-reconcile requests --register register.xlsx --as-of 2026-11-30 \\
                  --output-dir forms/2026-11
              hmic-reconcile requests --register register.xlsx --portal portal.csv \\
                  --force Northmoor --previous reports/reconciliation-2026-10-31.xlsx \\
                  --as-of 2026-11-30 --output-dir forms/2026-11 --lead "Supt R. Havelock"
            """)

    @Option(help: ArgumentHelp("The force's register (CSV, XLSX or Excel 2003 XML).", valueName: "file"))
    var register: String

    @Option(help: ArgumentHelp("The portal export, to show each item's portal status.", valueName: "file"))
    var portal: String?

    @Option(help: ArgumentHelp("Keep this force's rows of a national portal export.", valueName: "name"))
    var force: String?

    @Option(help: ArgumentHelp("The date the forms are as at (default: today).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Option(help: ArgumentHelp("The folder to write the forms into.", valueName: "dir"))
    var outputDir: String

    @Option(help: ArgumentHelp("Write only this lead's form.", valueName: "name"))
    var lead: String?

    @Option(
        help: ArgumentHelp(
            "The board's workbook of the last round: each item's last update and the board's decision.",
            valueName: "file.xlsx"))
    var previous: String?

    @Option(
        help: ArgumentHelp(
            "A sheet of the register; repeat it for a register kept on several sheets (default: every visible sheet "
                + "whose header row names the register's columns).", valueName: "name"))
    var registerSheet: [String] = []

    @Option(help: ArgumentHelp("The portal export's sheet.", valueName: "name"))
    var portalSheet: String?

    @OptionGroup var profileOption: ProfileOption

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if let asOf, CalendarDate(iso: Substring(asOf)) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date; write it as YYYY-MM-DD")
        }
        if force != nil && portal == nil { throw ValidationError("--force needs --portal") }
        if outputDir.isEmpty {
            throw ValidationError("--output-dir is empty; name a folder (. for the current folder)")
        }
    }

    func run() throws {
        ResourceLimits.install()
        do {
            let requests = UpdateRequests(
                UpdateRequests.Options(
                    register: register, portal: portal, force: force,
                    asOf: asOf.flatMap { CalendarDate(iso: Substring($0)) } ?? MonthlyRun.today(),
                    outputDir: outputDir, lead: lead, previous: previous, profile: profileOption.profile,
                    registerSheets: registerSheet, portalSheet: portalSheet))
            let log = outputOptions.makeLogger()
            let lock = try requests.lockOutputFolder()
            let plan = try requests.plan(log: log)
            let outputs = try requests.stageOutputs(plan, holding: lock)
            Interruption.removeStagedFilesOnSignal(for: outputs)
            let outcome = try requests.write(plan, into: outputs, log: log)
            log.notice("\(outcome)")
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw ExitStatus.report(error)
        }
    }
}
