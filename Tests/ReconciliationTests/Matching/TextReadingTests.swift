import Spreadsheet
import Testing
@testable import Reconciliation

/// The word table, the reading of every record, and an index holding postings for only some records: each must
/// give what the whole would.
@Suite struct TextReadingTests {
    @Test func wordsAreNumberedInOrderOfFirstAppearance() {
        var table = WordTable()
        #expect(table.intern("force") == 0)
        #expect(table.intern("review") == 1)
        #expect(table.intern("force") == 0)
        // Spellings Swift holds equal share an id, as in a dictionary keyed by string.
        let composed = table.intern("caf\u{E9}"), decomposed = table.intern("cafe\u{301}")
        #expect(composed == 2 && decomposed == 2)
        // Past the table's first size every word is still found.
        let many = (0..<10_000).map { table.intern("word\($0)") }
        #expect(many == (0..<10_000).map { table.intern("word\($0)") })
        #expect(Set(many).count == 10_000)
    }

    @Test func wordsReadFromATextAreFoundAgainBySpelling() {
        // Words are split and hashed eight bytes at a step, and a word may end anywhere in a step or at the text's
        // end: each must be the word its spelling alone finds.
        var normaliser = TextNormaliser()
        for length in 1...20 {
            let long = String((0..<length).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })
            let text = "Custody \(long) reviewed9 supervision-arrangements Force's caf\u{E9} naïve \(long)"
            var ids: [Int32] = []
            normaliser.title(text, into: &ids)
            let spellings = ids.map { String(decoding: normaliser.table.spellings[Int($0)], as: UTF8.self) }
            #expect(spellings == ["custody", long, "reviewed9", "supervision", "arrangements", "forces", "caf\u{E9}",
                                  "naïve", long].filter { !TextNormaliser.stopWords.contains($0) })
            for (id, spelling) in zip(ids, spellings) { #expect(normaliser.intern(Array(spelling.utf8)) == id) }
        }
    }

    @Test func shortWordsAreFoundByTheirBytesPastTheTablesFirstSize() {
        // A word of up to fifteen bytes is looked up by its bytes as two integers, in a table that grows (a longer
        // one by its hash); a word
        // must not be taken for a longer one that begins with it, nor a word for its own start, nor two words that
        // share their first or their second eight bytes for one another.
        var normaliser = TextNormaliser()
        let words = (0..<3000).map { "w\(String($0, radix: 36))" }
            + ["policing", "policings", "policin", "12345678", "123456789", "x", "ab1",
               "safeguardingplan", "safeguardingplans", "safeguardingpla", "safeguardingplam", "criminalsplan",
               "abcdefghsafeguardingplan", "1234567812345678", "12345678123456789", "1234567812345670"]
        var ids: [Int32] = []
        normaliser.title(words.joined(separator: " "), into: &ids)
        #expect(ids.map { String(decoding: normaliser.table.spellings[Int($0)], as: UTF8.self) } == words)
        var again: [Int32] = []
        normaliser.title(words.reversed().joined(separator: ", "), into: &again)
        #expect(again == ids.reversed())
    }

    @Test func titlesOfOneLengthKeepTheirOwnStems() {
        // The last title seen at each length is tried first, by identity: two titles of one length read in turn,
        // each time as the same string object, must each give their own stems, as a fresh reading does.
        let titles = ["Custody suite review", "Vetting and conducts", "Custody suite review", "Vetting and conducts"]
        var reading = TextReading(register: [], portal: [])
        var stems: [[Int32]] = [], out: [Int32] = []
        for title in titles {
            reading.titleStems(title, into: &out)
            stems.append(out)
        }
        #expect(stems[0] == stems[2] && stems[1] == stems[3] && stems[0] != stems[1])
        var fresh = TextReading(register: [], portal: [])
        fresh.titleStems(titles[1], into: &out)
        #expect(out.map { fresh.spelling($0) } == stems[1].map { reading.spelling($0) })
    }

    @Test func anAccentWrittenAsACombiningMarkStaysInItsWord() {
        // "référence" with each "é" one scalar, or "e" followed by U+0301: one word, the same word.
        var normaliser = TextNormaliser()
        var composed: [Int32] = [], decomposed: [Int32] = []
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
        let vocabulary = ["review", "triage", "custody", "victims", "timely", "audit", "vetting", "control", "room",
                          "training", "domestic", "abuse", "missing", "persons", "supervision", "crime", "recording"]
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
    static func readAndScoreAll(seeds: (UInt64, UInt64)) -> (register: [Record], portal: [Record], reading: TextReading,
                                                             corpus: TextCorpus) {
        let register = records(.register, count: 60, seed: seeds.0), portal = records(.portal, count: 400, seed: seeds.1)
        let reading = TextReading(register: register, portal: portal)
        var copy = reading
        let corpus = TextCorpus(reading: &copy, register: register, portal: portal,
                                scoredRegister: register.map { _ in true }, scoredPortal: portal.map { _ in true })
        return (register, portal, reading, corpus)
    }

    @Test func anIndexOfSomeRecordsOffersWhatTheWholeIndexWould() {
        let (register, portal, reading, corpus) = Self.readAndScoreAll(seeds: (1, 2))
        let some = portal.indices.map { $0 % 3 == 0 }
        func index(_ indexed: [Bool]) -> TextIndex {
            TextIndex(reading: reading, portalKeep: Array(portal.indices), indexed: indexed,
                      lookups: Array(register.indices), postingsCap: 5, budget: 40)
        }
        let whole = index(portal.map { _ in true }), part = index(some)
        var wholeScratch = whole.makeScratch(), partScratch = part.makeScratch()
        var offered = 0
        for r in register.indices {
            let words = corpus.words(corpus.register(r))
            let expected = whole.candidates(for: words, allowed: some, limit: 8, scratch: &wholeScratch)
            let found = part.candidates(for: words, allowed: some, limit: 8, scratch: &partScratch)
            #expect(found.map(\.record) == expected.map(\.record) && found.map(\.votes) == expected.map(\.votes), "register \(r)")
            offered += found.count
        }
        #expect(offered > 0)
    }

    @Test func anIndexCountedInPartsOffersWhatOneCountingOffers() {
        // Runs are counted in consecutive parts of the records; a later part's places in a run start where the
        // parts before it ended, which decides where a look-up stops reading a run: a budget of 10 postings cuts
        // runs that the parts share.
        let (register, portal, reading, corpus) = Self.readAndScoreAll(seeds: (5, 6))
        let some = portal.indices.map { $0 % 3 != 1 }, allowed = portal.indices.map { $0 % 2 == 0 || $0 > 300 }
        func index(pieces: Int) -> TextIndex {
            TextIndex(reading: reading, portalKeep: Array(portal.indices), indexed: some, lookups: Array(register.indices),
                      postingsCap: 5, budget: 10, pieces: pieces)
        }
        let one = index(pieces: 1)
        var oneScratch = one.makeScratch()
        let expected = register.indices.map { r in
            one.candidates(for: corpus.words(corpus.register(r)), allowed: allowed, limit: 8, scratch: &oneScratch)
        }
        #expect(expected.contains { !$0.isEmpty })
        for pieces in [2, 3, 7] {
            let parts = index(pieces: pieces)
            var scratch = parts.makeScratch()
            for r in register.indices {
                let found = parts.candidates(for: corpus.words(corpus.register(r)), allowed: allowed, limit: 8, scratch: &scratch)
                #expect(found.map(\.record) == expected[r].map(\.record) && found.map(\.votes) == expected[r].map(\.votes),
                        "register \(r), \(pieces) parts")
            }
        }
    }

    @Test func aDescriptionSharedWithItsPartnerCountsAsIfReadAgain() {
        var register = Self.records(.register, count: 30, seed: 3)
        var portal = Self.records(.portal, count: 30, seed: 4)
        // A stock phrase in shared descriptions and in others: its second word weighs what the pairing tells.
        for r in 0..<8 { register[r].description += " authorised professional practice" }
        for p in [1, 3] { portal[p].description += " authorised professional practice" }
        for p in stride(from: 0, to: 30, by: 2) { portal[p].description = register[p].description }
        let partner = portal.indices.map { Int32($0) }
        let shared = TextReading(register: register, portal: portal, partner: partner)
        let separate = TextReading(register: register, portal: portal)
        #expect(shared.frequency == separate.frequency && shared.titleFrequency == separate.titleFrequency)
        for p in portal.indices {
            #expect(shared.sameWords(p, 30 + p) == separate.sameWords(p, 30 + p))
            #expect(shared.spans[30 + p].range.map { shared.stem(at: $0) } == separate.spans[30 + p].range.map { separate.stem(at: $0) })
        }
        #expect(shared.surfaces.count < separate.surfaces.count)
        // A shared description's word pairings count once per record too, so the words weigh the same.
        func weights(_ reading: TextReading) -> [Float] {
            var reading = reading
            return TextCorpus(reading: &reading, register: register, portal: portal,
                              scoredRegister: register.map { _ in true }, scoredPortal: portal.map { _ in true }).tokens.map(\.weight)
        }
        #expect(weights(shared) == weights(separate))
    }

    @Test func eachStemIsCountedOncePerRecordThatUsesIt() {
        // Counted as the words are numbered: a stem repeated in one description, or reached through two spellings
        // ("reviews", "review"), counts once for that record; titles are counted apart.
        var register = Self.records(.register, count: 40, seed: 9)
        let portal = Self.records(.portal, count: 25, seed: 10)
        for r in stride(from: 0, to: 40, by: 5) { register[r].description += " reviews review reviewed custody custody" }
        let reading = TextReading(register: register, portal: portal, recordsPerChunk: 9)
        var expected: [String: Int32] = [:], expectedTitles: [String: Int32] = [:]
        var titles = TextReading(register: [], portal: [])
        for (index, record) in (register + portal).enumerated() {
            for stem in Set(reading.spans[index].range.map { reading.spelling(reading.stem(at: $0)) }) {
                expected[String(decoding: stem, as: UTF8.self), default: 0] += 1
            }
            var title: [Int32] = []
            titles.titleStems(record.inspection, into: &title)
            for stem in Set(title.map { titles.spelling($0) }) { expectedTitles[String(decoding: stem, as: UTF8.self), default: 0] += 1 }
        }
        #expect(expected["review", default: 0] >= 8 && expected["custody", default: 0] >= 8)
        for word in 0..<reading.vocabularySize {
            let spelling = String(decoding: reading.spelling(Int32(word)), as: UTF8.self)
            #expect(reading.frequency[word] == expected[spelling, default: 0], "\(spelling)")
            #expect(reading.titleFrequency[word] == expectedTitles[spelling, default: 0], "title \(spelling)")
        }
    }

    @Test func readingInChunksGivesWhatOneReadingGives() {
        var register = Self.records(.register, count: 50, seed: 5)
        var portal = Self.records(.portal, count: 40, seed: 6)
        // Words first met in later chunks, some of them stems of others.
        func letters(_ n: Int) -> String { String(UnicodeScalar(UInt8(97 + n % 26))) + String(UnicodeScalar(UInt8(97 + n / 26 % 26))) }
        for r in stride(from: 0, to: 50, by: 3) { register[r].description += " word\(letters(r))ings word\(letters(r + 1))" }
        for p in stride(from: 1, to: 40, by: 4) { portal[p].description += " word\(letters(p * 2))ings" }
        portal[3].description = register[7].description
        portal[20].description = register[41].description + " café"
        let partner = portal.indices.map { Int32($0 + 4) }
        let whole = TextReading(register: register, portal: portal, partner: partner)
        let chunked = TextReading(register: register, portal: portal, partner: partner, recordsPerChunk: 11)
        #expect(chunked.vocabularySize == whole.vocabularySize)
        #expect((0..<whole.vocabularySize).allSatisfy { chunked.spelling(Int32($0)) == whole.spelling(Int32($0)) })
        #expect(chunked.stemOf == whole.stemOf)
        #expect(chunked.frequency == whole.frequency && chunked.titleFrequency == whole.titleFrequency)
        for record in 0..<90 {
            #expect(chunked.spans[record].range.map { chunked.surfaces[$0] } == whole.spans[record].range.map { whole.surfaces[$0] })
            #expect(chunked.spans[record].truncated == whole.spans[record].truncated)
        }
    }

    @Test func chunksOfDescriptionsAsDenseAsWordsCanBeKeepTheirOwnPlaces() {
        // One-letter words with one space between them fill the place each chunk sets aside for its words (a word
        // and a separator a byte each); a chunk writing past its place would overwrite the next chunk's words.
        let letters = (UInt8(ascii: "b")...UInt8(ascii: "z")).map { String(UnicodeScalar($0)) }.filter { $0 != "s" }
        func dense(_ n: Int) -> String { (0..<(5 + n % 9)).map { letters[($0 * 7 + n) % letters.count] }.joined(separator: " ") }
        let register = (0..<40).map { Fixture.register($0 + 2, dense($0)) }
        let portal = (0..<30).map { Fixture.portal($0 + 2, $0 % 4 == 0 ? dense($0 + 40) + " review" : dense($0 + 40)) }
        let whole = TextReading(register: register, portal: portal)
        let chunked = TextReading(register: register, portal: portal, recordsPerChunk: 7)
        for record in 0..<70 {
            let words = chunked.spans[record].range.map { chunked.spelling(chunked.surfaces[$0]) }
            #expect(words == whole.spans[record].range.map { whole.spelling(whole.surfaces[$0]) })
            #expect(words.count >= 4, "record \(record) kept \(words.count) words")
        }
    }

    @Test func aDescriptionOfSixteenMegabytesOrMoreCountsAllItsBytes() {
        // A span's own count stops at 16 MiB − 1; the reading sets aside room for words by the whole count.
        var record = Fixture.register(2, "")
        record.description = String(repeating: "audit ", count: 3_000_000)
        #expect(record.descriptionSpan.byteCount == TextSpan.longestCounted)
        #expect(record.descriptionByteCount == 18_000_000)
        record.description = "A short finding"
        #expect(record.descriptionByteCount == 15)
    }

    @Test func onlyAddedPairsAreCounted() {
        var counts = PairCounts()
        for n in 0..<100 { counts.add(Int32(n), Int32(n + 1)) }
        for _ in 0..<3 { for n in 0..<200 { counts.count(Int32(n), Int32(n + 1)) } }
        #expect(counts[5, 6] == 3 && counts[99, 100] == 3)
        #expect(counts[150, 151] == 0 && counts[6, 5] == 0)
    }
}

extension WordTable {
    /// The id of a word given as a string.
    mutating func intern(_ word: String) -> Int32 {
        var word = word
        return word.withUTF8 { intern($0, hash: ByteHash.hash($0), isASCII: $0.allSatisfy { $0 < 0x80 }) }
    }
}
