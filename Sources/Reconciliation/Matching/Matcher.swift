import Spreadsheet

/// Thresholds of the text stage (rules §3 step 2).
public struct TextMatchSettings: Sendable {
    /// Pairs scoring below this are not matched.
    public var acceptance = 0.53
    /// Pairs matched by text whose descriptions agree less than this (the wording alone, titles aside) raise
    /// `needs-review` as weak.
    public var weak = 0.88
    /// A runner-up within this of the chosen pair's score makes it ambiguous.
    public var ambiguityMargin = 0.05
    /// Portal candidates scored per register record.
    public var candidates = 8
    /// Index keys shared by more portal records than this are skipped (unless no rarer key was found).
    public var postingsCap = 100
    /// Index postings read per register record, at most: what keeps the look-up cost constant.
    public var postingsBudget = 300
    /// A reference pair whose wording scores below this is checked against the other portal records.
    public var suspectReferenceBelow = 0.5
    /// …and is taken apart when another portal record scores at least this, and this much better.
    public var clearTextMatch = 0.8
    public var clearTextLead = 0.3

    /// The defaults used by the command.
    public init() {}
}

/// Pairs register records with portal records (rules §3): by normalised reference, then by wording through an
/// inverted index, one-to-one, with ties broken by score, then register row, then portal row.
public struct Matcher: Sendable {
    public var settings: TextMatchSettings

    /// A matcher with the default thresholds.
    public init(settings: TextMatchSettings = TextMatchSettings()) {
        self.settings = settings
    }

    /// Aligns the two sources: the reference step, then the text step on what it left.
    public func align(register: [Record], portal: [Record]) -> Alignment {
        var references = ReferenceStep(register: register, portal: portal)
        var portalFree = Array(repeating: false, count: portal.count)
        for index in references.portalKeep where references.claimedBy[index] < 0 { portalFree[index] = true }
        let text = TextStage(
            register: register, portal: portal, references: references, portalFree: portalFree,
            settings: settings)
        // A reference pair whose wording disagrees while another free portal record's wording clearly agrees is
        // not trusted: both go back to the text step, remembering what the register said.
        var stated: [Int: Int] = [:]
        references.matches.removeAll { match in
            guard text.isSuspectReference(match, free: portalFree) else { return false }
            stated[match.register] = match.portal
            return true
        }
        for (r, p) in stated {
            portalFree[p] = true
            references.claimedBy[p] = -1
            references.unmatched.append(r)
        }
        references.unmatched.sort()
        let (textMatches, rejections) = text.assign(registers: references.unmatched, portalFree: portalFree)
        var alignment = Self.alignment(
            references: references, textMatches: textMatches, stated: stated, register: register,
            scorer: text.scorer)
        Self.noteNearMisses(rejections, in: &alignment)
        return alignment
    }

    /// Gives each record left unpaired the closest contradicted pair it was in, if any: what its `absent-from-…`
    /// detail names.
    private static func noteNearMisses(_ rejections: [TextStage.Rejection], in alignment: inout Alignment) {
        guard !rejections.isEmpty else { return }
        let unpairedRegister = Set(alignment.registerOnly)
        let unpairedPortal = Set(alignment.portalOnly)
        func closer(_ miss: NearMiss, than known: NearMiss?) -> Bool {
            guard let known else { return true }
            return miss.wording > known.wording || (miss.wording == known.wording && miss.other < known.other)
        }
        for rejection in rejections {
            let (r, p) = (rejection.register, rejection.portal)
            if unpairedRegister.contains(r) {
                let miss = NearMiss(other: p, wording: rejection.wording, reason: rejection.reason)
                if closer(miss, than: alignment.registerNearMisses[r]) { alignment.registerNearMisses[r] = miss }
            }
            if unpairedPortal.contains(p) {
                let miss = NearMiss(other: r, wording: rejection.wording, reason: rejection.reason)
                if closer(miss, than: alignment.portalNearMisses[p]) { alignment.portalNearMisses[p] = miss }
            }
        }
    }

    /// The reference pairs and the text pairs together. A text pair for a register record whose reference named
    /// another record is flagged; a stated reference whose record nobody else took stands after all.
    private static func alignment(
        references: ReferenceStep, textMatches: [Match], stated: [Int: Int],
        register: [Record], scorer: TextScorer
    ) -> Alignment {
        var matches = references.matches
        var matchedRegister = Set<Int>()
        var portalTaken = references.claimedBy.map { $0 >= 0 }
        for var match in textMatches {
            if let statedPortal = stated[match.register] {
                if statedPortal == match.portal {
                    match = Match(register: match.register, portal: match.portal, method: .reference, score: 1.0)
                } else {
                    match.statedPortal = statedPortal
                    match.statedScore = scorer.score(register: match.register, portal: statedPortal)
                    match.review.insert(.wrongReference, at: 0)
                }
            } else if !register[match.register].portalReference.isEmpty && !register[match.register].matchKey.isEmpty {
                match.review.insert(.referenceNotFound, at: 0)
            }
            matchedRegister.insert(match.register)
            portalTaken[match.portal] = true
            matches.append(match)
        }
        for (r, p) in stated.sorted(by: { $0.key < $1.key }) where !matchedRegister.contains(r) && !portalTaken[p] {
            matches.append(Match(register: r, portal: p, method: .reference, score: 1.0))
            matchedRegister.insert(r)
            portalTaken[p] = true
        }
        matches.sort { $0.register < $1.register }
        return Alignment(
            matches: matches, registerOnly: references.unmatched.filter { !matchedRegister.contains($0) },
            portalOnly: references.portalKeep.filter { !portalTaken[$0] },
            duplicates: references.duplicates, setAside: references.setAside)
    }
}
