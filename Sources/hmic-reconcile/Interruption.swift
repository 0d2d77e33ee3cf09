import Foundation
import Spreadsheet

/// Removes the run's temporary output files when cron or a person stops it (SIGINT, SIGTERM, SIGHUP), so an
/// interrupted run leaves nothing behind; and clears partial files that a killed earlier run could not remove.
enum Interruption {
    /// C strings of the paths to unlink from the signal handler: allocated once, never freed.
    nonisolated(unsafe) private static var paths: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    nonisolated(unsafe) private static var count: Int32 = 0

    /// On a stop signal, unlinks the partial files of `outputs` and exits with 128 + the signal number.
    static func removePartialFilesOnSignal(for outputs: [String]) {
        let partials = outputs.flatMap(AtomicFile.partialPaths(for:))
        let list = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: partials.count)
        for (i, partial) in partials.enumerated() { list[i] = strdup(partial) }
        paths = list
        count = Int32(partials.count)
        signal(SIGPIPE, SIG_IGN)
        // A parent may have blocked these signals, and a blocked mask is inherited: unblock them, or a stop
        // request would wait until the run had finished.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&unblock, sig) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { received in
                if let paths = Interruption.paths {
                    for i in 0..<Int(Interruption.count) { if let p = paths[i] { unlink(p) } }
                }
                _exit(128 + received)
            }
        }
    }

    /// Deletes `.NAME.PID.partial` files in `folder` whose process is gone: what a killed run (SIGKILL) left.
    static func removeStalePartialFiles(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".partial") {
            let parts = name.dropLast(".partial".count).split(separator: ".")
            guard let pidText = parts.last, let pid = pid_t(pidText), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
            }
        }
    }
}

/// Standard output that reports failure (a full disk, a closed pipe) instead of losing the result silently.
enum StandardOutput {
    /// Writes what `body` appends to an output, block by block; throws a status-74 error when a write fails.
    static func write(_ body: (inout ByteOutput) throws -> Void) throws {
        var output = ByteOutput(descriptor: STDOUT_FILENO, name: "standard output")
        do {
            try body(&output)
            try output.flush()
        } catch let error as SpreadsheetError where error.kind == .ioFailure {
            throw StandardOutputFailure(reason: error.message)
        }
    }

    /// Writes `text`; throws a status-74 error when the write fails.
    static func write(_ text: String) throws {
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        } catch {
            throw StandardOutputFailure(reason: "\(error.localizedDescription)")
        }
    }
}

/// Writing to standard output failed (exit 74).
struct StandardOutputFailure: Error {
    var reason: String
}
