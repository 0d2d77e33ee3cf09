import Spreadsheet
import Testing
@testable import Reconciliation

@Suite struct SharedDescriptionsTests {
    /// Sixty pairs, two in three with the same description on both sides (some long enough to fill blocks of the
    /// stores), and a portal record nobody pairs with.
    static func sides() throws -> (register: LoadedSource, portal: LoadedSource, texts: [String]) {
        var registerRows = [registerHeader], portalRows = [portalHeader], texts: [String] = []
        for n in 0..<60 {
            let text = (["The force should review finding \(n)"] + Array(repeating: "and its custody records", count: n % 7 * 40))
                .joined(separator: " ")
            registerRows.append(["R\(n)", "P\(n)", "Recommendation", "Fraud", text, "ACC Smith", "Supt Jones", "Open", ""])
            let portalText = n % 3 == 0 ? text + " (amended)" : text
            portalRows.append(["P\(n)", "Fraud", "Recommendation", portalText, "Open"])
            texts.append(portalText)
        }
        portalRows.append(["P99", "Fraud", "Recommendation", "An item only the portal holds", "Open"])
        texts.append("An item only the portal holds")
        return (try loaded(.register, registerRows), try loaded(.portal, portalRows), texts)
    }

    @Test func aDescriptionBothSidesGiveIsHeldOnceAndReadsAsWritten() throws {
        let (register, portal, texts) = try Self.sides()
        let pool = portal.records[0].texts
        let result = Reconciliation(register: register, portal: portal, asOf: CalendarDate(year: 2026, month: 11, day: 30),
                                    force: nil)
        let records = result.portal.records
        #expect(Self.misread(records, texts) == [])
        for (p, record) in records.enumerated() {
            // Repeats read the register's bytes; the others the new pool's own; all the new pool.
            #expect(record.descriptionSpan.isMarked == (p < 60 && p % 3 != 0), "portal record \(p)")
            #expect(record.texts !== pool && record.texts === records[0].texts)
            #expect(record.typeText == "Recommendation" && record.statusText == "Open")
        }
        // The records as loaded, still held here, keep their pool and read as they did.
        #expect(Self.misread(portal.records, texts) == [])
        #expect(portal.records.allSatisfy { $0.texts === pool && !$0.descriptionSpan.isMarked })
        #expect(result.alignment.matches.count == 60)
    }

    @Test func matchingTwiceReadsTheSameDescriptions() throws {
        let (register, portal, texts) = try Self.sides()
        var records = portal.records
        let first = Matcher().align(register: register.records, portal: &records)
        let second = Matcher().align(register: register.records, portal: &records)
        #expect(Self.misread(records, texts) == [])
        #expect(first.matches.map(\.portal) == second.matches.map(\.portal))
        #expect(records.filter { $0.descriptionSpan.isMarked }.count == 40)
    }

    /// The positions of the records whose description is not the text expected.
    static func misread(_ records: [Record], _ texts: [String]) -> [Int] {
        records.indices.filter { records[$0].description != texts[$0] }
    }

    @Test func recordsOfOtherPoolsAreLeftAsTheyAre() throws {
        // Records made one by one each have a pool of their own: the side's pool is the first record's, and the
        // others are left with theirs.
        let register = (0..<12).map { Fixture.register($0 + 2, "The force should review finding \($0)", ref: "R\($0)",
                                                       portalRef: "P\($0)") }
        var portal = (0..<12).map { Fixture.portal($0 + 2, "The force should review finding \($0)", ref: "P\($0)") }
        let pools = portal.map { ObjectIdentifier($0.texts) }
        _ = Matcher().align(register: register, portal: &portal)
        #expect(portal.map { ObjectIdentifier($0.texts) }.dropFirst() == pools.dropFirst())
        #expect(portal.dropFirst().allSatisfy { !$0.descriptionSpan.isMarked })
        #expect(portal.enumerated().allSatisfy { $1.description == "The force should review finding \($0)" })
    }
}
