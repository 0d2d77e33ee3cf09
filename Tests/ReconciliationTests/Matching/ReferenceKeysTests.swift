import Testing
import Spreadsheet
@testable import Reconciliation

@Suite struct ReferenceKeysTests {
    /// Keys as a register or a portal holds them: repeated, empty, long ones sharing their first sixteen bytes,
    /// a few not in ASCII, one of them in two canonically equivalent spellings, one past its first sixteen bytes,
    /// and keys alike in their first bytes but not in their lengths.
    static func keys(count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let shapes: [(Int) -> String] = [
            { "HMICR\($0)" }, { "HMICFRS2021PEELAFI\($0)" }, { _ in "" }, { "CAF\u{C9}\($0 % 7)" },
            { "CAFE\u{301}\($0 % 7)" }, { "\($0)" }, { "HMICFRS2021PEELAFI\u{C9}\($0 % 5)" },
            // A key and the same key with a NUL byte after it; one of sixteen bytes and the same running on.
            { _ in "K" }, { _ in "K\u{0}" }, { _ in "ABCDEFGHIJKLMNOP" }, { "ABCDEFGHIJKLMNOP\($0 % 3)" },
        ]
        return (0..<count).map { _ in shapes[next(shapes.count)](next(count / 3 + 1)) }
    }

    /// What one `[String: Int]` pass in record order gives: each repeat with its key's first position, and for each
    /// `probe` key the first position holding it.
    static func expected(_ keys: [String], probes: [String]) -> (repeats: [(Int, Int)], found: [Int32]) {
        var first: [String: Int] = [:], repeats: [(Int, Int)] = []
        for (position, key) in keys.enumerated() where !key.isEmpty {
            if let earlier = first[key] { repeats.append((position, earlier)) } else { first[key] = position }
        }
        return (repeats, probes.map { Int32(first[$0] ?? -1) })
    }

    /// The hashes the test runs with: the real one; one hash for every key (one run holds them all, and only the
    /// sixteen bytes kept in each entry, then the keys themselves, tell them apart); hashes that differ only in
    /// their low half (one run of many different hashes, which the entries are not sorted by); and hashes whose
    /// high half takes sixteen values (sixteen such runs, which the merge must step through).
    enum Hashing: CaseIterable { case real, allAlike, sameHighHalf, sixteenRuns }

    @Test(arguments: Hashing.allCases)
    func repeatsAndTheJoinAreWhatADictionaryGives(hashing: Hashing) {
        let hash: (UnsafeBufferPointer<UInt8>, UInt64) -> UInt64
        switch hashing {
        case .real: hash = { ByteHash.hash($0, seed: $1) }
        case .allAlike: hash = { _, _ in 42 }
        case .sameHighHalf: hash = { 42 << 32 | ByteHash.hash($0, seed: $1) & 0xFFFF_FFFF }
        case .sixteenRuns:
            hash = { bytes, seed in
                let h = ByteHash.hash(bytes, seed: seed)
                return (h & 0xF) << 32 | h & 0xFFFF_FFFF
            }
        }
        let count = hashing == .real ? 5_000 : 400
        let portal = Self.keys(count: count, seed: 7), register = Self.keys(count: count, seed: 8)
        let portalKeys = ReferenceKeys(count: portal.count, seed: 3, hash: hash) { portal[$0] }
        let order = portalKeys.entries.map { [UInt64($0.run), UInt64($0.position)] }
        #expect(order == order.sorted { $0.lexicographicallyPrecedes($1) })
        var firsts = portalKeys
        let repeats = firsts.removeRepeats { portal[$0] }
        // What is left holds each key's first record, in the order of the entries.
        let repeated = Set(repeats.map(\.position))
        #expect(firsts.entries.map(\.position) == portalKeys.entries.map(\.position).filter { !repeated.contains(Int($0)) })
        let want = Self.expected(portal, probes: register)
        #expect(repeats.map { [$0.position, $0.first] } == want.repeats.map { [$0.0, $0.1] })
        let found = ReferenceKeys(count: register.count, seed: 3, hash: hash) { register[$0] }
            .join(firsts, count: register.count, key: { register[$0] }, otherKey: { portal[$0] })
        #expect(found == want.found)
        #expect(found.contains { $0 >= 0 } && !repeats.isEmpty)
    }
}

@Suite struct DuplicateOrderTests {
    @Test func duplicateGroupsComeInTheOrderARowByRowPassMakesThem() {
        // Eight references, then each again in reverse order, then the first twice more: a row-by-row pass makes
        // the groups last reference first (at its second row), whatever order their keys sort in (one chance in
        // 40,320 of passing by luck); the long references run past the sixteen bytes an entry keeps.
        let refs = (0..<8).map { $0.isMultiple(of: 2) ? "HMICFRS-2021-PEEL-AFI-000\($0)" : "B-\($0)" }
        let rows = refs + refs.reversed() + [refs[0], refs[0]]
        let register = rows.enumerated().map { Fixture.register($0.offset + 2, "Finding", ref: $0.element) }
        let alignment = Matcher().align(register: register, portal: [Fixture.portal(2, "Other finding")])
        let groups = alignment.duplicates.filter { $0.source == .register }
        #expect(groups.map(\.reference) == refs.reversed())
        #expect(groups.map(\.records) == (0..<8).reversed().map { $0 == 0 ? [0, 15, 16, 17] : [$0, 15 - $0] })
        #expect(alignment.setAside[.register]?.keys.sorted() == Array(8..<18))
        #expect(alignment.setAside[.register]?[16] == "duplicate of reference \(refs[0]) on row 2")
    }
}
