/// Record positions by normalised reference, for the reference step's hash join: what a `[String: Int32]` does,
/// at a fraction of the cost on a few hundred thousand keys.
///
/// ASCII keys (nearly all references) are found by their bytes in an open-addressing table with a 32-bit tag per
/// slot; any other key by `String` equality, so that two spellings Swift holds equal still meet, as in a dictionary.
struct ReferenceTable {
    /// Per slot: the key's hash in the high half, the entry's number + 1 in the low half; 0 when empty.
    private var slots: [UInt64]
    private var keys: [String] = []
    private var values: [Int32] = []
    private var nonASCII: [String: Int32] = [:]

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
            guard Self.isASCII(bytes) else { return nonASCII[key].map { values[Int($0)] } }
            let found = find(bytes, hash: WordTable.hash(bytes))
            return found.entry.map { values[$0] }
        }
    }

    /// Stores `value` for `key` when the key is new and returns nil; otherwise leaves the table as it is and returns
    /// the value already stored.
    mutating func insertIfAbsent(_ key: String, _ value: Int32) -> Int32? {
        var utf8 = key
        return utf8.withUTF8 { bytes -> Int32? in
            guard Self.isASCII(bytes) else {
                if let entry = nonASCII[key] { return values[Int(entry)] }
                nonASCII[key] = Int32(keys.count)
                keys.append(key)
                values.append(value)
                return nil
            }
            let hash = WordTable.hash(bytes)
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

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    /// Doubles the slots and places every ASCII key again.
    private mutating func grow() {
        var larger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for entry in slots where entry != 0 {
            var key = keys[Int(entry & 0xFFFF_FFFF) - 1]
            var slot = Int(truncatingIfNeeded: key.withUTF8 { WordTable.hash($0) }) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = entry
        }
        slots = larger
    }
}
