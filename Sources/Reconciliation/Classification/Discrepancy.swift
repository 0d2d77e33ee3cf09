import Spreadsheet

/// How urgently the board should look at a discrepancy.
public enum Severity: String, CaseIterable, Sendable, Codable, Comparable {
    case high, medium, low, info

    /// Position in the board's order: high first.
    public var rank: Int {
        switch self {
        case .high: return 0
        case .medium: return 1
        case .low: return 2
        case .info: return 3
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The kinds of difference the tool reports (SPEC §4), in the order the board reads them.
public enum DiscrepancyClass: String, CaseIterable, Sendable, Codable {
    case absentFromPortal = "absent-from-portal"
    case absentFromRegister = "absent-from-register"
    case closedInError = "closed-in-error"
    case duplicateReference = "duplicate-reference"
    case statusConflict = "status-conflict"
    case registerOutOfDate = "register-out-of-date"
    case typeMismatch = "type-mismatch"
    case needsReview = "needs-review"
    case unrecognisedValue = "unrecognised-value"
    case missingLead = "missing-lead"
    case overdue
    case awaitingCentralSignOff = "awaiting-central-sign-off"

    /// SPEC §4's severity for the class.
    public var severity: Severity {
        switch self {
        case .absentFromPortal, .absentFromRegister, .closedInError, .duplicateReference: return .high
        case .statusConflict, .registerOutOfDate, .typeMismatch, .needsReview, .unrecognisedValue: return .medium
        case .missingLead, .overdue: return .low
        case .awaitingCentralSignOff: return .info
        }
    }

    /// One line a board member can read: what the class means.
    public var meaning: String {
        switch self {
        case .absentFromPortal: return "Live on the Force register but not on the HMIC monitoring portal"
        case .absentFromRegister: return "Live on the portal but not on the Force register"
        case .closedInError: return "Open on the register but closed on the portal: the Force believes it was closed in error"
        case .duplicateReference: return "The same reference on more than one row of one file"
        case .statusConflict: return "Register and portal disagree on whether the item is live or withdrawn"
        case .registerOutOfDate: return "Signed off centrally on the portal; the register still shows it awaiting sign-off"
        case .typeMismatch: return "Register and portal record a different type (cause of concern, recommendation, AFI)"
        case .needsReview: return "Paired by wording only, and the pairing is weak or ambiguous: check it"
        case .unrecognisedValue: return "A type or status spelling the tool does not know: it takes no part in the status rules"
        case .missingLead: return "A live item without a Force lead or a delivery lead"
        case .overdue: return "A live item whose target date has passed"
        case .awaitingCentralSignOff: return "Closed by the FLL and awaiting central sign-off: it remains on the portal"
        }
    }

    /// What to do about it, in the terms of the board's decision list.
    public var suggestedAction: String {
        switch self {
        case .absentFromPortal: return "Request portal correction: ask the FLL to add it to the portal"
        case .absentFromRegister: return "Update register: add the item, or ask the FLL why it is on the portal"
        case .closedInError: return "Request portal correction: ask the FLL to reopen it"
        case .duplicateReference: return "Update register: remove or renumber the duplicate rows"
        case .statusConflict: return "Agree the status with the FLL and correct whichever side is wrong"
        case .registerOutOfDate: return "Update register: record it as closed"
        case .typeMismatch: return "Agree the type with the FLL and correct whichever side is wrong"
        case .needsReview: return "Update register: check the pairing and add the portal reference"
        case .unrecognisedValue: return "Update register: use a standard spelling, or add it to the profile"
        case .missingLead: return "Update register: assign a Force lead and a delivery lead"
        case .overdue: return "Agree a new target date, or request closure if delivered"
        case .awaitingCentralSignOff: return "Chase central sign-off"
        }
    }
}

/// One difference the board should see, tied to the rows it concerns.
///
/// Held once per discrepancy, hundreds of thousands at a time on a national export: 88 bytes. The record positions
/// and rows are kept in 32 bits (-1 for none) behind optional properties, where four optional `Int`s took 64.
public struct Discrepancy: Sendable {
    /// Stable across runs: the same class on the same references gives the same id next month.
    public var id: String
    public var registerRef: String?
    public var portalRef: String?
    public var detail: String
    fileprivate var registerPosition: Int32
    fileprivate var portalPosition: Int32
    private var registerRowNumber: Int32
    private var portalRowNumber: Int32
    public var kind: DiscrepancyClass
    public var severity: Severity { kind.severity }

    /// Positions and rows are held in 32 bits: a source of 2^31 records or rows would stop the run at this
    /// conversion rather than point at the wrong row.
    public init(id: String, kind: DiscrepancyClass, register: Int?, portal: Int?, registerRef: String?, portalRef: String?,
                registerRow: Int?, portalRow: Int?, detail: String) {
        self.id = id
        self.kind = kind
        self.registerRef = registerRef
        self.portalRef = portalRef
        self.detail = detail
        registerPosition = Self.stored(register)
        portalPosition = Self.stored(portal)
        registerRowNumber = Self.stored(registerRow)
        portalRowNumber = Self.stored(portalRow)
    }

    /// Index into the register's records, when a register record is concerned.
    public var register: Int? {
        get { Self.value(registerPosition) }
        set { registerPosition = Self.stored(newValue) }
    }

    /// Index into the portal's records, when a portal record is concerned.
    public var portal: Int? {
        get { Self.value(portalPosition) }
        set { portalPosition = Self.stored(newValue) }
    }

    public var registerRow: Int? {
        get { Self.value(registerRowNumber) }
        set { registerRowNumber = Self.stored(newValue) }
    }

    public var portalRow: Int? {
        get { Self.value(portalRowNumber) }
        set { portalRowNumber = Self.stored(newValue) }
    }

    @inline(__always)
    private static func stored(_ value: Int?) -> Int32 {
        guard let value else { return -1 }
        precondition(value >= 0, "record positions and rows are not negative")
        return Int32(value)
    }

    @inline(__always)
    private static func value(_ stored: Int32) -> Int? { stored < 0 ? nil : Int(stored) }

    /// Builds the stable id from the class, the normalised references and a qualifier (such as the field).
    static func makeID(_ kind: DiscrepancyClass, registerKey: String?, portalKey: String?, qualifier: String = "") -> String {
        // FNV-1a over "class|registerKey|portalKey|qualifier", hashed part by part without building the text.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ text: String) {
            text.withUTF8Bytes { for byte in $0 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 } }
        }
        func separator() { hash = (hash ^ 0x7C) &* 0x0000_0100_0000_01b3 } // "|"
        add(kind.rawValue)
        separator()
        add(registerKey ?? "")
        separator()
        add(portalKey ?? "")
        separator()
        add(qualifier)
        // The prefix, "-", and the first eight of sixteen zero-padded upper-case hex digits: the hash's high 32
        // bits. Twelve bytes, held in the string itself.
        return kind.idPrefix.withUTF8Bytes { prefix in
            String(unsafeUninitializedCapacity: prefix.count + 9) { id in
                var n = 0
                for byte in prefix {
                    id[n] = byte
                    n += 1
                }
                id[n] = 0x2D
                n += 1
                for shift in stride(from: 60, through: 32, by: -4) {
                    let digit = UInt8(truncatingIfNeeded: hash >> UInt64(shift)) & 0xF
                    id[n] = digit < 10 ? 0x30 + digit : 0x37 + digit
                    n += 1
                }
                return n
            }
        }
    }
}

/// What the summary counts of a discrepancy: its class and the records it concerns, in twelve bytes where a
/// `Discrepancy` takes over a hundred.
struct DiscrepancyFacts: Sendable {
    var kind: DiscrepancyClass
    /// The register record's index, or -1 when none is concerned.
    var register: Int32
    /// The portal record's index, or -1 when none is concerned.
    var portal: Int32

    init(_ discrepancy: Discrepancy) {
        kind = discrepancy.kind
        register = discrepancy.registerPosition
        portal = discrepancy.portalPosition
    }
}

extension DiscrepancyClass {
    /// Position in `allCases`: the board's order within a severity.
    var boardOrder: Int {
        switch self {
        case .absentFromPortal: return 0
        case .absentFromRegister: return 1
        case .closedInError: return 2
        case .duplicateReference: return 3
        case .statusConflict: return 4
        case .registerOutOfDate: return 5
        case .typeMismatch: return 6
        case .needsReview: return 7
        case .unrecognisedValue: return 8
        case .missingLead: return 9
        case .overdue: return 10
        case .awaitingCentralSignOff: return 11
        }
    }

    /// Three letters that make an id readable at a glance.
    var idPrefix: String {
        switch self {
        case .absentFromPortal: return "AFP"
        case .absentFromRegister: return "AFR"
        case .closedInError: return "CIE"
        case .duplicateReference: return "DUP"
        case .statusConflict: return "STC"
        case .registerOutOfDate: return "ROD"
        case .typeMismatch: return "TYP"
        case .needsReview: return "REV"
        case .unrecognisedValue: return "UNV"
        case .missingLead: return "LEA"
        case .overdue: return "OVD"
        case .awaitingCentralSignOff: return "ACS"
        }
    }
}
