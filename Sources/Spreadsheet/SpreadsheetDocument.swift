/// The kinds of file the readers understand, told apart by content rather than by extension.
public enum SpreadsheetFormat: String, Sendable {
    case csv, xlsx, spreadsheetML
}

/// A sheet of a workbook as listed in it.
public struct SheetInfo: Sendable, Equatable {
    public var name: String
    public var visible: Bool
    public init(name: String, visible: Bool) {
        self.name = name
        self.visible = visible
    }
}

/// An opened spreadsheet file whose worksheets can be read row by row, without loading a sheet whole.
public protocol SpreadsheetDocument {
    /// The path as the user gave it, for messages.
    var path: String { get }
    var format: SpreadsheetFormat { get }
    /// Worksheets only (no chart sheets), in workbook order.
    var sheets: [SheetInfo] { get }
    /// Calls `body` with each non-empty row of the sheet at `index`, in order. `body` may throw to stop early.
    func forEachRow(inSheet index: Int, _ body: (Row) throws -> Void) throws
    /// About how many rows the sheet holds, at least as many as there are, when the file says so cheaply; for
    /// reserving room for the rows before they are read. Nil when unknown. Never trusted for anything else.
    func rowCountHint(inSheet index: Int) -> Int?
    /// The merged ranges of the sheet at `index` (a CSV file has none). `forEachRow` gives cells as written, the
    /// covered ones empty; `MergedCellFiller` spreads each range's value as a person reads it.
    func mergedRanges(inSheet index: Int) throws -> [MergedRange]
    /// The 0-based columns the sheet hides (a CSV file hides none). `forEachRow` gives their cells as any other; a
    /// person does not see them, so a reader prefers a shown column to a hidden one.
    func hiddenColumns(inSheet index: Int) throws -> Set<Int>
}

extension SpreadsheetDocument {
    /// No hint unless the format gives one.
    public func rowCountHint(inSheet index: Int) -> Int? { nil }

    /// No merged cells unless the format has them.
    public func mergedRanges(inSheet index: Int) throws -> [MergedRange] { [] }

    /// No hidden columns unless the format has them.
    public func hiddenColumns(inSheet index: Int) throws -> Set<Int> { [] }
}

extension SpreadsheetDocument {
    /// The index of the sheet named `name` (case-insensitive), or an error listing the sheets there are.
    public func sheetIndex(named name: String) throws -> Int {
        if let i = sheets.firstIndex(where: { $0.name == name }) { return i }
        if let i = sheets.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) { return i }
        let names = sheets.map { "'\($0.name)'" }.joined(separator: ", ")
        throw HMICError(.badData, file: path, "there is no sheet named '\(name)'; the sheets are \(names)")
    }

    /// Reads a whole sheet into memory: for small files, tests and `dump`.
    public func rows(inSheet index: Int) throws -> [Row] {
        var rows: [Row] = []
        try forEachRow(inSheet: index) { rows.append($0) }
        return rows
    }
}
