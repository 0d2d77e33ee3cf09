import Foundation
import Reconciliation
import Spreadsheet
import Testing

@testable import Report

/// How the update round's workbooks print and what they hold: the lead's form (A4 landscape, an item's row never
/// split, the item columns locked), the board's new sheets, and the Summary's trend chart on a page of its own.
@Suite struct UpdateRoundSheetsTests {
    /// Writes the sample register as a CSV file and runs `requests` on it into a new folder; a finding of
    /// `longFinding` characters tests the tallest row.
    func forms(longFinding: Int = 0) throws -> (URL, UpdateRequests.Outcome) {
        let dir = try scratch()
        var rows = [registerHeader]
        rows += [
            [
                "NMP-1", "HMIC-1", "Recommendation", "PEEL 2025", "The force should improve how it investigates crime",
                "ACC A", "Supt B", "Open", "31/03/2027", "",
            ],
            [
                "NMP-2", "", "AFI", "PEEL 2025",
                String(repeating: "The force should do better. ", count: max(1, longFinding / 28)),
                "ACC A", "Supt B", "In progress", "", "",
            ],
            ["NMP-3", "", "AFI", "PEEL 2025", "Closed item", "ACC A", "Supt B", "Closed", "", ""],
            ["NMP-4", "", "AFI", "PEEL 2025", "Nobody leads this", "", "", "Open", "", ""],
        ]
        let csv = rows.map { $0.map { "\"\($0)\"" }.joined(separator: ",") }.joined(separator: "\n")
        try csv.write(to: dir.appendingPathComponent("register.csv"), atomically: true, encoding: .utf8)
        let requests = UpdateRequests(
            UpdateRequests.Options(
                register: dir.appendingPathComponent("register.csv").path, asOf: asOf, outputDir: dir.path))
        return (dir, try requests.run())
    }

    /// `requests` holds its output folder before it reads anything: while another run holds it, the run is refused
    /// as busy (not as a missing register, which it has not looked for yet), and writes nothing.
    @Test func requestsHoldsItsFolderBeforeReading() throws {
        let (dir, _) = try forms()
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let other = try FolderLock(dir.path, for: dir.path)
        let requests = UpdateRequests(
            UpdateRequests.Options(
                register: dir.appendingPathComponent("absent.csv").path, asOf: asOf, outputDir: dir.path))
        let busy = try #require(throws: HMICError.self) { try requests.run() }
        #expect(busy.code == .busy && busy.file == dir.path)
        _ = other
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == before)
    }

    @Test func aFormPerLeadWithTheirLiveItems() throws {
        let (_, outcome) = try forms()
        #expect(outcome.forms.map(\.lead) == ["Supt B", "unassigned"])
        #expect(outcome.forms.map(\.items) == [2, 1])
        #expect(
            outcome.forms.map { ($0.path as NSString).lastPathComponent } == [
                "update-request-supt-b-2026-11-30.xlsx", "update-request-unassigned-2026-11-30.xlsx",
            ])
    }

    @Test func aLeadsNameTooLongForAFooterStillGivesAForm() throws {
        let lead = "Det Supt " + String(repeating: "Very-Long-Name & Co ", count: 15)
        let form = RequestForm(lead: lead, force: "Northmoor Police", asOf: asOf, items: [])
        #expect(form.footer == "&LUpdate request, as at 30/11/2026&RPage &P of &N")
        #expect(RequestForm(lead: "A & B", force: "", asOf: asOf, items: []).footer.hasPrefix("&LA && B: update"))
        let path = try scratch().appendingPathComponent("form.xlsx").path
        try form.write(to: path)
        #expect(try sheetNames(path) == ["Update", "Instructions"])
    }

    @Test func aFormPrintsOnA4LandscapeAndNoItemRowIsSplit() throws {
        let (_, outcome) = try forms(longFinding: 6000)
        let path = outcome.forms[0].path
        let sheet = try zipPart(path, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains(#"paperSize="9""#) && sheet.contains(#"orientation="landscape""#))
        #expect(sheet.contains(#"fitToHeight="0""#) && sheet.contains(#"<pageSetUpPr fitToPage="1"/>"#))
        #expect(!sheet.contains("<mergeCell"))
        #expect(try zipPart(path, "xl/workbook.xml").contains("Update!$4:$4"))
        // A row is never split across pages unless it is taller than the page: the tallest row and the repeated
        // header together stay within an A4 landscape page (595 points) less its margins, before any shrinking.
        let heights = sheet.components(separatedBy: #" ht=""#).dropFirst().compactMap {
            Double($0.prefix { $0 != "\"" })
        }
        let margins = try #require(sheet.components(separatedBy: "<pageMargins").dropFirst().first)
        func margin(_ name: String) -> Double {
            Double(margins.components(separatedBy: "\(name)=\"")[1].prefix { $0 != "\"" }) ?? 1
        }
        let printable = 595 - 72 * (margin("top") + margin("bottom"))
        #expect(heights.max()! >= 400, "the long finding should make the tallest row")
        #expect(heights.max()! + (heights.first ?? 15) < printable)
    }

    @Test func theItemColumnsAreLockedAndTheLeadsAreNot() throws {
        let (_, outcome) = try forms()
        let sheet = try zipPart(outcome.forms[0].path, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<sheetProtection"))
        let styles = try zipPart(outcome.forms[0].path, "xl/styles.xml")
        let formats = styles.components(separatedBy: "<cellXfs")[1].components(separatedBy: "<xf ").dropFirst()
        let unlocked = Set(formats.enumerated().filter { $0.element.contains(#"locked="0""#) }.map(\.offset))
        func style(_ cell: String) -> Int? {
            guard let part = sheet.components(separatedBy: "<c r=\"\(cell)\"").dropFirst().first else { return nil }
            guard part.prefix(while: { $0 != ">" }).contains(" s=\"") else { return 0 }
            return Int(part.components(separatedBy: " s=\"")[1].prefix { $0 != "\"" })
        }
        for cell in ["K5", "L5", "M5", "N5", "O5", "P5", "Q5"] {
            #expect(style(cell).map(unlocked.contains) == true, "\(cell) should be open to the lead")
        }
        for cell in ["A5", "B5", "F5"] {
            #expect(style(cell).map(unlocked.contains) == false, "\(cell) should be locked")
        }
        #expect(sheet.contains("On track,At risk,Off track,Complete") && sheet.contains("Yes,No"))
        #expect(sheet.contains(#"<dataValidation type="date""#))
    }

    /// The board's workbook with an update round: Supt B proposes closure of NMP-2 (open on the portal) with
    /// evidence, and of NMP-1 (closed on the portal) too.
    func roundBook(previous: PreviousRun? = nil) throws -> (Reconciliation, String) {
        let result = try sampleResult()
        func id(_ ref: String) -> String {
            RoundItems.itemIDs(result.register.records)[result.register.records.firstIndex { $0.reference == ref }!]
        }
        let returns = ["NMP-1", "NMP-2"].enumerated().map { i, ref in
            ItemUpdate(
                itemID: id(ref), reference: ref, lead: "Supt B", round: asOf, file: "supt-b.xlsx", row: 5 + i,
                positionText: "Complete", done: "Delivered", evidence: "Policy v2", proposeClosureText: "Yes")
        }
        var book = BoardWorkbook(
            result: result, register: registerFacts, portal: portalFacts, arguments: [], previous: previous)
        book.updateRound = UpdateRound(
            result: result, returns: returns, formProblems: [FormProblem(file: "odd.xlsx", message: "not ours")],
            hasReturns: true)
        let path = try scratch().appendingPathComponent("board.xlsx").path
        try book.write(to: path)
        return (result, path)
    }

    @Test func theBoardsNewSheetsHoldTheRoundAndPrintCleanly() throws {
        let (_, path) = try roundBook()
        let names = try sheetNames(path)
        #expect(Array(names.prefix(4)) == ["Summary", "Discrepancies", "Closure candidates", "Updates"])
        let sheets = try readBack(path)
        let candidates = table(sheets["Closure candidates"], header: "Board decision")
        #expect(candidates.map { $0["Ref"] } == ["NMP-2"])
        let updates = table(sheets["Updates"], header: "Problems")
        #expect(updates.map { $0["Ref"] ?? "" } == ["NMP-1", "NMP-2", ""])
        #expect(updates[0]["Problems"]?.contains("item closed since the form went out (portal: Closed)") == true)
        #expect(updates[2]["Problems"] == "not ours" && updates[2]["File"] == "odd.xlsx")
        let discrepancies = table(sheets["Discrepancies"], header: "Latest position")
        #expect(
            discrepancies.contains {
                $0["Register ref"] == "NMP-2" && $0["Latest position"]?.hasPrefix("Complete (30/11/2026)") == true
            })
        // The board's drop-down moves with its column: Board decision is R once Latest position stands at P.
        let header = try #require(sheets["Discrepancies"]?.first { $0.contains("Board decision") })
        #expect(header.firstIndex(of: "Latest position") == 15 && header.firstIndex(of: "Board decision") == 17)
        let discrepanciesXML = try zipPart(path, "xl/worksheets/sheet2.xml")
        #expect(discrepanciesXML.contains(#"sqref="R5:R"#) && discrepanciesXML.contains("<autoFilter ref=\"A4:T"))
        let summary = sheets["Summary"]?.flatMap { $0 } ?? []
        #expect(
            summary.contains {
                // NMP-1 is closed on the portal, NMP-2 is ACC A's, and odd.xlsx is no form.
                $0.hasPrefix(
                    "1 of 2 forms returned, 2 updates (2 with a problem), 1 closure candidate; 1 note on the files")
            }, "\(summary.filter { $0.contains("returned") })")
        #expect(row(sheets["Summary"], "Forms not returned")?[1] == "ACC A")
        for (index, title) in [(3, "Closure candidates"), (4, "Updates")] {
            let xml = try zipPart(path, "xl/worksheets/sheet\(index).xml")
            #expect(xml.contains(#"orientation="landscape""#) && xml.contains(#"<pageSetUpPr fitToPage="1"/>"#))
            #expect(xml.contains(#"fitToHeight="0""#) && xml.contains(#"ySplit="4""#), "\(title)")
            #expect(
                try zipPart(path, "xl/workbook.xml").contains("\(title.contains(" ") ? "'\(title)'" : title)!$4:$4"))
        }
        #expect(
            try zipPart(path, "xl/worksheets/sheet3.xml").contains(
                UpdateRound.boardDecisionChoices.joined(separator: ",")))
    }

    @Test func theSummarysTrendChartStartsAPageOfItsOwn() throws {
        let october = CalendarDate(year: 2026, month: 10, day: 31)
        let previous = PreviousRun(
            path: "october.xlsx", asOf: october, discrepancies: [], history: [RunRecord(asOf: october)])
        let (_, path) = try roundBook(previous: previous)
        let summary = try zipPart(path, "xl/worksheets/sheet1.xml")
        let breakRow = try #require(
            summary.components(separatedBy: #"<brk id=""#).dropFirst().first.flatMap { Int($0.prefix { $0 != "\"" }) })
        let drawing = try zipPart(path, "xl/drawings/drawing1.xml")
        let chartRows = drawing.components(separatedBy: "<xdr:row>").dropFirst().compactMap {
            Int($0.prefix { $0 != "<" })
        }
        // Both are 0-based: the break falls above row breakRow + 1, the chart's top edge below it.
        #expect(chartRows.count == 2 && chartRows[0] >= breakRow && chartRows[1] - chartRows[0] < 30)
        let heading = try SpreadsheetFile.open(path: path).rows(inSheet: 0).first {
            $0.cells.first??.text == "Trend over runs"
        }
        #expect(heading?.number == breakRow + 1, "the page should start at the chart's heading")
    }
}
