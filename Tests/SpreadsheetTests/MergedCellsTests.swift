import Foundation
import Testing

@testable import Spreadsheet

/// Merged ranges: found in a worksheet part, and spread over the cells they cover.
@Suite struct MergedCellsTests {
    @Test func rangesAreReadFromReferences() {
        #expect(MergedRange(reference: "B3:C9") == MergedRange(firstRow: 3, lastRow: 9, firstColumn: 1, lastColumn: 2))
        #expect(MergedRange(reference: "$A$1") == MergedRange(firstRow: 1, lastRow: 1, firstColumn: 0, lastColumn: 0))
        #expect(MergedRange(reference: "A0:B2") == nil)
        #expect(MergedRange(reference: "ref") == nil)
    }

    @Test func theScannerFindsElementsSplitAcrossChunks() {
        let xml = Array(
            """
            <worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>mergeCell ref="Z1:Z9"</t></is></c></row>\
            </sheetData><x:mergeCells count="3"><x:mergeCell ref="A1:D1"/><mergeCell ref='B2:B40'/>\
            <mergeCell\n\txref="Q1:Q2"\n\tref="C5:E5"/></x:mergeCells></worksheet>
            """.utf8)
        for chunk in [1, 7, 64, xml.count] {
            var scanner = MergeCellScanner()
            var start = 0
            while start < xml.count {
                let end = min(start + chunk, xml.count)
                xml[start..<end].withUnsafeBytes { scanner.scan($0) }
                start = end
            }
            #expect(
                scanner.ranges == [
                    MergedRange(firstRow: 1, lastRow: 1, firstColumn: 0, lastColumn: 3),
                    MergedRange(firstRow: 2, lastRow: 40, firstColumn: 1, lastColumn: 1),
                    MergedRange(firstRow: 5, lastRow: 5, firstColumn: 2, lastColumn: 4),
                ], "chunks of \(chunk) bytes")
        }
    }

    @Test func theFillerSpreadsEachValueAndTellsWhatCameFromAbove() {
        var filler = MergedCellFiller([
            MergedRange(firstRow: 2, lastRow: 4, firstColumn: 1, lastColumn: 1),
            MergedRange(firstRow: 1, lastRow: 1, firstColumn: 0, lastColumn: 2),
        ])
        let heading = filler.fill(Row(number: 1, cells: [.string("PEEL")]))
        #expect(heading.row.cells == [.string("PEEL"), .string("PEEL"), .string("PEEL")])
        #expect(heading.filledFromAbove.isEmpty)
        _ = filler.fill(Row(number: 2, cells: [.string("R1"), .string("Custody")]))
        let below = filler.fill(Row(number: 4, cells: [.string("R3")]))
        #expect(below.row.cells == [.string("R3"), .string("Custody")])
        #expect(below.filledFromAbove == [1])
        let after = filler.fill(Row(number: 5, cells: [.string("R4")]))
        #expect(after.row.cells == [.string("R4")])
    }

    @Test func excel2003MergesAreReportedAcrossAndDown() throws {
        let xml =
            SpreadsheetMLTests.header + """
                 <Worksheet ss:Name="Register"><Table>
                  <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">PEEL 2023/25</Data></Cell></Row>
                  <Row><Cell><Data ss:Type="String">R1</Data></Cell>
                       <Cell ss:MergeDown="1"><Data ss:Type="String">Custody</Data></Cell></Row>
                  <Row><Cell><Data ss:Type="String">R2</Data></Cell></Row>
                 </Table></Worksheet>
                </Workbook>
                """
        let (dir, path) = try SpreadsheetMLTests.write(xml, "merged.xml")
        defer { try? FileManager.default.removeItem(at: dir) }
        let document = try SpreadsheetFile.open(path: path)
        #expect(
            try document.mergedRanges(inSheet: 0) == [
                MergedRange(firstRow: 1, lastRow: 1, firstColumn: 0, lastColumn: 2),
                MergedRange(firstRow: 2, lastRow: 3, firstColumn: 1, lastColumn: 1),
            ])
    }
}
