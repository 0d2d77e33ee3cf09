import Testing
@testable import Reconciliation

@Suite struct RecentStringsTests {
    @Test func aStringIsAnsweredWithItsOwnNumberOrNotAtAll() {
        var recent = RecentStrings()
        // Far more strings than places, long ones (each its own storage) and short ones (held in the string),
        // many of one length, so that places are shared and taken over.
        let texts = (0..<2_000).map { n in n.isMultiple(of: 2) ? "Governance board number \(n) of the force" : "S\(n % 1000)" }
        for (n, text) in texts.enumerated() {
            recent.remember(text, Int32(n))
            #expect(recent.number(for: text) == Int32(n), "\(text)")
        }
        var found = 0
        for (n, text) in texts.enumerated() {
            guard let number = recent.number(for: text) else { continue }
            found += 1
            // A short string is identical to an equal one remembered later under another number: the same bytes.
            #expect(texts[Int(number)] == text, "\(text) answered as \(texts[Int(number)])")
            if n.isMultiple(of: 2) { #expect(number == Int32(n)) }
        }
        // The last string remembered is still found (one remembered before it may share its place: the places
        // follow the strings' storage addresses, which differ from run to run).
        #expect(found > 0)
        #expect(recent.number(for: texts[1_999]) == 1_999)
        // An equal string in other storage is not the same string: not found by identity.
        recent.remember(texts[1_998], 1_998)
        #expect(recent.number(for: texts[1_998]) == 1_998)
        #expect(recent.number(for: String(decoding: Array(texts[1_998].utf8), as: UTF8.self)) == nil)
    }
}
