/// Turns a description or inspection title into the words that carry its meaning: lower case, no punctuation,
/// stock openings ("The force should", "Force to", "By March 2022,") and stop words removed, a trailing "…" noted.
enum TextNormaliser {
    /// Words of a description, and whether it was visibly cut short ("…" or "..." at the end).
    static func description(_ text: String) -> (words: [String], truncated: Bool) {
        var words = split(text)
        stripOpenings(&words)
        stripClosingDeadline(&words)
        var kept = words.filter { !stopWords.contains($0) }
        var truncated = endsWithEllipsis(text)
        // Text cut where a stop word began ("so that victims … so tha") leaves a stub that says nothing.
        if kept.count > 3, let last = words.last, last == kept.last, last.utf8.count <= 4, isStopWordStart(last) {
            kept.removeLast()
            truncated = true
        }
        return (kept, truncated)
    }

    /// Words of an inspection or report title, without stop words.
    static func title(_ text: String) -> [String] {
        split(text).filter { !stopWords.contains($0) }
    }

    /// True when the word is the start of a stop word but not one itself ("tha", "wh", "wit").
    static func isStopWordStart(_ word: String) -> Bool {
        !stopWords.contains(word) && stopWordStarts.contains(word)
    }

    /// Every start of two letters or more of a stop word.
    static let stopWordStarts: Set<String> = {
        var starts = Set<String>()
        for word in stopWords where word.count > 2 {
            for n in 2..<word.count { starts.insert(String(word.prefix(n))) }
        }
        return starts
    }()

    /// A light stem, the same for "reports" and "report", "recording", "recorded" and "record", "planning" and
    /// "plan", "policies" and "policy", "services" and "service": plural "s", "ing" and "ed" removed, a doubled
    /// final consonant undoubled and a final "e" dropped, on words of letters only. Both sides are stemmed alike,
    /// so a rough stem costs nothing; a wrong one is still one letter from the right one (a typo to the scorer).
    static func stem(_ word: String) -> String {
        var w = Array(word.utf8)
        guard w.count >= 4, w.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        func ends(_ suffix: String) -> Bool {
            let s = Array(suffix.utf8)
            return w.count > s.count && Array(w.suffix(s.count)) == s
        }
        let s: UInt8 = 0x73, e: UInt8 = 0x65
        if ends("ies"), w.count >= 5 {
            w.removeLast(3)
            w.append(0x79)
        } else if ends("sses") {
            w.removeLast(2)
        } else if w.last == s, !ends("ss"), !ends("us"), !ends("is") {
            w.removeLast()
        }
        var cut = false
        if ends("ing"), w.count - 3 >= 4 {
            w.removeLast(3)
            cut = true
        } else if ends("ed"), !ends("eed"), w.count - 2 >= 4 {
            w.removeLast(2)
            cut = true
        }
        if cut, let last = w.last, w.count >= 2, w[w.count - 2] == last, !"aeiousfz".utf8.contains(last) {
            w.removeLast()
        }
        if w.count >= 5, w.last == e { w.removeLast() }
        return String(decoding: w, as: UTF8.self)
    }

    /// Lower-case words of letters and digits; apostrophes join ("force's" → "forces"), anything else separates.
    static func split(_ text: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        current.reserveCapacity(32)
        func flush() {
            if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                switch v {
                case 0x41...0x5A: current.append(UInt8(v + 0x20))
                case 0x61...0x7A, 0x30...0x39: current.append(UInt8(v))
                case 0x27: continue
                default: flush()
                }
            } else if v == 0x2019 || v == 0x2018 {
                continue
            } else if scalar.properties.isAlphabetic {
                current.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    /// True when the text ends with "…" or "..." (before any closing space or quote).
    static func endsWithEllipsis(_ text: String) -> Bool {
        var dots = 0
        for scalar in text.unicodeScalars.reversed() {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{00A0}", "\"", "\u{201D}", ")":
                if dots > 0 { return false }
                continue
            case "\u{2026}": return dots == 0
            case ".":
                dots += 1
                if dots == 3 { return true }
            default: return false
            }
        }
        return false
    }

    static let stopWords: Set<String> = [
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "that", "this", "its", "it", "is", "are",
        "be", "as", "at", "from", "their", "so", "any", "into", "by", "which", "these", "those", "should", "must",
    ]

    static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    /// Words that name who must act: "the force", "Cleveland Police", "chief constables".
    static let subjectWords: Set<String> = [
        "the", "force", "forces", "all", "chief", "constable", "constables", "police", "constabulary", "service",
        "and", "crime", "commissioner", "commissioners", "pcc", "pccs", "hmicfrs", "we",
    ]

    /// Words that show a clause has started, so a following "should" is not an opening.
    static let clauseWords: Set<String> = [
        "ensure", "that", "to", "review", "make", "develop", "improve", "introduce", "establish", "it", "has", "have",
        "is", "are", "be", "which", "who", "when", "where", "its", "their",
    ]

    /// Damerau distance at most one between two words of four letters or more: one letter changed, added or
    /// dropped, or two neighbours swapped.
    static func oneEditApart(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count >= 4, b.count >= 4, abs(a.count - b.count) <= 1 else { return false }
        var i = 0
        while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
        if a.count == b.count {
            if i == a.count || a[(i + 1)...] == b[(i + 1)...] { return true }
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]
        }
        return a.count > b.count ? a[(i + 1)...] == b[i...] : a[i...] == b[(i + 1)...]
    }

    /// Removes stock openings, repeatedly: "By 31 March 2022, the force should" leaves what follows.
    static func stripOpenings(_ words: inout [String]) {
        for _ in 0..<4 {
            let before = words.count
            stripLeadingDeadline(&words)
            stripModalOpening(&words)
            if words.count == before { return }
        }
    }

    /// "by [day] month [year]", "by the end of [month] year", "within six months".
    static func stripLeadingDeadline(_ words: inout [String]) {
        guard let first = words.first else { return }
        if first == "by", let n = deadlineLength(words, from: 1) {
            words.removeFirst(1 + n)
        } else if first == "within", words.count > 2,
                  ["months", "month", "weeks", "week", "days", "years", "year"].contains(words[2]) {
            words.removeFirst(3)
        }
    }

    /// Removes "by [day] month year" or "by the end of [month] year" at the end.
    static func stripClosingDeadline(_ words: inout [String]) {
        let limit = min(words.count, 7)
        for length in stride(from: limit, through: 2, by: -1) {
            let start = words.count - length
            guard words[start] == "by", let n = deadlineLength(words, from: start + 1), start + 1 + n == words.count,
                  start > 0 else { continue }
            words.removeLast(length)
            return
        }
    }

    /// How many words from `index` spell a deadline ("31 march 2022", "the end of march 2022", "2023"), or nil.
    static func deadlineLength(_ words: [String], from index: Int) -> Int? {
        var i = index
        if i + 2 < words.count, words[i] == "the", words[i + 1] == "end", words[i + 2] == "of" { i += 3 }
        if i < words.count, words[i].count <= 2, words[i].allSatisfy(\.isNumber) { i += 1 }
        var hasMonth = false
        if i < words.count, months.contains(words[i]) { i += 1; hasMonth = true }
        if i < words.count, words[i].count == 4, words[i].allSatisfy(\.isNumber) {
            i += 1
        } else if !hasMonth {
            return nil
        }
        return i - index
    }

    /// "the force should", "Cleveland Police must", "chief constables should", "force to", "the force needs to",
    /// "we recommend that".
    static func stripModalOpening(_ words: inout [String]) {
        let limit = min(words.count - 1, 5)
        guard limit >= 1 else { return }
        for i in 0..<limit {
            var word = words[i]
            if clauseWords.contains(word) && word != "to" { return }
            if word != "should" && oneEditApart(Array(word.utf8), Array("should".utf8)) { word = "should" }
            switch word {
            case "should", "must", "will", "shall":
                guard i == 1 || words[0..<i].contains(where: subjectWords.contains) else { return }
                words.removeFirst(i + 1)
                return
            case "needs", "need":
                guard i >= 1, words[i + 1] == "to", i == 1 || words[0..<i].contains(where: subjectWords.contains) else { return }
                words.removeFirst(i + 2)
                return
            case "recommend", "recommends", "recommended":
                if words[i + 1] == "that" { words.removeFirst(i + 2) } else { words.removeFirst(i + 1) }
                return
            case "to":
                guard i >= 1, words[0..<i].contains(where: { $0 == "force" || $0 == "forces" || $0 == "police"
                    || $0 == "constabulary" || $0 == "constables" }) else { return }
                words.removeFirst(i + 1)
                return
            default:
                if !subjectWords.contains(word) && i >= 3 { return }
            }
        }
    }
}
