import Foundation
import Reconciliation
import Report
import Spreadsheet
import Testing

@Suite struct PreviousRunTests {
    /// A workbook as the board might leave it: Discrepancies columns moved, an extra column, rows re-sorted, the
    /// board's columns filled in, first-seen dates typed both as dates and as text.
    func editedWorkbook(ids: [String], resolvedID: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("edited.xlsx").path
        let book = try WorkbookWriter(path: path, properties: DocumentProperties(title: "edited", created: october))
        let summary = try book.addSheet(named: "Summary")
        try summary.write(row: 1, column: 0, "The board's copy")
        let sheet = try book.addSheet(named: "Discrepancies")
        try sheet.write(row: 1, column: 0, "Discrepancies (board copy)")
        let header = [
            "Board notes", "ID", "Owner", "Class", "Our own column", "First seen", "Board decision", "Severity",
            "Register ref", "Portal ref", "Description",
        ]
        for (c, title) in header.enumerated() { try sheet.write(row: 3, column: c, title) }
        for (i, id) in (ids + [resolvedID]).reversed().enumerated() {
            let r = 4 + i
            try sheet.write(row: r, column: 0, "Note for \(id)")
            try sheet.write(row: r, column: 1, id)
            try sheet.write(row: r, column: 2, "Owner \(i)")
            try sheet.write(row: r, column: 3, id == resolvedID ? "absent-from-portal" : "whatever")
            try sheet.write(row: r, column: 4, "x")
            if i % 2 == 0 {
                try sheet.write(row: r, column: 5, CalendarDate(year: 2026, month: 9, day: 30))
            } else {
                try sheet.write(row: r, column: 5, "15/08/2026")
            }
            try sheet.write(row: r, column: 6, "Request closure")
            try sheet.write(row: r, column: 7, "high")
            try sheet.write(row: r, column: 8, id == resolvedID ? "NMP-99" : "")
            try sheet.write(row: r, column: 10, id == resolvedID ? "A finding now delivered" : "")
        }
        let history = try book.addSheet(named: "Run history")
        let titles = ["As at", "Register: causes of concern", "Register: recs", "Register: AFIs", "High severity"]
        for (c, t) in titles.enumerated() { try history.write(row: 4, column: c, t) }
        try history.write(row: 5, column: 0, CalendarDate(year: 2026, month: 9, day: 30))
        for c in 1..<titles.count { try history.write(row: 5, column: c, 7 * c) }
        try history.write(row: 6, column: 0, october)
        for c in 1..<titles.count { try history.write(row: 6, column: c, 5 * c) }
        let run = try book.addSheet(named: "Run")
        try run.write(row: 4, column: 0, "Item")
        try run.write(row: 4, column: 1, "Value")
        try run.write(row: 5, column: 0, "Tool")
        try run.write(row: 5, column: 1, "hmic-reconcile 0.0.9")
        try run.write(row: 6, column: 0, "As at")
        try run.write(row: 6, column: 1, "2026-10-31")
        try book.close()
        return path
    }

    @Test func boardColumnsCarryOverByIDFromAnEditedReSortedWorkbook() throws {
        let dir = try scratch()
        let result = try sampleResult()
        let ids = result.discrepancies.map(\.id)
        let carried = Array(ids.dropFirst())  // the first one is new this month
        let previous = try PreviousRun.read(path: try editedWorkbook(ids: carried, resolvedID: "AFP-DEADBEEF", in: dir))
        #expect(previous.asOf == october)
        #expect(previous.history.map(\.asOf) == [CalendarDate(year: 2026, month: 9, day: 30), october])

        let sheets = try readBack(try writeBook(result, previous: previous, in: dir))
        let rows = table(sheets["Discrepancies"], header: "Board notes")
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0["ID"]!, $0) })
        #expect(byID[ids[0]]?["Board notes"] == "" && byID[ids[0]]?["First seen"] == "2026-11-30")
        for id in carried {
            #expect(byID[id]?["Board notes"] == "Note for \(id)")
            #expect(byID[id]?["Board decision"] == "Request closure")
            #expect(byID[id]?["Owner"]?.hasPrefix("Owner ") == true)
            #expect(["2026-09-30", "2026-08-15"].contains(byID[id]?["First seen"] ?? ""))
        }

        let changes = table(sheets["Changes"], header: "Change")
        #expect(changes.filter { $0["Change"] == "New" }.map { $0["ID"] } == [ids[0]])
        let resolved = changes.filter { $0["Change"] == "Resolved" }
        #expect(resolved.map { $0["ID"] } == ["AFP-DEADBEEF"])
        #expect(
            resolved.first?["Board notes"] == "Note for AFP-DEADBEEF" && resolved.first?["Register ref"] == "NMP-99")
        #expect(changes.filter { $0["Change"] == "Continuing" }.count == carried.count)
        #expect(sheets["Changes"]?[0].first == "Changes since the run as at 31/10/2026: Northmoor Police")

        let history = table(sheets["Run history"], header: "As at")
        #expect(history.map { $0["As at"] } == ["2026-09-30", "2026-10-31", "2026-11-30"])
        #expect(history[0]["Register: causes of concern"] == "7" && history[0]["Medium severity"] == "0")
        #expect(history[2]["High severity"] == String(result.discrepancies.filter { $0.severity == .high }.count))
    }

    @Test func aSecondRunCarriesHistoryAndDrawsTheTrendChart() throws {
        let dir = try scratch()
        let first = try writeBook(try sampleResult(asOf: october), in: dir, name: "october.xlsx")
        #expect(try zipPart(first, "xl/charts/chart1.xml").isEmpty)  // one run: no trend yet
        let previous = try PreviousRun.read(path: first)
        let octoberCount = try sampleResult(asOf: october).discrepancies.count
        #expect(previous.history.count == 1 && previous.discrepancies.count == octoberCount)
        let second = try writeBook(try sampleResult(), previous: previous, in: dir, name: "november.xlsx")
        let chart = try zipPart(second, "xl/charts/chart1.xml")
        #expect(chart.contains("'Run history'!$B$5:$B$6") && chart.contains("'Run history'!$I$5:$I$6"))
        #expect(chart.contains("High-severity discrepancies"))
        #expect(try zipPart(second, "xl/worksheets/_rels/sheet1.xml.rels").contains("drawing"))
        let sheets = try readBack(second)
        #expect(table(sheets["Run history"], header: "As at").map { $0["As at"] } == ["2026-10-31", "2026-11-30"])
        #expect(table(sheets["Changes"], header: "Change").allSatisfy { $0["Change"] == "Continuing" })
    }

    @Test func aRunOfTheSameDateReplacesItsHistoryRow() throws {
        let dir = try scratch()
        let previous = try PreviousRun.read(path: try writeBook(try sampleResult(), in: dir, name: "first.xlsx"))
        let book = BoardWorkbook(
            result: try sampleResult(), register: registerFacts, portal: portalFacts, arguments: [], previous: previous)
        #expect(book.history.map(\.asOf) == [asOf])
    }

    @Test func refusesAWorkbookThisToolDidNotWrite() throws {
        let dir = try scratch()
        let path = dir.appendingPathComponent("other.xlsx").path
        let book = try WorkbookWriter(path: path, properties: DocumentProperties(created: october))
        try book.addSheet(named: "Run").write(row: 1, column: 0, "Something else")
        try book.close()
        let error = try #require(throws: HMICError.self) { try PreviousRun.read(path: path) }
        #expect(error.code == .badData)
        #expect("\(error)".contains(path) && "\(error)".contains("not a workbook written by hmic-reconcile"))

        let csv = dir.appendingPathComponent("board.csv").path
        try "ID,Board notes\nA,b\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let csvError = try #require(throws: HMICError.self) { try PreviousRun.read(path: csv) }
        #expect("\(csvError)".contains(csv))
    }
}
