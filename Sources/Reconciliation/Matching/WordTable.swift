/// Interns the words of descriptions and titles as dense ids, in order of first appearance, with what the
/// normaliser needs to know of each word (stop word, month, opening word, …) worked out once per distinct word.
///
/// Words are found by `String` equality, so two spellings Swift holds equal ("é" as one scalar or two) share an id.
/// A word of ASCII letters and digits equals only the same bytes: no other lower-case word is equal to it.
struct WordTable {
    /// Spelling of every word, as first written.
    private(set) var spellings: [[UInt8]] = []
    /// What the normaliser needs to know of each word.
    private(set) var facts: [WordFacts] = []
    /// Stem of each word (an id too), or -1 until asked for.
    private var stems: [Int32] = []
    private var ids: [String: Int32] = [:]
    /// Words of up to seven ASCII bytes, by their length and bytes packed into an integer: most words, found
    /// without making a string of them.
    private var shortIDs: [UInt64: Int32] = [:]

    /// How many distinct words there are.
    var count: Int { spellings.count }

    /// The id of a lower-case word given by its UTF-8 bytes, added when new.
    mutating func intern(_ spelling: [UInt8]) -> Int32 {
        guard spelling.count <= 7, spelling.allSatisfy({ $0 < 0x80 }) else {
            let word = String(decoding: spelling, as: UTF8.self)
            if let id = ids[word] { return id }
            let id = add(word, spelling: spelling)
            ids[word] = id
            return id
        }
        let key = spelling.reduce(UInt64(spelling.count)) { $0 << 8 | UInt64($1) }
        if let id = shortIDs[key] { return id }
        let id = add(String(decoding: spelling, as: UTF8.self), spelling: spelling)
        shortIDs[key] = id
        return id
    }

    /// Gives a new word the next id.
    private mutating func add(_ word: String, spelling: [UInt8]) -> Int32 {
        let id = Int32(spellings.count)
        spellings.append(spelling)
        facts.append(WordFacts(word))
        stems.append(-1)
        return id
    }

    /// The stem of a word (see `TextNormaliser.stem`), interned.
    mutating func stem(of id: Int32) -> Int32 {
        if stems[Int(id)] < 0 {
            let stemmed = TextNormaliser.stem(spellings[Int(id)])
            stems[Int(id)] = stemmed == spellings[Int(id)] ? id : intern(stemmed)
        }
        return stems[Int(id)]
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
        let named: [(String, WordFacts)] = [
            ("to", .to), ("that", .that), ("by", .by), ("within", .within),
            ("the", .the), ("end", .end), ("of", .of),
        ]
        for (spelling, fact) in named where word == spelling { facts.insert(fact) }
        self = facts
    }
}
