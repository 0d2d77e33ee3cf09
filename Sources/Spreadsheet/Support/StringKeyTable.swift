/// Numbers by text, first come first kept: what a `[String: Int32]` does, at a fraction of the cost on a few
/// hundred thousand keys. The reference step's hash join keeps record positions by normalised reference in one; the
/// CSV reader finds repeated field values in one.
///
/// ASCII keys (nearly all references and titles) are found by their bytes in an open-addressing table with a 32-bit tag per
/// slot, and kept as bytes, back to back: comparing with a kept key reads bytes, not a `String` (which would be
/// retained, an atomic operation on memory other threads may read too). Any other key is found by `String` equality,
/// so that two spellings Swift holds equal still meet, as in a dictionary.
public struct StringKeyTable: Sendable {
    /// Per slot: the key's hash in the high half, the entry's number + 1 in the low half; 0 when empty.
    private var slots: [UInt64]
    /// One per key, in the order stored: what a probe reads after its slot, in one place.
    private var entries: [Entry] = []
    /// The ASCII keys' bytes, back to back; an entry's key starts at its `start`.
    private var keyBytes: [UInt8] = []
    private var nonASCII: [String: Int32] = [:]
    /// Drawn per table, as `Dictionary` seeds its hashes: keys chosen to collide cannot be written in advance.
    private let seed: UInt64

    private static let tagBits: UInt64 = 0xFFFF_FFFF_0000_0000

    /// A stored key and its value. The key's first sixteen bytes are kept here as well, so that a probe settles
    /// most comparisons (every key of sixteen bytes or fewer) without reading `keyBytes`, another cache miss.
    private struct Entry {
        var head: Head
        var start: Int
        /// The key's length in bytes; -1 for a key that is not ASCII (found through `nonASCII`).
        var length: Int32
        var value: Int32
    }

    /// Up to sixteen bytes of a key, little-endian, zero past its end.
    private struct Head: Equatable {
        var low: UInt64 = 0, high: UInt64 = 0
    }

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
        entries.reserveCapacity(capacity)
    }

    /// How many keys the table holds.
    public var count: Int { entries.count }

    /// The value stored for `key`, if any.
    public func value(for key: String) -> Int32? {
        Self.withBytes(of: key) { bytes -> Int32? in
            let (hash, isASCII) = hash(bytes)
            guard isASCII else { return nonASCII[key].map { entries[Int($0)].value } }
            return find(bytes, hash: hash).entry.map { entries[$0].value }
        }
    }

    /// The value stored for the ASCII key `bytes`, if any; nil for bytes that are not all ASCII.
    public func value(forASCII bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let (hash, isASCII) = hash(bytes)
        guard isASCII else { return nil }
        return find(bytes, hash: hash).entry.map { entries[$0].value }
    }

    /// `insertIfAbsent` for the ASCII key `bytes`; bytes that are not all ASCII are not stored (and nil returned).
    public mutating func insertIfAbsent(ascii bytes: UnsafeBufferPointer<UInt8>, _ value: Int32) -> Int32? {
        let (hash, isASCII) = hash(bytes)
        guard isASCII else { return nil }
        return insert(bytes, hash: hash, value)
    }

    /// Calls `body` with the key's UTF-8 bytes, read in place when the string holds them contiguously (not
    /// retaining it: an atomic operation, costly on a string other threads read too).
    @inline(__always)
    private static func withBytes<Result>(of key: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = key.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = key
        return copy.withUTF8(body)
    }

    /// Stores `value` for `key` when the key is new and returns nil; otherwise leaves the table as it is and returns
    /// the value already stored.
    public mutating func insertIfAbsent(_ key: String, _ value: Int32) -> Int32? {
        Self.withBytes(of: key) { bytes -> Int32? in
            let (hash, isASCII) = hash(bytes)
            guard isASCII else {
                if let entry = nonASCII[key] { return entries[Int(entry)].value }
                nonASCII[key] = Int32(entries.count)
                entries.append(Entry(head: Head(), start: 0, length: -1, value: value))
                return nil
            }
            return insert(bytes, hash: hash, value)
        }
    }

    /// Stores `value` for the ASCII key `bytes` of hash `hash` unless the key is there; returns the value there.
    private mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, _ value: Int32) -> Int32? {
        let found = find(bytes, hash: hash)
        if let entry = found.entry { return entries[entry].value }
        slots[found.slot] = hash & Self.tagBits | UInt64(entries.count + 1)
        entries.append(Entry(head: Self.head(of: bytes), start: keyBytes.count, length: Int32(bytes.count), value: value))
        keyBytes.append(contentsOf: bytes)
        if entries.count * 2 > slots.count { grow() }
        return nil
    }

    /// The entry holding the key, or the empty slot where it would go.
    @inline(__always)
    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (entry: Int?, slot: Int) {
        let mask = slots.count - 1, tag = hash & Self.tagBits
        var slot = Int(truncatingIfNeeded: hash) & mask
        var head: Head?
        while slots[slot] != 0 {
            if slots[slot] & Self.tagBits == tag {
                let entry = Int(slots[slot] & 0xFFFF_FFFF) - 1
                if head == nil { head = Self.head(of: bytes) }
                if storedKey(entry, equals: bytes, head: head!) { return (entry, slot) }
            }
            slot = (slot + 1) & mask
        }
        return (nil, slot)
    }

    /// True when the ASCII key kept for `entry` is `bytes`, whose first sixteen bytes are `head`.
    @inline(__always)
    private func storedKey(_ entry: Int, equals bytes: UnsafeBufferPointer<UInt8>, head: Head) -> Bool {
        let kept = entries[entry]
        guard Int(kept.length) == bytes.count, kept.head == head else { return false }
        guard bytes.count > 16 else { return true }
        return keyBytes.withUnsafeBufferPointer { all in
            UnsafeBufferPointer(rebasing: all[(kept.start + 16)..<(kept.start + bytes.count)])
                .hasSameBytes(as: UnsafeBufferPointer(rebasing: bytes[16...]))
        }
    }

    /// The first sixteen bytes of `bytes`, zero-padded.
    @inline(__always)
    private static func head(of bytes: UnsafeBufferPointer<UInt8>) -> Head {
        let raw = UnsafeRawBufferPointer(bytes)
        if raw.count >= 16 {
            return Head(low: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                        high: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
        var head = Head()
        for k in 0..<raw.count {
            if k < 8 { head.low |= UInt64(raw[k]) << UInt64(k * 8) } else { head.high |= UInt64(raw[k]) << UInt64((k - 8) * 8) }
        }
        return head
    }

    /// The bytes' `ByteHash` from the table's seed, and whether they are all ASCII, in one pass.
    @inline(__always)
    private func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, isASCII: Bool) {
        let raw = UnsafeRawBufferPointer(bytes)
        var hash = seed, highBits: UInt64 = 0, i = 0
        while i + 8 <= raw.count {
            let chunk = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            highBits |= chunk
            hash = ByteHash.step(hash, chunk)
            i += 8
        }
        if i < raw.count {
            var tail: UInt64 = 0
            for k in i..<raw.count { tail |= UInt64(raw[k]) << UInt64((k - i) * 8) }
            highBits |= tail
            hash = ByteHash.step(hash, tail)
        }
        return (ByteHash.finish(hash, count: raw.count), highBits & 0x8080_8080_8080_8080 == 0)
    }

    /// Doubles the slots and places every ASCII key again.
    private mutating func grow() {
        var larger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for slotted in slots where slotted != 0 {
            let entry = entries[Int(slotted & 0xFFFF_FFFF) - 1]
            let hash = keyBytes.withUnsafeBufferPointer {
                self.hash(UnsafeBufferPointer(rebasing: $0[entry.start..<entry.start + Int(entry.length)])).hash
            }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = slotted
        }
        slots = larger
    }
}
