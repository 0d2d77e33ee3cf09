import Foundation
import Reconciliation
import Spreadsheet

/// The header names the board's columns are found by. A board renames columns ("Notes", "Board comments"), so each
/// column accepts the name this tool writes and the names a person would give it; they compare as `PreviousRun.key`
/// does (case, spaces and punctuation ignored).
public enum BoardTitles {
    public static let id = ["ID", "Discrepancy ID"]
    public static let firstSeen = ["First seen"]
    public static let decision = ["Board decision", "Decision", "Board's decision"]
    public static let owner = ["Owner", "Action owner", "Board owner"]
    public static let notes = ["Board notes", "Notes", "Board comments", "Comments", "Board note", "Board's notes"]

    /// The three columns the board types in, with their names, for "missing column" warnings.
    static let typed: [(label: String, names: [String])] = [
        ("Board decision", decision), ("Owner", owner), ("Board notes", notes),
    ]

    /// The keys (`PreviousRun.key`) of every column title this tool writes on a table of discrepancies, or reads
    /// there: a column of another title is the board's own, and nothing of it is carried.
    static let toolColumnKeys: Set<String> = Set(
        (DiscrepanciesSheet.columns + [DiscrepanciesSheet.positionColumn] + ChangesSheet.columns
            + BoardHistorySheet.columns).map(\.title) + id + firstSeen + decision + owner + notes
    ).reduce(into: []) { $0.insert(PreviousRun.key($1)) }

    /// True for an id this tool gives a discrepancy: three capital letters, a dash, eight hex digits ("AFP-1A2B3C4D").
    static func isToolID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 12, bytes[3] == UInt8(ascii: "-") else { return false }
        let letters = bytes[0..<3].allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
        let hex = bytes[4...].allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x46) }
        return letters && hex
    }
}

/// A row the board added to a table of the workbook (no id, or an id this tool never gives), kept whole so that
/// nothing typed on it is lost: it goes on the "Board's own rows" sheet of the next workbook.
public struct BoardOwnRow: Sendable, Equatable {
    /// The sheet it was found on, in the workbook it was found in.
    public var sheet: String
    /// The id the board typed, if any.
    public var id: String
    public var decision: String
    public var owner: String
    public var notes: String
    /// The row's other cells, "Title: text" joined by "; ".
    public var otherCells: String

    public init(
        sheet: String, id: String = "", decision: String = "", owner: String = "", notes: String = "",
        otherCells: String = ""
    ) {
        self.sheet = sheet
        self.id = id
        self.decision = decision
        self.owner = owner
        self.notes = notes
        self.otherCells = otherCells
    }

    /// Two rows with the same text are one row, wherever they were found.
    var contentKey: String { [id, decision, owner, notes, otherCells].joined(separator: "\u{1F}") }
}

/// What one table of an earlier workbook (Discrepancies, Changes, Board notes history, Board's own rows) holds for
/// the board: the board's columns of each discrepancy row, the rows the board added, and the columns it lacks.
struct BoardTable {
    var rows: [PreviousDiscrepancy] = []
    var ownRows: [BoardOwnRow] = []
    var warnings: [String] = []
    /// Columns the board added and typed into on discrepancies' rows ("column 'Due date' on sheet 'Discrepancies'",
    /// an untitled one by its letter): nothing of them is carried, so a rerun must not replace the workbook.
    var uncarriedColumns: [String] = []

    /// Reads sheet `index` of `document` by its header row: the first row with an ID column. A missing board
    /// column is a warning naming the file and sheet.
    /// Returns nil when the sheet has no header row.
    static func read(_ document: any SpreadsheetDocument, sheet index: Int) throws
        -> BoardTable?
    {
        let sheet = document.sheets[index].name
        var table = BoardTable()
        // Every row of the Board's own rows sheet is the board's, whatever its id says.
        let allOwn = sheet == BoardWorkbook.SheetName.boardOwnRows
        var columns: [String: Int]?
        var titles: [Int: String] = [:]
        // The columns this tool writes or reads, and those holding what the board typed on a discrepancy's row.
        var toolColumns = Set<Int>()
        var uncarried = Set<Int>()
        try document.forEachRow(inSheet: index) { row in
            guard let found = columns else {
                columns = headerColumns(row)
                if columns != nil {
                    for (c, cell) in row.cells.enumerated() { if let cell { titles[c] = cell.text } }
                    toolColumns = Set(
                        titles.filter { BoardTitles.toolColumnKeys.contains(PreviousRun.key($0.value)) }.keys)
                }
                return
            }
            let titled = TitledRow(row: row, columns: found)
            if table.add(titled, titles: titles, sheet: sheet, allOwn: allOwn) {
                for (c, cell) in row.cells.enumerated() where !toolColumns.contains(c) && !uncarried.contains(c) {
                    if let cell, !cell.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                        uncarried.insert(c)
                    }
                }
            }
        }
        guard let columns else { return nil }
        table.uncarriedColumns = uncarried.sorted().map { c in
            let name = titles[c].map { "'\($0)'" } ?? columnLetters(c)
            return "column \(name) on sheet '\(sheet)'"
        }
        for (label, names) in BoardTitles.typed where !names.contains(where: { columns[PreviousRun.key($0)] != nil }) {
            table.warnings.append(
                "\(document.path), sheet '\(sheet)': no \(label) column (looked for "
                    + names.map { "'\($0)'" }.joined(separator: ", ") + "); that column was not carried")
        }
        return table
    }

    /// Every titled column of `row` when one of them is an ID column; nil when this is not the header row.
    private static func headerColumns(_ row: Row) -> [String: Int]? {
        var found: [String: Int] = [:]
        for (c, cell) in row.cells.enumerated() {
            guard let cell else { continue }
            let key = PreviousRun.key(cell.text)
            if !key.isEmpty, found[key] == nil { found[key] = c }
        }
        return BoardTitles.id.contains { found[PreviousRun.key($0)] != nil } ? found : nil
    }

    /// Takes one body row: a discrepancy's row when its ID is one of this tool's (returns true), else the board's own
    /// row.
    @discardableResult
    private mutating func add(_ row: TitledRow, titles: [Int: String], sheet: String, allOwn: Bool) -> Bool {
        func first(_ names: [String]) -> String {
            names.lazy.map { row.text($0) }.first { !$0.isEmpty } ?? ""
        }
        let id = first(BoardTitles.id)
        let decision = first(BoardTitles.decision)
        let owner = first(BoardTitles.owner)
        let notes = first(BoardTitles.notes)
        if !allOwn, BoardTitles.isToolID(id) {
            let firstSeen = BoardTitles.firstSeen.lazy.compactMap { row.cell($0).flatMap(PreviousRun.date) }.first
            rows.append(
                PreviousDiscrepancy(
                    id: id, severity: row.text("Severity"), kind: row.text("Class"),
                    registerRef: row.text("Register ref"), portalRef: row.text("Portal ref"),
                    description: row.text("Description"), firstSeen: firstSeen, decision: decision, owner: owner,
                    notes: notes, sheet: sheet))
            return true
        }
        // The Board's own rows sheet says where each row was first found and holds its other cells in one column.
        let ownTitles = [BoardOwnRowsSheet.Title.foundOn, BoardOwnRowsSheet.Title.otherCells]
        let known = Set(
            (BoardTitles.id + BoardTitles.decision + BoardTitles.owner + BoardTitles.notes + ownTitles).map(
                PreviousRun.key))
        var others =
            row.text(BoardOwnRowsSheet.Title.otherCells).isEmpty ? [] : [row.text(BoardOwnRowsSheet.Title.otherCells)]
        for (c, title) in titles.sorted(by: { $0.key < $1.key }) where !known.contains(PreviousRun.key(title)) {
            guard c < row.row.cells.count, let cell = row.row.cells[c] else { continue }
            let text = cell.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { others.append("\(title): \(text)") }
        }
        let foundOn = row.text(BoardOwnRowsSheet.Title.foundOn)
        let own = BoardOwnRow(
            sheet: foundOn.isEmpty ? sheet : foundOn, id: id, decision: decision, owner: owner, notes: notes,
            otherCells: others.joined(separator: "; "))
        // A row with nothing typed but an id, or nothing at all, holds nothing to keep.
        if !(decision.isEmpty && owner.isEmpty && notes.isEmpty && others.isEmpty) { ownRows.append(own) }
        return false
    }
}
