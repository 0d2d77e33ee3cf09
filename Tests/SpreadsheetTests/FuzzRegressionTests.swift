import Foundation
import Testing

@testable import Spreadsheet

/// Replays every input kept under Fuzz/Seeds and Fuzz/Regressions through the same entry points as the libFuzzer
/// targets (Fuzz/Targets), so that a crash or hang once found stays fixed. Each input either reads to rows or is
/// refused with a `HMICError` naming the file; any other outcome fails. A fuzz input's first byte chooses the
/// chunk size the XML targets feed, as in the targets.
@Suite(.timeLimit(.minutes(1))) struct FuzzRegressionTests {
    static let fuzz = Corpus.packageRoot.appendingPathComponent("Fuzz")

    /// One kept input and what it must do.
    struct Input: CustomStringConvertible {
        enum Expectation { case reads, isRefused, either }
        var url: URL
        /// A seed is a valid input and must read, unless its name starts with `refused-`; a regression input (one
        /// that once crashed or hung a target) may read or be refused.
        var expectation: Expectation
        var description: String {
            "\(url.deletingLastPathComponent().deletingLastPathComponent().lastPathComponent)/\(url.lastPathComponent)"
        }
    }

    /// The inputs kept for `target`, seeds and regressions alike. Both folders must exist and the seeds must hold
    /// at least one input, so that a renamed or emptied folder fails rather than replaying nothing.
    static func inputs(_ target: String) throws -> [Input] {
        func listed(_ folder: String) throws -> [URL] {
            let dir = fuzz.appendingPathComponent(folder).appendingPathComponent(target)
            return try FileManager.default.contentsOfDirectory(atPath: dir.path)
                .filter { $0 != "README" }.sorted().map { dir.appendingPathComponent($0) }
        }
        let seeds = try listed("Seeds")
        let regressions = try listed("Regressions")
        try #require(!seeds.isEmpty, "no inputs in Fuzz/Seeds/\(target)")
        return seeds.map {
            Input(url: $0, expectation: $0.lastPathComponent.hasPrefix("refused-") ? .isRefused : .reads)
        }
            + regressions.map { Input(url: $0, expectation: .either) }
    }

    /// Runs `read`, which returns the number of rows it read, and checks the outcome against `input`'s
    /// expectation: rows (at least one when `needsRows`), or a refusal of one of `kinds` that names `file`.
    static func expectOutcome(
        _ input: Input, file: String, kinds: [HMICError.Code] = [.badData], needsRows: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation, _ read: () throws -> Int
    ) {
        do {
            let rows = try read()
            #expect(
                input.expectation != .isRefused, "\(input) read \(rows) rows but must be refused",
                sourceLocation: sourceLocation)
            if needsRows {
                #expect(rows > 0, "\(input) read without an error but gave no rows", sourceLocation: sourceLocation)
            }
        } catch let error as HMICError {
            #expect(
                input.expectation != .reads, "\(input) must read but was refused: \(error)",
                sourceLocation: sourceLocation)
            #expect(
                kinds.contains(error.code), "\(input): refused as \(error.code): \(error)",
                sourceLocation: sourceLocation)
            #expect(
                error.file == file, "\(input): the error names '\(error.file)', not '\(file)'",
                sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(input): \(type(of: error)) is not a HMICError: \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Feeds `bytes` to `handler` `chunk` bytes at a time. A shared-strings handler's count limit is turned into
    /// the refusal the XLSX document makes of it.
    static func parse(
        _ bytes: [UInt8], _ handler: SAXHandler, chunk: Int, file: String = "fuzz.xlsx",
        part: String? = "xl/worksheets/sheet1.xml"
    ) throws {
        do {
            try SAXParser.parse(file: file, part: part, handler: handler) { consume in
                try bytes.withUnsafeBytes { raw in
                    var offset = 0
                    while offset < raw.count {
                        let n = min(chunk, raw.count - offset)
                        try consume(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + n)]))
                        offset += n
                    }
                }
            }
        } catch is SharedStringsHandler.TooMany {
            throw HMICError(.badData, file: file, "too many shared strings")
        }
    }

    /// True when rows come in ascending order, each inside Excel's grid.
    static func expectInGrid(_ row: Row, after last: inout Int, _ input: Input) {
        #expect(row.number > last, "\(input): row \(row.number) after row \(last)")
        #expect(
            row.number >= 1 && row.number <= ExcelLimits.rows && row.cells.count <= ExcelLimits.columns,
            "\(input): row \(row.number)")
        last = row.number
    }

    @Test func csvInputsReadOrAreRefused() throws {
        for input in try Self.inputs("csv") {
            let bytes = [UInt8](try Data(contentsOf: input.url))
            let name = input.url.lastPathComponent
            Self.expectOutcome(input, file: name) {
                try CSVDocument(path: name, bytes: bytes, limits: .excel).rows(inSheet: 0).count
            }
            // Under small limits a valid input may be refused; what reads must keep to the limits.
            let small = CSVLimits(maxFieldsPerRecord: 64, maxRecords: 256, maxFieldLength: 128)
            Self.expectOutcome(Input(url: input.url, expectation: .either), file: name, needsRows: false) {
                let rows = try CSVDocument(path: name, bytes: bytes, limits: small).rows(inSheet: 0)
                var last = 0
                for row in rows {
                    Self.expectInGrid(row, after: &last, input)
                    #expect(row.cells.count <= small.maxFieldsPerRecord, "\(input): row \(row.number)")
                    for case let .string(text)? in row.cells {
                        #expect(text.count <= small.maxFieldLength, "\(input): row \(row.number)")
                    }
                }
                #expect(rows.count <= small.maxRecords, "\(input)")
                return rows.count
            }
        }
    }

    @Test func sheetXMLInputsReadOrAreRefused() throws {
        for input in try Self.inputs("sheetxml") {
            let data = [UInt8](try Data(contentsOf: input.url))
            let first = try #require(data.first, "\(input) is empty: its first byte chooses the chunk size")
            let bytes = Array(data.dropFirst())
            let chunk = Int(first % 64) + 1
            // Any part may be given to any handler: a seed is well-formed XML, which every handler reads through.
            for date1904 in [false, true] {
                var last = 0
                let sheet = SheetHandler(
                    file: "fuzz.xlsx", sheet: "Data", sharedStrings: ["zero", "one", "", "three"],
                    styles: [.number, .date, .duration], date1904: date1904
                ) { row in
                    Self.expectInGrid(row, after: &last, input)
                }
                Self.expectOutcome(input, file: "fuzz.xlsx", needsRows: false) {
                    try Self.parse(bytes, sheet, chunk: date1904 ? 1 << 18 : chunk)
                    sheet.finish()
                    return last
                }
            }
            for handler in [SharedStringsHandler(), StylesHandler(), WorkbookHandler(), RelationshipsHandler()]
                as [SAXHandler]
            {
                Self.expectOutcome(input, file: "fuzz.xlsx", needsRows: false) {
                    try Self.parse(bytes, handler, chunk: chunk)
                    return 0
                }
            }
        }
    }

    @Test func spreadsheetMLInputsReadOrAreRefused() throws {
        for input in try Self.inputs("spreadsheetml") {
            let data = [UInt8](try Data(contentsOf: input.url))
            let first = try #require(data.first, "\(input) is empty: its first byte chooses the chunk size")
            let bytes = Array(data.dropFirst())
            let chunk = Int(first % 64) + 1
            Self.expectOutcome(input, file: "fuzz.xml") {
                let sheets = SpreadsheetMLSheetsHandler()
                // The sheet list may be complete before a later error: the sheets found are read all the same,
                // and the input counts as refused.
                var refusal: Error?
                do { try Self.parse(bytes, sheets, chunk: chunk, file: "fuzz.xml", part: nil) } catch {
                    refusal = error
                }
                var count = 0
                for index in 0..<min(sheets.sheets.count, 4) {
                    var last = 0
                    let rows = SpreadsheetMLRowsHandler(
                        file: "fuzz.xml", sheetIndex: index, sheetName: sheets.sheets[index].name
                    ) { row in
                        Self.expectInGrid(row, after: &last, input)
                        count += 1
                    }
                    do { try Self.parse(bytes, rows, chunk: chunk, file: "fuzz.xml", part: nil) } catch {
                        refusal = refusal ?? error
                    }
                }
                if let refusal { throw refusal }
                return count
            }
        }
    }

    @Test func xlsxInputsReadOrAreRefused() throws {
        var limits = ZipLimits()
        limits.maxPartBytes = 8 << 20
        limits.maxTotalBytes = 16 << 20
        limits.ratioGraceBytes = 64 << 10
        limits.maxEntries = 200
        for input in try Self.inputs("xlsx") {
            Self.expectOutcome(input, file: input.url.path, kinds: [.badData, .unreadable]) {
                let document = try XLSXDocument(path: input.url.path, limits: limits)
                var count = 0
                for index in document.sheets.indices.prefix(4) {
                    var last = 0
                    try document.forEachRow(inSheet: index) { row in
                        Self.expectInGrid(row, after: &last, input)
                        count += 1
                    }
                }
                return count
            }
        }
    }

    /// Found by the hostile-input suite: libxml2's push parser rescanned a long run of text for every chunk, so a
    /// 50 MB cell took minutes. Now refused as soon as 4 MiB have come without a tag, before the rest is fed.
    @Test func aLongRunOfTextIsRefusedAfterFourMebibytes() throws {
        var bytes = Array("<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 48 << 20)
        let chunk = 1 << 18
        var fed = 0
        let sheet = SheetHandler(file: "long.xlsx", sheet: "Data", sharedStrings: [], styles: [], date1904: false) {
            _ in
        }
        let error = try #require(throws: HMICError.self) {
            try SAXParser.parse(file: "long.xlsx", part: "xl/worksheets/sheet1.xml", handler: sheet) { consume in
                try bytes.withUnsafeBytes { raw in
                    while fed < raw.count {
                        let n = min(chunk, raw.count - fed)
                        try consume(UnsafeRawBufferPointer(rebasing: raw[fed..<(fed + n)]))
                        fed += n
                    }
                }
            }
        }
        #expect(error.code == .badData && error.file == "long.xlsx")
        #expect(error.message.contains("4 MiB of text between two tags"), "\(error.message)")
        #expect(fed <= SAXParser.maxTextRun + chunk, "\(fed) bytes fed before the refusal")
        // Text just under the limit, split by tags, still reads.
        var fine = Array("<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>".utf8)
        fine += [UInt8](repeating: UInt8(ascii: "y"), count: 30_000)
        fine += Array("</t></is></c></row></sheetData></worksheet>".utf8)
        var cells: [CellValue?] = []
        let reader = SheetHandler(file: "ok.xlsx", sheet: "Data", sharedStrings: [], styles: [], date1904: false) {
            cells = $0.cells
        }
        try Self.parse(fine, reader, chunk: chunk)
        reader.finish()
        #expect(cells.first??.text.count == 30_000)
    }
}
