import Reconciliation
import Spreadsheet

/// The update round's members of the `--json` result (rules §9): every update returned or carried, the closure
/// candidates, the leads whose forms did not come back, and the files not read as forms.
struct UpdateRoundJSON {
    let result: Reconciliation
    let round: UpdateRound

    func write(to json: inout JSONWriter) throws {
        try json.key("updates")
        try json.beginArray()
        for reviewed in round.updates { try update(reviewed, to: &json) }
        json.endArray()
        try json.key("closureCandidates")
        try json.beginArray()
        for candidate in round.candidates { try self.candidate(candidate, to: &json) }
        json.endArray()
        try json.key("formsNotReturned")
        try json.beginArray()
        for lead in round.formsMissing { try json.string(lead) }
        json.endArray()
        try json.key("formProblems")
        try json.beginArray()
        for problem in round.formProblems {
            try json.beginObject()
            try json.key("file")
            try json.string(problem.file)
            try json.key("message")
            try json.string(problem.message)
            json.endObject()
        }
        json.endArray()
    }

    private func update(_ reviewed: ReviewedUpdate, to json: inout JSONWriter) throws {
        let update = reviewed.update
        try json.beginObject()
        try json.key("itemId")
        try json.string(update.itemID)
        try json.key("registerRef")
        try json.string(reviewed.record.map { result.register.records[$0].displayReference })
        try json.key("lead")
        try json.string(update.lead)
        try json.key("formAsOf")
        try json.string(update.round?.description)
        for (key, value) in [
            ("currentPosition", update.positionText), ("whatHasBeenDone", update.done), ("impact", update.impact),
            ("evidence", update.evidence), ("ongoingActions", update.ongoing),
        ] {
            try json.key(named: key)
            try json.string(value)
        }
        try json.key("expectedCompletion")
        try json.string(update.expectedCompletion?.description ?? nonEmpty(update.expectedCompletionText))
        try json.key("proposeClosure")
        try json.bool(update.proposesClosure)
        try json.key("closure")
        var why: String?
        switch reviewed.closure {
        case .notProposed: try json.string("not-proposed")
        case .candidate: try json.string("candidate")
        case .notCandidate(let reason):
            try json.string("not-candidate")
            why = reason
        }
        try json.key("closureNote")
        try json.string(why)
        try json.key("problems")
        try json.beginArray()
        for problem in reviewed.problems { try json.string(problem.message) }
        json.endArray()
        try json.key("latest")
        try json.bool(reviewed.isLatest)
        try json.key("carried")
        try json.bool(reviewed.isCarried)
        try json.key("file")
        try json.string(update.file)
        try json.key("row")
        try json.int(update.row > 0 ? update.row : nil)
        json.endObject()
    }

    private func candidate(_ candidate: ReviewedUpdate, to json: inout JSONWriter) throws {
        guard let index = candidate.record else { return }
        let record = result.register.records[index]
        try json.beginObject()
        try json.key("itemId")
        try json.string(candidate.update.itemID)
        try json.key("registerRef")
        try json.string(record.displayReference)
        try json.key("portalRef")
        try json.string(record.portalReference.isEmpty ? nil : record.portalReference)
        try json.key("lead")
        try json.string(candidate.update.lead)
        try json.key("evidence")
        try json.string(candidate.update.evidence)
        try json.key("boardDecision")
        try json.string(nonEmpty(round.boardDecisions[candidate.update.itemID]?.decision ?? ""))
        json.endObject()
    }

    private func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}
