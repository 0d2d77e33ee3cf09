import Foundation
import Testing

@testable import Spreadsheet

/// A fresh directory per test, removed afterwards.
final class ScratchDirectory {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "writer-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
}

/// One part of a zip file as text, read with /usr/bin/unzip.
func zipPart(_ archive: String, _ part: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
    process.arguments = ["-p", archive, part]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw HMICError(.unreadable, file: archive, "unzip could not read \(part)")
    }
    return String(decoding: data, as: UTF8.self)
}

let asOf = CalendarDate(year: 2026, month: 11, day: 30)
let properties = DocumentProperties(
    title: "HMICFRS findings reconciliation", subject: "Register against portal",
    author: "hmic-reconcile", company: "Example Constabulary",
    comments: "As at 30/11/2026", created: asOf)

/// Writes the workbook the board sees, in miniature: every feature the writer offers.
func writeSample(to path: String, constantMemory: Bool = false) throws {
    let workbook = try WorkbookWriter(path: path, properties: properties, constantMemory: constantMemory)
    let sheet = try workbook.addSheet(named: "Discrepancies")
    let header = CellStyle(
        bold: true, fontColor: 0xFFFFFF, fillColor: 0x1F3864, wrap: true, vertical: .top, border: .thin)
    let headers = ["ID", "Severity", "Count", "First seen", "Closed", "Board decision"]
    try sheet.setRow(1, height: 30)
    for (column, text) in headers.enumerated() { try sheet.write(row: 1, column: column, text, style: header) }
    try sheet.write(row: 2, column: 0, "D-0001")
    try sheet.write(row: 2, column: 1, "High", style: CellStyle(fillColor: 0xF8CBAD))
    try sheet.write(row: 2, column: 2, 12)
    try sheet.write(row: 2, column: 3, asOf)
    try sheet.write(row: 2, column: 4, false)
    try sheet.write(row: 3, column: 0, "=HYPERLINK(\"http://evil\")")
    try sheet.write(row: 3, column: 1, "Low")
    try sheet.write(row: 3, column: 2, 0.5, style: CellStyle(numberFormat: "0.0"))
    try sheet.write(row: 3, column: 3, CellValue.date(CalendarDate(year: 2025, month: 1, day: 2)))
    try sheet.write(row: 3, column: 4, CellValue?.none)
    try sheet.setColumn(first: 0, last: 0, width: 12)
    try sheet.setColumn(first: 1, last: 5, width: 18, style: CellStyle(wrap: true))
    try sheet.freezePanes(rows: 1)
    try sheet.autofilter(firstRow: 1, firstColumn: 0, lastRow: 3, lastColumn: 5)
    try sheet.dataValidationList(
        firstRow: 2, lastRow: 3, column: 5,
        items: [
            "Request portal correction", "Request closure", "Update register",
            "Chase central sign-off", "No action",
        ],
        inputTitle: "Board decision", inputMessage: "Choose what the board decided")
    try sheet.setLandscape()
    try sheet.setPaper(.a4)
    try sheet.fitToPages(width: 1, height: 0)
    try sheet.repeatRows(first: 1, last: 1)
    try sheet.setHeader("&L&A&CPage &P of &N&R as at 30/11/2026")
    try sheet.setFooter("&CExample Constabulary")
    try sheet.setMargins(left: 0.5, right: 0.5, top: 0.75, bottom: 0.75)
    try sheet.setTabColor(0xC00000)

    let history = try workbook.addSheet(named: "History")
    try history.hideGridlines()
    try history.write(row: 1, column: 0, "As at", style: CellStyle(bold: true))
    try history.write(row: 1, column: 1, "Open findings", style: CellStyle(bold: true))
    try history.write(row: 2, column: 0, CalendarDate(year: 2026, month: 10, day: 31))
    try history.write(row: 2, column: 1, 40)
    try history.write(row: 3, column: 0, asOf)
    try history.write(row: 3, column: 1, 37)
    try history.insertLineChart(
        LineChart(
            title: "Open findings", categories: CellRange(sheet: "History", column: 0, firstRow: 2, lastRow: 3),
            series: [
                ChartSeries(
                    name: "Open findings", values: CellRange(sheet: "History", column: 1, firstRow: 2, lastRow: 3))
            ],
            categoryAxisTitle: "As at", valueAxisTitle: "Findings"),
        row: 5, column: 0)
    try workbook.close()
}

@Suite struct WorkbookWriterTests {
    @Test func writesCellsStylesAndSheetSettings() throws {
        let dir = try ScratchDirectory()
        let path = dir.file("board.xlsx")
        try writeSample(to: path)

        let sheet1 = try zipPart(path, "xl/worksheets/sheet1.xml")
        #expect(sheet1.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet1.contains("<autoFilter ref=\"A1:F3\"/>"))
        #expect(sheet1.contains("<dataValidation type=\"list\""))
        #expect(sheet1.contains("sqref=\"F2:F3\""))
        #expect(sheet1.contains("promptTitle=\"Board decision\""))
        #expect(
            sheet1.contains(
                "<formula1>\"Request portal correction,Request closure,Update register,Chase central sign-off,No action\"</formula1>"
            ))
        #expect(sheet1.contains("orientation=\"landscape\""))
        #expect(sheet1.contains("paperSize=\"9\""))
        #expect(sheet1.contains("fitToHeight=\"0\""))
        #expect(sheet1.contains("<pageSetUpPr fitToPage=\"1\"/>"))
        #expect(
            sheet1.contains("<oddHeader>&amp;L&amp;A&amp;CPage &amp;P of &amp;N&amp;R as at 30/11/2026</oddHeader>"))
        #expect(sheet1.contains("<oddFooter>&amp;CExample Constabulary</oddFooter>"))
        #expect(sheet1.contains("<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.75\" bottom=\"0.75\""))
        #expect(sheet1.contains("<tabColor rgb=\"FFC00000\"/>"))
        // Numbers, booleans and dates as values: 30/11/2026 is serial 46356.
        // C2 has no style of its own, so it takes its column's (wrap, the first format added).
        #expect(sheet1.contains("<c r=\"C2\" s=\"1\"><v>12</v></c>"))
        #expect(sheet1.contains("<v>0.5</v>"))
        #expect(sheet1.contains("t=\"b\"><v>0</v></c>"))
        #expect(sheet1.contains("<v>46356</v>"))
        #expect(sheet1.contains("<v>45659</v>"))  // 2025-01-02
        #expect(!sheet1.contains("<f>"), "no cell may be a formula")
        #expect(!sheet1.contains("r=\"E3\""), "a nil value writes nothing")

        let strings = try zipPart(path, "xl/sharedStrings.xml")
        for text in ["ID", "Severity", "D-0001", "High", "Low", "Open findings"] {
            #expect(strings.contains("<t>\(text)</t>"), "\(text) in sharedStrings")
        }
        #expect(
            strings.contains("<t>=HYPERLINK(\"http://evil\")</t>")
                || strings.contains("<t>=HYPERLINK(&quot;http://evil&quot;)</t>"))

        let styles = try zipPart(path, "xl/styles.xml")
        #expect(styles.contains("formatCode=\"dd/mm/yyyy\""))
        #expect(styles.contains("formatCode=\"0.0\""))
        #expect(styles.contains("<fgColor rgb=\"FF1F3864\"/>"))
        #expect(styles.contains("<b/>"))

        let core = try zipPart(path, "docProps/core.xml")
        #expect(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-11-30T00:00:00Z</dcterms:created>"))
        #expect(core.contains("<dc:title>HMICFRS findings reconciliation</dc:title>"))
        let app = try zipPart(path, "docProps/app.xml")
        #expect(app.contains("<Company>Example Constabulary</Company>"))

        let workbookXML = try zipPart(path, "xl/workbook.xml")
        #expect(workbookXML.contains("<sheet name=\"Discrepancies\" sheetId=\"1\""))
        #expect(workbookXML.contains("<sheet name=\"History\" sheetId=\"2\""))
        #expect(
            workbookXML.contains(
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">Discrepancies!$1:$1</definedName>"))
        #expect(
            workbookXML.contains(
                "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">Discrepancies!$A$1:$F$3</definedName>"
            ))

        let sheet2 = try zipPart(path, "xl/worksheets/sheet2.xml")
        #expect(sheet2.contains("showGridLines=\"0\""))
        let chart = try zipPart(path, "xl/charts/chart1.xml")
        #expect(chart.contains("<c:lineChart>"))
        #expect(chart.contains("<c:f>History!$A$2:$A$3</c:f>"))
        #expect(chart.contains("<c:f>History!$B$2:$B$3</c:f>"))
        #expect(chart.contains("Open findings"))
        #expect(chart.contains("Findings"))
    }

    @Test func sameContentGivesIdenticalBytes() throws {
        let dir = try ScratchDirectory()
        try writeSample(to: dir.file("a.xlsx"))
        // A second apart at least, so a clock-derived timestamp anywhere in the file would show.
        Thread.sleep(forTimeInterval: 1.1)
        try writeSample(to: dir.file("b.xlsx"))
        let a = try Data(contentsOf: URL(fileURLWithPath: dir.file("a.xlsx")))
        let b = try Data(contentsOf: URL(fileURLWithPath: dir.file("b.xlsx")))
        #expect(a.count > 1000)
        #expect(a == b)
    }

    @Test func unwritablePathIsCannotCreateNamingThePath() throws {
        let path = "/nonexistent-dir/x.xlsx"
        let error = try #require(throws: HMICError.self) {
            _ = try WorkbookWriter(path: path, properties: properties)
        }
        #expect(error.code == .cannotCreate)
        #expect(error.file == path)
        #expect(error.description.hasPrefix(path))
    }

    @Test func directoryAsPathIsCannotCreate() throws {
        let dir = try ScratchDirectory()
        let error = try #require(throws: HMICError.self) {
            _ = try WorkbookWriter(path: dir.path, properties: properties)
        }
        #expect(error.code == .cannotCreate)
    }

    @Test func failedCloseLeavesTheExistingFileAlone() throws {
        let dir = try ScratchDirectory()
        let path = dir.file("previous.xlsx")
        try Data("previous workbook".utf8).write(to: URL(fileURLWithPath: path))
        let workbook = try WorkbookWriter(path: path, properties: properties)
        let sheet = try workbook.addSheet(named: "Summary")
        try sheet.write(row: 1, column: 0, "new")
        // A directory where the workbook is to be assembled: fopen fails even for root.
        try FileManager.default.createDirectory(atPath: workbook.temporaryPath, withIntermediateDirectories: false)
        let error = try #require(throws: HMICError.self) { try workbook.close() }
        #expect(error.code == .cannotCreate)
        #expect(error.file == path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous workbook")
    }

    @Test func successfulCloseReplacesTheFileAndLeavesNothingBehind() throws {
        let dir = try ScratchDirectory()
        let path = dir.file("board.xlsx")
        try Data("previous workbook".utf8).write(to: URL(fileURLWithPath: path))
        try writeSample(to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["board.xlsx"])
        #expect(try zipPart(path, "xl/workbook.xml").contains("Discrepancies"))
    }

    @Test func noFileUntilClose() throws {
        let dir = try ScratchDirectory()
        let path = dir.file("out.xlsx")
        do {
            let workbook = try WorkbookWriter(path: path, properties: properties)
            try workbook.addSheet(named: "Summary").write(row: 1, column: 0, "x")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func usingAClosedWorkbookIsAnError() throws {
        let dir = try ScratchDirectory()
        let workbook = try WorkbookWriter(path: dir.file("x.xlsx"), properties: properties)
        let sheet = try workbook.addSheet(named: "Summary")
        try workbook.close()
        #expect(throws: HMICError.self) { try sheet.write(row: 1, column: 0, "late") }
        #expect(throws: HMICError.self) { try workbook.close() }
        #expect(throws: HMICError.self) { _ = try workbook.addSheet(named: "Late") }
    }

    @Test(arguments: [
        "", "A sheet name far longer than thirty-one", "Q1/Q2", "a[b]", "What?", "x*y", "a:b", "back\\slash",
        "'quoted'",
    ])
    func invalidSheetNamesAreRefused(name: String) throws {
        let dir = try ScratchDirectory()
        let workbook = try WorkbookWriter(path: dir.file("x.xlsx"), properties: properties)
        let error = try #require(throws: HMICError.self) { _ = try workbook.addSheet(named: name) }
        #expect(error.code == .badData)
        #expect(error.message.contains("sheet name"))
    }

    @Test func duplicateSheetNamesAreRefusedIgnoringCase() throws {
        let dir = try ScratchDirectory()
        let workbook = try WorkbookWriter(path: dir.file("x.xlsx"), properties: properties)
        _ = try workbook.addSheet(named: "Summary")
        #expect(throws: HMICError.self) { _ = try workbook.addSheet(named: "SUMMARY") }
    }

    @Test func sanitizedSheetNamesAreValid() {
        #expect(WorkbookWriter.sanitizedSheetName("Q1/Q2 [draft]: what?") == "Q1_Q2 _draft__ what_")
        #expect(WorkbookWriter.sanitizedSheetName("''") == "Sheet")
        #expect(WorkbookWriter.sanitizedSheetName(String(repeating: "x", count: 40)).count == 31)
        for text in ["a/b", "'x'", String(repeating: "é", count: 50), "\u{1}"] {
            #expect(WorkbookWriter.sheetNameProblem(WorkbookWriter.sanitizedSheetName(text)) == nil)
        }
    }

    /// Proves something only where a comma-decimal locale is installed (not on the Debian CI image).
    @Test func numbersUseAPointWhateverTheLocale() throws {
        let dir = try ScratchDirectory()
        let path = dir.file("x.xlsx")
        setlocale(LC_NUMERIC, "de_DE.UTF-8")
        let workbook = try WorkbookWriter(path: path, properties: properties)
        try workbook.addSheet(named: "S").write(row: 1, column: 0, 1.25)
        try workbook.close()
        #expect(try zipPart(path, "xl/worksheets/sheet1.xml").contains("<v>1.25</v>"))
    }
}
