import Reconciliation
import Spreadsheet

/// The board's workbook (SPEC §7): Summary, Discrepancies, Matched, Register, Portal and Run sheets.
public struct BoardWorkbook {
    public let result: Reconciliation
    public let register: InputFacts
    public let portal: InputFacts
    /// The command line as given, for the Run sheet.
    public let arguments: [String]

    /// Sheets longer than this are written in libxlsxwriter's constant-memory mode.
    public static let constantMemoryThreshold = 100_000

    /// The board's choices for each discrepancy (SPEC §7).
    public static let boardDecisions = ["Request portal correction", "Request closure", "Update register",
                                        "Chase central sign-off", "No action"]

    public init(result: Reconciliation, register: InputFacts, portal: InputFacts, arguments: [String]) {
        self.result = result
        self.register = register
        self.portal = portal
        self.arguments = arguments
    }

    /// The force's name for titles: the one asked for, else the one the portal export names.
    public var forceName: String {
        if let force = result.force { return force }
        let names = Set(result.portal.records.map(\.force).filter { !$0.isEmpty })
        return names.count == 1 ? names.first! : "Force"
    }

    /// Writes the workbook to `path`; the file appears only when complete.
    public func write(to path: String) throws {
        let rows = max(result.register.records.count, result.portal.records.count, result.discrepancies.count)
        let workbook = try WorkbookWriter(
            path: path,
            properties: DocumentProperties(
                title: "HMICFRS findings reconciliation, \(forceName), as at \(Self.ukDate(result.asOf))",
                subject: "Force register and HMIC monitoring portal reconciled",
                author: ToolInfo.name, comments: "Written by \(ToolInfo.name) \(ToolInfo.version)",
                created: result.asOf),
            constantMemory: rows > Self.constantMemoryThreshold)
        try SummarySheet(book: self).write(into: workbook.addSheet(named: "Summary"))
        try DiscrepanciesSheet(book: self).write(into: workbook.addSheet(named: "Discrepancies"))
        try RecordSheets(book: self).writeMatched(into: workbook.addSheet(named: "Matched"))
        try RecordSheets(book: self).writeRecords(.register, into: workbook.addSheet(named: "Register"))
        try RecordSheets(book: self).writeRecords(.portal, into: workbook.addSheet(named: "Portal"))
        try RunSheet(book: self).write(into: workbook.addSheet(named: "Run"))
        try workbook.close()
    }

    /// 30/11/2026.
    static func ukDate(_ d: CalendarDate) -> String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
        return "\(two(d.day))/\(two(d.month))/\(d.year)"
    }

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
    static let title = CellStyle(bold: true, fontSize: 14)
    static let subtitle = CellStyle(italic: true, fontColor: 0x595959)
    static let heading = CellStyle(bold: true, fontSize: 12)
    static let header = CellStyle(bold: true, fontColor: 0xFFFFFF, fillColor: 0x1F3864, wrap: true, vertical: .top, border: .thin)
    static let tableHeader = CellStyle(bold: true, fillColor: 0xD9E1F2, wrap: true, horizontal: .center, vertical: .center, border: .thin)
    static let rowLabel = CellStyle(border: .thin)
    static let totalLabel = CellStyle(bold: true, fillColor: 0xF2F2F2, border: .thin)
    static let text = CellStyle(vertical: .top)
    static let wrapped = CellStyle(wrap: true, vertical: .top)
    static let date = CellStyle(vertical: .top, numberFormat: "dd/mm/yyyy")
    static let note = CellStyle(italic: true, wrap: true, vertical: .top)

    static let count = CellStyle(horizontal: .right, border: .thin)
    static let total = CellStyle(bold: true, fillColor: 0xF2F2F2, horizontal: .right, border: .thin)
    static let number = CellStyle(horizontal: .right, border: .thin, numberFormat: "0")
    static let totalNumber = CellStyle(bold: true, fillColor: 0xF2F2F2, horizontal: .right, border: .thin, numberFormat: "0")

    /// Severity colours: red, amber, blue, green.
    static func severity(_ s: Severity) -> CellStyle {
        let fill: UInt32, font: UInt32
        switch s {
        case .high: (fill, font) = (0xFFC7CE, 0x9C0006)
        case .medium: (fill, font) = (0xFFEB9C, 0x9C5700)
        case .low: (fill, font) = (0xDDEBF7, 0x1F3864)
        case .info: (fill, font) = (0xE2EFDA, 0x375623)
        }
        return CellStyle(bold: true, fontColor: font, fillColor: fill, vertical: .top)
    }
}
