import Foundation

/// Writes small output files (the JSON result, CSV) so that a reader never sees a half-written file.
public enum AtomicFile {
    /// Writes `data` to a temporary file beside `path`, then renames it into place.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SpreadsheetError(.cannotCreate, file: path, "the directory '\(directory.path)' does not exist")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial")
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
