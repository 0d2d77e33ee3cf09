import Foundation
import Testing

@testable import Spreadsheet

/// Protection, date checks and page breaks, as the update forms and the Summary use them; each pinned in the XML
/// Excel and LibreOffice read.
@Suite struct SheetProtectionTests {
    @Test func aProtectedSheetKeepsUnlockedCellsEditableAndSortingAllowed() throws {
        let dir = try ScratchDirectory()
        let path = try writeOneSheet(dir) { sheet in
            try sheet.write(row: 1, column: 0, "locked")
            try sheet.write(row: 1, column: 1, "", style: CellStyle(locked: false))
            try sheet.protect()
        }
        let xml = try zipPart(path, "xl/worksheets/sheet1.xml")
        #expect(
            xml.contains(
                #"<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0" sort="0" autoFilter="0"/>"#
            ))
        #expect(xml.contains(#"<c r="B1" s="1"/>"#))
        #expect(try zipPart(path, "xl/styles.xml").contains(#"<protection locked="0"/>"#))
    }

    @Test func aDateCheckAcceptsDaysBetweenItsBounds() throws {
        let dir = try ScratchDirectory()
        let path = try writeOneSheet(dir) { sheet in
            try sheet.dataValidationDate(
                firstRow: 2, lastRow: 9, column: 3, earliest: CalendarDate(year: 2000, month: 1, day: 1),
                latest: CalendarDate(year: 2099, month: 12, day: 31), inputTitle: "Expected completion",
                inputMessage: "A date")
        }
        let xml = try zipPart(path, "xl/worksheets/sheet1.xml")
        #expect(xml.contains(#"<dataValidation type="date""#) && xml.contains(#"sqref="D2:D9""#))
        #expect(xml.contains("<formula1>36526</formula1><formula2>73050</formula2>"))
        let error = try errorWriting { sheet in
            try sheet.dataValidationDate(
                firstRow: 2, lastRow: 9, column: 3, earliest: CalendarDate(year: 2030, month: 1, day: 1),
                latest: CalendarDate(year: 2000, month: 1, day: 1), inputTitle: "", inputMessage: "")
        }
        #expect(error.message.contains("earliest ≤ latest"))
    }

    @Test func pageBreaksFallAboveTheirRows() throws {
        let dir = try ScratchDirectory()
        let path = try writeOneSheet(dir) { sheet in
            try sheet.write(row: 30, column: 0, "chart heading")
            try sheet.pageBreaks(before: [30])
        }
        #expect(try zipPart(path, "xl/worksheets/sheet1.xml").contains(#"<brk id="29" max="16383" man="1"/>"#))
        let error = try errorWriting { try $0.pageBreaks(before: [30, 12]) }
        #expect(error.message.contains("ascending"))
    }

    @Test func dayFirstDatesAreWrittenAsAUKReaderExpects() {
        #expect(CalendarDate(year: 2027, month: 3, day: 5).ukDayFirst == "05/03/2027")
    }
}
