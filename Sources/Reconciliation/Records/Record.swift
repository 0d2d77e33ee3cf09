import Spreadsheet

/// One finding as read from the register or the portal, with its canonical values beside the text as written.
///
/// The texts of the repetitive columns are held once in the source's `TextPool` and a record keeps their numbers;
/// the description's bytes lie in the pool too. The stored properties are declared widest first, so that nothing is
/// lost to alignment, and the row and the dates are held in four bytes each: 112 bytes a record, with a million
/// or more held at once (224 when every column was a `String` of its own).
public struct Record: Sendable {
    /// The reference as written; empty when the row had none.
    public var reference: String
    /// The register's portal reference as written (register only).
    public var portalReference: String
    /// Where the description's bytes lie in `texts`.
    var descriptionSpan: TextSpan

    /// The key the record matches on: the portal reference on the register (or its own reference when the
    /// register has no portal-reference column), the portal's own id on the portal; normalised.
    public var matchKey: String

    /// Where the texts of the columns below are held. Changed only for a pool holding the same texts (matching
    /// gives a portal record one that reads its partner's description).
    public internal(set) var texts: TextPool
    private let numbers: TextNumbers
    private var rowNumber: Int32
    private var storedTargetDate: RecordDate
    private var storedClosedDate: RecordDate
    public var source: Source
    /// Nil when `typeText` is outside the vocabulary.
    public var type: RecordType?
    /// Nil when `statusText` is outside the vocabulary: such a record takes no part in status rules.
    public var state: LifecycleState?
    public var group: InspectionGroup

    /// The 1-based row (or CSV line) the record was read from. Held in 32 bits: a file of 2^31 rows would stop the
    /// run here rather than name the wrong row.
    public var row: Int {
        get { Int(rowNumber) }
        set { rowNumber = Int32(newValue) }
    }

    public var targetDate: CalendarDate? {
        get { storedTargetDate.date }
        set { storedTargetDate = RecordDate(newValue) }
    }

    public var closedDate: CalendarDate? {
        get { storedClosedDate.date }
        set { storedClosedDate = RecordDate(newValue) }
    }

    /// The description, as a `String` made on every call (the workbook's sheets take it so): matching reads its
    /// bytes where they lie.
    /// Setting it holds the new text in `texts`, which no other thread may be using then (tests change records).
    public var description: String {
        get { texts.description(descriptionSpan) }
        set { descriptionSpan = texts.storeDescription(newValue) }
    }
    /// The description's UTF-8 bytes where they lie, valid while the record's `texts` is held.
    @inline(__always)
    var descriptionBytes: UnsafeBufferPointer<UInt8> { texts.descriptionBytes(descriptionSpan) }
    /// How many bytes the description holds: from the record alone, but for a text of 16 MiB or more.
    @inline(__always)
    var descriptionByteCount: Int {
        descriptionSpan.byteCount < TextSpan.longestCounted ? descriptionSpan.byteCount : descriptionBytes.count
    }

    public var typeText: String { texts[numbers.type] }
    public var statusText: String { texts[numbers.status] }
    /// The numbers of `typeText` and `statusText` in `texts`: one number is always one text.
    var typeNumber: UInt32 { numbers.type }
    var statusNumber: UInt32 { numbers.status }
    public var inspection: String { texts[numbers.inspection] }
    public var forceLead: String { texts[numbers.forceLead] }
    public var deliveryLead: String { texts[numbers.deliveryLead] }
    public var governanceBoard: String { texts[numbers.governanceBoard] }
    public var force: String { texts[numbers.force] }
    public var peelArea: String { texts[numbers.peelArea] }

    /// A record from its fields, in the order a register lists them; the repetitive columns' texts go into `texts`,
    /// a pool no other thread is using (tests make records this way; a loader gives its numbers).
    init(texts: TextPool, source: Source, row: Int, reference: String, portalReference: String, typeText: String,
                type: RecordType?, statusText: String, state: LifecycleState?, inspection: String, group: InspectionGroup,
                description: String, forceLead: String, deliveryLead: String, governanceBoard: String,
                targetDate: CalendarDate?, closedDate: CalendarDate?, force: String, peelArea: String, matchKey: String) {
        let numbers = TextNumbers(texts, type: typeText, status: statusText, inspection: inspection, forceLead: forceLead,
                                  deliveryLead: deliveryLead, governanceBoard: governanceBoard, force: force, peelArea: peelArea)
        self.init(texts: texts, numbers: numbers, source: source, row: row, reference: reference,
                  portalReference: portalReference, type: type, state: state, group: group,
                  description: texts.storeDescription(description), targetDate: targetDate, closedDate: closedDate, matchKey: matchKey)
    }

    /// A record whose repetitive columns' texts are already in `texts`, as `numbers`.
    init(texts: TextPool, numbers: TextNumbers, source: Source, row: Int, reference: String, portalReference: String,
         type: RecordType?, state: LifecycleState?, group: InspectionGroup, description: TextSpan,
         targetDate: CalendarDate?, closedDate: CalendarDate?, matchKey: String) {
        self.reference = reference
        self.portalReference = portalReference
        self.descriptionSpan = description
        self.matchKey = matchKey
        self.texts = texts
        rowNumber = Int32(row)
        self.numbers = numbers
        storedTargetDate = RecordDate(targetDate)
        storedClosedDate = RecordDate(closedDate)
        self.source = source
        self.type = type
        self.state = state
        self.group = group
    }

    /// A record's repetitive columns as numbers in its source's `TextPool`.
    struct TextNumbers {
        let type: UInt32, status: UInt32, inspection: UInt32, forceLead: UInt32
        let deliveryLead: UInt32, governanceBoard: UInt32, force: UInt32, peelArea: UInt32
    }

    /// The reference a person should be shown: the written one, or the row when there is none.
    public var displayReference: String { reference.isEmpty ? "row \(row)" : reference }
}

extension Record.TextNumbers {
    /// The numbers of the texts, which `texts` holds from now on.
    init(_ texts: TextPool, type: String, status: String, inspection: String, forceLead: String, deliveryLead: String,
         governanceBoard: String, force: String, peelArea: String) {
        self.init(type: texts.number(for: type), status: texts.number(for: status),
                  inspection: texts.number(for: inspection), forceLead: texts.number(for: forceLead),
                  deliveryLead: texts.number(for: deliveryLead), governanceBoard: texts.number(for: governanceBoard),
                  force: texts.number(for: force), peelArea: texts.number(for: peelArea))
    }
}

extension RandomAccessCollection where Element == Record, Index == Int {
    /// `self[index].displayReference`, read field by field: going through the record's getter copies the whole
    /// record (four strings and the pool retained and released) on every call.
    @inlinable public func displayReference(at index: Int) -> String {
        self[index].reference.isEmpty ? "row \(self[index].row)" : self[index].reference
    }
}

/// A record's date in four bytes, where an optional `CalendarDate` takes eight: the year in the high 23 bits (years
/// beyond ±4,194,303, which no register holds, are clamped), then the month in four bits and the day in five; all
/// zero for no date.
struct RecordDate {
    private let bits: UInt32

    init(_ date: CalendarDate?) {
        guard let date else {
            bits = 0
            return
        }
        let year = min(max(date.year, -(1 << 22 - 1)), 1 << 22 - 1)
        // Every calendar day has a month of 1 to 12 and a day of 1 to 31, so a date is never all zero. (The loader
        // makes only calendar days; another month or day would keep its low bits.)
        bits = UInt32(bitPattern: Int32(year) << 9) | UInt32(date.month & 0xF) << 5 | UInt32(date.day & 0x1F)
    }

    var date: CalendarDate? {
        guard bits != 0 else { return nil }
        return CalendarDate(year: Int(Int32(bitPattern: bits) >> 9), month: Int(bits >> 5 & 0xF), day: Int(bits & 0x1F))
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
