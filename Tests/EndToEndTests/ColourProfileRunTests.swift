import Foundation
import Testing

/// A register kept in colours, run with three profile lines that say what GREEN and BLUE mean, and without them.
@Suite struct ColourProfileRunTests {
    static let register = """
        Ref,Portal Ref,Type,Inspection,Description,Status,Force Lead,Delivery Lead,Target Date
        R1,HMIC-1,AFI,PEEL 2021/22,The force should improve call handling,Green,ACC A,Supt B,Mar-27
        R2,HMIC-2,AFI,PEEL 2021/22,The force should improve vetting,Blue,ACC A,Supt B,TBC
        R3,HMIC-3,AFI,PEEL 2021/22,The force should improve custody,Amber,ACC A,Supt B,Q1 2024/25

        """
    static let portal = """
        Recommendation ID,Report,Finding Type,Recommendation Text,Current Status
        HMIC-1,PEEL 2021/22,AFI,The force should improve call handling,Open
        HMIC-2,PEEL 2021/22,AFI,The force should improve vetting,Open
        HMIC-3,PEEL 2021/22,AFI,The force should improve custody,Open

        """

    func classes(_ arguments: [String], in dir: URL) throws -> [String: Int] {
        let result = try run(
            [
                "reconcile", "--register", "register.csv", "--portal", "portal.csv", "--output", "out.xlsx",
                "--as-of", "2026-11-30", "--json", "-", "--quiet",
            ] + arguments, in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let doc = try #require(JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let summary = try #require(doc["summary"] as? [String: Any])
        return try #require(summary["discrepancies"] as? [String: Int]).filter { $0.value > 0 }
    }

    @Test func threeProfileLinesGiveGreenAndBlueTheirMeaning() throws {
        let dir = try Paths.scratch()
        try Self.register.write(to: dir.appendingPathComponent("register.csv"), atomically: true, encoding: .utf8)
        try Self.portal.write(to: dir.appendingPathComponent("portal.csv"), atomically: true, encoding: .utf8)
        // Without a key the colours are not guessed; Q1 2024/25 has passed, so R3 is overdue either way.
        #expect(try classes([], in: dir) == ["unrecognised-value": 2, "overdue": 1])
        try "colours:\n  green: on track\n  blue: complete\n".write(
            to: dir.appendingPathComponent("colours.yaml"), atomically: true, encoding: .utf8)
        // BLUE is complete on the register while the portal still has it open: not closed in error, a conflict.
        #expect(
            try classes(["--profile", "colours.yaml"], in: dir) == ["status-conflict": 1, "overdue": 1])
    }
}
