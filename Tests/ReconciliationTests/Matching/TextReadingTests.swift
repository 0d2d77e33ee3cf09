import Spreadsheet
import Testing

@testable import Reconciliation

/// The word table, the word splitter, the reading of every record, and an index holding postings for only some
/// records.
@Suite struct TextReadingTests {
    @Test func wordsAreNumberedInOrderOfFirstAppearance() {
        var table = WordTable()
        #expect(table.intern("force") == 0)
        #expect(table.intern("review") == 1)
        #expect(table.intern("force") == 0)
        // Spellings Swift holds equal share an id, as in a dictionary keyed by string.
        let composed = table.intern("caf\u{E9}")
        let decomposed = table.intern("cafe\u{301}")
        #expect(composed == 2 && decomposed == 2)
        let many = (0..<10_000).map { table.intern("word\($0)") }
        #expect(many == (0..<10_000).map { table.intern("word\($0)") })
        #expect(Set(many).count == 10_000)
    }

    @Test func wordsReadFromATextAreFoundAgainBySpelling() {
        // Each word read from a text is the word its spelling alone finds.
        var normaliser = TextNormaliser()
        for length in 1...20 {
            let long = String((0..<length).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })
            let text = "Custody \(long) reviewed9 supervision-arrangements Force's caf\u{E9} naïve \(long)"
            var ids: [Int32] = []
            normaliser.title(text, into: &ids)
            let spellings = ids.map { String(decoding: normaliser.table.spellings[Int($0)], as: UTF8.self) }
            #expect(
                spellings
                    == [
                        "custody", long, "reviewed9", "supervision", "arrangements", "forces", "caf\u{E9}",
                        "naïve", long,
                    ].filter { !TextNormaliser.stopWords.contains($0) })
            var table = normaliser.table
            for (id, spelling) in zip(ids, spellings) { #expect(table.intern(spelling) == id) }
        }
    }

    @Test func wordsAreNumberedInOrderOfFirstUse() {
        // Register records then portal records: each kept description word followed by its stem, then the title's.
        let register = [Fixture.register(2, "Reviews custody", inspection: "Vetting audit")]
        let portal = [Fixture.portal(2, "Custody records reviews", inspection: "Vetting")]
        let reading = TextReading(register: register, portal: portal)
        let spellings = (0..<reading.vocabularySize).map {
            String(decoding: reading.spelling(Int32($0)), as: UTF8.self)
        }
        #expect(spellings == ["reviews", "review", "custody", "vetting", "vet", "audit", "records", "record"])
        // A stem not (yet) used as written has none of its own.
        #expect(reading.stemOf == [1, -1, 2, 4, -1, 5, 7, -1])
        #expect(reading.frequency == [0, 2, 2, 0, 0, 0, 0, 1] && reading.titleFrequency == [0, 0, 0, 0, 2, 1, 0, 0])
    }

    @Test func aTitleReadAgainGivesTheStemsOfAFreshReading() {
        let titles = ["Custody suite review", "Vetting and conducts", "Custody suite review", "Vetting and conducts"]
        var reading = TextReading(register: [], portal: [])
        let stems = titles.map { reading.titleStems($0) }
        #expect(stems[0] == stems[2] && stems[1] == stems[3] && stems[0] != stems[1])
        var fresh = TextReading(register: [], portal: [])
        #expect(fresh.titleStems(titles[1]).map { fresh.spelling($0) } == stems[1].map { reading.spelling($0) })
        #expect(stems[1].map { String(decoding: reading.spelling($0), as: UTF8.self) } == ["vet", "conduct"])
    }

    @Test func wordsSplitAtAnythingButLettersDigitsAndApostrophes() {
        // Apostrophes, straight or curly, join; other punctuation, spaces and symbols separate; letters of any
        // script are lower-cased; a combining mark joins the letter before it but starts no word.
        func words(_ text: String) -> [String] {
            var normaliser = TextNormaliser()
            var ids: [Int32] = []
            normaliser.title(text, into: &ids)
            return ids.map { String(decoding: normaliser.table.spellings[Int($0)], as: UTF8.self) }
        }
        #expect(words("Force's victims\u{2019} CPS\u{2018}s") == ["forces", "victims", "cpss"])
        #expect(words("ÉCOLE Straße–ΑΘΗΝΑ ÇA") == ["école", "straße", "αθηνα", "ça"])
        #expect(words("sign-off, 24/7 (DA)\u{A0}B\u{2026}C") == ["sign", "off", "24", "7", "da", "b", "c"])
        #expect(words("\u{301}abc x\u{301}y \u{301}") == ["abc", "x\u{301}y"])
        #expect(words("£5 €6 7½ ①") == ["5", "6", "7"])
    }

    @Test func anAccentWrittenAsACombiningMarkStaysInItsWord() {
        // "référence" with each "é" one scalar, or "e" followed by U+0301: one word, the same word.
        var normaliser = TextNormaliser()
        var composed: [Int32] = []
        var decomposed: [Int32] = []
        normaliser.title("R\u{E9}f\u{E9}rence audit", into: &composed)
        normaliser.title("Re\u{301}fe\u{301}rence audit", into: &decomposed)
        #expect(composed.count == 2 && composed == decomposed)
    }

    @Test func wordFactsComeFromTheSpelling() {
        #expect(WordFacts("the").contains([.stopWord, .the]))
        #expect(WordFacts("tha").contains(.stopWordStart))
        #expect(WordFacts("shoud").contains(.modal))
        #expect(WordFacts("2022").contains([.year, .allDigits, .hasDigit]))
        #expect(!WordFacts("review").contains(.stopWord))
    }

    /// Descriptions from a small vocabulary, so that keys are shared widely and look-ups meet caps and budgets.
    static func records(_ source: Source, count: Int, seed: UInt64) -> [Record] {
        let vocabulary = [
            "review", "triage", "custody", "victims", "timely", "audit", "vetting", "control", "room",
            "training", "domestic", "abuse", "missing", "persons", "supervision", "crime", "recording",
        ]
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        return (0..<count).map { row in
            let words = (0..<(6 + next() % 8)).map { _ in vocabulary[next() % vocabulary.count] }
            let text = "The force should " + words.joined(separator: " ")
            return source == .register ? Fixture.register(row + 2, text) : Fixture.portal(row + 2, text)
        }
    }

    /// 60 register and 400 portal records from `records`, read, and a corpus scoring all of them.
    static func readAndScoreAll(seeds: (UInt64, UInt64)) -> (
        register: [Record], portal: [Record], reading: TextReading,
        corpus: TextCorpus
    ) {
        let register = records(.register, count: 60, seed: seeds.0)
        let portal = records(.portal, count: 400, seed: seeds.1)
        let reading = TextReading(register: register, portal: portal)
        var copy = reading
        let corpus = TextCorpus(
            reading: &copy, register: register, portal: portal,
            scored: (register + portal).map { _ in true })
        return (register, portal, reading, corpus)
    }

    @Test func anIndexOfSomeRecordsOffersWhatTheWholeIndexWould() {
        let (register, portal, reading, corpus) = Self.readAndScoreAll(seeds: (1, 2))
        let some = portal.indices.map { $0 % 3 == 0 }
        func index(_ indexed: [Bool]) -> TextIndex {
            TextIndex(
                reading: reading, portalKeep: Array(portal.indices), indexed: indexed,
                lookups: Array(register.indices), postingsCap: 5, budget: 40)
        }
        let whole = index(portal.map { _ in true })
        let part = index(some)
        var offered = 0
        for r in register.indices {
            let words = corpus.words(corpus.register(r))
            let expected = whole.candidates(for: words, allowed: some, limit: 8)
            let found = part.candidates(for: words, allowed: some, limit: 8)
            #expect(
                found.map(\.record) == expected.map(\.record) && found.map(\.votes) == expected.map(\.votes),
                "register \(r)")
            offered += found.count
        }
        #expect(offered > 0)
    }

    @Test func aPortalDescriptionWrittenAsItsPartnersSharesItsWords() {
        // Sharing a partner's words reads exactly as reading the description again. Only the same bytes share: an
        // accent written as a combining mark is a longer last word, which is kept where the one-scalar accent is a
        // stub cut off, though Swift holds the two descriptions equal.
        var register = Self.records(.register, count: 30, seed: 11)
        var portal = Self.records(.portal, count: 30, seed: 12)
        for r in 0..<10 { portal[r].description = register[r].description }
        register[10].description = "The force should review custody records daily \u{E9}"
        portal[10].description = "The force should review custody records daily e\u{301}"
        #expect(register[10].description == portal[10].description)
        let partner = portal.indices.map { $0 <= 12 ? $0 : -1 }
        let shared = TextReading(register: register, portal: portal, partner: partner)
        let read = TextReading(register: register, portal: portal)
        #expect((0..<10).allSatisfy { shared.spans[30 + $0].start == shared.spans[$0].start })
        #expect(shared.spans[10].truncated && !shared.spans[40].truncated)
        #expect(shared.vocabularySize == read.vocabularySize && shared.stemOf == read.stemOf)
        #expect((0..<read.vocabularySize).allSatisfy { shared.spelling(Int32($0)) == read.spelling(Int32($0)) })
        #expect(shared.frequency == read.frequency && shared.titleFrequency == read.titleFrequency)
        for index in 0..<60 {
            let (a, b) = (shared.spans[index], read.spans[index])
            #expect(a.truncated == b.truncated && shared.surfaces[a.range] == read.surfaces[b.range], "record \(index)")
        }
    }

    @Test func eachStemIsCountedOncePerRecordThatUsesIt() {
        // Counted as the words are numbered: a stem repeated in one description, or reached through two spellings
        // ("reviews", "review"), counts once for that record; titles are counted apart.
        var register = Self.records(.register, count: 40, seed: 9)
        let portal = Self.records(.portal, count: 25, seed: 10)
        for r in stride(from: 0, to: 40, by: 5) {
            register[r].description += " reviews review reviewed custody custody"
        }
        let reading = TextReading(register: register, portal: portal)
        var expected: [String: Int32] = [:]
        var expectedTitles: [String: Int32] = [:]
        var titles = TextReading(register: [], portal: [])
        for (index, record) in (register + portal).enumerated() {
            for stem in Set(reading.spans[index].range.map { reading.spelling(reading.stem(at: $0)) }) {
                expected[String(decoding: stem, as: UTF8.self), default: 0] += 1
            }
            let title = titles.titleStems(record.inspection)
            for stem in Set(title.map { titles.spelling($0) }) {
                expectedTitles[String(decoding: stem, as: UTF8.self), default: 0] += 1
            }
        }
        #expect(expected["review", default: 0] >= 8 && expected["custody", default: 0] >= 8)
        for word in 0..<reading.vocabularySize {
            let spelling = String(decoding: reading.spelling(Int32(word)), as: UTF8.self)
            #expect(reading.frequency[word] == expected[spelling, default: 0], "\(spelling)")
            #expect(reading.titleFrequency[word] == expectedTitles[spelling, default: 0], "title \(spelling)")
        }
    }

}

extension WordTable {
    /// The id of a word given as a string.
    mutating func intern(_ word: String) -> Int32 { intern(Array(word.utf8)) }
}
