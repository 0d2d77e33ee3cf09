import Reconciliation
import Spreadsheet

/// What the update round takes from an earlier board workbook: each item's latest position (the Updates rows
/// marked Latest) and the board's decision on each closure candidate. Kept apart from `PreviousRun`, which carries
/// the discrepancies and the history: a workbook from before the update round simply has neither sheet.
public struct PreviousUpdates: Sendable {
    /// Items' latest positions, in the order the sheet lists them.
    public var latest: [ItemUpdate]
    /// The board's decisions, by item id.
    public var decisions: [String: UpdateRound.BoardDecision]
    /// The earlier workbook's as-of date, from its Run sheet.
    public var asOf: CalendarDate?

    public init(
        latest: [ItemUpdate] = [], decisions: [String: UpdateRound.BoardDecision] = [:], asOf: CalendarDate? = nil
    ) {
        self.latest = latest
        self.decisions = decisions
        self.asOf = asOf
    }

    /// Reads a workbook this tool wrote; refuses anything else as `PreviousRun.read` does.
    public static func read(path: String) throws -> PreviousUpdates {
        let document = try SpreadsheetFile.open(path: path)
        return try read(document, asOf: try PreviousRun.read(document).asOf)
    }

    /// Reads the Updates and Closure candidates sheets of the earlier run `previous`, already read and checked as
    /// one of this tool's workbooks: its other sheets are not read again.
    public static func read(_ previous: PreviousRun) throws -> PreviousUpdates {
        try read(try SpreadsheetFile.open(path: previous.path), asOf: previous.asOf)
    }

    /// The two sheets of `document`, a workbook as at `asOf`; a workbook without them carries nothing.
    static func read(_ document: any SpreadsheetDocument, asOf: CalendarDate?) throws -> PreviousUpdates {
        var carried = PreviousUpdates(asOf: asOf)
        if let sheet = TitledRows.sheet(named: BoardWorkbook.SheetName.updates, in: document) {
            try TitledRows.read(
                document, sheet: sheet, required: [UpdatesSheet.Title.itemID, UpdatesSheet.Title.latest], wanted: []
            ) { row in
                guard !row.text(UpdatesSheet.Title.itemID).isEmpty, row.text(UpdatesSheet.Title.latest) == "Yes"
                else { return }
                carried.latest.append(update(from: row))
            }
        }
        if let sheet = TitledRows.sheet(named: BoardWorkbook.SheetName.closureCandidates, in: document) {
            try TitledRows.read(
                document, sheet: sheet, required: [UpdatesSheet.Title.itemID, ClosureCandidatesSheet.decisionTitle],
                wanted: []
            ) { row in
                let id = row.text(UpdatesSheet.Title.itemID)
                let decision = UpdateRound.BoardDecision(
                    decision: row.text(ClosureCandidatesSheet.decisionTitle),
                    notes: row.text(ClosureCandidatesSheet.notesTitle))
                if !id.isEmpty, !(decision.decision.isEmpty && decision.notes.isEmpty) {
                    carried.decisions[id] = decision
                }
            }
        }
        return carried
    }

    /// An Updates row as the update it records.
    static func update(from row: TitledRow) -> ItemUpdate {
        let expected = FormLayout.Lead.expectedCompletion
        let rowNumber = row.cell(UpdatesSheet.Title.row).flatMap { Int($0.text) } ?? 0
        return ItemUpdate(
            itemID: row.text(UpdatesSheet.Title.itemID), reference: row.text(UpdatesSheet.Title.reference),
            lead: row.text(UpdatesSheet.Title.lead), round: row.date(UpdatesSheet.Title.asOf),
            file: row.text(UpdatesSheet.Title.file), row: rowNumber,
            positionText: row.text(FormLayout.Lead.position), done: row.text(FormLayout.Lead.done),
            impact: row.text(FormLayout.Lead.impact), evidence: row.text(FormLayout.Lead.evidence),
            ongoing: row.text(FormLayout.Lead.ongoing), expectedCompletion: row.date(expected),
            expectedCompletionText: row.date(expected) == nil ? row.text(expected) : "",
            proposeClosureText: row.text(FormLayout.Lead.proposeClosure))
    }

    /// The Last update a lead's next form shows for an item: its latest position and the board's decision.
    public func lastUpdate(of itemID: String) -> String {
        var parts: [String] = []
        if let update = latest.last(where: { $0.itemID == itemID }) { parts.append(update.summaryLine) }
        if let decision = decisions[itemID], !decision.decision.isEmpty || !decision.notes.isEmpty {
            let when = asOf.map { " (\($0.ukDayFirst))" } ?? ""
            let notes = decision.notes.isEmpty ? "" : ": \(decision.notes)"
            parts.append("Board\(when): \(decision.decision.isEmpty ? "no decision" : decision.decision)\(notes)")
        }
        return parts.joined(separator: ". ")
    }
}
