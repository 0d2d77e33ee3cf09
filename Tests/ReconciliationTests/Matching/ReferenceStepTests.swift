import Testing

@testable import Reconciliation

@Suite struct ReferenceStepTests {
    @Test func theFirstRecordOfEachKeyTakesPartAndTheRestAreGrouped() {
        // Keys as written in several ways; empty references never repeat; the groups keep row order within them.
        let refs = ["R-1", "r 1", "R-2", "", "", "R1", "R-3", "R.2"]
        let records = refs.enumerated().map { Fixture.register($0.offset + 2, "Finding", ref: $0.element) }
        let side = FirstOfEachReference(records, source: .register) { Words.referenceKey($0.reference) }
        #expect(side.keep == [0, 2, 3, 4, 6])
        #expect(side.duplicates.map(\.records) == [[0, 1, 5], [2, 7]])
        #expect(side.duplicates.map(\.reference) == ["R-1", "R-2"])
        #expect(side.setAside[7] == "duplicate of reference R-2 on row 4")
        #expect(side.firstOfKey[ReferenceKey("R1")] == 0 && side.firstOfKey[ReferenceKey("R3")] == 6)
        #expect(side.firstOfKey.count == 3)
    }

    /// References pasted from web pages and documents carry characters nobody sees: they fold away, as do
    /// non-breaking hyphens and spaces and full-width digits, both for the exact key and the loose one.
    @Test func invisibleCharactersInReferencesFoldAway() {
        let written = [
            "PEEL-2021-\u{200B}0042", "\u{200F}PEEL-2021-0042", "\u{FEFF}PEEL-2021-0042\u{00A0}",
            "PEEL\u{2011}2021\u{2011}0042", "PEEL-\u{FF12}\u{FF10}\u{FF12}\u{FF11}-\u{FF10}\u{FF10}\u{FF14}\u{FF12}",
            "PEEL-2021-0042\u{200E}", "peel\u{2212}2021\u{2009}0042",
        ]
        for reference in written {
            #expect(Words.referenceKey(reference) == "PEEL20210042", "\(reference.unicodeScalars.map(\.value))")
            #expect(ReferenceStep.looseKey(reference) == ReferenceStep.looseKey("PEEL-2021-42"))
        }
        // What a person can see still counts.
        #expect(Words.referenceKey("PEEL-2021-0043\u{200B}") != "PEEL20210042")
        #expect(Words.referenceKey("R\u{0007}1") == "R1")
        let portal = [Fixture.portal(2, "Finding", ref: "PEEL-2021-0042")]
        let register = written.enumerated().map { Fixture.register(2 + $0.offset, "Finding", portalRef: $0.element) }
        let alignment = Matcher().align(register: Array(register.prefix(1)), portal: portal)
        #expect(alignment.matches.map(\.method) == [.reference])
    }

    @Test func anASCIIKeyNeverMeetsAnotherEncoding() {
        // Swift holds "K" and the Kelvin sign equal; as keys they stay apart. Two spellings of "É" meet.
        #expect("REF\u{212A}" == "REFK")
        #expect(ReferenceKey("REF\u{212A}") != ReferenceKey("REFK"))
        #expect(ReferenceKey("CAF\u{C9}") == ReferenceKey("CAFE\u{301}"))
        #expect(Set([ReferenceKey("CAF\u{C9}"), ReferenceKey("CAFE\u{301}"), ReferenceKey("REFK")]).count == 2)
    }

    @Test func eachPortalRecordPairsOnceAndASecondClaimIsSetAside() {
        let register = [
            Fixture.register(2, "First", portalRef: "P-1"), Fixture.register(3, "Second", portalRef: "P1"),
            Fixture.register(4, "Third", portalRef: "P-9"), Fixture.register(5, "Fourth", portalRef: "P-2"),
        ]
        let portal = [
            Fixture.portal(2, "Other", ref: "P-2"), Fixture.portal(3, "One", ref: "P-1"),
            Fixture.portal(4, "Again", ref: "P 1"),
        ]
        let step = ReferenceStep(register: register, portal: portal)
        #expect(step.matches.map { [$0.register, $0.portal] } == [[0, 1], [3, 0]])
        #expect(step.unmatched == [2])
        #expect(step.portalKeep == [0, 1])
        #expect(step.claimedBy == [3, 0, -1])
        let groups = step.duplicates.map { ($0.source, $0.records) }
        #expect(groups.count == 2 && groups[0].0 == .register && groups[0].1 == [0, 1])
        #expect(groups[1].0 == .portal && groups[1].1 == [1, 2])
        #expect(step.duplicates[0].reference == "P-1")
        #expect(step.setAside[.register]?[1] == "portal reference P-1 is also on register row 2")
    }

    @Test func duplicateGroupsComeInTheOrderARowByRowPassMakesThem() {
        // Eight references, then each again in reverse order, then the first twice more: a row-by-row pass makes
        // the groups last reference first (at its second row).
        let refs = (0..<8).map { $0.isMultiple(of: 2) ? "HMICFRS-2021-PEEL-AFI-000\($0)" : "B-\($0)" }
        let rows = refs + refs.reversed() + [refs[0], refs[0]]
        // Each row copied whole: its own reference and its portal reference repeat together.
        let register = rows.enumerated().map {
            Fixture.register($0.offset + 2, "Finding", ref: $0.element, portalRef: $0.element)
        }
        let alignment = Matcher().align(register: register, portal: [Fixture.portal(2, "Other finding")])
        let groups = alignment.duplicates.filter { $0.source == .register }
        #expect(groups.map(\.reference) == refs.reversed())
        #expect(groups.map(\.records) == (0..<8).reversed().map { $0 == 0 ? [0, 15, 16, 17] : [$0, 15 - $0] })
        #expect(alignment.setAside[.register]?.keys.sorted() == Array(8..<18))
        #expect(alignment.setAside[.register]?[16] == "duplicate of reference \(refs[0]) on row 2")
    }

    @Test func aRegistersOwnNumberingIsNoDuplicateWhenItsPortalReferencesTellTheRowsApart() {
        // "AFI 1" restarts under each inspection; the HMICFRS reference beside it is unique.
        let register = [
            Fixture.register(2, "Improve call handling", ref: "AFI 1", portalRef: "PEEL-2122-0001"),
            Fixture.register(3, "Improve supervision", ref: "AFI 2", portalRef: "PEEL-2122-0002"),
            Fixture.register(4, "Record crimes promptly", ref: "AFI 1", portalRef: "CDI-2024-0001"),
        ]
        let portal = [
            Fixture.portal(2, "Improve call handling", ref: "PEEL-2122-0001"),
            Fixture.portal(3, "Improve supervision", ref: "PEEL-2122-0002"),
            Fixture.portal(4, "Record crimes promptly", ref: "CDI-2024-0001"),
        ]
        let step = ReferenceStep(register: register, portal: portal)
        #expect(step.duplicates.isEmpty)
        #expect(step.matches.map { [$0.register, $0.portal] } == [[0, 0], [1, 1], [2, 2]])
    }

    @Test func aCopiedRowIsStillADuplicateUnderItsOwnReference() {
        let register = [
            Fixture.register(2, "Improve call handling", ref: "AFI 1", portalRef: "PEEL-2122-0001"),
            Fixture.register(3, "Improve call handling", ref: "afi-1", portalRef: "PEEL 2122 0001"),
        ]
        let step = ReferenceStep(
            register: register, portal: [Fixture.portal(2, "Improve call handling", ref: "PEEL-2122-0001")])
        #expect(step.duplicates.map(\.reference) == ["AFI 1"])
        #expect(step.setAside[.register]?[1] == "duplicate of reference AFI 1 on row 2")
    }
}
