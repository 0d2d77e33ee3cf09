import Spreadsheet

/// Finds every discrepancy of SPEC §4 in an alignment, in the board's order: severity, class, reference.
public struct Classifier: Sendable {
    public let asOf: CalendarDate

    public init(asOf: CalendarDate) {
        self.asOf = asOf
    }

    /// All discrepancies between the two sources, sorted for the board.
    ///
    /// Records are read field by field (`register[i].state`), never bound whole: copying a record retains and
    /// releases its thirteen strings, which was half the cost of classifying.
    public func classify(register: [Record], portal: [Record], alignment: Alignment) -> [Discrepancy] {
        var found: [Discrepancy] = []
        func add(_ kind: DiscrepancyClass, register r: Int?, portal p: Int?, qualifier: String = "", _ detail: String) {
            found.append(Discrepancy(
                id: Discrepancy.makeID(kind, registerKey: r.map { Self.identity(register, $0) },
                                       portalKey: p.map { Self.identity(portal, $0) }, qualifier: qualifier),
                kind: kind, register: r, portal: p, registerRef: r.map { register.displayReference(at: $0) },
                portalRef: p.map { portal.displayReference(at: $0) }, registerRow: r.map { register[$0].row },
                portalRow: p.map { portal[$0].row }, detail: detail))
        }

        for match in alignment.matches {
            let r = match.register, p = match.portal
            if let rs = register[r].state, let ps = portal[p].state, let kind = StatusRules.classify(register: rs, portal: ps) {
                add(kind, register: r, portal: p,
                    "Register status '\(register[r].statusText)' (\(rs.rawValue)); portal status '\(portal[p].statusText)' (\(ps.rawValue))")
            }
            if let rt = register[r].type, let pt = portal[p].type, rt != pt {
                add(.typeMismatch, register: r, portal: p,
                    "Register type '\(register[r].typeText)'; portal type '\(portal[p].typeText)'")
            }
            if match.needsReview {
                add(.needsReview, register: match.register, portal: match.portal,
                    Self.reviewDetail(match, register: register, portal: portal))
            }
        }
        for index in alignment.registerOnly {
            guard let state = register[index].state, state.isLiveOnPortal else { continue }
            let portalReference = register[index].portalReference
            let why = portalReference.isEmpty ? "the register gives no portal reference"
                : "portal reference \(portalReference) is not in the portal export"
            add(.absentFromPortal, register: index, portal: nil, "Status '\(register[index].statusText)' (\(state.rawValue)); \(why)")
        }
        for index in alignment.portalOnly {
            guard let state = portal[index].state, state.isLiveOnPortal else { continue }
            add(.absentFromRegister, register: nil, portal: index,
                "Portal status '\(portal[index].statusText)' (\(state.rawValue)); no register row carries portal reference \(portal[index].reference)")
        }
        for group in alignment.duplicates {
            let records = group.source == .register ? register : portal // the array, shared, not copied
            let rows = group.records.map { String(records[$0].row) }.joined(separator: ", ")
            let first = group.records[0]
            let key = Words.referenceKey(group.reference)
            let detail = "\(group.records.count) \(group.source.noun) rows share reference \(group.reference) (rows \(rows)); "
                + "only row \(records[first].row) was matched"
            found.append(Discrepancy(
                id: Discrepancy.makeID(.duplicateReference, registerKey: group.source == .register ? key : nil,
                                       portalKey: group.source == .portal ? key : nil),
                kind: .duplicateReference,
                register: group.source == .register ? first : nil, portal: group.source == .portal ? first : nil,
                registerRef: group.source == .register ? group.reference : nil,
                portalRef: group.source == .portal ? group.reference : nil,
                registerRow: group.source == .register ? records[first].row : nil,
                portalRow: group.source == .portal ? records[first].row : nil, detail: detail))
        }
        let setAsideRegister = alignment.setAsideFlags(.register, count: register.count)
        for index in register.indices {
            unrecognised(register, index, add: add)
            guard let state = register[index].state, state.isLiveOnRegister, !setAsideRegister[index] else { continue }
            let noForceLead = register[index].forceLead.isEmpty, noDeliveryLead = register[index].deliveryLead.isEmpty
            if noForceLead || noDeliveryLead {
                let missing = noForceLead && noDeliveryLead ? "Force lead and delivery lead" : noForceLead ? "Force lead" : "delivery lead"
                add(.missingLead, register: index, portal: nil, "No \(missing)")
            }
            if let target = register[index].targetDate, target < asOf {
                let days = asOf.daysSinceEpoch - target.daysSinceEpoch
                add(.overdue, register: index, portal: nil, "Target date \(target) passed \(days) day\(days == 1 ? "" : "s") before \(asOf)")
            }
        }
        for index in portal.indices { unrecognised(portal, index, add: add) }

        // Sort keys are worked out once per discrepancy, not on every comparison.
        let keys = found.map { d in
            (rank: d.severity.rank * 100 + Self.classOrder[d.kind]!, reference: NaturalOrder.key(d.registerRef ?? d.portalRef ?? ""))
        }
        let order = found.indices.sorted { i, j in
            if keys[i].rank != keys[j].rank { return keys[i].rank < keys[j].rank }
            if keys[i].reference != keys[j].reference { return NaturalOrder.less(keys[i].reference, keys[j].reference) }
            return found[i].id < found[j].id
        }
        return order.map { found[$0] }
    }

    private func unrecognised(_ records: [Record], _ index: Int,
                              add: (DiscrepancyClass, Int?, Int?, String, String) -> Void) {
        guard records[index].type == nil || records[index].state == nil else { return }
        let side = records[index].source
        if records[index].type == nil {
            let text = records[index].typeText
            let detail = text.isEmpty ? "The \(side.noun) row has no type" : "Type '\(text)' on the \(side.noun) is not a known spelling"
            add(.unrecognisedValue, side == .register ? index : nil, side == .portal ? index : nil, "type", detail)
        }
        if records[index].state == nil {
            let text = records[index].statusText
            let detail = text.isEmpty ? "The \(side.noun) row has no status" : "Status '\(text)' on the \(side.noun) is not a known spelling"
            add(.unrecognisedValue, side == .register ? index : nil, side == .portal ? index : nil, "status", detail)
        }
    }

    /// Why a pair needs a person's eye: what was paired, how well, and what came close or what the register said.
    static func reviewDetail(_ match: Match, register: [Record], portal: [Record]) -> String {
        let reg = register[match.register], por = portal[match.portal]
        func score(_ s: Double?) -> String {
            guard let s else { return "" }
            let hundredths = Int((s * 100).rounded())
            return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
        }
        var parts: [String] = []
        if match.review.contains(.wrongReference), let stated = match.statedPortal {
            parts.append("The register gives portal reference \(reg.portalReference) (portal row \(portal[stated].row)), "
                         + "whose wording does not match "
                         + "(score \(score(match.statedScore))); paired by wording with \(por.displayReference) instead")
        } else if match.review.contains(.referenceNotFound) {
            parts.append("The register gives portal reference \(reg.portalReference), which is not in the portal export; "
                         + "paired by wording with \(por.displayReference)")
        } else {
            parts.append("Paired by wording only with \(por.displayReference)")
        }
        parts[0] += " (score \(score(match.score)))"
        if match.review.contains(.weak) { parts.append("the wording agrees only weakly") }
        if match.review.contains(.ambiguous) {
            if let other = match.rivalRegister {
                parts.append("register row \(register[other].row) (\(register[other].displayReference)) matches it almost as well")
            } else if let other = match.runnerUp {
                parts.append("runner-up \(portal[other].displayReference) (row \(portal[other].row)) "
                             + "scores \(score(match.runnerUpScore))")
            }
        } else if let other = match.runnerUp, match.review.contains(.weak) {
            parts.append("runner-up \(portal[other].displayReference) scores \(score(match.runnerUpScore))")
        }
        return parts.joined(separator: "; ")
    }

    private static let classOrder: [DiscrepancyClass: Int] = Dictionary(
        uniqueKeysWithValues: DiscrepancyClass.allCases.enumerated().map { ($1, $0) })

    /// What makes a record the same record next month: its normalised reference, or its row when it has none.
    static func identity(_ records: [Record], _ index: Int) -> String {
        let key = Words.referenceKey(records[index].reference)
        return key.isEmpty ? "@\(records[index].row)" : key
    }
}

/// Orders references as a person expects: "R2" before "R10", case ignored.
enum NaturalOrder {
    /// The text's comparison key: lower-cased UTF-8.
    static func key(_ text: String) -> [UInt8] { Array(text.lowercased().utf8) }

    /// Compares two keys, runs of digits by their numeric value (then by length, so "07" follows "7").
    static func less(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if isDigit(a[i]) && isDigit(b[j]) {
                let si = i, sj = j
                while i < a.count && isDigit(a[i]) { i += 1 }
                while j < b.count && isDigit(b[j]) { j += 1 }
                var zi = si, zj = sj
                while zi < i - 1 && a[zi] == 0x30 { zi += 1 }
                while zj < j - 1 && b[zj] == 0x30 { zj += 1 }
                if i - zi != j - zj { return i - zi < j - zj }
                if !a[zi..<i].elementsEqual(b[zj..<j]) { return a[zi..<i].lexicographicallyPrecedes(b[zj..<j]) }
                if i - si != j - sj { return i - si < j - sj }
                continue
            }
            if a[i] != b[j] { return a[i] < b[j] }
            i += 1
            j += 1
        }
        return i == a.count && j < b.count
    }
}
