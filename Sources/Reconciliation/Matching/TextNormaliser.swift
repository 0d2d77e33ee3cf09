/// Turns a description or inspection title into the words that carry its meaning: lower case, no punctuation,
/// stock openings ("The force should", "Force to", "By March 2022,") and stop words removed, a trailing "…" noted.
/// Gives each word as its id in `table`.
struct TextNormaliser {
    /// Every word seen so far.
    private(set) var table = WordTable()
    /// The words of the text being read.
    private var words: [Word] = []

    /// A word of the text being read: its id, its length in UTF-8 bytes as written there, and its facts.
    private struct Word {
        var id: Int32
        var byteCount: Int
        var facts: WordFacts
    }

    /// Appends the words of a description to `out`; true when it was cut short: "…" or "..." at the end, a stub
    /// where a stop word began ("so that victims … so tha"), or a stub of one or two letters ("so that t").
    mutating func description(_ text: String, into out: inout [Int32]) -> Bool {
        split(text)
        var lower = 0
        var upper = words.count
        stripOpenings(&lower, upper)
        stripClosingDeadline(lower, &upper)
        let first = out.count
        // The byte counts of the last two words kept.
        var lastKept = 0
        var beforeLastKept = 0
        for i in lower..<upper where !words[i].facts.contains(.stopWord) {
            out.append(words[i].id)
            beforeLastKept = lastKept
            lastKept = words[i].byteCount
        }
        var truncated = Self.endsWithEllipsis(text)
        // Text cut where a stop word began leaves a stub that says nothing (the start of a stop word is not one,
        // so the stub was kept, last).
        if out.count - first > 3, words[upper - 1].byteCount <= 4, words[upper - 1].facts.contains(.stopWordStart) {
            out.removeLast()
            lastKept = beforeLastKept
            truncated = true
        }
        // So does a stub of one or two letters ("so that t").
        if out.count - first > 3, lastKept <= 2, !table.facts[Int(out.last!)].contains(.allDigits) {
            out.removeLast()
            truncated = true
        }
        return truncated
    }

    /// Appends the words of an inspection or report title to `out`, without stop words.
    mutating func title(_ text: String, into out: inout [Int32]) {
        split(text)
        for word in words where !word.facts.contains(.stopWord) { out.append(word.id) }
    }

    /// The stem of a word (an id in `table`).
    mutating func stem(of word: Int32) -> Int32 { table.stem(of: word) }

    /// A light stem, the same for "reports" and "report", "recording", "recorded" and "record", "planning" and
    /// "plan", "policies" and "policy", "services" and "service": plural "s", "ing" and "ed" removed, a doubled
    /// final consonant undoubled and a final "e" dropped, on words of letters only. Both sides are stemmed alike,
    /// so a rough stem costs nothing; a wrong one is still one letter from the right one (a typo to the scorer).
    static func stem(_ word: [UInt8]) -> [UInt8] {
        var w = word
        guard w.count >= 4, w.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        func ends(_ suffix: String) -> Bool {
            w.count > suffix.utf8.count && w.reversed().starts(with: suffix.utf8.reversed())
        }
        if ends("ies"), w.count >= 5 {
            w.replaceSubrange((w.count - 3)..., with: "y".utf8)
        } else if ends("sses") {
            w.removeLast(2)
        } else if ends("s"), !ends("ss"), !ends("us"), !ends("is") {
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
        if w.count >= 5, ends("e") { w.removeLast() }
        return w
    }

    /// Reads the lower-case words of letters and digits into `words`; apostrophes join ("force's" → "forces"),
    /// anything else separates. A combining mark stays with its letter, as in `Words.split`: "é" in one scalar or
    /// two is one word.
    private mutating func split(_ text: String) {
        words.removeAll(keepingCapacity: true)
        var current: [UInt8] = []
        func flush() {
            guard !current.isEmpty else { return }
            let id = table.intern(current)
            words.append(Word(id: id, byteCount: current.count, facts: table.facts[Int(id)]))
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "A"..."Z": current.append(UInt8(scalar.value) + 0x20)
            case "a"..."z", "0"..."9": current.append(UInt8(scalar.value))
            case "'", "\u{2018}", "\u{2019}": continue
            default:
                if !scalar.isASCII
                    && (scalar.properties.isAlphabetic || (!current.isEmpty && Words.isCombiningMark(scalar)))
                {
                    current.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                } else {
                    flush()
                }
            }
        }
        flush()
    }

    /// True when the text ends with "…" or "..." (before any closing space or quote).
    static func endsWithEllipsis(_ text: String) -> Bool {
        var dots = 0
        for scalar in text.unicodeScalars.reversed() {
            switch scalar {
            case " ", "\t", "\n", "\r", "\"", ")", "\u{00A0}", "\u{201D}":
                if dots > 0 { return false }
            case "\u{2026}":
                return dots == 0
            case ".":
                dots += 1
                if dots == 3 { return true }
            default:
                return false
            }
        }
        return false
    }

    /// Every start of two letters or more of a stop word.
    static let stopWordStarts: Set<String> = {
        var starts = Set<String>()
        for word in stopWords where word.count > 2 {
            for n in 2..<word.count { starts.insert(String(word.prefix(n))) }
        }
        return starts
    }()

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
            if i == a.count || a[(i + 1)...].elementsEqual(b[(i + 1)...]) { return true }
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...].elementsEqual(b[(i + 2)...])
        }
        return a.count > b.count ? a[(i + 1)...].elementsEqual(b[i...]) : a[i...].elementsEqual(b[(i + 1)...])
    }

    /// The facts of the word at `i` of the text being read.
    private func facts(_ i: Int) -> WordFacts { words[i].facts }

    /// Removes stock openings from `lower`, repeatedly: "By 31 March 2022, the force should" leaves what follows.
    private func stripOpenings(_ lower: inout Int, _ upper: Int) {
        for _ in 0..<4 {
            let before = lower
            stripLeadingDeadline(&lower, upper)
            stripModalOpening(&lower, upper)
            if lower == before { return }
        }
    }

    /// "by [day] month [year]", "by the end of [month] year", "within six months".
    private func stripLeadingDeadline(_ lower: inout Int, _ upper: Int) {
        guard lower < upper else { return }
        if facts(lower).contains(.by), let n = deadlineLength(from: lower + 1, upper) {
            lower += 1 + n
        } else if facts(lower).contains(.within), upper - lower > 2, facts(lower + 2).contains(.period) {
            lower += 3
        }
    }

    /// Removes "by [day] month year" or "by the end of [month] year" at the end.
    private func stripClosingDeadline(_ lower: Int, _ upper: inout Int) {
        let limit = min(upper - lower, 7)
        for length in stride(from: limit, through: 2, by: -1) {
            let start = upper - length
            guard facts(start).contains(.by), let n = deadlineLength(from: start + 1, upper), start + 1 + n == upper,
                start > lower
            else { continue }
            upper -= length
            return
        }
    }

    /// How many words from `index` spell a deadline ("31 march 2022", "the end of march 2022", "2023"), or nil.
    private func deadlineLength(from index: Int, _ upper: Int) -> Int? {
        var i = index
        if i + 2 < upper, facts(i).contains(.the), facts(i + 1).contains(.end), facts(i + 2).contains(.of) { i += 3 }
        if i < upper, facts(i).contains(.day) { i += 1 }
        var hasMonth = false
        if i < upper, facts(i).contains(.month) {
            i += 1
            hasMonth = true
        }
        if i < upper, facts(i).contains(.year) {
            i += 1
        } else if !hasMonth {
            return nil
        }
        return i - index
    }

    /// "the force should", "Cleveland Police must", "chief constables should", "force to", "the force needs to",
    /// "we recommend that".
    private func stripModalOpening(_ lower: inout Int, _ upper: Int) {
        let limit = min(upper - lower - 1, 5)
        guard limit >= 1 else { return }
        func subjectBefore(_ i: Int) -> Bool { (lower..<(lower + i)).contains { facts($0).contains(.subject) } }
        for i in 0..<limit {
            let word = facts(lower + i)
            if word.contains(.clause) { return }
            if word.contains(.modal) {
                guard i == 1 || subjectBefore(i) else { return }
                lower += i + 1
                return
            } else if word.contains(.needs) {
                guard i >= 1, facts(lower + i + 1).contains(.to), i == 1 || subjectBefore(i) else { return }
                lower += i + 2
                return
            } else if word.contains(.recommend) {
                lower += facts(lower + i + 1).contains(.that) ? i + 2 : i + 1
                return
            } else if word.contains(.to) {
                guard i >= 1, (lower..<(lower + i)).contains(where: { facts($0).contains(.actor) }) else { return }
                lower += i + 1
                return
            } else if !word.contains(.subject) && i >= 3 {
                return
            }
        }
    }
}
