import Foundation

/// Writes output files (the JSON result, CSV) so that a reader never sees a half-written file.
public enum AtomicFile {
    /// The name under which a writer that works in steps keeps an intermediate file beside `path`:
    /// `.NAME.PID.partial`, or `.NAME.STEP.PID.partial`. Writers put `path` in a staging folder (`StagingFolder`), so
    /// these names never appear in an output folder.
    public static func partialPath(for path: String, step: String? = nil) -> String {
        let url = URL(fileURLWithPath: path)
        let name = "." + url.lastPathComponent + (step.map { ".\($0)" } ?? "") + ".\(getpid()).partial"
        return url.deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Every intermediate name a writer of `path` may use, for removing them when the run is stopped.
    public static func partialPaths(for path: String) -> [String] {
        [partialPath(for: path), partialPath(for: path, step: "frame")]
    }

    /// Has `body` write the file in a staging folder beside `path`, then moves it into place. When `body`, a write
    /// or the move fails, nothing is left behind and `path` is as it was.
    public static func write(to path: String, _ body: (inout ByteOutput) throws -> Void) throws {
        let outputs = try StagedOutputs([path])
        try writeNew(at: outputs.stagedPath(for: path), name: path, body)
        try outputs.commit()
    }

    /// Has `body` write a new file at `staged` (in a staging folder), created exclusively and never through a link;
    /// errors name `name`, the output the user asked for. The file is removed when anything fails.
    public static func writeNew(at staged: String, name: String, _ body: (inout ByteOutput) throws -> Void) throws {
        let descriptor = open(staged, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            let cause = SystemCallError(call: "open")
            throw HMICError(
                .cannotCreate, file: name, "cannot be written: \(cause.reason ?? "unknown reason")", cause: cause)
        }
        var isOpen = true
        do {
            var output = ByteOutput(descriptor: descriptor, name: name)
            try body(&output)
            try output.flush()
            // The descriptor is gone even when closing fails (a delayed write error): it is never closed twice.
            isOpen = false
            guard close(descriptor) == 0 else {
                let cause = SystemCallError(call: "close")
                throw HMICError(
                    .ioFailure, file: name, "cannot be written: \(cause.reason ?? "unknown reason")", cause: cause)
            }
        } catch {
            if isOpen { close(descriptor) }
            unlink(staged)
            throw error
        }
    }
}
