import Foundation
import Testing
@testable import Spreadsheet

/// Replays every input kept under Fuzz/Seeds and Fuzz/Regressions through the same entry points as the libFuzzer
/// targets (Fuzz/Targets), so that a crash or hang once found stays fixed: only a `HMICError` may come out,
/// quickly. A fuzz input's first byte chooses the chunk size the XML targets feed, as in the targets.
@Suite struct FuzzRegressionTests {
    static let fuzz = Corpus.packageRoot.appendingPathComponent("Fuzz")

    /// The inputs kept for `target`, seeds and regressions alike.
    static func inputs(_ target: String) -> [URL] {
        ["Seeds", "Regressions"].flatMap { folder -> [URL] in
            let dir = fuzz.appendingPathComponent(folder).appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            return names.filter { $0 != "README" }.sorted().map { dir.appendingPathComponent($0) }
        }
    }

    /// Feeds `bytes` to `handler` `chunk` bytes at a time; true when the parse completed.
    @discardableResult
    static func parse(_ bytes: [UInt8], _ handler: SAXHandler, chunk: Int, file: String = "fuzz.xlsx", part: String? = "xl/worksheets/sheet1.xml") throws -> Bool {
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
            return true
        } catch let error as HMICError {
            #expect(error.code == .badData)
            return false
        } catch is SharedStringsHandler.TooMany {
            return false
        }
    }

    @Test func csvInputsReadOrAreRefused() throws {
        for url in Self.inputs("csv") {
            let bytes = [UInt8](try Data(contentsOf: url))
            for limits in [CSVLimits.excel, CSVLimits(maxFieldsPerRecord: 64, maxRecords: 256, maxFieldLength: 128)] {
                do {
                    _ = try CSVDocument(path: url.lastPathComponent, bytes: bytes, limits: limits).rows(inSheet: 0)
                } catch let error as HMICError {
                    #expect(error.code == .badData, "\(url.lastPathComponent)")
                }
            }
        }
    }

    @Test func sheetXMLInputsReadOrAreRefused() throws {
        for url in Self.inputs("sheetxml") {
            let data = [UInt8](try Data(contentsOf: url))
            guard let first = data.first else { continue }
            let bytes = Array(data.dropFirst()), chunk = Int(first % 64) + 1
            for date1904 in [false, true] {
                let sheet = SheetHandler(file: "fuzz.xlsx", sheet: "Data", sharedStrings: ["zero", "one", "", "three"],
                                         styles: [.number, .date, .duration], date1904: date1904) { row in
                    #expect(row.number >= 1 && row.number <= ExcelLimits.rows && row.cells.count <= ExcelLimits.columns)
                }
                try Self.parse(bytes, sheet, chunk: date1904 ? 1 << 18 : chunk)
                sheet.finish()
            }
            for handler in [SharedStringsHandler(), StylesHandler(), WorkbookHandler(), RelationshipsHandler()] as [SAXHandler] {
                try Self.parse(bytes, handler, chunk: chunk)
            }
        }
    }

    @Test func spreadsheetMLInputsReadOrAreRefused() throws {
        for url in Self.inputs("spreadsheetml") {
            let data = [UInt8](try Data(contentsOf: url))
            guard let first = data.first else { continue }
            let bytes = Array(data.dropFirst()), chunk = Int(first % 64) + 1
            let sheets = SpreadsheetMLSheetsHandler()
            let complete = try Self.parse(bytes, sheets, chunk: chunk, file: "fuzz.xml", part: nil)
            guard complete || !sheets.sheets.isEmpty else { continue }
            for index in 0..<min(sheets.sheets.count, 4) {
                var last = 0
                let rows = SpreadsheetMLRowsHandler(file: "fuzz.xml", sheetIndex: index, sheetName: sheets.sheets[index].name) { row in
                    #expect(row.number > last, "\(url.lastPathComponent): row \(row.number) after row \(last)")
                    #expect(row.number <= ExcelLimits.rows && row.cells.count <= ExcelLimits.columns)
                    last = row.number
                }
                try Self.parse(bytes, rows, chunk: chunk, file: "fuzz.xml", part: nil)
            }
        }
    }

    @Test func xlsxInputsReadOrAreRefused() throws {
        var limits = ZipLimits()
        limits.maxPartBytes = 8 << 20
        limits.maxTotalBytes = 16 << 20
        limits.ratioGraceBytes = 64 << 10
        limits.maxEntries = 200
        for url in Self.inputs("xlsx") {
            do {
                let document = try XLSXDocument(path: url.path, limits: limits)
                for index in document.sheets.indices.prefix(4) { _ = try document.rows(inSheet: index) }
            } catch let error as HMICError {
                #expect(error.code == .badData || error.code == .unreadable, "\(url.lastPathComponent)")
            }
        }
    }

    /// Found by the hostile-input suite: libxml2's push parser rescanned a long run of text for every chunk, so a
    /// 50 MB cell took minutes. Now refused as soon as 4 MiB have come without a tag.
    @Test func aLongRunOfTextIsRefusedQuickly() throws {
        var bytes = Array("<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 48 << 20)
        let start = Date()
        let sheet = SheetHandler(file: "long.xlsx", sheet: "Data", sharedStrings: [], styles: [], date1904: false) { _ in }
        #expect(throws: HMICError.self) {
            try SAXParser.parse(file: "long.xlsx", part: "xl/worksheets/sheet1.xml", handler: sheet) { consume in
                try bytes.withUnsafeBytes { raw in
                    var offset = 0
                    while offset < raw.count {
                        let n = min(1 << 18, raw.count - offset)
                        try consume(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + n)]))
                        offset += n
                    }
                }
            }
        }
        #expect(Date().timeIntervalSince(start) < 5)
        // Text just under the limit, split by tags, still reads.
        var fine = Array("<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>".utf8)
        fine += [UInt8](repeating: UInt8(ascii: "y"), count: 30_000)
        fine += Array("</t></is></c></row></sheetData></worksheet>".utf8)
        var cells: [CellValue?] = []
        let reader = SheetHandler(file: "ok.xlsx", sheet: "Data", sharedStrings: [], styles: [], date1904: false) { cells = $0.cells }
        #expect(try Self.parse(fine, reader, chunk: 1 << 18))
        reader.finish()
        #expect(cells.first??.text.count == 30_000)
    }
}
