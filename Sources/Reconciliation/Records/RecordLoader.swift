import Spreadsheet

/// Turns a sheet's rows into records as they stream in: rows above the header are held until the header is
/// found, every row after it becomes a record or a layout row (heading, totals, key, action, blank, skipped) with
/// its reason.
public struct RecordLoader {
    public let source: Source
    public let path: String
    public let sheet: String
    private var profile: Profile
    private var detector: HeaderDetector
    private var pending: [Row] = []
    private var header: HeaderMapping?
    /// A complete header found on the row before, kept until the next row shows whether it continues it.
    private var awaiting: HeaderMapping?
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
    /// The inspection of rows that name none, when the sheet's name is one ("PEEL 2023-25").
    private let sheetInspection: String
    /// What the last heading row said of the rows below it.
    private var heading: Heading?
    /// The title row just above the header, as a heading: on a sheet with a table per inspection (the header
    /// repeated under each heading) it is the first table's heading.
    private var titleAboveHeader: Heading?
    /// Records read before any heading, which take the title above the header if the header turns out to repeat.
    private var recordsBeforeHeading: [Int] = []
    private var headerRepeated = false
    /// The record whose action rows may follow: the last record, until a heading or layout row ends it.
    private var lastItem: Int?
    /// The row number of the last row seen, to account for blank rows, which readers do not hand over.
    private var lastRowNumber = 0
    private var blankRows: [ClosedRange<Int>] = []
    private var keyRows: [String] = []
    /// The colours the sheet's key rows gave a meaning, told once in a warning when the sheet ends.
    private var keyRead: [String: LifecycleState] = [:]
    /// True after a "Key:" row, while the rows below it are colours and their meanings.
    private var inKey = false
    /// Columns an action row may fill (status, leads, board, dates): a value there alone is not a heading.
    private var actionColumns: Set<Int> = []
    /// The header's width: cells beyond it sit beside the table, where a key may be kept.
    private var tableWidth = 0

    public init(source: Source, path: String, sheet: String, profile: Profile) {
        self.source = source
        self.path = path
        self.sheet = sheet
        self.profile = profile
        self.detector = HeaderDetector(source: source, profile: profile)
        self.sheetInspection = source == .register && SheetNames.namesInspection(sheet) ? sheet : ""
    }

    /// The 0-based columns the sheet hides: the header maps a field to a shown column before a hidden one.
    public var hiddenColumns: Set<Int> {
        get { detector.hiddenColumns }
        set { detector.hiddenColumns = newValue }
    }

    /// Makes room for `count` records.
    mutating func reserve(_ count: Int) {
        records.reserveCapacity(count)
    }

    /// The most characters (UTF-16 code units, as Excel counts them) a cell may hold.
    public static let maxCellCharacters = 32_767

    /// Takes the next row of the sheet; refuses a cell longer than a spreadsheet cell can hold, which the board's
    /// workbook could not show. `filledFromAbove` names the columns whose value a merged cell carried down from an
    /// earlier row (`MergedCellFiller`).
    public mutating func add(_ row: Row, filledFromAbove: Set<Int> = []) throws {
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
            read(row, filledFromAbove: filledFromAbove)
            return
        }
        pending.append(row)
        if let found = awaiting, let above = pending.dropLast().last {
            // The row after a complete header may be its second line ("Force" above "Lead").
            try adopt(detector.extended(found, upper: above, lower: row))
            return
        }
        let candidate = detector.mapping(of: row, below: pending.dropLast().last)
        if candidate.missingRequired.isEmpty {
            awaiting = candidate
        } else if pending.count >= HeaderDetector.searchDepth {
            try adopt(nil)
        }
    }

    /// Gives the sheet's colours the meanings of its key row ("BLUE = complete", "GREEN – on track"), for the rows
    /// read so far (a key usually sits under the table) and those still to come. Returns the key read from the
    /// row's texts, empty when they name no colour with a known meaning.
    @discardableResult
    public mutating func applyColourKey(from texts: [String]) -> ColourKey {
        let key = ColourKey(parsing: texts, vocabulary: profile)
        apply(key)
        return key
    }

    /// Keeps a key row's text (listed with the sheet's layout rows) and gives the sheet's colours the meanings it
    /// names. `cells` are the row's filled cells, one entry each: "GREEN" | "On track" is one entry over two cells.
    private mutating func noteKey(_ text: String, cells: [String]) {
        keyRows.append(text)
        applyColourKey(from: cells)
    }

    /// Applies a colour key to this sheet: records read before it whose status was unrecognised, or is a colour the
    /// key names (the sheet's key wins over the profile's for its rows), are read again.
    public mutating func apply(_ key: ColourKey) {
        // A key repeated on every row (beside the table) is applied once: each application reads the records again.
        guard key.meanings.contains(where: { keyRead[$0.key] != $0.value }) else { return }
        profile = profile.applying(key)
        vocabulary = VocabularyMemo()
        for index in records.indices
        where records[index].state == nil || key.meanings[Words.vocabularyKey(records[index].statusText)] != nil {
            records[index].state = vocabulary.lifecycleState(records[index].statusText, profile: profile)
        }
        keyRead.merge(key.meanings) { _, new in new }
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
        if header == nil { try adopt(awaiting) }
        guard let header else { throw HMICError(.badData, file: path, sheet: sheet, "the sheet is empty") }
        if !keyRead.isEmpty {
            let described = keyRead.sorted { $0.key < $1.key }.map { "\($0.key.uppercased()) = \($0.value.rawValue)" }
            warnings.append("\(source.noun) colour key read: \(described.joined(separator: ", "))")
        }
        let reading = SheetReading(
            name: sheet, headerRow: header.row, headerUpperRow: header.upperRow, records: records.count,
            rowsRead: rowsRead, blankRows: blankRows)
        var loaded = LoadedSource(
            source: source, path: path, sheet: sheet, headerRow: header.row, columns: header.columns,
            headers: header.headers, records: records, skipped: skipped, rowsRead: rowsRead,
            warnings: warnings)
        loaded.sheetsRead = [reading]
        loaded.keyRows = keyRows
        return loaded
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
            // A register pairs by wording without a reference column, but not without a description column too.
            let instead =
                source == .register && missing.contains(.reference)
                ? " (nor a description or portal reference column to pair its rows by instead)" : ""
            throw HMICError(
                .badData, file: path, sheet: sheet, row: chosen.row,
                "the \(source.noun) has no \(names) column\(instead). Headers found: \(found.isEmpty ? "none" : found). "
                    + acceptedNames(for: missing) + " A profile file can add other names.")
        }
        header = chosen
        hasPortalReferenceColumn = chosen.columns[.portalReference] != nil
        columnOf = ColumnMap(chosen.columns)
        noteLayout(of: chosen)
        let held = pending.drop { $0.number <= chosen.row }
        pending = []
        for row in held { read(row, filledFromAbove: []) }
    }

    /// What the header and the rows above it tell about the table's layout rows: the columns an action row may
    /// fill, the table's width, the title just above the header and any key among the title rows.
    private mutating func noteLayout(of chosen: HeaderMapping) {
        let leftToActions: [Field] = [
            .status, .forceLead, .deliveryLead, .governanceBoard, .targetDate, .closedDate,
        ]
        actionColumns = Set(leftToActions.compactMap { chosen.columns[$0] })
        tableWidth = (chosen.headers.lastIndex { !$0.isEmpty } ?? -1) + 1
        lastRowNumber = chosen.row
        let top = chosen.upperRow ?? chosen.row
        if let above = pending.last(where: { $0.number == top - 1 }),
            let title = LayoutRows.headingText(LayoutRows.filled(above), actionColumns: [])
        {
            titleAboveHeader = Heading(title, profile: profile)
        }
        // A key above the table ("BLUE = complete" among the title rows) explains the rows below it too, and is
        // listed with the sheet's other layout rows.
        var afterKey = false
        for row in pending where row.number < top {
            let cells = LayoutRows.filled(row)
            let entries = row.cells.compactMap { $0.flatMap(LayoutRows.keyEntry) }
            let whole = LayoutRows.keyText(cells, afterKey: afterKey)
            afterKey = whole != nil
            guard whole != nil || !entries.isEmpty else { continue }
            let text = whole ?? entries.joined(separator: "; ")
            noteKey(text, cells: whole != nil ? cells.map { $0.value.text.trimmed } : entries)
            // A title with a key entry beside it stays a title; a row that is all key is listed as one.
            if whole != nil || entries.count == cells.count {
                setAside(row, .key, "a key or legend row above the header ('\(text)'): not a record")
            }
        }
    }

    private func acceptedNames(for fields: [Field]) -> String {
        fields.map { field in
            let names = profile.headers[source]?[field, default: []].map { "'\($0)'" }.joined(separator: ", ") ?? ""
            return "Accepted names for \(field.label): \(names)."
        }.joined(separator: " ")
    }

    /// Sets a row aside as a layout row of `kind`, with the reason a person is shown.
    private mutating func setAside(_ row: Row, _ kind: RowKind, _ reason: String) {
        skipped.append(
            SkippedRow(
                source: source, row: row.number, reason: reason, cells: row.cells.map { $0?.text ?? "" },
                kind: kind, sheet: sheet))
    }

    /// Converts one data row to a record, or sets it aside as a layout row with its reason.
    private mutating func read(_ row: Row, filledFromAbove: Set<Int>) {
        guard header != nil else { return }
        if row.number > lastRowNumber + 1 { noteBlank((lastRowNumber + 1)...(row.number - 1)) }
        lastRowNumber = max(lastRowNumber, row.number)
        guard !row.isBlank else {
            noteBlank(row.number...row.number)
            return
        }
        rowsRead += 1
        // Headings, totals, keys and action rows are how people lay out a register; a portal export is a table.
        if source == .register {
            readKeyBesideTable(row)
            if readLayout(row, filledFromAbove: filledFromAbove) { return }
        }
        let reference = text(.reference, of: row)
        let typeText = text(.type, of: row)
        let statusText = text(.status, of: row)
        let description = text(.description, of: row)
        if reference.isEmpty && typeText.isEmpty && statusText.isEmpty && description.isEmpty {
            setAside(row, .skipped, "no reference, type, status or description: not a record")
            lastItem = nil
            return
        }
        appendRecord(
            row, reference: reference, typeText: typeText.isEmpty ? heading?.typeText ?? "" : typeText,
            statusText: statusText, description: description)
        lastItem = records.count - 1
    }

    /// Keeps key entries written beside the table ("BLUE = complete" in a column with no header).
    private mutating func readKeyBesideTable(_ row: Row) {
        guard row.cells.count > tableWidth else { return }
        for cell in row.cells[tableWidth...] {
            if let cell, let key = LayoutRows.keyEntry(cell) { noteKey(key, cells: [key]) }
        }
    }

    /// Adds blank rows to the runs, joining a run that follows the last one.
    private mutating func noteBlank(_ rows: ClosedRange<Int>) {
        if let last = blankRows.last, last.upperBound + 1 == rows.lowerBound {
            blankRows[blankRows.count - 1] = last.lowerBound...rows.upperBound
        } else {
            blankRows.append(rows)
        }
    }

    /// Sets the row aside when it is a layout row (totals, key, an item's action, a heading); false for a row that
    /// may be a record.
    private mutating func readLayout(_ row: Row, filledFromAbove: Set<Int>) -> Bool {
        let cells = LayoutRows.filled(row)
        if let key = LayoutRows.keyText(cells, afterKey: inKey) {
            noteKey(key, cells: cells.map { $0.value.text.trimmed })
            inKey = true
            lastItem = nil
            setAside(row, .key, "a key or legend row ('\(key)'): not a record")
            return true
        }
        inKey = false
        if repeatsHeader(row) {
            lastItem = nil
            setAside(row, .skipped, "repeats the header row (a table per inspection on one sheet): not a record")
            if !headerRepeated { giveFirstTableItsTitle() }
            headerRepeated = true
            return true
        }
        if LayoutRows.isTotals(cells) {
            lastItem = nil
            setAside(row, .totals, "a totals row: not a record")
            return true
        }
        if let item = lastItem, continuesItem(row, filledFromAbove: filledFromAbove) {
            readAction(row, of: item)
            return true
        }
        // One value alone is a heading, even under an item: an action row holds an owner, a date or a status.
        if let text = LayoutRows.headingText(cells, actionColumns: actionColumns) {
            let found = Heading(text, profile: profile)
            heading = Heading(inspection: found.inspection ?? heading?.inspection, typeText: found.typeText)
            lastItem = nil
            setAside(row, .heading, headingReason(found))
            return true
        }
        if let item = lastItem, holdsNoItemCells(row) {
            readAction(row, of: item)
            return true
        }
        return false
    }

    /// Sets an action row aside, its owner becoming the item's lead when the item names none.
    private mutating func readAction(_ row: Row, of item: Int) {
        takeLeads(from: row, into: item)
        setAside(row, .action, "an action under the item on row \(records[item].row): not a record of its own")
    }

    /// True for a row that names the same columns as the header, as a sheet holding a table per inspection repeats
    /// it under each heading. Only a row whose reference cell reads as the header's is looked at further.
    private func repeatsHeader(_ row: Row) -> Bool {
        guard let header, let column = columnOf[.reference], column < header.headers.count,
            text(.reference, of: row) == header.headers[column]
        else { return false }
        let again = detector.mapping(of: row)
        return again.missingRequired.isEmpty && again.columns[.reference] == column
    }

    /// On a sheet with a table per inspection, the first table's heading sits above the header: its rows, read
    /// before the header repeated, take the inspection and type that title names when they name none.
    private mutating func giveFirstTableItsTitle() {
        guard let title = titleAboveHeader else { return }
        for index in recordsBeforeHeading {
            if let inspection = title.inspection {
                // A group written in the row's own group column stays; one derived from no title is derived again.
                let derived = vocabulary.group(forTitle: records[index].inspection, profile: profile)
                if records[index].group == derived {
                    records[index].group = vocabulary.group(forTitle: inspection, profile: profile)
                }
                records[index].inspection = inspection
            }
            if let typeText = title.typeText, records[index].typeText.isEmpty {
                records[index].typeText = typeText
                records[index].type = vocabulary.recordType(typeText, profile: profile)
            }
        }
        recordsBeforeHeading = []
    }

    /// Why a heading row is not a record: what it tells the rows below it.
    private func headingReason(_ found: Heading) -> String {
        switch (found.inspection, found.typeText) {
        case (let inspection?, let type?):
            return "a heading: names the inspection '\(inspection)' and the type '\(type)' of the rows below it"
        case (let inspection?, nil): return "a heading: names the inspection '\(inspection)' of the rows below it"
        case (nil, let type?): return "a heading: names the type '\(type)' of the rows below it"
        case (nil, nil): return "a heading: not a record"
        }
    }

    /// True for a row whose reference (or, without one, description) a merged cell carries down from the item
    /// above: the item spans several rows, one per action.
    private func continuesItem(_ row: Row, filledFromAbove: Set<Int>) -> Bool {
        let itemColumn = columnOf[.reference] ?? columnOf[.portalReference] ?? columnOf[.description]
        guard let itemColumn else { return false }
        return filledFromAbove.contains(itemColumn)
    }

    /// True for a row with none of an item's own cells: reference, portal reference, type, description, inspection.
    private func holdsNoItemCells(_ row: Row) -> Bool {
        let own: [Field] = [.reference, .portalReference, .type, .description, .inspection]
        return own.allSatisfy { text($0, of: row).isEmpty }
    }

    /// An action's owner becomes its item's lead when the item names none.
    private mutating func takeLeads(from row: Row, into item: Int) {
        if records[item].forceLead.isEmpty { records[item].forceLead = text(.forceLead, of: row) }
        if records[item].deliveryLead.isEmpty { records[item].deliveryLead = text(.deliveryLead, of: row) }
    }

    /// Reads a record from a row that holds one; the heading above it, or the sheet's name, gives the inspection
    /// when the row names none.
    private mutating func appendRecord(
        _ row: Row, reference: String, typeText: String, statusText: String, description: String
    ) {
        let written = text(.inspection, of: row)
        let inspection = !written.isEmpty ? written : heading?.inspection ?? sheetInspection
        if written.isEmpty && heading == nil && !headerRepeated { recordsBeforeHeading.append(records.count) }
        let portalReference = text(.portalReference, of: row)
        var unreadable: [UnreadableValue] = []
        let key: String
        switch source {
        case .register: key = Self.matchKey(hasPortalReferenceColumn ? portalReference : reference)
        case .portal: key = Self.matchKey(reference)
        }
        var record = Record(
            source: source, row: row.number, reference: reference, portalReference: portalReference,
            typeText: typeText, type: vocabulary.recordType(typeText, profile: profile),
            statusText: statusText, state: vocabulary.lifecycleState(statusText, profile: profile),
            inspection: inspection, group: group(of: row, inspection: inspection, unreadable: &unreadable),
            description: description,
            forceLead: text(.forceLead, of: row), deliveryLead: text(.deliveryLead, of: row),
            governanceBoard: text(.governanceBoard, of: row),
            targetDate: date(.targetDate, of: row, unreadable: &unreadable),
            closedDate: date(.closedDate, of: row, unreadable: &unreadable), force: text(.force, of: row),
            peelArea: text(.peelArea, of: row),
            matchKey: key)
        record.sheet = sheet
        record.unreadable = unreadable
        records.append(record)
    }

    /// The normalised reference a record matches on; empty for a placeholder ("TBC", "N/A").
    static func matchKey(_ reference: String) -> String {
        Record.isPlaceholderReference(reference) ? "" : Words.referenceKey(reference)
    }

    /// A field's cell as trimmed text; empty when the column or the cell is missing.
    private func text(_ field: Field, of row: Row) -> String {
        guard let column = columnOf[field], let cell = row[column] else { return "" }
        if case .string(let s) = cell { return s.trimmed }
        return cell.text.trimmed
    }

    /// A field's cell as a date. "TBC", a dash or a blank is no date; any other cell that is not a date is read as
    /// no date, warned about and noted as unreadable.
    private mutating func date(_ field: Field, of row: Row, unreadable: inout [UnreadableValue]) -> CalendarDate? {
        guard let column = columnOf[field], let cell = row[column] else { return nil }
        if case .string(let s) = cell, s.trimmed.isEmpty { return nil }
        if let date = DateText.date(from: cell) { return date }
        if case .string(let s) = cell, DateText.meansNoDate(s) { return nil }
        unreadable.append(UnreadableValue(field: field, text: cell.text, column: columnLetters(column)))
        warnings.append(
            "\(source.noun) row \(row.number), column \(columnLetters(column)): '\(cell.text)' is not a date; "
                + "use 30/11/2026, 2026-11-30, March 2026 or Q3 2026/27")
        return nil
    }

    /// The inspection group: the group column's, when it names one of the six, else the one the title implies.
    private mutating func group(of row: Row, inspection: String, unreadable: inout [UnreadableValue])
        -> InspectionGroup
    {
        let derived = vocabulary.group(forTitle: inspection, profile: profile)
        let written = text(.group, of: row)
        guard !written.isEmpty else { return derived }
        if let explicit = vocabulary.explicitGroup(written) { return explicit }
        unreadable.append(
            UnreadableValue(field: .group, text: written, column: columnOf[.group].map(columnLetters) ?? ""))
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
