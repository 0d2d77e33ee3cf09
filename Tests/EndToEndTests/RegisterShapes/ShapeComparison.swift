import Foundation

/// The parts of `reconcile --json` (SPEC §6) a shape is judged on.
struct ReconcileResult: Decodable {
    struct Input: Decodable { var records: Int }
    struct Inputs: Decodable {
        var register: Input
        var portal: Input
    }
    struct Match: Decodable {
        var registerRow: Int?
        var registerSheet: String?
        var portalRef: String?
    }
    struct Discrepancy: Decodable {
        var `class`: String
        var registerRow: Int?
        var registerSheet: String?
        var portalRef: String?
    }
    struct Group: Decodable {
        var group: String
        var causeOfConcern: ShapeExpectation.Counts
        var recommendation: ShapeExpectation.Counts
        var areaForImprovement: ShapeExpectation.Counts

        func counts(_ type: String) -> ShapeExpectation.Counts {
            switch type {
            case "causeOfConcern": return causeOfConcern
            case "recommendation": return recommendation
            default: return areaForImprovement
            }
        }
    }
    struct Summary: Decodable { var groups: [Group] }

    var inputs: Inputs
    var matches: [Match]
    var discrepancies: [Discrepancy]
    var summary: Summary

    /// Whether the result names the sheet of register rows; when it does not, rows are compared without sheets
    /// (a register of several sheets can then only be told apart by row number and portal reference).
    var namesSheets: Bool {
        matches.contains { $0.registerSheet != nil } || discrepancies.contains { $0.registerSheet != nil }
    }
}

/// Every difference between what a shape should give and what the run gave, as lines a person can act on.
struct ShapeComparison {
    let expected: ShapeExpectation
    let actual: ReconcileResult

    static let types = ["causeOfConcern", "recommendation", "areaForImprovement"]

    var differences: [String] {
        recordCounts + pairDifferences + discrepancyDifferences + summaryDifferences
    }

    private var recordCounts: [String] {
        var lines: [String] = []
        if actual.inputs.register.records != expected.registerRecords {
            lines.append(
                "register records: expected \(expected.registerRecords), read \(actual.inputs.register.records)")
        }
        if actual.inputs.portal.records != expected.portalRecords {
            lines.append("portal records: expected \(expected.portalRecords), read \(actual.inputs.portal.records)")
        }
        return lines
    }

    /// "Register!7" or "row 7": a register row as the comparison names it.
    private func registerPlace(sheet: String?, row: Int?) -> String {
        guard let row else { return "-" }
        return actual.namesSheets ? "\(sheet ?? "?")!\(row)" : "row \(row)"
    }

    private var pairDifferences: [String] {
        let wanted = expected.pairs.map {
            Line(
                key: "pair \(registerPlace(sheet: $0.registerSheet, row: $0.registerRow)) ↔ \($0.portalRef)",
                note: $0.registerRef.map { " (register ref \($0))" } ?? "")
        }
        let got = actual.matches.map {
            "pair \(registerPlace(sheet: $0.registerSheet, row: $0.registerRow)) ↔ \($0.portalRef ?? "-")"
        }
        return Self.multisetDifference(wanted: wanted, got: got)
    }

    private var discrepancyDifferences: [String] {
        let wanted = expected.discrepancies.map {
            Line(
                key: "\($0.class) register \(registerPlace(sheet: $0.registerSheet, row: $0.registerRow)) "
                    + "portal \($0.portalRef ?? "-")",
                note: $0.registerRef.map { " (register ref \($0))" } ?? "")
        }
        let tolerated: Set<String> = expected.pairsByWording ? ["needs-review"] : []
        let got = actual.discrepancies.filter { !tolerated.contains($0.class) }.map {
            "\($0.class) register \(registerPlace(sheet: $0.registerSheet, row: $0.registerRow)) "
                + "portal \($0.portalRef ?? "-")"
        }
        return Self.multisetDifference(wanted: wanted, got: got)
    }

    private var summaryDifferences: [String] {
        var lines: [String] = []
        let groups = Dictionary(actual.summary.groups.map { ($0.group, $0) }, uniquingKeysWith: { a, _ in a })
        for group in actual.summary.groups.map(\.group) + expected.summary.keys.filter({ groups[$0] == nil }).sorted() {
            for type in Self.types {
                let want = expected.summary[group]?[type] ?? ShapeExpectation.Counts()
                let got = groups[group]?.counts(type) ?? ShapeExpectation.Counts()
                if want != got {
                    lines.append(
                        "summary \(group) / \(type): expected \(Self.figures(want)), got \(Self.figures(got))")
                }
            }
        }
        return lines
    }

    /// "register 2, notOnPortal 1, portal 3, awaiting 0".
    private static func figures(_ c: ShapeExpectation.Counts) -> String {
        "register \(c.register), notOnPortal \(c.notOnPortal), portal \(c.portal), awaiting \(c.awaitingCentralSignOff)"
    }

    /// An expected line: what is compared, and a note for the reader.
    struct Line {
        var key: String
        var note = ""
    }

    /// Lines missing from `got` ("missing …") and lines `got` has beyond `wanted` ("unexpected …"), counted with
    /// repeats.
    static func multisetDifference(wanted: [Line], got: [String]) -> [String] {
        var remaining: [String: Int] = [:]
        for line in got { remaining[line, default: 0] += 1 }
        var lines: [String] = []
        for line in wanted {
            if let count = remaining[line.key], count > 0 {
                remaining[line.key] = count - 1
            } else {
                lines.append("missing \(line.key)\(line.note)")
            }
        }
        for (line, count) in remaining.sorted(by: { $0.key < $1.key }) where count > 0 {
            lines += Array(repeating: "unexpected \(line)", count: count)
        }
        return lines
    }
}
