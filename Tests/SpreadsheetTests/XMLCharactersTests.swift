import Foundation
import Testing

@testable import Spreadsheet

/// The characters a workbook cannot hold are found and replaced, in text and in the XML a reader is fed.
@Suite struct XMLCharactersTests {
    @Test func noncharactersAndControlsAreForbiddenAndOtherCharactersAreNot() {
        for forbidden: Unicode.Scalar in [
            "\u{FFFE}", "\u{FFFF}", "\u{1FFFE}", "\u{10FFFF}", "\u{0}", "\u{1}", "\u{1F}",
        ] {
            #expect(XMLCharacters.isForbidden(forbidden), "U+\(String(forbidden.value, radix: 16))")
        }
        for allowed: Unicode.Scalar in ["\t", "\n", "\r", " ", "é", "\u{FFFD}", "\u{FFFC}", "\u{1F693}", "\u{EFFF}"] {
            #expect(!XMLCharacters.isForbidden(allowed), "U+\(String(allowed.value, radix: 16))")
        }
    }

    @Test func cleaningReplacesEachForbiddenCharacterAndCountsThem() {
        #expect(XMLCharacters.cleaned("plain text, é € 🚓").replaced == 0)
        #expect(XMLCharacters.cleaned("line\r\nfeed\ttab").replaced == 0)
        let (text, replaced) = XMLCharacters.cleaned("a\u{FFFF}b\u{FFFE}c\u{1}d\u{10FFFF}")
        #expect(text == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}")
        #expect(replaced == 4)
        // Past the eight-byte words the quick look reads, and in a character ending in 0xBF that is allowed.
        #expect(XMLCharacters.cleaned(String(repeating: "x", count: 17) + "\u{FFFF}").replaced == 1)
        #expect(XMLCharacters.cleaned(String(repeating: "¿", count: 9)).replaced == 0)
    }

    @Test func theXMLBytesAreRepairedInPlace() {
        var bytes: [UInt8] =
            Array("<t>a".utf8) + [0xEF, 0xBF, 0xBF, 0xED, 0xA0, 0x80, 0xEF, 0xBF, 0xBD] + Array("</t>".utf8)
        let replaced = bytes.withUnsafeMutableBufferPointer { XMLCharacters.replaceForbiddenInXML($0) }
        #expect(replaced == 2)
        #expect(String(decoding: bytes, as: UTF8.self) == "<t>a\u{FFFD}\u{FFFD}\u{FFFD}</t>")
        #expect(XMLCharacters.incompleteTail(Array("ab".utf8) + [0xEF]) == 1)
        #expect(XMLCharacters.incompleteTail(Array("ab".utf8) + [0xEF, 0xBF]) == 2)
        #expect(XMLCharacters.incompleteTail(Array("abc".utf8)) == 0)
    }

    @Test func aNoncharacterSplitAcrossTwoChunksIsReadAsUFFFD() throws {
        final class Texts: SAXHandler {
            var texts: [String] = []
            override func start(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) {
                collecting = nameIs(name, "t")
            }
            override func end(_ name: UnsafePointer<UInt8>) {
                if nameIs(name, "t") { texts.append(String(decoding: text, as: UTF8.self)) }
                text.removeAll(keepingCapacity: true)
            }
        }
        let document: [UInt8] =
            Array("<?xml version=\"1.0\"?><r><t>a".utf8) + [0xEF, 0xBF, 0xBF] + Array("b</t></r>".utf8)
        let split = try #require(document.firstIndex(of: 0xEF)) + 1  // between 0xEF and 0xBF
        let handler = Texts()
        try SAXParser.parse(file: "x.xml", part: nil, handler: handler) { push in
            try document[..<split].withUnsafeBytes { try push($0) }
            try document[split...].withUnsafeBytes { try push($0) }
        }
        #expect(handler.texts == ["a\u{FFFD}b"])
    }

    @Test(arguments: [false, true])
    func theSheetWritersReplaceUFFFFAndUFFFE(streamed: Bool) throws {
        let dir = try ScratchDirectory()
        let path = dir.file("book.xlsx")
        let workbook = try WorkbookWriter(path: path, properties: properties)
        let sheet = try workbook.addSheet(named: "Sheet", streamed: streamed)
        try sheet.write(row: 1, column: 0, "a\u{FFFF}b\u{FFFE}c")
        try sheet.write(row: 2, column: 0, "d\u{EFFF}e\u{1FFFE}")
        try workbook.close()
        let cells = try SpreadsheetFile.open(path: path).rows(inSheet: 0).map(\.cells)
        #expect(cells.first?.first == .string("a\u{FFFD}b\u{FFFD}c"))
        // Other planes' noncharacters are XML 1.0 characters: the writers leave them (input cleaning does not).
        #expect(cells.last?.first == .string("d\u{EFFF}e\u{1FFFE}"))
    }
}
