/// A calendar day with no time zone, as spreadsheets store them.
///
/// Stored in six bytes (every record carries two, and every date cell one): years beyond ±2,147,483,647 and
/// months or days beyond ±127, which no calendar day has, are clamped.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    private var storedYear: Int32
    private var storedMonth: Int8
    private var storedDay: Int8

    public var year: Int {
        get { Int(storedYear) }
        set { storedYear = Int32(clamping: newValue) }
    }
    public var month: Int {
        get { Int(storedMonth) }
        set { storedMonth = Int8(clamping: newValue) }
    }
    public var day: Int {
        get { Int(storedDay) }
        set { storedDay = Int8(clamping: newValue) }
    }

    public init(year: Int, month: Int, day: Int) {
        storedYear = Int32(clamping: year)
        storedMonth = Int8(clamping: month)
        storedDay = Int8(clamping: day)
    }

    /// Parses `YYYY-MM-DD`; nil when the text is not a valid ISO day.
    public init?(iso text: Substring) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]),
            let d = Int(parts[2]),
            CalendarDate.isValid(year: y, month: m, day: d)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// True when the day exists in the proleptic Gregorian calendar.
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's civil-from-days algorithm.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The day `days` after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `DD/MM/YYYY`: the day-first form a UK reader expects.
    public var ukDayFirst: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
        return "\(two(day))/\(two(month))/\(year)"
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// One cell's value exactly as read from a file. Empty cells are absent, never a value.
public enum CellValue: Hashable, Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case date(CalendarDate)
    /// A day and a time of day, in seconds since midnight to the millisecond (a date-time typed to the
    /// millisecond keeps them).
    case dateTime(CalendarDate, secondsOfDay: Double)
    /// A time of day without a date, in whole seconds since midnight.
    case time(secondsOfDay: Int)
    /// A length of time in seconds (for example `[h]:mm:ss` formats).
    case duration(Double)
    /// An error value such as `#N/A`.
    case error(String)

    /// The value as text a person would read: how the record loader sees every cell.
    public var text: String {
        switch self {
        case .string(let s): return s
        case .number(let n): return CellValue.format(n)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .date(let d): return d.description
        case .dateTime(let d, let s): return "\(d)T\(CellValue.clock(secondsOfDay: s))"
        case .time(let s): return CellValue.clock(s)
        case .duration(let s): return CellValue.format(s)
        case .error(let e): return e
        }
    }

    /// Integers without a decimal point; other numbers in their shortest round-trip form.
    public static func format(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return String(n)
    }

    /// `HH:MM:SS`, or `HH:MM:SS.mmm` when the time has milliseconds.
    public static func clock(secondsOfDay: Double) -> String {
        let milliseconds = Int((secondsOfDay * 1000).rounded())
        return clock(milliseconds / 1000, milliseconds: milliseconds % 1000)
    }

    /// `HH:MM:SS`, or `HH:MM:SS.mmm` when there are milliseconds.
    public static func clock(_ seconds: Int, milliseconds: Int = 0) -> String {
        let h = seconds / 3600
        let m = (seconds / 60) % 60
        let s = seconds % 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
        let clock = "\(two(h)):\(two(m)):\(two(s))"
        guard milliseconds > 0 else { return clock }
        let digits = String(milliseconds)
        return clock + "." + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}

/// One row of a sheet: its 1-based number as a person sees it in Excel (or the first line of a CSV record),
/// and its cells by 0-based column; `nil` where a cell is empty.
public struct Row: Sendable {
    public var number: Int
    public var cells: [CellValue?]

    public init(number: Int, cells: [CellValue?]) {
        self.number = number
        self.cells = cells
    }

    /// The cell at a 0-based column, nil when empty or beyond the row's end. Inlinable: the record loader asks
    /// for every field of every row.
    @inlinable public subscript(column: Int) -> CellValue? {
        column < cells.count ? cells[column] : nil
    }

    /// True when every cell is empty or blank text.
    public var isBlank: Bool {
        cells.allSatisfy { cell in
            guard let cell else { return true }
            guard case .string(let s) = cell else { return false }
            // A printable ASCII first byte is not white space: settled without reading characters.
            if let first = s.utf8.first, (0x21...0x7E).contains(first) { return false }
            return s.allSatisfy(\.isWhitespace)
        }
    }
}

/// Converts a 0-based column index to its letters (0 → A, 26 → AA).
public func columnLetters(_ index: Int) -> String {
    var n = index + 1
    var letters: [Character] = []
    while n > 0 {
        let r = (n - 1) % 26
        letters.append(Character(UnicodeScalar(UInt8(65 + r))))
        n = (n - 1) / 26
    }
    return String(letters.reversed())
}

/// An A1-style cell reference from a 1-based row and a 0-based column.
public func cellReference(row: Int, column: Int) -> String {
    "\(columnLetters(column))\(row)"
}
