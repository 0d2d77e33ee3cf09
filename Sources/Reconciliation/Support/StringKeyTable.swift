/// Numbers by text, first come first kept: what a `[String: Int32]` does, at a fraction of the cost on a few
/// hundred thousand keys. The reference step's hash join keeps record positions by normalised reference in one.
///
/// ASCII keys (nearly all references and titles) are found by their bytes in an open-addressing table with a 32-bit tag per
/// slot; any other key by `String` equality, so that two spellings Swift holds equal still meet, as in a dictionary.
struct StringKeyTable {
    /// Per slot: the key's hash in the high half, the entry's number + 1 in the low half; 0 when empty.
    private var slots: [UInt64]
    private var keys: [String] = []
    private var values: [Int32] = []
    private var nonASCII: [String: Int32] = [:]
    /// Drawn per table, as `Dictionary` seeds its hashes: keys chosen to collide cannot be written in advance.
    private let seed = UInt64.random(in: 0...UInt64.max)

    private static let tagBits: UInt64 = 0xFFFF_FFFF_0000_0000

    /// A table sized for about `capacity` keys.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    /// How many keys the table holds.
    var count: Int { keys.count }

    /// The value stored for `key`, if any.
    func value(for key: String) -> Int32? {
        var utf8 = key
        return utf8.withUTF8 { bytes -> Int32? in
            let (hash, isASCII) = hash(bytes)
            guard isASCII else { return nonASCII[key].map { values[Int($0)] } }
            return find(bytes, hash: hash).entry.map { values[$0] }
        }
    }

    /// Stores `value` for `key` when the key is new and returns nil; otherwise leaves the table as it is and returns
    /// the value already stored.
    mutating func insertIfAbsent(_ key: String, _ value: Int32) -> Int32? {
        var utf8 = key
        return utf8.withUTF8 { bytes -> Int32? in
            let (hash, isASCII) = hash(bytes)
            guard isASCII else {
                if let entry = nonASCII[key] { return values[Int(entry)] }
                nonASCII[key] = Int32(keys.count)
                keys.append(key)
                values.append(value)
                return nil
            }
            let found = find(bytes, hash: hash)
            if let entry = found.entry { return values[entry] }
            slots[found.slot] = hash & Self.tagBits | UInt64(keys.count + 1)
            keys.append(key)
            values.append(value)
            if keys.count * 2 > slots.count { grow() }
            return nil
        }
    }

    /// The entry holding the key, or the empty slot where it would go.
    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (entry: Int?, slot: Int) {
        let mask = slots.count - 1, tag = hash & Self.tagBits
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            if slots[slot] & Self.tagBits == tag {
                let entry = Int(slots[slot] & 0xFFFF_FFFF) - 1
                var stored = keys[entry]
                if stored.withUTF8({ $0.hasSameBytes(as: bytes) }) { return (entry, slot) }
            }
            slot = (slot + 1) & mask
        }
        return (nil, slot)
    }

    /// The bytes' hash, eight bytes at a step, and whether they are all ASCII, in one pass.
    @inline(__always)
    private func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, isASCII: Bool) {
        let raw = UnsafeRawBufferPointer(bytes)
        var hash = seed ^ UInt64(raw.count), highBits: UInt64 = 0
        @inline(__always) func step(_ word: UInt64) {
            highBits |= word
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 29
        }
        var i = 0
        while i + 8 <= raw.count {
            step(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < raw.count {
            var word: UInt64 = 0, shift: UInt64 = 0
            while i < raw.count {
                word |= UInt64(raw[i]) << shift
                shift += 8
                i += 1
            }
            step(word)
        }
        return (WordTable.mix(hash), highBits & 0x8080_8080_8080_8080 == 0)
    }

    /// Doubles the slots and places every ASCII key again.
    private mutating func grow() {
        var larger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for entry in slots where entry != 0 {
            var key = keys[Int(entry & 0xFFFF_FFFF) - 1]
            var slot = Int(truncatingIfNeeded: key.withUTF8 { hash($0).hash }) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = entry
        }
        slots = larger
    }
}
