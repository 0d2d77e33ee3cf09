import Foundation
import Reconciliation
import Spreadsheet
import Testing

@testable import Report

/// How the board's columns are gathered from the previous month's workbook and this month's (a rerun): an edit is
/// kept, two different edits are both kept with a warning, an item that recurs gets its notes back.
@Suite struct BoardColumnsTests {
    func row(
        _ id: String, notes: String = "", owner: String = "", decision: String = "", sheet: String = "Discrepancies",
        firstSeen: CalendarDate? = nil
    ) -> PreviousDiscrepancy {
        PreviousDiscrepancy(
            id: id, firstSeen: firstSeen, decision: decision, owner: owner, notes: notes, sheet: sheet)
    }

    func run(
        _ path: String, _ rows: [PreviousDiscrepancy], changes: [PreviousDiscrepancy] = [],
        history: [PreviousDiscrepancy] = []
    ) -> PreviousRun {
        var run = PreviousRun(path: path, asOf: october, discrepancies: rows, history: [])
        run.changesRows = changes
        run.boardHistory = history
        return run
    }

    @Test func thePreviousWorkbooksColumnsCarryAndTheChangesSheetFillsGaps() {
        let previous = run(
            "oct.xlsx", [row("AFP-00000001", notes: "On Discrepancies"), row("AFP-00000002")],
            changes: [row("AFP-00000002", notes: "On Changes", sheet: "Changes")])
        let board = BoardColumns(previous: previous, sameMonth: [], current: ["AFP-00000001", "AFP-00000002"])
        #expect(board.entries["AFP-00000001"]?.notes == "On Discrepancies")
        #expect(board.entries["AFP-00000002"]?.notes == "On Changes")
        #expect(board.warnings.isEmpty)
        #expect(!board.namesSources)
    }

    @Test func aTextAnotherContainsGivesWayAndTwoDifferentTextsAreBothKept() {
        let previous = run(
            "oct.xlsx", [row("AFP-00000001", notes: "Chase FLL"), row("AFP-00000002", notes: "First")],
            changes: [
                row("AFP-00000001", notes: "Chase FLL; chased 3/11", sheet: "Changes"),
                row("AFP-00000002", notes: "Second", sheet: "Changes"),
            ])
        let board = BoardColumns(previous: previous, sameMonth: [], current: ["AFP-00000001", "AFP-00000002"])
        #expect(board.entries["AFP-00000001"]?.notes == "Chase FLL; chased 3/11")
        #expect(board.entries["AFP-00000002"]?.notes == "First\nSecond")
        #expect(board.warnings.count == 1)
        #expect(
            board.warnings.first
                == "AFP-00000002: the board notes differ between oct.xlsx, sheet 'Discrepancies' and oct.xlsx, sheet 'Changes'; both are kept"
        )
    }

    @Test func whatTheBoardAddedThatIsNotCarriedIsNamed() {
        var previous = run("oct.xlsx", [row("AFP-00000001")])
        previous.uncarried = ["sheet 'Actions'"]
        let board = BoardColumns(previous: previous, sameMonth: [], current: ["AFP-00000001"])
        #expect(board.warnings == ["oct.xlsx: sheet 'Actions' is not carried to this workbook; it stays in that file"])
    }

    @Test func twoDifferentOwnersAreBothKeptAndTheWarningSaysOwners() {
        let previous = run(
            "oct.xlsx", [row("AFP-00000001", owner: "DI A")],
            changes: [row("AFP-00000001", owner: "DI B", sheet: "Changes")])
        let board = BoardColumns(previous: previous, sameMonth: [], current: ["AFP-00000001"])
        #expect(board.entries["AFP-00000001"]?.owner == "DI A / DI B")
        #expect(
            board.warnings
                == [
                    "AFP-00000001: the owners differ between oct.xlsx, sheet 'Discrepancies' and oct.xlsx, sheet "
                        + "'Changes'; both are kept"
                ])
    }

    @Test func onARerunAnEditInEitherFileWinsOverWhatWasCarried() {
        let previous = run("oct.xlsx", [row("AFP-00000001", notes: "Carried", owner: "DI A")])
        // The first November run carried "Carried"; the board then edited the copy's notes and the workbook's owner.
        let workbook = run("nov.xlsx", [row("AFP-00000001", notes: "Carried", owner: "DI B")])
        let copy = run("nov (board edits).xlsx", [row("AFP-00000001", notes: "Edited in the copy", owner: "DI A")])
        let board = BoardColumns(previous: previous, sameMonth: [copy, workbook], current: ["AFP-00000001"])
        #expect(board.entries["AFP-00000001"]?.notes == "Edited in the copy")
        #expect(board.entries["AFP-00000001"]?.owner == "DI B")
        #expect(board.warnings.isEmpty)
        #expect(board.namesSources)
        #expect(board.sources == ["nov (board edits).xlsx", "nov.xlsx", "oct.xlsx"])
    }

    @Test func aClearedCellIsHonouredUnlessAnotherFileTypedText() {
        let previous = run("oct.xlsx", [row("AFP-00000001", notes: "Old"), row("AFP-00000002", notes: "Old")])
        let workbook = run("nov.xlsx", [row("AFP-00000001"), row("AFP-00000002")])
        let copy = run("copy.xlsx", [row("AFP-00000001"), row("AFP-00000002", notes: "New")])
        let board = BoardColumns(
            previous: previous, sameMonth: [copy, workbook], current: ["AFP-00000001", "AFP-00000002"])
        #expect(board.entries["AFP-00000001"]?.notes == "")
        #expect(board.entries["AFP-00000002"]?.notes == "New")
    }

    @Test func twoDecisionsKeepTheNewestFilesAndNoteTheOther() {
        let workbook = run("nov.xlsx", [row("AFP-00000001", decision: "No action")])
        let copy = run("copy.xlsx", [row("AFP-00000001", decision: "Request closure")])
        let board = BoardColumns(previous: nil, sameMonth: [copy, workbook], current: ["AFP-00000001"])
        #expect(board.entries["AFP-00000001"]?.decision == "Request closure")
        #expect(board.entries["AFP-00000001"]?.notes == "Board decision also given: No action")
        #expect(board.warnings.first?.contains("'Request closure' in copy.xlsx") == true)
        // The next rerun reads the workbook this one wrote (now the newest) beside the same copy: the two decisions
        // still differ, and the line is not added again.
        let rewritten = run(
            "nov.xlsx",
            [row("AFP-00000001", notes: "Board decision also given: No action", decision: "Request closure")])
        let older = run("copy.xlsx", [row("AFP-00000001", decision: "No action")])
        let again = BoardColumns(previous: nil, sameMonth: [rewritten, older], current: ["AFP-00000001"])
        #expect(again.entries["AFP-00000001"]?.notes == "Board decision also given: No action")
        #expect(again.entries["AFP-00000001"]?.decision == "Request closure")
    }

    @Test func firstSeenIsTheEarliestDateFound() {
        let previous = run("oct.xlsx", [row("AFP-00000001", firstSeen: october)])
        let workbook = run("nov.xlsx", [row("AFP-00000001", firstSeen: asOf)])
        let board = BoardColumns(previous: previous, sameMonth: [workbook], current: ["AFP-00000001"])
        #expect(board.entries["AFP-00000001"]?.firstSeen == october)
    }

    @Test func resolvedItemsGoToTheHistoryAndComeBackWhenTheyRecur() {
        let previous = run(
            "oct.xlsx", [row("AFP-00000001", notes: "Resolving"), row("AFP-00000003")],
            history: [row("AFP-00000002", notes: "From long ago", sheet: "Board notes history")])
        let board = BoardColumns(previous: previous, sameMonth: [], current: ["AFP-00000002", "AFP-00000003"])
        #expect(board.history.map(\.id) == ["AFP-00000001"], "only items with something typed")
        #expect(board.entries["AFP-00000002"]?.notes == "From long ago")
    }
}
