/// One cell group of the board's table: a group × type's figures (SPEC §5).
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

    /// Counts the live records of an alignment and its discrepancies.
    public init(register: [Record], portal: [Record], alignment: Alignment, discrepancies: [Discrepancy]) {
        var groups: [InspectionGroup: [RecordType: SummaryCounts]] = [:]
        for group in InspectionGroup.allCases {
            groups[group] = Dictionary(uniqueKeysWithValues: RecordType.allCases.map { ($0, SummaryCounts()) })
        }
        let portalOf = alignment.portalIndexByRegister()
        var registerOf: [Int: Int] = [:]
        for match in alignment.matches { registerOf[match.portal] = match.register }
        let awaiting = Set(discrepancies.filter { $0.kind == .awaitingCentralSignOff }.compactMap(\.portal))
        let setAsideRegister = alignment.setAside[.register] ?? [:], setAsidePortal = alignment.setAside[.portal] ?? [:]
        var uncounted = 0

        for (index, record) in register.enumerated() where setAsideRegister[index] == nil {
            guard let state = record.state, state.isLiveOnRegister else { continue }
            guard let type = record.type else { uncounted += 1; continue }
            groups[record.group]![type]!.register += 1
            let counterpartLive = portalOf[index].flatMap { portal[$0].state }?.isLiveOnPortal ?? false
            if !counterpartLive { groups[record.group]![type]!.notOnPortal += 1 }
        }
        for (index, record) in portal.enumerated() where setAsidePortal[index] == nil {
            guard let state = record.state, state.isLiveOnPortal else { continue }
            let partner = registerOf[index].map { register[$0] }
            guard let type = partner?.type ?? record.type else { uncounted += 1; continue }
            let group = partner?.group ?? record.group
            groups[group]![type]!.portal += 1
            if awaiting.contains(index) { groups[group]![type]!.awaitingCentralSignOff += 1 }
        }

        var counts: [DiscrepancyClass: Int] = Dictionary(uniqueKeysWithValues: DiscrepancyClass.allCases.map { ($0, 0) })
        for d in discrepancies { counts[d.kind, default: 0] += 1 }
        self.groups = groups
        self.discrepancyCounts = counts
        self.footnotes = []
        self.footnotes = Self.footnotes(summary: self, register: register, discrepancies: discrepancies, uncounted: uncounted)
    }

    /// Sentences for the notes under the table, each generated from the figures.
    private static func footnotes(summary: Summary, register: [Record], discrepancies: [Discrepancy], uncounted: Int) -> [String] {
        var notes: [String] = []
        func list(_ byType: [RecordType: Int]) -> String {
            let parts = RecordType.allCases.compactMap { t in byType[t].flatMap { $0 > 0 ? "\($0) \(t.noun($0))" : nil } }
            switch parts.count {
            case 0: return ""
            case 1: return parts[0]
            default: return parts.dropLast().joined(separator: ", ") + " and " + parts.last!
            }
        }
        func byType(_ kind: DiscrepancyClass) -> [RecordType: Int] {
            var counts: [RecordType: Int] = [:]
            for d in discrepancies where d.kind == kind {
                if let r = d.register, let t = register[r].type { counts[t, default: 0] += 1 }
            }
            return counts
        }
        var liveAbsent: [RecordType: Int] = [:]
        for d in discrepancies where d.kind == .absentFromPortal {
            if let r = d.register, register[r].state?.isLiveOnRegister == true, let t = register[r].type { liveAbsent[t, default: 0] += 1 }
        }
        if !list(liveAbsent).isEmpty {
            notes.append("Total on Force register includes \(list(liveAbsent)) with no record on the HMIC monitoring portal")
        }
        let closedInError = list(byType(.closedInError))
        if !closedInError.isEmpty {
            notes.append("Total on Force register includes \(closedInError) which the Force believes have been closed in error on the portal")
        }
        var awaitingByType: [RecordType: Int] = [:]
        for t in RecordType.allCases { awaitingByType[t] = summary.total(t).awaitingCentralSignOff }
        let awaiting = list(awaitingByType)
        if !awaiting.isEmpty {
            notes.append("Total on HMIC monitoring portal includes \(awaiting) closed by the FLL but still awaiting central sign-off, which remain on the portal")
        }
        if uncounted > 0 {
            notes.append("\(uncounted) live record\(uncounted == 1 ? "" : "s") with an unrecognised type \(uncounted == 1 ? "is" : "are") not counted in the table; see Discrepancies")
        }
        let unknownStatus = register.filter { $0.state == nil }.count
        if unknownStatus > 0 {
            notes.append("\(unknownStatus) register record\(unknownStatus == 1 ? "" : "s") with an unrecognised status \(unknownStatus == 1 ? "is" : "are") not counted; see Discrepancies")
        }
        return notes
    }
}
