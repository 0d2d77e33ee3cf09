import Foundation

/// Writes output files (the JSON result, CSV) so that a reader never sees a half-written file.
public enum AtomicFile {
    /// The temporary name beside `path` under which this process writes it: `.NAME.PID.partial`, or
    /// `.NAME.STEP.PID.partial` for an intermediate file of a writer that works in steps. Every writer of output
    /// files uses it, so a stop signal or the next run can find and remove what a failed run left.
    public static func partialPath(for path: String, step: String? = nil) -> String {
        let url = URL(fileURLWithPath: path)
        let name = "." + url.lastPathComponent + (step.map { ".\($0)" } ?? "") + ".\(getpid()).partial"
        return url.deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Every temporary name a writer of `path` may use, for removing them when the run is stopped.
    public static func partialPaths(for path: String) -> [String] {
        [partialPath(for: path), partialPath(for: path, step: "frame")]
    }

    /// Deletes `.NAME.PID.partial` files in `folder` whose process is gone: what a killed run (SIGKILL) left.
    public static func removeStalePartialFiles(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".partial") {
            let parts = name.dropLast(".partial".count).split(separator: ".")
            guard let pidText = parts.last, let pid = pid_t(pidText), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
            }
        }
    }

    /// Has `body` write the file through an output to a temporary file beside `path`, then renames it into place.
    /// When `body`, a write or the rename fails, the temporary file is removed and `path` is left as it was.
    public static func write(to path: String, _ body: (inout ByteOutput) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw HMICError(.cannotCreate, file: path, "the directory '\(directory.path)' does not exist")
        }
        let temporary = partialPath(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            let cause = SystemCallError(call: "open")
            throw HMICError(
                .cannotCreate, file: path, "cannot be written: \(cause.reason ?? "unknown reason")", cause: cause)
        }
        var isOpen = true
        do {
            // The output names the file the user asked for, not the temporary one.
            var output = ByteOutput(descriptor: descriptor, name: path)
            try body(&output)
            try output.flush()
            // The descriptor is gone even when closing fails (a delayed write error): it is never closed twice.
            isOpen = false
            guard close(descriptor) == 0 else {
                let cause = SystemCallError(call: "close")
                throw HMICError(
                    .ioFailure, file: path, "cannot be written: \(cause.reason ?? "unknown reason")", cause: cause)
            }
        } catch {
            if isOpen { close(descriptor) }
            unlink(temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            let cause = SystemCallError(call: "rename")
            unlink(temporary)
            throw HMICError(
                .cannotCreate, file: path,
                "cannot move the finished file into place: \(cause.reason ?? "unknown reason")",
                cause: cause)
        }
    }
}
