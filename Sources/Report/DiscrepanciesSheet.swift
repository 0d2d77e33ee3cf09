import Reconciliation
import Spreadsheet

/// The Discrepancies sheet: a row per discrepancy, by severity then class then reference, with the board's columns.
struct DiscrepanciesSheet {
    let book: BoardWorkbook

    /// Column titles in rules §7's order; the previous workbook is read back by these titles.
    static let columns: [TableColumn] = [
        TableColumn("ID", min: 12, max: 13), TableColumn("Severity", min: 8, max: 9),
        TableColumn("Class", min: 12, max: 16, wrap: true),
        TableColumn("Register ref", min: 9, max: 14, wrap: true),
        TableColumn("Portal ref", min: 9, max: 14, wrap: true),
        TableColumn("Type", min: 10, max: 15, wrap: true), TableColumn("Inspection", min: 12, max: 22, wrap: true),
        TableColumn("Description", min: 20, max: 40, wrap: true),
        TableColumn("Register status", min: 10, max: 14, wrap: true),
        TableColumn("Portal status", min: 10, max: 14, wrap: true),
        TableColumn("Force lead", min: 9, max: 14, wrap: true),
        TableColumn("Delivery lead", min: 9, max: 14, wrap: true),
        TableColumn("Governance board", min: 10, max: 16, wrap: true),
        TableColumn("Detail", min: 20, max: 34, wrap: true),
        TableColumn("Suggested action", min: 16, max: 28, wrap: true),
        TableColumn("First seen", min: 10, max: 11),
        TableColumn("Board decision", min: 15, max: 18, wrap: true, board: true),
        TableColumn("Owner", min: 10, max: 14, wrap: true, board: true),
        TableColumn("Board notes", min: 24, max: 36, wrap: true, board: true),
    ]
    static let decisionColumn = 16

    /// With an update round, after Suggested action: the item's latest position from its delivery lead, beside its
    /// discrepancy (rules §9). Without one the column is left out rather than printed empty.
    static let positionColumn = TableColumn("Latest position", min: 16, max: 30, wrap: true)

    func write(into sheets: [SheetWriter]) throws {
        let positions = book.updateRound?.latestByRecord
        // The columns after Suggested action move one to the right when Latest position is shown.
        let shift = positions == nil ? 0 : 1
        let columns =
            positions == nil ? Self.columns : Array(Self.columns[..<15]) + [Self.positionColumn] + Self.columns[15...]
        let result = book.result
        let reg = result.register.records
        let por = result.portal.records
        let carried = book.board.entries
        let table = try TableWriter(
            sheets: sheets, columns: columns,
            title: "Discrepancies: \(book.forceName), as at \(BoardWorkbook.ukDate(result.asOf))",
            subtitle:
                "\(result.discrepancies.count) discrepancies (\(result.summary.severityLine)), by severity, class and reference. "
                + "The green columns are for the board: choose a decision from the list, name an owner, add notes; they carry to next month's workbook.",
            rowLimit: book.rowLimit)
        let severityFormats = try Dictionary(
            uniqueKeysWithValues: Severity.allCases.map { ($0, try table.format(Styles.severity($0))) })
        for d in result.discrepancies {
            try table.newRow()
            // The register's record where there is one, else the portal's.
            let (records, index) = d.register.map { (reg, $0) } ?? d.portal.map { (por, $0) } ?? (reg, -1)
            let has = index >= 0
            try table.text(0, d.id)
            try table.text(1, d.severity.rawValue, format: severityFormats[d.severity])
            try table.text(2, d.kind.rawValue)
            try table.text(3, d.registerRef ?? "")
            try table.text(4, d.portalRef ?? "")
            let recordType = has ? records[index].type : nil
            try table.text(5, recordType.map(BoardWorkbook.typeLabel) ?? (has ? records[index].typeText : ""))
            try table.text(6, has ? records[index].inspection : "")
            try table.text(7, has ? records[index].description : "")
            try table.text(8, d.register.map { reg[$0].statusText } ?? "")
            try table.text(9, d.portal.map { por[$0].statusText } ?? "")
            try table.text(10, d.register.map { reg[$0].forceLead } ?? "")
            try table.text(11, d.register.map { reg[$0].deliveryLead } ?? "")
            try table.text(12, d.register.map { reg[$0].governanceBoard } ?? "")
            try table.text(13, d.detail)
            try table.text(14, d.kind.suggestedAction)
            if let positions { try table.text(15, d.register.flatMap { positions[$0]?.summaryLine } ?? "") }
            let before = carried[d.id]
            try table.date(15 + shift, before?.firstSeen ?? result.asOf)
            try table.text(16 + shift, before?.decision ?? "")
            try table.text(17 + shift, before?.owner ?? "")
            try table.text(18 + shift, before?.notes ?? "")
        }
        try table.finish(footer: { book.footer($0) }, paper: .a3)
        for (sheet, first, last) in table.bodyRanges {
            try sheet.dataValidationList(
                firstRow: first, lastRow: last, column: Self.decisionColumn + shift,
                items: BoardWorkbook.boardDecisions, inputTitle: "Board decision",
                inputMessage: "Choose what the board decided; it carries to next month's workbook.")
        }
        if result.discrepancies.contains(where: { $0.severity == .high }) {
            for sheet in sheets { try sheet.setTabColor(0xC00000) }
        }
    }
}
