import Reconciliation
import Spreadsheet

/// The Discrepancies sheet: a row per discrepancy, by severity then class then reference, with the board's columns.
struct DiscrepanciesSheet {
    let book: BoardWorkbook

    /// Column titles and widths, in SPEC §7's order.
    static let columns: [(title: String, width: Double)] = [
        ("ID", 13), ("Severity", 9), ("Class", 22), ("Register ref", 12), ("Portal ref", 14), ("Type", 16),
        ("Inspection", 30), ("Description", 50), ("Register status", 18), ("Portal status", 18), ("Force lead", 18),
        ("Delivery lead", 18), ("Governance board", 22), ("Detail", 45), ("Suggested action", 35), ("First seen", 11),
        ("Board decision", 22), ("Owner", 16), ("Board notes", 40),
    ]

    func write(into sheet: SheetWriter) throws {
        let result = book.result
        let reg = result.register.records, por = result.portal.records
        for (i, column) in Self.columns.enumerated() {
            try sheet.setColumn(first: i, last: i, width: column.width)
            try sheet.write(row: 1, column: i, column.title, style: Styles.header)
        }
        var row = 1
        for d in result.discrepancies {
            row += 1
            let r = d.register.map { reg[$0] }, p = d.portal.map { por[$0] }
            let record = r ?? p
            let values: [String] = [
                d.id, d.severity.rawValue, d.kind.rawValue, d.registerRef ?? "", d.portalRef ?? "",
                record.map { $0.type.map(BoardWorkbook.typeLabel) ?? $0.typeText } ?? "",
                record?.inspection ?? "", record?.description ?? "", r?.statusText ?? "", p?.statusText ?? "",
                r?.forceLead ?? "", r?.deliveryLead ?? "", r?.governanceBoard ?? "", d.detail, d.kind.suggestedAction,
            ]
            for (column, value) in values.enumerated() {
                let style = column == 1 ? Styles.severity(d.severity) : (column == 7 || column == 13 || column == 14 || column == 6 ? Styles.wrapped : Styles.text)
                try sheet.write(row: row, column: column, value, style: style)
            }
            try sheet.write(row: row, column: 15, result.asOf, style: Styles.date)
        }
        let last = max(row, 2)
        try sheet.freezePanes(rows: 1)
        try sheet.autofilter(firstRow: 1, firstColumn: 0, lastRow: last, lastColumn: Self.columns.count - 1)
        try sheet.dataValidationList(firstRow: 2, lastRow: max(last, 1000), column: 16, items: BoardWorkbook.boardDecisions,
                                     inputTitle: "Board decision", inputMessage: "Choose what the board decided.")
        try sheet.setLandscape()
        try sheet.fitToPages(width: 1, height: 0)
        try sheet.repeatRows(first: 1, last: 1)
        try sheet.setFooter("&L\(book.forceName): discrepancies as at \(BoardWorkbook.ukDate(result.asOf))&RPage &P of &N")
    }
}
