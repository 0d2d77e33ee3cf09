import Foundation
import Reconciliation
import Spreadsheet

extension Profile {
    /// The standard vocabulary, with the additions of the profile file at `path` when one is given.
    public static func read(path: String?) throws -> Profile {
        guard let path else { return .standard }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HMICError(.unreadable, file: path, "no such file, or it cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw HMICError(.badData, file: path, "the profile is not UTF-8 text")
        }
        return try ProfileFile.parse(text, path: path)
    }
}
