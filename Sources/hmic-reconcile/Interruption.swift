import Foundation
import Spreadsheet

/// Removes the run's staging folders when cron or a person stops it (SIGINT, SIGTERM, SIGHUP), so an interrupted
/// run leaves nothing behind. Signal handlers belong to the process, so the command installs them, not the library.
enum Interruption {
    /// C strings of the files to unlink, then the folders to remove, from the signal handler: allocated once, never
    /// freed (a signal handler may not allocate, nor list a folder).
    nonisolated(unsafe) private static var files = CStringList()
    nonisolated(unsafe) private static var folders = CStringList()

    /// On a stop signal, removes what `outputs` has staged and exits with 128 + the signal number.
    static func removeStagedFilesOnSignal(for outputs: StagedOutputs) {
        let paths = outputs.temporaryPaths
        files = CStringList(paths.files)
        folders = CStringList(paths.folders)
        signal(SIGPIPE, SIG_IGN)
        // A parent may have blocked these signals, and a blocked mask is inherited: unblock them, or a stop
        // request would wait until the run had finished.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&unblock, sig) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { received in
                Interruption.removeStaged()
                _exit(128 + received)
            }
        }
    }

    /// Unlinks the staged files and removes the staging folders; safe in a signal handler.
    static func removeStaged() {
        files.forEach { unlink($0) }
        folders.forEach { rmdir($0) }
    }
}

/// A fixed list of C strings that a signal handler can walk.
struct CStringList {
    private var pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    private var count = 0

    init() {}

    init(_ strings: [String]) {
        let list = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: max(strings.count, 1))
        for (i, string) in strings.enumerated() { list[i] = strdup(string) }
        pointers = list
        count = strings.count
    }

    func forEach(_ body: (UnsafeMutablePointer<CChar>) -> Void) {
        guard let pointers else { return }
        for i in 0..<count { if let p = pointers[i] { body(p) } }
    }
}
