import Foundation
import Testing

@testable import Spreadsheet

/// Hostile and broken workbooks, built by the tests themselves: each must be refused with `.badData` and a
/// clear message. Benchmarks/hostile.sh measures how long such refusals take; the time limit only stops a hang.
@Suite(.timeLimit(.minutes(1))) struct XLSXHostileInputTests {
    static let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
         <!ENTITY lol "lol">
         <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
         <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
         <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
         <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
         <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
         <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
         <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
         <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
         <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>

        """

    static let plainSheet = """
        <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\(ns)"><sheetData>\
        <row r="1"><c r="A1" t="inlineStr"><is><t>ok</t></is></c></row></sheetData></worksheet>
        """

    /// Reads every sheet of the workbook at `path`, returning the error it raised.
    static func readAll(_ path: String) -> Error? {
        do {
            let doc = try SpreadsheetFile.open(path: path)
            for i in doc.sheets.indices { _ = try doc.rows(inSheet: i) }
            return nil
        } catch {
            return error
        }
    }

    /// Expects `.badData` naming the file, whose message contains `fragment`.
    static func expectRefused(_ path: String, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = readAll(path)
        guard let error = error as? HMICError else {
            Issue.record("expected a HMICError, got \(String(describing: error))", sourceLocation: sourceLocation)
            return
        }
        #expect(error.code == .badData, sourceLocation: sourceLocation)
        #expect(error.file == path, sourceLocation: sourceLocation)
        #expect(error.message.contains(fragment), "message was: \(error.message)", sourceLocation: sourceLocation)
    }

    @Test func doctypeInSheetIsRefused() throws {
        let dir = try temporaryFolder("doctype-sheet")
        defer { try? FileManager.default.removeItem(at: dir) }
        let sheet =
            Self.billionLaughs + """
                <worksheet xmlns="\(Self.ns)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>
                """
        let path = try makeZip(workbookParts(sheet: sheet), named: "laughs-sheet.xlsx", in: dir)
        Self.expectRefused(path, "DOCTYPE declarations are not allowed in a workbook")
        // The workbook opens (its sheet list is fine); the sheet itself is refused, naming the sheet.
        let doc = try XLSXDocument(path: path)
        #expect(throws: HMICError.self) { try doc.rows(inSheet: 0) }
        do { _ = try doc.rows(inSheet: 0) } catch let e as HMICError { #expect(e.sheet == "Data") }
    }

    @Test func doctypeInSharedStringsIsRefused() throws {
        let dir = try temporaryFolder("doctype-sst")
        defer { try? FileManager.default.removeItem(at: dir) }
        let sst = Self.billionLaughs + "<sst xmlns=\"\(Self.ns)\"><si><t>&lol9;</t></si></sst>"
        let path = try makeZip(
            workbookParts(sheet: Self.plainSheet, sharedStrings: sst), named: "laughs-sst.xlsx", in: dir)
        Self.expectRefused(path, "DOCTYPE declarations are not allowed in a workbook")
    }

    @Test func doctypeInWorkbookIsRefused() throws {
        let dir = try temporaryFolder("doctype-workbook")
        defer { try? FileManager.default.removeItem(at: dir) }
        let workbook =
            Self.billionLaughs + """
                <workbook xmlns="\(Self.ns)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <sheets><sheet name="&lol9;" sheetId="1" r:id="rId1"/></sheets></workbook>
                """
        let path = try makeZip(
            workbookParts(sheet: Self.plainSheet, workbook: workbook), named: "laughs-wb.xlsx", in: dir)
        Self.expectRefused(path, "DOCTYPE declarations are not allowed in a workbook")
    }

    @Test func externalEntityIsRefused() throws {
        let dir = try temporaryFolder("xxe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let sheet = """
            <?xml version="1.0"?><!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\
            <worksheet xmlns="\(Self.ns)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>
            """
        let path = try makeZip(workbookParts(sheet: sheet), named: "xxe.xlsx", in: dir)
        Self.expectRefused(path, "DOCTYPE")
        // An external DTD by itself is refused too.
        let external = """
            <?xml version="1.0"?><!DOCTYPE worksheet SYSTEM "http://example.invalid/evil.dtd">\
            <worksheet xmlns="\(Self.ns)"><sheetData/></worksheet>
            """
        let path2 = try makeZip(workbookParts(sheet: external), named: "dtd.xlsx", in: dir)
        Self.expectRefused(path2, "DOCTYPE")
    }

    @Test func zipBombIsRefused() throws {
        let dir = try temporaryFolder("bomb")
        defer { try? FileManager.default.removeItem(at: dir) }
        // 200 MB of blanks inside sheetData: valid XML that deflates about 1000 to 1.
        let head = "<?xml version=\"1.0\"?><worksheet xmlns=\"\(Self.ns)\"><sheetData>"
        var sheet = Data(head.utf8)
        sheet.append(Data(repeating: 0x20, count: 200 << 20))
        sheet.append(Data("</sheetData></worksheet>".utf8))
        let path = try makeZip(
            workbookParts(sheet: String(decoding: sheet, as: UTF8.self)), named: "bomb.xlsx", in: dir)
        sheet = Data()
        Self.expectRefused(path, "zip bomb")
    }

    @Test func partAndEntryCapsApply() throws {
        let dir = try temporaryFolder("caps")
        defer { try? FileManager.default.removeItem(at: dir) }
        var rows = ""
        for r in 1...20_000 { rows += "<row r=\"\(r)\"><c r=\"A\(r)\"><v>\(r * 7919 % 100_003)</v></c></row>" }
        let sheet = "<?xml version=\"1.0\"?><worksheet xmlns=\"\(Self.ns)\"><sheetData>\(rows)</sheetData></worksheet>"
        let path = try makeZip(workbookParts(sheet: sheet), named: "big.xlsx", in: dir)
        #expect(try XLSXDocument(path: path).rows(inSheet: 0).count == 20_000)

        var small = ZipLimits()
        small.maxPartBytes = 100_000
        let doc = try XLSXDocument(path: path, limits: small)
        do {
            _ = try doc.rows(inSheet: 0)
            Issue.record("a part over the cap was read")
        } catch let e as HMICError {
            #expect(e.code == .badData)
            #expect(e.message.contains("xl/worksheets/sheet1.xml") && e.message.contains("zip bomb"), "\(e.message)")
        }

        var few = ZipLimits()
        few.maxEntries = 3
        #expect { try XLSXDocument(path: path, limits: few) } throws: { error in
            let e = error as? HMICError
            return e?.code == .badData && (e?.message.contains("entries") ?? false)
        }
    }

    @Test func truncatedZipIsRefused() throws {
        let dir = try temporaryFolder("truncated")
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = Corpus.root.appendingPathComponent("xlsx/calamine/issues.xlsx")
        let bytes = try Data(contentsOf: source)
        for fraction in [0.1, 0.5, 0.9, 0.99] {
            let path = dir.appendingPathComponent("cut-\(fraction).xlsx").path
            try bytes.prefix(Int(Double(bytes.count) * fraction)).write(to: URL(fileURLWithPath: path))
            Self.expectRefused(path, "not a valid workbook")
        }
    }

    @Test func corruptDeflateDataIsRefused() throws {
        let dir = try temporaryFolder("corrupt")
        defer { try? FileManager.default.removeItem(at: dir) }
        var rows = ""
        for r in 1...2_000 { rows += "<row r=\"\(r)\"><c r=\"A\(r)\"><v>\(r)</v></c></row>" }
        let sheet = "<?xml version=\"1.0\"?><worksheet xmlns=\"\(Self.ns)\"><sheetData>\(rows)</sheetData></worksheet>"
        let path = try makeZip(workbookParts(sheet: sheet), named: "corrupt.xlsx", in: dir)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        // Overwrite the middle of the sheet's compressed data.
        let marker = Data("xl/worksheets/sheet1.xml".utf8)
        let at = bytes.range(of: marker)!.upperBound + 200
        for i in at..<(at + 64) { bytes[i] ^= 0x5A }
        try bytes.write(to: URL(fileURLWithPath: path))
        Self.expectRefused(path, "not a valid workbook")
    }

    @Test func zipThatIsNotAWorkbookIsRefused() throws {
        let dir = try temporaryFolder("notworkbook")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try makeZip([("hello.txt", Data("hello".utf8))], named: "hello.xlsx", in: dir)
        Self.expectRefused(path, "no workbook part")
        let odsPath = try makeZip(
            [
                ("mimetype", Data("application/vnd.oasis.opendocument.spreadsheet".utf8)),
                ("content.xml", Data("<x/>".utf8)),
            ], named: "sheet.ods", in: dir)
        Self.expectRefused(odsPath, "OpenDocument")
        let junk = dir.appendingPathComponent("junk.xlsx").path
        try (Data([0x50, 0x4B, 0x03, 0x04]) + Data(repeating: 0x41, count: 5000)).write(to: URL(fileURLWithPath: junk))
        Self.expectRefused(junk, "not a valid workbook")
    }

    @Test func malformedXMLNamesThePart() throws {
        let dir = try temporaryFolder("malformed")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try makeZip(
            workbookParts(sheet: "<worksheet><sheetData><row></sheetData>"), named: "bad.xlsx", in: dir)
        Self.expectRefused(path, "xl/worksheets/sheet1.xml")
    }

    @Test func cellsBeyondExcelsGridAreRefused() throws {
        let dir = try temporaryFolder("grid")
        defer { try? FileManager.default.removeItem(at: dir) }
        let tooFarDown =
            "<worksheet xmlns=\"\(Self.ns)\"><sheetData><row r=\"1048577\"><c><v>1</v></c></row></sheetData></worksheet>"
        Self.expectRefused(try makeZip(workbookParts(sheet: tooFarDown), named: "rows.xlsx", in: dir), "last row")
        let tooFarRight =
            "<worksheet xmlns=\"\(Self.ns)\"><sheetData><row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row></sheetData></worksheet>"
        Self.expectRefused(try makeZip(workbookParts(sheet: tooFarRight), named: "cols.xlsx", in: dir), "last column")
        var many = "<worksheet xmlns=\"\(Self.ns)\"><sheetData><row r=\"1\">"
        for _ in 0...ExcelLimits.columns { many += "<c><v>1</v></c>" }
        many += "</row></sheetData></worksheet>"
        Self.expectRefused(try makeZip(workbookParts(sheet: many), named: "count.xlsx", in: dir), "last column")
    }
}

/// Cell-level behaviour on small hand-built sheets.
@Suite struct XLSXCellTests {
    @Test func prefixedStrictSheetWithoutReferences() throws {
        let dir = try temporaryFolder("prefixed")
        defer { try? FileManager.default.removeItem(at: dir) }
        let sheet = """
            <x:worksheet xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main"><x:dimension ref="A1:A1"/><x:sheetData>\
            <x:row><x:c t="inlineStr"><x:is><x:r><x:t xml:space="preserve">Rich </x:t></x:r><x:r><x:t xml:space="preserve">text </x:t></x:r>\
            <x:rPh><x:t>ignored</x:t></x:rPh></x:is></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c/><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>\
            <x:row><x:c r="C2" t="str"><x:f>A1</x:f><x:v>a_x000D_b</x:v></x:c><x:c><x:v>2.5</x:v></x:c></x:row>\
            <x:row r="5"><x:c t="d"><x:v>2026-11-30T13:45:00</x:v></x:c></x:row>\
            </x:sheetData></x:worksheet>
            """
        let path = try makeZip(workbookParts(sheet: sheet), named: "prefixed.xlsx", in: dir)
        let rows = try SpreadsheetFile.open(path: path).rows(inSheet: 0)
        #expect(rows.map(\.number) == [1, 2, 5])
        #expect(rows[0][0] == .string("Rich text "))
        #expect(rows[0][1] == .bool(true))
        #expect(rows[0][2] == nil)
        #expect(rows[0][3] == .error("#N/A"))
        #expect(rows[1][2] == .string("a\rb"))
        #expect(rows[1][3] == .number(2.5))
        #expect(
            rows[2][0] == .dateTime(CalendarDate(year: 2026, month: 11, day: 30), secondsOfDay: 13 * 3600 + 45 * 60))
    }

    @Test func sharedStringCellsReadAsWrittenWhateverTheirForm() throws {
        let dir = try temporaryFolder("spans")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let strings = """
            <sst xmlns="\(ns)"><si><t xml:space="preserve">  Padded description text </t></si><si><t>Repeated title of a report</t></si>\
            <si><r><t>Rich </t></r><r><t xml:space="preserve">caf\u{E9} review </t></r><rPh><t>skipped</t></rPh></si>\
            <si><t>a_x000D_b carriage return</t></si><si><t></t></si><si><t>Short</t></si></sst>
            """
        let sheet = """
            <worksheet xmlns="\(ns)"><sheetData>\
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>inline text of a cell</t></is></c></row>\
            <row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c><c r="B2"><v>7</v></c><c r="C2" t="s"><v>3</v></c>\
            <c r="D2" t="s"><v>0</v></c><c r="D2" t="s"><v>5</v></c></row>\
            <row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>4</v></c><c r="C3" t="s"><v>2</v></c><c r="D3" t="s"><v>5</v></c></row>\
            </sheetData></worksheet>
            """
        let path = try makeZip(workbookParts(sheet: sheet, sharedStrings: strings), named: "spans.xlsx", in: dir)
        let rows = try SpreadsheetFile.open(path: path).rows(inSheet: 0)
        #expect(rows.count == 3)
        #expect(rows[0][0] == .string("  Padded description text "))
        #expect(rows[0][2] == .string("inline text of a cell"))
        #expect(rows[1][1] == .number(7), "a cell written twice keeps the last value")
        #expect(rows[1][2] == .string("a\rb carriage return"))
        #expect(rows[1][3] == .string("Short"), "a long string written over by a short one")
        #expect(rows[2][1] == nil, "an empty shared string is an empty cell")
        #expect(rows[2][2] == .string("Richcaf\u{E9} review "), "a run not marked to keep its spaces is trimmed")
        #expect(rows[2][3] == .string("Short"))
        // Read three times, the title is the same text each time, and from its second reading on the same string.
        #expect(
            rows[0][1] == .string("Repeated title of a report") && rows[1][0] == rows[0][1] && rows[2][0] == rows[0][1])
        func storage(_ cell: CellValue?) -> UnsafePointer<UInt8>? {
            guard case .string(let s) = cell else { return nil }
            return s.utf8.withContiguousStorageIfAvailable { $0.baseAddress } ?? nil
        }
        #expect(storage(rows[1][0]) != nil && storage(rows[1][0]) == storage(rows[2][0]))
        #expect(storage(rows[0][1]) != storage(rows[1][0]), "a string read once is made for its cell only")
        let table: SharedStrings = ["", "Short", "Longer than fifteen bytes"]
        #expect(table.spans[0] == .empty && table.shortString(table.spans[1]) == "Short")
        #expect(table.store.string(table.spans[2]) == "Longer than fifteen bytes" && table.short == ["Short"])
    }

    @Test func numberFormatsDecideDates() {
        #expect(NumberFormat.kind(of: "dd/mm/yyyy") == .date)
        #expect(NumberFormat.kind(of: "[h]:mm:ss") == .duration)
        #expect(NumberFormat.kind(of: "[mm]:ss") == .duration)
        #expect(NumberFormat.kind(of: "[Red]0.00") == .number)
        #expect(NumberFormat.kind(of: "\"days\" 0") == .number)
        #expect(NumberFormat.kind(of: "[$-409]d-mmm-yy") == .date)
        #expect(NumberFormat.kind(of: "0.00E+00") == .number)
        #expect(NumberFormat.kind(of: "General") == .number)
        #expect(
            NumberFormat.builtinKind(14) == .date && NumberFormat.builtinKind(46) == .duration
                && NumberFormat.builtinKind(2) == .number)
    }

    @Test func serialDates() {
        #expect(ExcelDate.value(serial: 46356, date1904: false) == .date(CalendarDate(year: 2026, month: 11, day: 30)))
        #expect(
            ExcelDate.value(serial: 46356.5, date1904: false)
                == .dateTime(CalendarDate(year: 2026, month: 11, day: 30), secondsOfDay: 43200))
        #expect(ExcelDate.value(serial: 0.25, date1904: false) == .time(secondsOfDay: 21600))
        #expect(ExcelDate.value(serial: 44894, date1904: true) == .date(CalendarDate(year: 2026, month: 11, day: 30)))
        #expect(ExcelDate.value(serial: 1, date1904: false) == .date(CalendarDate(year: 1900, month: 1, day: 1)))
        #expect(ExcelDate.value(serial: 61, date1904: false) == .date(CalendarDate(year: 1900, month: 3, day: 1)))
    }

    @Test func partNamesResolve() {
        #expect(PartName.resolve("worksheets/sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
        #expect(PartName.resolve("/xl/worksheets/sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
        #expect(PartName.resolve("../xl/sheet%201.xml", from: "xl/workbook.xml") == "xl/sheet 1.xml")
        #expect(PartName.resolve("xl/workbook.xml", from: "") == "xl/workbook.xml")
        #expect(PartName.relationships(of: "xl/workbook.xml") == "xl/_rels/workbook.xml.rels")
    }

    @Test func dumpEscapesAndFormats() throws {
        var out = ""
        JSONText.appendString("a\"b\\c\n\u{1}", to: &out)
        #expect(out == #""a\"b\\c\n\u0001""#)
        #expect(SheetDump.jsonNumber(1.0) == "1")
        #expect(SheetDump.jsonNumber(0.1) == "0.1")
        #expect(SheetDump.jsonNumber(-3) == "-3")
    }
}
