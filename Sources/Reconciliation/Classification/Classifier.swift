import Spreadsheet

/// Finds every discrepancy of SPEC §4 in an alignment, in the board's order: severity, class, reference.
public struct Classifier: Sendable {
    public let asOf: CalendarDate

    public init(asOf: CalendarDate) {
        self.asOf = asOf
    }

    /// All discrepancies between the two sources, sorted for the board.
    public func classify(register: [Record], portal: [Record], alignment: Alignment) -> [Discrepancy] {
        classify(register: register, portal: portal, alignment: alignment,
                 registerFacts: RecordFacts.of(register), portalFacts: RecordFacts.of(portal))
    }

    /// `classify` with each side's `RecordFacts` gathered already. A pair's records are anywhere in memory; their
    /// facts, in order, are not: a pair or a record without a discrepancy is mostly settled on its facts alone.
    public func classify(register: [Record], portal: [Record], alignment: Alignment,
                         registerFacts: [RecordFacts], portalFacts: [RecordFacts]) -> [Discrepancy] {
        findings(register: register, portal: portal, alignment: alignment, registerFacts: registerFacts,
                 portalFacts: portalFacts).ordered()
    }

    /// Every discrepancy, found in parts on every core and not yet in the board's order.
    ///
    /// The work is cut into parts (ranges of the pairs, of the register's records, of the portal's, and the short
    /// lists); joined in order, they give what one pass would. Records are read field by field
    /// (`register[i].state`), never bound whole: copying a record retains and releases its strings and its text pool.
    func findings(register: [Record], portal: [Record], alignment: Alignment, registerFacts: [RecordFacts],
                  portalFacts: [RecordFacts]) -> Findings {
        // The parts read the facts through buffer pointers, unchecked: facts of other records would be read past.
        precondition(registerFacts.count == register.count && portalFacts.count == portal.count,
                     "each side's facts must be its records' own")
        let setAsideRegister = alignment.setAsideFlags(.register, count: register.count)
        let work = Part.cut(matches: alignment.matches.count, register: register.count, portal: portal.count)
        let parts = register.withUnsafeBufferPointer { register in
            portal.withUnsafeBufferPointer { portal in
                registerFacts.withUnsafeBufferPointer { registerFacts in
                    portalFacts.withUnsafeBufferPointer { portalFacts in
                        setAsideRegister.withUnsafeBufferPointer { setAsideRegister in
                            parallelMap(work.count) { part in
                                var finder = Finder(asOf: asOf, register: register, portal: portal, registerFacts: registerFacts,
                                                    portalFacts: portalFacts, alignment: alignment,
                                                    setAsideRegister: setAsideRegister)
                                finder.find(work[part])
                                return Findings.Part(found: finder.found, keys: finder.keys)
                            }
                        }
                    }
                }
            }
        }
        return Findings(parts: parts)
    }

    /// The discrepancies of the classifier's parts, as found.
    struct Findings: Sendable {
        /// What one part found, and the references' sort keys, one after another.
        fileprivate struct Part: Sendable {
            var found: [Found]
            var keys: [UInt8]

            /// The sort key of `found[index]`'s reference.
            func key(_ index: Int) -> ArraySlice<UInt8> {
                let start = Int(found[index].keyStart)
                return keys[start..<(start + Int(found[index].keyCount))]
            }
        }

        fileprivate let parts: [Part]

        /// What the summary counts of each discrepancy, in no particular order.
        func facts() -> [DiscrepancyFacts] {
            var facts: [DiscrepancyFacts] = []
            facts.reserveCapacity(parts.reduce(0) { $0 + $1.found.count })
            for part in parts {
                for index in part.found.indices {
                    facts.append(DiscrepancyFacts(part.found[index].discrepancy))
                }
            }
            return facts
        }

        /// The discrepancies in the board's order. The sort moves small keys, not the discrepancies, and most
        /// comparisons settle on two numbers; the discrepancies stay in their parts until taken in order: copied once.
        func ordered() -> [Discrepancy] {
            var order: [(rank: Int32, prefix: UInt64, part: Int32, index: Int32)] = []
            order.reserveCapacity(parts.reduce(0) { $0 + $1.found.count })
            for part in parts.indices {
                for index in parts[part].found.indices {
                    order.append((parts[part].found[index].rank, parts[part].found[index].prefix, Int32(part), Int32(index)))
                }
            }
            order.sort { a, b in
                if a.rank != b.rank { return a.rank < b.rank }
                if a.prefix != b.prefix { return a.prefix < b.prefix }
                // Read in place: binding the two entries would copy their strings.
                let referenceA = parts[Int(a.part)].key(Int(a.index)), referenceB = parts[Int(b.part)].key(Int(b.index))
                if referenceA != referenceB { return NaturalOrder.less(referenceA, referenceB) }
                let idA = parts[Int(a.part)].found[Int(a.index)].discrepancy.id
                let idB = parts[Int(b.part)].found[Int(b.index)].discrepancy.id
                return idA != idB ? idA < idB : (a.part, a.index) < (b.part, b.index)
            }
            return order.map { parts[Int($0.part)].found[Int($0.index)].discrepancy }
        }
    }

    /// A piece of the classifier's work.
    private enum Part {
        case matches(Range<Int>), registerOnly, portalOnly, duplicates, registerRecords(Range<Int>), portalRecords(Range<Int>)

        /// The whole work, in the order one pass takes it, the long lists cut into `pieces` ranges each.
        static func cut(matches: Int, register: Int, portal: Int, pieces: Int = 4) -> [Part] {
            func ranges(_ count: Int) -> [Range<Int>] { consecutiveRanges(count, pieces: pieces).filter { !$0.isEmpty } }
            return ranges(matches).map(Part.matches) + [.registerOnly, .portalOnly, .duplicates]
                + ranges(register).map(Part.registerRecords) + ranges(portal).map(Part.portalRecords)
        }
    }

    /// A discrepancy with its sort keys, worked out once rather than on every comparison.
    fileprivate struct Found: Sendable {
        var discrepancy: Discrepancy
        /// The first eight bytes of the reference's sort key as a number, on which most comparisons settle.
        var prefix: UInt64
        var rank: Int32
        /// Where the reference's whole sort key lies in its part's `keys`: one buffer for the part, not an array
        /// for each discrepancy.
        var keyStart: Int32
        var keyCount: Int32
    }

    /// What a repeated detail is made of: its class and up to three numbers (text numbers of the sides' pools,
    /// states, a date).
    fileprivate struct DetailKey: Hashable {
        var kind: DiscrepancyClass
        var first: UInt32
        var second: UInt32
        var third: UInt32

        init(_ kind: DiscrepancyClass, _ first: UInt32, _ second: UInt32, _ third: UInt32 = 0) {
            self.kind = kind
            self.first = first
            self.second = second
            self.third = third
        }

        init(_ kind: DiscrepancyClass, _ first: UInt32, _ second: UInt32, _ third: Int) {
            self.init(kind, first, second, UInt32(third))
        }
    }

    /// Finds the discrepancies of one part. The records are read through buffer pointers, so that threads do not
    /// share a reference count.
    private struct Finder {
        let asOf: CalendarDate
        let register: UnsafeBufferPointer<Record>
        let portal: UnsafeBufferPointer<Record>
        let registerFacts: UnsafeBufferPointer<RecordFacts>
        let portalFacts: UnsafeBufferPointer<RecordFacts>
        let alignment: Alignment
        let setAsideRegister: UnsafeBufferPointer<Bool>
        var found: [Found] = []
        /// The sort keys of the references found, one after another.
        var keys: [UInt8] = []
        /// `asOf` as written in the details, formatted once.
        lazy var asOfText = asOf.description
        /// Details already written, by what they are made of: most repeat (a pair of statuses, a target date), and
        /// a repeat is then the same string, held once and written once.
        var details: [DetailKey: String] = [:]
        /// The most details remembered: distinct statuses and dates are few, but a file can hold any number.
        static let rememberedDetails = 4096

        mutating func find(_ part: Part) {
            switch part {
            case .matches(let range): range.forEach { pair($0) }
            case .registerOnly: alignment.registerOnly.forEach { registerOnly($0) }
            case .portalOnly: alignment.portalOnly.forEach { portalOnly($0) }
            case .duplicates: alignment.duplicates.forEach { duplicate($0) }
            case .registerRecords(let range): range.forEach { registerRecord($0) }
            case .portalRecords(let range): range.forEach { unrecognised(portal, portalFacts, $0) }
            }
        }

        private mutating func add(_ kind: DiscrepancyClass, register r: Int?, portal p: Int?, qualifier: String = "",
                                  _ detail: String) {
            append(Discrepancy(
                id: Discrepancy.makeID(kind, registerKey: r.map { Classifier.identity(register, $0) },
                                       portalKey: p.map { Classifier.identity(portal, $0) }, qualifier: qualifier),
                kind: kind, register: r, portal: p, registerRef: r.map { register.displayReference(at: $0) },
                portalRef: p.map { portal.displayReference(at: $0) }, registerRow: r.map { register[$0].row },
                portalRow: p.map { portal[$0].row }, detail: detail))
        }

        private mutating func append(_ discrepancy: Discrepancy) {
            let start = keys.count
            NaturalOrder.appendKey(discrepancy.registerRef ?? discrepancy.portalRef ?? "", to: &keys)
            let key = keys[start...]
            found.append(Found(discrepancy: discrepancy, prefix: NaturalOrder.prefix(key),
                               rank: Int32(discrepancy.severity.rank * 100 + discrepancy.kind.boardOrder),
                               keyStart: Int32(start), keyCount: Int32(key.count)))
        }

        /// The differences within the pair `alignment.matches[index]`, read field by field.
        private mutating func pair(_ index: Int) {
            let r = alignment.matches[index].register, p = alignment.matches[index].portal
            if let rs = registerFacts[r].state, let ps = portalFacts[p].state, let kind = StatusRules.classify(register: rs, portal: ps) {
                let (register, portal) = (self.register, self.portal)
                let key = DetailKey(kind, register[r].statusNumber, portal[p].statusNumber, rs.code << 8 | ps.code)
                let text = detail(readSidePools(register: r, portal: p) ? key : nil) {
                    "Register status '\(register[r].statusText)' (\(rs.rawValue)); portal status '\(portal[p].statusText)' (\(ps.rawValue))"
                }
                add(kind, register: r, portal: p, text)
            }
            if let rt = registerFacts[r].type, let pt = portalFacts[p].type, rt != pt {
                let (register, portal) = (self.register, self.portal)
                let key = DetailKey(.typeMismatch, register[r].typeNumber, portal[p].typeNumber)
                let text = detail(readSidePools(register: r, portal: p) ? key : nil) {
                    "Register type '\(register[r].typeText)'; portal type '\(portal[p].typeText)'"
                }
                add(.typeMismatch, register: r, portal: p, text)
            }
            if alignment.matches[index].needsReview {
                add(.needsReview, register: r, portal: p,
                    Classifier.reviewDetail(alignment.matches[index], register: register, portal: portal))
            }
        }

        private mutating func registerOnly(_ index: Int) {
            guard let state = registerFacts[index].state, state.isLiveOnPortal else { return }
            let portalReference = register[index].portalReference, register = self.register
            // Without a portal reference the detail names only the status, and repeats.
            let key = portalReference.isEmpty && readSidePools(register: index, portal: nil)
                ? DetailKey(.absentFromPortal, register[index].statusNumber, 0, state.code) : nil
            let text = detail(key) {
                let why = portalReference.isEmpty ? "the register gives no portal reference"
                    : "portal reference \(portalReference) is not in the portal export"
                return "Status '\(register[index].statusText)' (\(state.rawValue)); \(why)"
            }
            add(.absentFromPortal, register: index, portal: nil, text)
        }

        private mutating func portalOnly(_ index: Int) {
            guard let state = portalFacts[index].state, state.isLiveOnPortal else { return }
            add(.absentFromRegister, register: nil, portal: index,
                "Portal status '\(portal[index].statusText)' (\(state.rawValue)); no register row carries portal reference \(portal[index].reference)")
        }

        private mutating func duplicate(_ group: DuplicateGroup) {
            let records = group.source == .register ? register : portal
            let rows = group.records.map { String(records[$0].row) }.joined(separator: ", ")
            let first = group.records[0]
            let key = Words.referenceKey(group.reference)
            let detail = "\(group.records.count) \(group.source.noun) rows share reference \(group.reference) (rows \(rows)); "
                + "only row \(records[first].row) was matched"
            append(Discrepancy(
                id: Discrepancy.makeID(.duplicateReference, registerKey: group.source == .register ? key : nil,
                                       portalKey: group.source == .portal ? key : nil),
                kind: .duplicateReference,
                register: group.source == .register ? first : nil, portal: group.source == .portal ? first : nil,
                registerRef: group.source == .register ? group.reference : nil,
                portalRef: group.source == .portal ? group.reference : nil,
                registerRow: group.source == .register ? records[first].row : nil,
                portalRow: group.source == .portal ? records[first].row : nil, detail: detail))
        }

        /// What one register record says of itself: unknown spellings, and, when live and taking part, a missing
        /// lead or a passed target date.
        private mutating func registerRecord(_ index: Int) {
            unrecognised(register, registerFacts, index)
            guard let state = registerFacts[index].state, state.isLiveOnRegister, !setAsideRegister[index] else { return }
            let noForceLead = register[index].forceLead.isEmpty, noDeliveryLead = register[index].deliveryLead.isEmpty
            if noForceLead || noDeliveryLead {
                // Whole literals, which need no memory of their own, on a class found on many rows.
                add(.missingLead, register: index, portal: nil,
                    noForceLead && noDeliveryLead ? "No Force lead and delivery lead" : noForceLead ? "No Force lead" : "No delivery lead")
            }
            if let target = register[index].targetDate, target < asOf {
                let (asOf, asOfText) = (self.asOf, self.asOfText)
                let key = DetailKey(.overdue, UInt32(truncatingIfNeeded: target.year), UInt32(target.month), UInt32(target.day))
                let text = detail(key) {
                    let days = asOf.daysSinceEpoch - target.daysSinceEpoch
                    return "Target date \(target) passed \(days) day\(days == 1 ? "" : "s") before \(asOfText)"
                }
                add(.overdue, register: index, portal: nil, text)
            }
        }

        /// True when the records read their side's pool (its first record's): only then do their text numbers
        /// name the same texts as other records' (records made one by one may each have a pool of their own).
        private func readSidePools(register r: Int?, portal p: Int?) -> Bool {
            (r.map { ObjectIdentifier(register[$0].texts) == ObjectIdentifier(register[0].texts) } ?? true)
                && (p.map { ObjectIdentifier(portal[$0].texts) == ObjectIdentifier(portal[0].texts) } ?? true)
        }

        /// The detail made of what `key` names: the one made before, or made now by `make` (always, without a key).
        private mutating func detail(_ key: DetailKey?, _ make: () -> String) -> String {
            guard let key else { return make() }
            if let known = details[key] { return known }
            let made = make()
            if details.count < Self.rememberedDetails { details[key] = made }
            return made
        }

        private mutating func unrecognised(_ records: UnsafeBufferPointer<Record>, _ facts: UnsafeBufferPointer<RecordFacts>,
                                           _ index: Int) {
            guard facts[index].type == nil || facts[index].state == nil else { return }
            let side = records[index].source
            if facts[index].type == nil {
                let text = records[index].typeText
                let detail = text.isEmpty ? "The \(side.noun) row has no type" : "Type '\(text)' on the \(side.noun) is not a known spelling"
                add(.unrecognisedValue, register: side == .register ? index : nil, portal: side == .portal ? index : nil,
                    qualifier: "type", detail)
            }
            if facts[index].state == nil {
                let text = records[index].statusText
                let detail = text.isEmpty ? "The \(side.noun) row has no status" : "Status '\(text)' on the \(side.noun) is not a known spelling"
                add(.unrecognisedValue, register: side == .register ? index : nil, portal: side == .portal ? index : nil,
                    qualifier: "status", detail)
            }
        }
    }

    /// Why a pair needs a person's eye: what was paired, how well, and what came close or what the register said.
    static func reviewDetail<Records: RandomAccessCollection<Record>>(_ match: Match, register: Records, portal: Records) -> String
        where Records.Index == Int {
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

    /// What makes a record the same record next month: its normalised reference, or its row when it has none.
    static func identity<Records: RandomAccessCollection<Record>>(_ records: Records, _ index: Int) -> String
        where Records.Index == Int {
        let key = Words.referenceKey(records[index].reference)
        return key.isEmpty ? "@\(records[index].row)" : key
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

    /// Appends the text's sort key to `key`.
    static func appendKey(_ text: String, to key: inout [UInt8]) {
        let isASCII = text.withUTF8Bytes { bytes in bytes.allSatisfy { $0 < 0x80 } }
        guard isASCII else { return appendKey(lowerCase: Array(text.lowercased().utf8), to: &key) }
        text.withUTF8Bytes { bytes in
            appendKey(lowerCase: bytes.lazy.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, to: &key)
        }
    }

    /// Appends the key of lower-case UTF-8 bytes to `key`.
    private static func appendKey<Bytes: RandomAccessCollection<UInt8>>(lowerCase bytes: Bytes, to key: inout [UInt8])
        where Bytes.Index == Int {
        func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
        guard bytes.contains(where: isDigit) else { return key.append(contentsOf: bytes) }
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
            let length = i - significant, zeros = significant - start
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

    /// The first eight bytes of a key as a number, zero-padded: when two prefixes differ, they order the keys.
    static func prefix<Key: RandomAccessCollection<UInt8>>(_ key: Key) -> UInt64 {
        var value: UInt64 = 0, i = key.startIndex
        for _ in 0..<8 {
            value = value << 8 | UInt64(i < key.endIndex ? key[i] : 0)
            if i < key.endIndex { i = key.index(after: i) }
        }
        return value
    }

    /// True when the text with key `a` comes before the text with key `b`.
    static func less<Key: RandomAccessCollection<UInt8>>(_ a: Key, _ b: Key) -> Bool { a.lexicographicallyPrecedes(b) }
}

extension LifecycleState {
    /// A small number for each state, for keys made of several values.
    fileprivate var code: Int {
        switch self {
        case .open: return 1
        case .closureRequested: return 2
        case .awaitingCentralSignOff: return 3
        case .closed: return 4
        case .notApplicable: return 5
        }
    }
}
