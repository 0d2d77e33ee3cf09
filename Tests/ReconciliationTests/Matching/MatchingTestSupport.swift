@testable import Reconciliation

/// Builds records for matching tests without reading a file.
enum Fixture {
    static func record(
        _ source: Source, row: Int, ref: String = "", portalRef: String = "", type: String = "Recommendation",
        status: String = "Open", inspection: String = "PEEL 2021/22: An inspection of Cleveland Police",
        description: String, force: String = ""
    ) -> Record {
        let key: String
        switch source {
        case .register: key = Words.referenceKey(portalRef)
        case .portal: key = Words.referenceKey(ref)
        }
        return Record(
            source: source, row: row, reference: ref, portalReference: portalRef, typeText: type,
            type: Profile.standard.recordType(type), statusText: status,
            state: Profile.standard.lifecycleState(status), inspection: inspection,
            group: InspectionGroup.derive(fromTitle: inspection), description: description, forceLead: "A",
            deliveryLead: "B", governanceBoard: "C", targetDate: nil, closedDate: nil, force: force,
            peelArea: "", matchKey: key)
    }

    static func register(
        _ row: Int, _ description: String, ref: String? = nil, portalRef: String = "",
        inspection: String = "PEEL 2021/22: An inspection of Cleveland Police", type: String = "Recommendation"
    ) -> Record {
        record(
            .register, row: row, ref: ref ?? "CLE/\(row)", portalRef: portalRef, type: type, inspection: inspection,
            description: description)
    }

    static func portal(
        _ row: Int, _ description: String, ref: String? = nil,
        inspection: String = "PEEL 2021/22: An inspection of Cleveland Police", type: String = "Recommendation"
    ) -> Record {
        record(
            .portal, row: row, ref: ref ?? "PEEL-2021-\(row)", type: type, inspection: inspection,
            description: description)
    }

    /// Unrelated findings that give the word weights something to compare against.
    static let background: [String] = [
        "The force should improve the timely supervision of missing person investigations in the control room, so that victims receive an appropriate service.",
        "The force should review the robust triage of domestic abuse cases across all neighbourhood teams, to reduce repeat victimisation.",
        "The force should strengthen the consistent safeguarding of children at risk within the public protection unit, so that vulnerable people are protected.",
        "The force should develop the accurate recording of hate crime reports in custody suites, to comply with national standards.",
        "The force should establish the thorough allocation of fraud reports in the economic crime unit, to improve outcomes for victims.",
        "The force should introduce the structured review of stop and search encounters across response policing, so that the public can have confidence in the service.",
        "The force should evaluate the reliable oversight of registered sex offenders within specialist teams, to prevent further offending.",
        "The force should monitor the proportionate use of out of court disposals at the point of arrest, so that decisions are recorded and reviewed.",
    ]

    /// Background pairs from row `start` on both sides, matched by wording.
    static func backgroundPairs(from start: Int) -> (register: [Record], portal: [Record]) {
        (
            background.enumerated().map { register(start + $0.offset, $0.element) },
            background.enumerated().map { portal(start + $0.offset, $0.element) }
        )
    }
}
