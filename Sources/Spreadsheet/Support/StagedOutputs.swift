import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The output files of one run, written first into a staging folder inside each output folder and moved into place
/// together by `commit()`: all of them appear, or none does and the files there before are left as they were.
///
/// Until its outputs are in place it holds a lock (`flock`) on each output folder, so a second run writing to the
/// same folder is refused at once (`.busy`) instead of racing this one; and it has removed the staging folders that
/// dead runs left there. Dropping it without `commit()` removes everything staged.
public final class StagedOutputs {
    /// The outputs, as the caller named them.
    public let outputs: [String]
    /// Each output folder's lock, held until the outputs are in place or discarded.
    private var folderLocks: [FolderLock]
    /// Each output's staging folder (outputs in one folder share it).
    private let stagingFolders: [String: StagingFolder]
    /// False to keep a replaced output as a file system without hard links must (a copy); for tests.
    var backsUpByLinking = true

    /// What was at an output before `commit()` moved the staged file there.
    enum Before {
        /// Nothing: undoing removes the new file.
        case nothing
        /// A file, kept in the staging folder under this name: undoing puts it back.
        case kept(String)
        /// A file that could not be kept: undoing leaves the new file, rather than nothing, in its place.
        case notKept
    }

    /// Locks the folders of `outputs` (those not already locked by `held`), removes abandoned staging folders there
    /// and makes a fresh one in each. Fails with `.busy` when another run holds a folder, `.cannotCreate` when a
    /// folder cannot be written.
    public init(_ outputs: [String], holding held: [FolderLock] = []) throws {
        self.outputs = outputs
        var locks: [FolderLock] = []
        var byFolderIdentity: [FolderLock.Identity: StagingFolder] = [:]
        var staging: [String: StagingFolder] = [:]
        for output in outputs {
            let folder = Self.folder(of: output)
            let identity = FolderLock.identity(of: folder)
            if let identity, let shared = byFolderIdentity[identity] {
                staging[output] = shared
                continue
            }
            let lock = try held.first { $0.identity == identity } ?? FolderLock(folder, for: output)
            StagingFolder.removeAbandoned(in: folder)
            let made = try StagingFolder(in: folder, for: output)
            locks.append(lock)
            byFolderIdentity[lock.identity] = made
            staging[output] = made
        }
        folderLocks = locks
        stagingFolders = staging
    }

    /// Where `output` is written before `commit()` moves it into place: a file of the same name in the staging
    /// folder beside it.
    public func stagedPath(for output: String) -> String {
        stagingFolders[output]!.file(named: Self.name(of: output))
    }

    /// Every name the run may create in its staging folders, then the folders themselves: what a stop signal
    /// removes (a signal handler cannot list a folder).
    public var temporaryPaths: (files: [String], folders: [String]) {
        var files: [String] = []
        for output in outputs {
            let staged = stagedPath(for: output)
            files += [staged, backupPath(for: output)] + AtomicFile.partialPaths(for: staged)
        }
        let folders = Array(Set(stagingFolders.values.map(\.path))).sorted()
        files += folders.map { $0 + "/" + StagingFolder.lockName }
        return (files, folders)
    }

    /// Moves every staged output into place, each written to disk first. When one cannot be moved, those already
    /// moved are undone (the file there before is put back) and the error is thrown: all land, or none.
    public func commit() throws {
        for output in outputs { try StagingFolder.synchronize(stagedPath(for: output), for: output) }
        var placed: [(output: String, before: Before)] = []
        for output in outputs {
            let before = keepExisting(output)
            guard rename(stagedPath(for: output), output) == 0 else {
                let error = StagingFolder.failure(
                    .cannotCreate, output, "cannot move the finished file into place", "rename")
                undo(placed)
                throw error
            }
            placed.append((output, before))
        }
        for output in outputs { StagingFolder.synchronizeFolder(of: output) }
        discard()
    }

    /// Removes the staging folders and everything in them, then releases the output folders.
    public func discard() {
        for folder in stagingFolders.values { folder.remove() }
        folderLocks.removeAll()
    }

    /// Keeps the file now at `output` under a name in the staging folder (a hard link, else a copy), so that it can
    /// be put back. It is never moved aside: the output's name is never empty, and a stop signal that removes the
    /// staged files never removes the only copy of the board's workbook.
    func keepExisting(_ output: String) -> Before {
        var status = stat()
        guard lstat(output, &status) == 0 else { return .nothing }
        // A folder in the way is left where it is: the move over it fails, and nothing was changed.
        guard status.st_mode & S_IFMT != S_IFDIR else { return .notKept }
        let backup = backupPath(for: output)
        if backsUpByLinking && link(output, backup) == 0 { return .kept(backup) }
        return (try? FileManager.default.copyItem(atPath: output, toPath: backup)) != nil ? .kept(backup) : .notKept
    }

    /// Puts back what was at each output before `placed` moved the staged file there, newest first.
    private func undo(_ placed: [(output: String, before: Before)]) {
        for (output, before) in placed.reversed() {
            switch before {
            case .nothing: unlink(output)
            case .kept(let backup): rename(backup, output)
            case .notKept: break
            }
        }
    }

    private func backupPath(for output: String) -> String {
        stagingFolders[output]!.file(named: Self.name(of: output) + ".before")
    }

    /// The folder of `path`, "." for a bare name.
    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    static func name(of path: String) -> String { (path as NSString).lastPathComponent }
}

/// An exclusive, non-blocking `flock` on a folder, held while this value lives: one run writes to an output folder
/// at a time. The lock is on the folder itself, so nothing is added to it.
public final class FolderLock {
    /// A folder as the file system knows it, whatever path names it.
    public struct Identity: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64
    }

    public let identity: Identity
    private let descriptor: Int32

    /// The identity of the folder at `path`; nil when it cannot be found.
    public static func identity(of path: String) -> Identity? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Identity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// Locks `folder`; `output` is the file to be written there, for messages. Fails with `.busy` when another run
    /// holds the lock, and `.cannotCreate` when the folder cannot be opened. A file system that cannot lock a
    /// folder (some network mounts refuse `flock` on one) leaves it unlocked: the staging folders still keep the
    /// runs' files apart, and the last run to finish wins.
    public init(_ folder: String, for output: String) throws {
        descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let cause = SystemCallError(call: "open")
            throw HMICError(
                .cannotCreate, file: output,
                cause.errno == ENOENT
                    ? "the folder '\(folder)' does not exist"
                    : "cannot open the folder '\(folder)': \(cause.reason ?? "unknown reason")", cause: cause)
        }
        var status = stat()
        fstat(descriptor, &status)
        identity = Identity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK {
            let cause = SystemCallError(call: "flock")
            close(descriptor)
            throw HMICError(
                .busy, file: folder,
                "another hmic-reconcile run is writing to this folder; try again when it has finished",
                cause: cause)
        }
    }

    deinit { close(descriptor) }
}
