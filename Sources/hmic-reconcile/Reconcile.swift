import ArgumentParser
import Foundation
import Logging
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

    @Option(help: ArgumentHelp("A folder to write reconciliation-YYYY-MM-DD.xlsx into, named after the as-of date.", valueName: "dir"))
    var outputDir: String?

    @Option(help: ArgumentHelp("The register's sheet, when not the first with a header row.", valueName: "name"))
    var registerSheet: String?

    @Option(help: ArgumentHelp("The portal export's sheet.", valueName: "name"))
    var portalSheet: String?

    @Option(help: ArgumentHelp("Keep this force's rows of a national portal export.", valueName: "name"))
    var force: String?

    @Option(help: ArgumentHelp("The date the figures are as at (default: today).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Option(help: ArgumentHelp("The workbook of an earlier run: carries the board's columns and the history forward.", valueName: "file.xlsx"))
    var previous: String?

    @Option(help: ArgumentHelp("Also write the JSON result to this file, or to standard output with -.", valueName: "file|-"))
    var json: String?

    @Option(help: ArgumentHelp("Exit with status 1 when a discrepancy at or above this severity is found: high, medium, low, info or never.",
                               valueName: "severity"))
    var failOn: FailOn = .never

    @OptionGroup var profileOption: ProfileOption

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if (output == nil) == (outputDir == nil) {
            throw ValidationError("give exactly one of --output FILE.xlsx or --output-dir DIR")
        }
        if let asOf, CalendarDate(iso: Substring(asOf)) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date; write it as YYYY-MM-DD")
        }
    }

    func run() throws {
        do {
            try reconcile()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw ExitStatus.report(error)
        }
    }

    private func reconcile() throws {
        let asOfDate = asOf.flatMap { CalendarDate(iso: Substring($0)) } ?? Self.today()
        let outputPath = output ?? (outputDir! as NSString).appendingPathComponent("reconciliation-\(asOfDate).xlsx")
        try refuseOverwritingInputs(outputPath)
        let outputFolder = (outputPath as NSString).deletingLastPathComponent.isEmpty ? "." : (outputPath as NSString).deletingLastPathComponent
        try checkOutputFolder(outputFolder, for: outputPath)
        Interruption.removeStalePartialFiles(in: outputFolder)
        Interruption.removePartialFilesOnSignal(for: [outputPath] + (json.flatMap { $0 == "-" ? nil : [$0] } ?? []))

        let log = outputOptions.makeLogger()
        let profile = try profileOption.load()
        // With --output-dir and no --previous, the newest earlier workbook in the folder is last month's run.
        let previousPath = previous ?? outputDir.flatMap { PreviousRun.newestEarlierWorkbook(in: $0, before: asOfDate) }
        if let previousPath { log.info("previous run: \(previousPath)") }
        let previousRun = try previousPath.map { try PreviousRun.read(path: $0) }
        let force = self.force ?? profile.force
        // The two inputs are read at the same time, the portal on a second thread; messages still come in the
        // order register, portal, and the register's error wins when both fail, as when they were read in turn.
        // Each side's SHA-256 is taken on the thread that read it.
        let (registerRead, portalRead) = Self.inParallel(
            { try Self.read(.register, register, sheet: registerSheet ?? profile.registerSheet, profile: profile) },
            { try Self.read(.portal, portal, sheet: portalSheet ?? profile.portalSheet, profile: profile) })
        let (registerLoaded, registerFacts) = try registerRead.get()
        let registerSource = Self.logged(registerLoaded, .register, register, log: log)
        // The portal's records are handed on, never held twice: matching changes them in place (their descriptions
        // that repeat the register's are then read there), and a second holder would have them copied first.
        let (portalLoaded, portalFacts) = try (consume portalRead).get()
        let portalSource = try Self.logged(consume portalLoaded, .portal, portal, log: log).filtered(toForce: force)
        if force != nil { log.info("portal: \(portalSource.records.count) records of force \(force!)") }
        let result = Reconciliation(register: registerSource, portal: consume portalSource, asOf: asOfDate, force: force)
        log.info("matched \(result.alignment.matches.count) pairs; \(result.alignment.registerOnly.count) register and \(result.alignment.portalOnly.count) portal records unmatched")
        let profileFacts = try profileOption.profile.map { InputFacts(path: $0, sha256: try SHA256Digest.ofFile($0)) }
        try BoardWorkbook(result: result, register: registerFacts, portal: portalFacts,
                          arguments: Array(CommandLine.arguments.dropFirst()), previous: previousRun, profile: profileFacts).write(to: outputPath)
        if let json {
            if json == "-" {
                try StandardOutput.write { try JSONReport.write(result, register: registerFacts, portal: portalFacts, to: &$0) }
            } else {
                try AtomicFile.write(to: json) { try JSONReport.write(result, register: registerFacts, portal: portalFacts, to: &$0) }
            }
        }
        log.notice("\(oneLineSummary(result, workbook: outputPath))")
        if let threshold = failOn.severity, let worst = result.highestSeverity, worst <= threshold {
            throw ExitStatus.discrepanciesFound
        }
    }

    private func refuseOverwritingInputs(_ outputPath: String) throws {
        let out = URL(fileURLWithPath: outputPath).standardizedFileURL.resolvingSymlinksInPath().path
        for input in [register, portal] where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path == out {
            throw UsageError(message: "the output \(outputPath) is the same file as the input \(input); choose another output")
        }
    }

    /// Reads one side and hashes its file, with a progress line on a terminal for large files.
    static func read(_ source: Source, _ path: String, sheet: String?, profile: Profile) throws -> (LoadedSource, InputFacts) {
        let document = try SpreadsheetFile.open(path: path)
        let progress = ProgressLine("reading \(source.noun)")
        defer { progress.finish() }
        let loaded = try RecordLoader.load(source, from: document, sheetName: sheet, profile: profile, progress: progress.update)
        return (loaded, InputFacts(path: path, sha256: try SHA256Digest.ofFile(path)))
    }

    /// Logs what was read from one side and passes it on.
    static func logged(_ loaded: LoadedSource, _ source: Source, _ path: String, log: Logger) -> LoadedSource {
        log.info("\(source.noun): \(loaded.records.count) records from \(path), sheet '\(loaded.sheet)', header on row \(loaded.headerRow)")
        for warning in loaded.warnings { log.warning("\(path): \(warning)") }
        return loaded
    }

    /// Runs `first` on this thread and `second` on another, and returns both outcomes once both are done.
    static func inParallel<A, B>(_ first: () throws -> A, _ second: @escaping () throws -> B) -> (Result<A, Error>, Result<B, Error>) {
        let outcome = ThreadOutcome<B>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            outcome.result = Result { try second() }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        let firstResult = Result { try first() }
        done.wait()
        return (firstResult, outcome.result!)
    }

    /// Fails before any input is read when the workbook's folder is missing or read-only (exit 73).
    private func checkOutputFolder(_ directory: String, for outputPath: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SpreadsheetError(.cannotCreate, file: outputPath, "the folder '\(directory)' does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw SpreadsheetError(.cannotCreate, file: outputPath, "the folder '\(directory)' cannot be written to")
        }
    }

    private func oneLineSummary(_ result: Reconciliation, workbook: String) -> String {
        return "wrote \(workbook): \(result.register.records.count) register and \(result.portal.records.count) portal records, "
            + "\(result.alignment.matches.count) matched, \(result.discrepancies.count) discrepancies (\(result.summary.severityLine))"
    }

    /// Today's date in the machine's time zone: what the officer means by "as at today".
    static func today() -> CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }
}

/// The `--fail-on` threshold.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case high, medium, low, info, never

    /// The lowest severity that fails the run; nil for never.
    var severity: Severity? { Severity(rawValue: rawValue) }
}

/// What a second thread produced: set there before a semaphore is signalled and read after the wait, which
/// orders the two accesses.
final class ThreadOutcome<Value>: @unchecked Sendable {
    var result: Result<Value, Error>?
}
