import ArgumentParser
import Foundation
import Logging
import Reconciliation
import Report

/// Log lines on standard error as `hmic-reconcile: message`: short enough for cron's mail.
struct StandardErrorLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let prefix = event.level >= .warning ? "\(event.level): " : ""
        FileHandle.standardError.write(Data("hmic-reconcile: \(prefix)\(event.message)\n".utf8))
    }
}

/// `--quiet` and `--verbose`, shared by the subcommands.
struct OutputOptions: ParsableArguments {
    @Flag(name: [.short, .long], help: "Print errors only.")
    var quiet = false

    @Flag(name: [.short, .long], help: "Also print what was read and matched.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    /// A logger at the level the flags ask for.
    func makeLogger() -> Logger {
        let level: Logger.Level = quiet ? .error : (verbose ? .info : .notice)
        return Logger(label: "hmic-reconcile") { _ in StandardErrorLogHandler(logLevel: level) }
    }
}

/// A progress line on a terminal while the inputs are read, for large inputs only; silent when standard error is
/// a file or a pipe (cron).
final class ProgressLine: ReadingProgress {
    private let enabled = isatty(STDERR_FILENO) == 1
    private var shown = false

    /// Draws only every 50,000 rows.
    func rowsRead(_ rows: Int, of source: Source) {
        guard enabled, rows % 50_000 == 0 else { return }
        shown = true
        FileHandle.standardError.write(Data("\rreading \(source.noun): \(rows) rows".utf8))
    }

    /// Clears the line.
    func finished(_ source: Source) {
        guard shown else { return }
        shown = false
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
