import Foundation
import Testing

@testable import Spreadsheet

/// Writes one sheet named "Sheet" with `body`, closes the workbook and returns its path.
func writeOneSheet(_ dir: ScratchDirectory, constantMemory: Bool = false, _ body: (SheetWriter) throws -> Void) throws
    -> String
{
    let path = dir.file("one.xlsx")
    let workbook = try WorkbookWriter(path: path, properties: properties, constantMemory: constantMemory)
    try body(try workbook.addSheet(named: "Sheet"))
    try workbook.close()
    return path
}

/// The error `body` throws on a fresh sheet named "Sheet".
func errorWriting(constantMemory: Bool = false, _ body: (SheetWriter) throws -> Void) throws -> HMICError {
    let dir = try ScratchDirectory()
    let workbook = try WorkbookWriter(path: dir.file("x.xlsx"), properties: properties, constantMemory: constantMemory)
    let sheet = try workbook.addSheet(named: "Sheet")
    return try #require(throws: HMICError.self) { try body(sheet) }
}

@Suite struct SheetWriterTests {
    @Test(arguments: ["=1+1", "+44 1632 960000", "-5", "@SUM(A1)", "=cmd|' /C calc'!A0"])
    func formulaLikeTextIsStoredAsAString(text: String) throws {
        let dir = try ScratchDirectory()
        let path = try writeOneSheet(dir) { try $0.write(row: 1, column: 0, text) }
        let sheet = try zipPart(path, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<c r=\"A1\" t=\"s\"><v>0</v></c>"))
        #expect(!sheet.contains("<f>"))
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "'")
        #expect(try zipPart(path, "xl/sharedStrings.xml").contains("<t>\(escaped)</t>"))
    }

    @Test func constantMemoryWritesInlineStringsInRowOrder() throws {
        let dir = try ScratchDirectory()
        let path = try writeOneSheet(dir, constantMemory: true) { sheet in
            for row in 1...3 {
                try sheet.write(row: row, column: 1, "=B\(row)")
                try sheet.write(row: row, column: 0, row)
            }
        }
        let sheet = try zipPart(path, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<c r=\"B3\" t=\"inlineStr\"><is><t>=B3</t></is></c>"))
        #expect(sheet.contains("<c r=\"A3\"><v>3</v></c>"))
        #expect(!sheet.contains("<f>"))
    }

    @Test func constantMemoryRefusesGoingBackARow() throws {
        let error = try errorWriting(constantMemory: true) { sheet in
            try sheet.write(row: 5, column: 0, "later")
            try sheet.write(row: 4, column: 0, "earlier")
        }
        #expect(error.row == 4)
        #expect(error.message.contains("in order"))
    }

    @Test func constantMemoryRefusesMerges() throws {
        let error = try errorWriting(constantMemory: true) {
            try $0.mergeRange(firstRow: 1, firstColumn: 0, lastRow: 1, lastColumn: 3, .string("Title"))
        }
        #expect(error.message.contains("constant-memory"))
    }

    @Test func overLongTextIsRefusedNamingSheetAndCell() throws {
        let error = try errorWriting { try $0.write(row: 7, column: 2, String(repeating: "x", count: 32_768)) }
        #expect(error.code == .badData)
        #expect(error.sheet == "Sheet")
        #expect(error.description.contains("sheet 'Sheet', cell C7"))
        #expect(error.message.contains("32768"))
    }

    @Test func textOfExactlyTheLimitIsWritten() throws {
        let dir = try ScratchDirectory()
        let path = try writeOneSheet(dir) { try $0.write(row: 1, column: 0, String(repeating: "x", count: 32_767)) }
        #expect(try zipPart(path, "xl/sharedStrings.xml").contains(String(repeating: "x", count: 32_767)))
    }

    @Test func adjustPolicyTruncatesVisiblyAndCounts() throws {
        let dir = try ScratchDirectory()
        var sheetRef: SheetWriter?
        let path = try writeOneSheet(dir) { sheet in
            sheet.textPolicy = .adjust
            try sheet.write(row: 2, column: 1, String(repeating: "😀", count: 20_000))  // 40,000 UTF-16 units
            try sheet.write(row: 3, column: 1, "a\u{0}b")
            sheetRef = sheet
        }
        #expect(sheetRef?.adjustedCellCount == 2)
        #expect(sheetRef?.firstAdjustedCell == "B2")
        let strings = try zipPart(path, "xl/sharedStrings.xml")
        #expect(strings.contains(String(repeating: "😀", count: 16_383) + "…</t>"))
        #expect(strings.contains("<t>a\u{FFFD}b</t>"))
    }

    @Test func nulIsRefusedByDefault() throws {
        let error = try errorWriting { try $0.write(row: 1, column: 0, "a\u{0}b") }
        #expect(error.message.contains("NUL"))
    }

    @Test func literalEscapeSequencesSurviveExcelDecoding() throws {
        let dir = try ScratchDirectory()
        let path = try writeOneSheet(dir) { sheet in
            try sheet.write(row: 1, column: 0, "ref_x0041_B")
            try sheet.write(row: 2, column: 0, "snake_case_x")
        }
        let strings = try zipPart(path, "xl/sharedStrings.xml")
        #expect(strings.contains("<t>ref_x005F_x0041_B</t>"))
        #expect(strings.contains("<t>snake_case_x</t>"))
    }

    @Test func controlCharactersDoNotBreakTheXML() throws {
        let dir = try ScratchDirectory()
        let path = try writeOneSheet(dir) { try $0.write(row: 1, column: 0, "bell\u{7}tab\tend") }
        let strings = try zipPart(path, "xl/sharedStrings.xml")
        #expect(!strings.contains("\u{7}"))
        #expect(strings.contains("_x0007_"))
    }

    @Test func controlCharactersAndEscapesInConstantMemoryMode() throws {
        let dir = try ScratchDirectory()
        let path = try writeOneSheet(dir, constantMemory: true) { sheet in
            try sheet.write(row: 1, column: 0, "bell\u{7}end")
            try sheet.write(row: 2, column: 0, "ref_x0041_B")
        }
        let sheet = try zipPart(path, "xl/worksheets/sheet1.xml")
        #expect(!sheet.contains("\u{7}"))
        #expect(sheet.contains("<t>bell_x0007_end</t>"))
        #expect(sheet.contains("<t>ref_x005F_x0041_B</t>"))
    }

    @Test func emptyTextWritesNothingOrAStyledBlank() throws {
        let dir = try ScratchDirectory()
        let path = try writeOneSheet(dir) { sheet in
            try sheet.write(row: 1, column: 0, "")
            try sheet.write(row: 1, column: 1, "", style: CellStyle(fillColor: 0xFFFF00))
        }
        let sheet = try zipPart(path, "xl/worksheets/sheet1.xml")
        #expect(!sheet.contains("r=\"A1\""))
        #expect(sheet.contains("<c r=\"B1\" s=\"1\"/>"))
        #expect(!((try? zipPart(path, "xl/sharedStrings.xml")) ?? "").contains("<t></t>"))
    }

    @Test func nonFiniteNumbersAreRefused() throws {
        for value in [Double.nan, .infinity, -.infinity] {
            let error = try errorWriting { try $0.write(row: 2, column: 0, value) }
            #expect(error.description.contains("cell A2"))
        }
    }

    @Test func integersExcelWouldRoundAreRefused() throws {
        let error = try errorWriting { try $0.write(row: 1, column: 0, 1_234_567_890_123_456) }
        #expect(error.message.contains("15 digits"))
    }

    @Test func excelDateSerials() {
        #expect(SheetWriter.excelSerial(CalendarDate(year: 1900, month: 1, day: 1)) == 1)
        #expect(SheetWriter.excelSerial(CalendarDate(year: 1900, month: 2, day: 28)) == 59)
        #expect(SheetWriter.excelSerial(CalendarDate(year: 1900, month: 3, day: 1)) == 61)
        #expect(SheetWriter.excelSerial(CalendarDate(year: 1970, month: 1, day: 1)) == 25_569)
        #expect(SheetWriter.excelSerial(CalendarDate(year: 2026, month: 11, day: 30)) == 46_356)
        #expect(SheetWriter.excelSerial(CalendarDate(year: 9999, month: 12, day: 31)) == 2_958_465)
        #expect(SheetWriter.excelSerial(CalendarDate(year: 1899, month: 12, day: 31)) == nil)
    }

    @Test func datesOutsideExcelAreRefused() throws {
        let error = try errorWriting { try $0.write(row: 1, column: 0, CalendarDate(year: 1899, month: 12, day: 31)) }
        #expect(error.message.contains("1899-12-31"))
    }

    @Test func timesAndDurationsGetFormats() throws {
        let dir = try ScratchDirectory()
        let path = try writeOneSheet(dir) { sheet in
            try sheet.write(
                row: 1, column: 0,
                CellValue.dateTime(CalendarDate(year: 2026, month: 11, day: 30), secondsOfDay: 43_200))
            try sheet.write(row: 1, column: 1, CellValue.time(secondsOfDay: 21_600))
            try sheet.write(row: 1, column: 2, CellValue.duration(129_600))
            try sheet.write(row: 1, column: 3, CellValue.error("#N/A"))
        }
        let sheet = try zipPart(path, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<v>46356.5</v>"))
        #expect(sheet.contains("<v>0.25</v>"))
        #expect(sheet.contains("<v>1.5</v>"))
        let styles = try zipPart(path, "xl/styles.xml")
        #expect(styles.contains("formatCode=\"dd/mm/yyyy hh:mm:ss\""))
        #expect(styles.contains("formatCode=\"hh:mm:ss\""))
        #expect(styles.contains("formatCode=\"[h]:mm:ss\""))
        #expect(try zipPart(path, "xl/sharedStrings.xml").contains("<t>#N/A</t>"))
    }

    @Test func equalStylesShareOneFormat() throws {
        let dir = try ScratchDirectory()
        let path = try writeOneSheet(dir) { sheet in
            for row in 1...50 {
                try sheet.write(row: row, column: 0, "x", style: CellStyle(bold: true))
                try sheet.write(row: row, column: 1, "y", style: CellStyle(italic: true))
            }
        }
        let styles = try zipPart(path, "xl/styles.xml")
        #expect(styles.contains("<cellXfs count=\"3\">"))
    }

    @Test func blackIsWrittenAsBlack() throws {
        let dir = try ScratchDirectory()
        let path = try writeOneSheet(dir) {
            try $0.write(row: 1, column: 0, "x", style: CellStyle(fillColor: 0x000000))
        }
        #expect(try zipPart(path, "xl/styles.xml").contains("<fgColor rgb=\"FF000000\"/>"))
    }

    @Test func invalidStylesAreRefused() throws {
        for style in [
            CellStyle(fontSize: 0), CellStyle(fontColor: 0x1000000), CellStyle(numberFormat: ""),
            CellStyle(numberFormat: String(repeating: "0", count: 128)), CellStyle(indent: 16),
        ] {
            let error = try errorWriting { try $0.write(row: 3, column: 3, "x", style: style) }
            #expect(error.message.contains("style"))
            #expect(error.description.contains("cell D3"))
        }
    }

    @Test func overLongValidationListIsRefused() throws {
        let items = (1...30).map { "Decision number \($0)" }
        let error = try errorWriting { try $0.dataValidationList(firstRow: 2, lastRow: 100, column: 5, items: items) }
        #expect(error.code == .badData)
        #expect(error.message.contains("255"))
        #expect(error.description.contains("cell F2"))
    }

    @Test func validationItemsWithCommasAreRefused() throws {
        let error = try errorWriting {
            try $0.dataValidationList(firstRow: 2, lastRow: 3, column: 0, items: ["Yes", "No, never"])
        }
        #expect(error.message.contains("comma"))
        _ = try errorWriting { try $0.dataValidationList(firstRow: 2, lastRow: 3, column: 0, items: ["", "No"]) }
        _ = try errorWriting { try $0.dataValidationList(firstRow: 2, lastRow: 3, column: 0, items: []) }
    }

    @Test func validationListJustUnderTheLimitIsWritten() throws {
        // 254 bytes with the comma.
        let items = [String(repeating: "a", count: 127), String(repeating: "b", count: 126)]
        let dir = try ScratchDirectory()
        let path = try writeOneSheet(dir) {
            try $0.dataValidationList(firstRow: 1, lastRow: 1, column: 0, items: items)
        }
        #expect(try zipPart(path, "xl/worksheets/sheet1.xml").contains(items.joined(separator: ",")))
        _ = try errorWriting {
            try $0.dataValidationList(firstRow: 1, lastRow: 1, column: 0, items: items.map { $0 + "c" })
        }
    }

    @Test func mergedRangesHoldTheirValue() throws {
        let dir = try ScratchDirectory()
        let path = try writeOneSheet(dir) { sheet in
            try sheet.mergeRange(
                firstRow: 1, firstColumn: 0, lastRow: 1, lastColumn: 3, .string("Summary as at 30/11/2026"),
                style: CellStyle(bold: true, fontSize: 14))
            try sheet.mergeRange(firstRow: 2, firstColumn: 0, lastRow: 2, lastColumn: 1, .number(42))
        }
        let sheet = try zipPart(path, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<mergeCell ref=\"A1:D1\"/>"))
        #expect(sheet.contains("<mergeCell ref=\"A2:B2\"/>"))
        #expect(sheet.contains("<v>42</v>"))
        #expect(try zipPart(path, "xl/sharedStrings.xml").contains("<t>Summary as at 30/11/2026</t>"))
    }

    @Test func overlappingMergesAreRefused() throws {
        let error = try errorWriting { sheet in
            try sheet.mergeRange(firstRow: 1, firstColumn: 0, lastRow: 2, lastColumn: 3, nil)
            try sheet.mergeRange(firstRow: 2, firstColumn: 3, lastRow: 4, lastColumn: 4, nil)
        }
        #expect(error.message.contains("overlaps"))
    }

    @Test func cellsOutsideTheSheetAreRefused() throws {
        for (row, column) in [(0, 0), (1, -1), (1_048_577, 0), (1, 16_384)] {
            let error = try errorWriting { try $0.write(row: row, column: column, "x") }
            #expect(error.message.contains("outside the sheet"))
        }
    }

    @Test func commentsAreWrittenAsNotes() throws {
        let dir = try ScratchDirectory()
        let path = try writeOneSheet(dir) { sheet in
            try sheet.write(row: 1, column: 0, "D-0001")
            try sheet.writeComment(row: 1, column: 0, "Carried over from the previous run")
            try sheet.writeComment(row: 2, column: 0, "")
        }
        let comments = try zipPart(path, "xl/comments1.xml")
        #expect(comments.contains("<comment ref=\"A1\""))
        #expect(comments.contains("Carried over from the previous run"))
        #expect(!comments.contains("ref=\"A2\""))
    }

    @Test func overLongHeaderIsRefused() throws {
        let error = try errorWriting { try $0.setHeader(String(repeating: "h", count: 256)) }
        #expect(error.message.contains("255"))
    }

    @Test func chartsMustReferToSheetsThatExist() throws {
        let error = try errorWriting { sheet in
            let range = CellRange(sheet: "Nowhere", column: 0, firstRow: 1, lastRow: 2)
            try sheet.insertLineChart(
                LineChart(categories: range, series: [ChartSeries(name: "x", values: range)]), row: 1, column: 0)
        }
        #expect(error.message.contains("Nowhere"))
    }

    @Test func chartsWithSpacesInSheetNamesQuoteThem() throws {
        let dir = try ScratchDirectory()
        let path = dir.file("chart.xlsx")
        let workbook = try WorkbookWriter(path: path, properties: properties)
        let sheet = try workbook.addSheet(named: "Run history")
        try sheet.write(row: 1, column: 0, "Oct")
        try sheet.write(row: 1, column: 1, 3)
        try sheet.write(row: 2, column: 0, "Nov")
        try sheet.write(row: 2, column: 1, 4)
        try sheet.insertLineChart(
            LineChart(
                categories: CellRange(sheet: "Run history", column: 0, firstRow: 1, lastRow: 2),
                series: [
                    ChartSeries(
                        name: "Open", values: CellRange(sheet: "Run history", column: 1, firstRow: 1, lastRow: 2))
                ]),
            row: 4, column: 0)
        try workbook.close()
        #expect(try zipPart(path, "xl/charts/chart1.xml").contains("<c:f>'Run history'!$B$1:$B$2</c:f>"))
    }
}
