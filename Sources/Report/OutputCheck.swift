import Foundation
import Spreadsheet

/// Refuses, before a run reads anything, an output that would overwrite one of the run's inputs or another of its
/// outputs: however the paths are written (relative, `./`, through a symbolic or hard link), what the user pointed
/// the run at by mistake is never destroyed.
public enum OutputCheck {
    /// A file the run reads or writes, and what it is, for the message ("the register", "the JSON result").
    public struct NamedFile: Sendable {
        public var role: String
        public var path: String

        public init(_ role: String, _ path: String) {
            self.role = role
            self.path = path
        }
    }

    /// Throws `.usage` naming both files when an output is the same file as an input or as an earlier output.
    public static func refuseClashes(outputs: [NamedFile], inputs: [NamedFile]) throws {
        let inputIdentities = inputs.map { ($0, FileIdentity($0.path)) }
        var earlierOutputs: [(NamedFile, FileIdentity)] = []
        for output in outputs {
            let identity = FileIdentity(output.path)
            if let (input, _) = inputIdentities.first(where: { $0.1.isSameFile(as: identity) }) {
                throw HMICError(
                    .usage,
                    "the output \(output.path) (\(output.role)) is the same file as the input \(input.path) "
                        + "(\(input.role)); choose another output")
            }
            if let (earlier, _) = earlierOutputs.first(where: { $0.1.isSameFile(as: identity) }) {
                throw HMICError(
                    .usage,
                    "\(output.role) and \(earlier.role) would be the same file, \(output.path); choose another")
            }
            earlierOutputs.append((output, identity))
        }
    }

    /// Throws `.usage` when an output path is empty: an empty `--output-dir` must not mean the current folder.
    public static func refuseEmpty(_ path: String, option: String) throws {
        guard path.isEmpty else { return }
        throw HMICError(.usage, "\(option) is empty; name a file or folder (. for the current folder)")
    }
}
