import SyntheticData
import Testing

@testable import Reconciliation

@Suite struct VocabularyTests {
    @Test(arguments: [
        ("Cause of Concern", RecordType.causeOfConcern), ("causes of concern", .causeOfConcern),
        ("CoC", .causeOfConcern),
        ("Recommendation", .recommendation), ("Recs", .recommendation), ("R", .recommendation),
        ("rec.", .recommendation),
        ("Area for improvement", .areaForImprovement), ("Areas for Improvement", .areaForImprovement),
        ("AFIs", .areaForImprovement),
        ("A.F.I.", .areaForImprovement),
    ])
    func typeSpellings(_ spelling: String, _ expected: RecordType) {
        #expect(Profile.standard.recordType(spelling) == expected)
    }

    @Test func unknownTypeIsNotGuessed() {
        #expect(Profile.standard.recordType("Observation") == nil)
        #expect(Profile.standard.recordType("") == nil)
    }

    @Test(arguments: [
        ("Open", LifecycleState.open), ("In Progress", .open), ("Being progressed", .open), ("AMBER", .open),
        ("red", .open),
        ("Not started", .open), ("Awaiting allocation", .open), ("Awaiting review", .open), ("awaiting-review", .open),
        ("being-progressed", .open),
        ("Submitted for closure", .closureRequested), ("Awaiting FLL review", .closureRequested),
        ("Proposed for closure", .closureRequested),
        ("Closed by FLL", .awaitingCentralSignOff),
        ("Closed by FLL – awaiting central sign-off", .awaitingCentralSignOff),
        ("Closed by FLL - awaiting central sign off", .awaitingCentralSignOff), ("FLL-closed", .awaitingCentralSignOff),
        ("Pending sign-off", .awaitingCentralSignOff), ("Awaiting central sign off", .awaitingCentralSignOff),
        ("Closed", .closed), ("Completed", .closed), ("Signed off", .closed), ("Filed as complete", .closed),
        ("White", .notApplicable), ("Superseded", .notApplicable), ("Withdrawn", .notApplicable),
    ])
    func stateSpellings(_ spelling: String, _ expected: LifecycleState) {
        #expect(Profile.standard.lifecycleState(spelling) == expected)
    }

    @Test func unknownStateIsNotGuessed() {
        #expect(Profile.standard.lifecycleState("Green") == nil)
        #expect(Profile.standard.lifecycleState("Closed?? maybe") == nil)
    }

    @Test func livenessFollowsTheSpec() {
        #expect(LifecycleState.allCases.filter(\.isLiveOnRegister) == [.open, .closureRequested])
        #expect(
            LifecycleState.allCases.filter(\.isLiveOnPortal) == [.open, .closureRequested, .awaitingCentralSignOff])
    }

    @Test(arguments: [
        ("National Child Protection Inspection: Northmoor Police 2018 re-visit", InspectionGroup.ncpi),
        ("NCPI post-inspection review", .ncpi),
        ("PEEL 2019: child protection follow-up", .ncpi),
        ("Crime Data Integrity inspection 2020", .cdi), ("Victim Service Assessment: Northmoor", .cdi),
        ("CDI re-inspection", .cdi),
        ("PEEL: domestic abuse thematic", .nationalDAPEELThematic), ("DA PEEL thematic 2019", .nationalDAPEELThematic),
        ("PEEL spotlight report: a system under pressure", .nationalPEEL), ("National PEEL thematic", .nationalPEEL),
        ("PEEL 2019: integrated inspection of Northmoor Police", .localPEEL),
        ("State of Policing 2020: national overview", .otherNational), ("Fraud: Time to choose", .otherNational),
        ("Peeling back the layers", .otherNational), ("Vetting, misconduct and misogyny", .otherNational),
    ])
    func groupsDerivedFromTitles(_ title: String, _ expected: InspectionGroup) {
        #expect(InspectionGroup.derive(fromTitle: title) == expected)
    }

    @Test func explicitGroupNames() {
        #expect(InspectionGroup.parse("Local PEEL") == .localPEEL)
        #expect(InspectionGroup.parse("national child protection inspection (NCPI)") == .ncpi)
        #expect(InspectionGroup.parse("CDI") == .cdi)
        #expect(InspectionGroup.parse("Other national thematic inspections") == .otherNational)
        #expect(InspectionGroup.parse("Something else") == nil)
    }

    @Test func referencesNormalise() {
        #expect(Words.referenceKey("hmic r/10234") == "HMICR10234")
        #expect(Words.referenceKey("HMIC-R-10234") == Words.referenceKey("hmic_r.10234"))
    }
}

@Suite struct ByteFastPathTests {
    /// Random text from pieces that make dates, near-dates and words, ASCII and not.
    private static func samples(_ pieces: [String], count: Int, seed: UInt64) -> [String] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 1...7, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined()
        }
    }

    @Test func numericDatesReadAsTheGeneralReadingDoes() {
        let pieces = [
            "1", "2", "9", "0", "12", "31", "30", "29", "02", "2026", "2024", "1900", "26", "/", "-", ".", " ", "T",
            "10:00", "Nov", "x", "+", "٣", "//",
        ]
        var texts = Self.samples(pieces, count: 5_000, seed: 21)
        // Day, month and year shapes, right and nearly right.
        var generator = SeededGenerator(seed: 23)
        let numbers = ["1", "9", "0", "12", "31", "30", "29", "02", "001", "2026"]
        let separators = ["/", "-", ".", " ", "//", "x"]
        let years = ["2026", "2024", "1900", "26", "026", "2026x", "2026T10:00", "2026 08:00", "0000"]
        for _ in 0..<20_000 {
            let (a, b) = (numbers.randomElement(using: &generator)!, numbers.randomElement(using: &generator)!)
            let (s, t) = (separators.randomElement(using: &generator)!, separators.randomElement(using: &generator)!)
            let y = years.randomElement(using: &generator)!
            texts.append(Bool.random(using: &generator) ? a + s + b + t + y : y + s + a + t + b)
        }
        texts += [
            "30/11/2026", "1/2/26", "29-02-2024", "29-02-2023", "2026-11-30", "2026-02-30", "2026-02-30T10:00",
            "2024-02-29 08:00", "31.04.2026", "00/11/2026", "30/11/026", "30/11/2026x", "2026-11-3", "12 3 2026",
        ]
        var fast = 0
        for text in texts {
            let trimmed = text.trimmed
            guard !trimmed.isEmpty else { continue }
            if case .otherShape = DateText.numericDate(trimmed) {} else { fast += 1 }
            #expect(DateText.parse(text) == DateText.generalParse(trimmed), "'\(text)'")
        }
        #expect(fast > 1_000)  // the fast path is taken, and agrees
    }

    @Test func aCombiningMarkStaysWithItsLetter() {
        #expect(Words.split("Re\u{301}fe\u{301}rence non-applicable") == ["r\u{E9}f\u{E9}rence", "non", "applicable"])
        #expect(Words.split("\u{301}Closed") == ["closed"])  // a mark with no letter before it separates
        let profile = Profile.standard
        #expect(profile.lifecycleState("Clos\u{E9}d") == profile.lifecycleState("Close\u{301}d"))
        #expect(profile.recordType("Recommendati\u{F3}n") == profile.recordType("Recommendatio\u{301}n"))
    }

    @Test func asciiWordsSplitAsTheScalarReadingDoes() {
        let pieces = [
            "PEEL", "peel", "2021/22", " ", "-", "–", "Child", "protection", "é", "ß", "_", "\t", "a", "Z", "9", "'",
            "İ",
        ]
        for text in Self.samples(pieces, count: 5_000, seed: 22) + [
            "", "   ", "A.F.I.", "Closed by FLL – awaiting sign-off",
        ] {
            #expect(Words.split(text) == Words.scalarSplit(text), "'\(text)'")
        }
    }
}
