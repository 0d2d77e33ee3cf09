import Reconciliation
import Spreadsheet

/// One item as a lead's form shows it: what the register and the portal say, and its last update.
struct RequestItem: Sendable {
    var id: String
    var reference: String
    var portalReference: String
    var inspection: String
    var type: String
    var finding: String
    var targetDate: CalendarDate?
    var registerStatus: String
    var portalStatus: String
    /// The item's latest position from the previous round and the board's decision on it; empty the first time.
    var lastUpdate: String
}

/// A delivery lead's update form (rules §9): an Update sheet of their live items with the columns they fill in,
/// and an Instructions sheet that says how, and whose form it is.
struct RequestForm {
    let lead: String
    let force: String
    let asOf: CalendarDate
    let items: [RequestItem]

    /// Unlocked, so the lead can type into them once the sheet is protected.
    static let fillText = CellStyle(wrap: true, vertical: .top, locked: false)
    static let fillDate = CellStyle(horizontal: .left, vertical: .top, numberFormat: "dd/mm/yyyy", locked: false)
    static let fillChoice = CellStyle(vertical: .top, locked: false)

    /// Writes the form to `path`; the file appears only when complete. With `stagedAt`, the finished file is left
    /// there for the caller to move to `path` (`StagedOutputs`).
    func write(to path: String, stagedAt: String? = nil) throws {
        let workbook = try WorkbookWriter(
            path: path,
            properties: DocumentProperties(
                title: "HMICFRS findings: update request for \(lead), as at \(asOf.ukDayFirst)",
                subject: "Where each item stands, what has been done, its impact and evidence",
                author: ToolInfo.name, company: force, comments: "Written by \(ToolInfo.name) \(ToolInfo.version)",
                created: asOf),
            stagedAt: stagedAt)
        let update = try workbook.addSheet(named: FormLayout.updateSheet)
        let instructions = try workbook.addSheet(named: FormLayout.instructionsSheet)
        try writeItems(into: update)
        try FormInstructions(form: self).write(into: instructions)
        try workbook.close()
    }

    private func writeItems(into sheet: SheetWriter) throws {
        let table = try TableWriter(
            sheet: sheet, columns: FormLayout.columns, title: "Update request: \(lead)",
            subtitle: "\(force): HMICFRS findings as at \(asOf.ukDayFirst). Fill in the green columns for each "
                + "item and return this file; the Instructions sheet says how.")
        // Neither Excel nor LibreOffice grows a row to fit text when it opens a file: each row is given room for
        // the lead's answers, and for its finding, at most 409 points (less than an A4 page, so never split).
        table.minimumLines = 5
        for item in items {
            try table.newRow()
            try table.text(0, item.id)
            try table.text(1, item.reference)
            try table.text(2, item.portalReference)
            try table.text(3, item.inspection)
            try table.text(4, item.type)
            try table.text(5, item.finding)
            try table.date(6, item.targetDate)
            try table.text(7, item.registerStatus)
            try table.text(8, item.portalStatus)
            try table.text(9, item.lastUpdate)
            for column in 10...14 { try table.fillable(column, "", style: Self.fillText) }
            try table.fillable(15, "", style: Self.fillDate)
            try table.fillable(16, "", style: Self.fillChoice)
        }
        try table.finish(footer: footer)
        try addChecks(to: sheet, rows: items.count)
        try sheet.protect()
    }

    /// The printed footer: the lead and the date on the left, page numbers on the right; without the lead's name
    /// when it would pass Excel's 255 characters.
    var footer: String {
        let text = "&L\(lead.replacingAll("&", with: "&&")): update request, as at \(asOf.ukDayFirst)&RPage &P of &N"
        return text.utf8.count <= 255 ? text : "&LUpdate request, as at \(asOf.ukDayFirst)&RPage &P of &N"
    }

    /// The drop-downs and the date check on the lead's columns.
    private func addChecks(to sheet: SheetWriter, rows: Int) throws {
        guard rows > 0 else { return }
        let first = TableWriter.headerRow + 1
        let last = TableWriter.headerRow + rows
        try sheet.dataValidationList(
            firstRow: first, lastRow: last, column: FormLayout.column(FormLayout.Lead.position),
            items: CurrentPosition.allCases.map(\.rawValue), inputTitle: "Current position",
            inputMessage: "Where the item stands now: on track, at risk, off track or complete.")
        try sheet.dataValidationList(
            firstRow: first, lastRow: last, column: FormLayout.column(FormLayout.Lead.proposeClosure),
            items: FormLayout.closureAnswers, inputTitle: "Propose closure",
            inputMessage: "Yes when the work is done and embedded and the Evidence column names the documents.")
        try sheet.dataValidationDate(
            firstRow: first, lastRow: last, column: FormLayout.column(FormLayout.Lead.expectedCompletion),
            earliest: CalendarDate(year: 2000, month: 1, day: 1), latest: CalendarDate(year: 2099, month: 12, day: 31),
            inputTitle: "Expected completion", inputMessage: "A date, such as 31/03/2027.")
    }
}
