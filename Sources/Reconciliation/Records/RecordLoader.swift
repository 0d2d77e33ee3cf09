import Spreadsheet

/// Turns a sheet's rows into records as they stream in: rows above the header are held until the header is
/// found, every row after it becomes a record or a skipped row with a reason.
public struct RecordLoader {
    public let source: Source
    public let path: String
    public let sheet: String
    private let profile: Profile
    private let detector: HeaderDetector
    private var pending: [Row] = []
    private var header: HeaderMapping?
    private var records: [Record] = []
    private var skipped: [SkippedRow] = []
    private var warnings: [String] = []
    private var rowsRead = 0
    private var hasPortalReferenceColumn = false

    public init(source: Source, path: String, sheet: String, profile: Profile) {
        self.source = source
        self.path = path
        self.sheet = sheet
        self.profile = profile
        self.detector = HeaderDetector(source: source, profile: profile)
    }

    /// The most characters (UTF-16 code units, as Excel counts them) a cell may hold.
    public static let maxCellCharacters = 32_767

    /// Takes the next row of the sheet; refuses a cell longer than a spreadsheet cell can hold, which the board's
    /// workbook could not show.
    public mutating func add(_ row: Row) throws {
        for (column, cell) in row.cells.enumerated() {
            guard case .string(let s)? = cell, s.utf8.count > Self.maxCellCharacters else { continue }
            let length = s.utf16.count
            if length > Self.maxCellCharacters {
                throw ReconciliationError(.badData, file: path, sheet: sheet, row: row.number,
                    "cell \(cellReference(row: row.number, column: column)) holds \(length) characters, more than the "
                    + "\(Self.maxCellCharacters) characters a spreadsheet cell can hold; the file is damaged or hostile and will not be read")
            }
        }
        if header != nil {
            read(row)
            return
        }
        pending.append(row)
        let candidate = detector.mapping(of: row)
        if candidate.missingRequired.isEmpty {
            try adopt(candidate)
        } else if pending.count >= HeaderDetector.searchDepth {
            try adopt(nil)
        }
    }

    /// Ends the sheet and returns what was read; refuses a sheet without the required columns.
    public mutating func finish() throws -> LoadedSource {
        if header == nil { try adopt(nil) }
        guard let header else { throw ReconciliationError(.badData, file: path, sheet: sheet, "the sheet is empty") }
        return LoadedSource(source: source, path: path, sheet: sheet, headerRow: header.row, columns: header.columns,
                            headers: header.headers, records: records, skipped: skipped, rowsRead: rowsRead,
                            warnings: warnings)
    }

    /// Settles the header (the given complete one, or the best partial one, which is refused) and reads held rows.
    private mutating func adopt(_ found: HeaderMapping?) throws {
        let chosen = found ?? detector.detect(in: pending)
        guard let chosen else {
            throw ReconciliationError(.badData, file: path, sheet: sheet,
                                      "no header row found in the first \(HeaderDetector.searchDepth) rows; "
                                      + acceptedNames(for: Field.required))
        }
        let missing = chosen.missingRequired
        if !missing.isEmpty {
            let found = chosen.headers.filter { !$0.isEmpty }.map { "'\($0)'" }.joined(separator: ", ")
            let names = missing.map(\.label).joined(separator: ", ")
            throw ReconciliationError(.badData, file: path, sheet: sheet, row: chosen.row,
                                      "the \(source.noun) has no \(names) column. Headers found: \(found.isEmpty ? "none" : found). "
                                      + acceptedNames(for: missing) + " A profile file can add other names.")
        }
        header = chosen
        hasPortalReferenceColumn = chosen.columns[.portalReference] != nil
        let held = pending.drop { $0.number <= chosen.row }
        pending = []
        for row in held { read(row) }
    }

    private func acceptedNames(for fields: [Field]) -> String {
        fields.map { field in
            let names = profile.headers[source]?[field, default: []].map { "'\($0)'" }.joined(separator: ", ") ?? ""
            return "Accepted names for \(field.label): \(names)."
        }.joined(separator: " ")
    }

    /// Converts one data row to a record, or sets it aside with a reason.
    private mutating func read(_ row: Row) {
        guard let header, !row.isBlank else { return }
        rowsRead += 1
        func text(_ field: Field) -> String {
            guard let column = header.columns[field], let cell = row[column] else { return "" }
            return cell.text.trimmed
        }
        func date(_ field: Field) -> CalendarDate? {
            guard let column = header.columns[field], let cell = row[column] else { return nil }
            if case .string(let s) = cell, s.trimmed.isEmpty { return nil }
            if let d = DateText.date(from: cell) { return d }
            warnings.append("\(source.noun) row \(row.number), column \(columnLetters(column)): '\(cell.text)' is not a date; "
                            + "use 30/11/2026 or 2026-11-30")
            return nil
        }
        let reference = text(.reference)
        let typeText = text(.type), statusText = text(.status), description = text(.description)
        if reference.isEmpty && typeText.isEmpty && statusText.isEmpty && description.isEmpty {
            skipped.append(SkippedRow(source: source, row: row.number,
                                      reason: "no reference, type, status or description: not a record",
                                      cells: row.cells.map { $0?.text ?? "" }))
            return
        }
        let inspection = text(.inspection)
        let groupText = text(.group)
        var group = profile.group(forTitle: inspection)
        if !groupText.isEmpty {
            if let explicit = InspectionGroup.parse(groupText) {
                group = explicit
            } else {
                warnings.append("\(source.noun) row \(row.number): inspection group '\(groupText)' is not one of the six groups; "
                                + "derived '\(group.rawValue)' from the inspection title instead")
            }
        }
        let portalReference = text(.portalReference)
        let key: String
        switch source {
        case .register: key = Words.referenceKey(hasPortalReferenceColumn ? portalReference : reference)
        case .portal: key = Words.referenceKey(reference)
        }
        records.append(Record(
            source: source, row: row.number, reference: reference, portalReference: portalReference,
            typeText: typeText, type: profile.recordType(typeText), statusText: statusText,
            state: profile.lifecycleState(statusText), inspection: inspection, group: group, description: description,
            forceLead: text(.forceLead), deliveryLead: text(.deliveryLead), governanceBoard: text(.governanceBoard),
            targetDate: date(.targetDate), closedDate: date(.closedDate), force: text(.force), peelArea: text(.peelArea),
            matchKey: key))
    }
}

extension LoadedSource {
    /// Keeps the portal rows of one force (SPEC §3 step 3). With no name, refuses an export that holds several forces.
    public func filtered(toForce name: String?) throws -> LoadedSource {
        guard columns[.force] != nil else { return self }
        var counts: [String: Int] = [:]
        var spelling: [String: String] = [:]
        for record in records where !record.force.isEmpty {
            let key = Self.forceKey(record.force)
            counts[key, default: 0] += 1
            if spelling[key] == nil { spelling[key] = record.force }
        }
        let listing = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\(spelling[$0.key]!) (\($0.value) row\($0.value == 1 ? "" : "s"))" }.joined(separator: ", ")
        guard let name else {
            if counts.count > 1 {
                throw ReconciliationError(.usage, file: path, sheet: sheet,
                                          "the portal export holds \(counts.count) forces; choose one with --force NAME. Forces found: \(listing)")
            }
            return self
        }
        let wanted = Self.forceKey(name)
        var copy = self
        copy.records = records.filter { Self.forceKey($0.force) == wanted }
        if copy.records.isEmpty && !records.isEmpty {
            throw ReconciliationError(.usage, file: path, sheet: sheet,
                                      "no portal rows for force '\(name)'. Forces found: \(listing)")
        }
        return copy
    }

    /// Force names compare without case, punctuation or a trailing "Police"/"Constabulary".
    static func forceKey(_ name: String) -> String {
        var words = Words.split(name)
        while let last = words.last, ["police", "constabulary", "service"].contains(last) { words.removeLast() }
        return words.joined(separator: " ")
    }
}
