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
    @inlinable public var displayReference: String { reference.isEmpty ? "row \(row)" : reference }
}

/// A row that was read but did not become a record, and why: nothing read is silently dropped.
public struct SkippedRow: Sendable {
    public var source: Source
    public var row: Int
    public var reason: String
    /// The row's cells as text, so the board's workbook can still show it.
    public var cells: [String]
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
    /// The character encoding a CSV file was read in, for the Run sheet; nil for a workbook.
    public var textEncoding: String? = nil
}
