import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Has the kernel back the memory a writer is about to fill with pages, a window ahead of it and on a helper
/// thread, so that the writer does not stop at each new page for the kernel to find, zero and account one (a fifth
/// of loading records was spent so, about 2 µs a 4 KiB page on this machine).
///
/// The kernel is asked to populate the pages without writing to them (`MADV_POPULATE_WRITE`, Linux 5.14 and
/// later): bytes already written stay as they are, and a range that has meanwhile been let go is refused or
/// populated to no effect. At most two windows are asked for beyond what is written, so capacity reserved and
/// never used costs at most that much memory. Elsewhere, or on an older kernel, the writer takes the page faults
/// itself, as without this.
struct PagesAhead {
    /// How many bytes one request populates.
    let window: Int
    /// The storage the requests were for, and how far into it (in bytes) they reach.
    private var base: UInt = 0
    private(set) var requestedUpTo = 0

    init(window: Int = 4 << 20) {
        self.window = window
    }

    /// Notes that `written` bytes of the storage at `base` (of `capacity` bytes) are written, and asks for the next
    /// window when the writer is within one window of the end of what was asked for.
    mutating func advance(base pointer: UnsafeRawPointer?, capacity: Int, written: Int) {
        let base = UInt(bitPattern: pointer)
        guard base != 0 else { return }
        if base != self.base {
            // New storage (the first, or the array grew past its reservation): start from where the writer is.
            self.base = base
            requestedUpTo = written
        }
        while requestedUpTo < capacity && requestedUpTo - written < window {
            let end = min(capacity, requestedUpTo + window)
            Self.populate(from: base + UInt(requestedUpTo), to: base + UInt(end))
            requestedUpTo = end
        }
    }

    /// Asks, on a helper thread, for the pages between two addresses to be populated: from the page holding
    /// `start` (the request before ended short of it) to the last whole page before `end`.
    private static func populate(from start: UInt, to end: UInt) {
        #if canImport(Glibc)
        let page = UInt(getpagesize())
        let first = start & ~(page - 1), last = end & ~(page - 1)
        guard last > first else { return }
        DispatchQueue.global(qos: .utility).async {
            // MADV_POPULATE_WRITE; refused (EINVAL) by kernels before 5.14, which then fault as before.
            _ = madvise(UnsafeMutableRawPointer(bitPattern: first), Int(last - first), 23)
        }
        #endif
    }
}
