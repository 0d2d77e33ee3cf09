/// Renders a document's cells exactly as read, for `hmic-reconcile dump` (rules §6).
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
        var out = ByteOutput()
        try CSVText(doc, sheet: sheet).write(to: &out)
        return String(decoding: out.pending, as: UTF8.self)
    }

    /// The CSV of `csv(_:sheet:)`, read whole before any of it is written, so that a sheet that fails to read
    /// writes nothing and its errors stay apart from the output's. The rows' fields are encoded as they are read
    /// and held as bytes up to each row's last non-empty cell; the width, which pads every line, is known only
    /// once the last row is read.
    public final class CSVText {
        private struct Line {
            var end: Int
            var fields: Int
            var number: Int
        }
        /// Used from one thread, as the document's rows arrive: no runtime exclusivity check on every byte.
        @exclusivity(unchecked) private var bytes = ByteBuffer(capacity: 1 << 20)
        private var lines: [Line] = []
        private var width = 0

        public init(_ doc: any SpreadsheetDocument, sheet: Int? = nil) throws {
            guard !doc.sheets.isEmpty || sheet != nil else { return }
            let index = try selected(doc, sheet ?? 0).first ?? 0
            try doc.forEachRow(inSheet: index) { add($0) }
        }

        deinit { bytes.deallocate() }

        private func add(_ row: Row) {
            let cells = row.cells
            var fields = cells.count
            while fields > 0, cells[fields - 1].map(isEmpty) ?? true { fields -= 1 }
            for column in 0..<fields {
                if column > 0 { bytes.append(0x2C) }
                guard let cell = cells[column], !isEmpty(cell) else { continue }
                appendCSVField(cell, to: &bytes)
            }
            lines.append(Line(end: bytes.count, fields: fields, number: row.number))
            width = max(width, fields)
        }

        /// Every row padded with empty fields to the sheet's width, and an empty line for each row missing before
        /// it; `output` is left to flush.
        public func write(to output: inout ByteOutput) throws {
            let commas = [UInt8](repeating: 0x2C, count: max(width - 1, 0))
            try commas.withUnsafeBufferPointer { commas in
                var start = 0
                var lastRow = 0
                for line in lines {
                    while lastRow + 1 < line.number {
                        output.append(commas)
                        output.append("\r\n")
                        try output.flushIfFull()
                        lastRow += 1
                    }
                    output.append(UnsafeBufferPointer(start: bytes.base + start, count: line.end - start))
                    output.append(UnsafeBufferPointer(rebasing: commas.prefix(max(width - max(line.fields, 1), 0))))
                    output.append("\r\n")
                    try output.flushIfFull()
                    start = line.end
                    lastRow = line.number
                }
            }
        }
    }

    private static func selected(_ doc: any SpreadsheetDocument, _ sheet: Int?) throws -> [Int] {
        guard let sheet else { return Array(doc.sheets.indices) }
        guard doc.sheets.indices.contains(sheet) else {
            throw HMICError(
                .badData, file: doc.path,
                "there is no sheet number \(sheet + 1); the file has \(doc.sheets.count) sheet(s)")
        }
        return [sheet]
    }

    private static func isEmpty(_ cell: CellValue) -> Bool {
        if case .string(let s) = cell { return s.isEmpty }
        return false
    }

    /// Text goes through `CSVWriter.field` (quoting and formula-injection escape); numbers, dates and error codes
    /// never need either, and a negative number stays a number. The bytes of `CellValue.text`, written without
    /// making a string for the common cells: integers, days from year 0 to 9999, times of day.
    static func appendCSVField(_ cell: CellValue, to out: inout ByteBuffer) {
        switch cell {
        case .string(let text): CSVWriter.appendField(text, to: &out)
        case .number(let n), .duration(let n): appendNumber(n, to: &out)
        case .bool(let b): out.append(b ? "TRUE" : "FALSE")
        case .date(let d): appendDate(d, to: &out)
        case .dateTime(let d, let s):
            appendDate(d, to: &out)
            out.append(0x54)
            let milliseconds = Int((s * 1000).rounded())
            appendClock(milliseconds / 1000, to: &out)
            if milliseconds % 1000 != 0 {
                // ".250": the clock of the milliseconds alone, after its "00:00:00".
                appendText(String(CellValue.clock(0, milliseconds: milliseconds % 1000).dropFirst(8)), to: &out)
            }
        case .time(let s): appendClock(s, to: &out)
        case .error(let e): appendText(e, to: &out)
        }
    }

    private static func appendText(_ text: String, to out: inout ByteBuffer) {
        text.withUTF8Bytes { out.append($0) }
    }

    /// `CellValue.format(n)`.
    private static func appendNumber(_ n: Double, to out: inout ByteBuffer) {
        if n == n.rounded(), abs(n) < 1e15 {
            out.appendDecimal(Int(Int64(n)))
        } else {
            appendText(CellValue.format(n), to: &out)
        }
    }

    /// `CalendarDate.description`.
    private static func appendDate(_ d: CalendarDate, to out: inout ByteBuffer) {
        guard (0...9999).contains(d.year), (0...99).contains(d.month), (0...99).contains(d.day) else {
            return appendText(d.description, to: &out)
        }
        appendDigits(d.year, 4, to: &out)
        out.append(0x2D)
        appendDigits(d.month, 2, to: &out)
        out.append(0x2D)
        appendDigits(d.day, 2, to: &out)
    }

    /// `CellValue.clock(seconds)`.
    private static func appendClock(_ seconds: Int, to out: inout ByteBuffer) {
        guard seconds >= 0 else { return appendText(CellValue.clock(seconds), to: &out) }
        let hours = seconds / 3600
        if hours < 10 { out.append(0x30) }
        out.appendDecimal(hours)
        out.append(0x3A)
        appendDigits((seconds / 60) % 60, 2, to: &out)
        out.append(0x3A)
        appendDigits(seconds % 60, 2, to: &out)
    }

    /// A value from 0 below `10^count`, in `count` digits with leading zeros.
    private static func appendDigits(_ value: Int, _ count: Int, to out: inout ByteBuffer) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        while divisor > 0 {
            out.append(0x30 + UInt8(value / divisor % 10))
            divisor /= 10
        }
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
        case .dateTime(let d, let s): out += "{\"datetime\":\"\(d)T\(CellValue.clock(secondsOfDay: s))\"}"
        case .time(let s): out += "{\"time\":\"\(CellValue.clock(s))\"}"
        case .duration(let s): out += "{\"duration\":\(jsonNumber(s))}"
        case .error(let e):
            out += "{\"error\":"
            JSONText.appendString(e, to: &out)
            out += "}"
        }
    }

}
