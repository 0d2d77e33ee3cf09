/// Finds a register record's likely portal counterparts without comparing it with every portal record: an
/// inverted index from words, neighbouring word pairs and word pairs one apart to the portal records that use
/// them. A look-up reads the rarest keys first and stops after a fixed number of postings, and keys shared by
/// more than `postingsCap` records are skipped, so each look-up costs the same whatever the number of records.
///
/// Laid out for the cache: postings are one flat array of record numbers, each key's postings one run; a word's
/// run is found by its id in a table as long as the vocabulary, a pair's by one probe of an open-addressing table
/// whose slot holds the key and its run side by side, so a look-up costs one memory read per key, and the reads
/// of one record's keys are independent of each other.
struct TextIndex {
    /// Record numbers, each key's postings one run, in record order.
    private var postings: [Int32] = []
    /// Run of word w: `wordStart[w]..<wordStart[w + 1]`.
    private var wordStart: [Int32] = []
    /// Pair keys: slot = (hash, start << 32 | length), hash 0 meaning empty.
    private var slots: [Slot] = []
    private var slotMask = 0
    let postingsCap: Int
    /// Postings read per look-up, at most.
    let budget: Int
    let recordCount: Int

    struct Slot {
        var key: UInt64
        var run: UInt64
    }

    /// Working space for look-ups: one per thread, so that the index itself is shared read-only.
    struct Scratch {
        var counts: [UInt16]
        var touched: [Int32] = []
        var runs: [UInt64] = []
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

    /// The most records an index can hold: record numbers take the low 24 bits of a pair entry.
    static let maximumRecords = 1 << 24

    /// Indexes the given portal records.
    init(corpus: TextCorpus, including: [Int], postingsCap: Int, budget: Int) {
        let portalCount = corpus.texts.count - corpus.registerCount
        precondition(portalCount < Self.maximumRecords, "too many records to index")
        self.postingsCap = postingsCap
        self.budget = budget
        recordCount = portalCount

        // Words: counted, then placed, record by record (so each run is in record order).
        let vocabulary = corpus.vocabularySize
        var start = [Int32](repeating: 0, count: vocabulary + 1)
        var seen = [Int32](repeating: -1, count: vocabulary)
        for index in including {
            for word in corpus.words(corpus.portal(index)).prefix(Self.wordKeys) where seen[Int(word)] != Int32(index) {
                seen[Int(word)] = Int32(index)
                start[Int(word) + 1] += 1
            }
        }
        for w in 0..<vocabulary { start[w + 1] += start[w] }
        var fill = start
        let wordPostings = Int(start[vocabulary])
        // Pairs: entries `key << 24 | record` (keys are 40-bit hashes), sorted, so that each key's postings are one
        // run in record order and sorting reads and writes the entries in sequence.
        var pairEntries: [UInt64] = []
        pairEntries.reserveCapacity(including.count * 48)
        var keys: [UInt64] = []
        for index in including {
            Self.pairKeys(corpus.words(corpus.portal(index)), into: &keys)
            for key in keys { pairEntries.append(key << 24 | UInt64(index)) }
        }
        Self.radixSort(&pairEntries)
        postings = [Int32](repeating: 0, count: wordPostings + pairEntries.count)
        for w in seen.indices { seen[w] = -1 }
        for index in including {
            for word in corpus.words(corpus.portal(index)).prefix(Self.wordKeys) where seen[Int(word)] != Int32(index) {
                seen[Int(word)] = Int32(index)
                postings[Int(fill[Int(word)])] = Int32(index)
                fill[Int(word)] += 1
            }
        }
        wordStart = start

        // One slot per distinct pair key.
        var distinct = 0
        var previous: UInt64 = 0
        for entry in pairEntries where entry >> 24 != previous {
            distinct += 1
            previous = entry >> 24
        }
        let capacity = max(16, (distinct * 2).nextPowerOfTwo)
        slots = [Slot](repeating: Slot(key: 0, run: 0), count: capacity)
        slotMask = capacity - 1
        var at = wordPostings
        var n = 0
        while n < pairEntries.count {
            let key = pairEntries[n] >> 24
            let runStart = at
            while n < pairEntries.count, pairEntries[n] >> 24 == key {
                postings[at] = Int32(truncatingIfNeeded: pairEntries[n] & 0xFF_FFFF)
                at += 1
                n += 1
            }
            var slot = Self.slot(of: key, mask: slotMask)
            while slots[slot].key != 0 { slot = (slot + 1) & slotMask }
            slots[slot] = Slot(key: key, run: UInt64(runStart) << 32 | UInt64(at - runStart))
        }
    }

    /// Where a key's probe starts: the key's low bits (keys are hashes already).
    @inline(__always)
    static func slot(of key: UInt64, mask: Int) -> Int { Int(truncatingIfNeeded: key) & mask }

    /// Words used as keys: the first 40 of a description.
    static let wordKeys = 40
    /// Words whose pairs are keys: the first 25.
    static let pairWords = 25

    /// Hashed pair keys, each once: neighbouring pairs and pairs one apart, of the first 25 words. Never 0.
    static func pairKeys(_ words: ArraySlice<Int32>, into keys: inout [UInt64]) {
        keys.removeAll(keepingCapacity: true)
        let head = words.prefix(pairWords)
        var i = head.startIndex
        while i < head.endIndex {
            let x = UInt64(UInt32(bitPattern: head[i])) << 32
            if i + 1 < head.endIndex { keys.append(hash(x | UInt64(UInt32(bitPattern: head[i + 1])))) }
            if i + 2 < head.endIndex { keys.append(hash(x | UInt64(UInt32(bitPattern: head[i + 2])) | 1 << 63)) }
            i += 1
        }
        keys.sort()
        var last: UInt64 = 0
        keys.removeAll { key in
            defer { last = key }
            return key == last
        }
    }

    /// A 40-bit mix of a key (splitmix64's finaliser), never 0 (0 marks an empty slot).
    static func hash(_ key: UInt64) -> UInt64 {
        var z = key &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z = (z ^ (z >> 31)) >> 24
        return z == 0 ? 1 : z
    }

    /// Sorts 64-bit values in four passes of 16 bits.
    static func radixSort(_ values: inout [UInt64]) {
        guard values.count > 1 else { return }
        var buffer = [UInt64](repeating: 0, count: values.count)
        var count = [Int](repeating: 0, count: 1 << 16)
        for pass in 0..<4 {
            let shift = UInt64(pass * 16)
            for i in count.indices { count[i] = 0 }
            for v in values { count[Int((v >> shift) & 0xFFFF)] += 1 }
            var sum = 0
            for i in count.indices {
                let c = count[i]
                count[i] = sum
                sum += c
            }
            for v in values {
                let d = Int((v >> shift) & 0xFFFF)
                buffer[count[d]] = v
                count[d] += 1
            }
            swap(&values, &buffer)
        }
    }

    /// A pair key's run, `start << 32 | length`, or 0 when no portal record has it.
    @inline(__always)
    private func pairRun(_ key: UInt64) -> UInt64 {
        var slot = Self.slot(of: key, mask: slotMask)
        while true {
            let s = slots[slot]
            if s.key == key { return s.run }
            if s.key == 0 { return 0 }
            slot = (slot + 1) & slotMask
        }
    }

    /// Up to `limit` portal records sharing the most keys with `words`, among those `allowed`, with how many keys
    /// each shares; ties go to the lower index.
    func candidates(for words: ArraySlice<Int32>, allowed: [Bool], limit: Int,
                    scratch: inout Scratch) -> [(record: Int32, votes: Int)] {
        // Each key's run as `length << 40 | start`, so that sorting puts the rarest first (then by position).
        scratch.runs.removeAll(keepingCapacity: true)
        var previousWord: Int32 = -1
        for word in words.prefix(Self.wordKeys).sorted() where word != previousWord {
            previousWord = word
            guard Int(word) + 1 < wordStart.count else { continue }
            let start = UInt64(wordStart[Int(word)]), length = UInt64(wordStart[Int(word) + 1]) - start
            if length > 0 { scratch.runs.append(length << 40 | start) }
        }
        Self.pairKeys(words, into: &scratch.keys)
        for key in scratch.keys {
            let run = pairRun(key)
            if run != 0 { scratch.runs.append((run & 0xFFFF_FFFF) << 40 | run >> 32) }
        }
        scratch.runs.sort()
        var spent = 0
        postings.withUnsafeBufferPointer { postings in
            for (i, run) in scratch.runs.enumerated() {
                let length = Int(run >> 40), start = Int(run & 0xFF_FFFF_FFFF)
                // Common keys say little; read one only when nothing rarer was found, and then within the budget.
                if length > postingsCap && i > 0 { break }
                let take = min(length, budget - spent)
                if take <= 0 { break }
                for k in start..<(start + take) {
                    let record = Int(postings[k])
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

extension Int {
    /// How many bits the value needs: 0 → 0, 1 → 1, 4 → 3.
    var bitWidthNeeded: Int { Int.bitWidth - leadingZeroBitCount }

    /// The least power of two at least this large (1 for 0).
    var nextPowerOfTwo: Int { self <= 1 ? 1 : 1 << (self - 1).bitWidthNeeded }
}
