import Spreadsheet
import Testing

@testable import Reconciliation

@Suite struct RecordLoaderTests {
    @Test func headerBelowTitleRowsIsFound() throws {
        let source = try loaded(
            .register,
            [
                ["Northmoor Police – HMICFRS register"], ["Exported 27/11/2026"], [],
                [
                    "Ref No.", "Portal ID", "Finding Type", "Originating Inspection", "Improvement Required",
                    "Current Status", "Due Date",
                ],
                ["NMP-1", "HMIC-1", "AFI", "PEEL 2019", "Improve", "Open", "30/11/2026"],
            ])
        #expect(source.headerRow == 4)
        #expect(source.records.count == 1)
        let r = source.records[0]
        #expect(r.row == 5)
        #expect(r.reference == "NMP-1")
        #expect(r.type == .areaForImprovement)
        #expect(r.state == .open)
        #expect(r.targetDate == CalendarDate(year: 2026, month: 11, day: 30))
        #expect(r.matchKey == "HMIC1")
    }

    @Test func aDescriptionIsTrimmedOfWhiteSpaceOfEveryKind() throws {
        let header = ["Recommendation ID", "Report", "Type", "Recommendation Text", "Status"]
        var loader = RecordLoader(source: .portal, path: "portal.xlsx", sheet: "Data", profile: .standard)
        try loader.add(Row(number: 1, cells: header.map { .string($0) }))
        let texts = [" \u{A0}Review the custody process.\t", "Improve call handling.", "", "Café review… "]
        for (i, text) in texts.enumerated() {
            var cells: [CellValue?] = [
                .string("HMIC-\(i)"), .string("Report"), .string("AFI"), .string(text), .string("Open"),
            ]
            if text.isEmpty { cells[3] = nil }
            try loader.add(Row(number: i + 2, cells: cells))
        }
        let records = try loader.finish().records
        #expect(
            records.map(\.description) == ["Review the custody process.", "Improve call handling.", "", "Café review…"])
        var changed = records[0]
        changed.description = "Changed."
        #expect(changed.description == "Changed." && records[0].description == "Review the custody process.")
    }

    @Test func repeatedTextsComeBackTrimmedAsWritten() throws {
        // Five hundred rows over two inspections (one also written with extra spaces, trimmed to the same text), one
        // lead and two statuses, one spelled with a non-ASCII letter.
        var rows = [["Ref", "Portal Ref", "Type", "Originating Inspection", "Description", "Force Lead", "Status"]]
        for n in 1...500 {
            let inspection = [
                "PEEL 2023/25: An inspection of Northmoor Police", "Custody visit 2024", "  Custody visit 2024 ",
            ][n % 3]
            rows.append([
                "R-\(n)", "HMIC-\(n)", "Recommendation", inspection, "Finding \(n)", n % 2 == 0 ? "DCC Marsh" : "",
                n % 5 == 0 ? "Clôturé" : "Open",
            ])
        }
        let loaded = try loaded(.register, rows)
        #expect(loaded.records.count == 500)
        for (n, record) in zip(1..., loaded.records) {
            #expect(
                record.inspection
                    == (n % 3 == 0 ? "PEEL 2023/25: An inspection of Northmoor Police" : "Custody visit 2024"))
            #expect(record.forceLead == (n % 2 == 0 ? "DCC Marsh" : ""))
            #expect(record.statusText == (n % 5 == 0 ? "Clôturé" : "Open"))
            #expect(record.typeText == "Recommendation" && record.deliveryLead.isEmpty && record.peelArea.isEmpty)
        }
    }

    @Test func theVocabularyMemoGivesTheProfilesAnswers() {
        // Repeated spellings, and a status in two canonically equivalent forms (é as one scalar, and as e with an
        // accent) in both orders: the memo's keys hold such spellings equal, so their answers must be the same.
        let profile = Profile.standard
        var memo = VocabularyMemo()
        let spellings = [
            "Open", "open", "Closed", "Submitted for closure", "Recommendation", "AFI", "Cause of concern",
            "Clos\u{E9}d", "Close\u{301}d", "Clos\u{E9}d", "PEEL 2021/22 inspection of Northmoor Police",
            "NCPI re-visit 2024", "Closed", "Rec", "AFI", "Live", "live", "Done", "Live",
        ]
        for spelling in spellings + spellings.reversed() {
            #expect(memo.recordType(spelling, profile: profile) == profile.recordType(spelling), "\(spelling)")
            #expect(memo.lifecycleState(spelling, profile: profile) == profile.lifecycleState(spelling), "\(spelling)")
            #expect(
                memo.group(forTitle: spelling, profile: profile) == profile.group(forTitle: spelling), "\(spelling)")
            #expect(memo.explicitGroup(spelling) == InspectionGroup.parse(spelling), "\(spelling)")
        }
        #expect(memo.lifecycleState("Closed", profile: profile) == .closed)
        #expect(memo.group(forTitle: "NCPI re-visit 2024", profile: profile) == .ncpi)
    }

    @Test func missingRequiredColumnListsHeadersAndAcceptedNames() {
        #expect {
            _ = try loaded(.register, [["Ref", "Type", "Description"], ["NMP-1", "AFI", "x"]])
        } throws: { error in
            let e = error as! HMICError
            return e.code == .badData && e.row == 1 && e.description.contains("no status column")
                && e.description.contains("'Ref', 'Type', 'Description'") && e.description.contains("'current status'")
        }
    }

    @Test func registerWithoutPortalReferenceColumnMatchesOnItsOwnReference() throws {
        let source = try loaded(.register, [["Ref", "Type", "Status"], ["HMIC 7", "Rec", "Open"]])
        #expect(source.records[0].matchKey == "HMIC7")
    }

    @Test func rowsWithoutAnyRecordFieldAreSkippedWithAReason() throws {
        let source = try loaded(
            .register,
            [["Ref", "Type", "Status", "Force Lead"], ["", "", "", "Totals: 3"], ["R1", "Rec", "Open", ""]])
        #expect(source.records.count == 1)
        #expect(source.skipped.count == 1)
        #expect(source.skipped[0].row == 2)
        #expect(source.rowsRead == 2)
    }

    @Test func badDatesAreWarnedNotFatal() throws {
        let source = try loaded(
            .register, [["Ref", "Type", "Status", "Target date"], ["R1", "Rec", "Open", "next spring"]])
        #expect(source.records[0].targetDate == nil)
        #expect(source.warnings.count == 1)
        #expect(source.warnings[0].contains("row 2"))
    }

    @Test(arguments: [
        ("2026-11-30", CalendarDate(year: 2026, month: 11, day: 30)),
        ("30/11/2026", CalendarDate(year: 2026, month: 11, day: 30)),
        ("30-Nov-2026", CalendarDate(year: 2026, month: 11, day: 30)),
        ("1 March 2027", CalendarDate(year: 2027, month: 3, day: 1)),
        ("05.04.26", CalendarDate(year: 2026, month: 4, day: 5)),
        ("2026-11-30T13:45:00", CalendarDate(year: 2026, month: 11, day: 30)),
    ])
    func datesParse(_ text: String, _ expected: CalendarDate) {
        #expect(DateText.parse(text) == expected)
    }

    @Test func impossibleDatesAreRefused() {
        #expect(DateText.parse("31/02/2026") == nil)
        #expect(DateText.parse("11/30/2026") == nil)
        #expect(DateText.date(from: .number(46356)) == CalendarDate(year: 2026, month: 11, day: 30))
    }

    @Test func nationalExportWithoutForceIsRefusedWithTheForces() throws {
        let portal = try loaded(
            .portal,
            [
                ["Force", "Portal ID", "Type", "Status"], ["Cleveland Police", "P1", "Rec", "Open"],
                ["Durham Constabulary", "P2", "Rec", "Open"], ["Cleveland", "P3", "Rec", "Open"],
            ])
        #expect { try portal.filtered(toForce: nil) } throws: { error in
            let e = error as! HMICError
            return e.code == .usage && e.message.contains("Cleveland Police (2 rows)")
                && e.message.contains("Durham Constabulary (1 row)")
        }
        let cleveland = try portal.filtered(toForce: "cleveland")
        #expect(cleveland.records.map(\.reference) == ["P1", "P3"])
        #expect(cleveland.warnings == ["1 portal row of other forces left out (--force cleveland)"])
        #expect(throws: HMICError.self) { try portal.filtered(toForce: "Kent") }
    }

    @Test func portalRowsNamingNoForceAreSkippedNotLost() throws {
        let portal = try loaded(
            .portal,
            [
                ["Force", "Portal ID", "Type", "Status"], ["Cleveland", "P1", "Rec", "Open"],
                ["", "P2", "Rec", "Open"], ["Durham", "P3", "Rec", "Open"],
            ])
        let kept = try portal.filtered(toForce: "Cleveland")
        #expect(kept.records.map(\.reference) == ["P1"])
        #expect(kept.skipped.map(\.row) == [3])
        #expect(kept.skipped[0].reason.contains("names no force"))
    }
}

@Suite struct ReservedRecordsTests {
    @Test(arguments: [0, 1_000, 100_000])
    func recordsReadPastAndShortOfTheirReservationAreAllThere(reserved: Int) throws {
        // Room reserved from the file's row count, too little, too much or none: every record is there.
        var loader = RecordLoader(source: .portal, path: "portal.csv", sheet: "portal", profile: .standard)
        loader.reserve(reserved)
        try loader.add(Row(number: 1, cells: portalHeader.map { .string($0) }))
        let count = 40_000
        for i in 0..<count {
            try loader.add(
                Row(number: i + 2, cells: por("P\(i)", status: i % 3 == 0 ? "Closed" : "Open").map { .string($0) }))
        }
        let records = try loader.finish().records
        #expect(records.count == count)
        #expect(records.indices.allSatisfy { records[$0].reference == "P\($0)" && records[$0].row == $0 + 2 })
        #expect(records.indices.allSatisfy { records[$0].state == ($0 % 3 == 0 ? .closed : .open) })
    }
}
