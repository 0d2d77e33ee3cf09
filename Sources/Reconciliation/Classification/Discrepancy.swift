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

/// The kinds of difference the tool reports (rules §4), in the order the board reads them.
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

    /// Rules §4's severity for the class.
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
        case .closedInError:
            return "Open on the register but closed on the portal: the Force believes it was closed in error"
        case .duplicateReference: return "The same reference on more than one row of one file"
        case .statusConflict: return "Register and portal disagree on whether the item is live or withdrawn"
        case .registerOutOfDate:
            return "Signed off centrally on the portal; the register still shows it awaiting sign-off"
        case .typeMismatch: return "Register and portal record a different type (cause of concern, recommendation, AFI)"
        case .needsReview: return "Paired by wording only, and the pairing is weak or ambiguous: check it"
        case .unrecognisedValue:
            return "A type or status spelling the tool does not know: it takes no part in the status rules"
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
public struct Discrepancy: Sendable {
    /// Stable across runs: the same class on the same references gives the same id next month.
    public var id: String
    public var kind: DiscrepancyClass
    /// Index into the register's records, when a register record is concerned.
    public var register: Int?
    /// Index into the portal's records, when a portal record is concerned.
    public var portal: Int?
    public var registerRef: String?
    public var portalRef: String?
    public var registerRow: Int?
    public var portalRow: Int?
    public var detail: String
    public var severity: Severity { kind.severity }

    public init(
        id: String, kind: DiscrepancyClass, register: Int?, portal: Int?, registerRef: String?, portalRef: String?,
        registerRow: Int?, portalRow: Int?, detail: String
    ) {
        self.id = id
        self.kind = kind
        self.register = register
        self.portal = portal
        self.registerRef = registerRef
        self.portalRef = portalRef
        self.registerRow = registerRow
        self.portalRow = portalRow
        self.detail = detail
    }

    /// Builds the stable id from the class, the normalised references and a qualifier (such as the field): the
    /// class's three letters, "-", and the high 32 bits of the FNV-1a hash of "class|registerKey|portalKey|qualifier"
    /// as eight upper-case hex digits.
    static func makeID(_ kind: DiscrepancyClass, registerKey: String?, portalKey: String?, qualifier: String = "")
        -> String
    {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(kind.rawValue)|\(registerKey ?? "")|\(portalKey ?? "")|\(qualifier)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash >> 32, radix: 16, uppercase: true)
        return kind.idPrefix + "-" + String(repeating: "0", count: 8 - hex.count) + hex
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
