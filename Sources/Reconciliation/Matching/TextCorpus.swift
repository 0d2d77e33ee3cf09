import Spreadsheet

/// Every record's description words, read once, and how often each word is used: what the word weights need from
/// all the records, though only the records left to the text stage are scored.
///
/// Words are numbered in order of first use (a description's words as kept, each followed by its stem, then the
/// title's), so that the index meets them in the same order whichever records are scored.
struct TextReading {
    /// Where a record's words lie in `surfaces`.
    struct Span {
        var start: Int32
        var count: Int32
        /// The description ended with "…" or "...", or with a stub cut where a word began.
        var truncated: Bool
        /// How many records' words the span holds: 0 for a portal record sharing its reference partner's words, 2
        /// for that partner (a pair being one to one), 1 otherwise. Counting each span `readers` times counts every
        /// record's words once. (Held in what would be padding.)
        var readers: UInt8 = 1
        var range: Range<Int> { Int(start)..<Int(start + count) }
    }

    private var normaliser = TextNormaliser()
    /// The normaliser's id of each word in use.
    private var rawOf: [Int32] = []
    /// Per normaliser id, the word in use and its stem: -1 for words not in use (stop words, openings), the stem -1
    /// for a word numbered as another's stem but not yet used as written. The stem repeats `stemOf`'s, beside the
    /// word, so that reading a description takes both in one read; `setStem` writes the two.
    private var usedAs: [UsedWord] = []
    /// The stem of each word in use (a word in use too), -1 until the word is used as written.
    private(set) var stemOf: [Int32] = []
    /// Description words as written, record after record, each chunk's from the place set aside for it (the places
    /// a chunk left unused lie between, never read); a portal record whose description is byte for byte its
    /// reference partner's shares the partner's words.
    private(set) var surfaces: [Int32] = []
    /// Register record r is `spans[r]`, portal record p is `spans[registerCount + p]`.
    private(set) var spans: [Span] = []
    /// Per stem: how many descriptions use it, and how many titles.
    private(set) var frequency: [Int32] = []
    private(set) var titleFrequency: [Int32] = []
    let registerCount: Int

    /// How many words are in use.
    var vocabularySize: Int { rawOf.count }
    /// The spelling of a word in use.
    func spelling(_ word: Int32) -> [UInt8] { normaliser.table.spellings[Int(rawOf[Int(word)])] }
    /// The stems of a record's description words, in order (record numbered as in `spans`).
    func stem(at position: Int) -> Int32 { stemOf[Int(surfaces[position])] }

    /// Reads both sides. `partner[p]`, when given, is the register record paired with portal record p by
    /// reference (or -1): a description equal to the partner's is not read again. `sharing`, when given, is what
    /// comparing the pairs' descriptions found already.
    ///
    /// The records are read in consecutive chunks on every core, each chunk numbering the words it meets in its
    /// own order; the chunks are then joined in order, each numbering only the words the earlier ones did not
    /// meet, in the order it met them: the numbering one reading from first record to last would give. Up to 8
    /// chunks, of at least `recordsPerChunk` records.
    ///
    /// Each chunk writes its words straight into `surfaces`, from a place set aside for the most words its
    /// descriptions can hold, and its records' spans into `spans`: the chunks are never copied together. The places
    /// a chunk's descriptions left unused are never written, so they take address space, not memory.
    init(register: [Record], portal: [Record], partner: [Int32] = [], sharing: SharedDescriptions? = nil,
         recordsPerChunk: Int = 20_000) {
        let recordCount = register.count + portal.count
        let chunkCount = max(1, min(8, recordCount / recordsPerChunk))
        let sharing = sharing ?? SharedDescriptions(register: register, portal: portal, partner: partner)
        let (sharedBy, sharesWith) = (sharing.sharedBy, sharing.sharesWith)
        let ranges = consecutiveRanges(recordCount, pieces: chunkCount)
        var words: [Int32] = [], spans: [Span] = []
        // The threads read the records through buffer pointers: going through the arrays would retain and release
        // the same array storage from every thread, a reference count bounced between cores on every record.
        var chunks = register.withUnsafeBufferPointer { register in
            portal.withUnsafeBufferPointer { portal in
                sharedBy.withUnsafeBufferPointer { sharedBy in
                    sharesWith.withUnsafeBufferPointer { sharesWith in
                        let bounds = parallelMap(chunkCount) { chunk in
                            Self.mostWords(ranges[chunk], register: register, portal: portal, sharesWith: sharesWith)
                        }
                        var firstWord = [0]
                        for bound in bounds { firstWord.append(firstWord.last! + bound) }
                        let total = firstWord.last!
                        precondition(total <= Int(Int32.max), "too many descriptions to read at once: over 4 GB of them")
                        // Set aside, not written: a large array's pages take memory only where they are written.
                        words = [Int32](unsafeUninitializedCapacity: total) { $1 = total }
                        spans = [Span](unsafeUninitializedCapacity: recordCount) { $1 = recordCount }
                        return words.withUnsafeMutableBufferPointer { words in
                            spans.withUnsafeMutableBufferPointer { spans in
                                parallelMap(chunkCount) { chunk -> TextReading in
                                    Self.readChunk(ranges[chunk], words: words, from: firstWord[chunk],
                                                   to: firstWord[chunk + 1], spans: spans,
                                                   register: register, portal: portal, sharedBy: sharedBy,
                                                   sharesWith: sharesWith)
                                }
                            }
                        }
                    }
                }
            }
        }
        self = chunks[0]
        chunks[0] = TextReading(registerCount: 0)
        // Each later chunk's words are numbered here in order, then renumbered where they lie, one chunk on each core.
        let numbers = chunks.dropFirst().map { joinVocabulary($0) }
        chunks = []
        words.withUnsafeMutableBufferPointer { words in
            spans.withUnsafeBufferPointer { spans in
                _ = parallelMap(numbers.count) { chunk in
                    Self.renumber(ranges[chunk + 1], spans: spans, words: words, numbers[chunk])
                }
            }
        }
        // A portal record repeating its partner's description takes the partner's words, read once.
        for p in sharesWith.indices where sharesWith[p] >= 0 {
            let record = register.count + p, partner = Int(sharesWith[p])
            spans[partner].readers += 1
            spans[record] = spans[partner]
            spans[record].readers = 0
        }
        surfaces = words
        self.spans = spans
    }

    /// The most words the descriptions of consecutive records (numbered as in `spans`) can hold: a word takes at
    /// least one byte, and a separator follows it. A portal record repeating its partner's description holds none.
    private static func mostWords(_ records: Range<Int>, register: UnsafeBufferPointer<Record>,
                                  portal: UnsafeBufferPointer<Record>, sharesWith: UnsafeBufferPointer<Int32>) -> Int {
        var bound = 0
        for index in records {
            let p = index - register.count
            if p < 0 {
                bound += (register[index].descriptionByteCount + 1) / 2
            } else if sharesWith[p] < 0 {
                bound += (portal[p].descriptionByteCount + 1) / 2
            }
        }
        return bound
    }

    /// Gives the words of consecutive records (numbered as in `spans`) the numbers `number` maps them to.
    private static func renumber(_ records: Range<Int>, spans: UnsafeBufferPointer<Span>,
                                 words: UnsafeMutableBufferPointer<Int32>, _ number: [Int32]) {
        number.withUnsafeBufferPointer { number in
            for record in records {
                for i in spans[record].range { words[i] = number[Int(words[i])] }
            }
        }
    }

    /// Reads consecutive records (numbered as in `spans`), numbering the words in the order it meets them: writes
    /// their words into `words` from `start`, and their spans into `spans`. The reading returned holds the
    /// vocabulary and the counts.
    private static func readChunk(_ records: Range<Int>, words: UnsafeMutableBufferPointer<Int32>, from start: Int, to end: Int,
                                  spans: UnsafeMutableBufferPointer<Span>, register: UnsafeBufferPointer<Record>,
                                  portal: UnsafeBufferPointer<Record>, sharedBy: UnsafeBufferPointer<Int32>,
                                  sharesWith: UnsafeBufferPointer<Int32>) -> TextReading {
        var reading = TextReading(registerCount: register.count)
        // The place set aside for this chunk ends where the next chunk's begins.
        let words = UnsafeMutableBufferPointer(rebasing: words[..<end])
        var next = start, scratch: [Int32] = []
        scratch.reserveCapacity(256)
        for index in records {
            let p = index - register.count
            // The record's number within the chunk tells its stems apart from the previous record's.
            let serial = Int32(index - records.lowerBound)
            if p < 0 {
                // A description its portal partner repeats counts for both records here.
                spans[index] = reading.read(register[index].descriptionBytes, register[index].inspection, serial: serial,
                                            records: sharedBy[index] >= 0 ? 2 : 1, into: words, at: &next, scratch: &scratch)
            } else if sharesWith[p] >= 0 {
                spans[index] = Span(start: 0, count: 0, truncated: false)
                reading.countTitle(portal[p].inspection, serial: serial)
            } else {
                spans[index] = reading.read(portal[p].descriptionBytes, portal[p].inspection, serial: serial,
                                            into: words, at: &next, scratch: &scratch)
            }
        }
        return reading
    }

    private init(registerCount: Int) {
        self.registerCount = registerCount
    }

    /// Scratch for reading, kept with the reading (four bytes a word each): which record (numbered within the
    /// chunk) last counted each word, in descriptions and in titles, so that each record counts a word once; after
    /// the chunks are joined they hold what the first chunk left and are not read again.
    private var lastSeen: [Int32] = [], lastSeenTitle: [Int32] = []

    /// Reads a record's description, numbering its words and counting their stems as it goes (for `records`
    /// records that read the same), then counts its title's; writes the words into `words` at `next` (before its
    /// end), which moves on past them, and returns where they lie. `serial` numbers the record within the reading.
    private mutating func read(_ description: UnsafeBufferPointer<UInt8>, _ inspection: String, serial: Int32,
                               records: Int32 = 1, into words: UnsafeMutableBufferPointer<Int32>, at next: inout Int,
                               scratch: inout [Int32]) -> Span {
        scratch.removeAll(keepingCapacity: true)
        let truncated = normaliser.description(description, into: &scratch)
        let start = next
        // Never fails: a word takes at least one byte and a separator (the place was set aside so).
        precondition(scratch.count <= words.count - start, "a description held more words than its bytes can")
        // Words met for the first time are numbered first; the tables then keep their size while every word is
        // taken and counted through buffer pointers.
        for raw in scratch { _ = use(raw) }
        usedAs.withUnsafeBufferPointer { usedAs in
            lastSeen.withUnsafeMutableBufferPointer { lastSeen in
                frequency.withUnsafeMutableBufferPointer { frequency in
                    for raw in scratch {
                        let used = usedAs[Int(raw)]
                        words[next] = used.word
                        next += 1
                        let s = Int(used.stem)
                        if lastSeen[s] != serial {
                            lastSeen[s] = serial
                            frequency[s] += records
                        }
                    }
                }
            }
        }
        countTitle(inspection, serial: serial)
        return Span(start: Int32(start), count: Int32(next - start), truncated: truncated)
    }

    /// Counts the stems of the title of the record numbered `serial` within the reading.
    private mutating func countTitle(_ inspection: String, serial: Int32) {
        // A known title's stems come back as its remembered array, shared, not copied.
        var stems: [Int32] = []
        titleStems(inspection, into: &stems)
        for s in stems where lastSeenTitle[Int(s)] != serial {
            lastSeenTitle[Int(s)] = serial
            titleFrequency[Int(s)] += 1
        }
    }

    /// Numbers the words of the reading of the records that follow after this reading's, and adds its counts;
    /// returns the number here of each of its words.
    private mutating func joinVocabulary(_ next: TextReading) -> [Int32] {
        var number = [Int32](repeating: -1, count: next.vocabularySize)
        for word in 0..<next.vocabularySize { number[word] = self.number(normaliser.intern(next.spelling(Int32(word)))) }
        for word in 0..<next.vocabularySize {
            let here = Int(number[word])
            if next.stemOf[word] >= 0 && stemOf[here] < 0 { setStem(of: number[word], number[Int(next.stemOf[word])]) }
            frequency[here] += next.frequency[word]
            titleFrequency[here] += next.titleFrequency[word]
        }
        return number
    }

    /// The distinct stems of a title, in order of first appearance. A register repeats a few titles, so each
    /// title's stems are remembered (up to `rememberedTitles` of them).
    mutating func titleStems(_ title: String, into out: inout [Int32]) {
        if let known = recentTitles.number(for: title) {
            out = knownTitles[Int(known)].stems
            return
        }
        if let known = titleNumbers.value(for: title), Self.sameBytes(knownTitles[Int(known)].title, title) {
            recentTitles.remember(title, known)
            out = knownTitles[Int(known)].stems
            return
        }
        out.removeAll(keepingCapacity: true)
        normaliser.title(title, into: &out)
        var kept = 0
        for i in out.indices {
            let s = use(out[i]).stem
            if !out[0..<kept].contains(s) {
                out[kept] = s
                kept += 1
            }
        }
        out.removeLast(out.count - kept)
        if knownTitles.count < Self.rememberedTitles, titleNumbers.insertIfAbsent(title, Int32(knownTitles.count)) == nil {
            recentTitles.remember(title, Int32(knownTitles.count))
            knownTitles.append((title, out))
        }
    }

    /// Titles whose stems are known (the title as written, since equal strings may differ in bytes), numbered by
    /// title.
    private var knownTitles: [(title: String, stems: [Int32])] = []
    private var titleNumbers = StringKeyTable(capacity: 64)
    private static let rememberedTitles = 4096
    /// A title's repeats are mostly the very same string: found first here.
    private var recentTitles = RecentStrings()

    /// True when two records' descriptions read as the same words, cut short alike.
    func sameWords(_ a: Int, _ b: Int) -> Bool {
        let x = spans[a], y = spans[b]
        return x.truncated == y.truncated && x.count == y.count
            && (x.start == y.start || surfaces[x.range] == surfaces[y.range])
    }

    /// A word in use and its stem (another word in use, or itself).
    private struct UsedWord {
        var word: Int32
        var stem: Int32
        static let none = UsedWord(word: -1, stem: -1)
    }

    /// The word in use for a normaliser id, numbered when first used, and its stem after it when new.
    @inline(__always)
    private mutating func use(_ raw: Int32) -> UsedWord {
        if Int(raw) < usedAs.count {
            let used = usedAs[Int(raw)]
            if used.stem >= 0 { return used }
        }
        return numberWithStem(raw)
    }

    /// `use` of a word not yet numbered, or numbered without its stem.
    private mutating func numberWithStem(_ raw: Int32) -> UsedWord {
        let word = number(raw)
        if stemOf[Int(word)] < 0 { setStem(of: word, number(normaliser.stem(of: raw))) }
        return usedAs[Int(raw)]
    }

    /// Records a word's stem, in `stemOf` and in `usedAs`.
    private mutating func setStem(of word: Int32, _ stem: Int32) {
        stemOf[Int(word)] = stem
        usedAs[Int(rawOf[Int(word)])].stem = stem
    }

    /// The number of a normaliser word, given when first asked for.
    private mutating func number(_ raw: Int32) -> Int32 {
        if usedAs.count < normaliser.table.count {
            usedAs += repeatElement(.none, count: normaliser.table.count - usedAs.count)
        }
        if usedAs[Int(raw)].word >= 0 { return usedAs[Int(raw)].word }
        let word = Int32(rawOf.count)
        usedAs[Int(raw)].word = word
        rawOf.append(raw)
        stemOf.append(-1)
        frequency.append(0)
        titleFrequency.append(0)
        lastSeen.append(-1)
        lastSeenTitle.append(-1)
        return word
    }

    /// Byte-for-byte equality of two titles (no Unicode equivalence: equivalent spellings may read as different
    /// words). Strings of different lengths are told apart without reading their bytes.
    ///
    /// Declared free of side effects (it only reads), as the standard library declares its own string comparison:
    /// a caller then passes the strings as they lie, without taking a reference to each, an atomic write to a
    /// cache line perhaps not yet read.
    @_effects(readonly)
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return a.withUTF8Bytes { x in b.withUTF8Bytes { y in x.hasSameBytes(as: y) } }
    }
}

/// The words of the records to score, as flat arrays (one entry per word of each such description, register records
/// first), with a weight for each word: how much it tells about the finding.
///
/// A word weighs its rarity, log(1 + N/df) over the stems of both sides, but no more than it adds to the word
/// before it: in a stock phrase ("the authorised professional practice", "the criminal justice process") the words
/// after the first follow from it, log(1 + df(previous)/df(previous, word)), so a shared stock phrase counts about
/// as much as one rare word rather than as many words as it has. N, df and the pairings count every record read,
/// scored or not.
struct TextCorpus {
    /// Where one record's words lie in the flat arrays, and what else the scorer uses.
    struct Text {
        var start: Int32
        var count: Int32
        var titleStart: Int32
        var titleCount: Int16
        /// The description ended with "…" or "...", or with a stub cut where a word began.
        var truncated: Bool
        /// A scored record's type (nil when outside the vocabulary); nil for a record not scored.
        var type: RecordType?
        var range: Range<Int> { Int(start)..<Int(start + count) }
        var titleRange: Range<Int> { Int(titleStart)..<(Int(titleStart) + Int(titleCount)) }
    }

    /// Spelling of every word in use, surface forms and stems alike.
    private(set) var spellings: [[UInt8]] = []
    /// Stems of each scored record's title, each once.
    private(set) var titleWords: [Int32] = []
    /// Weight of a stem in titles, from how many titles use it.
    private(set) var titleWeight: [Float] = []
    /// The scored records' texts, in record order.
    private var texts: [Text] = []
    /// Per record (register record r is `textOf[r]`, portal record p is `textOf[registerCount + p]`), its place in
    /// `texts`, or -1 for a record not scored: four bytes a record rather than a text's sixteen, since only the
    /// records left to the text stage are scored.
    private var textOf: [Int32] = []
    let registerCount: Int
    /// The weight of a word seen at most twice: typos and one-off words.
    private(set) var rareWeight: Float = 0

    /// One description word as the scorer reads it, its facts side by side.
    struct Token {
        var stem: Int32
        /// The spelling as written (typos, cut-off words).
        var surface: Int32
        var weight: Float
        /// Letters in the spelling as written (at most 255), and whether it holds a digit: enough to rule out most
        /// typo and cut-off comparisons without reading the spelling.
        var length: UInt8
        var hasDigit: Bool
    }
    /// The scored records' words: stem (equality, index keys), spelling and weight.
    private(set) var tokens: [Token] = []
    /// How many words are interned (stems and spellings).
    var vocabularySize: Int { spellings.count }

    /// A register record's text; a record not scored has no words.
    func register(_ r: Int) -> Text { text(of: r) }
    /// A portal record's text; a record not scored has no words.
    func portal(_ p: Int) -> Text { text(of: registerCount + p) }

    @inline(__always)
    private func text(of record: Int) -> Text {
        let place = textOf[record]
        return place < 0 ? Text(start: 0, count: 0, titleStart: 0, titleCount: 0, truncated: false, type: nil) : texts[Int(place)]
    }
    /// The stems of a text, in order.
    func words(_ text: Text) -> ArraySlice<Int32> { ArraySlice(tokens[text.range].map(\.stem)) }

    /// Every record of both sides read and scored.
    init(register: [Record], portal: [Record]) {
        var reading = TextReading(register: register, portal: portal)
        self.init(reading: &reading, register: register, portal: portal,
                  scoredRegister: Array(repeating: true, count: register.count),
                  scoredPortal: Array(repeating: true, count: portal.count))
    }

    /// The records marked in `scoredRegister` and `scoredPortal`, weighed against everything `reading` read.
    init(reading: inout TextReading, register registerRecords: [Record], portal portalRecords: [Record],
         scoredRegister: [Bool], scoredPortal: [Bool]) {
        registerCount = reading.registerCount
        let recordCount = reading.spans.count
        func scored(_ index: Int) -> Bool {
            index < registerCount ? scoredRegister[index] : scoredPortal[index - registerCount]
        }
        spellings = (0..<reading.vocabularySize).map { reading.spelling(Int32($0)) }

        // How often each word follows each other word, over all descriptions, for the pairings the scored read.
        var follows = PairCounts()
        // The scored records' words and texts are counted here, so that their arrays are made once at their size
        // (grown by doubling, the old array and the new would be held at once).
        var scoredWords = 0, scoredTexts = 0
        for index in 0..<recordCount where scored(index) {
            let range = reading.spans[index].range
            scoredWords += range.count
            scoredTexts += 1
            for i in range.dropFirst() { follows.add(reading.stem(at: i - 1), reading.stem(at: i)) }
        }
        tokens.reserveCapacity(scoredWords)
        texts.reserveCapacity(scoredTexts)
        reading.surfaces.withUnsafeBufferPointer { surfaces in
            reading.stemOf.withUnsafeBufferPointer { stemOf in
                for span in reading.spans where span.count > 1 && span.readers > 0 {
                    var previous = stemOf[Int(surfaces[span.range.lowerBound])]
                    for i in span.range.dropFirst() {
                        let stem = stemOf[Int(surfaces[i])]
                        follows.count(previous, stem, times: Int32(span.readers))
                        previous = stem
                    }
                }
            }
        }

        let total = Float(max(recordCount, 1))
        let idf = reading.frequency.map { Self.idf(total, $0) }
        let hasDigit = spellings.map { $0.contains { $0 >= 0x30 && $0 <= 0x39 } }
        textOf.reserveCapacity(recordCount)
        var title: [Int32] = []
        for index in 0..<recordCount {
            // Only a scored record is read, its type too (by the scorer): the others' records are not touched.
            guard scored(index) else {
                textOf.append(-1)
                continue
            }
            let span = reading.spans[index]
            let start = Int32(tokens.count), titleStart = Int32(titleWords.count)
            for i in span.range {
                let surface = reading.surfaces[i], stem = reading.stemOf[Int(surface)]
                var weight = idf[Int(stem)]
                // Only a pairing seen a few times is a phrase; a typo's neighbour keeps its own weight.
                if i > span.range.lowerBound {
                    let previous = reading.stem(at: i - 1), together = follows[previous, stem]
                    if together >= Self.phraseEvidence {
                        let given = (1 + Float(reading.frequency[Int(previous)]) / Float(together)).logarithm
                        weight = min(weight, max(given, Self.phraseFloor))
                    }
                }
                tokens.append(Token(stem: stem, surface: surface, weight: weight,
                                    length: UInt8(clamping: spellings[Int(surface)].count), hasDigit: hasDigit[Int(surface)]))
            }
            let inspection = index < registerCount ? registerRecords[index].inspection
                : portalRecords[index - registerCount].inspection
            reading.titleStems(inspection, into: &title)
            titleWords += title
            let type = index < registerCount ? registerRecords[index].type : portalRecords[index - registerCount].type
            textOf.append(Int32(texts.count))
            texts.append(Text(start: start, count: Int32(tokens.count) - start, titleStart: titleStart,
                              titleCount: Int16(clamping: Int32(titleWords.count) - titleStart), truncated: span.truncated,
                              type: type))
        }
        titleWeight = reading.titleFrequency.map { Self.idf(total, $0) }
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

/// Counts of chosen word pairs: every pair is added before any is counted; pairs not added are not counted, so the
/// table stays as small as the chosen set.
struct PairCounts {
    /// Slot keys (`TextCorpus.pairKey`, `UInt64.max` when empty) and counts side by side.
    private var keys: [UInt64] = Array(repeating: .max, count: 16)
    private var counts: [Int32] = Array(repeating: 0, count: 16)
    private var used = 0
    /// One bit per slot position a key hashes to, eight times as many as slots, set for the added keys: most pairs
    /// not added are turned away by one read of this small table.
    private var filter: [UInt64] = [0, 0]

    /// Adds a pair to count.
    mutating func add(_ a: Int32, _ b: Int32) {
        let key = TextCorpus.pairKey(a, b)
        let slot = find(key)
        guard keys[slot] != key else { return }
        keys[slot] = key
        setFilter(key)
        used += 1
        if used * 2 > keys.count { rehash(capacity: keys.count * 2) }
    }

    /// Counts `times` occurrences of a pair, when it was added.
    @inline(__always)
    mutating func count(_ a: Int32, _ b: Int32, times: Int32 = 1) {
        let key = TextCorpus.pairKey(a, b), hash = ByteHash.mix(key)
        let bit = Int(truncatingIfNeeded: hash) & (filter.count * 64 - 1)
        guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return }
        let slot = find(key)
        if keys[slot] == key { counts[slot] += times }
    }

    private mutating func setFilter(_ key: UInt64) {
        let bit = Int(truncatingIfNeeded: ByteHash.mix(key)) & (filter.count * 64 - 1)
        filter[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    /// How many times an added pair occurred.
    subscript(a: Int32, b: Int32) -> Int32 {
        let key = TextCorpus.pairKey(a, b), slot = find(key)
        return keys[slot] == key ? counts[slot] : 0
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always)
    private func find(_ key: UInt64) -> Int {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: ByteHash.mix(key)) & mask
        while keys[slot] != key && keys[slot] != .max { slot = (slot + 1) & mask }
        return slot
    }

    private mutating func rehash(capacity: Int) {
        let old = keys
        keys = Array(repeating: .max, count: capacity)
        counts = Array(repeating: 0, count: capacity)
        filter = Array(repeating: 0, count: capacity / 8)
        for key in old where key != .max {
            keys[find(key)] = key
            setFilter(key)
        }
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
