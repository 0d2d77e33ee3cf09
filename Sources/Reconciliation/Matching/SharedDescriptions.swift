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
        var portal = portal
        self.init(register: register, portal: &portal, partner: partner, holdingOnce: false)
    }

    /// Compares the descriptions of each pair, as above, and holds those that are the same once: the portal's
    /// records are given a pool holding the same texts (`TextPool.init(holdingTextsOf:partner:)`), where a
    /// repeated description is read in the register's pool and the others are copied into two stores of its own
    /// (one filled on each core as the pairs are compared). Once nothing else holds the portal's records as they
    /// were, their former pool goes, with its stores and the repeats' bytes. Done when each side's records read
    /// one pool (as a loaded file's do); a portal record reading another pool is left as it is.
    init(register: [Record], portal: inout [Record], partner: [Int32], holdingOnce: Bool = true) {
        let registerPool = register.first?.texts, portalPool = portal.first?.texts
        let newPool = holdingOnce && partner.count == portal.count && registerPool != nil && portalPool != nil
            ? TextPool(holdingTextsOf: portalPool!, partner: registerPool!) : nil
        let holding = newPool != nil
        let registerID = registerPool.map(ObjectIdentifier.init), portalID = portalPool.map(ObjectIdentifier.init)
        let stores = holding ? [TextBytes(), TextBytes()] : []
        let pieces = consecutiveRanges(partner.count, pieces: 2)
        let descriptionOffset = MemoryLayout<Record>.offset(of: \Record.descriptionSpan)!
        var sharesWith = register.withUnsafeBufferPointer { register in
            portal.withUnsafeMutableBufferPointer { portal in
                partner.withUnsafeBufferPointer { partner in
                    parallelMap(pieces.count) { piece -> [Int32] in
                        var found: [Int32] = []
                        found.reserveCapacity(pieces[piece].count)
                        for p in pieces[piece] {
                            // The partners lie anywhere in the register: each one's description is asked for a few
                            // records ahead.
                            if p + prefetchDistance < partner.count {
                                prefetch(register, Int(partner[p + prefetchDistance]), byteOffset: descriptionOffset)
                            }
                            let r = Int(partner[p])
                            let same = r >= 0 && Self.sameDescriptions(register, r, UnsafeBufferPointer(portal), p)
                            found.append(same ? Int32(r) : -1)
                            // While the pair's two records are in cache, the span in the new pool: the partner's
                            // bytes, or a copy of the record's own (in the second store, flagged, on the second core).
                            guard holding, ObjectIdentifier(portal[p].texts) == portalID else { continue }
                            if same && ObjectIdentifier(register[r].texts) == registerID {
                                portal[p].descriptionSpan = register[r].descriptionSpan.marked
                            } else if !portal[p].descriptionSpan.isMarked {
                                let span = stores[piece].append(portal[p].descriptionBytes)
                                portal[p].descriptionSpan = piece == 0 ? span : span.flagged
                            }
                        }
                        return found
                    }.flatMap { $0 }
                }
            }
        }
        if let newPool {
            newPool.replaceStores(own: stores[0], second: stores[1])
            // On one core: each record takes a reference to the new pool and lets go of the old, and two cores
            // doing so would pass the two counts' cache lines back and forth.
            portal.withUnsafeMutableBufferPointer { portal in
                for p in portal.indices where ObjectIdentifier(portal[p].texts) == portalID { portal[p].texts = newPool }
            }
        }
        if sharesWith.count < portal.count { sharesWith += repeatElement(-1, count: portal.count - sharesWith.count) }
        var sharedBy = [Int32](repeating: -1, count: register.count)
        for p in sharesWith.indices where sharesWith[p] >= 0 { sharedBy[Int(sharesWith[p])] = Int32(p) }
        self.sharedBy = sharedBy
        self.sharesWith = sharesWith
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
