import Foundation
import Spreadsheet

/// How a finding stands on the two sides, which decides what the reconciliation must report for it.
enum Situation {
    /// Live on the register and live on the portal: counted on both sides, nothing to report.
    case live
    /// Live on the register, closed on the portal: closed-in-error.
    case closedInError
    /// Live on the register, not on the portal at all: absent-from-portal.
    case absent
    /// Live on the register, withdrawn on the portal: status-conflict.
    case withdrawnOnPortal
    /// Live on both sides, but the register calls it an AFI and the portal a recommendation: type-mismatch.
    case typeMismatch
    /// Closed by the FLL, awaiting central sign-off on the portal: counted on the portal only.
    case awaitingSignOff
    /// Closed on both sides.
    case closed
    /// Superseded or withdrawn on both sides.
    case notApplicable
    /// Awaiting sign-off on the register, already closed on the portal: register-out-of-date.
    case registerOutOfDate
    /// A register status outside the vocabulary ("Green"), closed on the portal: unrecognised-value.
    case unrecognisedStatus
}

/// A line of the plan: how many findings of one type, from one inspection, in one situation.
struct PlanLine {
    var inspection: String
    /// "coc", "rec" or "afi".
    var type: String
    var situation: Situation
    var count: Int
}

/// The samples' plan. The figures it must give are pinned by Tests/ReconciliationTests/SamplesTests.swift.
let plan: [PlanLine] = [
    // Causes of concern. Local PEEL 7 (0); National PEEL 3 (1); CDI 1; Other 10 (1); portal 20 incl. 1 awaiting sign-off.
    PlanLine(inspection: "peel2021", type: "coc", situation: .live, count: 3),
    PlanLine(inspection: "peel2023", type: "coc", situation: .live, count: 4),
    PlanLine(inspection: "peel2021", type: "coc", situation: .awaitingSignOff, count: 1),
    PlanLine(inspection: "peel2019", type: "coc", situation: .closed, count: 2),
    PlanLine(inspection: "spotlightBetrayal", type: "coc", situation: .live, count: 1),
    PlanLine(inspection: "spotlightBetrayal", type: "coc", situation: .closedInError, count: 1),
    PlanLine(inspection: "spotlightDiverging", type: "coc", situation: .live, count: 1),
    PlanLine(inspection: "cdi", type: "coc", situation: .live, count: 1),
    PlanLine(inspection: "cdi", type: "coc", situation: .closed, count: 1),
    PlanLine(inspection: "vetting", type: "coc", situation: .live, count: 3),
    PlanLine(inspection: "vawg", type: "coc", situation: .live, count: 2),
    PlanLine(inspection: "rape", type: "coc", situation: .live, count: 1),
    PlanLine(inspection: "fraud", type: "coc", situation: .live, count: 1),
    PlanLine(inspection: "custody", type: "coc", situation: .live, count: 2),
    PlanLine(inspection: "stateOfPolicing", type: "coc", situation: .absent, count: 1),

    // Recommendations. Local PEEL 36; National PEEL 5; DA 2; NCPI 7; CDI 2; Other 89 (14); portal 131 incl. 4 awaiting.
    PlanLine(inspection: "peel2019", type: "rec", situation: .live, count: 14),
    PlanLine(inspection: "peel2021", type: "rec", situation: .live, count: 12),
    PlanLine(inspection: "peel2023", type: "rec", situation: .live, count: 10),
    PlanLine(inspection: "peel2019", type: "rec", situation: .closed, count: 4),
    PlanLine(inspection: "spotlightBetrayal", type: "rec", situation: .live, count: 2),
    PlanLine(inspection: "spotlightHardYards", type: "rec", situation: .live, count: 1),
    PlanLine(inspection: "spotlightDiverging", type: "rec", situation: .live, count: 2),
    PlanLine(inspection: "spotlightHardYards", type: "rec", situation: .closed, count: 1),
    PlanLine(inspection: "daThematic", type: "rec", situation: .live, count: 2),
    PlanLine(inspection: "daThematic", type: "rec", situation: .closed, count: 2),
    PlanLine(inspection: "daThematic", type: "rec", situation: .notApplicable, count: 1),
    PlanLine(inspection: "ncpi", type: "rec", situation: .live, count: 7),
    PlanLine(inspection: "ncpi", type: "rec", situation: .closed, count: 3),
    PlanLine(inspection: "cdi", type: "rec", situation: .live, count: 1),
    PlanLine(inspection: "vsa", type: "rec", situation: .live, count: 1),
    PlanLine(inspection: "cdi", type: "rec", situation: .closed, count: 2),
    PlanLine(inspection: "fraud", type: "rec", situation: .live, count: 8),
    PlanLine(inspection: "vetting", type: "rec", situation: .live, count: 14),
    PlanLine(inspection: "custody", type: "rec", situation: .live, count: 6),
    PlanLine(inspection: "stalking", type: "rec", situation: .live, count: 7),
    PlanLine(inspection: "roads", type: "rec", situation: .live, count: 6),
    PlanLine(inspection: "vawg", type: "rec", situation: .live, count: 10),
    PlanLine(inspection: "slavery", type: "rec", situation: .live, count: 7),
    PlanLine(inspection: "rape", type: "rec", situation: .live, count: 9),
    PlanLine(inspection: "stopSearch", type: "rec", situation: .live, count: 8),
    PlanLine(inspection: "vetting", type: "rec", situation: .closedInError, count: 1),
    PlanLine(inspection: "roads", type: "rec", situation: .closedInError, count: 1),
    PlanLine(inspection: "youthViolence", type: "rec", situation: .absent, count: 6),
    PlanLine(inspection: "neighbourhoodGuarantee", type: "rec", situation: .absent, count: 6),
    PlanLine(inspection: "fraud", type: "rec", situation: .awaitingSignOff, count: 1),
    PlanLine(inspection: "stalking", type: "rec", situation: .awaitingSignOff, count: 1),
    PlanLine(inspection: "slavery", type: "rec", situation: .awaitingSignOff, count: 1),
    PlanLine(inspection: "stopSearch", type: "rec", situation: .awaitingSignOff, count: 1),
    PlanLine(inspection: "vawg", type: "rec", situation: .registerOutOfDate, count: 1),
    PlanLine(inspection: "stalking", type: "rec", situation: .closed, count: 2),
    PlanLine(inspection: "slavery", type: "rec", situation: .closed, count: 2),
    PlanLine(inspection: "fraud", type: "rec", situation: .closed, count: 1),
    PlanLine(inspection: "slavery", type: "rec", situation: .notApplicable, count: 1),

    // Areas for improvement. Local PEEL 17 (3); National PEEL 2 (1); Other 10 (1); portal 24.
    PlanLine(inspection: "peel2021", type: "afi", situation: .live, count: 6),
    PlanLine(inspection: "peel2023", type: "afi", situation: .live, count: 8),
    PlanLine(inspection: "peel2025", type: "afi", situation: .absent, count: 3),
    PlanLine(inspection: "peel2021", type: "afi", situation: .unrecognisedStatus, count: 1),
    PlanLine(inspection: "peel2021", type: "afi", situation: .closed, count: 2),
    PlanLine(inspection: "peel2019", type: "afi", situation: .closed, count: 1),
    PlanLine(inspection: "spotlightDiverging", type: "afi", situation: .live, count: 1),
    PlanLine(inspection: "spotlightDiverging", type: "afi", situation: .closedInError, count: 1),
    PlanLine(inspection: "custody", type: "afi", situation: .live, count: 5),
    PlanLine(inspection: "roads", type: "afi", situation: .live, count: 2),
    PlanLine(inspection: "vetting", type: "afi", situation: .live, count: 1),
    PlanLine(inspection: "custody", type: "afi", situation: .typeMismatch, count: 1),
    PlanLine(inspection: "roads", type: "afi", situation: .withdrawnOnPortal, count: 1),
    PlanLine(inspection: "custody", type: "afi", situation: .closed, count: 2),
]

/// How many live, matched register records get a target date before the as-of date (overdue).
let overdueCount = 9
/// How many live, matched register records have no delivery lead (missing-lead).
let missingLeadCount = 2
/// The seed every run starts from: change it and every sample changes.
let seed: UInt64 = 0x4E4D_5030_2026_1130

/// A date cell: written as UK day-first or ISO text in CSV, and as a real date in XLSX.
struct DateCell {
    var date: CalendarDate
    var iso: Bool

    /// The text a CSV export shows.
    var text: String { iso ? date.description : ukDate(date) }
}

/// One row of the force register.
struct RegisterRow {
    var ref: String
    var portalRef: String
    var type: String
    var inspection: String
    var description: String
    var forceLead: String
    var deliveryLead: String
    var board: String
    var status: String
    var target: DateCell?
    var closed: DateCell?
    var pafArea: String

    /// The header row, in column order.
    static let headers = [
        "Ref", "Portal Ref", "Type", "Originating Inspection", "Description", "Force Lead", "Delivery Lead",
        "Governance Board", "Status", "Target Date", "Date Closed", "PAF Area",
    ]
}

/// One row of the monitoring-portal export.
struct PortalRow {
    var id: String
    var report: String
    var type: String
    var text: String
    var status: String
    var closed: CalendarDate?

    /// The header row, in column order.
    static let headers = [
        "Force", "Recommendation ID", "Report", "Type", "Recommendation Text", "Status", "Date Closed",
    ]
}

/// Both files' rows, in the order they are written.
struct Samples {
    var register: [RegisterRow]
    var portal: [PortalRow]
}

/// "30/11/2026".
func ukDate(_ date: CalendarDate) -> String {
    func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
    return "\(pad(date.day))/\(pad(date.month))/\(date.year)"
}

/// The last day of a month.
func monthEnd(_ year: Int, _ month: Int) -> CalendarDate {
    var day = 31
    while !CalendarDate.isValid(year: year, month: month, day: day) { day -= 1 }
    return CalendarDate(year: year, month: month, day: day)
}

/// Builds every row from the plan with a fixed-seed generator: the same rows on every run.
func makeSamples() -> Samples {
    var random = SplitMix64(seed: seed)
    let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    // Findings in the order the force would have logged them: oldest inspection first.
    struct Finding {
        var line: PlanLine
        var inspection: Inspection
        var overdue = false
        var missingLead = false
    }
    var findings: [Finding] = []
    for line in plan {
        guard let inspection = inspections[line.inspection] else { fatalError("no inspection \(line.inspection)") }
        for _ in 0..<line.count { findings.append(Finding(line: line, inspection: inspection)) }
    }
    findings = findings.enumerated().sorted { a, b in
        a.element.inspection.year != b.element.inspection.year
            ? a.element.inspection.year < b.element.inspection.year : a.offset < b.offset
    }.map(\.element)

    // Flag overdue and missing-lead records among the live, matched ones.
    let liveIndexes = findings.indices.filter { findings[$0].line.situation == .live }
    let flagged = random.shuffled(liveIndexes)
    for index in flagged.prefix(overdueCount) { findings[index].overdue = true }
    for index in flagged.dropFirst(overdueCount).prefix(missingLeadCount) { findings[index].missingLead = true }

    // Each inspection hands out its (theme, action) pairs in a shuffled order; repeats get a different ending.
    var actionQueues: [String: [(theme: String, action: String)]] = [:]
    var actionUse: [String: Int] = [:]
    func nextAction(_ key: String, _ inspection: Inspection) -> (theme: Theme, action: String) {
        if actionQueues[key] == nil {
            var pairs: [(theme: String, action: String)] = []
            for name in inspection.themes { for action in themes[name]!.actions { pairs.append((name, action)) } }
            actionQueues[key] = random.shuffled(pairs)
        }
        let queue = actionQueues[key]!
        let use = actionUse[key, default: 0]
        actionUse[key] = use + 1
        let pair = queue[use % queue.count]
        let endings = [
            "", ", and report progress to the Inspection and Audit Monitoring Board",
            ", working with partner agencies where appropriate", ", and evaluate the difference this makes",
        ]
        return (themes[pair.theme]!, pair.action + endings[(use / queue.count) % endings.count])
    }

    var register: [RegisterRow] = []
    var portal: [PortalRow] = []
    var portalNumber = 10_180 + random.below(60)
    let statusesOpen = [
        "Open", "In progress", "In progress", "Being progressed", "Ongoing", "Amber", "Amber", "Red",
        "Not started", "Submitted for closure", "Awaiting FLL review",
    ]
    let closureRequested: Set<String> = ["Submitted for closure", "Awaiting FLL review"]
    let closedSpellings = ["Completed", "Signed off", "Closed", "Complete"]

    for (number, finding) in findings.enumerated() {
        let line = finding.line
        let inspection = finding.inspection
        let (theme, action) = nextAction(line.inspection, inspection)
        let ref = "NMP-" + String(repeating: "0", count: max(0, 4 - String(number + 1).count)) + String(number + 1)

        // Wording, as HMICFRS writes it.
        let deadline = "\(monthNames[random.pick([2, 5, 8, 11])]) \(inspection.year + 1)"
        let description: String
        switch line.type {
        case "coc":
            let who = inspection.national ? "Northmoor Police" : "the force"
            description =
                "The force's approach to \(theme.topic) is a cause of concern. To address this, within six months "
                + "\(who) should \(action)."
        case "rec":
            let who =
                inspection.national ? random.pick(["all chief constables", "chief constables"]) : "Northmoor Police"
            let wording = inspection.national ? addressedToChiefConstables(action) : action
            description =
                random.chance(80)
                ? "By \(deadline), \(who) should \(wording)."
                : "\(who.prefix(1).uppercased() + who.dropFirst()) should immediately \(wording)."
        default:
            description = "The force should \(action)."
        }

        // Portal identity: the portal's type decides the letter, and the register writes the id its own way.
        let portalType = line.situation == .typeMismatch ? "rec" : line.type
        portalNumber += 1 + random.below(3)
        let letter = ["coc": "C", "rec": "R", "afi": "A"][portalType]!
        let portalID = "HMIC-\(letter)-\(portalNumber)"
        var written: String
        switch random.below(20) {
        case 0, 1: written = "hmic \(letter.lowercased()) \(portalNumber)"
        case 2, 3: written = "HMIC\(letter)\(portalNumber)"
        case 4: written = "HMIC_\(letter)_\(portalNumber)"
        case 5: written = "HMIC/\(letter)/\(portalNumber)"
        case 6: written = "hmic-\(letter.lowercased())-\(portalNumber)"
        default: written = portalID
        }
        if line.situation == .absent { written = random.chance(80) ? "" : "TBC" }

        // Statuses, dates and closure on each side.
        var status: String
        var portalStatus: String?
        var target: CalendarDate?
        var closed: CalendarDate?
        var portalClosed: CalendarDate?
        let monthsAhead = 11 + random.below(13)  // December 2026 to December 2027
        let liveTarget =
            random.chance(8)
            ? CalendarDate(year: 2026, month: 11, day: 30)
            : monthEnd(2026 + monthsAhead / 12, monthsAhead % 12 + 1)
        let overdueTarget = monthEnd(2025 + random.below(2), random.below(10) + 1)
        let closedDay = CalendarDate(
            daysSinceEpoch: CalendarDate(year: min(inspection.year + 1, 2025), month: 1, day: 1).daysSinceEpoch
                + random.below(600))
        switch line.situation {
        case .live, .typeMismatch:
            status = random.pick(statusesOpen)
            portalStatus = closureRequested.contains(status) || random.chance(8) ? "Closure requested" : "Open"
            target = finding.overdue ? overdueTarget : liveTarget
        case .closedInError:
            status = random.pick(["Open", "In progress", "Amber"])
            portalStatus = "Closed"
            portalClosed = CalendarDate(year: 2026, month: random.below(9) + 1, day: random.below(28) + 1)
            target = liveTarget
        case .absent:
            status = random.pick(["Not started", "Open", "In progress"])
            portalStatus = nil
            target = random.chance(85) ? monthEnd(2027, random.below(12) + 1) : nil
        case .withdrawnOnPortal:
            status = "Ongoing"
            portalStatus = "Withdrawn"
            target = liveTarget
        case .awaitingSignOff:
            status =
                line.type == "coc"
                ? "Closed by FLL - awaiting central sign-off" : random.pick(["FLL closed", "Closed by FLL"])
            portalStatus = "Awaiting central sign-off"
            target = monthEnd(2026, random.below(4) + 8)
            closed = CalendarDate(year: 2026, month: 11, day: random.below(20) + 1)
        case .closed:
            status = random.pick(closedSpellings)
            portalStatus = "Closed"
            target = monthEnd(inspection.year + 1, random.below(12) + 1)
            closed = closedDay
            portalClosed = CalendarDate(daysSinceEpoch: closedDay.daysSinceEpoch + random.below(40))
        case .notApplicable:
            status = random.pick(["Superseded", "Withdrawn"])
            portalStatus = "Withdrawn"
            closed = closedDay
        case .registerOutOfDate:
            status = "Awaiting central sign-off"
            portalStatus = "Closed"
            target = monthEnd(2026, 6)
            closed = CalendarDate(year: 2026, month: 7, day: 14)
            portalClosed = CalendarDate(year: 2026, month: 9, day: 2)
        case .unrecognisedStatus:
            status = "Green"
            portalStatus = "Closed"
            target = monthEnd(2024, 3)
            portalClosed = CalendarDate(year: 2024, month: 5, day: 20)
        }
        let targetCell = target.map { DateCell(date: $0, iso: random.chance(10)) }
        let closedCell = closed.map { DateCell(date: $0, iso: false) }

        register.append(
            RegisterRow(
                ref: ref, portalRef: written, type: random.pick(registerTypeSpellings[line.type]!),
                inspection: inspection.title, description: description, forceLead: theme.forceLead,
                deliveryLead: finding.missingLead ? "" : random.pick(theme.deliveryLeads), board: theme.board,
                status: status,
                target: targetCell, closed: closedCell, pafArea: inspection.group.contains("PEEL") ? theme.pafArea : "")
        )
        if let portalStatus {
            var text = description
            if random.chance(15), text.count > 110 { text = String(text.prefix(100)).trimmingSpaces + "…" }
            portal.append(
                PortalRow(
                    id: portalID, report: inspection.title, type: portalTypeSpelling[portalType]!, text: text,
                    status: portalStatus, closed: portalClosed))
        }
    }

    // Interleave the groups as a register kept over years would, then copy one closed row a second time,
    // as happens when a row is pasted twice.
    register = random.shuffled(register)
    let closedStatuses = Set(closedSpellings)
    let closedRows = register.indices.filter { closedStatuses.contains(register[$0].status) }
    let original = random.pick(closedRows)
    var copy = register[original]
    copy.status = "Signed off"
    register.insert(copy, at: original + 1)
    portal = random.shuffled(portal)
    return Samples(register: register, portal: portal)
}

extension String {
    /// The text without trailing spaces.
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

/// An action written for one force ("make sure that it uses its …") reworded for chief constables ("… that they use their …").
func addressedToChiefConstables(_ action: String) -> String {
    let verbs = [
        ("that it uses", "that they use"), ("that it tracks and arrests", "that they track and arrest"),
        ("that it analyses and explains", "that they analyse and explain"), ("that it engages", "that they engage"),
        ("that it can", "that they can"), ("that it attends", "that they attend"), ("that it gives", "that they give"),
        ("how it records", "how they record"), ("how it identifies", "how they identify"),
        ("how it evaluates", "how they evaluate"), ("how it deals", "how they deal"),
        ("how it manages", "how they manage"), ("how it supports", "how they support"),
        ("the time it takes", "the time they take"),
    ]
    var text = action
    for (single, plural) in verbs { text = text.replacingOccurrences(of: single, with: plural) }
    return text.replacingOccurrences(of: " its ", with: " their ")
}
