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
}

/// A small deterministic generator for the tests' random keys.
private struct LinearCongruential: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state ^ (state >> 29)
    }
}
