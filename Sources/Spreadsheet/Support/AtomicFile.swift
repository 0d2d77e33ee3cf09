import Foundation

/// Writes small output files (the JSON result, CSV) so that a reader never sees a half-written file.
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

    /// Writes `data` to a temporary file beside `path`, then renames it into place.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SpreadsheetError(.cannotCreate, file: path, "the directory '\(directory.path)' does not exist")
        }
        let temporary = URL(fileURLWithPath: partialPath(for: path))
        do {
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw SpreadsheetError(.cannotCreate, file: path, "cannot move the finished file into place: \(String(cString: strerror(errno)))")
            }
        } catch let error as SpreadsheetError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw SpreadsheetError(.cannotCreate, file: path, "cannot be written: \(error.localizedDescription)")
        }
    }
}
