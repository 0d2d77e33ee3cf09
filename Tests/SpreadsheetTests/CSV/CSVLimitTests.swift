import Foundation
import Spreadsheet
import Testing

struct CSVLimitTests {
    @Test func nulBytesAreRefusedWithTheirLine() throws {
        let bytes = Array("a,b\n1,2\r\n3,".utf8) + [0x00, 0x01] + Array("\n".utf8)
        let error = try #require(spreadsheetError { _ = try CSVDocument(path: "data.bin", bytes: bytes) })
        #expect(error.code == .badData)
        #expect(error.file == "data.bin")
        #expect(error.row == 3)
        #expect(error.message == "does not look like a CSV text file: binary data at line 3")
    }

    @Test func utf16TextIsNotTakenForBinary() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "a\tb\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try csvRecords(CSVDocument(path: "x.txt", bytes: bytes)) == [["a", "b"]])
    }

    @Test func tooManyFieldsIsRefusedWithLineAndColumn() throws {
        let limits = CSVLimits(maxFieldsPerRecord: 4, maxRecords: 100, maxFieldLength: 100)
        #expect(try csvRecords(csvDocument("a,b,c,d\n", limits: limits)) == [["a", "b", "c", "d"]])
        let error = try #require(spreadsheetError { _ = try csvRecords(csvDocument("x\na,b,c,d,e\n", limits: limits)) })
        #expect(error.code == .badData)
        #expect(error.row == 2)
        #expect(error.column == 4)
        #expect(error.message.contains("more than 4 fields"))
    }

    /// How long these refusals take is measured by Benchmarks/hostile.sh; the time limit only stops a hang.
    @Test(.timeLimit(.minutes(1))) func aMillionColumnLineIsRefused() throws {
        let text = String(repeating: "1,", count: 1_000_000)
        let error = try #require(spreadsheetError { _ = try csvRecords(csvDocument(text)) })
        #expect(error.code == .badData)
        #expect(error.row == 1)
        #expect(error.column == 16_384)
    }

    @Test func tooManyRecordsIsRefused() throws {
        let limits = CSVLimits(maxFieldsPerRecord: 10, maxRecords: 3, maxFieldLength: 100)
        #expect(try csvRecords(csvDocument("a\n\nb\nc\n\n", limits: limits)).count == 3)
        let error = try #require(
            spreadsheetError { _ = try csvRecords(csvDocument("a\n\nb\nc\n\nd\n", limits: limits)) })
        #expect(error.code == .badData)
        #expect(error.row == 6)
        #expect(CSVLimits.excel.maxRecords == 1_048_576)
        #expect(CSVLimits.excel.maxFieldsPerRecord == 16_384)
        #expect(CSVLimits.excel.maxFieldLength == 32_767)
    }

    @Test func fieldLongerThanACellIsRefused() throws {
        let limit = CSVLimits.excel.maxFieldLength
        let fits = String(repeating: "x", count: limit)
        #expect(try csvRecords("a,\"\(fits)\"\n")[0][1]?.count == limit)
        // Multi-byte characters count as characters, not bytes.
        let wide = String(repeating: "€", count: limit)
        #expect(try csvRecords("a,\(wide)\n")[0][1]?.count == limit)
        for text in [
            "a,\(fits)x\n", "a,\"\(fits)x\"\n", "a,\"\(fits)\"x\n",
            "a,\"\(String(repeating: "\"\"", count: limit + 1))\"\n",
        ] {
            let error = try #require(spreadsheetError { _ = try csvRecords(text) })
            #expect(error.code == .badData)
            #expect(error.row == 1)
            #expect(error.column == 1)
            #expect(error.message.contains("longer than 32767 characters"))
        }
    }

    @Test(.timeLimit(.minutes(1))) func a50MegabyteFieldIsRefused() throws {
        for quoted in [false, true] {
            var bytes = [UInt8](repeating: 0x61, count: 50_000_000)
            if quoted {
                bytes[0] = 0x22
                bytes[bytes.count - 1] = 0x22
            }
            let error = try #require(
                spreadsheetError { _ = try csvRecords(CSVDocument(path: "big.csv", bytes: bytes)) })
            #expect(error.code == .badData)
            #expect(error.message.contains("longer than"))
        }
    }
}
