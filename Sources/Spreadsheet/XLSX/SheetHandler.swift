#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Excel's grid: 1,048,576 rows by 16,384 columns.
enum ExcelLimits {
    static let rows = 1_048_576
    static let columns = 16_384
}

/// Streams one worksheet part's `<sheetData>`, turning each `<row>` into a `Row`. This is the hot path: names
/// are compared as bytes, character data goes into one reusable buffer, and no Foundation is used.
final class SheetHandler: SAXHandler {
    private enum CellType { case number, shared, inline, formulaString, bool, error, iso }

    private let file: String
    private let sheet: String
    private let sharedStrings: SharedStrings
    /// A shared string read more than once is made into a `String` at its second reading, and that string is given
    /// to every later one, so that a column's repeats are one string; a
    /// string read once (a description) is made for its cell only. Per item: 0 when not yet read, 1 when read once,
    /// else its place in `made` plus 2 (four bytes an item, however many the table holds). A short string is
    /// already a `String`.
    @exclusivity(unchecked) private var reading: [UInt32]
    @exclusivity(unchecked) private var made: [String] = []
    private let styles: [NumberKind]
    private let date1904: Bool
    private let body: (Row) throws -> Void

    private var rowNumber = 0
    @exclusivity(unchecked) private var cells: [CellValue?] = []
    private var cellCount = 0
    private var nextColumn = 0

    private var inCell = false
    private var column = 0
    private var type = CellType.number
    private var style = 0
    private var hasValue = false
    @exclusivity(unchecked) private var value: [UInt8] = []
    private var inInline = false
    @exclusivity(unchecked) private var inlineText: String?
    private var phonetic = 0
    private var preserve = false

    init(
        file: String, sheet: String, sharedStrings: SharedStrings, styles: [NumberKind], date1904: Bool,
        body: @escaping (Row) throws -> Void
    ) {
        self.file = file
        self.sheet = sheet
        self.sharedStrings = sharedStrings
        reading = Array(repeating: 0, count: sharedStrings.count)
        self.styles = styles
        self.date1904 = date1904
        self.body = body
        super.init()
        value.reserveCapacity(64)
    }

    private func error(_ message: String, row: Int? = nil, column: Int? = nil) -> HMICError {
        HMICError(.badData, file: file, sheet: sheet, row: row, column: column, message)
    }

    override func start(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) {
        switch name[0] {
        case UInt8(ascii: "c") where name[1] == 0:
            startCell(attributes)
        case UInt8(ascii: "v") where name[1] == 0:
            if inCell && !inInline {
                collecting = true
                text.removeAll(keepingCapacity: true)
            }
        case UInt8(ascii: "t") where name[1] == 0:
            if inInline && phonetic == 0 {
                collecting = true
                text.removeAll(keepingCapacity: true)
                preserve = attributes.bytes("space").map { $0.elementsEqual("preserve".utf8) } ?? false
            }
        case UInt8(ascii: "r"):
            if name[1] == 0 { break }  // a rich-text run: its <t> is collected
            if nameIs(name, "row") { startRow(attributes) } else if nameIs(name, "rPh") { phonetic += 1 }
        case UInt8(ascii: "i") where nameIs(name, "is"):
            if inCell {
                inInline = true
                inlineText = inlineText ?? ""
            }
        default:
            break
        }
    }

    override func end(_ name: UnsafePointer<UInt8>) {
        switch name[0] {
        case UInt8(ascii: "c") where name[1] == 0:
            endCell()
        case UInt8(ascii: "v") where name[1] == 0:
            if collecting && !inInline {
                collecting = false
                swap(&value, &text)
                hasValue = true
            }
        case UInt8(ascii: "t") where name[1] == 0:
            if collecting && inInline {
                collecting = false
                inlineText = (inlineText ?? "") + textValue(text[...], preserve: preserve)
            }
        case UInt8(ascii: "r"):
            if nameIs(name, "row") { flushRow() } else if nameIs(name, "rPh") { phonetic -= 1 }
        case UInt8(ascii: "i") where nameIs(name, "is"):
            inInline = false
        default:
            break
        }
    }

    /// Parses a decimal number from bytes; nil when any byte is not a digit.
    @inline(__always)
    private static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !b.isEmpty, b.count <= 18 else { return nil }
        var n = 0
        for c in b {
            guard c >= 48 && c <= 57 else { return nil }
            n = n * 10 + Int(c - 48)
        }
        return n
    }

    private func startRow(_ attributes: XMLAttributes) {
        flushRow()
        if let r = attributes.bytes("r") {
            guard let n = SheetHandler.integer(r), n >= 1 else {
                fail(
                    error(
                        "a row number '\(String(decoding: r, as: UTF8.self))' is not valid; open the file in Excel and save it again",
                        row: rowNumber + 1))
                return
            }
            rowNumber = n
        } else {
            rowNumber += 1
        }
        if rowNumber > ExcelLimits.rows {
            fail(
                error(
                    "row \(rowNumber) lies beyond Excel's last row (\(ExcelLimits.rows)); the file is damaged or hostile"
                ))
        }
        nextColumn = 0
    }

    private func startCell(_ attributes: XMLAttributes) {
        inCell = true
        hasValue = false
        inlineText = nil
        inInline = false
        type = .number
        style = 0
        column = nextColumn
        if rowNumber == 0 { rowNumber = 1 }
        if let r = attributes.bytes("r"), !r.isEmpty {
            // Letters then digits, e.g. "AB12".
            var i = 0
            var col = 0
            while i < r.count, case let c = r[i] | 0x20, c >= 97 && c <= 122 {
                col = col * 26 + Int(c - 96)
                if col > ExcelLimits.columns { break }
                i += 1
            }
            if col > ExcelLimits.columns {
                fail(
                    error(
                        "a cell lies beyond Excel's last column (XFD); the file is damaged or hostile", row: rowNumber))
                return
            }
            if col > 0 { column = col - 1 }
            if i < r.count {
                if let n = SheetHandler.integer(UnsafeBufferPointer(rebasing: r[i...])), n >= 1 {
                    if n > ExcelLimits.rows {
                        fail(
                            error(
                                "row \(n) lies beyond Excel's last row (\(ExcelLimits.rows)); the file is damaged or hostile"
                            ))
                        return
                    }
                    if n != rowNumber {
                        flushRow()
                        rowNumber = n
                    }
                }
            }
        }
        if column >= ExcelLimits.columns {
            fail(error("a cell lies beyond Excel's last column (XFD); the file is damaged or hostile", row: rowNumber))
            return
        }
        nextColumn = column + 1
        if let t = attributes.bytes("t"), !t.isEmpty {
            switch t[0] {
            case UInt8(ascii: "s"): type = t.count == 1 ? .shared : .formulaString
            case UInt8(ascii: "i"): type = .inline
            case UInt8(ascii: "b"): type = .bool
            case UInt8(ascii: "e"): type = .error
            case UInt8(ascii: "d"): type = .iso
            default: type = .number
            }
        }
        if let s = attributes.bytes("s"), let n = SheetHandler.integer(s) { style = n }
    }

    private func endCell() {
        guard inCell else { return }
        inCell = false
        inInline = false
        collecting = false
        guard let cell = makeValue() else { return }
        while cells.count <= column { cells.append(nil) }
        if cells[column] == nil { cellCount += 1 }
        cells[column] = cell
    }

    private func makeValue() -> CellValue? {
        switch type {
        case .inline:
            if let inlineText { return inlineText.isEmpty ? nil : .string(inlineText) }
            return hasValue ? stringValue() : nil
        case .shared:
            guard hasValue else { return nil }
            let index = value.withUnsafeBufferPointer { SheetHandler.integer(trimmed($0)) }
            guard let index else {
                if value.allSatisfy(isXMLSpace) { return nil }
                fail(
                    error(
                        "the shared-string index '\(String(decoding: value, as: UTF8.self))' is not a number; open the file in Excel and save it again",
                        row: rowNumber, column: column))
                return nil
            }
            guard index < sharedStrings.count else {
                fail(
                    error(
                        "the cell refers to shared string \(index) but the workbook has only \(sharedStrings.count); open the file in Excel and save it again",
                        row: rowNumber, column: column))
                return nil
            }
            let span = sharedStrings.spans[index]
            guard span != .empty else { return nil }
            if span.isFlagged { return .string(sharedStrings.shortString(span)) }
            let state = reading[index]
            if state >= 2 { return .string(made[Int(state - 2)]) }
            let s = sharedStrings.store.string(span)
            if state == 1 {
                reading[index] = UInt32(made.count + 2)
                made.append(s)
            } else {
                reading[index] = 1
            }
            return .string(s)
        case .formulaString:
            return hasValue ? stringValue() : nil
        case .bool:
            guard hasValue else { return nil }
            let t = value.withUnsafeBufferPointer { Array(trimmed($0)) }
            return .bool(t == [UInt8(ascii: "1")] || t.elementsEqual("true".utf8) || t.elementsEqual("TRUE".utf8))
        case .error:
            guard hasValue else { return nil }
            return .error(value.withUnsafeBufferPointer { String(decoding: trimmed($0), as: UTF8.self) })
        case .iso:
            guard hasValue else { return nil }
            let s = value.withUnsafeBufferPointer { String(decoding: trimmed($0), as: UTF8.self) }
            if s.isEmpty { return nil }
            return ExcelDate.iso(s) ?? .string(s)
        case .number:
            guard hasValue else { return nil }
            guard let n = parseNumber() else {
                let s = value.withUnsafeBufferPointer { String(decoding: trimmed($0), as: UTF8.self) }
                return s.isEmpty ? nil : .string(s)
            }
            let kind = style < styles.count ? styles[style] : .number
            switch kind {
            case .number: return .number(n)
            case .date: return ExcelDate.value(serial: n, date1904: date1904)
            case .duration: return .duration((n * 86_400_000).rounded() / 1000)
            }
        }
    }

    private func stringValue() -> CellValue? {
        let s = value.withUnsafeBufferPointer { decodeOOXMLEscapes($0) }
        return s.isEmpty ? nil : .string(s)
    }

    @inline(__always)
    private func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lo = 0
        var hi = b.count
        while lo < hi, isXMLSpace(b[lo]) { lo += 1 }
        while hi > lo, isXMLSpace(b[hi - 1]) { hi -= 1 }
        return UnsafeBufferPointer(rebasing: b[lo..<hi])
    }

    /// The value as a finite double, or nil when it is not entirely a number.
    private func parseNumber() -> Double? {
        value.append(0)
        defer { value.removeLast() }
        return value.withUnsafeBufferPointer { buf -> Double? in
            let t = trimmed(UnsafeBufferPointer(rebasing: buf[..<(buf.count - 1)]))
            guard let start = t.baseAddress, !t.isEmpty else { return nil }
            // Plain integers (the common case) without strtod.
            if t.count <= 15 {
                var n = 0
                var ok = true
                var i = 0
                let negative = t[0] == UInt8(ascii: "-")
                if negative { i = 1 }
                if i == t.count { ok = false }
                while i < t.count {
                    let c = t[i]
                    guard c >= 48 && c <= 57 else {
                        ok = false
                        break
                    }
                    n = n * 10 + Int(c - 48)
                    i += 1
                }
                if ok { return Double(negative ? -n : n) }
            }
            // strtod would accept "inf", "nan" and hex: only decimal numbers are numbers here.
            for c in t {
                switch c {
                case 48...57, UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "e"),
                    UInt8(ascii: "E"):
                    continue
                default: return nil
                }
            }
            var end: UnsafeMutablePointer<CChar>?
            let p = UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self)
            let d = strtod(p, &end)
            guard let end, UnsafeRawPointer(end) == UnsafeRawPointer(start + t.count), d.isFinite else { return nil }
            return d
        }
    }

    private func flushRow() {
        guard cellCount > 0 else {
            if !cells.isEmpty { cells.removeAll(keepingCapacity: true) }
            return
        }
        let row = Row(number: rowNumber, cells: cells)
        cells = []
        cellCount = 0
        do { try body(row) } catch { fail(error) }
    }

    /// Emits the last row; call after the parse ends.
    func finish() {
        flushRow()
    }
}

/// Excel serial dates and ISO 8601 text as cell values.
enum ExcelDate {
    /// Days from 1970-01-01 back to Excel's day 0 (1899-12-30).
    private static let epochOffset = -25_569

    /// A serial number in the workbook's date system as a date (whole days), a time of day (below 1, to the
    /// nearest second) or a date and time, to the nearest millisecond. Dates before 1900-03-01 take Excel's
    /// phantom 1900-02-29 into account.
    static func value(serial: Double, date1904: Bool) -> CellValue {
        var f = date1904 ? serial + 1462 : serial
        if f < 60 { f += 1 }
        let milliseconds = (f * 86_400_000).rounded()
        guard milliseconds.isFinite, f >= 0, milliseconds < 1e16 else { return .number(serial) }
        let total = Int(milliseconds)
        let days = total / 86_400_000
        let secondsOfDay = (total % 86_400_000) / 1000
        let millisecondsLeft = total % 1000
        if serial < 1 && serial >= 0 && !date1904 {
            let rounded = (total % 86_400_000 + 500) / 1000
            return .time(secondsOfDay: rounded % 86_400)
        }
        let date = CalendarDate(daysSinceEpoch: days + epochOffset)
        if secondsOfDay == 0 && millisecondsLeft == 0 { return .date(date) }
        return .dateTime(date, secondsOfDay: Double(secondsOfDay) + Double(millisecondsLeft) / 1000)
    }

    /// ISO 8601 text of a `t="d"` cell: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]` or `HH:MM[:SS]`.
    static func iso(_ s: String) -> CellValue? {
        let u = Array(s.utf8)
        func num(_ from: Int, _ n: Int) -> Int? {
            guard from + n <= u.count else { return nil }
            var v = 0
            for i in from..<(from + n) {
                guard u[i] >= 48 && u[i] <= 57 else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        /// Milliseconds since midnight.
        func clock(_ at: Int) -> Int? {
            guard let h = num(at, 2), at + 2 < u.count, u[at + 2] == 58, let m = num(at + 3, 2) else { return nil }
            var sec = 0.0
            var i = at + 5
            if i < u.count, u[i] == 58 {
                guard let s = num(i + 1, 2) else { return nil }
                sec = Double(s)
                i += 3
                if i < u.count, u[i] == 46 || u[i] == 44 {
                    var scale = 0.1
                    i += 1
                    while i < u.count, u[i] >= 48 && u[i] <= 57 {
                        sec += Double(u[i] - 48) * scale
                        scale /= 10
                        i += 1
                    }
                }
            }
            guard h < 24 || (h == 24 && m == 0 && sec == 0), m < 60, sec < 61 else { return nil }
            return (h * 3600 + m * 60) * 1000 + Int((sec * 1000).rounded())
        }
        if u.count >= 10, u[4] == 45, u[7] == 45 {
            guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2),
                CalendarDate.isValid(year: y, month: mo, day: d)
            else { return nil }
            let date = CalendarDate(year: y, month: mo, day: d)
            if u.count == 10 { return .date(date) }
            guard u[10] == 84 || u[10] == 32, var ms = clock(11) else { return nil }
            if ms >= 86_400_000 {
                ms -= 86_400_000
                return .dateTime(
                    CalendarDate(daysSinceEpoch: date.daysSinceEpoch + 1), secondsOfDay: Double(ms) / 1000)
            }
            return ms == 0 ? .date(date) : .dateTime(date, secondsOfDay: Double(ms) / 1000)
        }
        if u.count >= 5, u[2] == 58, let ms = clock(0) { return .time(secondsOfDay: (ms + 500) / 1000 % 86_400) }
        return nil
    }
}
