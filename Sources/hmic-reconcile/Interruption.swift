import Foundation
import Spreadsheet

/// Removes the run's temporary output files when cron or a person stops it (SIGINT, SIGTERM, SIGHUP), so an
/// interrupted run leaves nothing behind. Signal handlers belong to the process, so the command installs them, not
/// the library.
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
}
