import Spreadsheet

/// A returned form that could not be read as one, or a note about one: shown on the Updates sheet and on stderr.
public struct FormProblem: Sendable, Equatable {
    public var file: String
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }
}

/// What the board takes from an update that proposes closure (the seed, 3.5 and Appendix A).
public enum ClosureVerdict: Sendable, Equatable {
    /// Closure not proposed.
    case notProposed
    /// Proposed with evidence, open on the portal and not yet put to the FLL: a candidate for the board.
    case candidate
    /// Proposed, but not a candidate, and why.
    case notCandidate(String)
}

/// One returned update as the board sees it: the update, the register item it concerns, what is wrong with it and
/// whether it makes the item a closure candidate.
public struct ReviewedUpdate: Sendable {
    public var update: ItemUpdate
    /// Index into the register's records; nil for an unknown id.
    public var record: Int?
    public var problems: [UpdateProblem]
    public var closure: ClosureVerdict
    /// True when this is the item's latest position: the one the next round's form and the Discrepancies sheet show.
    public var isLatest: Bool
    /// True when the update came from an earlier workbook rather than a form returned this round.
    public var isCarried: Bool
}

/// The delivery leads' update round (rules §9): the returned updates checked against the register and the portal,
/// the closure candidates for the board, and who has not replied. Pure computation: the forms are read elsewhere.
public struct UpdateRound: Sendable {
    /// This round's returns, then the items' earlier positions carried from the previous workbook.
    public var updates: [ReviewedUpdate]
    /// Files among the returns that were not read as forms, or were read with a note.
    public var formProblems: [FormProblem]
    /// Leads the register gives live items to (the forms this round sent), in alphabetical order.
    public var formsSent: [String]
    /// Leads whose form came back this round.
    public var formsReturned: [String]
    /// True when forms were returned for this run (`--updates`); false when positions are only carried forward.
    public var hasReturns: Bool
    /// The board's decision on each earlier closure candidate, by item id, carried from the previous workbook.
    public var boardDecisions: [String: BoardDecision]

    /// What the board decided about a closure candidate, and its notes.
    public struct BoardDecision: Sendable, Equatable {
        public var decision: String
        public var notes: String

        public init(decision: String, notes: String) {
            self.decision = decision
            self.notes = notes
        }
    }

    /// The board's choices for a closure candidate, after the seed's 3.5: put it to the FLL, embed and sustain,
    /// or remedial action.
    public static let boardDecisionChoices = [
        "Request closure from FLL", "More evidence needed", "Embed and sustain first", "Remedial action required",
    ]

    /// "18 of 21 forms returned, 40 updates (3 with a problem), 1 closure candidate; 2 notes on the files": the
    /// round in one line, for the Summary and the run's closing message.
    public var headline: String {
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        let returned = updates.filter { !$0.isCarried }
        let line =
            "\(formsReturned.count) of \(count(formsSent.count, "form")) returned, "
            + "\(count(returned.count, "update")) (\(returned.filter { !$0.problems.isEmpty }.count) with a problem), "
            + count(candidates.count, "closure candidate")
        return formProblems.isEmpty ? line : line + "; \(count(formProblems.count, "note")) on the files"
    }

    /// The leads whose forms did not come back.
    public var formsMissing: [String] {
        formsSent.filter { sent in !formsReturned.contains { RoundItems.sameLead($0, sent) } }
    }

    /// The updates that make their items closure candidates, in register order.
    public var candidates: [ReviewedUpdate] {
        updates.filter { $0.closure == .candidate }.sorted { ($0.record ?? 0) < ($1.record ?? 0) }
    }

    /// Each item's latest position, by register index.
    public var latestByRecord: [Int: ItemUpdate] {
        var latest: [Int: ItemUpdate] = [:]
        for reviewed in updates where reviewed.isLatest {
            if let record = reviewed.record { latest[record] = reviewed.update }
        }
        return latest
    }

    /// Checks `returns` (this round's forms, in the order read) against `result`; `carried` are the items' latest
    /// positions from the previous workbook and `previousAsOf` its as-of date, before which a form is an old one.
    public init(
        result: Reconciliation, returns: [ItemUpdate], formProblems: [FormProblem], hasReturns: Bool,
        carried: [ItemUpdate] = [], boardDecisions: [String: BoardDecision] = [:], previousAsOf: CalendarDate? = nil
    ) {
        let context = RoundContext(result: result)
        // This round is the newest date a returned form carries after the previous run; older forms are old ones.
        let currentRound = returns.compactMap(\.round).filter { round in previousAsOf.map { round > $0 } ?? true }.max()
        var reviewed = returns.map { context.review($0, asOf: result.asOf, currentRound: currentRound) }
        Self.markDuplicates(&reviewed)
        var latestRecords = Self.keepTheLastReturnOfEachItem(&reviewed)
        for update in carried {
            guard let record = context.record(for: update.itemID), !latestRecords.contains(record) else { continue }
            latestRecords.insert(record)
            reviewed.append(
                ReviewedUpdate(
                    update: update, record: record, problems: [], closure: .notProposed, isLatest: true,
                    isCarried: true))
        }
        updates = reviewed
        self.formProblems = formProblems
        self.hasReturns = hasReturns
        self.boardDecisions = boardDecisions
        formsSent = hasReturns ? RoundItems.byLead(result.register.records).map(\.lead) : []
        var returned: [String] = []
        for update in returns where !update.lead.isEmpty && (update.round == currentRound || currentRound == nil) {
            if !returned.contains(where: { RoundItems.sameLead($0, update.lead) }) { returned.append(update.lead) }
        }
        formsReturned = returned.sorted { RoundItems.leadKey($0) < RoundItems.leadKey($1) }
    }

    /// Leaves the last return read of each item as its latest, demoting the earlier ones (a closure candidate among
    /// them is no longer one); returns the register indexes that have a latest position.
    private static func keepTheLastReturnOfEachItem(_ reviewed: inout [ReviewedUpdate]) -> Set<Int> {
        var latestRecords = Set<Int>()
        for i in reviewed.indices.reversed() where reviewed[i].isLatest {
            guard let record = reviewed[i].record, !latestRecords.insert(record).inserted else { continue }
            reviewed[i].isLatest = false
            if reviewed[i].closure == .candidate {
                reviewed[i].closure = .notCandidate("a later return for the item is used")
            }
        }
        return latestRecords
    }

    /// Flags every return of an item that another return of this round also covers; the last one read stays the
    /// item's latest, and none is dropped.
    private static func markDuplicates(_ reviewed: inout [ReviewedUpdate]) {
        var byRecord: [Int: [Int]] = [:]
        for i in reviewed.indices where reviewed[i].isLatest {
            if let record = reviewed[i].record { byRecord[record, default: []].append(i) }
        }
        for indices in byRecord.values where indices.count > 1 {
            for i in indices {
                let others = indices.filter { $0 != i }.map {
                    "\(reviewed[$0].update.file) row \(reviewed[$0].update.row)"
                }
                reviewed[i].problems.append(.duplicateReturn(others: others))
            }
        }
    }
}
