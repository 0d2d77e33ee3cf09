import Spreadsheet
import Testing

@testable import Reconciliation

/// GREEN and BLUE mean what the register's key or the profile says, and nothing without one.
@Suite struct ColourKeyTests {
    @Test func keyTextGivesEachColourItsMeaning() {
        let key = ColourKey(parsing: ["BLUE = complete", "GREEN – on track"])
        #expect(key.meanings == ["blue": .closed, "green": .open])
        #expect(key.unreadEntries.isEmpty)
    }

    @Test func keyTextMayBeOneCellOrColourAndMeaningInTwoCellsEitherWayRound() {
        #expect(
            ColourKey(parsing: ["Key: RED – not started; AMBER – in progress; GREEN – complete; BLUE – closed"])
                .meanings == ["green": .closed, "blue": .closed])
        #expect(
            ColourKey(parsing: ["GREEN", "On track", "BLUE", "Complete"]).meanings == ["green": .open, "blue": .closed])
        #expect(ColourKey(parsing: ["Complete: Blue"]).meanings == ["blue": .closed])
        #expect(ColourKey(parsing: ["RAG status key: GREEN = complete"]).meanings == ["green": .closed])
    }

    @Test func fixedColoursAndUnknownMeaningsAreNotTaken() {
        let key = ColourKey(parsing: ["RED = complete", "WHITE = open", "PURPLE = see notes", "Total open: 12"])
        #expect(key.isEmpty)
        #expect(key.unreadEntries == ["purple see notes"])
    }

    @Test func aKeyRowOnTheSheetGivesMeaningToRowsAboveAndBelowIt() throws {
        var loader = RecordLoader(source: .register, path: "register.xlsx", sheet: "PEEL", profile: .standard)
        let rows = [registerHeader, reg("R1", portal: "P1", status: "Green"), reg("R2", portal: "P2", status: "Blue")]
        for (i, cells) in rows.enumerated() {
            try loader.add(Row(number: i + 1, cells: cells.map { $0.isEmpty ? nil : .string($0) }))
        }
        let key = loader.applyColourKey(from: ["Key", "GREEN = on track", "BLUE = complete"])
        #expect(key.meanings == ["green": .open, "blue": .closed])
        try loader.add(Row(number: 5, cells: reg("R3", portal: "P3", status: "GREEN").map { .string($0) }))
        let loaded = try loader.finish()
        #expect(loaded.records.map(\.state) == [.open, .closed, .open])
        #expect(loaded.warnings.contains { $0.contains("colour key read: BLUE = closed, GREEN = open") })
    }

    @Test func withoutAKeyGreenIsUnrecognisedAndTheDetailSaysHowToGiveItAMeaning() throws {
        let result = try reconcile(register: [reg("R1", portal: "P1", status: "Green")], portal: [por("P1")])
        let discrepancy = try #require(result.discrepancies.first { $0.kind == .unrecognisedValue })
        #expect(discrepancy.detail.contains("Status 'Green'"))
        #expect(discrepancy.detail.contains("colour key"))
    }

    @Test func theProfilesColoursApplyToEverySheetAndASheetsKeyWinsForItsRows() throws {
        let profile = try ProfileFile.parse("colours:\n  green: on track\n  blue: complete\n", path: "p.yaml")
        #expect(profile.lifecycleState("Green") == .open)
        #expect(profile.lifecycleState("BLUE") == .closed)
        let onThisSheet = profile.applying(ColourKey(parsing: ["GREEN = complete"]))
        #expect(onThisSheet.lifecycleState("Green") == .closed)
        #expect(onThisSheet.lifecycleState("Blue") == .closed)
        #expect(Profile.standard.lifecycleState("Green") == nil)
    }
}
