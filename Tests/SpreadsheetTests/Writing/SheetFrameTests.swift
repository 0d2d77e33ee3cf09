import Foundation
import Testing

@testable import Spreadsheet

/// Pins what the installed libxlsxwriter writes for a streamed sheet before its rows are spliced in: the splicer
/// finds the empty sheet data by its exact bytes, so a libxlsxwriter that wrote it any other way would make every
/// board workbook fail at its last step.
///
/// A streamed sheet that receives no rows is left as libxlsxwriter wrote it, so its part in the finished file is
/// the frame itself, written with the same options and sheet settings as the board's streamed sheets.
@Suite struct SheetFrameTests {
    /// The sheet XML of an empty streamed sheet set up as the board's record sheets are.
    static func frame(constantMemory: Bool) throws -> String {
        let dir = try ScratchDirectory()
        let path = dir.file("frame.xlsx")
        let workbook = try WorkbookWriter(path: path, properties: properties, constantMemory: constantMemory)
        let sheet = try workbook.addSheet(named: "Register", streamed: true)
        try sheet.setColumn(first: 0, last: 0, width: 20)
        try sheet.freezePanes(rows: 1)
        try sheet.autofilter(firstRow: 1, firstColumn: 0, lastRow: 100, lastColumn: 5)
        try workbook.close()
        return try zipPart(path, "xl/worksheets/sheet1.xml")
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test(arguments: [(false, "<sheetData/>"), (true, "<sheetData></sheetData>")])
    func libxlsxwriterWritesTheEmptySheetDataTheSplicerLooksFor(constantMemory: Bool, marker: String) throws {
        let xml = try Self.frame(constantMemory: constantMemory)
        let other = marker == "<sheetData/>" ? "<sheetData></sheetData>" : "<sheetData/>"
        #expect(Self.occurrences(of: marker, in: xml) == 1, "no single \(marker) in: \(xml)")
        #expect(Self.occurrences(of: other, in: xml) == 0, "\(other) in: \(xml)")
        #expect(Self.occurrences(of: "<sheetData", in: xml) == 1)
        // The dimension, which the splicer replaces with the rows' range, comes before the sheet data as an
        // empty element with one attribute.
        let open = try #require(xml.range(of: #"<dimension ref=""#), "no <dimension ref=\"…\"/> in: \(xml)")
        let close = try #require(xml.range(of: #""/>"#, range: open.upperBound..<xml.endIndex))
        let sheetData = try #require(xml.range(of: marker))
        #expect(
            close.upperBound <= sheetData.lowerBound,
            "the dimension is not a single element before the sheet data: \(xml)")
        #expect(!xml[open.upperBound..<close.lowerBound].contains("\""))

        // What the splicer makes of it: the bytes around the marker, opened and closed for the rows, with the
        // dimension replaced.
        let spliced = try #require(PackageSplicer.emptySheetFrame(of: Array(xml.utf8), dimension: "A1:F101"))
        let expectedHead =
            String(xml[..<open.lowerBound]) + #"<dimension ref="A1:F101"/>"#
            + String(xml[close.upperBound..<sheetData.lowerBound]) + "<sheetData>"
        #expect(String(decoding: spliced.head, as: UTF8.self) == expectedHead)
        #expect(String(decoding: spliced.tail, as: UTF8.self) == "</sheetData>" + String(xml[sheetData.upperBound...]))
    }
}
