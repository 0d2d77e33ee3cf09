import Spreadsheet

/// One finding as read from the register or the portal, with its canonical values beside the text as written.
public struct Record: Sendable {
    public var source: Source
    /// The 1-based row (or CSV line) the record was read from.
    public var row: Int
    /// The reference as written; empty when the row had none.
    public var reference: String
    /// The register's portal reference as written (register only).
    public var portalReference: String
    public var typeText: String
    /// Nil when `typeText` is outside the vocabulary.
    public var type: RecordType?
    public var statusText: String
    /// Nil when `statusText` is outside the vocabulary: such a record takes no part in status rules.
    public var state: LifecycleState?
    public var inspection: String
    public var group: InspectionGroup
    /// The finding's wording.
    public var description: String
    public var forceLead: String
    public var deliveryLead: String
    public var governanceBoard: String
    public var targetDate: CalendarDate?
    public var closedDate: CalendarDate?
    public var force: String
    public var peelArea: String
    /// The key the record matches on: the portal reference on the register (or its own reference when the
    /// register has no portal-reference column), the portal's own id on the portal; normalised.
    public var matchKey: String
    /// The sheet the record was read from (a register may keep one sheet per inspection, or an archive sheet).
    public var sheet = ""
    /// Cells of this record the tool could not read (a target date that is not a date, an unknown group name):
    /// each is an `unrecognised-value` discrepancy, so that the board sees it, not only the Run sheet.
    public var unreadable: [UnreadableValue] = []

    /// A record from its fields, in the order a register lists them.
    public init(
        source: Source, row: Int, reference: String, portalReference: String, typeText: String,
        type: RecordType?, statusText: String, state: LifecycleState?, inspection: String, group: InspectionGroup,
        description: String, forceLead: String, deliveryLead: String, governanceBoard: String,
        targetDate: CalendarDate?, closedDate: CalendarDate?, force: String, peelArea: String, matchKey: String
    ) {
        self.source = source
        self.row = row
        self.reference = reference
        self.portalReference = portalReference
        self.typeText = typeText
        self.type = type
        self.statusText = statusText
        self.state = state
        self.inspection = inspection
        self.group = group
        self.description = description
        self.forceLead = forceLead
        self.deliveryLead = deliveryLead
        self.governanceBoard = governanceBoard
        self.targetDate = targetDate
        self.closedDate = closedDate
        self.force = force
        self.peelArea = peelArea
        self.matchKey = matchKey
    }

    /// The reference a person should be shown: the written one, or the row when there is none. Inlinable, so that
    /// reading it from a record in an array reads two fields rather than copying the record.
    @inlinable public var displayReference: String { Record.displayReference(reference, row: row) }

    /// The reference a person should be shown for a record whose reference and row are these. Loops over many
    /// records call this with the two fields: reading a computed property of a record in an array copies the record.
    public static func displayReference(_ reference: String, row: Int) -> String {
        reference.isEmpty || isPlaceholderReference(reference) ? "row \(row)" : reference
    }

    /// The reference, or empty when the row gives none or only a placeholder ("TBC", "N/A", "-"): a placeholder
    /// tells no row apart, so it counts as no reference for matching, duplicates and discrepancy ids.
    @inlinable public var ownReference: String { Record.isPlaceholderReference(reference) ? "" : reference }

    /// Words a register writes where a reference will go: "TBC", "N/A", "none", or no letter or digit at all.
    /// A reference with a digit is never one (nearly every real reference has one, and is settled at once).
    @usableFromInline static func isPlaceholderReference(_ text: String) -> Bool {
        if text.isEmpty || text.utf8.contains(where: { $0 &- 0x30 < 10 }) { return false }
        let words = Words.split(text)
        return words.isEmpty || placeholderWords.contains(words.joined())
    }

    static let placeholderWords: Set<String> = ["tbc", "tba", "tbd", "na", "none", "nil", "unknown", "notknown"]
}

/// A cell whose text the tool could not read as its field's value.
public struct UnreadableValue: Sendable, Equatable {
    public var field: Field
    /// The cell's text as written.
    public var text: String
    /// The column's letters ("H").
    public var column: String

    /// A cell of `field` whose `text` could not be read, in the column lettered `column`.
    public init(field: Field, text: String, column: String) {
        self.field = field
        self.text = text
        self.column = column
    }
}

/// A row that was read but did not become a record, and why: nothing read is silently dropped.
public struct SkippedRow: Sendable {
    public var source: Source
    public var row: Int
    public var reason: String
    /// The row's cells as text, so the board's workbook can still show it.
    public var cells: [String]
    /// What kind of row it is: a heading, totals, key or action row, or a row with none of a record's cells.
    public var kind: RowKind = .skipped
    /// The sheet it is on.
    public var sheet = ""
}

/// How one sheet was read: where its header is, and what its rows became.
public struct SheetReading: Sendable, Equatable {
    public var name: String
    /// The header's row (its lower row when it is written over two).
    public var headerRow: Int
    /// The header's upper row when it is written over two rows.
    public var headerUpperRow: Int?
    public var records: Int
    /// Rows below the header that held anything.
    public var rowsRead: Int
    /// Runs of blank rows between the header and the last row read.
    public var blankRows: [ClosedRange<Int>]

    /// The blank rows for a line of text: "row 8" or "rows 8, 12–14".
    public var blankRowsText: String {
        let runs = blankRows.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" }
        return (blankRows.count == 1 && blankRows[0].count == 1 ? "row " : "rows ") + runs.joined(separator: ", ")
    }

    /// "row 4" or "rows 3–4".
    public var headerRows: String {
        headerUpperRow.map { "rows \($0)–\(headerRow)" } ?? "row \(headerRow)"
    }
}

/// A visible sheet of the file that is not part of the register, and why.
public struct SheetLeftOut: Sendable, Equatable {
    public var name: String
    public var reason: String

    public init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }
}

/// Everything read from one input file: the records, the rows set aside, and how the file was understood.
public struct LoadedSource: Sendable {
    public var source: Source
    public var path: String
    public var sheet: String
    public var headerRow: Int
    /// Field → 0-based column.
    public var columns: [Field: Int]
    /// The header row's cells as written.
    public var headers: [String]
    public var records: [Record]
    public var skipped: [SkippedRow]
    /// Data rows read below the header, before any force filter.
    public var rowsRead: Int
    /// Notes for the Run sheet: unparseable dates, unknown group names.
    public var warnings: [String]
    /// Each sheet read, in workbook order (a register may span several).
    public var sheetsRead: [SheetReading] = []
    /// The file's other sheets, and why each is not read.
    public var sheetsLeftOut: [SheetLeftOut] = []
    /// The text of every key or legend row ("BLUE = complete"), for the vocabulary to read.
    public var keyRows: [String] = []

    /// The names of the sheets read, for a line of text: "Register" or "PEEL 2023-25, Archive".
    public var sheetNames: String {
        sheetsRead.isEmpty ? sheet : sheetsRead.map(\.name).joined(separator: ", ")
    }
    /// The character encoding a CSV file was read in, for the Run sheet; nil for a workbook.
    public var textEncoding: String? = nil
}
