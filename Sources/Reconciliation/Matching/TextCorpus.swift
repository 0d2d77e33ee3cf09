/// The words of both sides, normalised once per record and interned into flat arrays (one entry per word of every
/// description, register records first), with a weight for each word: how much it tells about the finding.
///
/// A word weighs its rarity, log(1 + N/df) over the stems of both sides, but no more than it adds to the word
/// before it: in a stock phrase ("the authorised professional practice", "the criminal justice process") the words
/// after the first follow from it, log(1 + df(previous)/df(previous, word)), so a shared stock phrase counts about
/// as much as one rare word rather than as many words as it has.
struct TextCorpus {
    /// Where one record's words lie in the flat arrays, and what else the scorer uses.
    struct Text {
        var start: Int32
        var count: Int32
        var titleStart: Int32
        var titleCount: Int16
        /// The description ended with "…" or "...", or with a stub cut where a word began.
        var truncated: Bool
        var type: RecordType?
        var range: Range<Int> { Int(start)..<Int(start + count) }
        var titleRange: Range<Int> { Int(titleStart)..<(Int(titleStart) + Int(titleCount)) }
    }

    /// Spelling of every interned word, surface forms and stems alike.
    private(set) var spellings: [[UInt8]] = []
    /// Per description word: its stem (equality, index keys), its spelling as written (typos, cut-off words)
    /// and its weight.
    private(set) var stems: [Int32] = []
    private(set) var surfaces: [Int32] = []
    private(set) var weights: [Float] = []
    /// Stems of each title, each once.
    private(set) var titleWords: [Int32] = []
    /// Weight of a stem in titles, from how many titles use it.
    private(set) var titleWeight: [Float] = []
    /// Register record r is `texts[r]`, portal record p is `texts[registerCount + p]`.
    private(set) var texts: [Text] = []
    let registerCount: Int
    /// The weight of a word seen at most twice: typos and one-off words.
    private(set) var rareWeight: Float = 0

    /// One description word as the scorer reads it, its three facts side by side.
    struct Token {
        var stem: Int32
        var surface: Int32
        var weight: Float
        /// Letters in the spelling as written (at most 255), and whether it holds a digit: enough to rule out most
        /// typo and cut-off comparisons without reading the spelling.
        var length: UInt8
        var hasDigit: Bool
    }
    /// The same words as `stems`, `surfaces` and `weights`, interleaved.
    private(set) var tokens: [Token] = []
    /// How many words are interned (stems and spellings).
    var vocabularySize: Int { spellings.count }

    func register(_ r: Int) -> Text { texts[r] }
    func portal(_ p: Int) -> Text { texts[registerCount + p] }
    /// The stems of a text, in order.
    func words(_ text: Text) -> ArraySlice<Int32> { stems[text.range] }

    init(register registerRecords: [Record], portal portalRecords: [Record]) {
        registerCount = registerRecords.count
        let recordCount = registerRecords.count + portalRecords.count
        var ids: [String: Int32] = [:]
        ids.reserveCapacity(4096)
        var stemOf: [Int32] = []
        var frequency: [Int32] = [], titleFrequency: [Int32] = []
        var lastSeen: [Int32] = [], lastSeenTitle: [Int32] = []
        var serial: Int32 = 0
        texts.reserveCapacity(recordCount)
        stems.reserveCapacity(recordCount * 24)
        surfaces.reserveCapacity(recordCount * 24)

        func intern(_ word: String) -> Int32 {
            if let id = ids[word] { return id }
            let id = Int32(spellings.count)
            ids[word] = id
            spellings.append(Array(word.utf8))
            stemOf.append(-1)
            frequency.append(0)
            titleFrequency.append(0)
            lastSeen.append(-1)
            lastSeenTitle.append(-1)
            return id
        }
        func stem(of surface: Int32) -> Int32 {
            if stemOf[Int(surface)] < 0 {
                let s = intern(TextNormaliser.stem(String(decoding: spellings[Int(surface)], as: UTF8.self)))
                stemOf[Int(surface)] = s
            }
            return stemOf[Int(surface)]
        }
        func add(_ record: Record) {
            serial += 1
            var (descriptionWords, truncated) = TextNormaliser.description(record.description)
            // A stub of one or two letters left where the text was cut ("so that t") says nothing.
            if descriptionWords.count > 3, let last = descriptionWords.last, last.utf8.count <= 2,
               !last.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                descriptionWords.removeLast()
                truncated = true
            }
            let start = Int32(stems.count)
            for word in descriptionWords {
                let surface = intern(word), s = stem(of: surface)
                surfaces.append(surface)
                stems.append(s)
                if lastSeen[Int(s)] != serial {
                    lastSeen[Int(s)] = serial
                    frequency[Int(s)] += 1
                }
            }
            let titleStart = Int32(titleWords.count)
            for word in TextNormaliser.title(record.inspection) {
                let s = stem(of: intern(word))
                if lastSeenTitle[Int(s)] != serial {
                    lastSeenTitle[Int(s)] = serial
                    titleFrequency[Int(s)] += 1
                    titleWords.append(s)
                }
            }
            texts.append(Text(start: start, count: Int32(stems.count) - start, titleStart: titleStart,
                              titleCount: Int16(clamping: Int32(titleWords.count) - titleStart), truncated: truncated,
                              type: record.type))
        }
        for record in registerRecords { add(record) }
        for record in portalRecords { add(record) }

        // How often each word follows each other word, over all descriptions.
        var follows: [UInt64: Int32] = [:]
        follows.reserveCapacity(stems.count / 2)
        for text in texts where text.count > 1 {
            for i in (text.range.lowerBound + 1)..<text.range.upperBound {
                follows[Self.pairKey(stems[i - 1], stems[i]), default: 0] += 1
            }
        }
        let total = Float(max(recordCount, 1))
        let idf = frequency.map { Self.idf(total, $0) }
        weights = stems.map { idf[Int($0)] }
        for text in texts where text.count > 1 {
            for i in (text.range.lowerBound + 1)..<text.range.upperBound {
                // Only a pairing seen a few times is a phrase; a typo's neighbour keeps its own weight.
                guard let together = follows[Self.pairKey(stems[i - 1], stems[i])], together >= Self.phraseEvidence
                else { continue }
                let given = (1 + Float(frequency[Int(stems[i - 1])]) / Float(together)).logarithm
                weights[i] = min(weights[i], max(given, Self.phraseFloor))
            }
        }
        titleWeight = titleFrequency.map { Self.idf(total, $0) }
        let spelled = spellings
        let hasDigit = spelled.map { $0.contains { $0 >= 0x30 && $0 <= 0x39 } }
        tokens = (0..<stems.count).map {
            let surface = Int(surfaces[$0])
            return Token(stem: stems[$0], surface: surfaces[$0], weight: weights[$0],
                         length: UInt8(clamping: spelled[surface].count), hasDigit: hasDigit[surface])
        }
        rareWeight = Self.idf(total, 2) * 0.999
    }

    /// How many times two words must follow each other before the second counts as part of a phrase.
    static let phraseEvidence: Int32 = 3
    /// The least a word in a phrase weighs.
    static let phraseFloor: Float = 0.5

    static func pairKey(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
    }

    /// log(1 + N / df), with df floored at 2 so that one-off spellings (typos) do not dominate.
    private static func idf(_ total: Float, _ frequency: Int32) -> Float {
        (1 + total / Float(max(frequency, 2))).logarithm
    }
}

extension Float {
    /// Natural logarithm without Foundation.
    var logarithm: Float {
        // ln(x) = 2 artanh((x-1)/(x+1)), after scaling x into [1, 2) by powers of two.
        guard self > 0 else { return 0 }
        let exponent = Float(self.exponent)
        let m = self.significand
        let y = (m - 1) / (m + 1), y2 = y * y
        var term = y, sum: Float = 0
        for k in stride(from: 1, through: 15, by: 2) {
            sum += term / Float(k)
            term *= y2
        }
        return 2 * sum + exponent * 0.693_147_18
    }
}
