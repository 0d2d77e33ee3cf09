import Foundation
import Testing

@testable import Spreadsheet

/// A failure carries the call underneath it, with the errno or return code taken where the call failed (the output
/// writers' causes are checked in AtomicFileTests).
@Suite struct ErrorCauseTests {
    @Test func aMissingFileCarriesTheOpenThatFailed() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("absent-\(UUID().uuidString)").path
        let error = try #require(throws: HMICError.self) { _ = try MappedFile(path: missing) }
        #expect(error.code == .unreadable)
        #expect(error.cause as? SystemCallError == SystemCallError(call: "open", errno: ENOENT))
    }

    @Test func malformedXMLCarriesLibxml2sCode() throws {
        let dir = try temporaryFolder("cause")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("cut.xml").path
        try Data("<?xml version=\"1.0\"?>\n<Workbook><Worksheet><Table><Row></Cell>".utf8).write(
            to: URL(fileURLWithPath: path))
        let error = try #require(throws: HMICError.self) { _ = try SpreadsheetMLDocument(path: path) }
        let cause = try #require(error.cause as? SystemCallError)
        #expect(error.code == .badData && cause.call == "xmlParseChunk")
        #expect((cause.code ?? 0) > 0 && cause.errno == nil)
    }

    /// An errno left by an earlier call is not reported as the reason of a failure that sets none.
    @Test func anEarlierErrnoIsNotBlamed() throws {
        let dir = try temporaryFolder("cause")
        defer { try? FileManager.default.removeItem(at: dir) }
        // A frame whose sheet already holds rows has no empty sheet data to splice into.
        let frame = dir.appendingPathComponent("frame.xlsx").path
        let workbook = try WorkbookWriter(
            path: frame, properties: DocumentProperties(created: CalendarDate(year: 2026, month: 11, day: 30)))
        try workbook.addSheet(named: "S").write(row: 1, column: 0, "full")
        try workbook.close()
        let deflater = try ChunkedDeflater(path: "board.xlsx", group: DeflaterGroup())
        let rows = PackageSplicer.SheetRows(
            part: "xl/worksheets/sheet1.xml", rows: try deflater.finish(), dimension: "A1:A1")
        errno = EACCES
        let error = try #require(throws: HMICError.self) {
            try PackageSplicer.splice(
                frame: frame, into: dir.appendingPathComponent("out.xlsx").path, sheets: [rows], path: "board.xlsx")
        }
        #expect(
            error.description
                == "board.xlsx: cannot write the workbook: xl/worksheets/sheet1.xml has no empty <sheetData/> to put the rows in"
        )
        #expect(error.cause == nil)
    }

    @Test func aSystemCallErrorTakesTheErrnoOfTheMomentItIsMade() {
        errno = ENOSPC
        let failure = SystemCallError(call: "write")
        errno = 0
        #expect(failure.errno == ENOSPC && failure.reason == String(cString: strerror(ENOSPC)))
        #expect(failure.description == "write: \(String(cString: strerror(ENOSPC))) (errno \(ENOSPC))")
        #expect(SystemCallError(call: "deflate", code: -2, errno: nil).description == "deflate returned -2")
    }
}
