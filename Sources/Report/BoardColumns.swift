import Foundation
import Reconciliation
import Spreadsheet

/// What the board typed (First seen, Board decision, Owner, Board notes) that this run carries, by discrepancy id.
///
/// Two layers, the later over the earlier:
/// - the previous month's workbook and the board's copies of it: their Discrepancies and Changes sheets, and their
///   Board notes history for an item that resolved in an earlier month and is back now;
/// - on a rerun for the same month, the workbook being replaced and the board's copies of it (`sameMonth`, newest
///   file first).
/// Within a layer a value is an edit when it differs from what the layer below carried into the file. An edit wins
/// over an untouched value, and a text another contains gives way to the longer; two different edits are both
/// kept (owners and notes joined on separate lines; the newest file's decision kept and the other named in the
/// notes) with a warning naming both places, so nothing typed is lost.
public struct BoardColumns: Sendable {
    /// The carried columns by discrepancy id.
    public var entries: [String: PreviousDiscrepancy] = [:]
    /// What the board wrote against items no longer reported, for the Board notes history sheet.
    public var history: [PreviousDiscrepancy] = []
    /// Rows the board added, for the Board's own rows sheet; each once.
    public var ownRows: [BoardOwnRow] = []
    /// Missing board columns and disagreements between files, each naming the files.
    public var warnings: [String] = []
    /// The files the columns came from: this month's newest first, then the previous month's newest first.
    public var sources: [String] = []
    /// True when they came from more than the previous workbook alone (a rerun, or the board's copies), so that the
    /// summary line and the Run sheet name the files.
    public var namesSources = false

    public init() {}

    /// A row of an earlier workbook and the file it was read from, for messages.
    typealias Placed = (row: PreviousDiscrepancy, file: String)

    /// Gathers the board's columns from the previous month's workbook and this month's workbooks, for a run whose
    /// discrepancies have the ids `current`.
    public init(previous: PreviousRun?, sameMonth: [PreviousRun], current: Set<String>) {
        self.init(previousMonth: previous.map { [$0] } ?? [], sameMonth: sameMonth, current: current)
    }

    /// Gathers the board's columns from the previous month's workbook and the board's copies of it
    /// (`previousMonth`, newest first), then this month's workbooks, for a run whose discrepancies have the ids
    /// `current`.
    public init(previousMonth: [PreviousRun], sameMonth: [PreviousRun], current: Set<String>) {
        let all = sameMonth + previousMonth
        let restored = Dictionary(
            previousMonth.flatMap(\.boardHistory).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        entries = restored
        // What the board's copies of the previous workbook were carried from is not known: there, any text typed is
        // an edit, and two different texts are both kept.
        let earlier = previousMonth.flatMap { run in (run.discrepancies + run.changesRows).map { ($0, run.path) } }
        entries.merge(merge(earlier, over: restored)) { _, new in new }
        // This month's files are one layer: each is compared with what the previous month carried, not with
        // each other.
        let layer = sameMonth.flatMap { run in (run.discrepancies + run.changesRows).map { ($0, run.path) } }
        entries.merge(merge(layer, over: entries)) { _, new in new }
        warnings += all.flatMap(\.warnings)
        // What the board added there stays in those files, which no run writes to; the board should know it is not
        // in this workbook.
        warnings += all.flatMap { run in
            run.uncarried.map { "\(run.path): \($0) is not carried to this workbook; it stays in that file" }
        }
        sources = all.map(\.path)
        namesSources = !sameMonth.isEmpty || previousMonth.count > 1
        history = Self.history(entries: entries, earlier: all.flatMap(\.boardHistory), current: current)
        var seen = Set<String>()
        for run in all {
            for row in run.boardOwnRows where seen.insert(row.contentKey).inserted { ownRows.append(row) }
        }
    }

    /// The rows of one layer, each with its file, merged by id over `baseline`, what the layer below carried.
    /// Returns only the ids the layer holds; ids it lacks keep their baseline.
    private mutating func merge(
        _ rows: [Placed], over baseline: [String: PreviousDiscrepancy]
    ) -> [String: PreviousDiscrepancy] {
        var byID: [String: [Placed]] = [:]
        var order: [String] = []
        for row in rows {
            if byID[row.row.id] == nil { order.append(row.row.id) }
            byID[row.row.id, default: []].append(row)
        }
        var merged: [String: PreviousDiscrepancy] = [:]
        for id in order { merged[id] = combine(byID[id]!, over: baseline[id]) }
        return merged
    }

    /// One id's rows combined over the value carried below them (nil: nothing known, so any text is an edit).
    private mutating func combine(
        _ placed: [Placed], over base: PreviousDiscrepancy?
    ) -> PreviousDiscrepancy {
        let rows = placed.map(\.row)
        var result = base ?? rows[0]
        if base != nil, let first = rows.first {
            // The row's own description fields are the newer ones.
            result.severity = first.severity
            result.kind = first.kind
            result.registerRef = first.registerRef
            result.portalRef = first.portalRef
            result.description = first.description
        }
        let dates = rows.compactMap(\.firstSeen) + (base?.firstSeen.map { [$0] } ?? [])
        result.firstSeen = dates.min()
        func place(_ placed: Placed) -> String { "\(placed.file), sheet '\(placed.row.sheet)'" }
        func edits(_ field: KeyPath<PreviousDiscrepancy, String>) -> [(text: String, row: Placed)] {
            let before = base?[keyPath: field] ?? ""
            var found: [(String, Placed)] = []
            for one in placed
            where one.row[keyPath: field] != before && !found.contains(where: { $0.0 == one.row[keyPath: field] }) {
                found.append((one.row[keyPath: field], one))
            }
            // A cleared cell beside a typed one: the typed text is kept. A text that another contains (notes added
            // to) gives way to the longer one.
            let typed = found.count > 1 ? found.filter { !$0.0.isEmpty } : found
            return typed.filter { edit in !typed.contains { $0.0 != edit.0 && $0.0.contains(edit.0) } }
        }
        let id = result.id
        for (label, field, joiner) in [
            ("owners", \PreviousDiscrepancy.owner, " / "), ("board notes", \PreviousDiscrepancy.notes, "\n"),
        ] {
            let changed = edits(field)
            guard !changed.isEmpty else { continue }
            result[keyPath: field] = changed.map(\.text).joined(separator: joiner)
            if changed.count > 1 {
                warnings.append(
                    "\(id): the \(label) differ between " + changed.map { place($0.row) }.joined(separator: " and ")
                        + "; both are kept")
            }
        }
        let decisions = edits(\.decision)
        if let chosen = decisions.first {
            result.decision = chosen.text
            for other in decisions.dropFirst() {
                // Once noted, a later rerun that finds the same two decisions does not note it again.
                let line = "Board decision also given: \(other.text)"
                if !result.notes.contains(line) { result.notes += (result.notes.isEmpty ? "" : "\n") + line }
                warnings.append(
                    "\(id): the board decision is '\(chosen.text)' in \(place(chosen.row)) and '\(other.text)' in "
                        + "\(place(other.row)); the first is kept and the second added to the board notes")
            }
        }
        return result
    }

    /// What the board wrote against ids not reported now: the carried entries with something typed, then the
    /// earlier history not already among them.
    private static func history(
        entries: [String: PreviousDiscrepancy], earlier: [PreviousDiscrepancy], current: Set<String>
    ) -> [PreviousDiscrepancy] {
        var rows = entries.values.filter { !current.contains($0.id) && $0.isTyped }.sorted { $0.id < $1.id }
        var seen = Set(rows.map(\.id))
        for row in earlier where !current.contains(row.id) && row.isTyped && seen.insert(row.id).inserted {
            rows.append(row)
        }
        return rows
    }

    /// The files the columns came from, for the summary line and the Run sheet.
    public var sourceLine: String { sources.joined(separator: ", ") }
}

extension PreviousDiscrepancy {
    /// True when a board column holds text: a decision, an owner or notes.
    var isTyped: Bool { !(decision.isEmpty && owner.isEmpty && notes.isEmpty) }
}
