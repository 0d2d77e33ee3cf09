import Reconciliation
import Spreadsheet

/// The Updates sheet: every update returned this round, with its lead, file and any problem; files that were not
/// read as forms; then each item's earlier position carried from the previous workbook. The rows marked Latest
/// are read back next month, for the forms and the workbook.
struct UpdatesSheet {
    let book: BoardWorkbook
    let round: UpdateRound

    enum Title {
        static let itemID = "Item ID"
        static let reference = "Ref"
        static let lead = "Lead"
        static let asOf = "Form as at"
        static let closure = "Closure"
        static let problems = "Problems"
        static let latest = "Latest"
        static let source = "Source"
        static let file = "File"
        static let row = "Row"
    }

    static let columns: [TableColumn] = [
        TableColumn(Title.itemID, min: 13, max: 13), TableColumn(Title.reference, min: 9, max: 12, wrap: true),
        TableColumn(Title.lead, min: 16, max: 22, wrap: true), TableColumn(Title.asOf, min: 10, max: 11),
        TableColumn(FormLayout.Lead.position, min: 10, max: 11, wrap: true),
        TableColumn(FormLayout.Lead.done, min: 20, max: 30, wrap: true),
        TableColumn(FormLayout.Lead.impact, min: 16, max: 24, wrap: true),
        TableColumn(FormLayout.Lead.evidence, min: 16, max: 24, wrap: true),
        TableColumn(FormLayout.Lead.ongoing, min: 16, max: 24, wrap: true),
        TableColumn(FormLayout.Lead.expectedCompletion, min: 11, max: 12, wrap: true),
        TableColumn(FormLayout.Lead.proposeClosure, min: 9, max: 9),
        TableColumn(Title.closure, min: 14, max: 22, wrap: true),
        TableColumn(Title.problems, min: 20, max: 32, wrap: true), TableColumn(Title.latest, min: 7, max: 7),
        TableColumn(Title.source, min: 9, max: 9), TableColumn(Title.file, min: 16, max: 30, wrap: true),
        TableColumn(Title.row, min: 5, max: 6),
    ]

    /// A problem in the medium severity's amber, wrapped like the other text.
    static let problemStyle: CellStyle = {
        let (fill, font) = Styles.severityColours(.medium)
        return CellStyle(fontColor: font, fillColor: fill, wrap: true, vertical: .top)
    }()

    func write(into sheet: SheetWriter) throws {
        let account =
            round.hasReturns
            ? round.headline + ". "
            : "No forms were returned for this run: each item's position is carried from the previous workbook. "
        let table = try TableWriter(
            sheet: sheet, columns: Self.columns,
            title: "Updates from delivery leads: \(book.forceName), as at \(book.result.asOf.ukDayFirst)",
            subtitle: account + "Latest marks each item's current position, which carries to next month's forms.")
        let problemFormat = try table.format(Self.problemStyle)
        for reviewed in round.updates { try writeRow(reviewed, table: table, problemFormat: problemFormat) }
        for problem in round.formProblems {
            try table.newRow()
            try table.text(12, problem.message, format: problemFormat)
            try table.text(15, problem.file)
        }
        try table.finish(footer: { book.footer($0) }, paper: .a3)
    }

    private func writeRow(_ reviewed: ReviewedUpdate, table: TableWriter, problemFormat: SheetWriter.CellFormat)
        throws
    {
        let update = reviewed.update
        try table.newRow()
        try table.text(0, update.itemID)
        let records = book.result.register.records
        try table.text(1, reviewed.record.map { records[$0].reference } ?? update.reference)
        try table.text(2, update.lead)
        try table.date(3, update.round)
        try table.text(4, update.positionText)
        try table.text(5, update.done)
        try table.text(6, update.impact)
        try table.text(7, update.evidence)
        try table.text(8, update.ongoing)
        if let date = update.expectedCompletion {
            try table.date(9, date)
        } else {
            try table.text(9, update.expectedCompletionText)
        }
        try table.text(10, update.proposeClosureText)
        try table.text(11, Self.closureText(reviewed.closure))
        let problems = reviewed.problems.map(\.message).joined(separator: "; ")
        try table.text(12, problems, format: problems.isEmpty ? nil : problemFormat)
        try table.text(13, reviewed.isLatest ? "Yes" : "")
        try table.text(14, reviewed.isCarried ? "carried" : "returned")
        try table.text(15, update.file)
        if update.row > 0 { try table.number(16, update.row) }
    }

    /// How the board should read the update's closure proposal.
    static func closureText(_ verdict: ClosureVerdict) -> String {
        switch verdict {
        case .notProposed: return ""
        case .candidate: return "candidate: see Closure candidates"
        case .notCandidate(let why): return "not a candidate: \(why)"
        }
    }
}

/// The Closure candidates sheet: items proposed for closure with evidence, open on the portal and not yet put to
/// the FLL, for the board to decide which to send (the seed, Appendix A), with a Board decision drop-down.
struct ClosureCandidatesSheet {
    let book: BoardWorkbook
    let round: UpdateRound

    static let decisionTitle = "Board decision"
    static let notesTitle = "Board notes"

    static let columns: [TableColumn] = [
        TableColumn(UpdatesSheet.Title.itemID, min: 13, max: 13),
        TableColumn(FormLayout.Item.reference, min: 9, max: 12, wrap: true),
        TableColumn(FormLayout.Item.portalReference, min: 9, max: 13, wrap: true),
        TableColumn(FormLayout.Item.type, min: 15, max: 15, wrap: true),
        TableColumn(FormLayout.Item.inspection, min: 12, max: 20, wrap: true),
        TableColumn(FormLayout.Item.finding, min: 24, max: 36, wrap: true),
        TableColumn(UpdatesSheet.Title.lead, min: 12, max: 16, wrap: true),
        TableColumn(FormLayout.Lead.done, min: 20, max: 30, wrap: true),
        TableColumn(FormLayout.Lead.impact, min: 16, max: 24, wrap: true),
        TableColumn(FormLayout.Lead.evidence, min: 20, max: 30, wrap: true),
        TableColumn(FormLayout.Item.registerStatus, min: 15, max: 15, wrap: true),
        TableColumn(FormLayout.Item.portalStatus, min: 15, max: 15, wrap: true),
        TableColumn(UpdatesSheet.Title.problems, min: 14, max: 24, wrap: true),
        TableColumn(decisionTitle, min: 16, max: 18, wrap: true, board: true),
        TableColumn(notesTitle, min: 20, max: 30, wrap: true, board: true),
    ]

    func write(into sheet: SheetWriter) throws {
        let candidates = round.candidates
        let table = try TableWriter(
            sheet: sheet, columns: Self.columns,
            title: "Closure candidates: \(book.forceName), as at \(book.result.asOf.ukDayFirst)",
            subtitle: "\(candidates.count) items their leads propose for closure, with evidence, open on the portal "
                + "and not yet submitted: the list for the Force Liaison Lead. Choose a board decision for each.")
        let register = book.result.register.records
        let portalByRecord = Dictionary(
            book.result.alignment.matches.map { ($0.register, $0.portal) }, uniquingKeysWith: { a, _ in a })
        for candidate in candidates {
            guard let index = candidate.record else { continue }
            let record = register[index]
            let portal = portalByRecord[index].map { book.result.portal.records[$0] }
            let update = candidate.update
            try table.newRow()
            try table.text(0, update.itemID)
            try table.text(1, record.reference)
            try table.text(2, portal?.reference ?? record.portalReference)
            try table.text(3, record.type.map(BoardWorkbook.typeLabel) ?? record.typeText)
            try table.text(4, record.inspection)
            try table.text(5, record.description)
            try table.text(6, update.lead)
            try table.text(7, update.done)
            try table.text(8, update.impact)
            try table.text(9, update.evidence)
            try table.text(10, record.statusText)
            try table.text(11, portal?.statusText ?? "")
            try table.text(12, candidate.problems.map(\.message).joined(separator: "; "))
            let before = round.boardDecisions[update.itemID]
            try table.text(13, before?.decision ?? "")
            try table.text(14, before?.notes ?? "")
        }
        try table.finish(footer: { book.footer($0) }, paper: .a3)
        if !candidates.isEmpty {
            let first = TableWriter.headerRow + 1
            try sheet.dataValidationList(
                firstRow: first, lastRow: first + candidates.count - 1, column: 13,
                items: UpdateRound.boardDecisionChoices, inputTitle: Self.decisionTitle,
                inputMessage: "Choose what the board decided; it carries to the lead's next form.")
        }
    }
}
