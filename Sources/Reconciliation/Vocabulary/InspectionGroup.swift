/// The summary's row groups, in the board's order (rules §2 "Inspection groups").
public enum InspectionGroup: String, CaseIterable, Sendable, Codable {
    case localPEEL = "Local PEEL"
    case nationalPEEL = "National PEEL"
    case nationalDAPEELThematic = "National DA PEEL Thematic"
    case ncpi = "National Child Protection Inspection (NCPI)"
    case cdi = "Crime Data Integrity (CDI)"
    case otherNational = "Other national thematic inspections"

    /// Spellings accepted in an explicit group column, beyond the display name.
    static let extraSpellings: [InspectionGroup: [String]] = [
        .localPEEL: ["PEEL", "local PEEL inspection"],
        .nationalPEEL: ["national PEEL inspection"],
        .nationalDAPEELThematic: ["DA PEEL", "DA PEEL thematic", "domestic abuse PEEL thematic", "national DA PEEL"],
        .ncpi: ["NCPI", "national child protection inspection", "child protection"],
        .cdi: ["CDI", "crime data integrity", "victim service assessment", "VSA"],
        .otherNational: [
            "other", "other national thematic", "national thematic", "thematic", "other national thematic inspection",
        ],
    ]

    /// Reads an explicit group cell; nil when the spelling is not one of the groups.
    public static func parse(_ text: String) -> InspectionGroup? {
        let key = Words.vocabularyKey(text)
        guard !key.isEmpty else { return nil }
        for group in allCases {
            if Words.vocabularyKey(group.rawValue) == key { return group }
            if extraSpellings[group, default: []].contains(where: { Words.vocabularyKey($0) == key }) { return group }
        }
        return nil
    }

    /// Derives the group from an inspection or report title: whole words, case-insensitive, first rule wins.
    /// A profile's rules come before the standard ones.
    public static func derive(fromTitle title: String, extraRules: [GroupRule] = []) -> InspectionGroup {
        let words = Words.split(title)
        func has(_ phrase: [String]) -> Bool { Words.contains(words, phrase: phrase) }
        for rule in extraRules where Words.contains(words, phrase: rule.words) { return rule.group }
        if has(["child", "protection"]) || has(["ncpi"]) { return .ncpi }
        if has(["crime", "data", "integrity"]) || has(["cdi"]) || has(["victim", "service", "assessment"]) {
            return .cdi
        }
        let peel = has(["peel"])
        if peel && (has(["domestic", "abuse"]) || has(["da"])) { return .nationalDAPEELThematic }
        if peel && (has(["national"]) || has(["spotlight"]) || has(["thematic"])) { return .nationalPEEL }
        if peel { return .localPEEL }
        return .otherNational
    }
}

/// A profile's own rule: a title holding `phrase` (whole words, any case) belongs to `group`.
public struct GroupRule: Sendable, Equatable {
    public var phrase: String
    public var group: InspectionGroup
    let words: [String]

    public init(phrase: String, group: InspectionGroup) {
        self.phrase = phrase
        self.group = group
        self.words = Words.split(phrase)
    }
}
