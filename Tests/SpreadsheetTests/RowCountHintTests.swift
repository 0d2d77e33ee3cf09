import Foundation
import Testing

@testable import Spreadsheet

@Suite struct RowCountHintTests {
    @Test func csvHintIsTheLineCount() throws {
        let csv = try CSVDocument(path: "x.csv", bytes: Array("Ref,Status\nR1,Open\n\"R2\",\"two\nlines\"\n".utf8))
        let hint = try #require(csv.rowCountHint(inSheet: 0))
        #expect(hint >= 3, "at least the records there are")
        #expect(hint == 5)
        #expect(csv.rowCountHint(inSheet: 1) == nil)
    }

    @Test func dimensionGivesTheLastRow() {
        func last(_ xml: String) -> Int? { XLSXDocument.lastRow(ofDimensionIn: Array(xml.utf8)) }
        #expect(last(#"<worksheet><dimension ref="A1:L200203"/><sheetViews>"#) == 200_203)
        #expect(last(#"<x:dimension ref="B2"/>"#) == 2)
        #expect(last(#"<worksheet><sheetData>"#) == nil)
        #expect(last(#"<dimension ref="A1:XFD99999999"/>"#) == nil, "more rows than a sheet holds is no hint")
        #expect(last(#"<dimension ref="A1:L20"#) == nil, "cut off before the closing quote")
    }

    @Test func xlsxHintComesFromTheWrittenDimension() throws {
        let dir = try ScratchDirectory()
        let path = dir.file("hint.xlsx")
        let workbook = try WorkbookWriter(path: path, properties: properties)
        let sheet = try workbook.addSheet(named: "Register", streamed: true)
        for row in 1...250 { try sheet.write(row: row, column: 0, "R\(row)") }
        try workbook.close()
        let document = try XLSXDocument(path: path)
        #expect(document.rowCountHint(inSheet: 0) == 250)
        #expect(document.rowCountHint(inSheet: 3) == nil)
    }
}
