import Spreadsheet

/// Reference pairs whose two descriptions are byte for byte the same (most pairs, in a register kept in step with
/// the portal): what the text reading reads once, and what the two sides' pools hold once.
struct SharedDescriptions {
    /// Per register record, the portal record repeating its description, or -1.
    let sharedBy: [Int32]
    /// Per portal record, the register record whose description it repeats, or -1.
    let sharesWith: [Int32]

    /// Compares the descriptions of each pair (`partner[p]`: the register record paired with portal record p by
    /// reference, or -1; pairs are one to one), in the portal's order, half the portal on each core.
    init(register: [Record], portal: [Record], partner: [Int32]) {
        let sharesWith = register.withUnsafeBufferPointer { register in
            portal.withUnsafeBufferPointer { portal in
                Self.compare(register: register, portal: portal, partner: partner, holding: nil)
            }
        }
        self.init(registerCount: register.count, portalCount: portal.count, sharesWith: sharesWith)
    }

    /// Compares the descriptions of each pair, as above, and holds those that are the same once: the portal's
    /// records are given a pool holding the same texts (`TextPool.init(holdingTextsOf:partner:own:second:)`),
    /// where a repeated description is read in the register's pool and the others in two stores of its own, filled
    /// one on each core as the pairs are compared. Once nothing else holds the portal's records as they were,
    /// their former pool goes, with its stores and the repeats' bytes. Done when each side's records read one pool
    /// (as a loaded file's do); a portal record reading another pool is left as it is. The portal's records must
    /// be held by the caller alone, or they are copied first.
    init(register: [Record], portal: inout [Record], partner: [Int32]) {
        guard let registerPool = register.first?.texts, let portalPool = portal.first?.texts,
              partner.count == portal.count, TextPool.canHoldTexts(of: portalPool, readingFrom: registerPool) else {
            self.init(register: register, portal: portal, partner: partner)
            return
        }
        let holding = Holding(stores: [TextBytes(), TextBytes()], registerPool: ObjectIdentifier(registerPool),
                              portalPool: ObjectIdentifier(portalPool))
        let sharesWith = register.withUnsafeBufferPointer { register in
            portal.withUnsafeMutableBufferPointer { portal in
                Self.compare(register: register, portal: UnsafeBufferPointer(portal), partner: partner,
                             holding: (holding, portal))
            }
        }
        let pool = TextPool(holdingTextsOf: portalPool, partner: registerPool, own: holding.stores[0],
                            second: holding.stores[1])
        // On one core: each record takes a reference to the new pool and lets go of the old, and two cores doing so
        // would pass the two counts' cache lines back and forth.
        portal.withUnsafeMutableBufferPointer { portal in
            for p in portal.indices where ObjectIdentifier(portal[p].texts) == holding.portalPool { portal[p].texts = pool }
        }
        self.init(registerCount: register.count, portalCount: portal.count, sharesWith: sharesWith)
    }

    private init(registerCount: Int, portalCount: Int, sharesWith: [Int32]) {
        var sharesWith = sharesWith
        if sharesWith.count < portalCount { sharesWith += repeatElement(-1, count: portalCount - sharesWith.count) }
        var sharedBy = [Int32](repeating: -1, count: registerCount)
        for p in sharesWith.indices where sharesWith[p] >= 0 { sharedBy[Int(sharesWith[p])] = Int32(p) }
        self.sharedBy = sharedBy
        self.sharesWith = sharesWith
    }

    /// What holding descriptions once needs while the pairs are compared: a store for each core's copies, and the
    /// two sides' pools (a record reading another is left as it is).
    private struct Holding {
        let stores: [TextBytes]
        let registerPool: ObjectIdentifier
        let portalPool: ObjectIdentifier
    }

    /// Per portal record, the register record whose description it repeats, or -1; compared in the portal's order,
    /// half on each core. `holding`, when given, also sets each portal record's span for the new pool, through
    /// the records' mutable buffer (the same memory as `portal`), while the pair's two records are in cache.
    private static func compare(register: UnsafeBufferPointer<Record>, portal: UnsafeBufferPointer<Record>,
                                partner: [Int32], holding: (Holding, UnsafeMutableBufferPointer<Record>)?) -> [Int32] {
        let pieces = consecutiveRanges(partner.count, pieces: 2)
        let descriptionOffset = MemoryLayout<Record>.offset(of: \Record.descriptionSpan)!
        return partner.withUnsafeBufferPointer { partner in
            parallelMap(pieces.count) { piece -> [Int32] in
                var found: [Int32] = []
                found.reserveCapacity(pieces[piece].count)
                for p in pieces[piece] {
                    // The partners lie anywhere in the register: each one's description is asked for a few records
                    // ahead.
                    if p + prefetchDistance < partner.count {
                        prefetch(register, Int(partner[p + prefetchDistance]), byteOffset: descriptionOffset)
                    }
                    let r = Int(partner[p])
                    let same = r >= 0 && sameDescriptions(register, r, portal, p)
                    found.append(same ? Int32(r) : -1)
                    // The span in the new pool: the partner's bytes, or a copy of the record's own (in the second
                    // store, flagged, on the second core).
                    guard let (holding, records) = holding, ObjectIdentifier(portal[p].texts) == holding.portalPool
                    else { continue }
                    if same && ObjectIdentifier(register[r].texts) == holding.registerPool {
                        records[p].descriptionSpan = register[r].descriptionSpan.marked
                    } else if !portal[p].descriptionSpan.isMarked {
                        let span = holding.stores[piece].append(portal[p].descriptionBytes)
                        records[p].descriptionSpan = piece == 0 ? span : span.flagged
                    }
                }
                return found
            }.flatMap { $0 }
        }
    }

    /// True when the descriptions of `a[i]` and `b[j]` are byte for byte the same: told apart by their lengths, held
    /// in the records, before their bytes are read. The records are read field by field where they lie, not copied.
    @inline(__always)
    private static func sameDescriptions(_ a: UnsafeBufferPointer<Record>, _ i: Int,
                                         _ b: UnsafeBufferPointer<Record>, _ j: Int) -> Bool {
        a[i].descriptionSpan.byteCount == b[j].descriptionSpan.byteCount
            && a[i].descriptionBytes.hasSameBytes(as: b[j].descriptionBytes)
    }
}
