import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A private folder inside an output folder, where a run writes its outputs before moving them into place:
/// `.hmic-reconcile.XXXXXX`, made by `mkdtemp` (mode 0700, so no other user can plant a link in it), holding a file
/// `lock` that the run keeps locked with `flock` for as long as it lives.
///
/// A run that dies (SIGKILL, a power cut) leaves its folder with the lock free; the next run in that output folder
/// removes it (`removeAbandoned`). A folder of another name, or of a live run, is never touched.
public final class StagingFolder {
    /// How every staging folder's name begins; clean-up looks at nothing else.
    public static let prefix = ".hmic-reconcile."
    /// The lock file inside a staging folder.
    public static let lockName = "lock"
    /// A staging folder without its lock file is taken as abandoned once it is this old: a live run creates the
    /// lock a moment after the folder.
    static let lockGraceSeconds = 60

    /// The folder's path: the output folder's path, `/`, and the folder's name.
    public let path: String
    /// The output this folder is made for, named in errors.
    private let output: String
    /// The lock file's descriptor, holding the lock; -1 once the folder is removed.
    private var lockDescriptor: Int32

    /// Makes a staging folder in `folder` and locks it; `output` is the file the caller will write, for messages.
    public init(in folder: String, for output: String) throws {
        self.output = output
        var template = Array((folder as NSString).appendingPathComponent(Self.prefix + "XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw Self.failure(.cannotCreate, output, "cannot create a temporary folder in '\(folder)'", "mkdtemp")
        }
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let lockPath = path + "/" + Self.lockName
        let descriptor = open(lockPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let error = Self.failure(.cannotCreate, output, "cannot lock the temporary folder '\(path)'", "flock")
            if descriptor >= 0 { close(descriptor) }
            unlink(lockPath)
            rmdir(path)
            throw error
        }
        lockDescriptor = descriptor
    }

    deinit { remove() }

    /// The path of `name` inside the folder.
    public func file(named name: String) -> String { path + "/" + name }

    /// Creates `name` in the folder for writing, with the caller's umask: never an existing file, never through a
    /// link. The caller closes the descriptor.
    public func create(_ name: String) throws -> Int32 {
        let descriptor = open(file(named: name), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw Self.failure(.cannotCreate, output, "cannot create a temporary file in '\(path)'", "open")
        }
        return descriptor
    }

    /// Removes the folder and whatever is left in it; the lock goes last. Safe to call more than once.
    public func remove() {
        guard lockDescriptor >= 0 else { return }
        Self.removeContents(of: path)
        rmdir(path)
        close(lockDescriptor)
        lockDescriptor = -1
    }

    /// Removes the staging folders in `folder` that no live run holds: a real folder (not a link) named
    /// `.hmic-reconcile.*` whose lock file can be locked at once, or that has had no lock file for a minute.
    /// Returns the names removed.
    @discardableResult
    public static func removeAbandoned(in folder: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where name.hasPrefix(prefix) {
            let candidate = (folder as NSString).appendingPathComponent(name)
            // O_NOFOLLOW: a link planted under a staging folder's name is never followed.
            let directory = open(candidate, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard directory >= 0 else { continue }
            defer { close(directory) }
            guard let lock = abandonedLock(in: directory) else { continue }
            removeContents(of: candidate)
            if rmdir(candidate) == 0 { removed.append(name) }
            if lock >= 0 { close(lock) }
        }
        return removed
    }

    /// For a staging folder open as `directory`: the descriptor of its lock file, locked by this process, when no
    /// live run holds it; -1 when the lock file has been missing for a minute; nil when the folder is in use.
    private static func abandonedLock(in directory: Int32) -> Int32? {
        // Opened for writing: a network file system emulates `flock` with write locks.
        let lock = openat(directory, lockName, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
        guard lock >= 0 else {
            var status = stat()
            guard errno == ENOENT, fstat(directory, &status) == 0 else { return nil }
            let age = Int(time(nil)) - Int(status.st_mtim.tv_sec)
            return age > lockGraceSeconds ? -1 : nil
        }
        guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            close(lock)
            return nil
        }
        return lock
    }

    /// Unlinks every entry of the folder at `path` that is not itself a folder (the tool makes none), without
    /// following links: a link inside is removed, not what it points to.
    static func removeContents(of path: String) {
        let directory = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard directory >= 0 else { return }
        guard let stream = fdopendir(directory) else {
            close(directory)
            return
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        for name in names { unlinkat(directory, name, 0) }
    }

    /// Writes `file` (a finished output in a staging folder) to disk and moves it to `destination`, replacing what
    /// is there (a link there is replaced, not followed), then writes the destination folder's entry to disk.
    public static func install(_ file: String, at destination: String) throws {
        try synchronize(file, for: destination)
        guard rename(file, destination) == 0 else {
            throw failure(.cannotCreate, destination, "cannot move the finished file into place", "rename")
        }
        synchronizeFolder(of: destination)
    }

    /// `fsync` of a finished file, so that a crash after the rename never leaves an empty or partial file under
    /// the output's name.
    static func synchronize(_ file: String, for output: String) throws {
        let descriptor = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(.ioFailure, output, "cannot reopen the finished file", "open") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw failure(.ioFailure, output, "cannot write the finished file to disk", "fsync")
        }
    }

    /// `fsync` of the folder holding `path`, so that the rename itself survives a crash. Best effort: some file
    /// systems refuse to sync a folder, and the file is in place either way.
    static func synchronizeFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// An error for `output`: `what`, and the system's reason captured from `call`.
    static func failure(_ code: HMICError.Code, _ output: String, _ what: String, _ call: String) -> HMICError {
        let cause = SystemCallError(call: call)
        return HMICError(code, file: output, "\(what): \(cause.reason ?? "unknown reason")", cause: cause)
    }
}
