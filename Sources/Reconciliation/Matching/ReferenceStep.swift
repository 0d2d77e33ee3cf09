/// Rules §3 step 1: duplicates within each source, then pairs by normalised reference, then by references that
/// are almost right.
struct ReferenceStep {
    /// The pairs made by reference, in register order.
    var matches: [Match] = []
    /// The register record each portal record is paired with, or -1.
    var claimedBy: [Int]
    /// Register records taking part that no reference paired, ascending.
    var unmatched: [Int] = []
    /// The portal records taking part (all but repeated references), ascending.
    let portalKeep: [Int]
    var duplicates: [DuplicateGroup]
    /// Record index → why it took no part in matching, per source.
    var setAside: [Source: [Int: String]]

    init(register: [Record], portal: [Record]) {
        // Duplicates are judged on what matching uses: a register's own numbering ("AFI 1" under each inspection)
        // repeats harmlessly when its portal references tell the rows apart.
        let registerSide = FirstOfEachReference(register, source: .register, shown: Self.sharedReference) {
            $0.matchKey
        }
        let portalSide = FirstOfEachReference(portal, source: .portal) { $0.matchKey }
        portalKeep = portalSide.keep
        claimedBy = [Int](repeating: -1, count: portal.count)
        duplicates = registerSide.duplicates + portalSide.duplicates
        setAside = [.register: registerSide.setAside, .portal: portalSide.setAside]
        pairByReference(register: register, registerKeep: registerSide.keep, portalOfKey: portalSide.firstOfKey)
        pairByLooseReference(register: register, portal: portal)
    }

    /// The reference two register rows with one match key share, as written on the first: their own reference
    /// when that is the same too (the row was copied), else the portal reference they both give.
    static func sharedReference(_ first: Record, _ later: Record) -> String {
        let ownKey = Words.referenceKey(first.ownReference)
        return !ownKey.isEmpty && ownKey == Words.referenceKey(later.ownReference) || first.portalReference.isEmpty
            ? first.reference : first.portalReference
    }

    /// Each register record whose key the portal holds pairs with it; keys are unique on both sides by now.
    private mutating func pairByReference(
        register: [Record], registerKeep: [Int],
        portalOfKey: [ReferenceKey: Int]
    ) {
        for index in registerKeep {
            let key = register[index].matchKey
            guard !key.isEmpty, let portalIndex = portalOfKey[ReferenceKey(key)] else {
                unmatched.append(index)
                continue
            }
            claimedBy[portalIndex] = index
            matches.append(Match(register: index, portal: portalIndex, method: .reference, score: 1.0))
        }
    }

    /// Pairs unmatched register references with unclaimed portal ids that agree once leading zeros of each number
    /// are dropped ("R-007" and "R7"), when exactly one of each reads that way.
    private mutating func pairByLooseReference(register: [Record], portal: [Record]) {
        var portalByLooseKey: [String: Int] = [:]
        var ambiguous = Set<String>()
        for index in portalKeep where claimedBy[index] < 0 && !portal[index].matchKey.isEmpty {
            let key = Self.looseKey(portal[index].reference)
            if portalByLooseKey[key] != nil { ambiguous.insert(key) } else { portalByLooseKey[key] = index }
        }
        func registerKey(_ index: Int) -> String {
            let record = register[index]
            guard !record.matchKey.isEmpty else { return "" }
            return Self.looseKey(record.portalReference.isEmpty ? record.reference : record.portalReference)
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
        unmatched = stillUnmatched
    }

    /// A reference key with the leading zeros of every number dropped, numbers told apart where the reference
    /// separates them: "PEEL-2021-R-007" and "peel 2021 r7" → "PEEL2021R7", but "PEEL-2021-0042" → "PEEL2021|42".
    static func looseKey(_ reference: String) -> String {
        var out = ""
        var previousDigit = false
        var pendingZero = false
        var separated = false
        for original in reference.unicodeScalars {
            let scalar: Unicode.Scalar
            switch Words.referenceScalar(original) {
            case .invisible: continue
            case .separator:
                if pendingZero { out += "0" }
                pendingZero = false
                separated = previousDigit
                previousDigit = false
                continue
            case .character(let folded): scalar = folded
            }
            let isDigit = ("0"..."9").contains(scalar)
            if isDigit && !previousDigit {
                if separated { out += "|" }
                if scalar == "0" {
                    pendingZero = true
                    separated = false
                    continue
                }
            }
            if pendingZero && !isDigit { out += "0" }
            pendingZero = false
            separated = false
            out.unicodeScalars.append(contentsOf: scalar.properties.uppercaseMapping.unicodeScalars)
            previousDigit = isDigit
        }
        if pendingZero { out += "0" }
        return out
    }
}

/// A normalised reference as the reference step compares it: an ASCII key equals only the same bytes, any other
/// key equals the keys Swift holds equal to it. The two never meet, even where Swift holds them equal ("K" and the
/// Kelvin sign), so that a key's partner does not depend on how its letters were encoded.
struct ReferenceKey: Hashable {
    let text: String
    let isASCII: Bool

    init(_ text: String) {
        self.text = text
        isASCII = text.utf8.allSatisfy { $0 < 0x80 }
    }
}

/// One source's records with their repeated references set aside: the first record of each non-empty key takes
/// part, and each later one joins the key's duplicate group.
struct FirstOfEachReference {
    /// The records taking part, ascending.
    private(set) var keep: [Int] = []
    /// Groups in the order a row-by-row pass makes them: when a key's second record is met.
    private(set) var duplicates: [DuplicateGroup] = []
    private(set) var setAside: [Int: String] = [:]
    /// The first record of each key.
    private(set) var firstOfKey: [ReferenceKey: Int] = [:]

    /// `key` gives the normalised reference a record takes part with; `shown`, the reference a message names for
    /// a key's first record and a later one.
    init(
        _ records: [Record], source: Source, shown: (Record, Record) -> String = { first, _ in first.reference },
        key: (Record) -> String
    ) {
        var groupOfFirst: [Int: Int] = [:]
        firstOfKey.reserveCapacity(records.count)
        keep.reserveCapacity(records.count)
        // By index: a record taken whole from the array is a copy of every field.
        for index in records.indices {
            let text = key(records[index])
            guard !text.isEmpty else {
                keep.append(index)
                continue
            }
            let referenceKey = ReferenceKey(text)
            guard let first = firstOfKey[referenceKey] else {
                firstOfKey[referenceKey] = index
                keep.append(index)
                continue
            }
            let reference = shown(records[first], records[index])
            if let group = groupOfFirst[first] {
                duplicates[group].records.append(index)
            } else {
                groupOfFirst[first] = duplicates.count
                duplicates.append(DuplicateGroup(source: source, reference: reference, records: [first, index]))
            }
            setAside[index] =
                reference == records[first].reference || source == .portal
                ? "duplicate of reference \(reference) on row \(records[first].row)"
                : "portal reference \(reference) is also on register row \(records[first].row)"
        }
    }
}
