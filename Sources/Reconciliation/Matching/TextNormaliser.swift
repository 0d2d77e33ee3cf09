import Spreadsheet

/// Turns a description or inspection title into the words that carry its meaning: lower case, no punctuation,
/// stock openings ("The force should", "Force to", "By March 2022,") and stop words removed, a trailing "…" noted.
/// Works on the text's UTF-8 bytes and gives each word as its id in `table`.
struct TextNormaliser {
    /// Every word seen so far.
    private(set) var table = WordTable()
    /// The words of the text being read.
    private var words: [Word] = []
    /// The word being read.
    private var current: [UInt8] = []

    init() {
        words.reserveCapacity(64)
        current.reserveCapacity(64)
    }

    /// Appends the words of a description to `out`; true when it was cut short: "…" or "..." at the end, a stub
    /// where a stop word began ("so that victims … so tha"), or a stub of one or two letters ("so that t").
    mutating func description(_ text: String, into out: inout [Int32]) -> Bool {
        text.withUTF8Bytes { description($0, into: &out) }
    }

    /// `description` of a text's UTF-8 bytes.
    mutating func description(_ text: UnsafeBufferPointer<UInt8>, into out: inout [Int32]) -> Bool {
        split(text)
        var lower = 0, upper = words.count
        stripOpenings(&lower, upper)
        stripClosingDeadline(lower, &upper)
        let first = out.count
        // The byte counts of the last two words kept.
        var lastKept: Int32 = 0, beforeLastKept: Int32 = 0
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

    /// The id of a word given by its spelling.
    mutating func intern(_ spelling: [UInt8]) -> Int32 {
        spelling.withUnsafeBufferPointer {
            table.intern($0, hash: ByteHash.hash($0), isASCII: $0.allSatisfy { $0 < 0x80 })
        }
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
        func ends(_ suffix: StaticString) -> Bool {
            let n = suffix.utf8CodeUnitCount
            guard w.count > n else { return false }
            return suffix.withUTF8Buffer { s in (0..<n).allSatisfy { w[w.count - n + $0] == s[$0] } }
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
        return w
    }

    /// Reads the lower-case words of letters and digits into `words`; apostrophes join ("force's" → "forces"),
    /// anything else separates. A word already in lower-case ASCII is read where it lies, eight bytes at a step;
    /// any other is copied byte by byte.
    private mutating func split(_ text: String) {
        text.withUTF8Bytes { split($0) }
    }

    /// `split` of a text's UTF-8 bytes.
    private mutating func split(_ bytes: UnsafeBufferPointer<UInt8>) {
        words.removeAll(keepingCapacity: true)
        var i = 0
        while i < bytes.count {
            let start = i
            // The first sixteen bytes in two integers, zero-padded: the whole word when it is shorter. A word
            // that fills both goes the long way (its end is not yet found).
            let first = bytes.eightBytes(at: i), firstRun = Self.lowerOrDigitRun(first)
            let head = Self.prefix(first, firstRun)
            i += firstRun
            var tail: UInt64 = 0, hash: UInt64? = nil
            if firstRun == 8 {
                let second = bytes.eightBytes(at: i), secondRun = Self.lowerOrDigitRun(second)
                tail = Self.prefix(second, secondRun)
                i += secondRun
                if secondRun == 8 {
                    // A longer word's hash is made as its end is found, from the same steps as `ByteHash.hash`.
                    var longHash = ByteHash.step(ByteHash.step(ByteHash.start, head), tail)
                    while true {
                        let chunk = bytes.eightBytes(at: i), run = Self.lowerOrDigitRun(chunk)
                        if run > 0 { longHash = ByteHash.step(longHash, Self.prefix(chunk, run)) }
                        i += run
                        if run < 8 { break }
                    }
                    hash = ByteHash.finish(longHash, count: i - start)
                }
            }
            if i == bytes.count || Self.isASCIISeparator(bytes[i]) {
                if let hash {
                    add(UnsafeBufferPointer(rebasing: bytes[start..<i]), hash: hash, isASCII: true)
                } else if i > start {
                    addShort(head, tail, UnsafeBufferPointer(rebasing: bytes[start..<i]))
                }
                i += 1
                continue
            }
            current.removeAll(keepingCapacity: true)
            current.append(contentsOf: bytes[start..<i])
            i = readWord(bytes, from: i)
        }
    }

    /// The first `count` bytes of a chunk, the rest zero.
    @inline(__always)
    private static func prefix(_ chunk: UInt64, _ count: Int) -> UInt64 {
        count == 8 ? chunk : chunk & (1 << UInt64(count * 8) - 1)
    }

    /// How many of a chunk's bytes, from its first, are lower-case ASCII letters or digits: each byte tested at
    /// once by arithmetic on the whole chunk.
    @inline(__always)
    private static func lowerOrDigitRun(_ chunk: UInt64) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, high = ones &* 0x80
        // Every byte below 0x80, so that the sums below carry into no neighbour.
        let low = chunk & ~high
        /// High bit set in each byte of at least `bound`, or of at most `bound`.
        func atLeast(_ bound: UInt64) -> UInt64 { low &+ ones &* (0x80 - bound) }
        func atMost(_ bound: UInt64) -> UInt64 { ~(low &+ ones &* (0x7F - bound)) }
        let inWord = (atLeast(0x61) & atMost(0x7A) | atLeast(0x30) & atMost(0x39)) & ~chunk & high
        return (~inWord & high).trailingZeroBitCount >> 3
    }

    /// Reads on from `i` the word begun in `current` up to its end, adds it, and returns where reading goes on.
    private mutating func readWord(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var i = i, ascii = true
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x80 {
                i += 1
                switch byte {
                case 0x41...0x5A: current.append(byte + 0x20)
                case 0x61...0x7A, 0x30...0x39: current.append(byte)
                case 0x27: continue
                default:
                    flush(isASCII: ascii)
                    return i
                }
                continue
            }
            // A scalar of two to four bytes (the string is valid UTF-8).
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
            i += length
            if value == 0x2019 || value == 0x2018 { continue }
            let scalar = Unicode.Scalar(value)!
            // A combining mark stays with its letter, as in `Words.split`: "é" in one scalar or two is one word.
            guard scalar.properties.isAlphabetic || (!current.isEmpty && Words.isCombiningMark(scalar)) else {
                flush(isASCII: ascii)
                return i
            }
            for unit in scalar.properties.lowercaseMapping.utf8 {
                if unit >= 0x80 { ascii = false }
                current.append(unit)
            }
        }
        flush(isASCII: ascii)
        return i
    }

    /// Adds the word in `current`, if any.
    private mutating func flush(isASCII: Bool) {
        guard !current.isEmpty else { return }
        let id = current.withUnsafeBufferPointer { table.intern($0, hash: ByteHash.hash($0), isASCII: isASCII) }
        appendWord(id, byteCount: current.count)
    }

    /// Adds one word of the text being read.
    private mutating func add(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, isASCII: Bool) {
        appendWord(table.intern(word, hash: hash, isASCII: isASCII), byteCount: word.count)
    }

    /// Appends the word numbered `id` in the table, with its facts.
    @inline(__always)
    private mutating func appendWord(_ id: Int32, byteCount: Int) {
        words.append(Word(id: id, byteCount: Int32(byteCount), facts: table.facts[Int(id)]))
    }

    /// Adds a word of one to fifteen lower-case ASCII letters and digits, given also as `head` and `tail`, its
    /// bytes in two integers: found by them in `shortWords`, with its id and facts, without hashing its bytes or
    /// comparing spellings.
    @inline(__always)
    private mutating func addShort(_ head: UInt64, _ tail: UInt64, _ word: UnsafeBufferPointer<UInt8>) {
        var slot = Self.shortSlot(head, tail, mask: shortMask)
        while true {
            let entry = shortWords[slot]
            if entry.head == head && entry.tail == tail {
                words.append(Word(id: entry.id, byteCount: Int32(word.count), facts: entry.facts))
                return
            }
            if entry.head == 0 { break }
            slot = (slot + 1) & shortMask
        }
        let id = table.intern(word, hash: ByteHash.hash(word), isASCII: true)
        let entry = ShortWord(head: head, tail: tail, id: id, facts: table.facts[Int(id)])
        shortWords[slot] = entry
        shortCount += 1
        if shortCount * 2 > shortWords.count { growShortWords() }
        words.append(Word(id: id, byteCount: Int32(word.count), facts: entry.facts))
    }

    /// A word of the text being read: its id, its length in bytes as written there, and its facts.
    private struct Word {
        var id: Int32
        var byteCount: Int32
        var facts: WordFacts
    }

    /// A word of at most fifteen bytes by its bytes (`head` 0 when the slot is empty: no word starts with a zero
    /// byte), its id in `table` and its facts.
    private struct ShortWord {
        var head: UInt64
        var tail: UInt64
        var id: Int32
        var facts: WordFacts
        static let empty = ShortWord(head: 0, tail: 0, id: 0, facts: [])
    }

    private var shortWords = [ShortWord](repeating: .empty, count: 1 << 10)
    private var shortMask = (1 << 10) - 1
    private var shortCount = 0

    @inline(__always)
    private static func shortSlot(_ head: UInt64, _ tail: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: ((head ^ tail &* 0xBF58_476D_1CE4_E5B9) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private mutating func growShortWords() {
        let old = shortWords
        shortWords = [ShortWord](repeating: .empty, count: old.count * 2)
        shortMask = shortWords.count - 1
        for entry in old where entry.head != 0 {
            var slot = Self.shortSlot(entry.head, entry.tail, mask: shortMask)
            while shortWords[slot].head != 0 { slot = (slot + 1) & shortMask }
            shortWords[slot] = entry
        }
    }

    @inline(__always)
    private static func isLowerOrDigit(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 || byte &- 0x30 < 10 }

    /// An ASCII byte that ends a word: not a letter, a digit or an apostrophe.
    @inline(__always)
    private static func isASCIISeparator(_ byte: UInt8) -> Bool {
        byte < 0x80 && !isLowerOrDigit(byte) && byte &- 0x41 >= 26 && byte != 0x27
    }

    /// True when the text ends with "…" or "..." (before any closing space or quote). Read backwards on the
    /// UTF-8 bytes: each character it looks for is one byte, or ends in a byte no other of them ends in.
    static func endsWithEllipsis(_ text: String) -> Bool {
        text.withUTF8Bytes { endsWithEllipsis($0) }
    }

    /// `endsWithEllipsis` of a text's UTF-8 bytes.
    static func endsWithEllipsis(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = bytes.count, dots = 0
        /// True when the bytes before `end` end with `suffix`.
        func endsWith(_ suffix: (UInt8, UInt8, UInt8)) -> Bool {
            end >= 3 && bytes[end - 3] == suffix.0 && bytes[end - 2] == suffix.1 && bytes[end - 1] == suffix.2
        }
        while end > 0 {
            switch bytes[end - 1] {
            case 0x20, 0x09, 0x0A, 0x0D, 0x22, 0x29: // space, tab, line breaks, '"', ")"
                if dots > 0 { return false }
                end -= 1
            case 0xA0 where end >= 2 && bytes[end - 2] == 0xC2: // no-break space
                if dots > 0 { return false }
                end -= 2
            case 0x9D where endsWith((0xE2, 0x80, 0x9D)): // "”"
                if dots > 0 { return false }
                end -= 3
            case 0xA6 where endsWith((0xE2, 0x80, 0xA6)): // "…"
                return dots == 0
            case 0x2E:
                dots += 1
                if dots == 3 { return true }
                end -= 1
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
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in oneEditApart(a, b) } }
    }

    /// `oneEditApart` on bytes where they lie: a word and the start of another compared without copying it.
    static func oneEditApart(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
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
                  start > lower else { continue }
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
        if i < upper, facts(i).contains(.month) { i += 1; hasMonth = true }
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
