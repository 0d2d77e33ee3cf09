import Foundation
import Reconciliation
import Spreadsheet

/// A row of a sheet read by its header row's titles, so that moved, added or deleted columns and re-sorted or
/// deleted rows read the same.
struct TitledRow {
    let row: Row
    /// Title key (`PreviousRun.key`) → 0-based column.
    let columns: [String: Int]

    func cell(_ title: String) -> CellValue? {
        guard let c = columns[PreviousRun.key(title)], c < row.cells.count else { return nil }
        return row.cells[c]
    }

    /// The cell as trimmed text; empty when the column or the cell is missing.
    func text(_ title: String) -> String {
        cell(title)?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    /// The cell as a day: a date, or text that reads as one.
    func date(_ title: String) -> CalendarDate? { cell(title).flatMap(DateText.date(from:)) }

    /// True when the sheet has a column of this title.
    func has(_ title: String) -> Bool { columns[PreviousRun.key(title)] != nil }
}

enum TitledRows {
    /// Calls `body` with each row below the first row holding every title of `required`; returns the titles of
    /// `wanted` that the header row lacks, or nil when no row holds `required`.
    @discardableResult
    static func read(
        _ document: any SpreadsheetDocument, sheet: Int, required: [String], wanted: [String],
        _ body: (TitledRow) throws -> Void
    ) throws -> [String]? {
        var columns: [String: Int]?
        try document.forEachRow(inSheet: sheet) { row in
            if let columns { return try body(TitledRow(row: row, columns: columns)) }
            var found: [String: Int] = [:]
            for (c, cell) in row.cells.enumerated() {
                guard let cell else { continue }
                let key = PreviousRun.key(cell.text)
                if !key.isEmpty, found[key] == nil { found[key] = c }
            }
            if required.allSatisfy({ found[PreviousRun.key($0)] != nil }) { columns = found }
        }
        guard let columns else { return nil }
        return wanted.filter { columns[PreviousRun.key($0)] == nil }
    }

    /// The index of the sheet named `name`, ignoring case; nil when there is none.
    static func sheet(named name: String, in document: any SpreadsheetDocument) -> Int? {
        document.sheets.firstIndex { $0.name.lowercased() == name.lowercased() }
    }
}
