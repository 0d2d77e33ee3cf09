import Spreadsheet
import Testing

@testable import Reconciliation

/// HMICFRS reuses its phrasing: an inspection is known by its family and years, and wording never outvotes a
/// contradiction (rules §3).
@Suite struct RepeatedWordingTests {
    let bgRegister = Fixture.backgroundPairs(from: 100).register
    let bgPortal = Fixture.backgroundPairs(from: 100).portal

    static let demand =
        "The force should review its understanding of demand across the control room, so that it can plan its workforce."

    @Test func anInspectionIsKnownByFamilyAndYearsHoweverItsTitleIsWritten() {
        let spellings = [
            "PEEL 2021/22", "PEEL 2021/22: An inspection of Cleveland Police", "PEEL 2021-22", "2021/22 PEEL",
            "PEEL 2021–22", "peel 2021/2022",
        ]
        let keys = spellings.map { InspectionKey(title: $0) }
        #expect(Set(keys.map(\.normalised)) == ["peel 2021-2022"])
        for key in keys { #expect(keys.allSatisfy { key.clearlyAgrees(with: $0) && !key.plainlyDiffers(from: $0) }) }
        #expect(keys[0].label == "PEEL 2021/22")
        #expect(InspectionKey(title: "PEEL 2023–25").label == "PEEL 2023/25")
        #expect(InspectionKey(title: "DA PEEL thematic 2019").family == .peelDomesticAbuse)
        #expect(InspectionKey(title: "Domestic abuse PEEL thematic 2019").family == .peelDomesticAbuse)
        #expect(InspectionKey(title: "PEEL spotlight report: fraud (2019)").family == .peelSpotlight)
        #expect(InspectionKey(title: "PEEL spotlight – domestic abuse 2022").family == .peelSpotlight)
        #expect(InspectionKey(title: "Child protection inspection 2022").family == .childProtection)
        // A thematic about child protection is not the national child protection inspection.
        #expect(
            InspectionKey(title: "An inspection of the police response to child protection (2022)").family == .thematic)
        #expect(
            InspectionKey(title: "Crime data integrity inspection 2019: Cleveland Police").family == .crimeDataIntegrity
        )
        #expect(InspectionKey(title: "Victim service assessment 2019").family == .victimServiceAssessment)
        #expect(InspectionKey(title: "National child protection inspection (2019)").family == .childProtection)
        #expect(InspectionKey(title: "").family == nil)
    }

    @Test func inspectionsThatPlainlyDifferAndOnesThatClearlyAgree() {
        func key(_ title: String) -> InspectionKey { InspectionKey(title: title) }
        let peel2122 = key("PEEL 2021/22")
        #expect(peel2122.plainlyDiffers(from: key("PEEL 2023/25: An inspection of Cleveland Police")))
        #expect(peel2122.plainlyDiffers(from: key("PEEL 2022/23")))  // spans that begin in different years
        #expect(peel2122.plainlyDiffers(from: key("Fraud: a national thematic inspection (2021)")))
        #expect(peel2122.plainlyDiffers(from: key("Crime data integrity 2021")))
        // Not plainly different: one side says less.
        #expect(!peel2122.plainlyDiffers(from: key("PEEL")))
        #expect(!peel2122.plainlyDiffers(from: key("PEEL 2022")))
        #expect(!peel2122.plainlyDiffers(from: key("")))
        // …so not clearly the same either.
        #expect(!peel2122.clearlyAgrees(with: key("PEEL")))
        #expect(!peel2122.clearlyAgrees(with: key("")))
        // Thematics are told apart by their subjects, initials included.
        let abuse = key("An inspection of the police response to domestic abuse (2019)")
        #expect(abuse.clearlyAgrees(with: key("Domestic abuse thematic 2019")))
        #expect(abuse.plainlyDiffers(from: key("Stalking and harassment thematic 2019")))
        #expect(abuse.plainlyDiffers(from: key("Domestic abuse thematic 2021")))
        let vawg = key("Violence against women and girls: a national thematic inspection (2021)")
        #expect(vawg.clearlyAgrees(with: key("VAWG thematic 2021")))
        #expect(key("Joint targeted area inspection 2022").clearlyAgrees(with: key("JTAI 2022")))
        // A register that writes the summary group for the inspection names no thematic in particular.
        #expect(!key("Other national thematic inspections").plainlyDiffers(from: key("Fraud: Time to choose")))
    }

    /// A register item of PEEL 2021/22 whose portal item is missing, and a portal item of a 2023 thematic worded the
    /// same whose register item is missing: two high discrepancies, not one false pair.
    @Test func theSameSentenceInAnotherInspectionIsNotPaired() throws {
        let register = [
            Fixture.register(2, Self.demand, ref: "", inspection: "PEEL 2021/22", type: "AFI")
        ]
        let portal = [
            Fixture.portal(
                2, Self.demand, ref: "NTI-2023-0042",
                inspection: "Workforce planning: a national thematic inspection (2023)",
                type: "Recommendation")
        ]
        let alignment = Matcher().align(register: register + bgRegister, portal: portal + bgPortal)
        #expect(!alignment.matches.contains { $0.register == 0 || $0.portal == 0 })
        #expect(alignment.registerOnly.contains(0) && alignment.portalOnly.contains(0))
        let miss = try #require(alignment.registerNearMisses[0])
        #expect(miss.other == 0 && miss.reason == .differentInspection && miss.wording > 0.95)
        #expect(alignment.portalNearMisses[0]?.other == 0)

        let discrepancies = Classifier(asOf: CalendarDate(year: 2026, month: 11, day: 30)).classify(
            register: register + bgRegister, portal: portal + bgPortal, alignment: alignment)
        let absent = try #require(discrepancies.first { $0.kind == .absentFromPortal && $0.register == 0 })
        #expect(
            absent.detail.hasSuffix(
                "possible counterpart NTI-2023-0042 (portal row 2): same wording, but PEEL 2021/22 against "
                    + "workforce planning thematic 2023"))
        let other = try #require(discrepancies.first { $0.kind == .absentFromRegister && $0.portal == 0 })
        #expect(other.detail.contains("possible counterpart row 2 (register row 2): same wording"))
        #expect(!discrepancies.contains { $0.kind == .typeMismatch || $0.kind == .needsReview })
    }

    /// Both inspections' items on both sides, the register's titles written as registers write them: each pairs
    /// with its own, none is ambiguous.
    @Test func eachOfTwoInspectionsWithOneSentencePairsWithItsOwn() {
        let register = [
            Fixture.register(2, Self.demand, ref: "", inspection: "2023/25 PEEL", type: "AFI"),
            Fixture.register(3, Self.demand, ref: "", inspection: "PEEL 2021-22", type: "AFI"),
        ]
        let portal = [
            Fixture.portal(
                2, Self.demand, ref: "PEEL-2021-7", inspection: "PEEL 2021/22: An inspection of Cleveland", type: "AFI"),
            Fixture.portal(
                3, Self.demand, ref: "PEEL-2023-9", inspection: "PEEL 2023–25: An inspection of Cleveland", type: "AFI"),
        ]
        let alignment = Matcher().align(register: register + bgRegister, portal: portal + bgPortal)
        let pairs = alignment.matches.filter { $0.register < 2 }
        #expect(pairs.map { [$0.register, $0.portal] } == [[0, 1], [1, 0]])
        #expect(pairs.allSatisfy { !$0.needsReview && $0.score > 0.99 })
    }

    /// Types that differ pair only when the inspections clearly agree; then the pair raises type-mismatch.
    @Test func typesThatDifferPairOnlyUnderOneInspection() throws {
        let portal = [Fixture.portal(2, Self.demand, ref: "PEEL-2021-7", type: "Area for improvement")]
        let named = [Fixture.register(2, Self.demand, ref: "", inspection: "PEEL 2021-22", type: "Recommendation")]
        let agreed = Matcher().align(register: named + bgRegister, portal: portal + bgPortal)
        #expect(agreed.matches.contains { $0.register == 0 && $0.portal == 0 })

        let unnamed = [Fixture.register(2, Self.demand, ref: "", inspection: "", type: "Recommendation")]
        let refused = Matcher().align(register: unnamed + bgRegister, portal: portal + bgPortal)
        #expect(!refused.matches.contains { $0.register == 0 })
        let miss = try #require(refused.registerNearMisses[0])
        #expect(miss.reason == .differentType)
        let detail = Classifier.nearMissDetail(miss, record: unnamed[0], other: portal[0])
        #expect(
            detail
                == "possible counterpart PEEL-2021-7 (portal row 2): same wording, but type 'Recommendation' against "
                + "'Area for improvement', and the inspections do not clearly agree (no inspection against PEEL 2021/22)"
        )

        let similar = NearMiss(other: 0, wording: 0.784, reason: .differentInspection)
        #expect(
            Classifier.nearMissDetail(similar, record: named[0], other: portal[0]).hasSuffix(
                "similar wording (0.78), but PEEL 2021/22 against PEEL 2021/22"))
        // Same type and no inspection on the register: nothing contradicts the wording.
        let sameType = [Fixture.register(2, Self.demand, ref: "", inspection: "", type: "AFI")]
        let paired = Matcher().align(register: sameType + bgRegister, portal: portal + bgPortal)
        #expect(paired.matches.contains { $0.register == 0 && $0.portal == 0 })
    }

    /// A reference pair stands whatever the titles say: the contradiction rules are for pairs found by wording.
    @Test func aReferenceIsNotOverruledByTheTitles() {
        let register = [
            Fixture.register(2, Self.demand, ref: "R1", portalRef: "NTI-2023-0042", inspection: "PEEL 2021/22")
        ]
        let portal = [
            Fixture.portal(2, Self.demand, ref: "NTI-2023-0042", inspection: "Workforce thematic 2023")
        ]
        let alignment = Matcher().align(register: register + bgRegister, portal: portal + bgPortal)
        #expect(alignment.matches.contains { $0.register == 0 && $0.portal == 0 && $0.method == .reference })
    }
}
