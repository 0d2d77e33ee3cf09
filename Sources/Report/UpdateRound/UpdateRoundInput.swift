import Logging
import Reconciliation
import Spreadsheet

/// The monthly run's update-round inputs: the returned forms (`--updates`) and the previous workbook's positions.
struct UpdateRoundInput {
    /// Files or folders of returned forms; empty when none were given.
    let forms: [String]
    /// The previous run, whose workbook's latest positions and board decisions carry forward.
    let previous: PreviousRun?
    /// On a rerun for the same month, the workbook replaced and the board's copies, newest first: their closure
    /// candidates' board decisions are the board's latest.
    var sameMonth: [PreviousRun] = []

    /// The round for `result`: this month's returns checked, with earlier positions carried, and the files read as
    /// forms with their SHA-256 for the Run sheet; nil when there are no returns and nothing to carry. Each file not
    /// read as a form is logged as a warning.
    func round(for result: Reconciliation, log: Logger) throws -> (round: UpdateRound, forms: [InputFacts])? {
        var carried = try previous.map { try PreviousUpdates.read($0) } ?? PreviousUpdates()
        // The newest file's decision on an item wins; older ones fill the items it has none for.
        for run in sameMonth.reversed() {
            carried.decisions.merge(try PreviousUpdates.read(run).decisions) { _, newer in newer }
        }
        guard !forms.isEmpty || !carried.latest.isEmpty else { return nil }
        let returned = try ReturnedForms.read(paths: forms)
        for problem in returned.problems { log.warning("\(problem.file): \(problem.message)") }
        if !forms.isEmpty {
            log.info("update forms: \(returned.forms.count) read, \(returned.updates.count) item updates")
        }
        let round = UpdateRound(
            result: result, returns: returned.updates, formProblems: returned.problems, hasReturns: !forms.isEmpty,
            carried: carried.latest, boardDecisions: carried.decisions, previousAsOf: carried.asOf)
        return (round, try returned.forms.map { InputFacts(path: $0, sha256: try SHA256Digest.ofFile($0)) })
    }
}
