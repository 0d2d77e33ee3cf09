import Spreadsheet

/// Finds every discrepancy of rules §4 in an alignment, in the board's order: severity, class, reference.
public struct Classifier: Sendable {
    public let asOf: CalendarDate

    public init(asOf: CalendarDate) {
        self.asOf = asOf
    }

    /// All discrepancies between the two sources, sorted for the board.
    public func classify(register: [Record], portal: [Record], alignment: Alignment) -> [Discrepancy] {
        classify(
            register: register, portal: portal, alignment: alignment,
            identities: RecordIdentities(register: register, portal: portal, alignment: alignment))
    }

    /// All discrepancies, their ids made from `identities`.
    public func classify(register: [Record], portal: [Record], alignment: Alignment, identities: RecordIdentities)
        -> [Discrepancy]
    {
        var finder = Finder(
            asOf: asOf, register: register, portal: portal, alignment: alignment, identities: identities)
        finder.findAll()
        return Self.boardOrder(finder.found)
    }

    /// The discrepancies sorted by severity, class, reference (in natural order), id, and then as found.
    static func boardOrder(_ found: [Discrepancy]) -> [Discrepancy] {
        let keys = found.map { discrepancy in
            (
                rank: discrepancy.severity.rank * 100 + discrepancy.kind.boardOrder,
                reference: NaturalOrder.key(discrepancy.registerRef ?? discrepancy.portalRef ?? "")
            )
        }
        let order = found.indices.sorted { a, b in
            if keys[a].rank != keys[b].rank { return keys[a].rank < keys[b].rank }
            if keys[a].reference != keys[b].reference {
                return NaturalOrder.less(keys[a].reference, keys[b].reference)
            }
            if found[a].id != found[b].id { return found[a].id < found[b].id }
            return a < b
        }
        return order.map { found[$0] }
    }

    /// Finds the discrepancies: pairs first, then records on one side only, duplicates, and what each record
    /// says of itself.
    private struct Finder {
        let asOf: CalendarDate
        let register: [Record]
        let portal: [Record]
        let alignment: Alignment
        let identities: RecordIdentities
        var found: [Discrepancy] = []

        init(
            asOf: CalendarDate, register: [Record], portal: [Record], alignment: Alignment,
            identities: RecordIdentities
        ) {
            self.asOf = asOf
            self.register = register
            self.portal = portal
            self.alignment = alignment
            self.identities = identities
        }

        mutating func findAll() {
            alignment.matches.forEach { pair($0) }
            alignment.registerOnly.forEach { registerOnly($0) }
            alignment.portalOnly.forEach { portalOnly($0) }
            alignment.duplicates.forEach { duplicate($0) }
            let setAside = alignment.setAsideFlags(.register, count: register.count)
            for index in register.indices { registerRecord(index, setAside: setAside[index]) }
            for index in portal.indices { unrecognised(portal, at: index) }
        }

        private mutating func add(
            _ kind: DiscrepancyClass, register r: Int?, portal p: Int?, qualifier: String = "",
            _ detail: String
        ) {
            found.append(
                Discrepancy(
                    id: Discrepancy.makeID(
                        kind, registerKey: r.map(identities.registerIdentity),
                        portalKey: p.map(identities.portalIdentity), qualifier: qualifier),
                    kind: kind, register: r, portal: p, registerRef: r.map { register[$0].displayReference },
                    portalRef: p.map { portal[$0].displayReference }, registerRow: r.map { register[$0].row },
                    portalRow: p.map { portal[$0].row }, detail: detail))
        }

        /// The differences within a pair: status, type, and whether the pairing needs a person's eye.
        private mutating func pair(_ match: Match) {
            let (r, p) = (match.register, match.portal)
            if let registerState = register[r].state, let portalState = portal[p].state,
                let kind = StatusRules.classify(register: registerState, portal: portalState)
            {
                add(
                    kind, register: r, portal: p,
                    "Register status '\(register[r].statusText)' (\(registerState.rawValue)); "
                        + "portal status '\(portal[p].statusText)' (\(portalState.rawValue))")
            }
            if let registerType = register[r].type, let portalType = portal[p].type, registerType != portalType {
                add(
                    .typeMismatch, register: r, portal: p,
                    "Register type '\(register[r].typeText)'; portal type '\(portal[p].typeText)'")
            }
            if match.needsReview {
                add(
                    .needsReview, register: r, portal: p,
                    Classifier.reviewDetail(match, register: register, portal: portal))
            }
        }

        private mutating func registerOnly(_ index: Int) {
            guard let state = register[index].state, state.isLiveOnPortal else { return }
            let portalReference = register[index].portalReference
            let why =
                portalReference.isEmpty
                ? "the register gives no portal reference"
                : "portal reference \(portalReference) is not in the portal export"
            let nearMiss = alignment.registerNearMisses[index].map {
                "; " + Classifier.nearMissDetail($0, record: register[index], other: portal[$0.other])
            }
            add(
                .absentFromPortal, register: index, portal: nil,
                "Status '\(register[index].statusText)' (\(state.rawValue)); \(why)\(nearMiss ?? "")")
        }

        private mutating func portalOnly(_ index: Int) {
            guard let state = portal[index].state, state.isLiveOnPortal else { return }
            let nearMiss = alignment.portalNearMisses[index].map {
                "; " + Classifier.nearMissDetail($0, record: portal[index], other: register[$0.other])
            }
            add(
                .absentFromRegister, register: nil, portal: index,
                "Portal status '\(portal[index].statusText)' (\(state.rawValue)); "
                    + "no register row carries portal reference \(portal[index].reference)\(nearMiss ?? "")")
        }

        private mutating func duplicate(_ group: DuplicateGroup) {
            let records = group.source == .register ? register : portal
            let rows = group.records.map { String(records[$0].row) }.joined(separator: ", ")
            let first = group.records[0]
            let key = Words.referenceKey(group.reference)
            let onRegister = group.source == .register
            found.append(
                Discrepancy(
                    id: Discrepancy.makeID(
                        .duplicateReference, registerKey: onRegister ? key : nil,
                        portalKey: onRegister ? nil : key),
                    kind: .duplicateReference,
                    register: onRegister ? first : nil, portal: onRegister ? nil : first,
                    registerRef: onRegister ? group.reference : nil, portalRef: onRegister ? nil : group.reference,
                    registerRow: onRegister ? records[first].row : nil,
                    portalRow: onRegister ? nil : records[first].row,
                    detail: "\(group.records.count) \(group.source.noun) rows share reference \(group.reference) "
                        + "(rows \(rows)); only row \(records[first].row) was matched"))
        }

        /// What one register record says of itself: unknown spellings, and, when live and taking part, a missing
        /// lead or a passed target date.
        private mutating func registerRecord(_ index: Int, setAside: Bool) {
            unrecognised(register, at: index)
            guard let state = register[index].state, state.isLiveOnRegister, !setAside else { return }
            let noForceLead = register[index].forceLead.isEmpty
            let noDeliveryLead = register[index].deliveryLead.isEmpty
            if noForceLead || noDeliveryLead {
                add(
                    .missingLead, register: index, portal: nil,
                    noForceLead && noDeliveryLead
                        ? "No Force lead and delivery lead"
                        : noForceLead ? "No Force lead" : "No delivery lead")
            }
            if let target = register[index].targetDate, target < asOf {
                let days = asOf.daysSinceEpoch - target.daysSinceEpoch
                add(
                    .overdue, register: index, portal: nil,
                    "Target date \(target) passed \(days) day\(days == 1 ? "" : "s") before \(asOf)")
            }
        }

        private mutating func unrecognised(_ records: [Record], at index: Int) {
            guard records[index].type == nil || records[index].state == nil || !records[index].unreadable.isEmpty
            else { return }
            let side = records[index].source
            let (r, p) = side == .register ? (index, nil) : (nil, index)
            if records[index].type == nil {
                let text = records[index].typeText
                add(
                    .unrecognisedValue, register: r, portal: p, qualifier: "type",
                    text.isEmpty
                        ? "The \(side.noun) row has no type"
                        : "Type '\(text)' on the \(side.noun) is not a known spelling")
            }
            if records[index].state == nil {
                let text = records[index].statusText
                add(
                    .unrecognisedValue, register: r, portal: p, qualifier: "status",
                    text.isEmpty
                        ? "The \(side.noun) row has no status"
                        : "Status '\(text)' on the \(side.noun) is not a known spelling"
                            + (ColourKey.colours.contains(Words.vocabularyKey(text))
                                ? "; its meaning differs by force: give it one with a colour key row on the sheet "
                                    + "('\(text.uppercased()) = complete') or the profile's colours" : ""))
            }
            for value in records[index].unreadable {
                add(
                    .unrecognisedValue, register: r, portal: p, qualifier: value.field.rawValue,
                    Classifier.unreadableDetail(value, side: side))
            }
        }
    }

    /// "Target date 'end of spring' (column H) on the register is not a date; …": what could not be read, where,
    /// and what the tool did instead.
    static func unreadableDetail(_ value: UnreadableValue, side: Source) -> String {
        let place = value.column.isEmpty ? "" : " (column \(value.column))"
        switch value.field {
        case .group:
            return "Inspection group '\(value.text)'\(place) on the \(side.noun) is not one of the six groups; "
                + "the group was taken from the inspection title"
        case .targetDate, .closedDate:
            return "\(value.field.label.prefix(1).uppercased() + value.field.label.dropFirst()) '\(value.text)'"
                + "\(place) on the \(side.noun) is not a date; read as no date"
        default:
            return "\(value.field.label) '\(value.text)'\(place) on the \(side.noun) could not be read"
        }
    }

    /// A score as the details write it: "0.85", "1.00".
    static func twoDecimals(_ score: Double) -> String {
        let hundredths = Int((score * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    /// "possible counterpart PEEL-2023-0042 (portal row 12): same wording, but PEEL 2021/22 against PEEL 2023/25":
    /// the record on the other side that was worded alike but could not be paired, and why, this record's side
    /// first.
    static func nearMissDetail(_ miss: NearMiss, record: Record, other: Record) -> String {
        let wording =
            (miss.wording * 100).rounded() >= 95 ? "same wording" : "similar wording (\(twoDecimals(miss.wording)))"
        let here = InspectionKey(title: record.inspection).label
        let there = InspectionKey(title: other.inspection).label
        let why: String
        switch miss.reason {
        case .differentInspection: why = "\(here) against \(there)"
        case .differentType:
            why =
                "type '\(record.typeText)' against '\(other.typeText)', and the inspections do not clearly agree "
                + "(\(here) against \(there))"
        }
        return "possible counterpart \(other.displayReference) (\(other.source.noun) row \(other.row)): "
            + "\(wording), but \(why)"
    }

    /// Why a pair needs a person's eye: what was paired, how well, and what came close or what the register said.
    static func reviewDetail(_ match: Match, register: [Record], portal: [Record]) -> String {
        let reg = register[match.register]
        let por = portal[match.portal]
        func score(_ s: Double?) -> String { s.map(twoDecimals) ?? "" }
        var parts: [String] = []
        if match.review.contains(.wrongReference), let stated = match.statedPortal {
            parts.append(
                "The register gives portal reference \(reg.portalReference) (portal row \(portal[stated].row)), "
                    + "whose wording does not match "
                    + "(score \(score(match.statedScore))); paired by wording with \(por.displayReference) instead")
        } else if match.review.contains(.referenceNotFound) {
            parts.append(
                "The register gives portal reference \(reg.portalReference), which is not in the portal export; "
                    + "paired by wording with \(por.displayReference)")
        } else {
            parts.append("Paired by wording only with \(por.displayReference)")
        }
        parts[0] += " (score \(score(match.score)))"
        if match.review.contains(.weak) { parts.append("the wording agrees only weakly") }
        if match.review.contains(.ambiguous) {
            if let other = match.rivalRegister {
                parts.append(
                    "register row \(register[other].row) (\(register[other].displayReference)) matches it almost as well"
                )
            } else if let other = match.runnerUp {
                parts.append(
                    "runner-up \(portal[other].displayReference) (row \(portal[other].row)) "
                        + "scores \(score(match.runnerUpScore))")
            }
        } else if let other = match.runnerUp, match.review.contains(.weak) {
            parts.append("runner-up \(portal[other].displayReference) scores \(score(match.runnerUpScore))")
        }
        return parts.joined(separator: "; ")
    }
}

/// Orders references as a person expects: "R2" before "R10", case ignored.
enum NaturalOrder {
    /// The text's sort key: bytes that compare in plain byte order as the text should be ordered. Lower-cased
    /// UTF-8, each run of digits written as its length code (one byte in "1"…"9", so that digits still sort where
    /// digits do among other characters; longer runs add two bytes of length), its digits without leading zeros,
    /// then two bytes counting those zeros: a smaller number first, and of equal numbers the shorter run ("7" before
    /// "07").
    static func key(_ text: String) -> [UInt8] {
        var key: [UInt8] = []
        appendKey(text, to: &key)
        return key
    }

    /// True when the text with key `a` comes before the text with key `b`.
    static func less(_ a: [UInt8], _ b: [UInt8]) -> Bool { a.lexicographicallyPrecedes(b) }

    /// Appends the text's sort key to `key`.
    static func appendKey(_ text: String, to key: inout [UInt8]) {
        let bytes = Array(text.lowercased().utf8)
        func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
        var i = 0
        while i < bytes.count {
            guard isDigit(bytes[i]) else {
                key.append(bytes[i])
                i += 1
                continue
            }
            let start = i
            while i < bytes.count && isDigit(bytes[i]) { i += 1 }
            var significant = start
            while significant < i - 1 && bytes[significant] == 0x30 { significant += 1 }
            let length = i - significant
            let zeros = significant - start
            if length <= 8 {
                key.append(0x30 + UInt8(length))
            } else {
                key.append(0x39)
                key.append(UInt8(truncatingIfNeeded: length >> 8))
                key.append(UInt8(truncatingIfNeeded: length))
            }
            key += bytes[significant..<i]
            key.append(UInt8(truncatingIfNeeded: zeros >> 8))
            key.append(UInt8(truncatingIfNeeded: zeros))
        }
    }
}
