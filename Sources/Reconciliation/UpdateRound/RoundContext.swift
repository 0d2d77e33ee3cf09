import Foundation
import Spreadsheet

/// The register and portal facts a returned update is checked against: which record an id names, who leads it,
/// and where it stands on each side.
struct RoundContext {
    let register: [Record]
    let portal: [Record]
    /// Item id → register index; the first record wins when two share an id.
    let recordByID: [String: Int]
    /// Register index → the portal record it is paired with.
    let portalByRecord: [Int: Int]

    init(result: Reconciliation) {
        register = result.register.records
        portal = result.portal.records
        var byID: [String: Int] = [:]
        for (index, id) in RoundItems.itemIDs(register).enumerated() where byID[id] == nil { byID[id] = index }
        recordByID = byID
        var pairs: [Int: Int] = [:]
        for match in result.alignment.matches { pairs[match.register] = match.portal }
        portalByRecord = pairs
    }

    /// The register record an id names, read case-insensitively and without surrounding spaces.
    func record(for itemID: String) -> Int? {
        recordByID[itemID.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()]
    }

    /// `update` checked against the register and the portal as at `asOf`; a form dated before `currentRound` is an
    /// old one, shown and not used.
    func review(_ update: ItemUpdate, asOf: CalendarDate, currentRound: CalendarDate?) -> ReviewedUpdate {
        guard let record = record(for: update.itemID) else {
            return ReviewedUpdate(
                update: update, record: nil, problems: [.unknownItem],
                closure: update.proposesClosure ? .notCandidate("unknown ID") : .notProposed, isLatest: false,
                isCarried: false)
        }
        var problems = Self.formProblems(of: update, asOf: asOf)
        var usable = true
        if let round = update.round, let currentRound, round < currentRound {
            problems.insert(.earlierRound(round), at: 0)
            usable = false
        }
        let owner = RoundItems.lead(of: register[record])
        if !update.lead.isEmpty, !RoundItems.sameLead(owner, update.lead) {
            problems.append(.notThisLeadsItem(owner: owner))
        }
        if let closed = closedStatus(of: record) { problems.append(.closedSinceSent(status: closed)) }
        if update.proposesClosure && update.evidence.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(.closureWithoutEvidence)
        }
        return ReviewedUpdate(
            update: update, record: record, problems: problems,
            closure: verdict(update, record: record, problems: problems, usable: usable), isLatest: usable,
            isCarried: false)
    }

    /// What is wrong with the cells a lead filled in, whatever the item.
    static func formProblems(of update: ItemUpdate, asOf: CalendarDate) -> [UpdateProblem] {
        var problems: [UpdateProblem] = []
        let position = update.positionText.trimmingCharacters(in: .whitespacesAndNewlines)
        if !position.isEmpty && update.position == nil { problems.append(.unknownPosition(position)) }
        if let date = update.expectedCompletion {
            // A completed item's date is when it was done; only unfinished work can be late.
            if date < asOf, update.position != .complete { problems.append(.completionPassed(date)) }
        } else if !update.expectedCompletionText.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(.unreadableDate(update.expectedCompletionText))
        }
        if update.closureAnswerIsUnclear { problems.append(.unclearClosureAnswer(update.proposeClosureText)) }
        return problems
    }

    /// "register: Closed" when either side has closed the item (or, on the register, withdrawn or passed it to
    /// the FLL); nil while it is live on both.
    func closedStatus(of record: Int) -> String? {
        if let state = register[record].state, !state.isLiveOnRegister {
            return "register: \(register[record].statusText)"
        }
        if let p = portalByRecord[record], let state = portal[p].state, !state.isLiveOnPortal {
            return "portal: \(portal[p].statusText)"
        }
        return nil
    }

    /// Whether a proposal of closure makes the item a candidate: evidence given, open on the portal, and not
    /// already submitted for closure or awaiting sign-off on either side.
    func verdict(_ update: ItemUpdate, record: Int, problems: [UpdateProblem], usable: Bool) -> ClosureVerdict {
        guard update.proposesClosure else { return .notProposed }
        if !usable { return .notCandidate("a form from an earlier round") }
        if problems.contains(.closureWithoutEvidence) { return .notCandidate("no evidence given") }
        if let closed = closedStatus(of: record) { return .notCandidate("closed since the form went out (\(closed))") }
        if register[record].state == .closureRequested {
            return .notCandidate("already submitted for closure on the register")
        }
        guard let p = portalByRecord[record] else { return .notCandidate("not on the portal") }
        switch portal[p].state {
        case .open?: return .candidate
        case .closureRequested?: return .notCandidate("already submitted for closure on the portal")
        case .awaitingCentralSignOff?: return .notCandidate("closed by the FLL, awaiting central sign-off")
        default: return .notCandidate("not open on the portal (\(portal[p].statusText))")
        }
    }
}
