import Foundation
import Spreadsheet

/// How the tool ends when a limit of the machine runs out (`ulimit -f`, `ulimit -v`, a full disk): a message naming
/// what ran out and exit 74, never a signal or a backtrace.
enum ResourceLimits {
    /// The line written when memory runs out under `ulimit -v`: made before it is needed, since the handler that
    /// writes it may not allocate.
    nonisolated(unsafe) private static var outOfMemoryLine: UnsafeMutablePointer<CChar>?

    /// Ignores SIGXFSZ, so that a write beyond `ulimit -f` fails with EFBIG and is reported like any failed write,
    /// instead of the signal killing the process half way. Under a memory limit (`ulimit -v` or `ulimit -d`), turns
    /// the abort that follows a failed allocation into a message and exit 74.
    static func install() {
        signal(SIGXFSZ, SIG_IGN)
        guard let limit = memoryLimit() else { return }
        outOfMemoryLine = strdup("hmic-reconcile: stopped: memory ran out under \(limit); nothing was written\n")
        // The Swift runtime aborts (SIGABRT) when an allocation fails, after printing its own "Fatal error" line; it
        // cannot be caught as an error. Its crash handler would print a backtrace: this one replaces it.
        signal(SIGABRT) { _ in
            Interruption.removeStaged()
            if let line = ResourceLimits.outOfMemoryLine { write(STDERR_FILENO, line, strlen(line)) }
            _exit(74)
        }
    }

    /// The memory limit set on the process, as the operator set it ("the address-space limit (ulimit -v 150000)");
    /// nil when there is none, and an abort is then left to the runtime's crash report (a defect, not a limit).
    static func memoryLimit() -> String? {
        let limits = [
            (RLIMIT_AS, "the address-space limit (ulimit -v"), (RLIMIT_DATA, "the data-segment limit (ulimit -d"),
        ]
        for (resource, name) in limits {
            var limit = rlimit()
            if getrlimit(__rlimit_resource_t(resource.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max {
                return "\(name) \(limit.rlim_cur / 1024))"
            }
        }
        return nil
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
