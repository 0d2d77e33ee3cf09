import Reconciliation
import Spreadsheet

/// The Matched, Register and Portal sheets: every record read, with its source row, so nothing read is left out.
struct RecordSheets {
    let book: BoardWorkbook

    func writeMatched(into sheet: SheetWriter) throws {
        let result = book.result, reg = result.register.records, por = result.portal.records
        let titles = ["Register ref", "Portal ref", "Method", "Score", "Register row", "Portal row", "Type", "Group",
                      "Register state", "Portal state"]
        try header(titles, widths: [14, 16, 10, 8, 12, 11, 20, 34, 24, 24], into: sheet)
        var row = 1
        for m in result.alignment.matches {
            row += 1
            let r = reg[m.register], p = por[m.portal]
            try sheet.write(row: row, column: 0, r.displayReference)
            try sheet.write(row: row, column: 1, p.displayReference)
            try sheet.write(row: row, column: 2, m.method.rawValue)
            try sheet.write(row: row, column: 3, m.score, style: CellStyle(numberFormat: "0.00"))
            try sheet.write(row: row, column: 4, r.row)
            try sheet.write(row: row, column: 5, p.row)
            try sheet.write(row: row, column: 6, (r.type ?? p.type).map(BoardWorkbook.typeLabel) ?? r.typeText)
            try sheet.write(row: row, column: 7, r.group.rawValue)
            try sheet.write(row: row, column: 8, r.state?.rawValue ?? "unrecognised: \(r.statusText)")
            try sheet.write(row: row, column: 9, p.state?.rawValue ?? "unrecognised: \(p.statusText)")
        }
        try finish(sheet, lastRow: row, lastColumn: titles.count - 1)
    }

    func writeRecords(_ source: Source, into sheet: SheetWriter) throws {
        let result = book.result
        let loaded = source == .register ? result.register : result.portal
        let setAside = result.alignment.setAside[source] ?? [:]
        var partner: [Int: String] = [:]
        for m in result.alignment.matches {
            if source == .register { partner[m.register] = result.portal.records[m.portal].displayReference }
            else { partner[m.portal] = result.register.records[m.register].displayReference }
        }
        let titles = ["Row", "Reference", source == .register ? "Portal ref" : "Force", "Type as written", "Type",
                      "Status as written", "State", "Group", "Inspection", "Description", "Force lead", "Delivery lead",
                      "Governance board", "Target date", "Date closed", source == .register ? "Matched portal ref" : "Matched register ref",
                      "Note"]
        try header(titles, widths: [6, 14, 16, 18, 20, 22, 24, 30, 34, 50, 18, 18, 22, 11, 11, 16, 40], into: sheet)
        var row = 1
        for (index, r) in loaded.records.enumerated() {
            row += 1
            let texts: [String] = [
                r.reference, source == .register ? r.portalReference : r.force, r.typeText,
                r.type.map(BoardWorkbook.typeLabel) ?? "unrecognised", r.statusText, r.state?.rawValue ?? "unrecognised",
                r.group.rawValue, r.inspection, r.description, r.forceLead, r.deliveryLead, r.governanceBoard,
            ]
            try sheet.write(row: row, column: 0, r.row)
            for (i, text) in texts.enumerated() { try sheet.write(row: row, column: 1 + i, text) }
            if let d = r.targetDate { try sheet.write(row: row, column: 13, d, style: Styles.date) }
            if let d = r.closedDate { try sheet.write(row: row, column: 14, d, style: Styles.date) }
            try sheet.write(row: row, column: 15, partner[index] ?? "")
            try sheet.write(row: row, column: 16, setAside[index] ?? (partner[index] == nil ? "not matched" : ""))
        }
        for skipped in loaded.skipped {
            row += 1
            try sheet.write(row: row, column: 0, skipped.row)
            try sheet.write(row: row, column: 9, skipped.cells.filter { !$0.isEmpty }.joined(separator: " | "))
            try sheet.write(row: row, column: 16, "skipped: \(skipped.reason)")
        }
        try finish(sheet, lastRow: row, lastColumn: titles.count - 1)
    }

    private func header(_ titles: [String], widths: [Double], into sheet: SheetWriter) throws {
        for (i, title) in titles.enumerated() {
            try sheet.setColumn(first: i, last: i, width: widths[i])
            try sheet.write(row: 1, column: i, title, style: Styles.header)
        }
    }

    private func finish(_ sheet: SheetWriter, lastRow: Int, lastColumn: Int) throws {
        try sheet.freezePanes(rows: 1)
        try sheet.autofilter(firstRow: 1, firstColumn: 0, lastRow: max(lastRow, 2), lastColumn: lastColumn)
        try sheet.setLandscape()
        try sheet.fitToPages(width: 1, height: 0)
        try sheet.repeatRows(first: 1, last: 1)
    }
}

/// The Run sheet: version, arguments, inputs with their hashes, and every warning.
struct RunSheet {
    let book: BoardWorkbook

    func write(into sheet: SheetWriter) throws {
        let result = book.result
        try sheet.setColumn(first: 0, last: 0, width: 22)
        try sheet.setColumn(first: 1, last: 1, width: 100)
        var rows: [(String, String)] = [
            ("Tool", "\(ToolInfo.name) \(ToolInfo.version)"),
            ("As at", result.asOf.description),
            ("Arguments", book.arguments.joined(separator: " ")),
            ("Profile", "standard vocabulary (SPEC §2)"),
        ]
        for (label, facts, loaded) in [("Register", book.register, result.register), ("Portal", book.portal, result.portal)] {
            rows.append(("\(label) file", facts.path))
            rows.append(("\(label) SHA-256", facts.sha256))
            rows.append(("\(label) sheet", "\(loaded.sheet), header on row \(loaded.headerRow), \(loaded.rowsRead) rows read, \(loaded.records.count) records, \(loaded.skipped.count) skipped"))
        }
        for source in [result.register, result.portal] {
            for warning in source.warnings { rows.append(("Warning", warning)) }
            for skipped in source.skipped { rows.append(("Skipped", "\(source.source.noun) row \(skipped.row): \(skipped.reason)")) }
        }
        try sheet.write(row: 1, column: 0, "Item", style: Styles.header)
        try sheet.write(row: 1, column: 1, "Value", style: Styles.header)
        for (i, (label, value)) in rows.enumerated() {
            try sheet.write(row: i + 2, column: 0, label, style: Styles.text)
            try sheet.write(row: i + 2, column: 1, value, style: Styles.wrapped)
        }
    }
}
