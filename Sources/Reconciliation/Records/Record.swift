import Spreadsheet

/// One finding as read from the register or the portal, with its canonical values beside the text as written.
///
/// The stored properties are declared widest first (the strings, then the row, the dates, the one-byte values), so
/// that little is lost to alignment: 224 bytes a record instead of 248, with a few hundred thousand held at once.
public struct Record: Sendable {
    /// The reference as written; empty when the row had none.
    public var reference: String
    /// The register's portal reference as written (register only).
    public var portalReference: String
    public var typeText: String
    public var statusText: String
    public var inspection: String
    public var description: String
    public var forceLead: String
    public var deliveryLead: String
    public var governanceBoard: String
    public var force: String
    public var peelArea: String

    /// The key the record matches on: the portal reference on the register (or its own reference when the
    /// register has no portal-reference column), the portal's own id on the portal; normalised.
    public var matchKey: String

    /// The 1-based row (or CSV line) the record was read from.
    public var row: Int
    public var targetDate: CalendarDate?
    public var closedDate: CalendarDate?
    public var source: Source
    /// Nil when `typeText` is outside the vocabulary.
    public var type: RecordType?
    /// Nil when `statusText` is outside the vocabulary: such a record takes no part in status rules.
    public var state: LifecycleState?
    public var group: InspectionGroup

    /// A record from its fields, in the order a register lists them.
    public init(source: Source, row: Int, reference: String, portalReference: String, typeText: String,
                type: RecordType?, statusText: String, state: LifecycleState?, inspection: String, group: InspectionGroup,
                description: String, forceLead: String, deliveryLead: String, governanceBoard: String,
                targetDate: CalendarDate?, closedDate: CalendarDate?, force: String, peelArea: String, matchKey: String) {
        self.reference = reference
        self.portalReference = portalReference
        self.typeText = typeText
        self.statusText = statusText
        self.inspection = inspection
        self.description = description
        self.forceLead = forceLead
        self.deliveryLead = deliveryLead
        self.governanceBoard = governanceBoard
        self.force = force
        self.peelArea = peelArea
        self.matchKey = matchKey
        self.row = row
        self.targetDate = targetDate
        self.closedDate = closedDate
        self.source = source
        self.type = type
        self.state = state
        self.group = group
    }

    /// The reference a person should be shown: the written one, or the row when there is none.
    public var displayReference: String { reference.isEmpty ? "row \(row)" : reference }
}

extension RandomAccessCollection where Element == Record, Index == Int {
    /// `self[index].displayReference`, read field by field: going through the record's getter copies the whole
    /// record (thirteen strings retained and released) on every call.
    @inlinable public func displayReference(at index: Int) -> String {
        self[index].reference.isEmpty ? "row \(self[index].row)" : self[index].reference
    }
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
}

/// What the vocabulary made of a record: its type, state and group, three bytes where the record is 224. The
/// classifier and the summary read a side's facts in order, and touch a record only for what else they need.
public struct RecordFacts: Sendable, Equatable {
    public var type: RecordType?
    public var state: LifecycleState?
    public var group: InspectionGroup

    /// Every record's facts, in order, gathered on every core.
    public static func of(_ records: [Record]) -> [RecordFacts] {
        records.withUnsafeBufferPointer { records in
            mapInParallel(records.count) { RecordFacts(type: records[$0].type, state: records[$0].state, group: records[$0].group) }
        }
    }
}
