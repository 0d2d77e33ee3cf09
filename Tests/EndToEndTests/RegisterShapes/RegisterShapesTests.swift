import Foundation
import Testing

/// Registers kept the way forces and PCCs keep them (SPEC §8; docs/registers.md "The shapes we test"): each shape is
/// reconciled by the built binary on the default run, and its pairs, discrepancies and summary table must be the
/// ones its expected.json gives. A failure lists every difference of the shape at once.
///
/// The fixtures are checked in; Tools/make-register-shapes/make_shapes.py rebuilds them (it needs openpyxl and
/// LibreOffice, this test does not).
@Suite struct RegisterShapesTests {
    @Test(arguments: ShapeCase.all())
    func shapeGivesTheExpectedResult(_ shape: ShapeCase) throws {
        let expected = try ShapeExpectation.load(shape.folder)
        let scratch = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let result = try reconcile(shape, expected.options, into: scratch)
        guard result.status == 0 else {
            Issue.record("\(shape): exit status \(result.status)\n\(result.stderr)")
            return
        }
        let actual = try JSONDecoder().decode(ReconcileResult.self, from: result.stdoutData)
        record(shape, ShapeComparison(expected: expected, actual: actual).differences)
    }

    /// Every heading, blank, totals, key and action row of a shape is listed on the workbook's Run sheet with its
    /// row number and what it was taken for (SPEC §8: "each is listed on the Run sheet with its reason").
    @Test(arguments: ShapeCase.all().filter { !($0.expectation?.layoutRows.isEmpty ?? true) })
    func layoutRowsAreListedOnTheRunSheet(_ shape: ShapeCase) throws {
        let expected = try ShapeExpectation.load(shape.folder)
        let scratch = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let result = try reconcile(shape, expected.options, into: scratch)
        guard result.status == 0 else {
            Issue.record("\(shape): exit status \(result.status)\n\(result.stderr)")
            return
        }
        let runSheet = try runSheetLines(scratch.appendingPathComponent("board.xlsx"))
        let unlisted = expected.layoutRows.filter { layout in
            runSheet.contains { RunSheetLine($0).accounts(for: layout) } == false
        }
        record(
            shape,
            unlisted.map { "\($0.kind) row \($0.registerSheet)!\($0.registerRow) is not listed on the Run sheet" })
    }

    /// The suite itself: at least twenty shapes, each with a register, a portal export and its expectations, so
    /// that a shape whose files went missing fails here rather than silently dropping out of the tests above.
    @Test func suiteHoldsTwentyShapesOrMore() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: ShapeCase.root.path)
        #expect(folders.count >= 20)
        let withRegister = Set(ShapeCase.all().map(\.shape))
        for folder in folders {
            #expect(withRegister.contains(folder), "\(folder) has no register file")
            let url = ShapeCase.root.appendingPathComponent(folder)
            #expect(FileManager.default.fileExists(atPath: url.appendingPathComponent("portal.csv").path), "\(folder)")
            #expect(throws: Never.self, "\(folder)/expected.json") { try ShapeExpectation.load(url) }
        }
    }

    /// The Run-sheet check finds a row by its number and its kind, and is not fooled by numbers elsewhere.
    @Test func runSheetLineNamesTheRowAndItsKind() {
        let totals = ShapeExpectation.LayoutRow(registerSheet: "Register", registerRow: 14, kind: "totals")
        #expect(RunSheetLine("Skipped register row 14: totals row (COUNTIF), not a record").accounts(for: totals))
        #expect(RunSheetLine("Layout Register!14 total open").accounts(for: totals))
        #expect(!RunSheetLine("Skipped register row 140: totals row").accounts(for: totals))
        #expect(
            !RunSheetLine("Skipped register row 14: no reference, type, status or description").accounts(for: totals))
        #expect(
            !RunSheetLine("Arguments reconcile --register totals-countif/register.xlsx --as-of 2024-11-14").accounts(
                for: totals))
    }

    /// One issue per shape, listing every difference, or none.
    func record(_ shape: ShapeCase, _ differences: [String]) {
        guard !differences.isEmpty else { return }
        let heading = "\(shape): \(differences.count) difference\(differences.count == 1 ? "" : "s")"
        Issue.record(Comment(rawValue: ([heading] + differences).joined(separator: "\n  ")))
    }

    /// Runs `reconcile --json -` on one shape with the options its expectations give, writing board.xlsx into
    /// `folder`.
    func reconcile(_ shape: ShapeCase, _ options: ShapeExpectation.Options, into folder: URL) throws
        -> CommandResult
    {
        var arguments = [
            "reconcile", "--register", shape.folder.appendingPathComponent(shape.registerFile).path,
            "--portal", shape.folder.appendingPathComponent("portal.csv").path,
            "--output", folder.appendingPathComponent("board.xlsx").path,
            "--as-of", options.asOf, "--json", "-", "--quiet",
        ]
        for sheet in options.registerSheets { arguments += ["--register-sheet", sheet] }
        if !options.profile.isEmpty {
            let profile = folder.appendingPathComponent("profile.yaml")
            try (options.profile.joined(separator: "\n") + "\n").write(to: profile, atomically: true, encoding: .utf8)
            arguments += ["--profile", profile.path]
        }
        return try run(arguments)
    }

    /// The Run sheet of a workbook the tool wrote, one string per spreadsheet row, read back with `dump`.
    func runSheetLines(_ workbook: URL) throws -> [String] {
        let dump = try run(["dump", workbook.path, "--sheet", "Run", "--format", "json"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: dump.stdoutData) as? [String: Any], "dump: \(dump.stderr)")
        let sheets = try #require(document["sheets"] as? [[String: Any]])
        let cells = try #require(sheets.first?["cells"] as? [String: Any])
        var rows: [Int: [String]] = [:]
        for (reference, value) in cells {
            guard let row = Int(reference.drop { $0.isLetter }) else { continue }
            rows[row, default: []].append("\(value)")
        }
        return rows.keys.sorted().map { rows[$0, default: []].joined(separator: " ") }
    }
}

/// One row of the Run sheet, and whether it accounts for a layout row: it names the row ("row 14" or "Register!14")
/// and says what the row was taken for in one of the words a person would use.
struct RunSheetLine {
    let text: String
    let words: [Substring]

    init(_ text: String) {
        self.text = text.lowercased()
        words = self.text.split { !$0.isLetter && !$0.isNumber }
    }

    static let kindWords: [String: [String]] = [
        "heading": ["heading"], "blank": ["blank", "empty"], "totals": ["total", "totals"],
        "key": ["key", "legend"], "action": ["action"],
    ]

    func accounts(for layout: ShapeExpectation.LayoutRow) -> Bool {
        let kinds = Self.kindWords[layout.kind] ?? [layout.kind]
        return names(row: layout.registerRow) && words.contains { kinds.contains(String($0)) }
    }

    /// "row 14" as two words, or a cell-style "…!14".
    private func names(row: Int) -> Bool {
        let number = String(row)
        let afterRow = zip(words, words.dropFirst()).contains { $0 == "row" && $1 == number }
        return afterRow || text.range(of: "!\(number)(?![0-9])", options: .regularExpression) != nil
    }
}
