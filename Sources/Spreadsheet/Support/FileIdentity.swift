import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which file a path names, however it is written: its real path (links and `.`/`..` resolved; for a file that does
/// not exist yet, its folder's real path and its name) and, when it exists, its device and inode, so that a hard link
/// or a link to a link is recognised too.
public struct FileIdentity: Sendable, Equatable {
    public let realPath: String
    /// Device and inode of the file the path leads to; nil when there is none.
    public let inode: [UInt64]?

    public init(_ path: String) {
        var status = stat()
        inode = stat(path, &status) == 0 ? [UInt64(status.st_dev), UInt64(status.st_ino)] : nil
        realPath = Self.realPath(of: path)
    }

    /// True when the two paths lead to one file.
    public func isSameFile(as other: FileIdentity) -> Bool {
        if let inode, let otherInode = other.inode, inode == otherInode { return true }
        return realPath == other.realPath
    }

    /// `realpath` of `path`, or of its folder joined to its name when the file does not exist.
    static func realPath(of path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        let folder = absolute.deletingLastPathComponent().path
        guard let resolvedFolder = realpath(folder, nil) else { return absolute.path }
        defer { free(resolvedFolder) }
        return (String(cString: resolvedFolder) as NSString).appendingPathComponent(absolute.lastPathComponent)
    }
}

/// A file as it stands at one moment: device, inode, size and modification time to the nanosecond, of the path itself
/// (a link is not followed). Taken before a long step and again after it, it tells whether anyone replaced or
/// rewrote the file meanwhile.
public struct FileVersion: Sendable, Equatable {
    private let fields: [Int64]

    /// The version of the file at `path`; nil when there is none.
    public init?(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        fields = [
            Int64(status.st_dev), Int64(status.st_ino), Int64(status.st_size), Int64(status.st_mtim.tv_sec),
            Int64(status.st_mtim.tv_nsec),
        ]
    }
}
