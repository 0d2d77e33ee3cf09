import Foundation
import Testing

@testable import Spreadsheet

/// Attribute values with character and entity references, and date-times to the millisecond, in both XML readers.
@Suite struct AttributeTextTests {
    @Test func referencesAreDecoded() {
        #expect(XMLText.decodingReferences("Recs &#38; AFIs") == "Recs & AFIs")
        #expect(XMLText.decodingReferences("A&amp;B &lt;C&gt; &quot;D&quot; &apos;E&apos;") == "A&B <C> \"D\" 'E'")
        #expect(XMLText.decodingReferences("caf&#xE9; &#233;") == "café é")
        #expect(XMLText.decodingReferences("no reference") == "no reference")
        #expect(XMLText.decodingReferences("R&D &unknown; &#xZZ; & end") == "R&D &unknown; &#xZZ; & end")
    }

    @Test func xlsxSheetNameKeepsItsAmpersand() throws {
        let dir = try temporaryFolder("attribute-names")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let workbook = """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(ns)" xmlns:r="\(r)"><sheets>\
            <sheet name="Recs &amp; AFIs" sheetId="1" r:id="rId1"/></sheets></workbook>
            """
        let sheet = """
            <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\(ns)"><sheetData>\
            <row r="1"><c r="A1" t="d"><v>2026-11-30T13:45:00.250</v></c></row>\
            </sheetData></worksheet>
            """
        let path = try makeZip(workbookParts(sheet: sheet, workbook: workbook), named: "amp.xlsx", in: dir)
        let document = try SpreadsheetFile.open(path: path)
        #expect(document.sheets.map(\.name) == ["Recs & AFIs"])
        #expect(try document.sheetIndex(named: "Recs & AFIs") == 0)
        let day = CalendarDate(year: 2026, month: 11, day: 30)
        #expect(try document.rows(inSheet: 0)[0][0] == .dateTime(day, secondsOfDay: 49_500.25))
    }

    @Test func spreadsheetMLSheetNameKeepsItsAmpersand() throws {
        let xml =
            SpreadsheetMLTests.header + """
                 <Worksheet ss:Name="Recs &amp; AFIs"><Table>
                  <Row><Cell><Data ss:Type="DateTime">2026-11-30T13:45:00.250</Data></Cell></Row>
                 </Table></Worksheet>
                </Workbook>
                """
        let (dir, path) = try SpreadsheetMLTests.write(xml, "amp.xml")
        defer { try? FileManager.default.removeItem(at: dir) }
        let document = try SpreadsheetFile.open(path: path)
        #expect(document.sheets.map(\.name) == ["Recs & AFIs"])
        let day = CalendarDate(year: 2026, month: 11, day: 30)
        #expect(try document.rows(inSheet: 0)[0][0] == .dateTime(day, secondsOfDay: 49_500.25))
    }

    @Test func serialDateTimesKeepMilliseconds() {
        let day = CalendarDate(year: 2026, month: 11, day: 30)
        // 2026-11-30 is serial 46356; 13:45:00.250 is 49,500.25 seconds into it.
        let serial = 46_356 + 49_500.25 / 86_400
        #expect(
            ExcelDate.value(serial: serial, date1904: false) == .dateTime(day, secondsOfDay: 49_500.25))
        #expect(ExcelDate.value(serial: 46_356 + 0.5, date1904: false) == .dateTime(day, secondsOfDay: 43_200))
    }

    @Test func dumpWritesMillisecondsOnlyWhenThereAreSome() {
        let day = CalendarDate(year: 2026, month: 11, day: 30)
        var withMilliseconds = ""
        SheetDump.appendJSON(.dateTime(day, secondsOfDay: 49_500.25), to: &withMilliseconds)
        #expect(withMilliseconds == #"{"datetime":"2026-11-30T13:45:00.250"}"#)
        var whole = ""
        SheetDump.appendJSON(.dateTime(day, secondsOfDay: 49_500), to: &whole)
        #expect(whole == #"{"datetime":"2026-11-30T13:45:00"}"#)
        #expect(CellValue.dateTime(day, secondsOfDay: 49_500.005).text == "2026-11-30T13:45:00.005")
        var csv = ByteBuffer(capacity: 64)
        defer { csv.deallocate() }
        SheetDump.appendCSVField(.dateTime(day, secondsOfDay: 49_500.25), to: &csv)
        csv.append(",")
        SheetDump.appendCSVField(.dateTime(day, secondsOfDay: 49_500), to: &csv)
        #expect(String(decoding: csv.contents, as: UTF8.self) == "2026-11-30T13:45:00.250,2026-11-30T13:45:00")
    }
}
