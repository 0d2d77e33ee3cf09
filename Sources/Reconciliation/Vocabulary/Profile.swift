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
    /// The colours given a meaning by the profile's `colours:` lines or a sheet's key; nil when none has been.
    public var colourKey: ColourKey?
    /// The force to keep from a national portal export when `--force` is not given.
    public var force: String?
    /// The sheets to read when `--register-sheet` / `--portal-sheet` are not given; a register may name several.
    public var registerSheets: [String] = []
    public var portalSheet: String?
    /// The file the profile came from; nil for the standard vocabulary.
    public var path: String?

    private var typeIndex: [String: RecordType] = [:]
    private var stateIndex: [String: LifecycleState] = [:]
    /// The profile's regular expressions, tried in order after the exact spellings.
    private var typePatterns: [(pattern: TextPattern, value: RecordType)] = []
    private var statePatterns: [(pattern: TextPattern, value: LifecycleState)] = []

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
        (typeIndex, typePatterns) = Self.index(typeSpellings, order: RecordType.allCases)
        (stateIndex, statePatterns) = Self.index(stateSpellings, order: LifecycleState.allCases)
    }

    /// Spellings by vocabulary key, and the regular expressions apart. A leading phrase ("Completed…") is keyed
    /// like plain words: every spelling is read as a leading phrase anyway.
    private static func index<Value>(_ spellings: [Value: [String]], order: [Value]) -> (
        [String: Value], [(pattern: TextPattern, value: Value)]
    ) {
        var keys: [String: Value] = [:]
        var patterns: [(pattern: TextPattern, value: Value)] = []
        for value in order {
            for spelling in spellings[value, default: []] {
                switch TextPattern(spelling) {
                case .words(let words), .leadingPhrase(let words): keys[Words.vocabularyKey(words)] = value
                case let pattern: patterns.append((pattern, value))
                }
            }
        }
        keys[""] = nil
        return (keys, patterns)
    }

    /// What a cell names: its whole text as a spelling; else the first of the profile's regular expressions that
    /// matches; else its leading words, the longest spelling first ("Completed – evidence submitted 12/03/2024"
    /// reads as "Completed"). Nil when none applies: the value is never guessed.
    private static func lookUp<Value>(
        _ text: String, keys: [String: Value], patterns: [(pattern: TextPattern, value: Value)]
    ) -> Value? {
        if let exact = keys[Words.vocabularyKey(text)] { return exact }
        if let hit = patterns.first(where: { $0.pattern.matches(text) }) { return hit.value }
        for key in Words.leadingKeys(of: text) {
            if let leading = keys[key] { return leading }
        }
        return nil
    }

    /// The record type a spelling names, or nil when it is outside the vocabulary.
    public func recordType(_ spelling: String) -> RecordType? {
        Self.lookUp(spelling, keys: typeIndex, patterns: typePatterns)
    }

    /// The group an inspection title belongs to, under the profile's rules and then the standard ones.
    public func group(forTitle title: String) -> InspectionGroup {
        InspectionGroup.derive(fromTitle: title, extraRules: groupRules)
    }

    /// The lifecycle state a spelling names, or nil when it is outside the vocabulary.
    public func lifecycleState(_ spelling: String) -> LifecycleState? {
        Self.lookUp(spelling, keys: stateIndex, patterns: statePatterns)
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
                "text", "improvement required", "detail", "finding",
            ],
            .status: ["status", "current status", "rag", "progress"],
            .forceLead: ["force lead", "chief officer lead", "lead officer"],
            .deliveryLead: ["delivery lead", "local delivery lead", "action owner"],
            .governanceBoard: ["governance board", "board", "governance"],
            .targetDate: ["target date", "due date", "expected completion", "completion date"],
            .closedDate: ["date closed", "closed date", "closure date"],
            .peelArea: ["paf area", "peel question", "paf question"],
        ],
        // The portal's own names first; then the register's names for the same fields, which exports edited by
        // hand or saved from another system carry ("Current Status", "Finding Type").
        .portal: [
            .reference: [
                "recommendation id", "portal id", "portal ref", "id", "reference", "ref", "hmic ref", "hmicfrs ref",
                "hmic portal id", "monitoring portal ref",
            ],
            .type: ["type", "record type", "category", "finding type"],
            .inspection: ["report", "report title", "inspection", "originating inspection", "source"],
            .group: ["inspection group", "inspection type", "programme"],
            .description: [
                "recommendation text", "description", "text", "detail", "recommendation", "area for improvement",
                "area for improvement / recommendation", "improvement required", "finding",
            ],
            .status: ["status", "current status", "rag", "progress"],
            .closedDate: ["date closed", "closed date", "closure date"],
            .force: ["force", "force name"],
        ],
    ]
}
