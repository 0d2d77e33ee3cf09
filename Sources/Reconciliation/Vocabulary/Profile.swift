/// Which side of the reconciliation a file or record comes from.
public enum Source: String, Sendable, Codable {
    case register
    case portal

    /// "register" / "portal" for messages.
    public var noun: String { rawValue }
}

/// The columns a record is read from (rules §2 "Columns").
public enum Field: String, CaseIterable, Sendable, Codable {
    case reference, portalReference, type, inspection, group, description, status
    case forceLead, deliveryLead, governanceBoard, targetDate, closedDate, force, peelArea

    /// Fields without which a file is refused.
    public static let required: [Field] = [.reference, .type, .status]

    /// A name for messages and for `inspect`.
    public var label: String {
        switch self {
        case .reference: return "reference"
        case .portalReference: return "portal reference"
        case .type: return "type"
        case .inspection: return "inspection"
        case .group: return "group"
        case .description: return "description"
        case .status: return "status"
        case .forceLead: return "force lead"
        case .deliveryLead: return "delivery lead"
        case .governanceBoard: return "governance board"
        case .targetDate: return "target date"
        case .closedDate: return "closed date"
        case .force: return "force"
        case .peelArea: return "PEEL question area"
        }
    }
}

/// What the tool accepts: header names per field and side, and spellings of types and states.
/// The defaults are rules §2; a profile file adds to them.
public struct Profile: Sendable {
    /// Header names per side and field, in order of preference.
    public var headers: [Source: [Field: [String]]]
    /// Spellings per record type.
    public var typeSpellings: [RecordType: [String]]
    /// Spellings per lifecycle state.
    public var stateSpellings: [LifecycleState: [String]]
    /// Title rules tried before the standard ones when deriving an inspection group.
    public var groupRules: [GroupRule] = []
    /// The force to keep from a national portal export when `--force` is not given.
    public var force: String?
    /// The sheets to read when `--register-sheet` / `--portal-sheet` are not given; a register may name several.
    public var registerSheets: [String] = []
    public var portalSheet: String?
    /// The file the profile came from; nil for the standard vocabulary.
    public var path: String?

    private var typeIndex: [String: RecordType] = [:]
    private var stateIndex: [String: LifecycleState] = [:]

    /// The vocabulary of rules §2 and nothing more.
    public static let standard = Profile(
        headers: Profile.defaultHeaders,
        typeSpellings: RecordType.defaultSpellings,
        stateSpellings: LifecycleState.defaultSpellings)

    public init(
        headers: [Source: [Field: [String]]], typeSpellings: [RecordType: [String]],
        stateSpellings: [LifecycleState: [String]]
    ) {
        self.headers = headers
        self.typeSpellings = typeSpellings
        self.stateSpellings = stateSpellings
        rebuildIndexes()
    }

    /// Recomputes the look-up tables after the spellings change.
    public mutating func rebuildIndexes() {
        typeIndex = [:]
        for type in RecordType.allCases {
            for spelling in typeSpellings[type, default: []] { typeIndex[Words.vocabularyKey(spelling)] = type }
        }
        stateIndex = [:]
        for state in LifecycleState.allCases {
            for spelling in stateSpellings[state, default: []] { stateIndex[Words.vocabularyKey(spelling)] = state }
        }
    }

    /// The record type a spelling names, or nil when it is outside the vocabulary.
    public func recordType(_ spelling: String) -> RecordType? {
        typeIndex[Words.vocabularyKey(spelling)]
    }

    /// The group an inspection title belongs to, under the profile's rules and then the standard ones.
    public func group(forTitle title: String) -> InspectionGroup {
        InspectionGroup.derive(fromTitle: title, extraRules: groupRules)
    }

    /// The lifecycle state a spelling names, or nil when it is outside the vocabulary.
    public func lifecycleState(_ spelling: String) -> LifecycleState? {
        stateIndex[Words.vocabularyKey(spelling)]
    }

    /// Rules §2's header table.
    public static let defaultHeaders: [Source: [Field: [String]]] = [
        .register: [
            .reference: ["ref", "reference", "ref no", "force ref", "register ref", "id"],
            .portalReference: [
                "portal ref", "portal id", "hmic ref", "hmicfrs ref", "hmic portal id", "monitoring portal ref",
            ],
            .type: ["type", "record type", "category", "finding type"],
            .inspection: ["inspection", "originating inspection", "report", "report title", "source"],
            .group: ["inspection group", "inspection type", "programme"],
            .description: [
                "description", "recommendation", "area for improvement", "area for improvement / recommendation",
                "text", "improvement required", "detail",
            ],
            .status: ["status", "current status", "rag", "progress"],
            .forceLead: ["force lead", "chief officer lead", "lead officer"],
            .deliveryLead: ["delivery lead", "local delivery lead", "action owner"],
            .governanceBoard: ["governance board", "board", "governance"],
            .targetDate: ["target date", "due date", "expected completion"],
            .closedDate: ["date closed", "closed date", "closure date"],
            .peelArea: ["paf area", "peel question", "paf question"],
        ],
        .portal: [
            .reference: ["recommendation id", "portal id", "portal ref", "id", "reference", "ref"],
            .type: ["type", "record type", "category"],
            .inspection: ["report", "report title", "inspection"],
            .group: ["inspection group", "inspection type", "programme"],
            .description: ["recommendation text", "description", "text", "detail"],
            .status: ["status"],
            .closedDate: ["date closed"],
            .force: ["force", "force name"],
        ],
    ]
}
