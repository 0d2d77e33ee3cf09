import ArgumentParser
import Foundation
import Reconciliation
import Report
import Spreadsheet

/// `hmic-reconcile reconcile`: the monthly run.
struct Reconcile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reconcile the register with the portal export and write the board's workbook.",
        discussion: """
            Examples:
              hmic-reconcile reconcile --register register.xlsx \\
                  --portal portal.csv --output board.xlsx
              hmic-reconcile reconcile --register register.csv \\
                  --portal national.csv --force Cleveland \\
                  --output-dir /srv/hmic/reports --fail-on high
            """)

    @Option(help: ArgumentHelp("The force's register (CSV, XLSX or Excel 2003 XML).", valueName: "file"))
    var register: String

    @Option(help: ArgumentHelp("The HMICFRS monitoring-portal export.", valueName: "file"))
    var portal: String

    @Option(help: ArgumentHelp("Where to write the workbook (.xlsx).", valueName: "file.xlsx"))
    var output: String?

    @Option(
        help: ArgumentHelp(
            "A folder to write reconciliation-YYYY-MM-DD.xlsx into, named after the as-of date.", valueName: "dir"))
    var outputDir: String?

    @Option(
        help: ArgumentHelp(
            "A sheet of the register; repeat it for a register kept on several sheets (default: every visible sheet "
                + "whose header row names the register's columns).", valueName: "name"))
    var registerSheet: [String] = []

    @Option(help: ArgumentHelp("The portal export's sheet.", valueName: "name"))
    var portalSheet: String?

    @Option(help: ArgumentHelp("Keep this force's rows of a national portal export.", valueName: "name"))
    var force: String?

    @Option(help: ArgumentHelp("The date the figures are as at (default: today).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Option(
        help: ArgumentHelp(
            "The workbook of an earlier run: carries the board's columns and the history forward.",
            valueName: "file.xlsx"))
    var previous: String?

    @Flag(
        help: ArgumentHelp(
            "Accept a --previous workbook whose Run sheet names another force than this run's (refused otherwise)."))
    var previousOfAnotherForce = false

    @Option(
        help: ArgumentHelp(
            "Also write the JSON result to this file, or to standard output with -.", valueName: "file|-"))
    var json: String?

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "Returned update forms from 'requests', as files or folders: adds the Updates and Closure candidates sheets.",
            valueName: "dir|file"))
    var updates: [String] = []

    @Option(
        help: ArgumentHelp(
            "Exit with status 1 when a discrepancy at or above this severity is found: high, medium, low, info or never.",
            valueName: "severity"))
    var failOn: FailOn = .never

    @OptionGroup var profileOption: ProfileOption

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if (output == nil) == (outputDir == nil) {
            throw ValidationError("give exactly one of --output FILE.xlsx or --output-dir DIR")
        }
        for (option, value) in [("--output", output), ("--output-dir", outputDir), ("--json", json)] where value == "" {
            throw ValidationError("\(option) is empty; name a file or folder (. for the current folder)")
        }
        if let asOf, CalendarDate(iso: Substring(asOf)) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date; write it as YYYY-MM-DD")
        }
    }

    func run() throws {
        ResourceLimits.install()
        do {
            let monthlyRun = try MonthlyRun(options)
            let outputs = try monthlyRun.stageOutputs()
            Interruption.removeStagedFilesOnSignal(for: outputs)
            let log = outputOptions.makeLogger()
            let outcome = try monthlyRun.run(into: outputs, log: log, progress: ProgressLine())
            log.notice("\(outcome)")
            if let round = outcome.updateRound { log.notice("update round: \(round)") }
            if let threshold = failOn.severity, let worst = outcome.highestSeverity, worst <= threshold {
                throw ExitStatus.discrepanciesFound
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw ExitStatus.report(error)
        }
    }

    /// The run the arguments ask for; `validate()` has checked the output choice and the date.
    var options: MonthlyRun.Options {
        var options = MonthlyRun.Options(
            register: register, portal: portal, output: output.map { .file($0) } ?? .folder(outputDir!),
            registerSheets: registerSheet, portalSheet: portalSheet, force: force,
            asOf: asOf.flatMap { CalendarDate(iso: Substring($0)) }, previous: previous, profile: profileOption.profile,
            json: json.map { $0 == "-" ? .standardOutput : .file($0) },
            arguments: Array(CommandLine.arguments.dropFirst()))
        options.updates = updates
        options.previousOfAnotherForce = previousOfAnotherForce
        return options
    }
}

/// The `--fail-on` threshold.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case high, medium, low, info, never

    /// The lowest severity that fails the run; nil for never.
    var severity: Severity? { Severity(rawValue: rawValue) }
}
