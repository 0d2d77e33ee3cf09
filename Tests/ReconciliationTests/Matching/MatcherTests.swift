import SyntheticData
import Testing

@testable import Reconciliation

@Suite struct MatcherTests {
    let bgRegister = Fixture.backgroundPairs(from: 100).register
    let bgPortal = Fixture.backgroundPairs(from: 100).portal

    func align(_ register: [Record], _ portal: [Record]) -> Alignment {
        Matcher().align(register: register + bgRegister, portal: portal + bgPortal)
    }

    func pairs(_ alignment: Alignment, _ register: [Record], _ portal: [Record]) -> [String: String] {
        let reg = register + bgRegister
        let por = portal + bgPortal
        return Dictionary(
            uniqueKeysWithValues: alignment.matches.map { (reg[$0.register].reference, por[$0.portal].reference) })
    }

    static let findings = [
        "The force should develop the risk-based engagement of rural crime in the resolution centre, to make best use of available resources.",
        "The force should audit the regular vetting of firearms licensing across the force, so that leaders have accurate information.",
        "By March 2022, the force should standardise the secure disclosure of case files within the criminal justice unit, to reduce delays.",
    ]

    @Test func referencesThatAreAlmostRightStillPair() {
        let portal = [
            Fixture.portal(2, Self.findings[0], ref: "PEEL-2021-0042"),
            Fixture.portal(3, Self.findings[1], ref: "CDI-2020-0007"),
            Fixture.portal(4, Self.findings[2], ref: "NTI-2019-0100"),
        ]
        let register = [
            Fixture.register(2, "x", ref: "R1", portalRef: "peel 2021 0042"),
            Fixture.register(3, "y", ref: "R2", portalRef: "CDI-2020-7"),
            Fixture.register(4, "z", ref: "R3", portalRef: "NTI20190100"),
        ]
        let alignment = align(register, portal)
        let found = pairs(alignment, register, portal)
        #expect(found["R1"] == "PEEL-2021-0042")
        #expect(found["R2"] == "CDI-2020-0007")
        #expect(found["R3"] == "NTI-2019-0100")
        #expect(
            alignment.matches.filter { ["R1", "R2", "R3"].contains((register + bgRegister)[$0.register].reference) }
                .allSatisfy { $0.method == .reference && !$0.needsReview })
    }

    @Test func leadingZerosDoNotJoinNumbers() {
        #expect(ReferenceStep.looseKey("PEEL-2021-0042") == ReferenceStep.looseKey("peel 2021 42"))
        #expect(ReferenceStep.looseKey("PEEL-2021-0042") != ReferenceStep.looseKey("PEEL-202-10042"))
        #expect(ReferenceStep.looseKey("R-007") == ReferenceStep.looseKey("R7"))
        #expect(ReferenceStep.looseKey("R-0") == "R0")
    }

    @Test func textPairsAreOneToOneAndUseEveryChange() {
        let portal = Self.findings.enumerated().map { Fixture.portal(2 + $0.offset, $0.element) }
        let register = [
            Fixture.register(2, "FORCE TO DEVELOP THE RISK-BASED ENGAGMEENT OF RURAL CRIME IN THE RESOLU…"),
            Fixture.register(
                3, "  Force to  audit the regular vetting of firearms licensing across the force ,  so that leaders"),
            Fixture.register(
                4, "Standardise the secure disclsoure of case files within the criminal justice unit by March 2022"),
        ]
        let alignment = align(register, portal)
        let found = pairs(alignment, register, portal)
        #expect(found["CLE/2"] == "PEEL-2021-2")
        #expect(found["CLE/3"] == "PEEL-2021-3")
        #expect(found["CLE/4"] == "PEEL-2021-4")
        #expect(Set(alignment.matches.map(\.portal)).count == alignment.matches.count)
        for match in alignment.matches where match.register < 3 {
            #expect(match.method == .text)
            #expect(match.score >= 0.8)
            #expect(!match.needsReview)
        }
    }

    @Test func identicalTwinsPairTheLowerRowAndRaiseReview() {
        let portal = [Fixture.portal(7, Self.findings[0]), Fixture.portal(3, Self.findings[0])]
        let register = [Fixture.register(2, Self.findings[0])]
        let alignment = align(register, portal)
        let match = alignment.matches.first { $0.register == 0 }!
        #expect(match.portal == 0, "ties go to the lower portal index")
        #expect(match.review == [.ambiguous])
        #expect(match.runnerUp == 1)
        #expect(alignment.portalOnly.contains(1))
    }

    @Test func twoRegisterRowsWantingOnePortalRecordRaiseReview() {
        let portal = [Fixture.portal(2, Self.findings[1])]
        let register = [Fixture.register(2, Self.findings[1]), Fixture.register(3, Self.findings[1])]
        let alignment = align(register, portal)
        let match = alignment.matches.first { $0.portal == 0 }!
        #expect(match.register == 0)
        #expect(match.review == [.ambiguous])
        #expect(match.rivalRegister == 1)
        #expect(alignment.registerOnly.contains(1))
    }

    @Test func weakWordingIsMatchedAndRaisesReview() {
        let portal = [Fixture.portal(2, Self.findings[1])]
        let register = [
            Fixture.register(
                2,
                "Force to audit the secure vetting of firearms licensing across the force, so that partners are kept informed"
            )
        ]
        let alignment = align(register, portal)
        let match = alignment.matches.first { $0.register == 0 }
        #expect(match?.portal == 0)
        #expect(match?.review == [.weak])
        #expect((match?.score ?? 0) < 0.8, "score \(match?.score ?? 0)")
    }

    /// Weak is a judgement of the wording (rules §3): the same words under titles that only partly agree score
    /// below the weak line, yet the pair is not weak.
    @Test func agreeingWordingIsNotWeakWhereTitlesOnlyPartlyAgree() {
        let portal = [
            Fixture.portal(
                2, Self.findings[1], inspection: "An inspection of the police response to domestic abuse (2019)")
        ]
        let register = [Fixture.register(2, Self.findings[1], inspection: "Domestic abuse and stalking thematic")]
        let alignment = align(register, portal)
        let match = alignment.matches.first { $0.register == 0 }
        #expect(match?.portal == 0)
        #expect((match?.score ?? 1) < TextMatchSettings().weak, "score \(match?.score ?? 1)")
        #expect(match?.review == [])
    }

    @Test func unrelatedWordingIsNotMatched() {
        let portal = [Fixture.portal(2, Self.findings[1])]
        let register = [
            Fixture.register(2, "The force should publish its workforce plan for the contact management centre.")
        ]
        let alignment = align(register, portal)
        #expect(!alignment.matches.contains { $0.register == 0 })
        #expect(alignment.registerOnly.contains(0))
        #expect(alignment.portalOnly.contains(0))
    }

    @Test func aReferenceToTheWrongRecordIsNotTrusted() {
        let portal = [
            Fixture.portal(2, Self.findings[0], ref: "PEEL-2021-0042"),
            Fixture.portal(3, Self.findings[1], ref: "PEEL-2021-0024"),
        ]
        // The register names 0042 but its wording is 0024's.
        let register = [Fixture.register(2, Self.findings[1], ref: "R1", portalRef: "PEEL-2021-0042")]
        let alignment = align(register, portal)
        let match = alignment.matches.first { $0.register == 0 }!
        #expect(match.portal == 1)
        #expect(match.method == .text)
        #expect(match.review == [.wrongReference])
        #expect(match.statedPortal == 0)
        #expect(alignment.portalOnly.contains(0))
    }

    @Test func aReferenceWithDifferentWordingButNoBetterRecordStands() {
        let portal = [Fixture.portal(2, Self.findings[0], ref: "PEEL-2021-0042")]
        let register = [Fixture.register(2, "Rural crime engagement plan", ref: "R1", portalRef: "PEEL-2021-0042")]
        let match = align(register, portal).matches.first { $0.register == 0 }!
        #expect(match.portal == 0)
        #expect(match.method == .reference)
        #expect(!match.needsReview)
    }

    @Test func aReferenceMissingFromTheExportIsPairedByWordingAndRaisesReview() {
        let portal = [Fixture.portal(2, Self.findings[2], ref: "NTI-2019-0100")]
        let register = [Fixture.register(2, Self.findings[2], ref: "R1", portalRef: "NTI-2019-0010")]
        let match = align(register, portal).matches.first { $0.register == 0 }!
        #expect(match.portal == 0)
        #expect(match.review == [.referenceNotFound])
    }

    @Test func theSameInputGivesTheSameAlignment() {
        let dataset = MessyDataset.generate(seed: 7, size: 300)
        let (register, portal) = try! MatchingEvaluation.load(dataset)
        let a = Matcher().align(register: register.records, portal: portal.records)
        let b = Matcher().align(register: register.records, portal: portal.records)
        #expect(a.matches.map { [$0.register, $0.portal] } == b.matches.map { [$0.register, $0.portal] })
        #expect(a.matches.map(\.score) == b.matches.map(\.score))
        #expect(a.matches.map(\.review) == b.matches.map(\.review))
        #expect(Set(a.matches.map(\.portal)).count == a.matches.count)
        #expect(Set(a.matches.map(\.register)).count == a.matches.count)
    }
}

@Suite struct MatchValueTests {
    @Test func aNewPairHasNoAlternativesAndNoReview() {
        let plain = Match(register: 1, portal: 2, method: .reference, score: 1)
        #expect(plain.register == 1 && plain.portal == 2 && plain.method == .reference && plain.score == 1)
        #expect(
            plain.runnerUp == nil && plain.runnerUpScore == nil && plain.rivalRegister == nil
                && plain.statedPortal == nil && plain.statedScore == nil && !plain.needsReview)
    }
}
