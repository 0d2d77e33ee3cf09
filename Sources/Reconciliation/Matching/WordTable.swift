import Spreadsheet

/// Interns the words of descriptions and titles as dense ids, in order of first appearance, with what the
/// normaliser needs to know of each word (stop word, month, opening word, …) worked out once per distinct word.
///
/// Words of ASCII letters and digits are found by their bytes in an open-addressing table; any other word by
/// `String` equality, so that two spellings Swift holds equal share one id, as they would in a `[String: Int32]`.
struct WordTable {
    /// Spelling of every word, as first written.
    private(set) var spellings: [[UInt8]] = []
    /// What the normaliser needs to know of each word.
    private(set) var facts: [WordFacts] = []
    /// Stem of each word (an id too), or -1 until asked for.
    private var stems: [Int32] = []
    /// ASCII words: the hash's high half (`tagBits`) and id + 1 per slot, 0 when empty.
    private var slots = [UInt64](repeating: 0, count: 1 << 12)
    private var nonASCII: [String: Int32] = [:]

    private static let tagBits: UInt64 = 0xFFFF_FFFF_0000_0000

    /// How many distinct words there are.
    var count: Int { spellings.count }

    /// The id of a lower-case word given as UTF-8 bytes, added when new. `hash` is `ByteHash.hash` of the bytes.
    mutating func intern(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, isASCII: Bool) -> Int32 {
        guard isASCII else {
            let text = String(decoding: word, as: UTF8.self)
            if let id = nonASCII[text] { return id }
            let id = add(word, text: text)
            nonASCII[text] = id
            return id
        }
        let mask = slots.count - 1, tag = hash & Self.tagBits
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let entry = slots[slot]
            if entry & Self.tagBits == tag {
                let id = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if spellings[Int(id)].withUnsafeBufferPointer({ $0.hasSameBytes(as: word) }) { return id }
            }
            slot = (slot + 1) & mask
        }
        let id = add(word, text: String(decoding: word, as: UTF8.self))
        slots[slot] = tag | UInt64(id + 1)
        if count * 2 > slots.count { grow() }
        return id
    }

    /// The stem of a word (see `TextNormaliser.stem`), interned.
    mutating func stem(of id: Int32) -> Int32 {
        if stems[Int(id)] < 0 {
            let stemmed = TextNormaliser.stem(spellings[Int(id)])
            stems[Int(id)] = stemmed == spellings[Int(id)] ? id : stemmed.withUnsafeBufferPointer {
                intern($0, hash: ByteHash.hash($0), isASCII: $0.allSatisfy { $0 < 0x80 })
            }
        }
        return stems[Int(id)]
    }

    private mutating func add(_ word: UnsafeBufferPointer<UInt8>, text: String) -> Int32 {
        let id = Int32(spellings.count)
        spellings.append(Array(word))
        facts.append(WordFacts(text))
        stems.append(-1)
        return id
    }

    /// Doubles the ASCII table and places every ASCII word again.
    private mutating func grow() {
        var larger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for entry in slots where entry != 0 {
            let id = Int(entry & 0xFFFF_FFFF) - 1
            let hash = spellings[id].withUnsafeBufferPointer { ByteHash.hash($0) }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = entry
        }
        slots = larger
    }
}

/// What the normaliser asks of a word, decided once per distinct word from its spelling.
struct WordFacts: OptionSet {
    let rawValue: UInt32

    static let stopWord = WordFacts(rawValue: 1 << 0)
    /// The start of a stop word but not one itself ("tha", "wh").
    static let stopWordStart = WordFacts(rawValue: 1 << 1)
    static let month = WordFacts(rawValue: 1 << 2)
    /// Names who must act ("force", "chief", "police").
    static let subject = WordFacts(rawValue: 1 << 3)
    /// Shows a clause has started ("ensure", "which"), other than "to".
    static let clause = WordFacts(rawValue: 1 << 4)
    /// "should", "must", "will", "shall", or "should" misspelt.
    static let modal = WordFacts(rawValue: 1 << 5)
    static let needs = WordFacts(rawValue: 1 << 6)
    static let recommend = WordFacts(rawValue: 1 << 7)
    /// A force named as the actor before "to" ("force to", "police to").
    static let actor = WordFacts(rawValue: 1 << 8)
    /// "months", "week", … as in "within six months".
    static let period = WordFacts(rawValue: 1 << 9)
    /// One or two characters, all numbers (a day of the month).
    static let day = WordFacts(rawValue: 1 << 10)
    /// Four characters, all numbers (a year).
    static let year = WordFacts(rawValue: 1 << 11)
    /// Holds an ASCII digit.
    static let hasDigit = WordFacts(rawValue: 1 << 12)
    /// Only ASCII digits.
    static let allDigits = WordFacts(rawValue: 1 << 13)
    static let to = WordFacts(rawValue: 1 << 14)
    static let that = WordFacts(rawValue: 1 << 15)
    static let by = WordFacts(rawValue: 1 << 16)
    static let within = WordFacts(rawValue: 1 << 17)
    static let the = WordFacts(rawValue: 1 << 18)
    static let end = WordFacts(rawValue: 1 << 19)
    static let of = WordFacts(rawValue: 1 << 20)

    init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The facts of one word.
    init(_ word: String) {
        var facts: WordFacts = []
        let stop = TextNormaliser.stopWords.contains(word)
        if stop { facts.insert(.stopWord) }
        if !stop && TextNormaliser.stopWordStarts.contains(word) { facts.insert(.stopWordStart) }
        if TextNormaliser.months.contains(word) { facts.insert(.month) }
        if TextNormaliser.subjectWords.contains(word) { facts.insert(.subject) }
        if TextNormaliser.clauseWords.contains(word) && word != "to" { facts.insert(.clause) }
        let bytes = Array(word.utf8)
        switch word {
        case "should", "must", "will", "shall": facts.insert(.modal)
        case "needs", "need": facts.insert(.needs)
        case "recommend", "recommends", "recommended": facts.insert(.recommend)
        default: if TextNormaliser.oneEditApart(bytes, Array("should".utf8)) { facts.insert(.modal) }
        }
        if ["force", "forces", "police", "constabulary", "constables"].contains(word) { facts.insert(.actor) }
        if ["months", "month", "weeks", "week", "days", "years", "year"].contains(word) { facts.insert(.period) }
        if word.count <= 2 && word.allSatisfy(\.isNumber) { facts.insert(.day) }
        if word.count == 4 && word.allSatisfy(\.isNumber) { facts.insert(.year) }
        if bytes.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { facts.insert(.hasDigit) }
        if bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { facts.insert(.allDigits) }
        let named: [(String, WordFacts)] = [("to", .to), ("that", .that), ("by", .by), ("within", .within),
                                            ("the", .the), ("end", .end), ("of", .of)]
        for (spelling, fact) in named where word == spelling { facts.insert(fact) }
        self = facts
    }
}
