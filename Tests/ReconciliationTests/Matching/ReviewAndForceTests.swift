import Spreadsheet
import Testing

@testable import Reconciliation

@Suite struct ReviewAndForceTests {
    @Test func needsReviewNamesTheRunnerUp() {
        let (bgRegister, bgPortal) = Fixture.backgroundPairs(from: 100)
        let text = MatcherTests.findings[0]
        let register = [Fixture.register(2, text)] + bgRegister
        let portal =
            [Fixture.portal(2, text, ref: "PEEL-2021-0042"), Fixture.portal(3, text, ref: "PEEL-2021-0043")] + bgPortal
        let alignment = Matcher().align(register: register, portal: portal)
        let found = Classifier(asOf: CalendarDate(year: 2026, month: 11, day: 30))
            .classify(register: register, portal: portal, alignment: alignment)
        let review = found.filter { $0.kind == .needsReview }
        #expect(review.count == 1)
        #expect(review.first?.portalRef == "PEEL-2021-0042")
        #expect(review.first?.detail.contains("runner-up PEEL-2021-0043") == true)
        #expect(review.first?.severity == .medium)
    }

    @Test func trustedPairsRaiseNoReview() {
        let (register, portal) = Fixture.backgroundPairs(from: 2)
        let alignment = Matcher().align(register: register, portal: portal)
        #expect(alignment.matches.count == register.count)
        let found = Classifier(asOf: CalendarDate(year: 2026, month: 11, day: 30))
            .classify(register: register, portal: portal, alignment: alignment)
        #expect(!found.contains { $0.kind == .needsReview })
    }

    func national(_ forces: [String]) -> LoadedSource {
        let records = forces.enumerated().map {
            Fixture.record(.portal, row: $0.offset + 2, ref: "P\($0.offset)", description: "x", force: $0.element)
        }
        return LoadedSource(
            source: .portal, path: "portal.csv", sheet: "portal", headerRow: 1,
            columns: [.reference: 0, .type: 1, .status: 2, .force: 3], headers: [], records: records,
            skipped: [], rowsRead: records.count, warnings: [])
    }

    @Test func forceKeepsThatForcesRowsWhateverTheSpelling() throws {
        let source = national(["Cleveland Police", "Durham Constabulary", "CLEVELAND", "cleveland police", "Durham"])
        let kept = try source.filtered(toForce: "Cleveland")
        #expect(kept.records.map(\.row) == [2, 4, 5])
        #expect(try source.filtered(toForce: "durham constabulary").records.count == 2)
    }

    @Test func runsOfOneForceAndReturnsToAnEarlierOneKeepEveryRowInOrder() throws {
        // A run reuses the row before's fold; a name met again after another force's run, or spelt another way
        // in the middle of a run, is folded on its own.
        let source = national([
            "Cleveland Police", "Cleveland Police", "Durham", "Durham", "Cleveland Police", "CLEVELAND",
            "Cleveland Police", "Durham Constabulary", "Cleveland Police",
        ])
        #expect(try source.filtered(toForce: "Cleveland").records.map(\.row) == [2, 3, 6, 7, 8, 10])
        #expect(try source.filtered(toForce: "Durham").records.map(\.row) == [4, 5, 9])
        #expect {
            try source.filtered(toForce: nil)
        } throws: { error in
            (error as! HMICError).message.hasSuffix("Forces found: Cleveland Police (6 rows), Durham (3 rows)")
        }
    }

    @Test func severalForcesWithoutForceAreRefusedWithTheirCounts() {
        let source = national(["Cleveland Police", "Durham Constabulary", "Cleveland", "Northumbria Police"])
        #expect {
            try source.filtered(toForce: nil)
        } throws: { error in
            let e = error as! HMICError
            return e.code == .usage && e.message.contains("3 forces") && e.message.contains("Cleveland Police (2 rows)")
                && e.message.contains("Durham Constabulary (1 row") && e.message.contains("Northumbria Police (1 row")
        }
    }

    @Test func oneForceSpelledSeveralWaysNeedsNoForce() throws {
        let source = national(["Cleveland Police", "CLEVELAND", "Cleveland Police"])
        #expect(try source.filtered(toForce: nil).records.count == 3)
    }

    @Test func anUnknownForceIsRefusedWithTheForcesFound() {
        let source = national(["Cleveland Police", "Durham Constabulary"])
        #expect(throws: HMICError.self) { try source.filtered(toForce: "Kent") }
    }
}
