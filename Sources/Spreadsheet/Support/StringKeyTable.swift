/// Numbers by text, first come first kept: what a `[String: Int32]` does, at a fraction of the cost. The CSV reader
/// finds repeated field values in one; the record loader and the text reading remember their answers for a
/// column's spellings and a title's words in others. (The reference step sorts its keys instead: at a million
/// keys a table's every probe is a cache miss; see `ReferenceKeys`.)
///
/// ASCII keys (nearly all references and titles) are found by their bytes in an open-addressing table with a 32-bit tag per
/// slot, and kept as bytes, back to back: comparing with a kept key reads bytes, not a `String` (which would be
/// retained, an atomic operation on memory other threads may read too). Any other key is found by `String` equality,
/// so that two spellings Swift holds equal still meet, as in a dictionary.
public struct StringKeyTable: Sendable {
    /// Per slot: the key's hash in the high half, the entry's number + 1 in the low half; 0 when empty.
    private var slots: [UInt64]
    /// The ASCII keys' bytes, and where each entry's key starts in them and how long it is (none for other keys).
    private var keyBytes: [UInt8] = []
    private var keyStart: [Int] = []
    private var keyLength: [Int32] = []
    private var values: [Int32] = []
    private var nonASCII: [String: Int32] = [:]
    /// Drawn per table, as `Dictionary` seeds its hashes: keys chosen to collide cannot be written in advance.
    private let seed: UInt64

    private static let tagBits: UInt64 = 0xFFFF_FFFF_0000_0000

    /// A table sized for about `capacity` keys.
    public init(capacity: Int) {
        self.init(capacity: capacity, seed: UInt64.random(in: 0...UInt64.max))
    }

    /// A table with a chosen seed: what lets a test make keys that collide.
    init(capacity: Int, seed: UInt64) {
        self.seed = seed
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        keyStart.reserveCapacity(capacity)
        keyLength.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    /// How many keys the table holds.
    public var count: Int { values.count }

    /// The value stored for `key`, if any.
    public func value(for key: String) -> Int32? {
        key.withUTF8Bytes { bytes -> Int32? in
            let (hash, isASCII) = hash(bytes)
            guard isASCII else { return nonASCII[key].map { values[Int($0)] } }
            return find(bytes, hash: hash).entry.map { values[$0] }
        }
    }

    /// The value stored for the ASCII key `bytes`, if any; nil for bytes that are not all ASCII.
    public func value(forASCII bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let (hash, isASCII) = hash(bytes)
        guard isASCII else { return nil }
        return find(bytes, hash: hash).entry.map { values[$0] }
    }

    /// `insertIfAbsent` for the ASCII key `bytes`; bytes that are not all ASCII are not stored (and nil returned).
    public mutating func insertIfAbsent(ascii bytes: UnsafeBufferPointer<UInt8>, _ value: Int32) -> Int32? {
        let (hash, isASCII) = hash(bytes)
        guard isASCII else { return nil }
        return insert(bytes, hash: hash, value)
    }

    /// Stores `value` for `key` when the key is new and returns nil; otherwise leaves the table as it is and returns
    /// the value already stored.
    public mutating func insertIfAbsent(_ key: String, _ value: Int32) -> Int32? {
        key.withUTF8Bytes { bytes -> Int32? in
            let (hash, isASCII) = hash(bytes)
            guard isASCII else {
                if let entry = nonASCII[key] { return values[Int(entry)] }
                nonASCII[key] = Int32(values.count)
                keyStart.append(0)
                keyLength.append(-1)
                values.append(value)
                return nil
            }
            return insert(bytes, hash: hash, value)
        }
    }

    /// `insertIfAbsent` for any key found by its bytes alone, ASCII or not: two spellings Swift holds equal (é as one
    /// scalar or two) are two keys. For a table that keeps text exactly as written; such a table is used through this
    /// method and `value(forBytes:)` only.
    public mutating func insertIfAbsent(bytes: UnsafeBufferPointer<UInt8>, _ value: Int32) -> Int32? {
        insert(bytes, hash: hash(bytes).hash, value)
    }

    /// The value stored for `bytes` by `insertIfAbsent(bytes:_:)`, if any.
    public func value(forBytes bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        find(bytes, hash: hash(bytes).hash).entry.map { values[$0] }
    }

    /// Stores `value` for the ASCII key `bytes` of hash `hash` unless the key is there; returns the value there.
    private mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, _ value: Int32) -> Int32? {
        let found = find(bytes, hash: hash)
        if let entry = found.entry { return values[entry] }
        slots[found.slot] = hash & Self.tagBits | UInt64(values.count + 1)
        keyStart.append(keyBytes.count)
        keyLength.append(Int32(bytes.count))
        keyBytes.append(contentsOf: bytes)
        values.append(value)
        if values.count * 2 > slots.count { grow() }
        return nil
    }

    /// The entry holding the key, or the empty slot where it would go.
    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (entry: Int?, slot: Int) {
        let mask = slots.count - 1, tag = hash & Self.tagBits
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            if slots[slot] & Self.tagBits == tag {
                let entry = Int(slots[slot] & 0xFFFF_FFFF) - 1
                if storedKey(entry, equals: bytes) { return (entry, slot) }
            }
            slot = (slot + 1) & mask
        }
        return (nil, slot)
    }

    /// True when the ASCII key kept for `entry` is `bytes`.
    private func storedKey(_ entry: Int, equals bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard Int(keyLength[entry]) == bytes.count else { return false }
        return keyBytes.withUnsafeBufferPointer { kept in
            UnsafeBufferPointer(rebasing: kept[keyStart[entry]..<keyStart[entry] + bytes.count]).hasSameBytes(as: bytes)
        }
    }

    /// The bytes' `ByteHash` from the table's seed, and whether they are all ASCII.
    @inline(__always)
    private func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, isASCII: Bool) {
        Self.hash(bytes, seed: seed)
    }

    /// `ByteHash.hash(bytes, seed: seed)` and whether the bytes are all ASCII, in one pass.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> (hash: UInt64, isASCII: Bool) {
        var hash = seed, highBits: UInt64 = 0, i = 0
        // Eight bytes a step, the last ones zero-padded: `ByteHash.hash`'s steps.
        while i < bytes.count {
            let chunk = bytes.eightBytes(at: i)
            highBits |= chunk
            hash = ByteHash.step(hash, chunk)
            i += 8
        }
        return (ByteHash.finish(hash, count: bytes.count), highBits & 0x8080_8080_8080_8080 == 0)
    }

    /// Doubles the slots and places every ASCII key again.
    private mutating func grow() {
        var larger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for entry in slots where entry != 0 {
            let number = Int(entry & 0xFFFF_FFFF) - 1, start = keyStart[number]
            let hash = keyBytes.withUnsafeBufferPointer {
                self.hash(UnsafeBufferPointer(rebasing: $0[start..<start + Int(keyLength[number])])).hash
            }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = entry
        }
        slots = larger
    }
}
