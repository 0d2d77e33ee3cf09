import Foundation
import Spreadsheet

/// Standard output that reports failure (a full disk, a closed pipe) instead of losing the result silently.
public enum StandardOutput {
    /// Writes what `body` appends to an output, block by block; throws `.ioFailure` when a write fails.
    public static func write(_ body: (inout ByteOutput) throws -> Void) throws {
        var output = ByteOutput(descriptor: STDOUT_FILENO, name: "standard output")
        do {
            try body(&output)
            try output.flush()
        } catch let error as HMICError where error.code == .ioFailure {
            throw failure(error.message, cause: error.cause)
        }
    }

    /// Writes `text`; throws `.ioFailure` when the write fails.
    public static func write(_ text: String) throws {
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        } catch {
            throw failure(error.localizedDescription, cause: error)
        }
    }

    private static func failure(_ reason: String, cause: (any Error)?) -> HMICError {
        HMICError(.ioFailure, "cannot write to standard output: \(reason)", cause: cause)
    }
}
