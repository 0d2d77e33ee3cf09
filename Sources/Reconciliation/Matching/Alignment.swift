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

/// Why two records worded alike were not paired (rules §3: wording never outvotes a contradiction).
public enum Contradiction: String, Sendable, Codable {
    /// Both name inspections, and they plainly differ: another family or other years.
    case differentInspection = "different-inspection"
    /// Their types differ and their inspections do not clearly agree.
    case differentType = "different-type"
}

/// The closest record on the other side that a record left unpaired was not paired with, and why: what its
/// `absent-from-…` detail names, so a person can judge.
public struct NearMiss: Sendable {
    /// Index into the other side's records.
    public var other: Int
    /// How alike the two descriptions are, 0…1.
    public var wording: Double
    public var reason: Contradiction

    public init(other: Int, wording: Double, reason: Contradiction) {
        self.other = other
        self.wording = wording
        self.reason = reason
    }
}

/// A register record and the portal record it was paired with, by index into each source's records.
public struct Match: Sendable {
    public var register: Int
    public var portal: Int
    public var method: MatchMethod
    /// 1.0 for a reference match; the similarity of the wording (0…1) for a text match.
    public var score: Double
    /// Empty for a pair to trust; otherwise why it raises `needs-review`.
    public var review: [ReviewReason] = []
    /// The best other portal record for this register record, when there was one (text matches).
    public var runnerUp: Int?
    /// The runner-up's score.
    public var runnerUpScore: Double?
    /// Another register record that wanted this portal record almost as much, when the ambiguity is on that side.
    public var rivalRegister: Int?
    /// The portal record the register's portal reference named, when the wording pointed elsewhere.
    public var statedPortal: Int?
    /// The similarity of the wording between the register record and `statedPortal`.
    public var statedScore: Double?

    /// A pair with no review flags.
    public init(register: Int, portal: Int, method: MatchMethod, score: Double) {
        self.register = register
        self.portal = portal
        self.method = method
        self.score = score
    }

    /// True when the pair raises `needs-review`.
    public var needsReview: Bool { !review.isEmpty }
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
    /// Unpaired register records whose wording was close to a portal record they could not be paired with.
    public var registerNearMisses: [Int: NearMiss] = [:]
    /// The same for unpaired portal records, naming the register record.
    public var portalNearMisses: [Int: NearMiss] = [:]

    public init(
        matches: [Match], registerOnly: [Int], portalOnly: [Int], duplicates: [DuplicateGroup],
        setAside: [Source: [Int: String]]
    ) {
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
