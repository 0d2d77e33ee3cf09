/// Why a reconciliation cannot go ahead, with the file, sheet and row concerned and what to do about it.
public struct ReconciliationError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, which also decides the command's exit status.
    public enum Kind: Sendable, Equatable {
        /// The input's content cannot be used (exit 65).
        case badData
        /// The command line does not fit the input, for example a national export without `--force` (exit 64).
        case usage
    }

    public var kind: Kind
    public var file: String
    public var sheet: String?
    public var row: Int?
    public var message: String

    public init(_ kind: Kind, file: String, sheet: String? = nil, row: Int? = nil, _ message: String) {
        self.kind = kind
        self.file = file
        self.sheet = sheet
        self.row = row
        self.message = message
    }

    /// `file, sheet 'S', row 4: message`.
    public var description: String {
        var place = file
        if let sheet { place += ", sheet '\(sheet)'" }
        if let row { place += ", row \(row)" }
        return "\(place): \(message)"
    }
}
