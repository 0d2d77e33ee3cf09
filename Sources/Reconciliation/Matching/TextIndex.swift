/// Finds a register record's likely portal counterparts without comparing it with every portal record: an
/// inverted index from words, neighbouring word pairs and word pairs one apart to the portal records that use
/// them. A look-up reads the rarest keys first and stops after a fixed number of postings, and keys shared by
/// more than `postingsCap` records are skipped, so each look-up costs the same whatever the number of records.
struct TextIndex {
    /// Entries `hash(key) << 24 | record`, sorted: each key's postings are one run.
    private var entries: [UInt64] = []
    /// Start of each bucket of entries, by the top `bucketBits` bits of the hash.
    private var bucketStart: [Int32] = []
    private var bucketBits = 10
    let postingsCap: Int
    /// Postings read per look-up, at most.
    let budget: Int
    let recordCount: Int

    /// Working space for look-ups: one per thread, so that the index itself is shared read-only.
    struct Scratch {
        var counts: [UInt16]
        var touched: [Int32] = []
        var runs: [(start: Int, length: Int)] = []
        var keys: [UInt64] = []
    }

    /// Fresh working space for look-ups in this index.
    func makeScratch() -> Scratch {
        Scratch(counts: Array(repeating: 0, count: recordCount))
    }

    /// The most records an index can hold: record numbers take the low 24 bits of an entry.
    static let maximumRecords = 1 << 24

    /// Indexes the given portal records.
    init(portal: [TextCorpus.Features], including: [Int], postingsCap: Int, budget: Int) {
        precondition(portal.count < Self.maximumRecords, "too many records to index")
        self.postingsCap = postingsCap
        self.budget = budget
        recordCount = portal.count
        var scratch: [UInt64] = []
        entries.reserveCapacity(including.count * 48)
        for index in including {
            Self.blockingKeys(portal[index].words, into: &scratch)
            for hash in scratch { entries.append(hash << 24 | UInt64(index)) }
        }
        Self.radixSort(&entries)
        bucketBits = max(8, min(24, (entries.count / 4).bitWidthNeeded))
        bucketStart = Array(repeating: 0, count: (1 << bucketBits) + 1)
        for entry in entries { bucketStart[Int(entry >> UInt64(64 - bucketBits)) + 1] += 1 }
        for b in 0..<(1 << bucketBits) { bucketStart[b + 1] += bucketStart[b] }
    }

    /// Hashed keys, each once: words (the first 40), neighbouring pairs and pairs one apart (the first 25 words).
    static func blockingKeys(_ words: [Int32], into keys: inout [UInt64]) {
        keys.removeAll(keepingCapacity: true)
        for word in words.prefix(40) { keys.append(hash(UInt64(UInt32(bitPattern: word)) | 1 << 62)) }
        let head = Array(words.prefix(25))
        for i in head.indices {
            let x = UInt64(UInt32(bitPattern: head[i])) << 32
            if i + 1 < head.count { keys.append(hash(x | UInt64(UInt32(bitPattern: head[i + 1])))) }
            if i + 2 < head.count { keys.append(hash(x | UInt64(UInt32(bitPattern: head[i + 2])) | 1 << 63)) }
        }
        keys.sort()
        var last: UInt64?
        keys.removeAll { key in
            defer { last = key }
            return key == last
        }
    }

    /// A 40-bit mix of a key (splitmix64's finaliser), so that buckets fill evenly.
    static func hash(_ key: UInt64) -> UInt64 {
        var z = key &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return (z ^ (z >> 31)) >> 24
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

    /// Where a key's postings lie, found by its bucket and a binary search inside it; lengths above the cap are
    /// reported as cap + 1.
    private func run(of hash: UInt64) -> (start: Int, length: Int) {
        let bucket = Int((hash << 24) >> UInt64(64 - bucketBits))
        let first = hash << 24, next = (hash + 1) << 24
        var lo = Int(bucketStart[bucket]), hi = Int(bucketStart[bucket + 1])
        let end = hi
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid] < first { lo = mid + 1 } else { hi = mid }
        }
        // A common key: say so without reading its run.
        if lo + postingsCap < end, entries[lo + postingsCap] < next { return (lo, postingsCap + 1) }
        var start = lo
        hi = min(end, lo + postingsCap)
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid] < next { lo = mid + 1 } else { hi = mid }
        }
        swap(&start, &lo)
        return (lo, start - lo)
    }

    /// How many entries of the run starting at `start` there are, counting no further than `limit`.
    private func run(length start: Int, within limit: Int) -> Int {
        let key = entries[start] >> 24
        var k = start
        while k < entries.count, k - start < limit, entries[k] >> 24 == key { k += 1 }
        return k - start
    }

    /// Up to `limit` portal records sharing the most keys with `words`, among those `allowed`, with how many keys
    /// each shares; ties go to the lower index.
    func candidates(for words: [Int32], allowed: [Bool], limit: Int,
                    scratch: inout Scratch) -> [(record: Int32, votes: Int)] {
        Self.blockingKeys(words, into: &scratch.keys)
        scratch.runs.removeAll(keepingCapacity: true)
        for hash in scratch.keys {
            let r = run(of: hash)
            if r.length > 0 { scratch.runs.append(r) }
        }
        scratch.runs.sort { $0.length != $1.length ? $0.length < $1.length : $0.start < $1.start }
        var spent = 0
        for (i, r) in scratch.runs.enumerated() {
            // Common keys say little; read them only when nothing rarer was found.
            if r.length > postingsCap && i > 0 { break }
            // A common key read as the last resort: its whole run, within the budget.
            let length = r.length > postingsCap ? self.run(length: r.start, within: budget - spent) : r.length
            let take = min(length, budget - spent)
            if take <= 0 { break }
            for k in r.start..<(r.start + take) {
                let record = Int(entries[k] & 0xFF_FFFF)
                guard allowed[record] else { continue }
                if scratch.counts[record] == 0 { scratch.touched.append(Int32(record)) }
                if scratch.counts[record] < UInt16.max { scratch.counts[record] += 1 }
            }
            spent += take
        }
        // The best `limit` by votes, then index: a small sorted list, since most records have one vote.
        var best: [(record: Int32, votes: Int)] = []
        best.reserveCapacity(limit + 1)
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
        return best
    }
}

extension Int {
    /// How many bits the value needs: 0 → 0, 1 → 1, 4 → 3.
    var bitWidthNeeded: Int { Int.bitWidth - leadingZeroBitCount }
}
