import Foundation

/// A file's bytes mapped read-only into memory, unmapped when the last reference goes.
///
/// Pages already read can be given back (`release(before:)`): they are the file's own, so the kernel reads them
/// again from the file if they are touched later, and meanwhile they no longer count in the process's memory.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    private let pageSize = Int(getpagesize())

    /// Maps the file at `path`; throws `.unreadable` naming it when it cannot be opened or mapped.
    init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw SpreadsheetError(.unreadable, file: path, "the file cannot be read (\(String(cString: strerror(errno)))); check its permissions")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw SpreadsheetError(.unreadable, file: path, "the file cannot be read (\(String(cString: strerror(errno))))")
        }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw SpreadsheetError(.unreadable, file: path, "the file cannot be mapped into memory (\(String(cString: strerror(errno))))")
        }
        bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: size)
    }

    /// Lets the kernel drop the whole pages before byte `offset` from memory.
    func release(before offset: Int) {
        guard let base = bytes.baseAddress else { return }
        let end = min(offset, bytes.count) / pageSize * pageSize
        guard end > 0 else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base), end, MADV_DONTNEED)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
