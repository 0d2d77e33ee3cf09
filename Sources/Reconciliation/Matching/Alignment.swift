/// How a register record was paired with a portal record.
public enum MatchMethod: String, Sendable, Codable {
    case reference
    case text
}

/// A register record and the portal record it was paired with, by index into each source's records.
public struct Match: Sendable {
    public var register: Int
    public var portal: Int
    public var method: MatchMethod
    /// 1.0 for a reference match; the similarity for a text match.
    public var score: Double
}

/// Rows that share a normalised reference within one source: the first takes part in matching, the rest do not.
public struct DuplicateGroup: Sendable {
    public var source: Source
    /// The reference as written on the first row.
    public var reference: String
    /// Indexes into the source's records, first one first.
    public var records: [Int]
}

/// The outcome of matching: pairs, records left on either side, and duplicates set aside.
public struct Alignment: Sendable {
    public var matches: [Match]
    /// Register records with no portal counterpart (duplicates excluded).
    public var registerOnly: [Int]
    /// Portal records with no register counterpart (duplicates excluded).
    public var portalOnly: [Int]
    public var duplicates: [DuplicateGroup]
    /// Record index → why it took no part in matching ("duplicate of row 12"), per source.
    public var setAside: [Source: [Int: String]]

    /// The portal record matched to each register record.
    public func portalIndexByRegister() -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: matches.map { ($0.register, $0.portal) })
    }
}
