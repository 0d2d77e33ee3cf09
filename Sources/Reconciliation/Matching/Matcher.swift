import Spreadsheet

/// Thresholds of the text stage (SPEC §3 step 2).
public struct TextMatchSettings: Sendable {
    /// Pairs scoring below this are not matched.
    public var acceptance = 0.53
    /// Pairs matched by text scoring below this raise `needs-review` as weak.
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

/// Pairs register records with portal records (SPEC §3): by normalised reference through sorted keys, then by
/// wording through an inverted index, one-to-one, with ties broken by score, then register row, then portal row.
public struct Matcher: Sendable {
    public var settings: TextMatchSettings

    /// A matcher with the default thresholds.
    public init(settings: TextMatchSettings = TextMatchSettings()) {
        self.settings = settings
    }

    /// Aligns the two sources. Each step is linear in the number of records, but for sorting.
    public func align(register: [Record], portal: [Record]) -> Alignment {
        var portal = portal
        return align(register: register, portal: &portal, holdingOnce: false)
    }

    /// Aligns the two sources, and holds the portal's descriptions that repeat their reference partner's once (the
    /// portal's records then read them from the register's pool): the records must be held by the caller alone, or
    /// they are copied.
    public func align(register: [Record], portal: inout [Record]) -> Alignment {
        align(register: register, portal: &portal, holdingOnce: true)
    }

    /// `align`, changing the portal's records only when `holdingOnce`.
    private func align(register: [Record], portal: inout [Record], holdingOnce: Bool) -> Alignment {
        // Duplicates within each source, by the record's own reference, one side on each core. A portal record's
        // own reference is its match key, so the portal's first records are also what the register is joined with;
        // the register's match keys are sorted beside the portal's.
        let seed = UInt64.random(in: 0...UInt64.max)
        var (registerSide, (portalSide, registerMatchKeys)) = inParallel({
            // The register's own keys serve only to find its repeats: let go while the other core still works.
            var side = Self.firstOfEachReference(register, source: .register, seed: seed) {
                Words.referenceKey(register[$0].reference)
            }
            side.firsts = ReferenceKeys()
            return side
        }, {
            (Self.firstOfEachReference(portal, source: .portal, seed: seed) { portal[$0].matchKey },
             ReferenceKeys(count: register.count, seed: seed) { register[$0].matchKey })
        })
        let registerKeep = registerSide.keep, portalKeep = portalSide.keep
        var setAside: [Source: [Int: String]] = [.register: registerSide.setAside, .portal: portalSide.setAside]
        var duplicates = registerSide.duplicates + portalSide.duplicates

        // Reference step: each portal record pairs once; a second register record naming it is a duplicate.
        var matches: [Match] = []
        matches.reserveCapacity(registerKeep.count)
        // The register record each portal record is paired with by reference, or -1.
        var claimedBy = [Int](repeating: -1, count: portal.count)
        var unmatched: [Int] = []
        var sharedPortalReference: [String: DuplicateGroup] = [:]
        var sharedOrder: [String] = []
        // The portal record holding each register record's match key, by merging the two sorted sides; the keys
        // are then let go.
        let portalOfKey = registerMatchKeys.join(portalSide.firsts, count: register.count, key: { register[$0].matchKey },
                                                 otherKey: { portal[$0].matchKey })
        (registerMatchKeys, portalSide.firsts) = (ReferenceKeys(), ReferenceKeys())
        for index in registerKeep {
            let key = register[index].matchKey
            guard portalOfKey[index] >= 0 else {
                unmatched.append(index)
                continue
            }
            let portalIndex = Int(portalOfKey[index])
            let first = claimedBy[portalIndex]
            if first >= 0 {
                if sharedPortalReference[key] == nil {
                    sharedPortalReference[key] = DuplicateGroup(source: .register, reference: register[index].portalReference,
                                                                 records: [first])
                    sharedOrder.append(key)
                }
                sharedPortalReference[key]!.records.append(index)
                setAside[.register]![index] = "portal reference \(register[index].portalReference) is also on register row \(register[first].row)"
                continue
            }
            claimedBy[portalIndex] = index
            matches.append(Match(register: index, portal: portalIndex, method: .reference, score: 1.0))
        }
        duplicates += sharedOrder.map { sharedPortalReference[$0]! }

        // References that are almost right: the same once leading zeros are dropped ("R-007" and "R7"), when
        // exactly one unclaimed portal record reads that way.
        unmatched = Self.looseReferenceStep(register: register, portal: portal, portalKeep: portalKeep,
                                            unmatched: unmatched, claimedBy: &claimedBy, matches: &matches)

        // A reference pair whose descriptions are byte for byte the same is read once, and held once.
        var partner = [Int32](repeating: -1, count: portal.count)
        for pair in matches { partner[pair.portal] = Int32(pair.register) }
        let sharing = holdingOnce ? SharedDescriptions(register: register, portal: &portal, partner: partner)
            : SharedDescriptions(register: register, portal: portal, partner: partner)
        partner = []
        let portal = portal

        // Text step.
        var portalFree = Array(repeating: false, count: portal.count)
        for index in portalKeep where claimedBy[index] < 0 { portalFree[index] = true }
        var text = TextStage(register: register, portal: portal, portalKeep: portalKeep, referencePairs: matches,
                             sharing: sharing, unmatched: unmatched, portalFree: portalFree, settings: settings)

        // A reference pair whose wording disagrees while another free portal record's wording clearly agrees is
        // not trusted: both go back to the text step, remembering what the register said.
        var stated: [Int: Int] = [:]
        matches.removeAll { match in
            guard text.isSuspectReference(match, free: portalFree) else { return false }
            stated[match.register] = match.portal
            return true
        }
        for (r, p) in stated {
            portalFree[p] = true
            claimedBy[p] = -1
            unmatched.append(r)
        }
        unmatched.sort()

        let textMatches = text.assign(registers: unmatched, portalFree: portalFree)
        var matchedRegister = Set<Int>()
        var portalTaken = Array(repeating: false, count: portal.count)
        for p in portal.indices where claimedBy[p] >= 0 { portalTaken[p] = true }
        for var match in textMatches {
            let reg = register[match.register]
            if let statedPortal = stated[match.register] {
                if statedPortal == match.portal {
                    match = Match(register: match.register, portal: match.portal, method: .reference, score: 1.0)
                } else {
                    match.statedPortal = statedPortal
                    match.statedScore = text.scorer.score(register: match.register, portal: statedPortal)
                    match.review.insert(.wrongReference, at: 0)
                }
            } else if !reg.portalReference.isEmpty && !reg.matchKey.isEmpty {
                match.review.insert(.referenceNotFound, at: 0)
            }
            matchedRegister.insert(match.register)
            portalTaken[match.portal] = true
            matches.append(match)
        }
        // A stated reference whose record nobody else took stands after all.
        for (r, p) in stated.sorted(by: { $0.key < $1.key }) where !matchedRegister.contains(r) && !portalTaken[p] {
            matches.append(Match(register: r, portal: p, method: .reference, score: 1.0))
            matchedRegister.insert(r)
            portalTaken[p] = true
        }

        matches.sort { $0.register < $1.register }
        let registerOnly = unmatched.filter { !matchedRegister.contains($0) }
        let portalOnly = portalKeep.filter { !portalTaken[$0] }
        return Alignment(matches: matches, registerOnly: registerOnly, portalOnly: portalOnly,
                         duplicates: duplicates, setAside: setAside)
    }

    /// Pairs unmatched register references with unclaimed portal ids that agree once leading zeros of each number
    /// are dropped; returns the register records still unmatched.
    private static func looseReferenceStep(register: [Record], portal: [Record], portalKeep: [Int], unmatched: [Int],
                                           claimedBy: inout [Int], matches: inout [Match]) -> [Int] {
        var portalByLooseKey: [String: Int] = [:]
        var ambiguous = Set<String>()
        for index in portalKeep where claimedBy[index] < 0 && !portal[index].matchKey.isEmpty {
            let key = looseKey(portal[index].reference)
            if portalByLooseKey[key] != nil { ambiguous.insert(key) } else { portalByLooseKey[key] = index }
        }
        func registerKey(_ index: Int) -> String {
            guard !register[index].matchKey.isEmpty else { return "" }
            return looseKey(register[index].portalReference.isEmpty ? register[index].reference : register[index].portalReference)
        }
        var claimants: [String: Int] = [:]
        for index in unmatched {
            let key = registerKey(index)
            if !key.isEmpty, portalByLooseKey[key] != nil, !ambiguous.contains(key) { claimants[key, default: 0] += 1 }
        }
        var stillUnmatched: [Int] = []
        for index in unmatched {
            let key = registerKey(index)
            if !key.isEmpty, claimants[key] == 1, let p = portalByLooseKey[key] {
                claimedBy[p] = index
                matches.append(Match(register: index, portal: p, method: .reference, score: 1.0))
            } else {
                stillUnmatched.append(index)
            }
        }
        return stillUnmatched
    }

    /// A reference key with the leading zeros of every number dropped, numbers told apart where the reference
    /// separates them: "PEEL-2021-R-007" and "peel 2021 r7" → "PEEL2021R7", but "PEEL-2021-0042" → "PEEL2021|42".
    static func looseKey(_ reference: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(reference.utf8.count)
        var previousDigit = false, pendingZero = false, separated = false
        for scalar in reference.unicodeScalars {
            switch scalar {
            case " ", "-", "_", ".", "/", "\t", "\u{00A0}", "\u{2013}", "\u{2014}":
                if pendingZero { out.append(0x30) }
                pendingZero = false
                separated = previousDigit
                previousDigit = false
                continue
            default: break
            }
            let isDigit = scalar.value &- 0x30 < 10
            if isDigit && !previousDigit {
                if separated { out.append(0x7C) }
                if scalar == "0" {
                    pendingZero = true
                    separated = false
                    continue
                }
            }
            if pendingZero && !isDigit { out.append(0x30) }
            pendingZero = false
            separated = false
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                out.append(byte &- 0x61 < 26 ? byte - 0x20 : byte)
            } else {
                out.append(contentsOf: scalar.properties.uppercaseMapping.utf8)
            }
            previousDigit = isDigit
        }
        if pendingZero { out.append(0x30) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The records that take part in matching: all but the second and later rows sharing a reference (`key` of
    /// a position), which are grouped and set aside with the reason; and the keys of the first of each.
    private static func firstOfEachReference(_ records: [Record], source: Source, seed: UInt64, key: (Int) -> String)
        -> (keep: [Int], duplicates: [DuplicateGroup], setAside: [Int: String], firsts: ReferenceKeys) {
        var firsts = ReferenceKeys(count: records.count, seed: seed, key: key)
        let repeats = firsts.removeRepeats(key: key)
        var duplicates: [DuplicateGroup] = [], setAside: [Int: String] = [:]
        // A group is made when its key's second record is met, reading the records in order.
        var groupOfFirst: [Int: Int] = [:]
        var isRepeat = [Bool](repeating: false, count: records.count)
        for (index, first) in repeats {
            isRepeat[index] = true
            if let group = groupOfFirst[first] {
                duplicates[group].records.append(index)
            } else {
                groupOfFirst[first] = duplicates.count
                duplicates.append(DuplicateGroup(source: source, reference: records[first].reference, records: [first, index]))
            }
            setAside[index] = "duplicate of reference \(records[first].reference) on row \(records[first].row)"
        }
        return (records.indices.filter { !isRepeat[$0] }, duplicates, setAside, firsts)
    }
}
