/// An inspection as matching and identity know it (rules §3): its family and its years, read from the title
/// however it is written ("PEEL 2021/22", "PEEL 2021-22: An inspection of Cleveland Police", "2021/22 PEEL").
///
/// HMICFRS reuses its phrasing across inspections, so two findings worded alike are the same finding only when
/// their inspections do not plainly differ.
public struct InspectionKey: Sendable, Hashable {
    /// The kind of inspection a title names.
    public enum Family: String, Sendable, Hashable {
        case peel
        case peelSpotlight = "peel-spotlight"
        case peelDomesticAbuse = "peel-domestic-abuse"
        case childProtection = "child-protection"
        case crimeDataIntegrity = "crime-data-integrity"
        case victimServiceAssessment = "victim-service-assessment"
        /// Any other inspection: a thematic, told apart by its subject words.
        case thematic
    }

    /// Nil when there is no title.
    public var family: Family?
    /// A thematic's subject: its words other than years and words every title uses ("inspection", "national"),
    /// plural "s" dropped, each once, in the title's order.
    public var subject: [String] = []
    /// The years the title names, first to last; 0 when it names none.
    public var firstYear = 0
    public var lastYear = 0
    /// True when the title writes a span of years ("2021/22", "2023-25"), not a single year.
    public var isSpan = false
    /// The first letter of every word of a thematic's title, generic words included, for reading an acronym of
    /// the other title ("JTAI": joint targeted area inspection).
    var initials: Set<Character> = []

    /// Reads a title.
    public init(title: String) {
        let words = Words.split(title)
        guard !words.isEmpty else { return }
        family = Self.family(words)
        readYears(words)
        if family == .thematic {
            initials = Set(words.filter { !$0.allSatisfy(\.isNumber) }.compactMap(\.first))
            for word in words where !Self.generic.contains(word) && !word.allSatisfy(\.isNumber) {
                let singular = Self.singular(word)
                if !subject.contains(singular) { subject.append(singular) }
            }
        }
    }

    /// The family a title's words name, much as the inspection groups are found (rules §2), but told apart more
    /// finely: the victim service assessment is not crime data integrity, and a thematic about child protection
    /// ("the police response to child protection") is not the national child protection inspection.
    static func family(_ words: [String]) -> Family {
        func has(_ phrase: String...) -> Bool { Words.contains(words, phrase: phrase) }
        if has("child", "protection", "inspection") || has("ncpi") { return .childProtection }
        if has("crime", "data", "integrity") || has("cdi") { return .crimeDataIntegrity }
        if has("victim", "service", "assessment") || has("vsa") { return .victimServiceAssessment }
        guard has("peel") else { return .thematic }
        // A spotlight report on domestic abuse is a spotlight, not the domestic abuse thematic.
        if has("spotlight") { return .peelSpotlight }
        if has("domestic", "abuse") || has("da") { return .peelDomesticAbuse }
        if has("national") || has("spotlight") || has("thematic") { return .peelSpotlight }
        return .peel
    }

    /// The years named: a year of 1990–2099, and a span's end written after it in two or four digits ("2021/22",
    /// "2021-2022", "2023–25"), ending up to five years later.
    private mutating func readYears(_ words: [String]) {
        for (i, word) in words.enumerated() {
            guard word.count == 4, let year = Int(word), (1990...2099).contains(year) else { continue }
            var end = year
            if i + 1 < words.count, let next = Int(words[i + 1]) {
                let candidate = words[i + 1].count == 2 ? year - year % 100 + next : next
                if candidate > year && candidate <= year + 5 && (words[i + 1].count == 2 || words[i + 1].count == 4) {
                    end = candidate
                    isSpan = true
                }
            }
            firstYear = firstYear == 0 ? year : min(firstYear, year)
            lastYear = max(lastYear, end)
        }
    }

    /// True when the two inspections are plainly not the same: both titles name a family and the families differ,
    /// or both name years that do not meet (or both name spans that begin in different years: PEEL 2021/22 and
    /// PEEL 2022/23), or both are thematics whose subjects share no word.
    public func plainlyDiffers(from other: InspectionKey) -> Bool {
        guard let family, let otherFamily = other.family else { return false }
        if family != otherFamily { return true }
        if yearsDiffer(from: other) { return true }
        return family == .thematic && !subjectsMeet(other)
    }

    /// True when both titles name the same family and years that agree (or neither names a year), and, for
    /// thematics, subjects that share a word: the two are clearly one inspection.
    public func clearlyAgrees(with other: InspectionKey) -> Bool {
        guard let family, family == other.family, (firstYear == 0) == (other.firstYear == 0) else { return false }
        if yearsDiffer(from: other) { return false }
        return family != .thematic || subjectsMeet(other)
    }

    private func yearsDiffer(from other: InspectionKey) -> Bool {
        guard firstYear != 0, other.firstYear != 0 else { return false }
        if lastYear < other.firstYear || other.lastYear < firstYear { return true }
        return isSpan && other.isSpan && firstYear != other.firstYear
    }

    /// True when the subjects share a word, or a short word of one spells the initials of the other's words
    /// ("VAWG" for "violence against women and girls"); true too when either has no subject words to compare.
    private func subjectsMeet(_ other: InspectionKey) -> Bool {
        guard !subject.isEmpty, !other.subject.isEmpty else { return true }
        if subject.contains(where: { other.subject.contains($0) }) { return true }
        return subject.contains { other.spellsInitials($0) } || other.subject.contains { spellsInitials($0) }
    }

    /// True when each letter of `word` (two to five letters) begins a word of this title: a loose reading of an
    /// acronym, which errs towards calling two thematics the same.
    private func spellsInitials(_ word: String) -> Bool {
        guard (2...5).contains(word.count) else { return false }
        return word.allSatisfy { initials.contains($0) }
    }

    /// A short text of the key, the same for every way of writing the title: what a record without a reference
    /// of its own is known by.
    public var normalised: String {
        guard let family else { return "" }
        let years = firstYear == 0 ? "" : isSpan ? " \(firstYear)-\(lastYear)" : " \(firstYear)"
        return family.rawValue + years + (subject.isEmpty ? "" : " " + subject.sorted().joined(separator: " "))
    }

    /// The title as a person would name the inspection in a message: the family and its years.
    public var label: String {
        guard let family else { return "no inspection" }
        let name: String
        switch family {
        case .peel: name = "PEEL"
        case .peelSpotlight: name = "PEEL spotlight"
        case .peelDomesticAbuse: name = "DA PEEL thematic"
        case .childProtection: name = "child protection inspection"
        case .crimeDataIntegrity: name = "crime data integrity"
        case .victimServiceAssessment: name = "victim service assessment"
        case .thematic: name = subject.isEmpty ? "thematic" : subject.joined(separator: " ") + " thematic"
        }
        guard firstYear != 0 else { return name }
        return name + (isSpan ? " \(firstYear)/\(String(lastYear).suffix(2))" : " \(firstYear)")
    }

    /// Words that name no inspection in particular.
    static let generic: Set<String> = [
        "a", "an", "the", "of", "to", "and", "in", "on", "for", "into", "with", "by", "how", "inspection",
        "inspections", "national", "thematic", "report", "police", "policing", "response", "force", "forces",
        "hmicfrs", "hmic", "joint", "review", "england", "wales", "update", "revisit", "progress", "other",
    ]

    /// A word without its plural "s" ("investigations" → "investigation").
    static func singular(_ word: String) -> String {
        word.count > 3 && word.hasSuffix("s") && !word.hasSuffix("ss") ? String(word.dropLast()) : word
    }
}
