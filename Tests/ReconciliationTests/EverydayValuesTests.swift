import Spreadsheet
import Testing

@testable import Reconciliation

/// Statuses, types and target dates written the way people keep a register: sentences read by their leading
/// words, types long-hand, months and financial quarters as target dates.
@Suite struct EverydayValuesTests {
    @Test(arguments: [
        ("Completed – evidence submitted to HMICFRS 12/03/2024", LifecycleState.closed),
        ("Complete - signed off at board 04/2024", .closed),
        ("Submitted for closure on 14/02/2025", .closureRequested),
        ("Submitted for closure – awaiting FLL", .closureRequested),
        ("Awaiting HMICFRS sign-off", .awaitingCentralSignOff),
        ("Awaiting HMIC sign off", .awaitingCentralSignOff),
        ("Closed by FLL 03/03/2025 – awaiting central sign-off", .awaitingCentralSignOff),
        ("Pending sign off", .awaitingCentralSignOff),
        ("On track", .open), ("On Track – new policy drafted", .open), ("Partially complete", .open),
        ("In progress: training 60% delivered", .open),
        ("Red – behind schedule", .open), ("AMBER", .open), ("White", .notApplicable),
    ])
    func statusSentencesAreReadByTheirLeadingWords(_ text: String, _ expected: LifecycleState) {
        #expect(Profile.standard.lifecycleState(text) == expected)
    }

    @Test(arguments: [
        "Green", "BLUE", "Green – on track", "Not complete", "Closed? to check", "Partly", "", "   ",
        "evidence submitted, completed",
    ])
    func statusesWithoutAKnownLeadingPhraseAreNotGuessed(_ text: String) {
        #expect(Profile.standard.lifecycleState(text) == nil)
    }

    @Test(arguments: [
        ("Area for Improvement (AFI)", RecordType.areaForImprovement), ("Areas for improvement", .areaForImprovement),
        ("Recommendation (National)", .recommendation), ("Recommendation – force", .recommendation),
        ("Cause of Concern (CoC)", .causeOfConcern), ("AFI (PEEL)", .areaForImprovement),
    ])
    func typesAreReadLongHandOrWithTheirAbbreviation(_ text: String, _ expected: RecordType) {
        #expect(Profile.standard.recordType(text) == expected)
    }

    @Test(arguments: [
        ("Current Status", Field.status), ("Finding Type", .type), ("RAG", .status), ("HMICFRS Ref", .reference),
        ("Originating Inspection", .inspection), ("Area for improvement", .description), ("Closure date", .closedDate),
    ])
    func thePortalAcceptsTheRegistersHeaderNames(_ header: String, _ field: Field) {
        #expect(HeaderDetector(source: .portal, profile: .standard).field(forHeader: header) == field)
    }

    @Test func theLongestLeadingPhraseWins() {
        // "Closed" alone is closed; "Closed by FLL" is awaiting sign-off, however the sentence goes on.
        #expect(Profile.standard.lifecycleState("Closed – evidence filed") == .closed)
        #expect(Profile.standard.lifecycleState("Closed by FLL on 01/02/2025") == .awaitingCentralSignOff)
    }

    @Test(arguments: [
        ("March 2024", CalendarDate(year: 2024, month: 3, day: 31)),
        ("Mar-24", CalendarDate(year: 2024, month: 3, day: 31)),
        ("Feb 2024", CalendarDate(year: 2024, month: 2, day: 29)),
        ("Feb-25", CalendarDate(year: 2025, month: 2, day: 28)),
        ("December 2024", CalendarDate(year: 2024, month: 12, day: 31)),
        ("31st December 2024", CalendarDate(year: 2024, month: 12, day: 31)),
        ("1st Jan 2025", CalendarDate(year: 2025, month: 1, day: 1)),
        ("22nd March 2024", CalendarDate(year: 2024, month: 3, day: 22)),
        ("3rd June, 2025", CalendarDate(year: 2025, month: 6, day: 3)),
        ("Q1 2024/25", CalendarDate(year: 2024, month: 6, day: 30)),
        ("Q2 2024/25", CalendarDate(year: 2024, month: 9, day: 30)),
        ("Q3 2024-25", CalendarDate(year: 2024, month: 12, day: 31)),
        ("Q4 2024/25", CalendarDate(year: 2025, month: 3, day: 31)),
        ("q4 24/25", CalendarDate(year: 2025, month: 3, day: 31)),
        ("2025/26 Q2", CalendarDate(year: 2025, month: 9, day: 30)),
        ("Quarter 3 2025/26", CalendarDate(year: 2025, month: 12, day: 31)),
        ("30/11/2026", CalendarDate(year: 2026, month: 11, day: 30)),
    ])
    func everydayTargetDatesAreRead(_ text: String, _ expected: CalendarDate) {
        #expect(DateText.parse(text) == expected)
    }

    @Test(arguments: ["Q5 2024/25", "Q1 2024/26", "Q1 2024", "Marchish 2024", "32nd March 2024", "Spring 2025"])
    func nearMissDatesAreNotDates(_ text: String) {
        #expect(DateText.parse(text) == nil)
    }

    @Test(arguments: ["TBC", "tbc", "N/A", "n/a", "-", "–", "", "  ", "TBA"])
    func placeholdersMeanNoDate(_ text: String) {
        #expect(DateText.meansNoDate(text))
    }

    @Test func aTargetDateInEverydayWordsIsReadAndAPlaceholderIsNoDateWithoutAWarning() throws {
        let source = try loaded(
            .register,
            [
                registerHeader, reg("R1", portal: "P1", target: "Mar-24"), reg("R2", portal: "P2", target: "TBC"),
                reg("R3", portal: "P3", target: "Q1 2024/25"),
            ])
        #expect(
            source.records.map(\.targetDate) == [
                CalendarDate(year: 2024, month: 3, day: 31), nil, CalendarDate(year: 2024, month: 6, day: 30),
            ])
        #expect(source.records.allSatisfy { $0.unreadable.isEmpty })
        #expect(source.warnings.isEmpty)
    }

    @Test func anUnreadableDateOrGroupIsAnUnrecognisedValueOnTheDiscrepancies() throws {
        let header = registerHeader + ["Inspection Group"]
        let register = try loaded(
            .register,
            [
                header, reg("R1", portal: "P1", target: "end of spring") + ["Local PEEL"],
                reg("R2", portal: "P2", target: "30/06/2026") + ["Force review"],
            ])
        #expect(
            register.records[0].unreadable == [UnreadableValue(field: .targetDate, text: "end of spring", column: "I")])
        #expect(register.records[1].unreadable == [UnreadableValue(field: .group, text: "Force review", column: "J")])
        let portal = try loaded(.portal, [portalHeader, por("P1"), por("P2")])
        let result = Reconciliation(
            register: register, portal: portal, asOf: CalendarDate(year: 2026, month: 1, day: 31), force: nil)
        let unrecognised = result.discrepancies.filter { $0.kind == .unrecognisedValue }
        #expect(unrecognised.map(\.registerRef) == ["R1", "R2"])
        #expect(unrecognised[0].detail.contains("Target date 'end of spring' (column I) on the register is not a date"))
        #expect(unrecognised[1].detail.contains("Inspection group 'Force review' (column J)"))
        // The warning stays on the Run sheet too.
        #expect(register.warnings.count == 2)
    }

    @Test func theUnreadableValueKeepsItsIDWhenRowsMove() throws {
        let portal = try loaded(.portal, [portalHeader, por("P1"), por("P2")])
        let asOf = CalendarDate(year: 2026, month: 1, day: 31)
        let first = Reconciliation(
            register: try loaded(
                .register,
                [registerHeader, reg("R1", portal: "P1", target: "soon"), reg("R2", portal: "P2")]),
            portal: portal, asOf: asOf, force: nil)
        let moved = Reconciliation(
            register: try loaded(
                .register,
                [registerHeader, reg("R2", portal: "P2"), reg("R1", portal: "P1", target: "soon")]),
            portal: portal, asOf: asOf, force: nil)
        let ids = { (r: Reconciliation) in r.discrepancies.filter { $0.kind == .unrecognisedValue }.map(\.id) }
        #expect(ids(first).count == 1 && ids(first) == ids(moved))
    }
}
