import Spreadsheet

/// Reads dates as registers write them: real spreadsheet dates, ISO 8601, or UK day-first text.
public enum DateText {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The day a cell holds, or nil when it holds no recognisable date.
    public static func date(from cell: CellValue) -> CalendarDate? {
        switch cell {
        case .date(let d), .dateTime(let d, _): return d
        case .number(let serial) where serial >= 1 && serial < 2_958_466:
            // An Excel serial left unformatted: day 25569 is 1970-01-01 in the 1900 system.
            return CalendarDate(daysSinceEpoch: Int(serial.rounded(.down)) - 25569)
        case .string(let s): return parse(s)
        default: return nil
        }
    }

    /// Parses `2026-11-30`, `2026-11-30T10:00`, `30/11/2026`, `30-11-26`, `30.11.2026`, `30-Nov-2026`, `30 November 2026`,
    /// `31st December 2024`, `w/c 04/03/2024` (the week's Monday, the day given), and the last day of `March 2024`,
    /// `Mar-24`, `Q1 2024/25` or `End of Q1 2024/25`.
    public static func parse(_ raw: String) -> CalendarDate? {
        let text = raw.trimmed
        guard !text.isEmpty else { return nil }
        switch numericDate(text) {
        case .date(let date): return date
        case .invalid: return nil
        case .otherShape: return generalParse(text)
        }
    }

    /// Every shape `parse` reads, character by character; `text` is trimmed and not empty.
    static func generalParse(_ text: String) -> CalendarDate? {
        if text.count >= 10, let iso = CalendarDate(iso: text.prefix(10)),
            text.count == 10 || text.dropFirst(10).first == "T" || text.dropFirst(10).first == " "
        {
            return iso
        }
        if let quarter = financialQuarter(text) { return quarter }
        if let rest = afterLeadingWords(text) { return rest }
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." || $0 == " " || $0 == "," })
            .map(String.init)
        if let month = monthAndYear(parts) { return month }
        guard parts.count == 3, let day = dayNumber(parts[0]) else { return nil }
        let month: Int
        if let m = Int(parts[1]) {
            month = m
        } else if let m = months.firstIndex(of: String(parts[1].lowercased().prefix(3))),
            parts[1].count == 3 || parts[1].lowercased().hasPrefix(months[m])
        {
            month = m + 1
        } else {
            return nil
        }
        let yearText = parts[2].prefix { $0.isNumber }
        guard let y = Int(yearText), yearText.count == 2 || yearText.count == 4 else { return nil }
        let year = yearText.count == 2 ? 2000 + y : y
        return CalendarDate.isValid(year: year, month: month, day: day)
            ? CalendarDate(year: year, month: month, day: day) : nil
    }
}

extension DateText {
    /// What the byte-level reading of a date made of numbers found.
    enum NumericReading {
        case date(CalendarDate)
        /// The shape of a date, but no such day (the general reading would refuse it too).
        case invalid
        /// Not one of the shapes read here: the general reading decides.
        case otherShape
    }

    /// Reads the two shapes nearly every register uses, on bytes: `yyyy-mm-dd` (alone or followed by "T" or a space),
    /// and day, month and a 2- or 4-digit year of ASCII digits separated by one of `/ - .` or a space. Gives what
    /// `parse` would give for them; anything else is left to `parse`'s general reading.
    static func numericDate(_ text: String) -> NumericReading {
        let b = Array(text.utf8)
        func digit(_ i: Int) -> Int? { i < b.count && b[i] &- 0x30 < 10 ? Int(b[i] &- 0x30) : nil }
        func isSeparator(_ i: Int) -> Bool {
            i < b.count && (b[i] == 0x2F || b[i] == 0x2D || b[i] == 0x2E || b[i] == 0x20)
        }
        func date(_ year: Int, _ month: Int, _ day: Int) -> NumericReading {
            CalendarDate.isValid(year: year, month: month, day: day)
                ? .date(CalendarDate(year: year, month: month, day: day)) : .invalid
        }
        // yyyy-mm-dd
        if b.count >= 10, b[4] == 0x2D, b[7] == 0x2D, b.count == 10 || b[10] == 0x54 || b[10] == 0x20,
            let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
            let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9)
        {
            let reading = date(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1)
            // An impossible ISO day is read again as day-first text, as `parse` does.
            if case .date = reading { return reading }
            return .otherShape
        }
        // d{1,2} sep d{1,2} sep (yy|yyyy), the whole text.
        var i = 0
        func number(maxDigits: Int) -> (value: Int, digits: Int)? {
            var value = 0
            var digits = 0
            while digits < maxDigits, let d = digit(i) {
                value = value * 10 + d
                digits += 1
                i += 1
            }
            return digits > 0 ? (value, digits) : nil
        }
        guard let day = number(maxDigits: 2), isSeparator(i) else { return .otherShape }
        i += 1
        guard let month = number(maxDigits: 2), isSeparator(i) else { return .otherShape }
        i += 1
        guard let year = number(maxDigits: 4), i == b.count, year.digits == 2 || year.digits == 4 else {
            return .otherShape
        }
        return date(year.digits == 2 ? 2000 + year.value : year.value, month.value, day.value)
    }
}

extension String {
    /// The text without leading or trailing white space (including non-breaking spaces and line breaks).
    var trimmed: String {
        trimmedIfNeeded.map(String.init) ?? self
    }

    /// The text trimmed, or nil when it has nothing to trim at either end. Most cells neither start nor end with
    /// white space, which a printable ASCII first and last byte settle at once: a character that ends in such a
    /// byte (or starts with one) is never white space.
    private var trimmedIfNeeded: Substring? {
        let printableEnds =
            utf8.withContiguousStorageIfAvailable { bytes in
                !bytes.isEmpty && (0x21...0x7E).contains(bytes[0]) && (0x21...0x7E).contains(bytes[bytes.count - 1])
            } ?? false
        if printableEnds { return nil }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s.utf8.count == utf8.count ? nil : s
    }
}
