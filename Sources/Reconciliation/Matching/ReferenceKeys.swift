import Spreadsheet

/// One side's normalised references for the reference step (SPEC §3 step 1), sorted so that the step reads memory in
/// order: equal keys fall in one run of neighbours, and joining two sides is a merge.
///
/// A hash table did this before, and at a million keys its every probe was a cache miss and a translation-table miss
/// (about 0.5 µs). Here each key is hashed once, in record order, and sorted with its position and its first sixteen
/// bytes, which settle most comparisons without reading the record again: 24 bytes a key. Keys that are not all ASCII keep
/// `String` equality among themselves (two spellings Swift holds equal meet), in a dictionary of their own; as in
/// `StringKeyTable`, an ASCII key never meets a non-ASCII one, even one Swift holds equal ("K" and the Kelvin sign).
struct ReferenceKeys {
    /// A key and the position of its record.
    struct Entry {
        /// The high half of the key's hash: what entries are sorted by.
        var run: UInt32
        /// The position, and in the top bit whether the key runs past its first sixteen bytes.
        private var positionAndLength: UInt32
        /// The key's first sixteen bytes, little-endian, each byte past its end 0x80: a key's own bytes are ASCII,
        /// so a key and a longer one never read alike, whatever bytes they hold.
        var low: UInt64
        var high: UInt64

        init(run: UInt32, position: Int, isLong: Bool, low: UInt64, high: UInt64) {
            precondition(position >= 0 && position < 1 << 31, "a side holds fewer than 2^31 records")
            self.run = run
            positionAndLength = UInt32(position) | (isLong ? 1 << 31 : 0)
            self.low = low
            self.high = high
        }

        var position: Int32 { Int32(bitPattern: positionAndLength & 0x7FFF_FFFF) }
        /// The key runs past its first sixteen bytes.
        var isLong: Bool { positionAndLength >> 31 != 0 }
    }

    /// ASCII keys, by the high half of their hash (`run`), then position: equal keys are in one run, their first
    /// record first.
    private(set) var entries: [Entry] = []
    /// Other keys, by position.
    private(set) var others: [(key: String, position: Int)] = []

    /// The non-empty keys of positions `0..<count`, hashed from `seed`: drawn per run, so that keys chosen to
    /// collide cannot be written in advance. `hash` is `ByteHash.hash` but in tests that make keys collide.
    init(count: Int, seed: UInt64, hash: (UnsafeBufferPointer<UInt8>, UInt64) -> UInt64 = { ByteHash.hash($0, seed: $1) },
         key: (Int) -> String) {
        entries.reserveCapacity(count)
        for position in 0..<count {
            let text = key(position)
            guard !text.isEmpty else { continue }
            if let entry = Self.entry(text, position: position, hash: hash, seed: seed) {
                entries.append(entry)
            } else {
                others.append((text, position))
            }
        }
        Self.sortByRun(&entries)
    }

    /// No keys.
    init() {}

    private static let pad: UInt64 = 0x8080_8080_8080_8080

    /// What entries are sorted by: the high half of the hash. Keys that share it are few (at a million keys, about
    /// a hundred pairs) and are told apart by `same`.
    @inline(__always)
    private static func run(_ entry: Entry) -> UInt64 { UInt64(entry.run) }

    /// Sorts by `run`, keeping the entries' order (by position) among equals: a radix sort, eleven bits a pass
    /// from the lowest (three passes cover the 32 bits; 2,048 counters stay in the first-level cache), each pass
    /// reading the entries in order and writing them to 2,048 places in order.
    private static func sortByRun(_ entries: inout [Entry]) {
        guard entries.count > 1 else { return }
        var buffer = entries
        var next = [Int](repeating: 0, count: 2049)
        for shift in stride(from: UInt64(0), to: 32, by: 11) {
            entries.withUnsafeBufferPointer { from in
                buffer.withUnsafeMutableBufferPointer { to in
                    next.withUnsafeMutableBufferPointer { next in
                        for digit in next.indices { next[digit] = 0 }
                        for entry in from { next[Int((run(entry) >> shift) & 0x7FF) + 1] += 1 }
                        for digit in 1...2048 { next[digit] += next[digit - 1] }
                        for entry in from {
                            let digit = Int((run(entry) >> shift) & 0x7FF)
                            to[next[digit]] = entry
                            next[digit] += 1
                        }
                    }
                }
            }
            swap(&entries, &buffer)
        }
    }

    /// The entry of an ASCII key; nil for any other.
    private static func entry(_ text: String, position: Int, hash: (UnsafeBufferPointer<UInt8>, UInt64) -> UInt64,
                              seed: UInt64) -> Entry? {
        func make(_ bytes: UnsafeBufferPointer<UInt8>) -> Entry? {
            let low = bytes.eightBytes(at: 0), high = bytes.eightBytes(at: 8)
            guard (low | high) & 0x8080_8080_8080_8080 == 0,
                  bytes.count <= 16 || !bytes[16...].contains(where: { $0 >= 0x80 }) else { return nil }
            /// 0x80 in each byte from the `count`th of eight on.
            func padding(_ count: Int) -> UInt64 { count >= 8 ? 0 : count <= 0 ? pad : pad << UInt64(count * 8) }
            return Entry(run: UInt32(truncatingIfNeeded: hash(bytes, seed) >> 32), position: position,
                         isLong: bytes.count > 16, low: low | padding(bytes.count), high: high | padding(bytes.count - 8))
        }
        return text.withUTF8Bytes(make)
    }

    /// True when two entries hold the same key: their first sixteen bytes tell (their padding tells shorter keys'
    /// lengths apart), and for longer keys the keys themselves (read from the records only then).
    private static func same(_ a: Entry, _ b: Entry, _ keyOfA: () -> String, _ keyOfB: () -> String) -> Bool {
        guard a.run == b.run, a.low == b.low, a.high == b.high, a.isLong == b.isLong else { return false }
        return !a.isLong || keyOfA() == keyOfB()
    }

    /// Each record whose key an earlier record has, paired with the first record of that key, by position; the
    /// repeats' entries are removed in place, so that what is left holds the keys of the first records alone (what
    /// the other side is joined with), in the same order, without a second array.
    mutating func removeRepeats(key: (Int) -> String) -> [(position: Int, first: Int)] {
        var repeats: [(position: Int, first: Int)] = []
        // The first entry of each distinct key in the current run, as values: the places they came from are
        // written over as the entries kept move down.
        var distinct: [Entry] = []
        var kept = 0, start = 0
        let count = entries.count
        while start < count {
            var end = start + 1
            while end < count && Self.run(entries[end]) == Self.run(entries[start]) { end += 1 }
            if end == start + 1 {
                entries[kept] = entries[start]
                kept += 1
                start = end
                continue
            }
            // A run of several, positions ascending: almost always one key and its repeats.
            distinct.removeAll(keepingCapacity: true)
            for k in start..<end {
                let entry = entries[k]
                let earlier = distinct.first { d in
                    Self.same(d, entry, { key(Int(d.position)) }, { key(Int(entry.position)) })
                }
                if let earlier {
                    repeats.append((Int(entry.position), Int(earlier.position)))
                } else {
                    distinct.append(entry)
                    entries[kept] = entry
                    kept += 1
                }
            }
            start = end
        }
        entries.removeLast(count - kept)
        var firstOfOther: [String: Int] = [:]
        var firstOthers: [(key: String, position: Int)] = []
        for (text, position) in others {
            if let first = firstOfOther[text] {
                repeats.append((position, first))
            } else {
                firstOfOther[text] = position
                firstOthers.append((text, position))
            }
        }
        others = firstOthers
        repeats.sort { $0.position < $1.position }
        return repeats
    }

    /// For each of `count` positions of this side, the position on `other` holding the same key (when `other` holds
    /// each key once), or -1.
    func join(_ other: ReferenceKeys, count: Int, key: (Int) -> String, otherKey: (Int) -> String) -> [Int32] {
        var found = [Int32](repeating: -1, count: count)
        var next = 0
        for entry in entries {
            while next < other.entries.count && Self.run(other.entries[next]) < Self.run(entry) { next += 1 }
            var k = next
            while k < other.entries.count && Self.run(other.entries[k]) == Self.run(entry) {
                let candidate = other.entries[k]
                if Self.same(entry, candidate, { key(Int(entry.position)) }, { otherKey(Int(candidate.position)) }) {
                    found[Int(entry.position)] = candidate.position
                    break
                }
                k += 1
            }
        }
        if !others.isEmpty {
            let otherPosition = Dictionary(other.others.map { ($0.key, $0.position) }, uniquingKeysWith: { first, _ in first })
            for (text, position) in others {
                if let match = otherPosition[text] { found[position] = Int32(match) }
            }
        }
        return found
    }
}
