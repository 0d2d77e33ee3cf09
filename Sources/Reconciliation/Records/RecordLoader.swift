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
    /// Characters a workbook cannot hold, replaced by U+FFFD as the rows came in; the cells and the first places.
    private var replacedCharacters = 0
    private var replacedCells = 0
    private var replacedPlaces: [String] = []
    /// How many places the warning names before "and N more cells".
    static let placesNamed = 5
    private var hasPortalReferenceColumn = false
    /// The header's column for each field found.
    private var columnOf = ColumnMap([:])
    /// The vocabulary's answers for spellings already seen.
    private var vocabulary = VocabularyMemo()

    public init(source: Source, path: String, sheet: String, profile: Profile) {
        self.source = source
        self.path = path
        self.sheet = sheet
        self.profile = profile
        self.detector = HeaderDetector(source: source, profile: profile)
    }

    /// Makes room for `count` records.
    mutating func reserve(_ count: Int) {
        records.reserveCapacity(count)
    }

    /// The most characters (UTF-16 code units, as Excel counts them) a cell may hold.
    public static let maxCellCharacters = 32_767

    /// Takes the next row of the sheet; refuses a cell longer than a spreadsheet cell can hold, which the board's
    /// workbook could not show.
    public mutating func add(_ row: Row) throws {
        var row = row
        for (column, cell) in row.cells.enumerated() {
            guard case .string(let s)? = cell else { continue }
            let (clean, replaced) = XMLCharacters.cleaned(s)
            if replaced > 0 {
                row.cells[column] = .string(clean)
                noteReplaced(replaced, row: row.number, column: column)
            }
            guard s.utf8.count > Self.maxCellCharacters else { continue }
            let length = s.utf16.count
            if length > Self.maxCellCharacters {
                throw HMICError(
                    .badData, file: path, sheet: sheet, row: row.number,
                    "cell \(cellReference(row: row.number, column: column)) holds \(length) characters, more than the "
                        + "\(Self.maxCellCharacters) characters a spreadsheet cell can hold; the file is damaged or hostile and will not be read"
                )
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

    /// Counts characters a workbook cannot hold, replaced in a cell, and keeps the first few places for the warning.
    private mutating func noteReplaced(_ count: Int, row: Int, column: Int) {
        replacedCharacters += count
        replacedCells += 1
        if replacedPlaces.count < Self.placesNamed {
            replacedPlaces.append("row \(row), column \(columnLetters(column))")
        }
    }

    /// The one warning for the characters replaced: how many, and where the first ones were.
    private var replacedWarning: String? {
        guard replacedCharacters > 0 else { return nil }
        let more = replacedCells > replacedPlaces.count ? " and \(replacedCells - replacedPlaces.count) more cells" : ""
        return "sheet '\(sheet)': \(replacedCharacters) character\(replacedCharacters == 1 ? "" : "s") that a workbook "
            + "cannot hold (noncharacters such as U+FFFF, or control characters) replaced by U+FFFD, in "
            + replacedPlaces.joined(separator: "; ") + more
    }

    /// Ends the sheet and returns what was read; refuses a sheet without the required columns.
    public mutating func finish() throws -> LoadedSource {
        if let replacedWarning { warnings.insert(replacedWarning, at: 0) }
        if header == nil { try adopt(nil) }
        guard let header else { throw HMICError(.badData, file: path, sheet: sheet, "the sheet is empty") }
        return LoadedSource(
            source: source, path: path, sheet: sheet, headerRow: header.row, columns: header.columns,
            headers: header.headers, records: records, skipped: skipped, rowsRead: rowsRead,
            warnings: warnings)
    }

    /// Settles the header (the given complete one, or the best partial one, which is refused) and reads held rows.
    private mutating func adopt(_ found: HeaderMapping?) throws {
        let chosen = found ?? detector.detect(in: pending)
        guard let chosen else {
            throw HMICError(
                .badData, file: path, sheet: sheet,
                "no header row found in the first \(HeaderDetector.searchDepth) rows; "
                    + acceptedNames(for: Field.required))
        }
        let missing = chosen.missingRequired
        if !missing.isEmpty {
            let found = chosen.headers.filter { !$0.isEmpty }.map { "'\($0)'" }.joined(separator: ", ")
            let names = missing.map(\.label).joined(separator: ", ")
            throw HMICError(
                .badData, file: path, sheet: sheet, row: chosen.row,
                "the \(source.noun) has no \(names) column. Headers found: \(found.isEmpty ? "none" : found). "
                    + acceptedNames(for: missing) + " A profile file can add other names.")
        }
        header = chosen
        hasPortalReferenceColumn = chosen.columns[.portalReference] != nil
        columnOf = ColumnMap(chosen.columns)
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
        guard header != nil, !row.isBlank else { return }
        rowsRead += 1
        let reference = text(.reference, of: row)
        let typeText = text(.type, of: row)
        let statusText = text(.status, of: row)
        let description = text(.description, of: row)
        if reference.isEmpty && typeText.isEmpty && statusText.isEmpty && description.isEmpty {
            skipped.append(
                SkippedRow(
                    source: source, row: row.number,
                    reason: "no reference, type, status or description: not a record",
                    cells: row.cells.map { $0?.text ?? "" }))
            return
        }
        let inspection = text(.inspection, of: row)
        let portalReference = text(.portalReference, of: row)
        let key: String
        switch source {
        case .register: key = Words.referenceKey(hasPortalReferenceColumn ? portalReference : reference)
        case .portal: key = Words.referenceKey(reference)
        }
        records.append(
            Record(
                source: source, row: row.number, reference: reference, portalReference: portalReference,
                typeText: typeText, type: vocabulary.recordType(typeText, profile: profile),
                statusText: statusText, state: vocabulary.lifecycleState(statusText, profile: profile),
                inspection: inspection, group: group(of: row, inspection: inspection), description: description,
                forceLead: text(.forceLead, of: row), deliveryLead: text(.deliveryLead, of: row),
                governanceBoard: text(.governanceBoard, of: row), targetDate: date(.targetDate, of: row),
                closedDate: date(.closedDate, of: row), force: text(.force, of: row),
                peelArea: text(.peelArea, of: row),
                matchKey: key))
    }

    /// A field's cell as trimmed text; empty when the column or the cell is missing.
    private func text(_ field: Field, of row: Row) -> String {
        guard let column = columnOf[field], let cell = row[column] else { return "" }
        if case .string(let s) = cell { return s.trimmed }
        return cell.text.trimmed
    }

    /// A field's cell as a date; a cell that is not one is warned about and read as no date.
    private mutating func date(_ field: Field, of row: Row) -> CalendarDate? {
        guard let column = columnOf[field], let cell = row[column] else { return nil }
        if case .string(let s) = cell, s.trimmed.isEmpty { return nil }
        if let date = DateText.date(from: cell) { return date }
        warnings.append(
            "\(source.noun) row \(row.number), column \(columnLetters(column)): '\(cell.text)' is not a date; "
                + "use 30/11/2026 or 2026-11-30")
        return nil
    }

    /// The inspection group: the group column's, when it names one of the six, else the one the title implies.
    private mutating func group(of row: Row, inspection: String) -> InspectionGroup {
        let derived = vocabulary.group(forTitle: inspection, profile: profile)
        let written = text(.group, of: row)
        guard !written.isEmpty else { return derived }
        if let explicit = vocabulary.explicitGroup(written) { return explicit }
        warnings.append(
            "\(source.noun) row \(row.number): inspection group '\(written)' is not one of the six groups; "
                + "derived '\(derived.rawValue)' from the inspection title instead")
        return derived
    }
}

extension LoadedSource {
    /// Keeps the portal rows of one force (rules §3 step 4). With no name, refuses an export that holds several forces.
    public func filtered(toForce name: String?) throws -> LoadedSource {
        guard columns[.force] != nil else { return self }
        let forces = ForceTally(records)
        guard let name else {
            if forces.keys.count > 1 {
                throw HMICError(
                    .usage, file: path, sheet: sheet,
                    "the portal export holds \(forces.keys.count) forces; choose one with --force NAME. "
                        + "Forces found: \(forces.listing)")
            }
            return self
        }
        let wanted = forces.number(ofKey: Self.forceKey(name))
        var copy = self
        copy.records = records.indices.filter { forces.numberOfRecord[$0] == wanted }.map { records[$0] }
        // A row naming no force cannot be attributed: it is listed as skipped, never silently dropped.
        for record in records where record.force.isEmpty {
            copy.skipped.append(
                SkippedRow(
                    source: .portal, row: record.row, reason: "names no force, so it cannot be counted for \(name)",
                    cells: [record.reference, record.typeText, record.statusText, record.description]))
        }
        let others = forces.tallies.reduce(0, +) - copy.records.count
        if others > 0 {
            copy.warnings.append(
                "\(others) portal row\(others == 1 ? "" : "s") of other forces left out (--force \(name))")
        }
        if copy.records.isEmpty && !records.isEmpty {
            throw HMICError(
                .usage, file: path, sheet: sheet, "no portal rows for force '\(name)'. Forces found: \(forces.listing)")
        }
        return copy
    }

    /// The forces a portal export names: each force's key (its name folded), first spelling and number of rows,
    /// and each record's force by number.
    private struct ForceTally {
        var keys: [String] = []
        var spellings: [String] = []
        var tallies: [Int] = []
        /// Per record, the number of its force, or -1 when it names none.
        var numberOfRecord: [Int]

        init(_ records: [Record]) {
            numberOfRecord = [Int](repeating: -1, count: records.count)
            var numberOfKey: [String: Int] = [:]
            // A national export repeats a few dozen names on hundreds of thousands of rows: each is folded once.
            var numberOfName: [String: Int] = [:]
            for (index, record) in records.enumerated() where !record.force.isEmpty {
                let number: Int
                if let known = numberOfName[record.force] {
                    number = known
                } else {
                    let key = LoadedSource.forceKey(record.force)
                    if let known = numberOfKey[key] {
                        number = known
                    } else {
                        number = keys.count
                        numberOfKey[key] = number
                        keys.append(key)
                        spellings.append(record.force)
                        tallies.append(0)
                    }
                    numberOfName[record.force] = number
                }
                numberOfRecord[index] = number
                tallies[number] += 1
            }
        }

        /// The number of the force with this key, or -2 (which no record has) when none.
        func number(ofKey key: String) -> Int { keys.firstIndex(of: key) ?? -2 }

        /// "Cleveland Police (120 rows), Durham Constabulary (80 rows)": most rows first.
        var listing: String {
            keys.indices.sorted { tallies[$0] != tallies[$1] ? tallies[$0] > tallies[$1] : keys[$0] < keys[$1] }
                .map { "\(spellings[$0]) (\(tallies[$0]) row\(tallies[$0] == 1 ? "" : "s"))" }
                .joined(separator: ", ")
        }
    }

    /// Force names compare without case, punctuation or a trailing "Police"/"Constabulary".
    static func forceKey(_ name: String) -> String {
        var words = Words.split(name)
        while let last = words.last, ["police", "constabulary", "service"].contains(last) { words.removeLast() }
        return words.joined(separator: " ")
    }
}

/// The header's column of each field, read with a `switch` rather than a dictionary look-up: the loader asks for
/// every field of every row.
struct ColumnMap {
    private let reference, portalReference, type, inspection, group, description, status: Int?
    private let forceLead, deliveryLead, governanceBoard, targetDate, closedDate, force, peelArea: Int?

    init(_ columns: [Field: Int]) {
        (reference, portalReference, type) = (columns[.reference], columns[.portalReference], columns[.type])
        (inspection, group, description) = (columns[.inspection], columns[.group], columns[.description])
        (status, forceLead, deliveryLead) = (columns[.status], columns[.forceLead], columns[.deliveryLead])
        (governanceBoard, targetDate, closedDate) = (
            columns[.governanceBoard], columns[.targetDate], columns[.closedDate]
        )
        (force, peelArea) = (columns[.force], columns[.peelArea])
    }

    subscript(field: Field) -> Int? {
        switch field {
        case .reference: return reference
        case .portalReference: return portalReference
        case .type: return type
        case .inspection: return inspection
        case .group: return group
        case .description: return description
        case .status: return status
        case .forceLead: return forceLead
        case .deliveryLead: return deliveryLead
        case .governanceBoard: return governanceBoard
        case .targetDate: return targetDate
        case .closedDate: return closedDate
        case .force: return force
        case .peelArea: return peelArea
        }
    }
}

/// Remembers the profile's answer for each spelling seen while loading one sheet: a register repeats a handful of
/// types, statuses and inspection titles on every row, and each answer takes word splitting and Unicode folding to
/// find. The answers depend on the text and the profile alone, so remembering them changes nothing but the time.
struct VocabularyMemo {
    private var types = Answers<RecordType?>()
    private var states = Answers<LifecycleState?>()
    private var derived = Answers<InspectionGroup>()
    private var explicit = Answers<InspectionGroup?>()

    /// One column's answers by spelling. A column mostly repeats the row before's text, which is tried first.
    private struct Answers<Value> {
        private var known: [String: Value] = [:]
        private var last: (text: String, value: Value)?

        mutating func answer(_ text: String, _ compute: (String) -> Value) -> Value {
            if let last, last.text == text { return last.value }
            let value: Value
            if let found = known[text] {
                value = found
            } else {
                value = compute(text)
                known[text] = value
            }
            last = (text, value)
            return value
        }
    }

    mutating func recordType(_ text: String, profile: Profile) -> RecordType? {
        types.answer(text, profile.recordType)
    }

    mutating func lifecycleState(_ text: String, profile: Profile) -> LifecycleState? {
        states.answer(text, profile.lifecycleState)
    }

    mutating func group(forTitle text: String, profile: Profile) -> InspectionGroup {
        derived.answer(text, profile.group(forTitle:))
    }

    mutating func explicitGroup(_ text: String) -> InspectionGroup? {
        explicit.answer(text, InspectionGroup.parse)
    }
}
