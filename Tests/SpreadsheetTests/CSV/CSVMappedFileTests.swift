import Foundation
import Testing

@testable import Spreadsheet

/// A CSV file is read from a mapping whose pages are given back as its records are read.
struct CSVMappedFileTests {
    /// About 12 MB of records, three `consumedStep`s, with quoted fields spanning lines and doubled quotes.
    private static func bigCSV(byteOrderMark: Bool) -> [UInt8] {
        var text = "Ref,Status,Description\n"
        var n = 0
        while text.utf8.count < 3 * CSVParser.consumedStep {
            text +=
                "R\(n),Open,\"Line one of \(n), with \"\"quotes\"\"\nand line two\"\nR\(n)b,Closed,plain text \(n) – café\n"
            n += 1
        }
        return (byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    }

    @Test(arguments: [false, true])
    func aMappedFileReadsAsTheSameBytesInMemoryDo(byteOrderMark: Bool) throws {
        let bytes = Self.bigCSV(byteOrderMark: byteOrderMark)
        let path = NSTemporaryDirectory() + "mapped-\(UUID().uuidString).csv"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }

        let expected = try CSVDocument(path: "x.csv", bytes: bytes).rows(inSheet: 0)
        let mapped = try CSVDocument(path: path)
        #expect(mapped.encoding == (byteOrderMark ? .utf8WithBOM : .utf8))
        // Twice: the second reading finds again the pages the first gave back.
        for _ in 0..<2 {
            let rows = try mapped.rows(inSheet: 0)
            #expect(rows.count == expected.count && rows.count > 100_000)
            #expect(rows.map(\.number) == expected.map(\.number))
            #expect(rows.map { $0.cells.map { $0?.text } } == expected.map { $0.cells.map { $0?.text } })
        }
    }

    @Test func theParserReportsRecordStartsAsItGoes() throws {
        let bytes = Self.bigCSV(byteOrderMark: false)
        var reported: [Int] = []
        var starts: Set<Int> = [0]
        let parser = CSVParser(path: "x.csv", delimiter: 0x2C, limits: .excel)
        try bytes.withUnsafeBufferPointer { buffer in
            try parser.parse(buffer, { _ in }, consumed: { reported.append($0) })
            // Every offset reported is where a record begins: just after a line feed outside quotes.
            var inQuotes = false
            for (i, byte) in buffer.enumerated() {
                if byte == 0x22 { inQuotes.toggle() }
                if byte == 0x0A && !inQuotes { starts.insert(i + 1) }
            }
        }
        #expect(reported.count >= 2)
        #expect(reported == reported.sorted() && reported.allSatisfy { starts.contains($0) })
        #expect(zip(reported, reported.dropFirst()).allSatisfy { $1 - $0 >= CSVParser.consumedStep })
    }

    @Test func aPipeIsReadWhole() throws {
        // `--register <(command)` hands the tool a pipe, which cannot be mapped.
        let path = NSTemporaryDirectory() + "pipe-\(UUID().uuidString).csv"
        #expect(mkfifo(path, 0o600) == 0)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = "Ref,Status\n" + (0..<50_000).map { "R\($0),Submitted for closure\n" }.joined()
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            handle.write(Data(text.utf8))
            try? handle.close()
        }
        writer.start()
        let rows = try CSVDocument(path: path).rows(inSheet: 0)
        #expect(rows.count == 50_001)
        #expect(rows.last?.cells.map { $0?.text } == ["R49999", "Submitted for closure"])
    }

    @Test func aReleasedRangeReadsTheSameAgain() throws {
        let bytes = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = NSTemporaryDirectory() + "mapped-\(UUID().uuidString).bin"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try MappedFile(path: path)
        #expect(Array(file.bytes) == bytes)
        file.release(before: 2 << 20)
        #expect(Array(file.bytes) == bytes)
        let missing = NSTemporaryDirectory() + "missing-\(UUID().uuidString)"
        #expect(spreadsheetError { _ = try MappedFile(path: missing) }?.code == .unreadable)
    }
}

struct CSVRepeatedFieldTests {
    /// Where a string's bytes are held: the same place for two strings means one allocation.
    private static func storage(_ cell: CellValue?) -> UnsafePointer<UInt8>? {
        guard case .string(let text)? = cell else { return nil }
        return text.utf8.withContiguousStorageIfAvailable { $0.baseAddress } ?? nil
    }

    @Test func aRepeatedFieldIsOneStringAndReadsTheSame() throws {
        let long = String(repeating: "x", count: 80)
        let text =
            "Status,Note,Title\n"
            + "Submitted for closure,\(long),Café inspection of 2026\n"
            + "Submitted for closure,\(long),Café inspection of 2026\n"
            + "\"Submitted for closure\",short,Café inspection of 2026\n"
        let rows = try csvDocument(text).rows(inSheet: 0)
        #expect(
            rows.map { $0.cells.map { $0?.text } } == [
                ["Status", "Note", "Title"],
                ["Submitted for closure", long, "Café inspection of 2026"],
                ["Submitted for closure", long, "Café inspection of 2026"],
                ["Submitted for closure", "short", "Café inspection of 2026"],
            ])
        // ASCII fields of 16 to 64 bytes, quoted or not, share one string; longer or non-ASCII ones do not.
        #expect(
            Self.storage(rows[1][0]) == Self.storage(rows[2][0]) && Self.storage(rows[2][0]) == Self.storage(rows[3][0])
        )
        #expect(Self.storage(rows[1][1]) != Self.storage(rows[2][1]))
        #expect(Self.storage(rows[1][2]) != Self.storage(rows[2][2]))
    }
}
