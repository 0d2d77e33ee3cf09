import Spreadsheet
import Testing

@testable import Reconciliation

/// The update round's checks (rules §9): what each returned update says is wrong, and which become closure candidates.
@Suite struct UpdateRoundTests {
    let november = CalendarDate(year: 2026, month: 11, day: 30)

    /// Four items led by Supt Jones and one by Insp Khan, paired with portal records of various states.
    func sample() throws -> Reconciliation {
        try reconcile(
            register: [
                reg("R1", portal: "P1"), reg("R2", portal: "P2"),
                reg("R3", portal: "P3", status: "Submitted for closure"),
                reg("R4", portal: "P4"), reg("R5", portal: "P5", deliveryLead: "Insp Khan"),
                reg("R6", portal: "", deliveryLead: ""), reg("R7", portal: "P7", status: "Closed"),
            ],
            portal: [
                por("P1"), por("P2", status: "Closed by FLL"), por("P3"), por("P4", status: "Awaiting review"),
                por("P5"), por("P7", status: "Closed"),
            ], asOf: november)
    }

    func id(_ result: Reconciliation, _ ref: String) -> String {
        RoundItems.itemIDs(result.register.records)[result.register.records.firstIndex { $0.reference == ref }!]
    }

    func update(
        _ itemID: String, lead: String = "Supt Jones", file: String = "jones.xlsx", row: Int = 5,
        position: String = "Complete", evidence: String = "Policy v2; audit report", closure: String = "Yes",
        expected: CalendarDate? = CalendarDate(year: 2027, month: 3, day: 31), round: CalendarDate? = nil
    ) -> ItemUpdate {
        ItemUpdate(
            itemID: itemID, lead: lead, round: round ?? november, file: file, row: row, positionText: position,
            done: "Training delivered", evidence: evidence, expectedCompletion: expected, proposeClosureText: closure)
    }

    func round(_ result: Reconciliation, _ returns: [ItemUpdate], previousAsOf: CalendarDate? = nil) -> UpdateRound {
        UpdateRound(
            result: result, returns: returns, formProblems: [], hasReturns: true, previousAsOf: previousAsOf)
    }

    @Test func closureWithEvidenceOnAnOpenPortalItemIsACandidate() throws {
        let result = try sample()
        let round = round(result, [update(id(result, "R1"))])
        #expect(round.updates[0].problems.isEmpty)
        #expect(round.candidates.map(\.update.itemID) == [id(result, "R1")])
    }

    @Test func closureWithoutEvidenceIsAProblemNotACandidate() throws {
        let result = try sample()
        let round = round(result, [update(id(result, "R1"), evidence: "  ")])
        #expect(round.updates[0].problems == [.closureWithoutEvidence])
        #expect(round.updates[0].closure == .notCandidate("no evidence given"))
        #expect(round.candidates.isEmpty)
    }

    @Test func anItemAlreadyPutToTheFLLIsNoCandidate() throws {
        let result = try sample()
        let round = round(result, [update(id(result, "R2")), update(id(result, "R3"), row: 6)])
        #expect(round.candidates.isEmpty)
        #expect(round.updates[0].closure == .notCandidate("closed by the FLL, awaiting central sign-off"))
        #expect(round.updates[1].closure == .notCandidate("already submitted for closure on the register"))
    }

    /// HMICFRS gives a new recommendation "awaiting review" on its public register: it is open, so closure may be
    /// proposed for it.
    @Test func awaitingReviewOnThePortalIsOpen() throws {
        let result = try sample()
        #expect(result.portal.records[3].state == .open)
        #expect(round(result, [update(id(result, "R4"))]).candidates.count == 1)
    }

    @Test func unknownIDAndAnotherLeadsItemAreNamed() throws {
        let result = try sample()
        let round = round(result, [update("ITM-00000000"), update(id(result, "R5"), row: 6)])
        #expect(round.updates[0].problems == [.unknownItem])
        #expect(round.updates[0].record == nil && !round.updates[0].isLatest)
        #expect(round.updates[1].problems == [.notThisLeadsItem(owner: "Insp Khan")])
        #expect(round.updates[1].problems[0].message.contains("Insp Khan"))
    }

    @Test func aPastExpectedCompletionAndAnUnreadableOneAreProblems() throws {
        let result = try sample()
        let past = CalendarDate(year: 2026, month: 6, day: 30)
        var unreadable = update(id(result, "R4"), row: 6, closure: "No", expected: nil)
        unreadable.expectedCompletionText = "when resources allow"
        let late = update(id(result, "R1"), position: "At risk", closure: "No", expected: past)
        let round = round(result, [late, unreadable])
        #expect(round.updates[0].problems == [.completionPassed(past)])
        #expect(round.updates[1].problems == [.unreadableDate("when resources allow")])
    }

    @Test func aCompletedItemsPastDateIsWhenItWasDoneNotALateOne() throws {
        let result = try sample()
        let past = CalendarDate(year: 2026, month: 10, day: 31)
        let round = round(result, [update(id(result, "R1"), position: "Complete", expected: past)])
        #expect(round.updates[0].problems.isEmpty)
        #expect(round.candidates.count == 1)
    }

    @Test func anItemClosedSinceTheFormWentOutIsNamed() throws {
        let result = try sample()
        let round = round(result, [update(id(result, "R7"))])
        #expect(round.updates[0].problems == [.closedSinceSent(status: "register: Closed")])
        #expect(round.candidates.isEmpty)
    }

    @Test func twoReturnsForOneItemAreBothKeptAndFlagged() throws {
        let result = try sample()
        let first = update(id(result, "R1"), file: "a.xlsx", position: "At risk", closure: "No")
        let second = update(id(result, "R1"), file: "b.xlsx")
        let round = round(result, [first, second])
        #expect(round.updates.count == 2)
        #expect(round.updates[0].problems == [.duplicateReturn(others: ["b.xlsx row 5"])])
        #expect(round.updates[1].problems == [.duplicateReturn(others: ["a.xlsx row 5"])])
        #expect(round.updates.map(\.isLatest) == [false, true])
        #expect(round.latestByRecord[0]?.file == "b.xlsx")
    }

    @Test func aFormFromAnEarlierRoundIsShownNotUsed() throws {
        let result = try sample()
        let october = CalendarDate(year: 2026, month: 10, day: 31)
        let round = round(
            result, [update(id(result, "R1"), round: october), update(id(result, "R4"), row: 6)],
            previousAsOf: october)
        #expect(round.updates[0].problems.first == .earlierRound(october))
        #expect(!round.updates[0].isLatest)
        #expect(round.candidates.map(\.update.itemID) == [id(result, "R4")])
    }

    @Test func formsSentAreTheLeadsOfLiveItemsAndTheMissingOnesAreNamed() throws {
        let result = try sample()
        let round = round(result, [update(id(result, "R1"), lead: "supt  JONES")])
        // R6 has neither lead: its form is for its Force lead.
        #expect(round.formsSent == ["ACC Smith", "Insp Khan", "Supt Jones"])
        #expect(round.formsReturned == ["supt  JONES"])
        #expect(round.formsMissing == ["ACC Smith", "Insp Khan"])
    }

    @Test func carriedPositionsFillItemsWithoutANewReturn() throws {
        let result = try sample()
        let october = CalendarDate(year: 2026, month: 10, day: 31)
        let earlier = [
            update(id(result, "R1"), position: "At risk", round: october),
            update(id(result, "R4"), position: "Off track", round: october),
        ]
        let round = UpdateRound(
            result: result, returns: [update(id(result, "R1"))], formProblems: [], hasReturns: true,
            carried: earlier, previousAsOf: october)
        #expect(round.updates.filter(\.isCarried).map(\.update.positionText) == ["Off track"])
        #expect(round.latestByRecord[0]?.positionText == "Complete")
        #expect(round.latestByRecord[3]?.positionText == "Off track")
    }

    @Test func theLeadAndIDRules() throws {
        let result = try sample()
        let records = result.register.records
        #expect(RoundItems.lead(of: records[5]) == "ACC Smith")
        #expect(!RoundItems.isOnForms(records[6]))
        // The id follows the reference, not the row: the same reference elsewhere gives the same id.
        let moved = try reconcile(register: [reg("X9", portal: "P9"), reg("R1", portal: "P1")], portal: [])
        #expect(RoundItems.itemIDs(moved.register.records)[1] == id(result, "R1"))
        #expect(id(result, "R1") != id(result, "R2"))
        #expect(id(result, "R1").hasPrefix("ITM-") && id(result, "R1").count == 12)
        // References one character apart give ids a reader cannot confuse: few hex digits alike in place.
        let (a, b) = (Array(id(result, "R1").dropFirst(4)), Array(id(result, "R2").dropFirst(4)))
        #expect(zip(a, b).filter { $0 == $1 }.count <= 2, "\(id(result, "R1")) and \(id(result, "R2"))")
    }

    /// A register numbering its items afresh under each inspection ("AFI 1", "AFI 1") and rows without a
    /// reference still give every item an id of its own, the same however the rows are ordered.
    @Test func repeatedAndMissingReferencesGiveDistinctIDsThatSurviveSorting() throws {
        let rows = [
            reg("AFI 1", portal: "", inspection: "PEEL 2021/22"), reg("AFI 1", portal: "", inspection: "PEEL 2023/25"),
            reg("", portal: "", inspection: "Fraud: Time to choose"),
            reg("AFI 2", portal: "", inspection: "PEEL 2021/22"),
        ]
        let forward = try reconcile(register: rows, portal: [])
        let ids = RoundItems.itemIDs(forward.register.records)
        #expect(Set(ids).count == 4)
        let backward = RoundItems.itemIDs(try reconcile(register: rows.reversed(), portal: []).register.records)
        #expect(Array(backward.reversed()) == ids)
    }

    @Test(arguments: [("on track", CurrentPosition.onTrack), ("AT-RISK", .atRisk), ("Off  track", .offTrack)])
    func positionsAreReadAsWritten(_ written: String, _ expected: CurrentPosition) {
        #expect(CurrentPosition(written: written) == expected)
    }

    @Test func anUnknownPositionAndAnUnclearAnswerAreProblems() throws {
        let result = try sample()
        let round = round(result, [update(id(result, "R1"), position: "Nearly there", closure: "Maybe")])
        #expect(round.updates[0].problems == [.unknownPosition("Nearly there"), .unclearClosureAnswer("Maybe")])
        #expect(round.updates[0].closure == .notProposed)
    }
}
