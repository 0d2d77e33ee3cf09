/// Pairs register records with portal records (SPEC §3): by normalised reference, through a hash index.
public struct Matcher: Sendable {
    public init() {}

    /// Aligns the two sources. Each step is linear in the number of records.
    public func align(register: [Record], portal: [Record]) -> Alignment {
        var setAside: [Source: [Int: String]] = [.register: [:], .portal: [:]]
        var duplicates: [DuplicateGroup] = []

        // Duplicates within each source, by the record's own reference.
        let registerKeep = Self.firstOfEachReference(register, source: .register, into: &duplicates, setAside: &setAside)
        let portalKeep = Self.firstOfEachReference(portal, source: .portal, into: &duplicates, setAside: &setAside)

        // Index the portal by its id.
        var portalByKey: [String: Int] = [:]
        portalByKey.reserveCapacity(portal.count)
        for index in portalKeep where !portal[index].matchKey.isEmpty {
            portalByKey[portal[index].matchKey] = index
        }

        // Reference step: each portal record pairs once; a second register record naming it is a duplicate.
        var matches: [Match] = []
        var claimedBy: [Int: Int] = [:]
        var registerOnly: [Int] = []
        var sharedPortalReference: [String: DuplicateGroup] = [:]
        var sharedOrder: [String] = []
        for index in registerKeep {
            let key = register[index].matchKey
            guard !key.isEmpty, let portalIndex = portalByKey[key] else {
                registerOnly.append(index)
                continue
            }
            if let first = claimedBy[portalIndex] {
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
        let portalOnly = portalKeep.filter { claimedBy[$0] == nil }
        return Alignment(matches: matches, registerOnly: registerOnly, portalOnly: portalOnly,
                         duplicates: duplicates, setAside: setAside)
    }

    /// The records that take part in matching: all but the second and later rows sharing a reference.
    private static func firstOfEachReference(_ records: [Record], source: Source, into duplicates: inout [DuplicateGroup],
                                             setAside: inout [Source: [Int: String]]) -> [Int] {
        var firstByKey: [String: Int] = [:]
        var groupByKey: [String: Int] = [:]
        var keep: [Int] = []
        keep.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            let key = Words.referenceKey(record.reference)
            guard !key.isEmpty else {
                keep.append(index)
                continue
            }
            guard let first = firstByKey[key] else {
                firstByKey[key] = index
                keep.append(index)
                continue
            }
            if let group = groupByKey[key] {
                duplicates[group].records.append(index)
            } else {
                groupByKey[key] = duplicates.count
                duplicates.append(DuplicateGroup(source: source, reference: records[first].reference, records: [first, index]))
            }
            setAside[source]![index] = "duplicate of reference \(records[first].reference) on row \(records[first].row)"
        }
        return keep
    }
}
