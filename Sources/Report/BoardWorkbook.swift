import Reconciliation
import Spreadsheet

/// The board's workbook (rules §7): Summary, Discrepancies, Closure candidates and Updates (with an update round,
/// rules §9), Changes, PEEL framework, Matched, Register, Portal, Run history and Run sheets.
public struct BoardWorkbook {
    public let result: Reconciliation
    public let register: InputFacts
    public let portal: InputFacts
    /// The command line as given, for the Run sheet.
    public let arguments: [String]
    /// The workbook of an earlier run, read with `PreviousRun.read(path:)`: carries the board's columns and the history.
    public let previous: PreviousRun?

    /// Sheets longer than this are written in libxlsxwriter's constant-memory mode by default.
    public static let constantMemoryThreshold = 100_000
    /// A table longer than this also puts libxlsxwriter in constant-memory mode for the sheets it writes itself;
    /// the tables' own rows are always streamed.
    public var constantMemoryAbove = BoardWorkbook.constantMemoryThreshold
    /// The last row a sheet may use: Excel's 1,048,576. A longer table continues on "Name (2)", "Name (3)", …
    /// with the same title block and header row. Lower only to test the continuation.
    public var rowLimit = SheetWriter.maxRows

    /// The board's choices for each discrepancy (rules §7).
    public static let boardDecisions = [
        "Request portal correction", "Request closure", "Update register",
        "Chase central sign-off", "No action",
    ]

    /// Sheet names. "History" is reserved by Excel (it refuses a sheet of that name), hence "Run history".
    public enum SheetName {
        public static let summary = "Summary"
        public static let discrepancies = "Discrepancies"
        public static let changes = "Changes"
        public static let peel = "PEEL framework"
        public static let matched = "Matched"
        public static let register = "Register"
        public static let portal = "Portal"
        public static let history = "Run history"
        public static let updates = "Updates"
        public static let closureCandidates = "Closure candidates"
        public static let boardHistory = "Board notes history"
        public static let boardOwnRows = "Board's own rows"
        public static let run = "Run"
    }

    /// A workbook for `result`; `previous` is the earlier run whose board columns and history carry forward.
    public init(
        result: Reconciliation, register: InputFacts, portal: InputFacts, arguments: [String],
        previous: PreviousRun? = nil, profile: InputFacts? = nil
    ) {
        self.profile = profile
        self.forceName = Self.forceName(of: result)
        self.result = result
        self.register = register
        self.portal = portal
        self.arguments = arguments
        self.previous = previous
        self.board = BoardColumns(
            previous: previous, sameMonth: [], current: Set(result.discrepancies.lazy.map(\.id)))
    }

    /// The board's columns to carry, by discrepancy id: from the previous workbook, and on a rerun for the same month
    /// from the workbook replaced and the board's copies of it (set by the monthly run).
    public var board: BoardColumns

    /// The delivery leads' update round: adds the Closure candidates and Updates sheets, each item's latest
    /// position on Discrepancies, and the forms not returned on the Summary; nil without one.
    public var updateRound: UpdateRound?
    /// The files read as returned update forms, with their SHA-256, for the Run sheet.
    public var updateForms: [InputFacts] = []

    /// The profile file the run used, if any, for the Run sheet.
    public let profile: InputFacts?

    /// The force's name for titles: the one asked for, else the one the portal export names.
    public let forceName: String

    /// The one force a portal export names, or "Force" when it names none or several.
    static func forceName(of result: Reconciliation) -> String {
        if let force = result.force { return force }
        var names: [String] = []
        let records = result.portal.records  // read field by field: binding a record copies its strings
        for index in records.indices where !records[index].force.isEmpty && !names.contains(records[index].force) {
            names.append(records[index].force)
            if names.count > 1 { break }
        }
        return names.count == 1 ? names[0] : "Force"
    }

    /// True when the register has a PEEL question column, so the PEEL framework sheet has something to show.
    public var hasPEELColumn: Bool { result.register.columns[.peelArea] != nil }

    /// This run as a row of the Run history sheet.
    public var thisRun: RunRecord {
        var run = RunRecord(result)
        if let updateRound, updateRound.hasReturns {
            run.formsSent = updateRound.formsSent.count
            run.formsReturned = updateRound.formsReturned.count
            run.closureCandidates = updateRound.candidates.count
        }
        return run
    }

    /// Every run to date, oldest first: the previous workbook's history with this run added (a run of the same
    /// as-of date is replaced).
    public var history: [RunRecord] {
        var runs = (previous?.history ?? []).filter { $0.asOf != result.asOf }
        runs.append(thisRun)
        runs.sort { $0.asOf < $1.asOf }
        return runs
    }

    /// New, resolved and continuing discrepancies against the previous run; nil without one.
    public var changes: Changes? { previous.map { Changes(current: result.discrepancies, previous: $0) } }

    /// Writes the workbook to `path`; the file appears only when complete. With `stagedAt`, the finished file is
    /// left there for the caller to move to `path` (`StagedOutputs`).
    public func write(to path: String, stagedAt: String? = nil) throws {
        // Register and Portal list every record read and every row skipped.
        let registerRows = result.register.records.count + result.register.skipped.count
        let portalRows = result.portal.records.count + result.portal.skipped.count
        let rows = max(registerRows, portalRows, result.discrepancies.count, result.alignment.matches.count)
        let workbook = try WorkbookWriter(
            path: path,
            properties: DocumentProperties(
                title: "HMICFRS findings reconciliation, \(forceName), as at \(Self.ukDate(result.asOf))",
                subject: "Force register of HMICFRS causes of concern, recommendations and areas for improvement "
                    + "reconciled with the HMIC monitoring portal",
                author: ToolInfo.name, company: result.force ?? "",
                comments: "Written by \(ToolInfo.name) \(ToolInfo.version)",
                created: result.asOf),
            constantMemory: rows > constantMemoryAbove, stagedAt: stagedAt)
        let changes = self.changes
        // Every sheet is added first, in reading order, so that the Summary's chart can refer to Run history.
        // A table longer than a sheet holds gets continuation sheets, added right after its first. Tables are
        // streamed (their cells bypass libxlsxwriter, which writes the rest); Summary and Run history, small and
        // the chart's source, are not.
        func tableSheets(_ name: String, bodyRows: Int) throws -> [SheetWriter] {
            try (0..<TableWriter.sheetsNeeded(bodyRows: bodyRows, rowLimit: rowLimit)).map {
                try workbook.addSheet(named: TableWriter.sheetName(name, $0), streamed: true)
            }
        }
        let runRows = RunSheet(book: self).rows
        let summary = try workbook.addSheet(named: SheetName.summary)
        let discrepancies = try tableSheets(SheetName.discrepancies, bodyRows: result.discrepancies.count)
        let roundSheets = try updateRound.map {
            (
                candidates: $0.hasReturns ? try workbook.addSheet(named: SheetName.closureCandidates) : nil,
                updates: try workbook.addSheet(named: SheetName.updates)
            )
        }
        let changesSheets = try changes.map {
            try tableSheets(SheetName.changes, bodyRows: $0.new.count + $0.resolved.count + $0.continuing.count)
        }
        let boardHistory = board.history.isEmpty ? nil : try workbook.addSheet(named: SheetName.boardHistory)
        let ownRows = board.ownRows.isEmpty ? nil : try workbook.addSheet(named: SheetName.boardOwnRows)
        let peel = try hasPEELColumn ? workbook.addSheet(named: SheetName.peel, streamed: true) : nil
        let matched = try tableSheets(SheetName.matched, bodyRows: result.alignment.matches.count)
        let registerSheets = try tableSheets(SheetName.register, bodyRows: registerRows)
        let portalSheets = try tableSheets(SheetName.portal, bodyRows: portalRows)
        let history = try workbook.addSheet(named: SheetName.history)
        let run = try tableSheets(SheetName.run, bodyRows: runRows.count)

        let runs = self.history
        let historyTable = try RunHistorySheet(book: self, runs: runs).write(into: history)
        try SummarySheet(book: self, changes: changes, runs: runs, historyTable: historyTable).write(into: summary)
        try DiscrepanciesSheet(book: self).write(into: discrepancies)
        if let updateRound, let roundSheets {
            if let sheet = roundSheets.candidates {
                try ClosureCandidatesSheet(book: self, round: updateRound).write(into: sheet)
            }
            try UpdatesSheet(book: self, round: updateRound).write(into: roundSheets.updates)
        }
        if let changes, let changesSheets { try ChangesSheet(book: self, changes: changes).write(into: changesSheets) }
        if let boardHistory { try BoardHistorySheet(book: self).write(into: boardHistory) }
        if let ownRows { try BoardOwnRowsSheet(book: self).write(into: ownRows) }
        if let peel { try PEELFrameworkSheet(book: self).write(into: peel) }
        try RecordSheets(book: self).writeMatched(into: matched)
        try RecordSheets(book: self).writeRecords(.register, into: registerSheets)
        try RecordSheets(book: self).writeRecords(.portal, into: portalSheets)
        try RunSheet(book: self).write(runRows, into: run)
        try workbook.close()
    }

    /// The printed footer: force, sheet and as-of date on the left, page numbers on the right.
    func footer(_ sheet: String) -> String {
        let left = "\(forceName): \(sheet), as at \(Self.ukDate(result.asOf))".replacingAll("&", with: "&&")
        let text = "&L\(left)&RPage &P of &N"
        return text.utf8.count <= 255 ? text : "&L\(sheet)&RPage &P of &N"
    }

    /// 30/11/2026.
    static func ukDate(_ d: CalendarDate) -> String { d.ukDayFirst }

    /// A type as a person writes it.
    static func typeLabel(_ type: RecordType) -> String {
        switch type {
        case .causeOfConcern: return "Cause of concern"
        case .recommendation: return "Recommendation"
        case .areaForImprovement: return "Area for improvement"
        }
    }
}

/// The styles the board's sheets share.
enum Styles {
    static let title = CellStyle(bold: true, fontSize: 14, fontColor: 0x1F3864)
    static let subtitle = CellStyle(italic: true, fontColor: 0x595959)
    static let heading = CellStyle(bold: true, fontSize: 12, fontColor: 0x1F3864)
    static let header = CellStyle(
        bold: true, fontColor: 0xFFFFFF, fillColor: 0x1F3864, wrap: true, vertical: .top, border: .thin)
    /// The columns the board fills in, set apart from the computed ones.
    static let boardHeader = CellStyle(
        bold: true, fontColor: 0xFFFFFF, fillColor: 0x375623, wrap: true, vertical: .top, border: .thin)
    static let tableHeader = CellStyle(
        bold: true, fillColor: 0xD9E1F2, wrap: true, horizontal: .center, vertical: .center, border: .thin)
    static let tableHeaderLeft = CellStyle(
        bold: true, fillColor: 0xD9E1F2, wrap: true, horizontal: .left, vertical: .center, border: .thin)
    static let rowLabel = CellStyle(vertical: .top, border: .thin)
    static let totalLabel = CellStyle(bold: true, fillColor: 0xF2F2F2, border: .thin)
    static let text = CellStyle(vertical: .top)
    static let wrapped = CellStyle(wrap: true, vertical: .top)
    static let date = CellStyle(horizontal: .left, vertical: .top, numberFormat: "dd/mm/yyyy")
    static let integer = CellStyle(vertical: .top, numberFormat: "0")
    /// Row numbers of a source file: centred, so they do not run into the text beside them.
    static let rowNumber = CellStyle(horizontal: .center, vertical: .top, numberFormat: "0")
    static let score = CellStyle(vertical: .top, numberFormat: "0.00")
    static let note = CellStyle(italic: true, fontColor: 0x404040)
    static let label = CellStyle(bold: true, vertical: .top)

    static let count = CellStyle(horizontal: .right, vertical: .top, border: .thin)
    static let total = CellStyle(bold: true, fillColor: 0xF2F2F2, horizontal: .right, border: .thin)
    static let number = CellStyle(horizontal: .right, vertical: .top, border: .thin, numberFormat: "0")
    static let totalNumber = CellStyle(
        bold: true, fillColor: 0xF2F2F2, horizontal: .right, border: .thin, numberFormat: "0")

    /// Severity colours: red, amber, blue, green.
    static func severity(_ s: Severity, border: Bool = false) -> CellStyle {
        let (fill, font) = severityColours(s)
        return CellStyle(bold: true, fontColor: font, fillColor: fill, vertical: .top, border: border ? .thin : .none)
    }

    /// Fill and font colours for a severity.
    static func severityColours(_ s: Severity) -> (fill: UInt32, font: UInt32) {
        switch s {
        case .high: return (0xFFC7CE, 0x9C0006)
        case .medium: return (0xFFEB9C, 0x9C5700)
        case .low: return (0xDDEBF7, 0x1F3864)
        case .info: return (0xE2EFDA, 0x375623)
        }
    }
}
