import Testing
import Spreadsheet
@testable import Reconciliation

@Suite struct ReferenceKeysTests {
    /// Keys as a register or a portal holds them: repeated, empty, long ones sharing their first sixteen bytes,
    /// and a few not in ASCII, one of them in two canonically equivalent spellings.
    static func keys(count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let shapes: [(Int) -> String] = [
            { "HMICR\($0)" }, { "HMICFRS2021PEELAFI\($0)" }, { _ in "" }, { "CAF\u{C9}\($0 % 7)" },
            { "CAFE\u{301}\($0 % 7)" }, { "\($0)" },
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

    @Test(arguments: [false, true])
    func repeatsAndTheJoinAreWhatADictionaryGives(collide: Bool) {
        // With `collide`, every ASCII key hashes alike: one run holds them all, and only the sixteen bytes kept in
        // each entry, then the keys themselves, tell them apart.
        let hash: (UnsafeBufferPointer<UInt8>, UInt64) -> UInt64 = collide ? { _, _ in 42 } : { ByteHash.hash($0, seed: $1) }
        let portal = Self.keys(count: collide ? 400 : 5_000, seed: 7), register = Self.keys(count: collide ? 400 : 5_000, seed: 8)
        let (repeats, firsts) = ReferenceKeys(count: portal.count, seed: 3, hash: hash) { portal[$0] }
            .firstOfEachKey { portal[$0] }
        let want = Self.expected(portal, probes: register)
        #expect(repeats.map { [$0.position, $0.first] } == want.repeats.map { [$0.0, $0.1] })
        let found = ReferenceKeys(count: register.count, seed: 3, hash: hash) { register[$0] }
            .join(firsts, count: register.count, key: { register[$0] }, otherKey: { portal[$0] })
        #expect(found == want.found)
        #expect(found.contains { $0 >= 0 } && !repeats.isEmpty)
    }
}
