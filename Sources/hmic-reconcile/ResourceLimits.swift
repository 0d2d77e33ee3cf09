import Foundation
import Spreadsheet

/// How the tool ends when a limit of the machine runs out (`ulimit -f`, `ulimit -v`, a full disk): a message naming
/// what ran out and exit 74, never a signal or a backtrace.
enum ResourceLimits {
    /// The line written when memory runs out under `ulimit -v`: made before it is needed, since the handler that
    /// writes it may not allocate.
    nonisolated(unsafe) private static var outOfMemoryLine: UnsafeMutablePointer<CChar>?

    /// Ignores SIGXFSZ, so that a write beyond `ulimit -f` fails with EFBIG and is reported like any failed write,
    /// instead of the signal killing the process half way. Under an address-space limit (`ulimit -v`), turns the
    /// abort that follows a failed allocation into a message and exit 74.
    static func install() {
        signal(SIGXFSZ, SIG_IGN)
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else {
            return
        }
        outOfMemoryLine = strdup(
            "hmic-reconcile: stopped: memory ran out under the address-space limit (ulimit -v \(limit.rlim_cur / 1024)); "
                + "nothing was written\n")
        // The Swift runtime aborts (SIGABRT) when an allocation fails, after printing its own "Fatal error" line; it
        // cannot be caught as an error. Its crash handler would print a backtrace: this one replaces it.
        signal(SIGABRT) { _ in
            Interruption.removeStaged()
            if let line = ResourceLimits.outOfMemoryLine { write(STDERR_FILENO, line, strlen(line)) }
            _exit(74)
        }
    }

    /// What ran out, when `error` was caused by a limit of the machine; nil otherwise.
    static func exhausted(by error: HMICError) -> String? {
        guard let errno = (error.cause as? SystemCallError)?.errno else { return nil }
        switch errno {
        case EFBIG: return "the file size limit (ulimit -f) was reached"
        case ENOSPC: return "the disk is full"
        case EDQUOT: return "the disk quota is used up"
        case ENOMEM: return "memory ran out"
        default: return nil
        }
    }
}
