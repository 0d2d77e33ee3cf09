import Foundation

/// A file's bytes, mapped read-only into memory when it is a regular file, else (a pipe, a device) read whole; the
/// mapping goes when the last reference does.
///
/// Pages of a mapping already read can be given back (`release(before:)`): they are the file's own, so the kernel
/// reads them again from the file if they are touched later, and meanwhile they no longer count in the process's
/// memory. Bytes read rather than mapped are kept as they are.
final class MappedFile {
    let bytes: UnsafeBufferPointer<UInt8>
    /// True when `bytes` is a mapping of the file, false when it is memory of our own holding what was read.
    private let isMapping: Bool
    private let pageSize = Int(getpagesize())

    /// Maps or reads the file at `path`; throws `.unreadable` naming it when it cannot be opened or read.
    init(path: String) throws {
        /// Built right after the failing `call`, before `close` in a `defer` can change errno.
        func failure(_ call: String) -> HMICError {
            let cause = SystemCallError(call: call)
            return HMICError(
                .unreadable, file: path,
                "the file cannot be read (\(cause.reason ?? "unknown reason")); check its permissions",
                cause: cause)
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw failure("open") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("fstat") }
        let size = Int(info.st_size)
        if info.st_mode & S_IFMT == S_IFREG, size > 0,
            let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED
        {
            bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: size)
            isMapping = true
            return
        }
        // Not mappable (a pipe, a device, an empty file): read it to its end.
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw failure("read") }
            if count == 0 { break }
            data += chunk[0..<count]
        }
        let owned = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(data.count, 1))
        _ = owned.initialize(from: data)
        bytes = UnsafeBufferPointer(start: owned.baseAddress, count: data.count)
        isMapping = false
    }

    /// Lets the kernel drop the whole pages before byte `offset` from memory.
    func release(before offset: Int) {
        guard isMapping, let base = bytes.baseAddress else { return }
        let end = min(offset, bytes.count) / pageSize * pageSize
        guard end > 0 else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base), end, MADV_DONTNEED)
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if isMapping {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            UnsafeMutablePointer(mutating: base).deallocate()
        }
    }
}
