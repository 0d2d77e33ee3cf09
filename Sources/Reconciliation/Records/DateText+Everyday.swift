import Spreadsheet

/// Target dates as people write them in a register rather than as a date: a month ("March 2024", "Mar-24"), a day
/// with its ordinal ("31st December 2024"), a quarter of the police financial year ("Q1 2024/25"), or a word that
/// says there is no date yet ("TBC").
extension DateText {
    /// Words that stand for "no date yet": read as no date, without a warning.
    static let noDateWords: Set<String> = ["tbc", "tba", "tbd", "na", "none", "nil", "unknown"]

    /// True when a cell's text says there is no date: blank, a dash, "TBC", "N/A".
    public static func meansNoDate(_ text: String) -> Bool {
        let words = Words.split(text)
        return words.isEmpty || (words.count == 1 && noDateWords.contains(words[0]))
            || words.joined(separator: " ") == "n a"
    }

    /// The last day of a written month ("March 2024", "Mar-24", "mar 2024"): a target set as a month is due by
    /// its end.
    static func monthAndYear(_ parts: [String]) -> CalendarDate? {
        guard parts.count == 2, let month = monthNumber(parts[0]), let year = fullYear(parts[1]) else { return nil }
        return lastDay(ofMonth: month, year: year)
    }

    /// The last day of a quarter of the police financial year, which runs April to March: "Q1 2024/25" ends
    /// 30/06/2024 and "Q4 2024/25" ends 31/03/2025. Also "Q1 2024-25", "Q1 24/25", "2024/25 Q1", "Quarter 1 2024/25".
    static func financialQuarter(_ text: String) -> CalendarDate? {
        var words = Words.split(text)
        // "Quarter 1 2024/25" is "Q1 2024/25".
        if let at = words.firstIndex(of: "quarter"), at + 1 < words.count {
            words.replaceSubrange(at...at + 1, with: ["q" + words[at + 1]])
        }
        guard words.count == 3 else { return nil }
        let quarterWord = words.first { $0.count == 2 && $0.hasPrefix("q") }
        guard let quarterWord, let quarter = Int(quarterWord.dropFirst()), (1...4).contains(quarter) else {
            return nil
        }
        let years = words.filter { $0 != quarterWord }
        guard years.count == 2, let start = fullYear(years[0]), let end = fullYear(years[1]), end == start + 1,
            words[1] != quarterWord
        else { return nil }
        // Q1 April–June, Q2 July–September, Q3 October–December of the first year; Q4 January–March of the next.
        return quarter == 4 ? lastDay(ofMonth: 3, year: end) : lastDay(ofMonth: 3 + quarter * 3, year: start)
    }

    /// A date behind the words plans put in front of it: "w/c 04/03/2024" (week commencing: the Monday given) and
    /// "End of Q2 2024/25" (the quarter's last day, as "Q2 2024/25"). The rest must be a date on its own: "w/c" takes
    /// a day, "End of" a financial quarter, so "End of Q3" with no year is not read.
    static func afterLeadingWords(_ text: String) -> CalendarDate? {
        let lower = text.lowercased()
        for prefix in ["w/c", "week commencing", "end of"] where lower.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count)
            guard let first = rest.first, first.isWhitespace || first == ":" else { return nil }
            let date = String(rest.dropFirst()).trimmed
            guard !date.isEmpty else { return nil }
            if prefix == "end of" { return financialQuarter(date) }
            switch numericDate(date) {
            case .date(let day): return day
            case .invalid: return nil
            case .otherShape:
                // A day, not a month or a quarter: the week begins on a day, written first ("2nd Dec 2024").
                let separators: Set<Character> = ["/", "-", ".", " ", ","]
                let parts = date.split(whereSeparator: { separators.contains($0) })
                return parts.count == 3 && date.first?.isNumber == true ? generalParse(date) : nil
            }
        }
        return nil
    }

    /// A day number with or without its ordinal: "31st" → 31, "2nd" → 2, "7" → 7.
    static func dayNumber(_ text: String) -> Int? {
        let lower = text.lowercased()
        for suffix in ["st", "nd", "rd", "th"] where lower.hasSuffix(suffix) {
            return Int(lower.dropLast(2))
        }
        return Int(lower)
    }

    /// The month a name or its first three letters give ("Mar", "March", "sept"), 1-based.
    static func monthNumber(_ text: String) -> Int? {
        let lower = text.lowercased()
        guard lower.count >= 3, let index = months.firstIndex(of: String(lower.prefix(3))) else { return nil }
        let names = [
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december",
        ]
        return lower.count == 3 || names[index].hasPrefix(lower) ? index + 1 : nil
    }

    /// A four-digit year, or a two-digit one in this century ("24" → 2024).
    static func fullYear(_ text: String) -> Int? {
        guard text.allSatisfy(\.isASCII), let value = Int(text) else { return nil }
        switch text.count {
        case 2: return 2000 + value
        case 4: return value
        default: return nil
        }
    }

    static func lastDay(ofMonth month: Int, year: Int) -> CalendarDate {
        let firstOfNext =
            month == 12
            ? CalendarDate(year: year + 1, month: 1, day: 1) : CalendarDate(year: year, month: month + 1, day: 1)
        return CalendarDate(daysSinceEpoch: firstOfNext.daysSinceEpoch - 1)
    }
}
