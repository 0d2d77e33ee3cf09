/// One cell group of the board's table: a group × type's figures (rules §5).
public struct SummaryCounts: Sendable, Equatable {
    /// Live register records.
    public var register = 0
    /// Of those, the ones with no live portal counterpart: the figure in brackets.
    public var notOnPortal = 0
    /// Live portal records of the force.
    public var portal = 0
    /// Of those, the ones classed awaiting-central-sign-off.
    public var awaitingCentralSignOff = 0

    public init() {}

    static func + (a: SummaryCounts, b: SummaryCounts) -> SummaryCounts {
        var sum = SummaryCounts()
        sum.register = a.register + b.register
        sum.notOnPortal = a.notOnPortal + b.notOnPortal
        sum.portal = a.portal + b.portal
        sum.awaitingCentralSignOff = a.awaitingCentralSignOff + b.awaitingCentralSignOff
        return sum
    }
}

/// The seed's table, computed: figures per inspection group and type, totals that are the sum of the rows,
/// discrepancy counts per class, and footnotes written from the data.
public struct Summary: Sendable {
    /// Counts per group, then per type; every group and type is present.
    public var groups: [InspectionGroup: [RecordType: SummaryCounts]]
    public var discrepancyCounts: [DiscrepancyClass: Int]
    public var footnotes: [String]

    /// Discrepancies per severity, from the per-class counts.
    public func count(of severity: Severity) -> Int {
        discrepancyCounts.reduce(0) { $0 + ($1.key.severity == severity ? $1.value : 0) }
    }

    /// "21 high, 4 medium, 11 low, 5 info".
    public var severityLine: String {
        Severity.allCases.map { "\(count(of: $0)) \($0.rawValue)" }.joined(separator: ", ")
    }

    /// The counts for one group and type.
    public func counts(_ group: InspectionGroup, _ type: RecordType) -> SummaryCounts {
        groups[group]?[type] ?? SummaryCounts()
    }

    /// The column total for one type: always the sum of the six rows.
    public func total(_ type: RecordType) -> SummaryCounts {
        InspectionGroup.allCases.reduce(SummaryCounts()) { $0 + counts($1, type) }
    }

    /// Counts the live records of an alignment and its discrepancies, in any order.
    public init(register: [Record], portal: [Record], alignment: Alignment, discrepancies: [Discrepancy]) {
        // Counted in a flat array by group and type position, then handed over as the dictionaries.
        let groupCases = InspectionGroup.allCases
        let typeCases = RecordType.allCases
        var cells = [SummaryCounts](repeating: SummaryCounts(), count: groupCases.count * typeCases.count)
        func cell(_ group: InspectionGroup, _ type: RecordType) -> Int {
            groupCases.firstIndex(of: group)! * typeCases.count + typeCases.firstIndex(of: type)!
        }
        // Partners and set-aside flags by position: arrays, not dictionaries.
        var portalOf = [Int](repeating: -1, count: register.count)
        var registerOf = [Int](repeating: -1, count: portal.count)
        for match in alignment.matches {
            portalOf[match.register] = match.portal
            registerOf[match.portal] = match.register
        }
        var awaiting = [Bool](repeating: false, count: portal.count)
        for discrepancy in discrepancies where discrepancy.kind == .awaitingCentralSignOff {
            if let portal = discrepancy.portal { awaiting[portal] = true }
        }
        let setAsideRegister = alignment.setAsideFlags(.register, count: register.count)
        let setAsidePortal = alignment.setAsideFlags(.portal, count: portal.count)
        var uncounted = 0

        let portalLive = portal.map { $0.state?.isLiveOnPortal == true }

        for index in register.indices where !setAsideRegister[index] {
            guard let state = register[index].state, state.isLiveOnRegister else { continue }
            guard let type = register[index].type else {
                uncounted += 1
                continue
            }
            let at = cell(register[index].group, type)
            cells[at].register += 1
            let partner = portalOf[index]
            if partner < 0 || !portalLive[partner] { cells[at].notOnPortal += 1 }
        }
        for index in portal.indices where !setAsidePortal[index] && portalLive[index] {
            let partner = registerOf[index]
            guard let type = partner >= 0 ? register[partner].type ?? portal[index].type : portal[index].type else {
                uncounted += 1
                continue
            }
            let at = cell(partner >= 0 ? register[partner].group : portal[index].group, type)
            cells[at].portal += 1
            if awaiting[index] { cells[at].awaitingCentralSignOff += 1 }
        }
        var groups: [InspectionGroup: [RecordType: SummaryCounts]] = [:]
        for group in groupCases {
            groups[group] = Dictionary(uniqueKeysWithValues: typeCases.map { ($0, cells[cell(group, $0)]) })
        }

        var counts: [DiscrepancyClass: Int] = Dictionary(
            uniqueKeysWithValues: DiscrepancyClass.allCases.map { ($0, 0) })
        for discrepancy in discrepancies { counts[discrepancy.kind, default: 0] += 1 }
        self.groups = groups
        self.discrepancyCounts = counts
        self.footnotes = []
        self.footnotes = Self.footnotes(
            summary: self, register: register, discrepancies: discrepancies, uncounted: uncounted)
    }

    /// Sentences for the notes under the table, each generated from the figures.
    private static func footnotes(
        summary: Summary, register: [Record], discrepancies: [Discrepancy],
        uncounted: Int
    ) -> [String] {
        var notes: [String] = []
        func list(_ byType: [RecordType: Int]) -> String {
            let parts = RecordType.allCases.compactMap { t in byType[t].flatMap { $0 > 0 ? "\($0) \(t.noun($0))" : nil }
            }
            switch parts.count {
            case 0: return ""
            case 1: return parts[0]
            default: return parts.dropLast().joined(separator: ", ") + " and " + parts.last!
            }
        }
        func byType(_ kind: DiscrepancyClass) -> [RecordType: Int] {
            var counts: [RecordType: Int] = [:]
            for discrepancy in discrepancies where discrepancy.kind == kind {
                if let r = discrepancy.register, let t = register[r].type { counts[t, default: 0] += 1 }
            }
            return counts
        }
        var liveAbsent: [RecordType: Int] = [:]
        for discrepancy in discrepancies where discrepancy.kind == .absentFromPortal {
            guard let r = discrepancy.register else { continue }
            if register[r].state?.isLiveOnRegister == true, let t = register[r].type { liveAbsent[t, default: 0] += 1 }
        }
        if !list(liveAbsent).isEmpty {
            notes.append(
                "Total on Force register includes \(list(liveAbsent)) with no record on the HMIC monitoring portal")
        }
        let closedInError = list(byType(.closedInError))
        if !closedInError.isEmpty {
            notes.append(
                "Total on Force register includes \(closedInError) which the Force believes have been closed in error on the portal"
            )
        }
        var awaitingByType: [RecordType: Int] = [:]
        for t in RecordType.allCases { awaitingByType[t] = summary.total(t).awaitingCentralSignOff }
        let awaiting = list(awaitingByType)
        if !awaiting.isEmpty {
            notes.append(
                "Total on HMIC monitoring portal includes \(awaiting) closed by the FLL but still awaiting central sign-off, which remain on the portal"
            )
        }
        if uncounted > 0 {
            notes.append(
                "\(uncounted) live record\(uncounted == 1 ? "" : "s") with an unrecognised type \(uncounted == 1 ? "is" : "are") not counted in the table; see Discrepancies"
            )
        }
        let unknownStatus = register.indices.reduce(0) { $0 + (register[$1].state == nil ? 1 : 0) }
        if unknownStatus > 0 {
            notes.append(
                "\(unknownStatus) register record\(unknownStatus == 1 ? "" : "s") with an unrecognised status \(unknownStatus == 1 ? "is" : "are") not counted; see Discrepancies"
            )
        }
        return notes
    }
}
