import Foundation
import Testing

/// `profile check` refuses what would make a run go wrong quietly: an entry matching blank cells.
@Suite struct ProfileCheckTests {
    @Test func anEntryMatchingBlankCellsIsRefusedWithItsLineAndExitStatus65() throws {
        let dir = try Paths.scratch()
        try "states:\n  closed: [Done, \"/^\\\\s*$/\"]\n".write(
            to: dir.appendingPathComponent("blank.yaml"), atomically: true, encoding: .utf8)
        let result = try run(["profile", "check", "blank.yaml"], in: dir)
        #expect(result.status == 65)
        #expect(result.stderr.contains("blank.yaml"))
        #expect(result.stderr.contains("line 2"))
        #expect(result.stderr.contains("would match blank cells"))
    }

    @Test func patternsRemovalsAndColoursPassTheCheck() throws {
        let dir = try Paths.scratch()
        try """
        headers:
          register:
            forceLead: ["Force lead…"]
            status: {remove: [progress], add: ["/^rag/"]}
        colours:
          green: on track
          blue: complete
        """.write(to: dir.appendingPathComponent("good.yaml"), atomically: true, encoding: .utf8)
        let result = try run(["profile", "check", "good.yaml"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("the profile is valid"))
    }

    @Test func theProfileShownInTheRegistersGuidePassesTheCheck() throws {
        let guide = try String(
            contentsOf: Paths.packageRoot.appendingPathComponent("docs/registers.md"), encoding: .utf8)
        let blocks = guide.components(separatedBy: "```yaml\n").dropFirst().map {
            $0.components(separatedBy: "```")[0]
        }
        let example = try #require(blocks.first { $0.contains("headers:") && $0.contains("colours:") })
        let dir = try Paths.scratch()
        try example.write(to: dir.appendingPathComponent("guide.yaml"), atomically: true, encoding: .utf8)
        let result = try run(["profile", "check", "guide.yaml"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
    }
}
