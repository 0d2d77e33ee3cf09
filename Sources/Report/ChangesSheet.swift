import Reconciliation
import Spreadsheet

/// The Changes sheet: discrepancies new since the previous run, resolved since, and continuing, with the
/// board's columns carried over by discrepancy id.
struct ChangesSheet {
    let book: BoardWorkbook
    let changes: Changes

    static let columns: [TableColumn] = [
        TableColumn("Change", min: 11, max: 11), TableColumn("ID", min: 12, max: 13),
        TableColumn("Severity", min: 8, max: 9),
        TableColumn("Class", min: 12, max: 16, wrap: true),
        TableColumn("Register ref", min: 9, max: 14, wrap: true),
        TableColumn("Portal ref", min: 9, max: 14, wrap: true),
        TableColumn("Description", min: 24, max: 44, wrap: true), TableColumn("First seen", min: 10, max: 11),
        TableColumn("Board decision", min: 15, max: 18, wrap: true, board: true),
        TableColumn("Owner", min: 10, max: 14, wrap: true, board: true),
        TableColumn("Board notes", min: 24, max: 40, wrap: true, board: true),
    ]

    static let newStyle = CellStyle(bold: true, fontColor: 0x9C0006, vertical: .top)
    static let resolvedStyle = CellStyle(bold: true, fontColor: 0x375623, vertical: .top)

    func write(into sheets: [SheetWriter]) throws {
        let result = book.result
        let reg = result.register.records
        let por = result.portal.records
        let since = changes.previousAsOf.map { "the run as at \(BoardWorkbook.ukDate($0))" } ?? "the previous run"
        let table = try TableWriter(
            sheets: sheets, columns: Self.columns,
            title: "Changes since \(since): \(book.forceName)",
            subtitle:
                "\(changes.new.count) new, \(changes.resolved.count) resolved, \(changes.continuing.count) continuing. "
                + "Board decision, Owner and Board notes carry over by discrepancy ID.",
            rowLimit: book.rowLimit)
        func description(_ d: Discrepancy) -> String {
            (d.register.map { reg[$0] } ?? d.portal.map { por[$0] })?.description ?? ""
        }
        for d in changes.new {
            try table.newRow()
            try table.text(0, "New", style: Self.newStyle)
            try current(d, description(d), table)
            // A finding back after resolving earlier, or new since the workbook a same-month rerun replaces, has
            // the board's columns too.
            if let carried = book.board.entries[d.id] {
                try board(carried, table)
            } else {
                try table.date(7, result.asOf)
            }
        }
        for p in changes.resolved {
            try table.newRow()
            try table.text(0, "Resolved", style: Self.resolvedStyle)
            try table.text(1, p.id)
            try table.text(2, p.severity, style: Severity(rawValue: p.severity).map { Styles.severity($0) })
            try table.text(3, p.kind)
            try table.text(4, p.registerRef)
            try table.text(5, p.portalRef)
            try table.text(6, p.description)
            try board(book.board.entries[p.id] ?? p, table)
        }
        for (d, p) in changes.continuing {
            try table.newRow()
            try table.text(0, "Continuing")
            try current(d, description(d), table)
            try board(book.board.entries[d.id] ?? p, table)
        }
        try table.finish(footer: { book.footer($0) })
    }

    private func current(_ d: Discrepancy, _ description: String, _ table: TableWriter) throws {
        try table.text(1, d.id)
        try table.text(2, d.severity.rawValue, style: Styles.severity(d.severity))
        try table.text(3, d.kind.rawValue)
        try table.text(4, d.registerRef ?? "")
        try table.text(5, d.portalRef ?? "")
        try table.text(6, description)
    }

    private func board(_ p: PreviousDiscrepancy, _ table: TableWriter) throws {
        try table.date(7, p.firstSeen)
        try table.text(8, p.decision)
        try table.text(9, p.owner)
        try table.text(10, p.notes)
    }
}
