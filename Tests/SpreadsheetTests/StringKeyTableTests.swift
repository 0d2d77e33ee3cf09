import Testing
@testable import Spreadsheet

@Suite struct StringKeyTableTests {
    @Test func keepsTheFirstValueOfEachKeyAsADictionaryWould() {
        var table = StringKeyTable(capacity: 4) // grows many times
        var dictionary: [String: Int32] = [:]
        var generator = LinearCongruential(state: 11)
        // ASCII keys, keys that differ in one byte or in length, and canonically equivalent non-ASCII spellings.
        var keys = (0..<5_000).map { _ in "R\(Int.random(in: 0..<3_000, using: &generator))" }
        keys += ["CAFÉ1", "CAFE\u{0301}1", "", "R1", "R10", "R1 "]
        for (position, key) in keys.enumerated() {
            let expected = dictionary[key]
            if expected == nil { dictionary[key] = Int32(position) }
            #expect(table.insertIfAbsent(key, Int32(position)) == expected, "\(key)")
        }
        #expect(table.count == dictionary.count)
        for (key, value) in dictionary { #expect(table.value(for: key) == value) }
        #expect(table.value(for: "CAFE\u{0301}1") == table.value(for: "CAFÉ1"))
        #expect(table.value(for: "R-1") == nil && table.value(for: "NOPE") == nil)
    }

    @Test(arguments: ["R", "HMICFRS-2024-REC-"])
    func keysWhoseHashesCollideAreToldApartByTheirBytes(prefix: String) throws {
        // Two keys of one length whose hashes agree in the tag and the slot (found by search with the table's own
        // hash: about one pair in 2^36, so a few hundred thousand keys hold one): only the comparison of their
        // bytes tells them apart. "R" and seven digits fit in one eight-byte step of it; the long keys take three.
        let seed: UInt64 = 0x5EED, slotBits: UInt64 = 15 // a table for 8 keys has 16 slots
        var seen: [UInt64: Int] = [:]
        var pair: (Int, Int)?
        for n in 1_000_000..<2_000_000 {
            let hash = Array("\(prefix)\(n)".utf8).withUnsafeBufferPointer { StringKeyTable.hash($0, seed: seed).hash }
            let probe = (hash & 0xFFFF_FFFF_0000_0000) | (hash & slotBits)
            if let first = seen[probe] { pair = (first, n); break }
            seen[probe] = n
        }
        let (first, second) = try #require(pair)
        var table = StringKeyTable(capacity: 8, seed: seed)
        #expect(table.insertIfAbsent("\(prefix)\(first)", 1) == nil)
        #expect(table.value(for: "\(prefix)\(second)") == nil)
        #expect(table.insertIfAbsent("\(prefix)\(second)", 2) == nil)
        #expect(table.value(for: "\(prefix)\(first)") == 1 && table.value(for: "\(prefix)\(second)") == 2)
    }

    @Test func theTablesHashIsByteHashWithItsSeed() {
        for text in ["", "R", "R1000000", "HMICFRS-2024-REC-1", "café", String(repeating: "x", count: 100)] {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { bytes in
                let (hash, isASCII) = StringKeyTable.hash(bytes, seed: 42)
                #expect(hash == ByteHash.hash(bytes, seed: 42), "\(text)")
                #expect(isASCII == bytes.allSatisfy { $0 < 0x80 }, "\(text)")
            }
        }
    }

    @Test func asciiBytesAreFoundByTheirBytesAlone() {
        var table = StringKeyTable(capacity: 2)
        let keys = ["Submitted for closure", "Area for improvement", "Open", "", "café"]
        for (position, key) in keys.enumerated() {
            let stored = Array(key.utf8).withUnsafeBufferPointer { table.insertIfAbsent(ascii: $0, Int32(position)) }
            #expect(stored == nil)
        }
        #expect(table.count == 4) // "café" is not ASCII and is not stored
        for (position, key) in keys.enumerated() where key != "café" {
            #expect(Array(key.utf8).withUnsafeBufferPointer { table.value(forASCII: $0) } == Int32(position))
            #expect(table.value(for: key) == Int32(position))
        }
        #expect(Array("café".utf8).withUnsafeBufferPointer { table.value(forASCII: $0) } == nil)
        #expect(Array("Open ".utf8).withUnsafeBufferPointer { table.value(forASCII: $0) } == nil)
    }

    @Test func keysByBytesKeepSpellingsSwiftHoldsEqualApart() {
        var table = StringKeyTable(capacity: 4)
        let spellings = ["Clos\u{E9}d", "Close\u{301}d", "Closed", "PEEL 2023/25 \u{2013} Northmoor", "PEEL 2023/25 - Northmoor"]
        for (n, spelling) in spellings.enumerated() {
            #expect(spelling.withUTF8Bytes { table.insertIfAbsent(bytes: $0, Int32(n)) } == nil, "\(spelling)")
        }
        // Enough keys to make the table grow, with non-ASCII ones among them.
        for n in 0..<100 { _ = "r\u{E9}f \(n)".withUTF8Bytes { table.insertIfAbsent(bytes: $0, Int32(10 + n)) } }
        for (n, spelling) in spellings.enumerated() {
            #expect(spelling.withUTF8Bytes { table.value(forBytes: $0) } == Int32(n), "\(spelling)")
            #expect(spelling.withUTF8Bytes { table.insertIfAbsent(bytes: $0, 99) } == Int32(n), "\(spelling)")
        }
        #expect("r\u{E9}f 42".withUTF8Bytes { table.value(forBytes: $0) } == 52)
        #expect("Clos".withUTF8Bytes { table.value(forBytes: $0) } == nil)
    }
}

/// A small deterministic generator for the tests' random keys.
private struct LinearCongruential: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state ^ (state >> 29)
    }
}
