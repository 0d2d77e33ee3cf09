/// Why reading or writing a spreadsheet failed, with the place it failed: file, sheet, row, column.
public struct SpreadsheetError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, which also decides the command's exit status.
    public enum Kind: Sendable, Equatable {
        /// The file does not exist or cannot be opened (exit 66).
        case unreadable
        /// The file's content is not acceptable: malformed, hostile, too large, or of the wrong kind (exit 65).
        case badData
        /// The output file cannot be created (exit 73).
        case cannotCreate
        /// Another input/output failure while reading or writing (exit 74).
        case ioFailure
    }

    public var kind: Kind
    public var file: String
    public var sheet: String?
    /// 1-based row number as a person sees it in Excel, or a CSV record's first line.
    public var row: Int?
    /// 0-based column index; shown as letters.
    public var column: Int?
    /// What is wrong and, where it helps, what to do about it.
    public var message: String

    public init(_ kind: Kind, file: String, sheet: String? = nil, row: Int? = nil, column: Int? = nil, _ message: String) {
        self.kind = kind
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.message = message
    }

    /// `file, sheet 'S', row 4, column C: message`.
    public var description: String {
        var place = file
        if let sheet { place += ", sheet '\(sheet)'" }
        if let row, let column { place += ", cell \(cellReference(row: row, column: column))" }
        else if let row { place += ", row \(row)" }
        else if let column { place += ", column \(columnLetters(column))" }
        return "\(place): \(message)"
    }
}
