import Foundation
import Testing

/// The held-out register shapes (Tests/Fixtures/RegisterShapesHeldOut; docs/registers.md, "Held-out shapes"): six
/// registers authored after the reader was built, their expectations committed before the tool first ran on them and
/// never changed to fit it. Each is reconciled as the shape suite reconciles its shapes, and judged by the same
/// comparison: pairs, discrepancies, record counts, summary cells, and the layout rows on the Run sheet.
///
/// A shape whose run differs is recorded as a known issue naming what differs (`knownDifferences`), so the suite stays
/// green while the difference stays on record; when the reader is changed so that the shape passes, the known issue
/// is no longer met and the test fails until the entry is removed.
@Suite struct HeldOutShapesTests {
    /// Shape → what the first run gave against what the register shows. The first run (expectations committed before
    /// it) passed four of the six shapes: closed-sheet-date-closed, rag-beside-status, subtotals-per-inspection and
    /// table-per-inspection. The other two differed as follows; both now pass.
    ///
    /// hidden-columns (6 differences: the hidden column I, last month's "Status", was read as the status instead of
    /// the visible "Current Status", giving HMIC-A-20301 closed-in-error instead of awaiting-central-sign-off,
    /// HMIC-R-20601 closed-in-error and overdue, and different Local PEEL AFI and NCPI recommendation summary cells);
    /// the reader now prefers a shown column to a hidden one and the shape passes.
    ///
    /// week-commencing-dates differed too (7 differences: "w/c DD/MM/YYYY" and "End of Qn YYYY/YY" target dates were
    /// not read, an unrecognised-value on rows 3, 4, 5, 9 and 12, and rows 3 and 4 not overdue); the reader now reads
    /// both forms and the shape passes.
    static let knownDifferences: [String: String] = [:]

    @Test(arguments: ShapeCase.all(under: ShapeCase.heldOutRoot))
    func heldOutShapeGivesTheExpectedResult(_ shape: ShapeCase) throws {
        let suite = RegisterShapesTests()
        let expected = try ShapeExpectation.load(shape.folder)
        let scratch = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let result = try suite.reconcile(shape, expected.options, into: scratch)
        var differences: [String] = []
        if result.status == 0 {
            let actual = try JSONDecoder().decode(ReconcileResult.self, from: result.stdoutData)
            differences = ShapeComparison(expected: expected, actual: actual).differences
            let runSheet = try suite.runSheetLines(scratch.appendingPathComponent("board.xlsx"))
            differences += expected.layoutRows.filter { layout in
                runSheet.contains { RunSheetLine($0).accounts(for: layout) } == false
            }.map { "\($0.kind) row \($0.registerSheet)!\($0.registerRow) is not listed on the Run sheet" }
        } else {
            differences = ["exit status \(result.status)\n\(result.stderr)"]
        }
        if let known = Self.knownDifferences[shape.shape] {
            withKnownIssue(Comment(rawValue: known)) { suite.record(shape, differences) }
        } else {
            suite.record(shape, differences)
        }
    }

    /// All six held-out shapes are there, each with a register, a portal export and its expectations.
    @Test func heldOutSetHoldsSixShapes() throws {
        let shapes = ShapeCase.all(under: ShapeCase.heldOutRoot)
        #expect(Set(shapes.map(\.shape)).count == 6)
        for shape in shapes {
            #expect(FileManager.default.fileExists(atPath: shape.folder.appendingPathComponent("portal.csv").path))
            #expect(throws: Never.self, "\(shape)") { try ShapeExpectation.load(shape.folder) }
        }
    }
}
