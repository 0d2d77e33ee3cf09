import Reconciliation
import Spreadsheet

/// The Board notes history sheet: what the board wrote against discrepancies no longer reported, kept so that a
/// finding that resolves and later recurs gets its decision, owner and notes back.
struct BoardHistorySheet {
    let book: BoardWorkbook

    static let columns: [TableColumn] = [
        TableColumn("ID", min: 12, max: 13), TableColumn("Severity", min: 8, max: 9),
        TableColumn("Class", min: 12, max: 16, wrap: true),
        TableColumn("Register ref", min: 9, max: 14, wrap: true),
        TableColumn("Portal ref", min: 9, max: 14, wrap: true),
        TableColumn("Description", min: 24, max: 44, wrap: true), TableColumn("First seen", min: 10, max: 11),
        TableColumn("Board decision", min: 15, max: 18, wrap: true, board: true),
        TableColumn("Owner", min: 10, max: 14, wrap: true, board: true),
        TableColumn("Board notes", min: 24, max: 40, wrap: true, board: true),
    ]

    func write(into sheet: SheetWriter) throws {
        let table = try TableWriter(
            sheet: sheet, columns: Self.columns, title: "Board notes history: \(book.forceName)",
            subtitle: "What the board wrote against discrepancies no longer reported. "
                + "If one recurs, its decision, owner and notes return to the Discrepancies sheet.")
        for entry in book.board.history {
            try table.newRow()
            try table.text(0, entry.id)
            try table.text(1, entry.severity)
            try table.text(2, entry.kind)
            try table.text(3, entry.registerRef)
            try table.text(4, entry.portalRef)
            try table.text(5, entry.description)
            try table.date(6, entry.firstSeen)
            try table.text(7, entry.decision)
            try table.text(8, entry.owner)
            try table.text(9, entry.notes)
        }
        try table.finish(footer: book.footer(sheet.name))
    }
}

/// The Board's own rows sheet: rows the board added to a table (no id, or one this tool never gives), kept whole
/// and carried from month to month so that nothing typed on them is lost.
struct BoardOwnRowsSheet {
    let book: BoardWorkbook

    /// Titles this sheet is read back by.
    enum Title {
        static let foundOn = "Found on"
        static let otherCells = "Other cells"
    }

    static let columns: [TableColumn] = [
        TableColumn(Title.foundOn, min: 12, max: 16), TableColumn("ID", min: 12, max: 16),
        TableColumn("Board decision", min: 15, max: 18, wrap: true, board: true),
        TableColumn("Owner", min: 10, max: 14, wrap: true, board: true),
        TableColumn("Board notes", min: 24, max: 40, wrap: true, board: true),
        TableColumn(Title.otherCells, min: 24, max: 60, wrap: true),
    ]

    func write(into sheet: SheetWriter) throws {
        let table = try TableWriter(
            sheet: sheet, columns: Self.columns, title: "Board's own rows: \(book.forceName)",
            subtitle: "Rows the board added to the tables of earlier workbooks, as typed. "
                + "They are not discrepancies this tool found; they are kept so that nothing is lost.")
        for row in book.board.ownRows {
            try table.newRow()
            try table.text(0, row.sheet)
            try table.text(1, row.id)
            try table.text(2, row.decision)
            try table.text(3, row.owner)
            try table.text(4, row.notes)
            try table.text(5, row.otherCells)
        }
        try table.finish(footer: book.footer(sheet.name))
    }
}
