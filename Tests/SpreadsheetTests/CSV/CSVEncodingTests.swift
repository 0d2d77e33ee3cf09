import Foundation
import Spreadsheet
import Testing

struct CSVEncodingTests {
    @Test func utf8WithoutBOM() throws {
        let document = try CSVDocument(path: "x.csv", bytes: Array("a,b\n£5,café – ’\n".utf8))
        #expect(document.encoding == .utf8)
        #expect(try csvRecords(document)[1] == ["£5", "café – ’"])
    }

    @Test func utf8WithBOMDropsTheBOM() throws {
        let document = try CSVDocument(path: "x.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("Ref,Status\nR1,£\n".utf8))
        #expect(document.encoding == .utf8WithBOM)
        #expect(try csvRecords(document) == [["Ref", "Status"], ["R1", "£"]])
    }

    @Test func utf16LittleEndianTabSeparated() throws {
        let text = "Ref\tDescription\r\nR1\tForce’s £ plan – 😀\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let document = try CSVDocument(path: "unicode.txt", bytes: bytes)
        #expect(document.encoding == .utf16LittleEndian)
        #expect(document.delimiter == .tab)
        #expect(try csvRecords(document) == [["Ref", "Description"], ["R1", "Force’s £ plan – 😀"]])
    }

    @Test func utf16BigEndian() throws {
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in "a;b\n€;x\n".utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let document = try CSVDocument(path: "x.csv", bytes: bytes)
        #expect(document.encoding == .utf16BigEndian)
        #expect(try csvRecords(document) == [["a", "b"], ["€", "x"]])
    }

    @Test func windows1252WhenNotUTF8() throws {
        // "Cost,Note\n£5,A – B ’s “x” € …\n" as Excel's plain CSV writes it.
        let bytes: [UInt8] =
            Array("Cost,Note\n".utf8) + [0xA3] + Array("5,A ".utf8) + [0x96] + Array(" B ".utf8)
            + [0x92] + Array("s ".utf8) + [0x93, 0x78, 0x94, 0x20, 0x80, 0x20, 0x85, 0x0A]
        let document = try CSVDocument(path: "x.csv", bytes: bytes)
        #expect(document.encoding == .windows1252)
        #expect(try csvRecords(document) == [["Cost", "Note"], ["£5", "A – B ’s “x” € …"]])
    }

    @Test func invalidUTF8SequencesFallBackTo1252() throws {
        // An overlong encoding and a lone continuation byte are not UTF-8.
        #expect(try CSVDocument(path: "x.csv", bytes: [0x61, 0xC0, 0xAF]).encoding == .windows1252)
        #expect(try CSVDocument(path: "x.csv", bytes: Array("abcdefgh".utf8) + [0x9C]).encoding == .windows1252)
        #expect(try CSVDocument(path: "x.csv", bytes: Array("abcdefgh ʤ 😀".utf8)).encoding == .utf8)
    }

    @Test func aFewStrayBytesInAMostlyUTF8FileAreReplacedAndNamed() throws {
        // UTF-8 throughout ("Ré-1", "–", "€"), but one Latin-1 "£" (0xA3) typed into row 3's second field, and a
        // quoted field over two lines before it.
        let bytes: [UInt8] =
            Array("Ref,Note\n\"Ré-1\",\"two\nlines – €\"\nR2,cost ".utf8) + [0xA3] + Array("5\n".utf8)
        let document = try CSVDocument(path: "x.csv", bytes: bytes)
        #expect(document.encoding == .utf8WithBadBytes)
        #expect(
            try csvRecords(document) == [["Ref", "Note"], ["Ré-1", "two\nlines – €"], ["R2", "cost \u{FFFD}5"]])
        let warning = try #require(document.decodingWarning)
        #expect(warning.hasPrefix("1 byte is not UTF-8"))
        #expect(warning.contains("in row 4, column B;"), "the record starts on line 4, after the two-line field")
    }

    @Test func aByteOrderMarkSaysUTF8EvenWithStrayBytes() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8) + [0x92, 0x2C, 0x93, 0x0A]
        let document = try CSVDocument(path: "x.csv", bytes: bytes)
        #expect(document.encoding == .utf8WithBOM)
        #expect(try csvRecords(document) == [["a", "b"], ["\u{FFFD}", "\u{FFFD}"]])
        #expect(document.decodingWarning?.contains("2 bytes are not UTF-8") == true)
        #expect(document.decodingWarning?.contains("row 2, column A; row 2, column B") == true)
    }

    @Test func moreStrayBytesThanUTF8CharactersIsStillWindows1252() throws {
        let bytes: [UInt8] = Array("é,".utf8) + [0xA3, 0x2C, 0x80, 0x0A]
        #expect(try CSVDocument(path: "x.csv", bytes: bytes).encoding == .windows1252)
        #expect(try CSVDocument(path: "x.csv", bytes: Array("a,b\n".utf8)).decodingWarning == nil)
    }
}
