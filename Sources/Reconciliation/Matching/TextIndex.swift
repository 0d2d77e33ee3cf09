import Spreadsheet

/// Finds a register record's likely portal counterparts without comparing it with every portal record: an
/// inverted index from words, neighbouring word pairs and word pairs one apart to the portal records that use
/// them. A look-up reads the rarest keys first and stops after a fixed number of postings, and keys shared by
/// more than `postingsCap` records are skipped, so each look-up costs the same whatever the number of records.
///
/// Only the portal records a look-up may offer (`indexed`) have postings, but every key keeps the length of its run
/// over all the portal records taking part, and each posting its place in that run: a look-up reads, skips and
/// stops exactly as if every record had postings, and the keys held are only those the look-ups will ask for.
/// A key's run lists records in record order; runs of equal length are read words first, by word, then pairs,
/// by key.
struct TextIndex {
    /// An indexed record in a key's run, and how many records precede it in the whole run.
    struct Posting {
        var record: Int32
        var rank: Int32
    }

    /// Each key's indexed postings, one run after another.
    private var postings: [Posting] = []
    /// Word w: its run's length over all records, and its postings `wordStart[w]..<wordStart[w + 1]`.
    private var wordLength: [Int32] = []
    private var wordStart: [Int32] = []
    /// Pair keys the look-ups ask for, by open addressing (key 0 meaning empty), with each one's run length and
    /// postings.
    private var slotKeys: [UInt64] = []
    private var slotLength: [Int32] = []
    private var slotPostings: [Range<Int32>] = []
    private var slotMask = 0
    let postingsCap: Int
    /// Postings read per look-up, at most.
    let budget: Int
    let recordCount: Int

    /// One key's run, as a look-up reads it.
    struct Run {
        var length: Int32
        /// Reading order among runs of equal length: words by id, then pairs by key.
        var order: UInt64
        var postings: Range<Int32>
    }

    /// Working space for look-ups: one per thread, so that the index itself is shared read-only.
    struct Scratch {
        var counts: [UInt16]
        var touched: [Int32] = []
        var runs: [Run] = []
        var keys: [UInt64] = []
        var best: [(record: Int32, votes: Int)] = []
    }

    /// Fresh working space for look-ups in this index.
    func makeScratch() -> Scratch {
        var scratch = Scratch(counts: Array(repeating: 0, count: recordCount))
        scratch.touched.reserveCapacity(budget)
        scratch.runs.reserveCapacity(128)
        scratch.keys.reserveCapacity(128)
        return scratch
    }

    /// Indexes the portal records taking part (`portalKeep`, ascending), with postings for those marked `indexed`
    /// and the pair keys of the register records in `lookups`; the records are counted in `pieces` consecutive
    /// parts, on every core.
    init(reading: TextReading, portalKeep: [Int], indexed: [Bool], lookups: [Int], postingsCap: Int, budget: Int,
         pieces: Int = 2) {
        let portalCount = reading.spans.count - reading.registerCount
        self.postingsCap = postingsCap
        self.budget = budget
        recordCount = portalCount

        // The pair keys look-ups will ask for, and a bit per key hash to rule most other keys out cheaply.
        slotKeys = [UInt64](repeating: 0, count: 16)
        slotMask = 15
        var used = 0
        var keys: [UInt64] = [], words: [Int32] = []
        for r in lookups {
            words.removeAll(keepingCapacity: true)
            for i in reading.spans[r].range { words.append(reading.stem(at: i)) }
            Self.pairKeys(words[...], into: &keys)
            for key in keys where slotKeys[slot(of: key)] == 0 {
                slotKeys[slot(of: key)] = key
                used += 1
                if used * 2 > slotKeys.count { resizeSlots(to: slotKeys.count * 2) }
            }
        }
        var filter = [UInt64](repeating: 0, count: max(1, slotKeys.count / 8))
        let filterMask = UInt64(filter.count * 64 - 1)
        for key in slotKeys where key != 0 { filter[Int((key & filterMask) >> 6)] |= 1 << (key & 63) }

        // Every record taking part, in order: each key's run grows by one; an indexed record notes its place in it.
        // The records are counted in consecutive parts, one on each core; each later part's places then move on by
        // the lengths the parts before it reached.
        let vocabulary = reading.vocabularySize
        let parts = consecutiveRanges(portalKeep.count, pieces: max(1, pieces))
        let mask = slotMask
        var counted = reading.surfaces.withUnsafeBufferPointer { surfaces in
            reading.stemOf.withUnsafeBufferPointer { stemOf in
                reading.spans.withUnsafeBufferPointer { spans in
                    portalKeep.withUnsafeBufferPointer { portalKeep in
                        indexed.withUnsafeBufferPointer { indexed in
                            self.slotKeys.withUnsafeBufferPointer { slotKeys in
                                filter.withUnsafeBufferPointer { filter in
                                    parallelMap(parts.count) { part in
                                        RunCounts(portalKeep[parts[part]], registerCount: reading.registerCount,
                                                  spans: spans, surfaces: surfaces, stemOf: stemOf, indexed: indexed,
                                                  vocabulary: vocabulary, slotKeys: slotKeys, slotMask: mask,
                                                  filter: filter, filterMask: filterMask)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var wordEntries = counted[0].wordEntries, pairEntries = counted[0].pairEntries
        wordLength = counted[0].wordLength
        slotLength = counted[0].slotLength
        for later in counted.indices.dropFirst() {
            for entry in counted[later].wordEntries {
                wordEntries.append((entry.word, Posting(record: entry.posting.record,
                                                        rank: entry.posting.rank + wordLength[Int(entry.word)])))
            }
            for entry in counted[later].pairEntries {
                pairEntries.append((entry.slot, Posting(record: entry.posting.record,
                                                        rank: entry.posting.rank + slotLength[Int(entry.slot)])))
            }
            for w in 0..<vocabulary { wordLength[w] += counted[later].wordLength[w] }
            for s in slotLength.indices { slotLength[s] += counted[later].slotLength[s] }
            counted[later] = RunCounts()
        }

        // Postings grouped by key, each group in record order.
        wordStart = Self.groupStarts(wordEntries.lazy.map { Int($0.word) }, groups: vocabulary)
        let pairStart = Self.groupStarts(pairEntries.lazy.map { Int($0.slot) }, groups: slotKeys.count)
        postings = [Posting](repeating: Posting(record: 0, rank: 0), count: wordEntries.count + pairEntries.count)
        var fill = wordStart
        for entry in wordEntries {
            postings[Int(fill[Int(entry.word)])] = entry.posting
            fill[Int(entry.word)] += 1
        }
        let offset = Int32(wordEntries.count)
        fill = pairStart
        for entry in pairEntries {
            postings[Int(offset + fill[Int(entry.slot)])] = entry.posting
            fill[Int(entry.slot)] += 1
        }
        slotPostings = (0..<slotKeys.count).map { (offset + pairStart[$0])..<(offset + pairStart[$0 + 1]) }
    }

    /// The runs of some consecutive records taking part: each word's and each asked-for pair key's length over
    /// those records, and the indexed records' postings, each with its place counted from the first of them.
    private struct RunCounts {
        var wordLength: [Int32] = []
        var slotLength: [Int32] = []
        var wordEntries: [(word: Int32, posting: Posting)] = []
        var pairEntries: [(slot: Int32, posting: Posting)] = []

        init() {}

        /// Counts the portal records `records` (numbered among the portal's), whose words are at
        /// `spans[registerCount + record]` in `surfaces`; a pair key counts only when it is in `slotKeys`.
        init(_ records: UnsafeBufferPointer<Int>.SubSequence, registerCount: Int, spans: UnsafeBufferPointer<TextReading.Span>,
             surfaces: UnsafeBufferPointer<Int32>, stemOf: UnsafeBufferPointer<Int32>, indexed: UnsafeBufferPointer<Bool>,
             vocabulary: Int, slotKeys: UnsafeBufferPointer<UInt64>, slotMask: Int, filter: UnsafeBufferPointer<UInt64>,
             filterMask: UInt64) {
            wordLength = [Int32](repeating: 0, count: vocabulary)
            slotLength = [Int32](repeating: 0, count: slotKeys.count)
            // The last record counted in each word's and each slot's run: a record counts once in a run.
            var seen = [Int32](repeating: -1, count: vocabulary), lastRecord = [Int32](repeating: -1, count: slotKeys.count)
            var head: [Int32] = []
            head.reserveCapacity(TextIndex.wordKeys)
            for (k, index) in records.enumerated() {
                // A record repeating its partner's description reads the partner's words, far from the last record's.
                if k + prefetchDistance < records.count {
                    prefetch(surfaces, Int(spans[registerCount + records[records.startIndex + k + prefetchDistance]].start))
                }
                let record = Int32(index), isIndexed = indexed[index]
                let span = spans[registerCount + index]
                head.removeAll(keepingCapacity: true)
                for i in span.range.prefix(TextIndex.wordKeys) { head.append(stemOf[Int(surfaces[i])]) }
                for word in head where seen[Int(word)] != record {
                    seen[Int(word)] = record
                    if isIndexed { wordEntries.append((word, Posting(record: record, rank: wordLength[Int(word)]))) }
                    wordLength[Int(word)] += 1
                }
                TextIndex.forEachPairKey(head[...]) { key in
                    guard filter[Int((key & filterMask) >> 6)] & (1 << (key & 63)) != 0 else { return }
                    let at = TextIndex.slot(of: key, in: slotKeys, mask: slotMask)
                    guard slotKeys[at] == key, lastRecord[at] != record else { return }
                    lastRecord[at] = record
                    if isIndexed { pairEntries.append((Int32(at), Posting(record: record, rank: slotLength[at]))) }
                    slotLength[at] += 1
                }
            }
        }
    }

    /// Where each group's entries start when entries are grouped by `group` (one more start than groups).
    private static func groupStarts(_ groupOfEntry: some Sequence<Int>, groups: Int) -> [Int32] {
        var start = [Int32](repeating: 0, count: groups + 1)
        for group in groupOfEntry { start[group + 1] += 1 }
        for g in 0..<groups { start[g + 1] += start[g] }
        return start
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always)
    private func slot(of key: UInt64) -> Int { Self.slot(of: key, in: slotKeys, mask: slotMask) }

    /// The slot holding `key` among `keys` (open addressing, 0 empty), or the empty slot where it would go.
    @inline(__always)
    static func slot<Keys: RandomAccessCollection>(of key: UInt64, in keys: Keys, mask: Int) -> Int
        where Keys.Element == UInt64, Keys.Index == Int {
        var slot = Int(truncatingIfNeeded: key) & mask
        while keys[slot] != key && keys[slot] != 0 { slot = (slot + 1) & mask }
        return slot
    }

    /// Places every key again in a table of `capacity` slots (before any run is counted).
    private mutating func resizeSlots(to capacity: Int) {
        let old = slotKeys
        slotKeys = [UInt64](repeating: 0, count: capacity)
        slotMask = capacity - 1
        for key in old where key != 0 { slotKeys[slot(of: key)] = key }
    }

    /// Words used as keys: the first 40 of a description.
    static let wordKeys = 40
    /// Words whose pairs are keys: the first 25.
    static let pairWords = 25

    /// Hashed pair keys, each once: neighbouring pairs and pairs one apart, of the first 25 words. Never 0.
    static func pairKeys(_ words: ArraySlice<Int32>, into keys: inout [UInt64]) {
        keys.removeAll(keepingCapacity: true)
        forEachPairKey(words) { keys.append($0) }
        keys.sort()
        var last: UInt64 = 0
        keys.removeAll { key in
            defer { last = key }
            return key == last
        }
    }

    /// Every hashed pair key of the first 25 words, in order of position, repeats included.
    @inline(__always)
    static func forEachPairKey(_ words: ArraySlice<Int32>, _ body: (UInt64) -> Void) {
        let head = words.prefix(pairWords)
        var i = head.startIndex
        while i < head.endIndex {
            let x = UInt64(UInt32(bitPattern: head[i])) << 32
            if i + 1 < head.endIndex { body(hash(x | UInt64(UInt32(bitPattern: head[i + 1])))) }
            if i + 2 < head.endIndex { body(hash(x | UInt64(UInt32(bitPattern: head[i + 2])) | 1 << 63)) }
            i += 1
        }
    }

    /// A 40-bit mix of a key (splitmix64's finaliser), never 0 (0 marks an empty slot).
    static func hash(_ key: UInt64) -> UInt64 {
        let z = ByteHash.mix(key &+ 0x9E37_79B9_7F4A_7C15) >> 24
        return z == 0 ? 1 : z
    }

    /// Up to `limit` portal records sharing the most keys with `words`, among those `allowed`, with how many keys
    /// each shares; ties go to the lower index.
    func candidates(for words: ArraySlice<Int32>, allowed: [Bool], limit: Int,
                    scratch: inout Scratch) -> [(record: Int32, votes: Int)] {
        scratch.runs.removeAll(keepingCapacity: true)
        var previousWord: Int32 = -1
        for word in words.prefix(Self.wordKeys).sorted() where word != previousWord {
            previousWord = word
            guard Int(word) < wordLength.count, wordLength[Int(word)] > 0 else { continue }
            scratch.runs.append(Run(length: wordLength[Int(word)], order: UInt64(word),
                                    postings: wordStart[Int(word)]..<wordStart[Int(word) + 1]))
        }
        Self.pairKeys(words, into: &scratch.keys)
        for key in scratch.keys {
            let at = slot(of: key)
            guard slotKeys[at] == key, slotLength[at] > 0 else { continue }
            scratch.runs.append(Run(length: slotLength[at], order: 1 << 40 | key, postings: slotPostings[at]))
        }
        // The rarest keys first.
        scratch.runs.sort { ($0.length, $0.order) < ($1.length, $1.order) }
        var spent = 0
        postings.withUnsafeBufferPointer { postings in
            for (i, run) in scratch.runs.enumerated() {
                let length = Int(run.length)
                // Common keys say little; read one only when nothing rarer was found, and then within the budget.
                if length > postingsCap && i > 0 { break }
                let take = min(length, budget - spent)
                if take <= 0 { break }
                for k in run.postings {
                    let posting = postings[Int(k)]
                    if posting.rank >= take { break }
                    let record = Int(posting.record)
                    guard allowed[record] else { continue }
                    if scratch.counts[record] == 0 { scratch.touched.append(Int32(record)) }
                    if scratch.counts[record] < UInt16.max { scratch.counts[record] += 1 }
                }
                spent += take
            }
        }
        // The best `limit` by votes, then index: a small sorted list, since most records have one vote.
        var best = scratch.best
        best.removeAll(keepingCapacity: true)
        for record in scratch.touched {
            let votes = Int(scratch.counts[Int(record)])
            scratch.counts[Int(record)] = 0
            if best.count == limit, let worst = best.last,
               votes < worst.votes || (votes == worst.votes && record > worst.record) { continue }
            var at = best.count
            while at > 0, best[at - 1].votes < votes || (best[at - 1].votes == votes && best[at - 1].record > record) { at -= 1 }
            best.insert((record, votes), at: at)
            if best.count > limit { best.removeLast() }
        }
        scratch.touched.removeAll(keepingCapacity: true)
        scratch.best = best
        return best
    }
}
