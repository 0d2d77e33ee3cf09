import Foundation
import Reconciliation
import Spreadsheet

/// A discrepancy as the previous workbook shows it, with what the board wrote against it.
public struct PreviousDiscrepancy: Sendable, Equatable {
    public var id: String
    public var severity: String
    public var kind: String
    public var registerRef: String
    public var portalRef: String
    public var description: String
    public var firstSeen: CalendarDate?
    public var decision: String
    public var owner: String
    public var notes: String
    /// The sheet the row was read from: Discrepancies, Changes or Board notes history.
    public var sheet: String

    /// A discrepancy row; every field but the id may be empty.
    public init(
        id: String, severity: String = "", kind: String = "", registerRef: String = "", portalRef: String = "",
        description: String = "", firstSeen: CalendarDate? = nil, decision: String = "", owner: String = "",
        notes: String = "", sheet: String = BoardWorkbook.SheetName.discrepancies
    ) {
        self.sheet = sheet
        self.id = id
        self.severity = severity
        self.kind = kind
        self.registerRef = registerRef
        self.portalRef = portalRef
        self.description = description
        self.firstSeen = firstSeen
        self.decision = decision
        self.owner = owner
        self.notes = notes
    }
}

/// What this run takes from the workbook of an earlier run: the board's columns by discrepancy id, and the history.
public struct PreviousRun: Sendable {
    public var path: String
    /// The earlier run's as-of date, from its Run sheet.
    public var asOf: CalendarDate?
    /// Its Discrepancies rows, in the order the file holds them (the board may have re-sorted them).
    public var discrepancies: [PreviousDiscrepancy]
    /// Its Run history rows, oldest first.
    public var history: [RunRecord]
    /// The force its Run sheet names; nil for a workbook without a Force row.
    public var force: String?
    /// The Changes sheet's rows, with the board's columns as they stand there (the board may type on either sheet).
    public var changesRows: [PreviousDiscrepancy] = []
    /// The Board notes history sheet: what the board wrote against discrepancies resolved in earlier months.
    public var boardHistory: [PreviousDiscrepancy] = []
    /// Rows the board added to its tables, and the Board's own rows sheet.
    public var boardOwnRows: [BoardOwnRow] = []
    /// Board columns the workbook's tables lack, each naming the file and sheet.
    public var warnings: [String] = []
    /// What the board added that no run carries: sheets of its own ("sheet 'Actions'") and columns it typed into on
    /// discrepancies' rows ("column 'Due date' on sheet 'Discrepancies'").
    public var uncarried: [String] = []

    /// A previous run from its parts (for tests and callers that build one without a file).
    public init(
        path: String, asOf: CalendarDate?, discrepancies: [PreviousDiscrepancy], history: [RunRecord],
        force: String? = nil
    ) {
        self.force = force
        self.path = path
        self.asOf = asOf
        self.discrepancies = discrepancies
        self.history = history
    }

    /// The rows by id; when the board duplicated a row, the first one wins.
    public var byID: [String: PreviousDiscrepancy] {
        var map: [String: PreviousDiscrepancy] = [:]
        for d in discrepancies where map[d.id] == nil { map[d.id] = d }
        return map
    }

    /// Reads the workbook an earlier run wrote. Refuses, with a `.badData` error naming the file, anything that is
    /// not an XLSX workbook written by this tool (it must have a Run sheet whose "Tool" row names hmic-reconcile).
    public static func read(path: String) throws -> PreviousRun {
        try read(path: path, onlyAsOf: nil)!
    }

    /// Reads the workbook at `path` as `read(path:)` does, but only when its Run sheet's as-of date is `onlyAsOf`
    /// (when given): nil for a workbook of another date, whose other sheets are not read, and for a file that is not
    /// one of this tool's workbooks. What fails after that is thrown: it is a workbook of that date, so perhaps the
    /// board's copy, and the caller must say it was passed over.
    static func read(path: String, onlyAsOf: CalendarDate?) throws -> PreviousRun? {
        let document = try SpreadsheetFile.open(path: path)
        guard document.format == .xlsx else {
            if onlyAsOf != nil { return nil }
            throw HMICError(
                .badData, file: path,
                "the previous run must be a workbook written by \(ToolInfo.name) (.xlsx); this is a \(document.format.rawValue) file"
            )
        }
        return try read(document, onlyAsOf: onlyAsOf)
    }

    /// Reads an opened workbook; columns are found by their header text, so a board that re-sorted rows, moved
    /// or added columns, or edited the board's columns still carries over.
    public static func read(_ document: any SpreadsheetDocument) throws -> PreviousRun {
        try read(document, onlyAsOf: nil)!
    }

    /// Reads an opened workbook as `read(_:)` does; nil when `onlyAsOf` is given and the Run sheet names another date
    /// or the file is not one of this tool's workbooks.
    static func read(_ document: any SpreadsheetDocument, onlyAsOf: CalendarDate?) throws -> PreviousRun? {
        let path = document.path
        func notOurs(_ why: String) -> HMICError {
            HMICError(
                .badData, file: path,
                "this is not a workbook written by \(ToolInfo.name) (\(why)); "
                    + "give --previous the workbook of an earlier run")
        }
        guard let runIndex = document.sheets.firstIndex(where: { $0.name == BoardWorkbook.SheetName.run }) else {
            if onlyAsOf != nil { return nil }
            throw notOurs("it has no '\(BoardWorkbook.SheetName.run)' sheet")
        }
        var tool: String?
        var asOf: CalendarDate?
        var force: String?
        try document.forEachRow(inSheet: runIndex) { row in
            guard let label = row.cells.first??.text else { return }
            let value = row.cells.count > 1 ? row.cells[1] : nil
            if label == "Tool" { tool = value?.text }
            if label == "As at", let value { asOf = date(value) }
            if label == "Force", force == nil { force = value?.text }
        }
        guard let tool, tool.hasPrefix(ToolInfo.name) else {
            if onlyAsOf != nil { return nil }
            throw notOurs("its Run sheet has no Tool row naming \(ToolInfo.name)")
        }
        if let onlyAsOf, asOf != onlyAsOf { return nil }
        guard document.sheets.contains(where: { $0.name == BoardWorkbook.SheetName.discrepancies }) else {
            throw HMICError(
                .badData, file: path, sheet: BoardWorkbook.SheetName.discrepancies,
                "the workbook has no Discrepancies sheet; was it renamed?")
        }
        guard let discrepancies = try readTable(document, BoardWorkbook.SheetName.discrepancies) else {
            throw HMICError(
                .badData, file: path, sheet: BoardWorkbook.SheetName.discrepancies,
                "no header row with an 'ID' column was found")
        }
        var history: [RunRecord] = []
        if let historyIndex = document.sheets.firstIndex(where: { $0.name == BoardWorkbook.SheetName.history }) {
            history = try readHistory(document, sheet: historyIndex)
        }
        var run = PreviousRun(
            path: path, asOf: asOf, discrepancies: discrepancies.rows, history: history, force: force)
        let changes = try readTable(document, BoardWorkbook.SheetName.changes)
        let boardHistory = try readTable(document, BoardWorkbook.SheetName.boardHistory)
        let ownRows = try readTable(document, BoardWorkbook.SheetName.boardOwnRows)
        run.changesRows = changes?.rows ?? []
        run.boardHistory = boardHistory?.rows ?? []
        for table in [discrepancies, changes, boardHistory, ownRows].compactMap({ $0 }) {
            run.boardOwnRows += table.ownRows
        }
        run.warnings = discrepancies.warnings + (changes?.warnings ?? [])
        run.uncarried =
            document.sheets.map(\.name).filter { !isToolSheet($0) }.map { "sheet '\($0)'" }
            + [discrepancies, changes, boardHistory].compactMap { $0 }.flatMap(\.uncarriedColumns)
        return run
    }

    /// The table `name` and its continuation sheets ("Name (2)", "Name (3)", …, each with its own header row), read
    /// for the board's columns; nil when the workbook has no such sheet or it has no header row.
    private static func readTable(_ document: any SpreadsheetDocument, _ name: String) throws -> BoardTable? {
        guard let first = document.sheets.firstIndex(where: { $0.name == name }),
            var table = try BoardTable.read(document, sheet: first)
        else { return nil }
        for index in continuations(of: name, in: document.sheets.map(\.name)) {
            guard let part = try BoardTable.read(document, sheet: index) else { continue }
            table.rows += part.rows
            table.ownRows += part.ownRows
            table.uncarriedColumns += part.uncarriedColumns
        }
        return table
    }

    /// True for a sheet this tool writes in its workbooks, continuation sheets ("Register (2)") included.
    static func isToolSheet(_ name: String) -> Bool {
        typealias S = BoardWorkbook.SheetName
        let names = [
            S.summary, S.discrepancies, S.changes, S.peel, S.matched, S.register, S.portal, S.history, S.updates,
            S.closureCandidates, S.boardHistory, S.boardOwnRows, S.run,
        ]
        return names.contains { known in
            name == known
                || (name.hasPrefix(known + " (") && name.hasSuffix(")")
                    && Int(name.dropFirst(known.count + 2).dropLast()) != nil)
        }
    }

    /// The indices of the continuation sheets of the table `name` ("Name (2)", "Name (3)", …), in part order.
    static func continuations(of name: String, in sheetNames: [String]) -> [Int] {
        var parts: [(part: Int, index: Int)] = []
        let prefix = name + " ("
        for (index, sheet) in sheetNames.enumerated() where sheet.hasPrefix(prefix) && sheet.hasSuffix(")") {
            let digits = sheet.dropFirst(prefix.count).dropLast()
            if let part = Int(digits), part >= 2, digits.allSatisfy(\.isASCII) { parts.append((part, index)) }
        }
        return parts.sorted { $0.part < $1.part }.map(\.index)
    }

    private static func readHistory(_ document: any SpreadsheetDocument, sheet: Int) throws -> [RunRecord] {
        var columns: [String: Int]?
        var runs: [RunRecord] = []
        try document.forEachRow(inSheet: sheet) { row in
            guard let columns else {
                columns = headerColumns(row, wanted: RunRecord.titles, required: "As at")
                return
            }
            guard let c = columns[key("As at")], c < row.cells.count, let cell = row.cells[c], let asOf = date(cell)
            else { return }
            let figures: [Int?] = RunRecord.figureTitles.map { title in
                guard let c = columns[key(title)], c < row.cells.count, let v = row.cells[c] else { return nil }
                if case .number(let n) = v, n.isFinite, n.magnitude < 1e15 { return Int(n) }
                return Int(v.text.trimmingCharacters(in: .whitespaces))
            }
            runs.append(RunRecord(asOf: asOf, figures: figures))
        }
        return runs.sorted { $0.asOf < $1.asOf }
    }

    /// The columns of `wanted` found in `row` when it holds `required`; nil when it is not the header row.
    private static func headerColumns(_ row: Row, wanted: [String], required: String) -> [String: Int]? {
        var found: [String: Int] = [:]
        let keys = Set(wanted.map(key))
        for (c, cell) in row.cells.enumerated() {
            guard let cell else { continue }
            let k = key(cell.text)
            if keys.contains(k), found[k] == nil { found[k] = c }
        }
        return found[key(required)] == nil ? nil : found
    }

    /// A header's comparison key: lower case, letters and digits only.
    static func key(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// A day from a cell: a date, a date-time, an ISO or UK day-first text, or a bare Excel serial.
    static func date(_ value: CellValue) -> CalendarDate? {
        switch value {
        case .date(let d), .dateTime(let d, _): return d
        case .number(let n) where n >= 61 && n < 2_958_466:
            return CalendarDate(daysSinceEpoch: Int(n) - 25_569)
        case .string(let s):
            let t = s.trimmingCharacters(in: .whitespaces)
            if let d = CalendarDate(iso: Substring(t)) { return d }
            let parts = t.split(separator: "/")
            if parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
                parts[2].count == 4,
                CalendarDate.isValid(year: y, month: m, day: d)
            {
                return CalendarDate(year: y, month: m, day: d)
            }
            return nil
        default: return nil
        }
    }

    /// The newest workbook named `reconciliation-YYYY-MM-DD.xlsx` in `directory` dated before `asOf`, for
    /// `--output-dir` runs without `--previous`; nil when there is none.
    public static func newestEarlierWorkbook(in directory: String, before asOf: CalendarDate) -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var best: (CalendarDate, String)?
        for name in names where name.hasPrefix("reconciliation-") && name.hasSuffix(".xlsx") {
            let day = name.dropFirst("reconciliation-".count).dropLast(".xlsx".count)
            guard let date = CalendarDate(iso: day), date < asOf else { continue }
            if best == nil || best!.0 < date { best = (date, name) }
        }
        return best.map { (directory as NSString).appendingPathComponent($0.1) }
    }
}

/// New, resolved and continuing discrepancies between the previous run and this one, matched by discrepancy id.
public struct Changes: Sendable {
    /// In this run and not the previous, in this run's order.
    public var new: [Discrepancy]
    /// In both, in this run's order, with what the previous workbook showed.
    public var continuing: [(current: Discrepancy, previous: PreviousDiscrepancy)]
    /// In the previous run and not this one, in the previous workbook's order.
    public var resolved: [PreviousDiscrepancy]
    /// The previous run's as-of date, when its Run sheet gave one.
    public var previousAsOf: CalendarDate?

    /// Compares this run's discrepancies with the previous workbook's.
    public init(current: [Discrepancy], previous: PreviousRun) {
        let before = previous.byID
        var seen = Set<String>()
        new = []
        continuing = []
        for d in current {
            seen.insert(d.id)
            if let p = before[d.id] { continuing.append((d, p)) } else { new.append(d) }
        }
        var resolvedIDs = Set<String>()
        resolved = previous.discrepancies.filter { !seen.contains($0.id) && resolvedIDs.insert($0.id).inserted }
        previousAsOf = previous.asOf
    }
}
