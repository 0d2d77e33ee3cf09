import Testing
@testable import Reconciliation

@Suite struct VocabularyTests {
    @Test(arguments: [
        ("Cause of Concern", RecordType.causeOfConcern), ("causes of concern", .causeOfConcern), ("CoC", .causeOfConcern),
        ("Recommendation", .recommendation), ("Recs", .recommendation), ("R", .recommendation), ("rec.", .recommendation),
        ("Area for improvement", .areaForImprovement), ("Areas for Improvement", .areaForImprovement), ("AFIs", .areaForImprovement),
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
        ("Open", LifecycleState.open), ("In Progress", .open), ("Being progressed", .open), ("AMBER", .open), ("red", .open),
        ("Not started", .open), ("Awaiting allocation", .open),
        ("Submitted for closure", .closureRequested), ("Awaiting FLL review", .closureRequested),
        ("Proposed for closure", .closureRequested),
        ("Closed by FLL", .awaitingCentralSignOff), ("Closed by FLL – awaiting central sign-off", .awaitingCentralSignOff),
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
        #expect(LifecycleState.allCases.filter(\.isLiveOnPortal) == [.open, .closureRequested, .awaitingCentralSignOff])
    }

    @Test(arguments: [
        ("National Child Protection Inspection: Northmoor Police 2018 re-visit", InspectionGroup.ncpi),
        ("NCPI post-inspection review", .ncpi),
        ("PEEL 2019: child protection follow-up", .ncpi),
        ("Crime Data Integrity inspection 2020", .cdi), ("Victim Service Assessment: Northmoor", .cdi), ("CDI re-inspection", .cdi),
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
