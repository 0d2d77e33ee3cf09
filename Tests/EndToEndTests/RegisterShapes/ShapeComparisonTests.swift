import Foundation
import Testing

/// The comparison the shape suite relies on: it must report every kind of difference, with repeats counted, and
/// nothing when the run agrees.
@Suite struct ShapeComparisonTests {
    static let expectedJSON = """
        {"shape": "s", "options": {"asOf": "2024-11-30", "registerSheets": [], "profile": []},
         "registerRecords": 2, "portalRecords": 2, "pairsByWording": false, "layoutRows": [],
         "pairs": [{"registerSheet": "Register", "registerRow": 2, "registerRef": "A1", "portalRef": "P-1"}],
         "discrepancies": [
          {"class": "missing-lead", "registerSheet": "Register", "registerRow": 3, "registerRef": "A2"},
          {"class": "unrecognised-value", "registerSheet": "Register", "registerRow": 3, "registerRef": "A2"},
          {"class": "absent-from-register", "portalRef": "P-2"}],
         "summary": {"Local PEEL": {"areaForImprovement":
          {"register": 2, "notOnPortal": 1, "portal": 2, "awaitingCentralSignOff": 0}}}}
        """

    /// A run's JSON with the given matches, discrepancies and Local PEEL AFI figures.
    static func actualJSON(records: Int, matches: String, discrepancies: String, afi: String) -> String {
        let zero = #"{"register": 0, "notOnPortal": 0, "portal": 0, "awaitingCentralSignOff": 0}"#
        return """
            {"inputs": {"register": {"records": \(records)}, "portal": {"records": 2}},
             "matches": [\(matches)], "discrepancies": [\(discrepancies)],
             "summary": {"groups": [{"group": "Local PEEL", "causeOfConcern": \(zero), "recommendation": \(zero),
                                     "areaForImprovement": \(afi)}]}}
            """
    }

    func differences(_ actual: String) throws -> [String] {
        let expected = try JSONDecoder().decode(ShapeExpectation.self, from: Data(Self.expectedJSON.utf8))
        let result = try JSONDecoder().decode(ReconcileResult.self, from: Data(actual.utf8))
        return ShapeComparison(expected: expected, actual: result).differences
    }

    @Test func anAgreeingRunHasNoDifferences() throws {
        let actual = Self.actualJSON(
            records: 2, matches: #"{"registerRow": 2, "portalRef": "P-1"}"#,
            discrepancies: """
                {"class": "unrecognised-value", "registerRow": 3, "portalRef": null},
                {"class": "missing-lead", "registerRow": 3, "portalRef": null},
                {"class": "absent-from-register", "registerRow": null, "portalRef": "P-2"}
                """,
            afi: #"{"register": 2, "notOnPortal": 1, "portal": 2, "awaitingCentralSignOff": 0}"#)
        #expect(try differences(actual) == [])
    }

    @Test func everyKindOfDifferenceIsReported() throws {
        let actual = Self.actualJSON(
            records: 3, matches: #"{"registerRow": 4, "portalRef": "P-1"}"#,
            discrepancies: """
                {"class": "unrecognised-value", "registerRow": 3, "portalRef": null},
                {"class": "unrecognised-value", "registerRow": 3, "portalRef": null},
                {"class": "absent-from-register", "registerRow": null, "portalRef": "P-2"}
                """,
            afi: #"{"register": 2, "notOnPortal": 0, "portal": 2, "awaitingCentralSignOff": 0}"#)
        #expect(
            try differences(actual) == [
                "register records: expected 2, read 3",
                "missing pair row 2 ↔ P-1 (register ref A1)",
                "unexpected pair row 4 ↔ P-1",
                "missing missing-lead register row 3 portal - (register ref A2)",
                "unexpected unrecognised-value register row 3 portal -",
                "summary Local PEEL / areaForImprovement: expected register 2, notOnPortal 1, portal 2, awaiting 0, "
                    + "got register 2, notOnPortal 0, portal 2, awaiting 0",
            ])
    }

    @Test func sheetsAreComparedWhenTheRunNamesThem() throws {
        let actual = Self.actualJSON(
            records: 2, matches: #"{"registerRow": 2, "registerSheet": "Archive", "portalRef": "P-1"}"#,
            discrepancies: """
                {"class": "unrecognised-value", "registerRow": 3, "registerSheet": "Register", "portalRef": null},
                {"class": "missing-lead", "registerRow": 3, "registerSheet": "Register", "portalRef": null},
                {"class": "absent-from-register", "registerRow": null, "portalRef": "P-2"}
                """,
            afi: #"{"register": 2, "notOnPortal": 1, "portal": 2, "awaitingCentralSignOff": 0}"#)
        #expect(
            try differences(actual) == [
                "missing pair Register!2 ↔ P-1 (register ref A1)", "unexpected pair Archive!2 ↔ P-1",
            ])
    }
}
