/// Renders a document's cells exactly as read, for `hmic-reconcile dump` (SPEC §6).
public enum SheetDump {
    /// `{"sheets":[{"name":…,"visible":…,"cells":{"A1":value,…}}]}`: worksheets in workbook order (or only the
    /// sheet at `sheet`), cells in row then column order, empty cells and empty strings left out.
    public static func json(_ doc: any SpreadsheetDocument, sheet: Int? = nil) throws -> String {
        var out = "{\"sheets\":["
        let indices = try selected(doc, sheet)
        for (n, i) in indices.enumerated() {
            if n > 0 { out += "," }
            let info = doc.sheets[i]
            out += "{\"name\":"
            JSONText.appendString(info.name, to: &out)
            out += ",\"visible\":\(info.visible),\"cells\":{"
            var first = true
            try doc.forEachRow(inSheet: i) { row in
                for (column, cell) in row.cells.enumerated() {
                    guard let cell, !isEmpty(cell) else { continue }
                    if !first { out += "," }
                    first = false
                    out += "\""
                    out += cellReference(row: row.number, column: column)
                    out += "\":"
                    appendJSON(cell, to: &out)
                }
            }
            out += "}}"
        }
        out += "]}"
        return out
    }

    /// The sheet at `sheet` (or the first) as CSV: one line per row from row 1 to the last non-empty row, one
    /// field per column from A to the last non-empty column, RFC 4180 quoting, values as `CellValue.text`.
    /// Text that starts with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so that no spreadsheet
    /// program runs it as a formula.
    public static func csv(_ doc: any SpreadsheetDocument, sheet: Int? = nil) throws -> String {
        guard !doc.sheets.isEmpty || sheet != nil else { return "" }
        let index = try selected(doc, sheet ?? 0).first ?? 0
        let rows = try doc.rows(inSheet: index)
        let width = rows.map { row in (row.cells.lastIndex { $0.map { !isEmpty($0) } ?? false } ?? -1) + 1 }.max() ?? 0
        var out = ""
        var lastRow = 0
        for row in rows {
            while lastRow + 1 < row.number {
                out += String(repeating: ",", count: max(width - 1, 0)) + "\r\n"
                lastRow += 1
            }
            for column in 0..<width {
                if column > 0 { out += "," }
                guard let cell = row[column], !isEmpty(cell) else { continue }
                out += csvField(cell)
            }
            out += "\r\n"
            lastRow = row.number
        }
        return out
    }

    private static func selected(_ doc: any SpreadsheetDocument, _ sheet: Int?) throws -> [Int] {
        guard let sheet else { return Array(doc.sheets.indices) }
        guard doc.sheets.indices.contains(sheet) else {
            throw HMICError(.badData, file: doc.path,
                "there is no sheet number \(sheet + 1); the file has \(doc.sheets.count) sheet(s)")
        }
        return [sheet]
    }

    private static func isEmpty(_ cell: CellValue) -> Bool {
        if case .string(let s) = cell { return s.isEmpty }
        return false
    }

    /// Text goes through `CSVWriter.field` (quoting and formula-injection escape); numbers, dates and error codes
    /// never need either, and a negative number stays a number.
    private static func csvField(_ cell: CellValue) -> String {
        if case .string(let text) = cell { return CSVWriter.field(text) }
        return cell.text
    }

    /// A number as JSON: integers without a decimal point (1.0 → `1`), others in shortest round-trip form.
    static func jsonNumber(_ n: Double) -> String {
        guard n.isFinite else { return "null" }
        return CellValue.format(n)
    }

    static func appendJSON(_ cell: CellValue, to out: inout String) {
        switch cell {
        case .string(let s): JSONText.appendString(s, to: &out)
        case .number(let n): out += jsonNumber(n)
        case .bool(let b): out += b ? "true" : "false"
        case .date(let d): out += "{\"date\":\"\(d)\"}"
        case .dateTime(let d, let s): out += "{\"datetime\":\"\(d)T\(CellValue.clock(s))\"}"
        case .time(let s): out += "{\"time\":\"\(CellValue.clock(s))\"}"
        case .duration(let s): out += "{\"duration\":\(jsonNumber(s))}"
        case .error(let e):
            out += "{\"error\":"
            JSONText.appendString(e, to: &out)
            out += "}"
        }
    }

}
