import Reconciliation
import Spreadsheet

/// One run's headline figures: a row of the Run history sheet, carried from workbook to workbook.
public struct RunRecord: Sendable, Equatable {
    public var asOf: CalendarDate
    /// Live register records by type.
    public var register: [RecordType: Int]
    /// Live portal records by type.
    public var portal: [RecordType: Int]
    /// Discrepancies by severity.
    public var bySeverity: [Severity: Int]
    /// Discrepancies by class.
    public var byClass: [DiscrepancyClass: Int]
    /// The update round's forms: sent (leads with live items), returned, and the closure candidates they gave;
    /// zero for a run without returned forms.
    public var formsSent = 0
    public var formsReturned = 0
    public var closureCandidates = 0

    /// A row from its figures; absent entries count as zero.
    public init(
        asOf: CalendarDate, register: [RecordType: Int] = [:], portal: [RecordType: Int] = [:],
        bySeverity: [Severity: Int] = [:], byClass: [DiscrepancyClass: Int] = [:]
    ) {
        self.asOf = asOf
        self.register = register
        self.portal = portal
        self.bySeverity = bySeverity
        self.byClass = byClass
    }

    /// The figures of a finished reconciliation.
    public init(_ result: Reconciliation) {
        var register: [RecordType: Int] = [:]
        var portal: [RecordType: Int] = [:]
        for type in RecordType.allCases {
            register[type] = result.summary.total(type).register
            portal[type] = result.summary.total(type).portal
        }
        let bySeverity = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0, result.summary.count(of: $0)) })
        self.init(
            asOf: result.asOf, register: register, portal: portal, bySeverity: bySeverity,
            byClass: result.summary.discrepancyCounts)
    }

    /// The Run history sheet's columns, in order; the sheet is read back by these titles.
    static let titles: [String] = ["As at", "Run"] + figureTitles

    /// The titles of the figures, in `figures` order.
    static let figureTitles: [String] =
        RecordType.allCases.map { "Register: \(shortTitle($0))" }
        + RecordType.allCases.map { "Portal: \(shortTitle($0))" }
        + Severity.allCases.map { "\($0.rawValue.capitalized) severity" }
        + DiscrepancyClass.allCases.map(\.rawValue) + ["Forms sent", "Forms returned", "Closure candidates"]

    /// "30 Nov 2026".
    static func label(_ d: CalendarDate) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(d.day) \(months[d.month - 1]) \(d.year)"
    }

    static func shortTitle(_ type: RecordType) -> String {
        switch type {
        case .causeOfConcern: return "causes of concern"
        case .recommendation: return "recs"
        case .areaForImprovement: return "AFIs"
        }
    }

    /// The figures in `titles` order after the date.
    var figures: [Int] {
        RecordType.allCases.map { register[$0] ?? 0 } + RecordType.allCases.map { portal[$0] ?? 0 }
            + Severity.allCases.map { bySeverity[$0] ?? 0 } + DiscrepancyClass.allCases.map { byClass[$0] ?? 0 }
            + [formsSent, formsReturned, closureCandidates]
    }

    /// Rebuilds a row from figures in `titles` order after the date (missing ones are zero).
    init(asOf: CalendarDate, figures: [Int?]) {
        func at(_ i: Int) -> Int { i < figures.count ? figures[i] ?? 0 : 0 }
        var register: [RecordType: Int] = [:]
        var portal: [RecordType: Int] = [:]
        var bySeverity: [Severity: Int] = [:]
        var byClass: [DiscrepancyClass: Int] = [:]
        var i = 0
        for t in RecordType.allCases {
            register[t] = at(i)
            i += 1
        }
        for t in RecordType.allCases {
            portal[t] = at(i)
            i += 1
        }
        for s in Severity.allCases {
            bySeverity[s] = at(i)
            i += 1
        }
        for k in DiscrepancyClass.allCases {
            byClass[k] = at(i)
            i += 1
        }
        self.init(asOf: asOf, register: register, portal: portal, bySeverity: bySeverity, byClass: byClass)
        (formsSent, formsReturned, closureCandidates) = (at(i), at(i + 1), at(i + 2))
    }
}

/// Where the Run history table sits, for the Summary's trend chart.
struct HistoryTable {
    var firstRow: Int
    var lastRow: Int
}

/// The Run history sheet: a row per run, oldest first. Named "Run history" because Excel reserves "History".
struct RunHistorySheet {
    let book: BoardWorkbook
    let runs: [RunRecord]

    /// Writes the sheet and says where its rows are.
    func write(into sheet: SheetWriter) throws -> HistoryTable {
        let columns = RunRecord.titles.enumerated().map { i, title in
            TableColumn(title, min: i < 2 ? 11 : 9, max: i < 2 ? 12 : 14)
        }
        let table = try TableWriter(
            sheet: sheet, columns: columns, title: "Run history: \(book.forceName)",
            subtitle:
                "A row per monthly run, carried forward from the previous workbook. Live items on each side by type; discrepancies by severity and class; the delivery leads' forms sent and returned, and the closure candidates."
        )
        for run in runs {
            try table.newRow()
            try table.date(0, run.asOf)
            // The chart's labels: text, because chart caches hold no date format and clients would show serials.
            try table.text(1, RunRecord.label(run.asOf))
            for (i, figure) in run.figures.enumerated() { try table.number(2 + i, figure) }
        }
        try table.finish(footer: book.footer(BoardWorkbook.SheetName.history))
        return HistoryTable(firstRow: TableWriter.headerRow + 1, lastRow: TableWriter.headerRow + runs.count)
    }
}
