import Foundation
import Spreadsheet

/// Where a delivery lead says an item stands: the drop-down of the form's Current position column.
public enum CurrentPosition: String, CaseIterable, Sendable {
    case onTrack = "On track"
    case atRisk = "At risk"
    case offTrack = "Off track"
    case complete = "Complete"

    /// The position a returned cell names, ignoring case, spacing and dashes ("on-track"); nil for anything else.
    public init?(written: String) {
        let key = Words.referenceKey(written)
        guard let match = Self.allCases.first(where: { Words.referenceKey($0.rawValue) == key }) else { return nil }
        self = match
    }
}

/// One item's row of a returned update form, as the delivery lead filled it in (the seed, 3.4: where the item
/// stands, what has been done and its impact, the evidence, what is still ongoing and when it will be complete).
public struct ItemUpdate: Sendable, Equatable {
    /// The item's id as the form carries it (`RoundItems.itemID`); empty when the lead left it blank.
    public var itemID: String
    /// The register reference the form showed.
    public var reference: String
    /// The lead the form was written for.
    public var lead: String
    /// The date the form was sent out for (its round); nil when the form does not say.
    public var round: CalendarDate?
    /// The file the update came from, and its row there (1-based).
    public var file: String
    public var row: Int
    /// Current position as written; `position` is nil when it is not one of the drop-down's values.
    public var positionText: String
    public var done: String
    public var impact: String
    public var evidence: String
    public var ongoing: String
    /// Expected completion, when it reads as a date; `expectedCompletionText` keeps what was written.
    public var expectedCompletion: CalendarDate?
    public var expectedCompletionText: String
    /// Propose closure as written ("Yes", "No", or anything else a lead typed).
    public var proposeClosureText: String

    /// An update from its cells; every field but the file may be empty.
    public init(
        itemID: String, reference: String = "", lead: String, round: CalendarDate?, file: String, row: Int,
        positionText: String = "", done: String = "", impact: String = "", evidence: String = "",
        ongoing: String = "", expectedCompletion: CalendarDate? = nil, expectedCompletionText: String = "",
        proposeClosureText: String = ""
    ) {
        self.itemID = itemID
        self.reference = reference
        self.lead = lead
        self.round = round
        self.file = file
        self.row = row
        self.positionText = positionText
        self.done = done
        self.impact = impact
        self.evidence = evidence
        self.ongoing = ongoing
        self.expectedCompletion = expectedCompletion
        self.expectedCompletionText = expectedCompletionText
        self.proposeClosureText = proposeClosureText
    }

    public var position: CurrentPosition? { CurrentPosition(written: positionText) }

    /// True when the lead answered Yes (or Y, True) to Propose closure.
    public var proposesClosure: Bool {
        ["yes", "y", "true"].contains(proposeClosureText.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
    }

    /// True when the lead answered Propose closure with something other than yes, no or nothing.
    var closureAnswerIsUnclear: Bool {
        !proposesClosure
            && !["", "no", "n", "false"].contains(
                proposeClosureText.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
    }

    /// True when the lead wrote nothing in any of their columns: the item was not updated.
    public var isEmpty: Bool {
        [positionText, done, impact, evidence, ongoing, expectedCompletionText, proposeClosureText]
            .allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } && expectedCompletion == nil
    }

    /// "At risk, 30/11/2026: <what has been done>; expected completion 31/03/2027": the position in one line, for
    /// the Discrepancies sheet and the next round's form.
    public var summaryLine: String {
        var parts = [positionText.isEmpty ? "No position given" : positionText]
        if let round { parts[0] += " (\(round.ukDayFirst))" }
        if !done.isEmpty { parts.append("Done: \(done)") }
        if !ongoing.isEmpty { parts.append("Ongoing: \(ongoing)") }
        if let expectedCompletion {
            parts.append("Expected completion \(expectedCompletion.ukDayFirst)")
        } else if !expectedCompletionText.isEmpty {
            parts.append("Expected completion '\(expectedCompletionText)'")
        }
        if proposesClosure { parts.append("Closure proposed") }
        return parts.joined(separator: ". ")
    }
}

/// What is wrong with a returned update: each is shown beside the update on the Updates sheet, and none loses it.
public enum UpdateProblem: Sendable, Equatable {
    /// The ID is not an item of the register (or the lead blanked it).
    case unknownItem
    /// The item is on the register under another lead.
    case notThisLeadsItem(owner: String)
    /// Closure proposed with nothing in Evidence.
    case closureWithoutEvidence
    /// Expected completion falls before the as-of date.
    case completionPassed(CalendarDate)
    /// The register or the portal has closed the item since the form was sent.
    case closedSinceSent(status: String)
    /// Another return covers the same item; the files of the others.
    case duplicateReturn(others: [String])
    /// The form is from an earlier round than this one: shown, not used.
    case earlierRound(CalendarDate)
    /// Expected completion is not a date.
    case unreadableDate(String)
    /// Current position is not one of the drop-down's values.
    case unknownPosition(String)
    /// Propose closure is neither Yes nor No.
    case unclearClosureAnswer(String)

    /// One sentence the governance officer can act on.
    public var message: String {
        switch self {
        case .unknownItem: return "unknown ID: not an item of the register"
        case .notThisLeadsItem(let owner): return "not this lead's item: the register gives it to \(owner)"
        case .closureWithoutEvidence: return "closure proposed without evidence"
        case .completionPassed(let d): return "expected completion \(d.ukDayFirst) is already past"
        case .closedSinceSent(let status): return "item closed since the form went out (\(status))"
        case .duplicateReturn(let others): return "two returns for one item (also in \(others.joined(separator: ", ")))"
        case .earlierRound(let d): return "a form from an earlier round (\(d.ukDayFirst)): shown, not used"
        case .unreadableDate(let text): return "expected completion '\(text)' is not a date"
        case .unknownPosition(let text):
            let values = CurrentPosition.allCases.map(\.rawValue).joined(separator: ", ")
            return "current position '\(text)' is not one of \(values)"
        case .unclearClosureAnswer(let text): return "propose closure '\(text)' is neither Yes nor No"
        }
    }
}
