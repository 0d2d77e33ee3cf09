import Foundation
import Testing

@testable import Spreadsheet

/// Excel 2003 XML workbooks, hand-written.
@Suite struct SpreadsheetMLTests {
    static let header = """
        <?xml version="1.0"?>
        <?mso-application progid="Excel.Sheet"?>
        <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office"
         xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
         xmlns:html="http://www.w3.org/TR/REC-html40">
        """

    static func write(_ xml: String, _ name: String) throws -> (URL, String) {
        let dir = try temporaryFolder("ssml-\(name)")
        let path = dir.appendingPathComponent(name).path
        try Data(xml.utf8).write(to: URL(fileURLWithPath: path))
        return (dir, path)
    }

    @Test func readsTypesIndexGapsAndMerges() throws {
        let xml =
            Self.header + """
                 <Worksheet ss:Name="Register">
                  <Table>
                   <Row><Cell><Data ss:Type="String">Ref</Data></Cell><Cell><Data ss:Type="String">Status</Data></Cell>
                        <Cell ss:Index="4"><Data ss:Type="String">Target date</Data></Cell></Row>
                   <Row ss:Index="3">
                    <Cell ss:MergeAcross="1"><Data ss:Type="String">R&amp;1 &lt;x&gt;</Data></Cell>
                    <Cell><Data ss:Type="Number">12.5</Data><Comment ss:Author="A"><ss:Data><B>note</B></ss:Data></Comment></Cell>
                    <Cell><Data ss:Type="DateTime">2026-11-30T00:00:00.000</Data></Cell>
                    <Cell><Data ss:Type="DateTime">2026-11-30T13:45:00.000</Data></Cell>
                    <Cell><Data ss:Type="DateTime">1899-12-31T13:45:00.000</Data></Cell>
                    <Cell><Data ss:Type="Boolean">1</Data></Cell>
                    <Cell><Data ss:Type="Error">#N/A</Data></Cell>
                    <Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>Rich</B><Font> text</Font></ss:Data></Cell>
                   </Row>
                   <Row/>
                   <Row><Cell ss:Index="2"><Data ss:Type="String"></Data></Cell><Cell><Data ss:Type="Number">-3</Data></Cell></Row>
                  </Table>
                 </Worksheet>
                 <Worksheet ss:Name="Hidden"><Table/><WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>
                </Workbook>
                """
        let (dir, path) = try Self.write(xml, "register.xml")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try SpreadsheetFile.sniff(path: path) == .spreadsheetML)
        let doc = try SpreadsheetFile.open(path: path)
        #expect(doc.format == .spreadsheetML)
        #expect(doc.sheets == [SheetInfo(name: "Register", visible: true), SheetInfo(name: "Hidden", visible: false)])
        let rows = try doc.rows(inSheet: 0)
        #expect(rows.map(\.number) == [1, 3, 5])
        #expect(rows[0].cells == [.string("Ref"), .string("Status"), nil, .string("Target date")])
        let day = CalendarDate(year: 2026, month: 11, day: 30)
        #expect(
            rows[1].cells == [
                .string("R&1 <x>"), nil, .number(12.5), .date(day),
                .dateTime(day, secondsOfDay: 49500), .time(secondsOfDay: 49500),
                .bool(true), .error("#N/A"), .string("Rich text"),
            ])
        #expect(rows[2][2] == .number(-3))
        #expect(rows[2][1] == nil)
        #expect(try doc.rows(inSheet: 1).isEmpty)
        let json = try SheetDump.json(doc, sheet: 0)
        #expect(
            json.hasPrefix(
                #"{"sheets":[{"name":"Register","visible":true,"cells":{"A1":"Ref","B1":"Status","D1":"Target date","A3":"R&1 <x>","C3":12.5,"D3":{"date":"2026-11-30"}"#
            ))
    }

    @Test func doctypeIsRefused() throws {
        let xml = """
            <?xml version="1.0"?><!DOCTYPE Workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
            <Worksheet ss:Name="S"><Table><Row><Cell><Data ss:Type="String">&b;</Data></Cell></Row></Table></Worksheet></Workbook>
            """
        let (dir, path) = try Self.write(xml, "doctype.xml")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try SpreadsheetMLDocument(path: path)
            Issue.record("a DOCTYPE was accepted")
        } catch let e as HMICError {
            #expect(e.code == .badData)
            #expect(e.message.contains("DOCTYPE declarations are not allowed in a workbook"))
        }
    }

    @Test func malformedAndBadValuesAreRefusedWithAPlace() throws {
        let (dir, path) = try Self.write(Self.header + "<Worksheet ss:Name=\"S\"><Table><Row><Cell>", "cut.xml")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect { try SpreadsheetMLDocument(path: path) } throws: { ($0 as? HMICError)?.code == .badData }

        let bad =
            Self.header + """
                <Worksheet ss:Name="S"><Table><Row ss:Index="4"><Cell ss:Index="3"><Data ss:Type="Number">twelve</Data></Cell></Row></Table></Worksheet></Workbook>
                """
        let path2 = dir.appendingPathComponent("bad.xml").path
        try Data(bad.utf8).write(to: URL(fileURLWithPath: path2))
        let doc = try SpreadsheetMLDocument(path: path2)
        do {
            _ = try doc.rows(inSheet: 0)
            Issue.record("a non-number was accepted")
        } catch let e as HMICError {
            #expect(e.code == .badData && e.sheet == "S" && e.row == 4 && e.column == 2)
            #expect(e.description.contains("cell C4"))
        }
    }
}
