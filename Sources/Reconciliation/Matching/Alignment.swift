/// How a register record was paired with a portal record.
public enum MatchMethod: String, Sendable, Codable {
    case reference
    case text
}

/// Why a pair should be checked by a person before it is trusted (raises `needs-review`).
public enum ReviewReason: String, Sendable, Codable, CaseIterable {
    /// Paired by wording only, and the wording agrees only weakly.
    case weak
    /// Another record scores almost as well as the chosen one.
    case ambiguous
    /// The register's portal reference names a portal record whose wording differs; the wording matches this one.
    case wrongReference = "wrong-reference"
    /// The register's portal reference is not in the portal export; the wording matches this record.
    case referenceNotFound = "reference-not-found"
}

/// A register record and the portal record it was paired with, by index into each source's records.
///
/// Held once per pair, a million at a time on a national export: 40 bytes. The positions are kept in 32 bits, and
/// what only some text pairs carry (runner-up, rival, stated record) in a box of its own, absent for the rest.
public struct Match: Sendable {
    /// 1.0 for a reference match; the similarity of the wording (0…1) for a text match.
    public var score: Double
    /// Empty for a pair to trust; otherwise why it raises `needs-review`.
    public var review: [ReviewReason] = []
    private var alternatives: Alternatives?
    private var registerPosition: Int32
    private var portalPosition: Int32
    public var method: MatchMethod

    /// A pair with no review flags.
    public init(register: Int, portal: Int, method: MatchMethod, score: Double) {
        registerPosition = Int32(register)
        portalPosition = Int32(portal)
        self.method = method
        self.score = score
    }

    /// Positions are held in 32 bits: a source of 2^31 records (hundreds of gigabytes) would stop the run at
    /// this conversion rather than pair the wrong records.
    public var register: Int {
        get { Int(registerPosition) }
        set { registerPosition = Int32(newValue) }
    }

    public var portal: Int {
        get { Int(portalPosition) }
        set { portalPosition = Int32(newValue) }
    }

    /// The best other portal record for this register record, when there was one (text matches).
    public var runnerUp: Int? {
        get { alternatives?.runnerUp }
        set { editAlternatives(clearing: newValue == nil) { $0.runnerUp = newValue } }
    }

    /// The runner-up's score.
    public var runnerUpScore: Double? {
        get { alternatives?.runnerUpScore }
        set { editAlternatives(clearing: newValue == nil) { $0.runnerUpScore = newValue } }
    }

    /// Another register record that wanted this portal record almost as much, when the ambiguity is on that side.
    public var rivalRegister: Int? {
        get { alternatives?.rivalRegister }
        set { editAlternatives(clearing: newValue == nil) { $0.rivalRegister = newValue } }
    }

    /// The portal record the register's portal reference named, when the wording pointed elsewhere.
    public var statedPortal: Int? {
        get { alternatives?.statedPortal }
        set { editAlternatives(clearing: newValue == nil) { $0.statedPortal = newValue } }
    }

    /// The similarity of the wording between the register record and `statedPortal`.
    public var statedScore: Double? {
        get { alternatives?.statedScore }
        set { editAlternatives(clearing: newValue == nil) { $0.statedScore = newValue } }
    }

    /// True when the pair raises `needs-review`.
    public var needsReview: Bool { !review.isEmpty }

    /// The other records a text pair was weighed against. A class, so that a pair without any costs one pointer;
    /// copied before a change when another pair shares it, so that `Match` keeps value semantics. A box is changed
    /// only while one `Match` alone holds it, never once shared: threads that share it only read it, which is what
    /// makes the unchecked `Sendable` sound.
    private final class Alternatives: @unchecked Sendable {
        var runnerUp: Int?
        var runnerUpScore: Double?
        var rivalRegister: Int?
        var statedPortal: Int?
        var statedScore: Double?

        init() {}

        init(copying other: Alternatives) {
            runnerUp = other.runnerUp
            runnerUpScore = other.runnerUpScore
            rivalRegister = other.rivalRegister
            statedPortal = other.statedPortal
            statedScore = other.statedScore
        }
    }

    /// Applies `edit` to a box this match alone holds; clearing a field of a pair without a box makes none.
    private mutating func editAlternatives(clearing: Bool, _ edit: (Alternatives) -> Void) {
        if alternatives == nil {
            if clearing { return }
            alternatives = Alternatives()
        } else if !isKnownUniquelyReferenced(&alternatives) {
            alternatives = Alternatives(copying: alternatives!)
        }
        edit(alternatives!)
    }
}

/// Rows that share a normalised reference within one source: the first takes part in matching, the rest do not.
public struct DuplicateGroup: Sendable {
    public var source: Source
    /// The reference as written on the first row.
    public var reference: String
    /// Indexes into the source's records, first one first.
    public var records: [Int]

    public init(source: Source, reference: String, records: [Int]) {
        self.source = source
        self.reference = reference
        self.records = records
    }
}

/// The outcome of matching: pairs, records left on either side, and duplicates set aside.
public struct Alignment: Sendable {
    /// Pairs in register order.
    public var matches: [Match]
    /// Register records with no portal counterpart (duplicates excluded).
    public var registerOnly: [Int]
    /// Portal records with no register counterpart (duplicates excluded).
    public var portalOnly: [Int]
    public var duplicates: [DuplicateGroup]
    /// Record index → why it took no part in matching ("duplicate of row 12"), per source.
    public var setAside: [Source: [Int: String]]

    public init(matches: [Match], registerOnly: [Int], portalOnly: [Int], duplicates: [DuplicateGroup],
                setAside: [Source: [Int: String]]) {
        self.matches = matches
        self.registerOnly = registerOnly
        self.portalOnly = portalOnly
        self.duplicates = duplicates
        self.setAside = setAside
    }

    /// For each of `count` records of `source`, whether it was set aside: an array to read by position in a loop
    /// over every record, instead of a dictionary look-up per record.
    public func setAsideFlags(_ source: Source, count: Int) -> [Bool] {
        var flags = [Bool](repeating: false, count: count)
        for index in (setAside[source] ?? [:]).keys { flags[index] = true }
        return flags
    }
}
