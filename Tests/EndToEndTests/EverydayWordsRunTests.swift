import Foundation
import Testing

/// A register kept in everyday words (status sentences, long-hand types, months and quarters as targets, "TBC"
/// references and dates) against a portal export whose headers use the register's names: the default run gives
/// the right pairs, discrepancies and summary, and an unreadable date reaches the board even with --quiet.
@Suite struct EverydayWordsRunTests {
    static let register = """
        Ref,HMICFRS Ref,Finding Type,Inspection,Description,Current Status,Force Lead,Delivery Lead,Target Date
        AFI 1,PEEL-2122-0001,Area for Improvement (AFI),PEEL 2021/22,The force should improve call handling,Completed – evidence submitted to HMICFRS 12/03/2024,ACC A,Supt B,March 2024
        AFI 2,PEEL-2122-0002,Area for Improvement (AFI),PEEL 2021/22,The force should improve vetting,On track,ACC A,Supt B,Q4 2026/27
        AFI 1,CDI-2024-0001,Area for Improvement (AFI),Crime data integrity 2024,The force should audit crime recording,Submitted for closure on 14/02/2025,ACC A,Supt B,Mar-25
        Rec 1,TBC,Recommendation (National),Fraud: Time to choose,The force should record the needs of fraud victims,Partially complete,ACC A,Supt B,31st December 2024
        Rec 2,FRA-2019-0002,Recommendation (National),Fraud: Time to choose,The force should refer vulnerable fraud victims,Awaiting HMICFRS sign-off,ACC A,Supt B,TBC
        CoC 1,PEEL-2122-0009,Cause of Concern (CoC),PEEL 2021/22,The force should answer emergency calls promptly,In progress,ACC A,Supt B,end of spring

        """
    static let portal = """
        Recommendation ID,Report Title,Finding Type,Recommendation Text,Current Status
        PEEL-2122-0001,PEEL 2021/22,Area for improvement,The force should improve call handling.,Closed
        PEEL-2122-0002,PEEL 2021/22,Area for improvement,The force should improve vetting.,Open
        CDI-2024-0001,Crime data integrity 2024,Area for improvement,The force should audit crime recording.,Open
        FRA-2019-0001,Fraud: Time to choose,Recommendation,The force should record the needs of fraud victims.,Open
        FRA-2019-0002,Fraud: Time to choose,Recommendation,The force should refer vulnerable fraud victims.,Open
        PEEL-2122-0009,PEEL 2021/22,Cause of concern,The force should answer emergency calls promptly.,Open

        """

    @Test func theDefaultRunReadsEverydayWords() throws {
        let dir = try Paths.scratch()
        try Self.register.write(to: dir.appendingPathComponent("register.csv"), atomically: true, encoding: .utf8)
        try Self.portal.write(to: dir.appendingPathComponent("portal.csv"), atomically: true, encoding: .utf8)
        let result = try run(
            [
                "reconcile", "--register", "register.csv", "--portal", "portal.csv", "--output", "out.xlsx",
                "--as-of", "2026-11-30", "--json", "-", "--quiet",
            ], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let doc = try #require(JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let matches = try #require(doc["matches"] as? [[String: Any]])
        let pairs = Set(matches.map { "\($0["registerRow"]!)-\($0["portalRow"]!)" })
        // "AFI 1" twice is the report's own numbering, not a duplicate: its HMICFRS references differ.
        #expect(pairs == ["2-2", "3-3", "4-4", "5-5", "6-6", "7-7"])
        let discrepancies = try #require(doc["discrepancies"] as? [[String: Any]])
        let found = Set(discrepancies.map { "\($0["class"]!)@\($0["registerRow"] as? Int ?? 0)" })
        #expect(
            found == [
                // "In progress" with a target that cannot be read: the board sees it, --quiet or not.
                "unrecognised-value@7",
                // "Awaiting HMICFRS sign-off" while the portal still has it open: the board chases it.
                "awaiting-central-sign-off@6",
                // Row 4 (submitted for closure, still live) was due by the end of Mar-25; row 5's "TBC" pairs by
                // wording and is overdue since 31st December 2024.
                "overdue@4", "overdue@5",
            ])
        let unreadable = try #require(discrepancies.first { $0["class"] as? String == "unrecognised-value" })
        #expect((unreadable["detail"] as? String)?.contains("'end of spring' (column I)") == true)
        let summary = try #require(doc["summary"] as? [String: Any])
        let total = try #require(summary["total"] as? [String: [String: Int]])
        // Live on the register: on track, submitted for closure, partially complete, in progress.
        #expect(total["areaForImprovement"]?["register"] == 2 && total["recommendation"]?["register"] == 1)
        #expect(total["causeOfConcern"]?["register"] == 1)
        #expect(total["recommendation"]?["portal"] == 2 && total["recommendation"]?["awaitingCentralSignOff"] == 1)
    }
}
