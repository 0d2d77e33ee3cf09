import Spreadsheet

/// Finds a register record's likely portal counterparts without comparing it with every portal record: an
/// inverted index from words, neighbouring word pairs and word pairs one apart to the portal records that use
/// them. A look-up reads the rarest keys first and stops after a fixed number of postings, and keys shared by
/// more than `postingsCap` records are skipped, so each look-up costs the same whatever the number of records.
///
/// Only the portal records a look-up may offer (`indexed`) have postings, but every key keeps the length of its run
/// over all the portal records taking part, and each posting its place in that run: a look-up reads, skips and
/// stops exactly as if every record had postings. Only the pair keys the look-ups will ask for are kept. A key's
/// run lists records in record order; runs of equal length are read words first, by word, then pairs, by hashed key.
struct TextIndex: Sendable {
    /// An indexed record in a key's run, and how many records precede it in the whole run.
    struct Posting: Sendable {
        var record: Int32
        var rank: Int32
    }

    /// One key's run over all the portal records taking part: its length, and its indexed postings.
    struct Run: Sendable {
        var length: Int32 = 0
        var postings: [Posting] = []
        /// The last record counted: a record counts once in a run.
        fileprivate var lastRecord: Int32 = -1

        fileprivate mutating func add(_ record: Int32, indexed: Bool) {
            guard record != lastRecord else { return }
            lastRecord = record
            if indexed { postings.append(Posting(record: record, rank: length)) }
            length += 1
        }
    }

    /// Each word's run, by word.
    private var wordRuns: [Run]
    /// Each asked-for pair key's run, by hashed key.
    private var pairRuns: [UInt64: Run] = [:]
    let postingsCap: Int
    /// Postings read per look-up, at most.
    let budget: Int
    let recordCount: Int

    /// Indexes the portal records taking part (`portalKeep`, ascending), with postings for those marked `indexed`
    /// and the pair keys of the register records in `lookups`.
    init(reading: TextReading, portalKeep: [Int], indexed: [Bool], lookups: [Int], postingsCap: Int, budget: Int) {
        self.postingsCap = postingsCap
        self.budget = budget
        recordCount = reading.spans.count - reading.registerCount
        for r in lookups {
            let words = reading.spans[r].range.map { reading.stem(at: $0) }
            for key in Self.pairKeys(words) { pairRuns[key] = Run() }
        }
        wordRuns = Array(repeating: Run(), count: reading.vocabularySize)
        for p in portalKeep {
            let head = reading.spans[reading.registerCount + p].range.prefix(Self.wordKeys).map { reading.stem(at: $0) }
            let record = Int32(p)
            for word in head { wordRuns[Int(word)].add(record, indexed: indexed[p]) }
            Self.forEachPairKey(head) { key in pairRuns[key]?.add(record, indexed: indexed[p]) }
        }
    }

    /// Words used as keys: the first 40 of a description.
    static let wordKeys = 40
    /// Words whose pairs are keys: the first 25.
    static let pairWords = 25

    /// Hashed pair keys, each once, ascending: neighbouring pairs and pairs one apart, of the first 25 words.
    static func pairKeys(_ words: [Int32]) -> [UInt64] {
        var keys: [UInt64] = []
        forEachPairKey(words) { keys.append($0) }
        return Array(Set(keys)).sorted()
    }

    /// Every hashed pair key of the first 25 words, in order of position, repeats included.
    static func forEachPairKey(_ words: [Int32], _ body: (UInt64) -> Void) {
        let head = words.prefix(pairWords)
        for i in head.indices {
            let x = UInt64(UInt32(bitPattern: head[i])) << 32
            if i + 1 < head.endIndex { body(hash(x | UInt64(UInt32(bitPattern: head[i + 1])))) }
            if i + 2 < head.endIndex { body(hash(x | UInt64(UInt32(bitPattern: head[i + 2])) | 1 << 63)) }
        }
    }

    /// A 40-bit mix of a key (splitmix64's finaliser), never 0: what orders pair runs of equal length.
    static func hash(_ key: UInt64) -> UInt64 {
        var z = key &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z = (z ^ (z >> 31)) >> 24
        return z == 0 ? 1 : z
    }

    /// Up to `limit` portal records sharing the most keys with `words`, among those `allowed`, with how many keys
    /// each shares; ties go to the lower index.
    func candidates(for words: [Int32], allowed: [Bool], limit: Int) -> [(record: Int32, votes: Int)] {
        // The runs to read, each with its reading order among runs of equal length: words by id, then pairs by key.
        var runs: [(order: UInt64, run: Run)] = []
        for word in Set(words.prefix(Self.wordKeys)) where Int(word) < wordRuns.count && wordRuns[Int(word)].length > 0
        {
            runs.append((UInt64(word), wordRuns[Int(word)]))
        }
        for key in Self.pairKeys(words) {
            if let run = pairRuns[key], run.length > 0 { runs.append((1 << 40 | key, run)) }
        }
        // The rarest keys first.
        runs.sort { ($0.run.length, $0.order) < ($1.run.length, $1.order) }
        var votes: [Int32: Int] = [:]
        var spent = 0
        for (i, (_, run)) in runs.enumerated() {
            let length = Int(run.length)
            // Common keys say little; read one only when nothing rarer was found, and then within the budget.
            if length > postingsCap && i > 0 { break }
            let take = min(length, budget - spent)
            if take <= 0 { break }
            for posting in run.postings {
                if posting.rank >= take { break }
                if allowed[Int(posting.record)] { votes[posting.record, default: 0] += 1 }
            }
            spent += take
        }
        let best = votes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return best.prefix(limit).map { (record: $0.key, votes: $0.value) }
    }
}
