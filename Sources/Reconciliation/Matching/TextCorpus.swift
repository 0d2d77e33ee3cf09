import Foundation

/// The words of the records to score, as flat arrays (one entry per word of each such description, register records
/// first), with a weight for each word: how much it tells about the finding.
///
/// A word weighs its rarity, log(1 + N/df) over the stems of both sides, but no more than it adds to the word
/// before it: in a stock phrase ("the authorised professional practice", "the criminal justice process") the words
/// after the first follow from it, log(1 + df(previous)/df(previous, word)), so a shared stock phrase counts about
/// as much as one rare word rather than as many words as it has. N, df and the pairings count every record read,
/// scored or not.
struct TextCorpus: Sendable {
    /// Where one record's words lie in the flat arrays, and what else the scorer uses.
    struct Text: Sendable {
        var range: Range<Int> = 0..<0
        var titleRange: Range<Int> = 0..<0
        /// The description ended with "…" or "...", or with a stub cut where a word began.
        var truncated = false
        /// A scored record's type (nil when outside the vocabulary); nil for a record not scored.
        var type: RecordType?
        /// The number of the record's inspection in `inspections`.
        var inspection: Int32 = 0
        var count: Int { range.count }
    }

    /// One description word as the scorer reads it.
    struct Token: Sendable {
        var stem: Int32
        /// The spelling as written (typos, cut-off words).
        var surface: Int32
        var weight: Float
        /// Letters in the spelling as written (at most 255), and whether it holds a digit.
        var length: UInt8
        var hasDigit: Bool
    }

    /// Spelling of every word in use, surface forms and stems alike.
    let spellings: [[UInt8]]
    /// The scored records' words.
    private(set) var tokens: [Token] = []
    /// Stems of each scored record's title, each once.
    private(set) var titleWords: [Int32] = []
    /// Weight of a stem in titles, from how many titles use it.
    let titleWeight: [Float]
    /// Every distinct title's inspection, read once per title rather than once per pair.
    let inspections: [InspectionKey]
    /// Per record (register record r is `texts[r]`, portal record p is `texts[registerCount + p]`), its text; a
    /// record not scored has no words.
    private var texts: [Text] = []
    let registerCount: Int
    /// The weight of a word seen at most twice: typos and one-off words.
    let rareWeight: Float

    /// A register record's text.
    func register(_ r: Int) -> Text { texts[r] }
    /// A portal record's text.
    func portal(_ p: Int) -> Text { texts[registerCount + p] }
    /// The stems of a text, in order.
    func words(_ text: Text) -> [Int32] { tokens[text.range].map(\.stem) }

    /// Every record of both sides read and scored.
    init(register: [Record], portal: [Record]) {
        var reading = TextReading(register: register, portal: portal)
        self.init(
            reading: &reading, register: register, portal: portal,
            scored: Array(repeating: true, count: register.count + portal.count))
    }

    /// The records marked in `scored` (numbered as in the reading's spans), weighed against everything `reading` read.
    init(reading: inout TextReading, register: [Record], portal: [Record], scored: [Bool]) {
        registerCount = register.count
        spellings = (0..<reading.vocabularySize).map { reading.spelling(Int32($0)) }
        let recordCount = register.count + portal.count
        let total = Float(max(recordCount, 1))
        let idf = reading.frequency.map { Self.idf(total, $0) }
        let follows = Self.pairCounts(reading, scored: scored)
        let hasDigit = spellings.map { $0.contains { $0 >= 0x30 && $0 <= 0x39 } }
        texts = Array(repeating: Text(), count: recordCount)
        for index in 0..<recordCount where scored[index] {
            let record = index < registerCount ? register[index] : portal[index - registerCount]
            let span = reading.spans[index]
            let start = tokens.count
            let titleStart = titleWords.count
            for i in span.range {
                let surface = reading.surfaces[i]
                let stem = reading.stemOf[Int(surface)]
                var weight = idf[Int(stem)]
                // Only a pairing seen a few times is a phrase; a typo's neighbour keeps its own weight.
                if i > span.range.lowerBound {
                    let previous = reading.stem(at: i - 1)
                    let together = follows[Self.pairKey(previous, stem)] ?? 0
                    if together >= Self.phraseEvidence {
                        let given = log(1 + Float(reading.frequency[Int(previous)]) / Float(together))
                        weight = min(weight, max(given, Self.phraseFloor))
                    }
                }
                tokens.append(
                    Token(
                        stem: stem, surface: surface, weight: weight,
                        length: UInt8(clamping: spellings[Int(surface)].count), hasDigit: hasDigit[Int(surface)]))
            }
            let title = reading.read(title: record.inspection)
            titleWords += title.stems
            texts[index] = Text(
                range: start..<tokens.count, titleRange: titleStart..<titleWords.count,
                truncated: span.truncated, type: record.type, inspection: title.inspection)
        }
        titleWeight = reading.titleFrequency.map { Self.idf(total, $0) }
        inspections = reading.inspections
        rareWeight = Self.idf(total, 2) * 0.999
    }

    /// How many times each pair of neighbouring stems in a scored record follows one after the other in all the
    /// records' descriptions.
    private static func pairCounts(_ reading: TextReading, scored: [Bool]) -> [UInt64: Int32] {
        var counts: [UInt64: Int32] = [:]
        for (index, span) in reading.spans.enumerated() where scored[index] {
            for i in span.range.dropFirst() { counts[pairKey(reading.stem(at: i - 1), reading.stem(at: i))] = 0 }
        }
        for span in reading.spans {
            for i in span.range.dropFirst() {
                let key = pairKey(reading.stem(at: i - 1), reading.stem(at: i))
                if let count = counts[key] { counts[key] = count + 1 }
            }
        }
        return counts
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
        log(1 + total / Float(max(frequency, 2)))
    }
}
