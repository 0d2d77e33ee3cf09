import Reconciliation
import Spreadsheet

/// The Summary sheet: the seed's table computed, its notes, counts by class, and the inputs.
struct SummarySheet {
    let book: BoardWorkbook

    func write(into sheet: SheetWriter) throws {
        let result = book.result, summary = result.summary
        try sheet.setColumn(first: 0, last: 0, width: 44)
        try sheet.setColumn(first: 1, last: 3, width: 16)
        try sheet.setColumn(first: 4, last: 4, width: 70)
        try sheet.write(row: 1, column: 0, "\(book.forceName): HMICFRS causes of concern, recommendations and areas for improvement", style: Styles.title)
        try sheet.write(row: 2, column: 0, "Force register reconciled with the HMIC monitoring portal, as at \(BoardWorkbook.ukDate(result.asOf))",
                        style: Styles.subtitle)

        var row = 4
        try sheet.write(row: row, column: 0, "", style: Styles.tableHeader)
        for (i, type) in RecordType.allCases.enumerated() {
            try sheet.write(row: row, column: 1 + i, type.columnTitle, style: Styles.tableHeader)
        }
        try sheet.setRow(row, height: 30)
        for group in InspectionGroup.allCases {
            row += 1
            try sheet.write(row: row, column: 0, group.rawValue, style: Styles.rowLabel)
            for (i, type) in RecordType.allCases.enumerated() {
                let c = summary.counts(group, type)
                try sheet.write(row: row, column: 1 + i, Self.figure(c.register, c.notOnPortal), style: Styles.count)
            }
        }
        row += 1
        try sheet.write(row: row, column: 0, "Total on Force register", style: Styles.totalLabel)
        for (i, type) in RecordType.allCases.enumerated() {
            let t = summary.total(type)
            try sheet.write(row: row, column: 1 + i, Self.figure(t.register, t.notOnPortal), style: Styles.total)
        }
        row += 1
        try sheet.write(row: row, column: 0, "Total on HMIC monitoring portal", style: Styles.totalLabel)
        for (i, type) in RecordType.allCases.enumerated() {
            try sheet.write(row: row, column: 1 + i, Self.figure(summary.total(type).portal, 0), style: Styles.total)
        }

        row += 2
        try sheet.write(row: row, column: 0, "Note: Figures in brackets denote records which do not appear on the HMIC monitoring portal",
                        style: Styles.subtitle)
        for (i, note) in summary.footnotes.enumerated() {
            row += 1
            try sheet.write(row: row, column: 0, "(\(i + 1)) \(note)", style: Styles.subtitle)
        }

        row += 2
        try sheet.write(row: row, column: 0, "Discrepancies", style: Styles.heading)
        row += 1
        for (column, title) in ["Class", "Severity", "Count", "", "Meaning"].enumerated() where !title.isEmpty {
            try sheet.write(row: row, column: column, title, style: Styles.tableHeader)
        }
        for kind in DiscrepancyClass.allCases {
            row += 1
            try sheet.write(row: row, column: 0, kind.rawValue, style: Styles.rowLabel)
            try sheet.write(row: row, column: 1, kind.severity.rawValue, style: Styles.severity(kind.severity))
            try sheet.write(row: row, column: 2, summary.discrepancyCounts[kind] ?? 0, style: Styles.number)
            try sheet.write(row: row, column: 4, kind.meaning, style: Styles.text)
        }
        row += 1
        try sheet.write(row: row, column: 0, "All discrepancies", style: Styles.totalLabel)
        try sheet.write(row: row, column: 2, result.discrepancies.count, style: Styles.totalNumber)

        row += 2
        try sheet.write(row: row, column: 0, "Inputs", style: Styles.heading)
        for (label, facts, loaded) in [("Force register", book.register, result.register), ("HMIC monitoring portal", book.portal, result.portal)] {
            row += 1
            try sheet.write(row: row, column: 0, label, style: Styles.rowLabel)
            try sheet.write(row: row, column: 1, "\(loaded.records.count) records", style: Styles.text)
            try sheet.write(row: row, column: 4, "\(facts.path), sheet '\(loaded.sheet)', header on row \(loaded.headerRow)", style: Styles.text)
            row += 1
            try sheet.write(row: row, column: 0, "SHA-256", style: Styles.subtitle)
            try sheet.write(row: row, column: 4, facts.sha256, style: Styles.subtitle)
        }
        try sheet.setLandscape()
        try sheet.fitToPages(width: 1, height: 0)
    }

    /// "21 (2)": the count, and in brackets those not on the portal, as the seed's table writes it. Text, so that
    /// every client (Excel, LibreOffice, a CSV export) shows the bracket.
    static func figure(_ n: Int, _ notOnPortal: Int) -> String {
        notOnPortal > 0 ? "\(n) (\(notOnPortal))" : String(n)
    }
}
