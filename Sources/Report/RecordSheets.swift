import Reconciliation
import Spreadsheet

/// The Matched, Register and Portal sheets: every record read, with its source row, so nothing read is left out.
struct RecordSheets {
    let book: BoardWorkbook

    /// The pairs alone: each record's type, state and group are on its row of the Register and Portal sheets,
    /// which the rows here name, so they are not written a second time.
    func writeMatched(into sheets: [SheetWriter]) throws {
        let result = book.result
        let reg = result.register.records
        let por = result.portal.records
        let columns = [
            TableColumn("Register ref", min: 10, max: 16), TableColumn("Portal ref", min: 10, max: 16),
            TableColumn("Method", min: 9, max: 10), TableColumn("Score", min: 7, max: 7),
            TableColumn("Register row", min: 9, max: 9), TableColumn("Portal row", min: 9, max: 9),
        ]
        let table = try TableWriter(
            sheets: sheets, columns: columns, title: "Matched records: \(book.forceName)",
            subtitle:
                "\(result.alignment.matches.count) register records paired with a portal record, by reference or by wording (score 0–1). "
                + "Rows are as seen in each file; each record's type, state and group are on its row of the Register and Portal sheets.",
            heights: false, rowLimit: book.rowLimit)
        let score = try table.format(Styles.score)
        let rowNumber = try table.format(Styles.rowNumber)
        for m in result.alignment.matches {
            try table.newRow()
            try table.text(0, Record.displayReference(reg[m.register].reference, row: reg[m.register].row))
            try table.text(1, Record.displayReference(por[m.portal].reference, row: por[m.portal].row))
            try table.text(2, m.method.rawValue)
            try table.number(3, m.score, format: score)
            try table.number(4, reg[m.register].row, format: rowNumber)
            try table.number(5, por[m.portal].row, format: rowNumber)
        }
        try table.finish(footer: { book.footer($0) })
    }

    func writeRecords(_ source: Source, into sheets: [SheetWriter]) throws {
        let result = book.result
        let loaded = source == .register ? result.register : result.portal
        let setAside = result.alignment.setAside[source] ?? [:]
        let partner = partnerReferences(of: source)
        let isRegister = source == .register
        let several = loaded.sheetsRead.count > 1
        var columns = recordColumns(isRegister: isRegister)
        // A register kept on several sheets: each row names its sheet, after the columns every register has.
        let sheetColumn = columns.count
        if several { columns.append(TableColumn("Sheet", min: 10, max: 20, wrap: true)) }
        let last = sheetColumn - 1
        let table = try TableWriter(
            sheets: sheets, columns: columns,
            title: "\(isRegister ? "Force register" : "HMIC monitoring portal") as read: \(book.forceName)",
            subtitle:
                "Every row read from \(isRegister ? book.register.path : book.portal.path) (\(Self.sheetsRead(loaded))): "
                + "\(loaded.records.count) records and \(loaded.skipped.count) skipped rows, each with its row in the file. "
                + "Type as written is shown where it differs from Type.",
            heights: false, rowLimit: book.rowLimit)
        let rowNumber = try table.format(Styles.rowNumber)
        let records = loaded.records
        for index in records.indices {
            try table.newRow()
            try table.number(0, records[index].row, format: rowNumber)
            try table.text(1, records[index].reference)
            try table.text(2, isRegister ? records[index].portalReference : records[index].force)
            // The text as written only where it differs from the canonical type beside it.
            let type = records[index].type.map(BoardWorkbook.typeLabel) ?? "unrecognised"
            if records[index].typeText != type { try table.text(3, records[index].typeText) }
            try table.text(4, type)
            try table.text(5, records[index].statusText)
            try table.text(6, records[index].state?.rawValue ?? "unrecognised")
            try table.text(7, records[index].group.rawValue)
            try table.text(8, records[index].inspection)
            try table.text(9, records[index].description)
            var c = 10
            if isRegister {
                try table.text(10, records[index].forceLead)
                try table.text(11, records[index].deliveryLead)
                try table.text(12, records[index].governanceBoard)
                try table.date(13, records[index].targetDate)
                c = 14
                if book.hasPEELColumn {
                    try table.text(14, records[index].peelArea)
                    c = 15
                }
            }
            try table.date(c, records[index].closedDate)
            try table.text(c + 1, partner[index] ?? "")
            try table.text(c + 2, setAside[index] ?? (partner[index] == nil ? "not matched" : ""))
            if several { try table.text(sheetColumn, records[index].sheet) }
        }
        for skipped in loaded.skipped {
            try table.newRow()
            try table.number(0, skipped.row, format: rowNumber)
            try table.text(9, skipped.cells.filter { !$0.isEmpty }.joined(separator: " | "))
            try table.text(last, skipped.kind == .skipped ? "skipped: \(skipped.reason)" : skipped.reason)
            if several { try table.text(sheetColumn, skipped.sheet) }
        }
        try table.finish(footer: { book.footer($0) })
    }

    /// "sheet 'Register', header on row 4", or each sheet with its header row when there are several.
    static func sheetsRead(_ loaded: LoadedSource) -> String {
        guard loaded.sheetsRead.count > 1 else { return "sheet '\(loaded.sheet)', header on row \(loaded.headerRow)" }
        return "sheets " + loaded.sheetsRead.map { "'\($0.name)' (header on \($0.headerRows))" }.joined(separator: ", ")
    }

    /// For each record of `source`, by position, the display reference of the record it was paired with.
    private func partnerReferences(of source: Source) -> [String?] {
        let result = book.result
        let loaded = source == .register ? result.register : result.portal
        var partner = [String?](repeating: nil, count: loaded.records.count)
        let other = source == .register ? result.portal.records : result.register.records
        for m in result.alignment.matches {
            let (own, theirs) = source == .register ? (m.register, m.portal) : (m.portal, m.register)
            partner[own] = Record.displayReference(other[theirs].reference, row: other[theirs].row)
        }
        return partner
    }

    /// The Register or Portal sheet's columns: the fields both sides have, the register's own, then the pairing.
    private func recordColumns(isRegister: Bool) -> [TableColumn] {
        var columns = [
            TableColumn("Row", min: 6, max: 8), TableColumn("Reference", min: 10, max: 16),
            TableColumn(isRegister ? "Portal ref" : "Force", min: 10, max: 18),
            TableColumn("Type as written", min: 10, max: 18, wrap: true),
            TableColumn("Type", min: 12, max: 15, wrap: true),
            TableColumn("Status as written", min: 10, max: 18, wrap: true), TableColumn("State", min: 10, max: 25),
            TableColumn("Group", min: 12, max: 18, wrap: true), TableColumn("Inspection", min: 14, max: 26, wrap: true),
            TableColumn("Description", min: 24, max: 48, wrap: true),
        ]
        if isRegister {
            columns += [
                TableColumn("Force lead", min: 10, max: 16, wrap: true),
                TableColumn("Delivery lead", min: 10, max: 16, wrap: true),
                TableColumn("Governance board", min: 10, max: 18, wrap: true),
                TableColumn("Target date", min: 10, max: 11),
            ]
            if book.hasPEELColumn { columns.append(TableColumn("PEEL question", min: 10, max: 20, wrap: true)) }
        }
        columns += [
            TableColumn("Date closed", min: 10, max: 11),
            TableColumn(isRegister ? "Matched portal ref" : "Matched register ref", min: 10, max: 16),
            TableColumn("Note", min: 14, max: 40, wrap: true),
        ]
        return columns
    }
}

/// The Run sheet: version, arguments, inputs with their hashes, and every warning. Its "Tool" row marks the
/// workbook as this tool's, which `PreviousRun.read` checks.
struct RunSheet {
    let book: BoardWorkbook

    /// The sheet's rows: label and value.
    var rows: [(String, String)] {
        let result = book.result
        var rows: [(String, String)] = [
            ("Tool", "\(ToolInfo.name) \(ToolInfo.version)"),
            ("As at", result.asOf.description),
            ("Force", book.forceName),
            ("Arguments", book.arguments.joined(separator: " ")),
            ("Profile", book.profile.map { "\($0.path), SHA-256 \($0.sha256)" } ?? "none: the standard vocabulary"),
        ]
        if let previous = book.previous {
            rows.append(
                (
                    "Previous workbook",
                    previous.path + (previous.asOf.map { ", as at \($0)" } ?? "")
                        + ", \(previous.discrepancies.count) discrepancies, \(previous.history.count) runs of history"
                ))
        }
        if book.board.namesSources { rows.append(("Board columns from", book.board.sourceLine)) }
        for warning in book.board.warnings { rows.append(("Warning", warning)) }
        for (label, facts, loaded) in [
            ("Register", book.register, result.register), ("Portal", book.portal, result.portal),
        ] {
            rows.append(("\(label) file", facts.path))
            rows.append(("\(label) SHA-256", facts.sha256))
            if let encoding = loaded.textEncoding { rows.append(("\(label) encoding", encoding)) }
            rows += Self.sheetRows(label, loaded)
        }
        for notice in result.notices { rows.append(("Notice", notice)) }
        for source in [result.register, result.portal] {
            for warning in source.warnings { rows.append(("Warning", warning)) }
            rows += Self.layoutRows(source)
        }
        for d in result.discrepancies where d.kind == .unrecognisedValue {
            rows.append(("Unrecognised value", d.detail))
        }
        for form in book.updateForms { rows.append(("Update form", "\(form.path), SHA-256 \(form.sha256)")) }
        for problem in book.updateRound?.formProblems ?? [] {
            rows.append(("Update form note", "\(problem.file): \(problem.message)"))
        }
        return rows
    }

    /// How each sheet of a side was read, and each sheet left out and why. A side read from one sheet keeps the
    /// one line it always had.
    static func sheetRows(_ label: String, _ loaded: LoadedSource) -> [(String, String)] {
        guard loaded.sheetsRead.count > 1 else {
            return [
                (
                    "\(label) sheet",
                    "\(loaded.sheet), header on row \(loaded.headerRow), \(loaded.rowsRead) rows read, "
                        + "\(loaded.records.count) records, \(loaded.skipped.count) skipped"
                )
            ] + leftOutRows(label, loaded)
        }
        let read = loaded.sheetsRead.map { sheet in
            let layout = loaded.skipped.filter { $0.sheet == sheet.name }.count
            return (
                "\(label) sheet",
                "\(sheet.name), header on \(sheet.headerRows), \(sheet.rowsRead) rows read, "
                    + "\(sheet.records) records, \(layout) not records"
            )
        }
        return read + leftOutRows(label, loaded)
    }

    private static func leftOutRows(_ label: String, _ loaded: LoadedSource) -> [(String, String)] {
        loaded.sheetsLeftOut.map { ("\(label) sheet not read", "\($0.name): \($0.reason)") }
    }

    /// Every row below a header that is not a record, with its kind and reason; blank rows as runs per sheet.
    static func layoutRows(_ source: LoadedSource) -> [(String, String)] {
        let several = source.sheetsRead.count > 1
        func place(_ sheet: String) -> String {
            several ? "\(source.source.noun) sheet '\(sheet)'" : source.source.noun
        }
        var rows = source.skipped.map { skipped in
            (label(of: skipped.kind), "\(place(skipped.sheet)) row \(skipped.row): \(skipped.reason)")
        }
        // Each blank row on a line of its own, as every other row that is not a record; a long run (a gap left
        // between tables) on one line.
        for sheet in source.sheetsRead {
            for run in sheet.blankRows {
                if run.count > Self.blankRowsListedOneByOne {
                    rows.append(
                        (
                            "Blank rows",
                            "\(place(sheet.name)) rows \(run.lowerBound)–\(run.upperBound): blank, not records"
                        ))
                } else {
                    rows += run.map { ("Blank row", "\(place(sheet.name)) row \($0): blank, not a record") }
                }
            }
        }
        return rows
    }

    /// The longest run of blank rows listed a row to a line.
    static let blankRowsListedOneByOne = 10

    /// The Run sheet's label for a layout row of `kind`.
    private static func label(of kind: RowKind) -> String {
        switch kind {
        case .heading: return "Heading row"
        case .totals: return "Totals row"
        case .key: return "Key row"
        case .action: return "Action row"
        case .blank: return "Blank rows"
        case .skipped: return "Skipped"
        }
    }

    /// Writes `rows` (from `rows`) on `sheets`: the first, and continuations when there are more than a sheet holds.
    func write(_ rows: [(String, String)], into sheets: [SheetWriter]) throws {
        let table = try TableWriter(
            sheets: sheets,
            columns: [TableColumn("Item", min: 20, max: 20), TableColumn("Value", min: 60, max: 110, wrap: true)],
            title: "Run: how this workbook was made",
            subtitle: "Version, command, inputs with their SHA-256 fingerprints, and every warning and skipped row.",
            rowLimit: book.rowLimit)
        for (label, value) in rows {
            try table.newRow()
            try table.text(0, label)
            try table.text(1, value)
        }
        try table.finish(footer: { book.footer($0) })
    }
}
