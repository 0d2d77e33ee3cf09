import Foundation
import Reconciliation
import Report
import Spreadsheet
import Testing

@Suite struct BoardWorkbookTests {
    @Test func sheetsComeInReadingOrderAndHistoryIsNotNamedHistory() throws {
        let path = try writeBook(try sampleResult(), in: try scratch())
        #expect(
            try sheetNames(path) == [
                "Summary", "Discrepancies", "PEEL framework", "Matched", "Register", "Portal", "Run history", "Run",
            ])
    }

    @Test func sameInputsAndDateGiveIdenticalBytes() throws {
        let dir = try scratch()
        let a = try writeBook(try sampleResult(), in: dir, name: "a.xlsx")
        let b = try writeBook(try sampleResult(), in: dir, name: "b.xlsx")
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
    }

    @Test func summaryHoldsTheSeedTableNotesAndInputs() throws {
        let sheets = try readBack(try writeBook(try sampleResult(), in: try scratch()))
        let summary = sheets["Summary"]
        #expect(
            summary?[0].first == "Force: HMICFRS causes of concern, recommendations and areas for improvement"
                || summary?[0].first?.hasPrefix("Northmoor Police:") == true)
        #expect(
            row(summary, "Inspection group").map { Array($0.prefix(4)) } == [
                "Inspection group", "Causes of concern", "Recs", "Areas for improvement",
            ])
        #expect(
            row(summary, "Total on Force register").map { Array($0.prefix(4)) } == [
                "Total on Force register", "1 (1)", "1 (1)", "1",
            ])
        #expect(
            row(summary, "Total on HMIC monitoring portal").map { Array($0.prefix(4)) } == [
                "Total on HMIC monitoring portal", "0", "2", "1",
            ])
        #expect(
            summary?.contains {
                $0.first == "Note: Figures in brackets denote records which do not appear on the HMIC monitoring portal"
            } == true)
        #expect(summary?.contains { $0.first?.hasPrefix("(1) ") == true } == true)
        #expect(row(summary, "absent-from-portal")?[2] == "1")
        #expect(row(summary, "absent-from-portal")?[4] == DiscrepancyClass.absentFromPortal.meaning)
        #expect(
            summary?.contains { $0.count > 1 && $0[1].contains("SHA-256 " + String(repeating: "a", count: 64)) } == true
        )
    }

    @Test func discrepanciesCarryTheBoardsColumnsDropDownFrozenHeaderAndPrintSetup() throws {
        let result = try sampleResult()
        let path = try writeBook(result, in: try scratch())
        let rows = table(try readBack(path)["Discrepancies"], header: "Board notes")
        #expect(rows.count == result.discrepancies.count)
        #expect(rows.map { $0["ID"] } == result.discrepancies.map(\.id))
        #expect(rows.allSatisfy { $0["First seen"] == "2026-11-30" })
        // Without an update round there is no Latest position column to print empty.
        #expect(rows.allSatisfy { $0["Latest position"] == nil })
        let xml = try zipPart(path, "xl/worksheets/sheet2.xml")
        #expect(xml.contains(#"<dataValidation type="list""#))
        #expect(
            xml.contains("Request portal correction,Request closure,Update register,Chase central sign-off,No action"))
        #expect(xml.contains(#"ySplit="4""#) && xml.contains(#"state="frozen""#))
        #expect(xml.contains("<autoFilter ref=\"A4:S\(4 + result.discrepancies.count)\""))
        #expect(
            xml.contains(#"orientation="landscape""#) && xml.contains(#"fitToHeight="0""#)
                && xml.contains("<pageSetUpPr fitToPage=\"1\"/>"))
        #expect(xml.contains("&amp;P of &amp;N") && xml.contains("as at 30/11/2026"))
        #expect(xml.contains(#"wrapText"#) == false)  // wrap lives in styles.xml, referenced by index
        #expect(try zipPart(path, "xl/styles.xml").contains(#"wrapText="1""#))
        #expect(try zipPart(path, "xl/workbook.xml").contains("_xlnm.Print_Titles"))
        let core = try zipPart(path, "docProps/core.xml")
        #expect(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-11-30T00:00:00Z</dcterms:created>"))
        #expect(
            core.contains("<dc:title>HMICFRS findings reconciliation, Northmoor Police, as at 30/11/2026</dc:title>"))
        #expect(core.contains("<dc:creator>hmic-reconcile</dc:creator>"))
    }

    @Test func everyRecordReadIsOnItsSheetWithItsRow() throws {
        let result = try sampleResult()
        let sheets = try readBack(try writeBook(result, in: try scratch()))
        let register = table(sheets["Register"], header: "Reference")
        #expect(register.map { $0["Row"] } == result.register.records.map { String($0.row) })
        #expect(register.map { $0["PEEL question"] } == ["Q5", "Responding to the public", "", ""])
        let portal = table(sheets["Portal"], header: "Reference")
        #expect(portal.map { $0["Reference"] } == ["HMIC-1", "HMIC-2", "HMIC-4", "HMIC-5"])
        #expect(table(sheets["Matched"], header: "Register ref").count == result.alignment.matches.count)
        let run = sheets["Run"]
        #expect(row(run, "Tool")?[1] == "hmic-reconcile \(ToolInfo.version)")
        #expect(row(run, "Register SHA-256")?[1] == String(repeating: "a", count: 64))
    }

    @Test func peelFrameworkListsTwelveAreasWithLiveItems() throws {
        let sheets = try readBack(try writeBook(try sampleResult(), in: try scratch()))
        let areas = table(sheets["PEEL framework"], header: "Question area")
        #expect(areas.prefix(12).map { $0["No."] } == (1...12).map(String.init))
        #expect(
            areas[4]["Live items"] == "1" && areas[4]["Live references"] == "NMP-1"
                && areas[4]["Causes of concern"] == "1")
        #expect(areas[3]["Live references"] == "NMP-2" && areas[3]["Areas for improvement"] == "1")
        #expect(areas[0]["Live items"] == "0")
        #expect(
            areas.last?["Question area"] == "No PEEL question recorded" && areas.last?["Live references"] == "NMP-3")
    }

    @Test func peelQuestionTextIsReadAsOneOfTheTwelveAreas() {
        #expect(PEELFramework.area(for: "Q5") == 5)
        #expect(PEELFramework.area(for: "5. How good is the force at investigating crime?") == 5)
        #expect(PEELFramework.area(for: "PAF 12") == 12)
        #expect(PEELFramework.area(for: "Protecting vulnerable people") == 6)
        #expect(PEELFramework.area(for: "Preventing crime and ASB") == 3)
        #expect(PEELFramework.area(for: "Value for money") == 12)
        #expect(PEELFramework.area(for: "Strategic Policing Requirement") == 9)
        #expect(PEELFramework.area(for: "") == nil)
        #expect(PEELFramework.area(for: "Q13") == nil)
        #expect(PEELFramework.areas.count == 12)
    }

    @Test func noPEELSheetWithoutAPEELColumn() throws {
        let register = try loaded(
            .register, [["Ref", "Type", "Inspection", "Status"], ["R1", "Rec", "Fraud", "Open"]])
        let portal = try loaded(.portal, [["Recommendation ID", "Type", "Status"], ["R1", "Rec", "Open"]])
        let result = Reconciliation(register: register, portal: portal, asOf: asOf, force: nil)
        #expect(try !sheetNames(writeBook(result, in: try scratch())).contains("PEEL framework"))
    }

    @Test func largeSheetsAreStreamedInConstantMemoryMode() throws {
        let result = try sampleResult()
        let dir = try scratch()
        let streamed = try writeBook(result, in: dir, name: "streamed.xlsx", constantMemoryAbove: 2)
        let held = try writeBook(result, in: dir, name: "held.xlsx")
        // libxlsxwriter writes the Summary's strings inline in constant-memory mode, through the shared table
        // otherwise; the tables' rows are encoded by the sheet data stream, inline, either way.
        #expect(try zipPart(streamed, "xl/worksheets/sheet1.xml").contains(#"t="inlineStr""#))
        #expect(try !zipPart(held, "xl/worksheets/sheet1.xml").contains(#"t="inlineStr""#))
        #expect(try zipPart(held, "xl/worksheets/sheet5.xml").contains(#"t="inlineStr""#))
        #expect(try readBack(streamed) == readBack(held))
    }
}
