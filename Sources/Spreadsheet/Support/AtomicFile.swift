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

    /// Has `body` write the file through an output to a temporary file beside `path`, then renames it into place.
    /// When `body`, a write or the rename fails, the temporary file is removed and `path` is left as it was.
    public static func write(to path: String, _ body: (inout ByteOutput) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SpreadsheetError(.cannotCreate, file: path, "the directory '\(directory.path)' does not exist")
        }
        let temporary = partialPath(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw SpreadsheetError(.cannotCreate, file: path, "cannot be written: \(String(cString: strerror(errno)))")
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
                throw SpreadsheetError(.ioFailure, file: path, "cannot be written: \(String(cString: strerror(errno)))")
            }
        } catch {
            if isOpen { close(descriptor) }
            unlink(temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SpreadsheetError(.cannotCreate, file: path, "cannot move the finished file into place: \(reason)")
        }
    }
}
