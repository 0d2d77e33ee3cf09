import Reconciliation
import Spreadsheet

/// The Summary sheet: the seed's table computed, its notes, counts by class, changes, inputs and the trend chart.
struct SummarySheet {
    let book: BoardWorkbook
    let changes: Changes?
    let runs: [RunRecord]
    let historyTable: HistoryTable

    func write(into sheet: SheetWriter) throws {
        try writeTitle(into: sheet)
        var row = try writeSeedTable(into: sheet, at: 4)
        row = try writeNotes(into: sheet, after: row)
        row = try writeDiscrepancyCounts(into: sheet, at: row + 2)
        if let changes {
            row += 2
            try writeChanges(changes, into: sheet, at: row)
        }
        if let round = book.updateRound, round.hasReturns {
            row = try writeUpdateRound(round, into: sheet, at: row + 2)
        }
        row = try writeInputs(into: sheet, at: row + 2)
        if runs.count >= 2 {
            row += 2
            // The chart starts a printed page of its own, so that no page break cuts across it.
            try sheet.pageBreaks(before: [row])
            try writeTrendChart(into: sheet, at: row)
        }
        try PrintSetup.apply(to: sheet, footer: book.footer(BoardWorkbook.SheetName.summary), repeatHeader: nil)
    }

    /// The column widths and the two title lines.
    private func writeTitle(into sheet: SheetWriter) throws {
        try sheet.setColumn(first: 0, last: 0, width: 42)
        try sheet.setColumn(first: 1, last: 3, width: 14)
        try sheet.setColumn(first: 4, last: 4, width: 84)
        try sheet.hideGridlines()
        try sheet.write(
            row: 1, column: 0,
            "\(book.forceName): HMICFRS causes of concern, recommendations and areas for improvement",
            style: CellStyle(bold: true, fontSize: 16, fontColor: 0x1F3864))
        try sheet.write(
            row: 2, column: 0,
            "Force register reconciled with the HMIC monitoring portal, as at \(BoardWorkbook.ukDate(book.result.asOf))",
            style: Styles.subtitle)
    }

    /// The seed's table from `row`: a row per inspection group, a column per type, and the two totals. Returns the
    /// last row written.
    private func writeSeedTable(into sheet: SheetWriter, at row: Int) throws -> Int {
        let summary = book.result.summary
        var row = row
        try sheet.setRow(row, height: 30)
        try sheet.write(row: row, column: 0, "Inspection group", style: Styles.tableHeaderLeft)
        for (i, type) in RecordType.allCases.enumerated() {
            try sheet.write(row: row, column: 1 + i, type.columnTitle, style: Styles.tableHeader)
        }
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
        return row
    }

    /// What the brackets mean and the summary's footnotes, below the table that ends on `row`. Returns the last row
    /// written.
    private func writeNotes(into sheet: SheetWriter, after row: Int) throws -> Int {
        var row = row + 1
        try sheet.write(
            row: row, column: 0,
            "Note: Figures in brackets denote records which do not appear on the HMIC monitoring portal",
            style: Styles.note)
        for (i, note) in book.result.summary.footnotes.enumerated() {
            row += 1
            try sheet.write(row: row, column: 0, "(\(i + 1)) \(note)", style: Styles.note)
        }
        return row
    }

    /// Counts by class from `row`, with what each means, and their total. Returns the last row written.
    private func writeDiscrepancyCounts(into sheet: SheetWriter, at row: Int) throws -> Int {
        let result = book.result
        let summary = result.summary
        var row = row
        try sheet.write(row: row, column: 0, "Discrepancies", style: Styles.heading)
        try sheet.write(
            row: row, column: 1,
            "\(result.discrepancies.count) in all: \(result.summary.severityLine); a row each on the Discrepancies sheet",
            style: Styles.subtitle)
        row += 1
        for (column, title) in ["Class", "Severity", "Count", "", "Meaning"].enumerated() where !title.isEmpty {
            try sheet.write(
                row: row, column: column, title,
                style: column == 0 || column == 4 ? Styles.tableHeaderLeft : Styles.tableHeader)
        }
        try sheet.write(row: row, column: 3, "", style: Styles.tableHeader)
        for kind in DiscrepancyClass.allCases {
            row += 1
            try sheet.write(row: row, column: 0, kind.rawValue, style: Styles.rowLabel)
            try sheet.write(
                row: row, column: 1, kind.severity.rawValue, style: Styles.severity(kind.severity, border: true))
            try sheet.write(row: row, column: 2, summary.discrepancyCounts[kind] ?? 0, style: Styles.number)
            try sheet.write(row: row, column: 3, "", style: Styles.rowLabel)
            try sheet.write(row: row, column: 4, kind.meaning, style: Styles.rowLabel)
        }
        row += 1
        try sheet.write(row: row, column: 0, "All discrepancies", style: Styles.totalLabel)
        try sheet.write(row: row, column: 1, "", style: Styles.total)
        try sheet.write(row: row, column: 2, result.discrepancies.count, style: Styles.totalNumber)
        try sheet.write(row: row, column: 3, "", style: Styles.total)
        try sheet.write(row: row, column: 4, "", style: Styles.total)
        return row
    }

    /// One line on `row`: how many discrepancies are new, resolved and continuing since the previous run.
    private func writeChanges(_ changes: Changes, into sheet: SheetWriter, at row: Int) throws {
        let since =
            changes.previousAsOf.map { "Since the run as at \(BoardWorkbook.ukDate($0))" } ?? "Since the previous run"
        try sheet.write(row: row, column: 0, since, style: Styles.heading)
        try sheet.write(
            row: row, column: 1,
            "\(changes.new.count) new, \(changes.resolved.count) resolved, "
                + "\(changes.continuing.count) continuing discrepancies: see Changes", style: Styles.text)
    }

    /// The delivery leads' update round from `row`: forms sent and returned, updates, problems, closure candidates,
    /// and a row for each lead whose form has not come back. Returns the last row written.
    private func writeUpdateRound(_ round: UpdateRound, into sheet: SheetWriter, at row: Int) throws -> Int {
        var row = row
        try sheet.write(row: row, column: 0, "Delivery leads' updates", style: Styles.heading)
        try sheet.write(
            row: row, column: 1, round.headline + ": see the Updates and Closure candidates sheets", style: Styles.text)
        for (i, line) in Self.packed(round.formsMissing, width: 120).enumerated() {
            row += 1
            if i == 0 { try sheet.write(row: row, column: 0, "Forms not returned", style: Styles.label) }
            try sheet.write(row: row, column: 1, line, style: Styles.text)
        }
        return row
    }

    /// `names` joined by "; " into lines of at most `width` characters (a longer name has a line to itself): a
    /// list that runs across the empty columns to its right, a few lines long, rather than a page of rows.
    static func packed(_ names: [String], width: Int) -> [String] {
        var lines: [String] = []
        for name in names {
            if let last = lines.last, last.count + 2 + name.count <= width {
                lines[lines.count - 1] = last + "; " + name
            } else {
                lines.append(name)
            }
        }
        return lines
    }

    /// The two inputs from `row`, with their fingerprints. Returns the last row written.
    private func writeInputs(into sheet: SheetWriter, at row: Int) throws -> Int {
        let result = book.result
        var row = row
        try sheet.write(row: row, column: 0, "Inputs", style: Styles.heading)
        for (label, facts, loaded) in [
            ("Force register", book.register, result.register), ("HMIC monitoring portal", book.portal, result.portal),
        ] {
            row += 1
            try sheet.write(row: row, column: 0, label, style: Styles.label)
            let skipped = loaded.skipped.isEmpty ? "" : ", \(loaded.skipped.count) rows skipped (see Run)"
            try sheet.write(
                row: row, column: 1,
                "\(loaded.records.count) records from \(loaded.rowsRead) rows\(skipped): "
                    + "\(facts.path), \(RecordSheets.sheetsRead(loaded))", style: Styles.text)
            row += 1
            try sheet.write(row: row, column: 1, "SHA-256 \(facts.sha256)", style: Styles.subtitle)
        }
        return row
    }

    /// The heading on `row` and below it the chart of live items and high-severity discrepancies over the runs.
    private func writeTrendChart(into sheet: SheetWriter, at row: Int) throws {
        try sheet.write(row: row, column: 0, "Trend over runs", style: Styles.heading)
        let history = BoardWorkbook.SheetName.history
        func column(_ c: Int) -> CellRange {
            CellRange(sheet: history, column: c, firstRow: historyTable.firstRow, lastRow: historyTable.lastRow)
        }
        let highColumn = 2 + 2 * RecordType.allCases.count
        let series =
            RecordType.allCases.enumerated().map { i, type in
                ChartSeries(name: "Live \(type.noun(2)) on the register", values: column(2 + i))
            } + [ChartSeries(name: "High-severity discrepancies", values: column(highColumn))]
        let chart = LineChart(
            title: "Live items and high-severity discrepancies by run", categories: column(1),
            series: series, categoryAxisTitle: "As at", valueAxisTitle: "Items",
            widthScale: 2.2, heightScale: 1.1)
        try sheet.insertLineChart(chart, row: row + 1, column: 0)
    }

    /// "21 (2)": the count, and in brackets those not on the portal, as the seed's table writes it. Text, so that
    /// every client (Excel, LibreOffice, a CSV export) shows the bracket.
    static func figure(_ n: Int, _ notOnPortal: Int) -> String {
        notOnPortal > 0 ? "\(n) (\(notOnPortal))" : String(n)
    }
}
