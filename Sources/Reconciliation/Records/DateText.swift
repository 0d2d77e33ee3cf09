import Spreadsheet

/// Reads dates as registers write them: real spreadsheet dates, ISO 8601, or UK day-first text.
public enum DateText {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

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

    /// Parses `2026-11-30`, `2026-11-30T10:00`, `30/11/2026`, `30-11-26`, `30.11.2026`, `30-Nov-2026`, `30 November 2026`.
    public static func parse(_ raw: String) -> CalendarDate? {
        let text = raw.trimmed
        guard !text.isEmpty else { return nil }
        if text.count >= 10, let iso = CalendarDate(iso: text.prefix(10)),
           text.count == 10 || text.dropFirst(10).first == "T" || text.dropFirst(10).first == " " {
            return iso
        }
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." || $0 == " " }).map(String.init)
        guard parts.count == 3, let day = Int(parts[0]) else { return nil }
        let month: Int
        if let m = Int(parts[1]) {
            month = m
        } else if let m = months.firstIndex(of: String(parts[1].lowercased().prefix(3))),
                  parts[1].count == 3 || parts[1].lowercased().hasPrefix(months[m]) {
            month = m + 1
        } else {
            return nil
        }
        let yearText = parts[2].prefix { $0.isNumber }
        guard let y = Int(yearText), yearText.count == 2 || yearText.count == 4 else { return nil }
        let year = yearText.count == 2 ? 2000 + y : y
        return CalendarDate.isValid(year: year, month: month, day: day) ? CalendarDate(year: year, month: month, day: day) : nil
    }
}

extension String {
    /// The text without leading or trailing white space (including non-breaking spaces and line breaks).
    var trimmed: String {
        // Most cells neither start nor end with white space: then the text is returned as it is, uncopied.
        // A character that ends in a printable ASCII byte (or starts with one) is never white space.
        var text = self
        let printableEnds = text.withUTF8 { bytes in
            !bytes.isEmpty && (0x21...0x7E).contains(bytes[0]) && (0x21...0x7E).contains(bytes[bytes.count - 1])
        }
        if printableEnds { return self }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
