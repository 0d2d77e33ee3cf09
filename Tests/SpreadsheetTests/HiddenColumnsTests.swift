import Foundation
import Testing

@testable import Spreadsheet

/// Columns a sheet hides, as the XLSX and Excel 2003 XML readers give them (0-based).
@Suite struct HiddenColumnsTests {
    @Test func xlsxColsElementsGiveTheHiddenColumns() {
        let xml = """
            <worksheet><cols><col min="1" max="1" width="11"/><col min="3" max="4" hidden="1"/>\
            <col hidden="true" max="9" min="9" style="0"/><col min="10" max="10" hidden="false"/>\
            <col min="12" hidden="1"/></cols><sheetData><row r="1"/></sheetData></worksheet>
            """
        #expect(XLSXDocument.hiddenColumns(inColumnsOf: Array(xml.utf8)) == [2, 3, 8, 11])
        #expect(XLSXDocument.hiddenColumns(inColumnsOf: Array("<worksheet><sheetData/></worksheet>".utf8)).isEmpty)
    }

    @Test func anXLSXSheetSavedByLibreOfficeListsItsHiddenColumns() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/RegisterShapesHeldOut/hidden-columns/register.xlsx").path
        let document = try XLSXDocument(path: path)
        #expect(try document.hiddenColumns(inSheet: 0) == [8, 11])
    }

    @Test func spreadsheetMLColumnElementsGiveTheHiddenColumns() throws {
        let xml =
            SpreadsheetMLTests.header + """
                 <Worksheet ss:Name="Register">
                  <Table>
                   <Column ss:Width="40"/>
                   <Column ss:Hidden="1" ss:Width="40"/>
                   <Column ss:Index="5" ss:Span="1" ss:Hidden="1"/>
                   <Column ss:Hidden="0"/>
                   <Row><Cell><Data ss:Type="String">Ref</Data></Cell><Cell><Data ss:Type="String">Status</Data></Cell></Row>
                  </Table>
                 </Worksheet>
                 <Worksheet ss:Name="Other"><Table><Column ss:Hidden="1"/><Row><Cell><Data ss:Type="String">x</Data></Cell></Row></Table></Worksheet>
                </Workbook>
                """
        let (dir, path) = try SpreadsheetMLTests.write(xml, "hidden.xml")
        defer { try? FileManager.default.removeItem(at: dir) }
        let document = try SpreadsheetMLDocument(path: path)
        #expect(try document.hiddenColumns(inSheet: 0) == [1, 4, 5])
        #expect(try document.hiddenColumns(inSheet: 1) == [0])
        #expect(try document.rows(inSheet: 0).first?.cells.count == 2)
    }
}
