/// Finds a register record's likely portal counterparts without comparing it with every portal record: an
/// inverted index from words and word pairs to the portal records that use them. Keys shared by too many records
/// say little and are skipped, so each look-up costs at most `postingsCap` entries per key.
struct TextIndex {
    private var keys: [UInt64] = []
    private var postings: [Int32] = []
    let postingsCap: Int
    private var counts: [UInt16]
    private var touched: [Int32] = []

    /// Indexes the given portal records.
    init(portal: [TextCorpus.Features], including: [Int], postingsCap: Int) {
        self.postingsCap = postingsCap
        counts = Array(repeating: 0, count: portal.count)
        var entries: [(key: UInt64, record: Int32)] = []
        entries.reserveCapacity(including.count * 32)
        var scratch: [UInt64] = []
        for index in including {
            Self.blockingKeys(portal[index].words, into: &scratch)
            for key in scratch { entries.append((key, Int32(index))) }
        }
        entries.sort { $0.key != $1.key ? $0.key < $1.key : $0.record < $1.record }
        keys = entries.map(\.key)
        postings = entries.map(\.record)
    }

    /// Words (the first 40) and neighbouring word pairs (the first 24), each once.
    static func blockingKeys(_ words: [Int32], into keys: inout [UInt64]) {
        keys.removeAll(keepingCapacity: true)
        for word in words.prefix(40) { keys.append(UInt64(UInt32(bitPattern: word)) | (1 << 63)) }
        let head = words.prefix(25)
        for (x, y) in zip(head, head.dropFirst()) {
            keys.append(UInt64(UInt32(bitPattern: x)) << 32 | UInt64(UInt32(bitPattern: y)))
        }
        keys.sort()
        var last: UInt64?
        keys.removeAll { key in
            defer { last = key }
            return key == last
        }
    }

    /// The first position of `key` in the sorted keys.
    private func lowerBound(_ key: UInt64) -> Int {
        var low = 0, high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Up to `limit` portal records sharing the most keys with `words`, among those `allowed`; ties to the lower index.
    mutating func candidates(for words: [Int32], allowed: [Bool], limit: Int, scratch: inout [UInt64]) -> [Int32] {
        Self.blockingKeys(words, into: &scratch)
        var rarest: [(start: Int, length: Int)] = []
        var hitAny = false
        for key in scratch {
            let start = lowerBound(key)
            var end = start
            while end < keys.count, keys[end] == key, end - start <= postingsCap { end += 1 }
            if end == start { continue }
            if end - start > postingsCap {
                rarest.append((start, end - start))
                continue
            }
            hitAny = true
            for k in start..<end { vote(postings[k], allowed) }
        }
        if !hitAny {
            // Every key is common: fall back on the two rarest, read further.
            for (start, _) in rarest.prefix(2) {
                var end = start
                let key = keys[start]
                while end < keys.count, keys[end] == key, end - start < postingsCap * 4 { end += 1 }
                for k in start..<end { vote(postings[k], allowed) }
            }
        }
        touched.sort { counts[Int($0)] != counts[Int($1)] ? counts[Int($0)] > counts[Int($1)] : $0 < $1 }
        let chosen = Array(touched.prefix(limit))
        for t in touched { counts[Int(t)] = 0 }
        touched.removeAll(keepingCapacity: true)
        return chosen
    }

    private mutating func vote(_ record: Int32, _ allowed: [Bool]) {
        let r = Int(record)
        guard allowed[r] else { return }
        if counts[r] == 0 { touched.append(record) }
        if counts[r] < UInt16.max { counts[r] += 1 }
    }
}
