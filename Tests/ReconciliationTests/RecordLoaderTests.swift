import Spreadsheet
import Testing
@testable import Reconciliation

@Suite struct RecordLoaderTests {
    @Test func headerBelowTitleRowsIsFound() throws {
        let source = try loaded(.register, [
            ["Northmoor Police – HMICFRS register"], ["Exported 27/11/2026"], [],
            ["Ref No.", "Portal ID", "Finding Type", "Originating Inspection", "Improvement Required", "Current Status", "Due Date"],
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

    @Test func aRecordHoldsItsFieldsWithoutPadding() {
        // Three strings, the description's span, the pool, eight text numbers, the row and two dates in four bytes
        // each, and four one-byte values: 112 bytes, none lost to alignment. A field declared out of order (a byte
        // between two strings) pads every record held at once.
        #expect(MemoryLayout<Record>.size == 3 * MemoryLayout<String>.size + 8 + 8 + 8 * 4 + 3 * 4 + 4)
        #expect(MemoryLayout<Record>.stride == 112)
    }

    @Test func aRecordKeepsItsDatesInFourBytesEach() {
        // Calendar days come back as they went in, no date stays none, and a year beyond what the four bytes hold
        // is clamped, not wrapped round.
        let days = [CalendarDate(year: 2026, month: 11, day: 30), CalendarDate(year: 1900, month: 1, day: 1),
                    CalendarDate(year: 9999, month: 12, day: 31), CalendarDate(year: -44, month: 3, day: 15),
                    CalendarDate(year: 0, month: 2, day: 29)]
        for day in days { #expect(RecordDate(day).date == day) }
        #expect(RecordDate(nil).date == nil)
        #expect(RecordDate(CalendarDate(year: 5_000_000, month: 6, day: 2)).date == CalendarDate(year: 4_194_303, month: 6, day: 2))
        #expect(RecordDate(CalendarDate(year: -5_000_000, month: 6, day: 2)).date == CalendarDate(year: -4_194_303, month: 6, day: 2))
        var record = Fixture.register(7, "A finding")
        record.targetDate = days[0]
        record.closedDate = nil
        record.row = 1_048_576
        #expect(record.targetDate == days[0] && record.closedDate == nil && record.row == 1_048_576)
        record.closedDate = days[2]
        #expect(record.closedDate == days[2] && record.targetDate == days[0])
    }

    @Test func aDescriptionIsTrimmedOfWhiteSpaceOfEveryKind() throws {
        let header = ["Recommendation ID", "Report", "Type", "Recommendation Text", "Status"]
        var loader = RecordLoader(source: .portal, path: "portal.xlsx", sheet: "Data", profile: .standard)
        try loader.add(Row(number: 1, cells: header.map { .string($0) }))
        let texts = [" \u{A0}Review the custody process.\t", "Improve call handling.", "", "Café review… "]
        for (i, text) in texts.enumerated() {
            var cells: [CellValue?] = [.string("HMIC-\(i)"), .string("Report"), .string("AFI"), .string(text), .string("Open")]
            if text.isEmpty { cells[3] = nil }
            try loader.add(Row(number: i + 2, cells: cells))
        }
        let records = try loader.finish().records
        #expect(records.map(\.description) == ["Review the custody process.", "Improve call handling.", "", "Café review…"])
        var changed = records[0]
        changed.description = "Changed."
        #expect(changed.description == "Changed." && records[0].description == "Review the custody process.")
    }

    @Test func thePoolHoldsEachRepeatedTextOnceAndGivesBackWhatWasWritten() throws {
        // Five hundred rows over two inspections (one also written with extra spaces, trimmed to the same text), one
        // lead and two statuses, one spelled with a non-ASCII letter.
        var rows = [["Ref", "Portal Ref", "Type", "Originating Inspection", "Description", "Force Lead", "Status"]]
        for n in 1...500 {
            let inspection = ["PEEL 2023/25: An inspection of Northmoor Police", "Custody visit 2024", "  Custody visit 2024 "][n % 3]
            rows.append(["R-\(n)", "HMIC-\(n)", "Recommendation", inspection, "Finding \(n)", n % 2 == 0 ? "DCC Marsh" : "",
                         n % 5 == 0 ? "Clôturé" : "Open"])
        }
        let loaded = try loaded(.register, rows)
        #expect(loaded.records.count == 500)
        let texts = try #require(loaded.records.first?.texts)
        #expect(loaded.records.allSatisfy { $0.texts === texts })
        // "", Recommendation, two inspections, DCC Marsh, Open, Clôturé.
        #expect(texts.count == 7)
        for (n, record) in zip(1..., loaded.records) {
            #expect(record.inspection == (n % 3 == 0 ? "PEEL 2023/25: An inspection of Northmoor Police" : "Custody visit 2024"))
            #expect(record.forceLead == (n % 2 == 0 ? "DCC Marsh" : ""))
            #expect(record.statusText == (n % 5 == 0 ? "Clôturé" : "Open"))
            #expect(record.typeText == "Recommendation" && record.deliveryLead.isEmpty && record.peelArea.isEmpty)
        }
    }

    @Test func aPoolPastItsTableStillGivesEveryTextBack() {
        let texts = TextPool()
        let count = TextPool.indexedLimit + 1_000
        // Distinct texts fill the table; past it, a text seen before may get a second number, never a wrong text.
        let numbers = (0..<count).map { texts.number(forCell: "lead number \($0)", in: .forceLead) }
        #expect(zip(0..., numbers).allSatisfy { texts[$1] == "lead number \($0)" })
        let again = texts.number(forCell: "lead number 7", in: .deliveryLead)
        #expect(again == numbers[7] && texts[again] == "lead number 7")
        let late = texts.number(forCell: "lead number \(count - 1)", in: .governanceBoard)
        #expect(texts[late] == "lead number \(count - 1)")
        #expect(texts.number(forCell: "", in: .force) == 0 && texts.number(forCell: " \t ", in: .force) == 0 && texts[0] == "")
    }

    @Test func aCellIsNumberedByItsTrimmedTextWhetherFoundByIdentityOrByBytes() {
        let texts = TextPool()
        // Long enough to be held on the heap, so that repeats of one string are the same object.
        let padded = "  Public Protection and Safeguarding Board ", bare = "Public Protection and Safeguarding Board"
        let first = texts.number(forCell: padded, in: .governanceBoard)
        #expect(texts[first] == bare)
        #expect(texts.number(forCell: padded, in: .governanceBoard) == first)
        #expect(texts.number(forCell: bare, in: .governanceBoard) == first)
        #expect(texts.number(forCell: String(padded.dropFirst()), in: .inspection) == first)
        #expect(texts.number(for: padded) != first && texts[texts.number(for: padded)] == padded)
        #expect(texts.count == 3)
    }

    @Test(arguments: [false, true])
    func theVocabularyMemoGivesTheProfilesAnswers(full: Bool) {
        // Repeated spellings, a status in two canonically equivalent forms (é as one scalar, and as e with an
        // accent) in both orders, and, with `full`, all of it after the pool's table is full, where a spelling not
        // found by identity gets a new number and so is answered again.
        let profile = Profile.standard, texts = TextPool()
        var memo = VocabularyMemo()
        if full {
            for n in 0..<TextPool.indexedLimit { _ = texts.number(forCell: "filler \(n)", in: .status) }
        }
        let spellings = ["Open", "open", " Closed", "Submitted for closure", "Recommendation", "AFI", "Cause of concern",
                         "Clos\u{E9}d", "Close\u{301}d", "Clos\u{E9}d", "PEEL 2021/22 inspection of Northmoor Police",
                         "NCPI re-visit 2024", "Closed", "Rec", "AFI", "Live", "live", "Done", "Live"]
        for spelling in spellings + spellings.reversed() {
            let number = texts.number(forCell: spelling, in: .status)
            // The pool gives back the very spelling (trimmed), not one Swift holds equal to it.
            #expect(Array(texts[number].utf8) == Array(spelling.trimmed.utf8))
            #expect(memo.recordType(number, in: texts, profile: profile) == profile.recordType(spelling), "\(spelling)")
            #expect(memo.lifecycleState(number, in: texts, profile: profile) == profile.lifecycleState(spelling), "\(spelling)")
            #expect(memo.group(forTitle: number, in: texts, profile: profile) == profile.group(forTitle: spelling), "\(spelling)")
            #expect(memo.explicitGroup(number, in: texts) == InspectionGroup.parse(spelling), "\(spelling)")
        }
        #expect(memo.lifecycleState(texts.number(forCell: "Closed", in: .status), in: texts, profile: profile) == .closed)
        #expect(memo.group(forTitle: texts.number(forCell: "NCPI re-visit 2024", in: .inspection), in: texts, profile: profile) == .ncpi)
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
        let source = try loaded(.register, [["Ref", "Type", "Status", "Force Lead"], ["", "", "", "Totals: 3"], ["R1", "Rec", "Open", ""]])
        #expect(source.records.count == 1)
        #expect(source.skipped.count == 1)
        #expect(source.skipped[0].row == 2)
        #expect(source.rowsRead == 2)
    }

    @Test func badDatesAreWarnedNotFatal() throws {
        let source = try loaded(.register, [["Ref", "Type", "Status", "Target date"], ["R1", "Rec", "Open", "next spring"]])
        #expect(source.records[0].targetDate == nil)
        #expect(source.warnings.count == 1)
        #expect(source.warnings[0].contains("row 2"))
    }

    @Test(arguments: [
        ("2026-11-30", CalendarDate(year: 2026, month: 11, day: 30)), ("30/11/2026", CalendarDate(year: 2026, month: 11, day: 30)),
        ("30-Nov-2026", CalendarDate(year: 2026, month: 11, day: 30)), ("1 March 2027", CalendarDate(year: 2027, month: 3, day: 1)),
        ("05.04.26", CalendarDate(year: 2026, month: 4, day: 5)), ("2026-11-30T13:45:00", CalendarDate(year: 2026, month: 11, day: 30)),
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
        let portal = try loaded(.portal, [["Force", "Portal ID", "Type", "Status"], ["Cleveland Police", "P1", "Rec", "Open"],
                                          ["Durham Constabulary", "P2", "Rec", "Open"], ["Cleveland", "P3", "Rec", "Open"]])
        #expect { try portal.filtered(toForce: nil) } throws: { error in
            let e = error as! HMICError
            return e.code == .usage && e.message.contains("Cleveland Police (2 rows)") && e.message.contains("Durham Constabulary (1 row)")
        }
        let cleveland = try portal.filtered(toForce: "cleveland")
        #expect(cleveland.records.map(\.reference) == ["P1", "P3"])
        #expect(cleveland.warnings == ["1 portal row of other forces left out (--force cleveland)"])
        #expect(throws: HMICError.self) { try portal.filtered(toForce: "Kent") }
    }

    @Test func portalRowsNamingNoForceAreSkippedNotLost() throws {
        let portal = try loaded(.portal, [["Force", "Portal ID", "Type", "Status"], ["Cleveland", "P1", "Rec", "Open"],
                                          ["", "P2", "Rec", "Open"], ["Durham", "P3", "Rec", "Open"]])
        let kept = try portal.filtered(toForce: "Cleveland")
        #expect(kept.records.map(\.reference) == ["P1"])
        #expect(kept.skipped.map(\.row) == [3])
        #expect(kept.skipped[0].reason.contains("names no force"))
    }
}

@Suite struct PagesAheadTests {
    @Test func requestsStayAWindowOrTwoAheadOfTheWriterAndWithinTheStorage() {
        let window = 64 << 10
        let storage = UnsafeMutableRawPointer.allocate(byteCount: 10 * window + 100, alignment: 4096)
        defer { storage.deallocate() }
        var pages = PagesAhead(window: window)
        pages.advance(base: storage, capacity: 10 * window + 100, written: 0)
        #expect(pages.requestedUpTo == window)
        // Once the writer is within a window of the end of what was asked for, the next window is asked for.
        pages.advance(base: storage, capacity: 10 * window + 100, written: 1)
        #expect(pages.requestedUpTo == 2 * window)
        // Nothing more while the writer is further back than that.
        pages.advance(base: storage, capacity: 10 * window + 100, written: window / 2)
        #expect(pages.requestedUpTo == 2 * window)
        pages.advance(base: storage, capacity: 10 * window + 100, written: 5 * window + 7)
        #expect(pages.requestedUpTo == 7 * window)
        // Never past the storage's end.
        pages.advance(base: storage, capacity: 10 * window + 100, written: 10 * window)
        #expect(pages.requestedUpTo == 10 * window + 100)
        // New storage (an array grown past its reservation): requests start again where the writer is.
        let moved = UnsafeMutableRawPointer.allocate(byteCount: 20 * window, alignment: 4096)
        defer { moved.deallocate() }
        pages.advance(base: moved, capacity: 20 * window, written: 3 * window)
        #expect(pages.requestedUpTo == 4 * window)
        pages.advance(base: nil, capacity: 0, written: 0)
        #expect(pages.requestedUpTo == 4 * window)
    }

    @Test(arguments: [0, 1_000, 100_000])
    func recordsReadPastAndShortOfTheirReservationAreAllThere(reserved: Int) throws {
        // Pages are asked for ahead of the records; the records written meanwhile, and those moved when the array
        // outgrows a reservation that was too small, must be intact.
        var loader = RecordLoader(source: .portal, path: "portal.csv", sheet: "portal", profile: .standard)
        loader.reserve(reserved)
        try loader.add(Row(number: 1, cells: portalHeader.map { .string($0) }))
        let count = 40_000
        for i in 0..<count {
            try loader.add(Row(number: i + 2, cells: por("P\(i)", status: i % 3 == 0 ? "Closed" : "Open").map { .string($0) }))
        }
        let records = try loader.finish().records
        #expect(records.count == count)
        #expect(records.indices.allSatisfy { records[$0].reference == "P\($0)" && records[$0].row == $0 + 2 })
        #expect(records.indices.allSatisfy { records[$0].state == ($0 % 3 == 0 ? .closed : .open) })
    }
}
