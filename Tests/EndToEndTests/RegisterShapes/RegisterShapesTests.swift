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
        let result = try reconcile(shape, expected.options)
        guard result.status == 0 else {
            Issue.record("\(shape): exit status \(result.status)\n\(result.stderr)")
            return
        }
        let actual = try JSONDecoder().decode(ReconcileResult.self, from: result.stdoutData)
        let differences = ShapeComparison(expected: expected, actual: actual).differences
        if !differences.isEmpty {
            let heading = "\(shape): \(differences.count) difference\(differences.count == 1 ? "" : "s")"
            Issue.record(Comment(rawValue: ([heading] + differences).joined(separator: "\n  ")))
        }
    }

    /// The suite itself: at least twenty shapes, each with a register, a portal export and its expectations, so
    /// that a shape whose files went missing fails here rather than silently dropping out of the test above.
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

    /// Runs `reconcile --json -` on one shape with the options its expectations give.
    private func reconcile(_ shape: ShapeCase, _ options: ShapeExpectation.Options) throws -> CommandResult {
        let scratch = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        var arguments = [
            "reconcile", "--register", shape.folder.appendingPathComponent(shape.registerFile).path,
            "--portal", shape.folder.appendingPathComponent("portal.csv").path,
            "--output", scratch.appendingPathComponent("board.xlsx").path,
            "--as-of", options.asOf, "--json", "-", "--quiet",
        ]
        for sheet in options.registerSheets { arguments += ["--register-sheet", sheet] }
        if !options.profile.isEmpty {
            let profile = scratch.appendingPathComponent("profile.yaml")
            try (options.profile.joined(separator: "\n") + "\n").write(to: profile, atomically: true, encoding: .utf8)
            arguments += ["--profile", profile.path]
        }
        return try run(arguments)
    }
}
