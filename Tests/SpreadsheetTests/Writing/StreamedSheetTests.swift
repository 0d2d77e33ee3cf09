import CMinizip
import Foundation
import Testing

@testable import Spreadsheet

/// Writes `body` into a sheet named "Sheet", streamed or through libxlsxwriter, and returns the workbook's path.
private func write(
    _ dir: ScratchDirectory, _ name: String, streamed: Bool, constantMemory: Bool = false,
    _ body: (SheetWriter) throws -> Void
) throws -> String {
    let path = dir.file(name)
    let workbook = try WorkbookWriter(path: path, properties: properties, constantMemory: constantMemory)
    try body(try workbook.addSheet(named: "Sheet", streamed: streamed))
    try workbook.close()
    return path
}

/// The first sheet's cells read back with the project's reader: values, and the rows as read.
private func cells(_ path: String) throws -> [[CellValue?]] {
    try SpreadsheetFile.open(path: path).rows(inSheet: 0).map(\.cells)
}

/// Text that exercises every escape: markup characters, control characters, Excel's own escape syntax, white
/// space at the ends, and characters outside ASCII.
private let awkwardTexts = [
    "plain", "a & b < c > d \"quoted\" 'single'", "bell\u{7}vertical\u{B}form\u{C}escape\u{1B}end",
    "carriage\r\nreturn",
    "tab\tinside", " leading space", "trailing space ", "\tleading tab", "ref_x0041_B", "_x005F_", "snake_case_x",
    "Ré-1 €10 — “quotes” 🚓", "=1+1", "+44 1632 960000", "@SUM(A1)", "line\nfeed",
    String(repeating: "long text ", count: 3_000),
]

@Suite struct StreamedSheetTests {
    @Test func streamedAndLibxlsxwriterSheetsReadBackTheSame() throws {
        let dir = try ScratchDirectory()
        let wrap = CellStyle(wrap: true)
        let fill = CellStyle(fillColor: 0xF8CBAD)
        func body(_ sheet: SheetWriter) throws {
            try sheet.setRow(1, height: 30)
            for (i, text) in awkwardTexts.enumerated() {
                try sheet.write(row: i + 1, column: 0, text, style: i.isMultiple(of: 2) ? wrap : nil)
                try sheet.write(row: i + 1, column: 1, Double(i) * 0.125 - 1)
            }
            let row = awkwardTexts.count + 1
            try sheet.write(row: row, column: 0, 123_456_789_012_345)
            try sheet.write(row: row, column: 1, -0.000_001)
            try sheet.write(row: row, column: 2, 1.5e300)
            try sheet.write(row: row, column: 3, true)
            try sheet.write(row: row, column: 4, false)
            try sheet.write(row: row, column: 5, asOf)
            try sheet.write(row: row, column: 6, "", style: fill)
            try sheet.write(row: row, column: 7, 1.0 / 3.0)
            try sheet.setRow(row + 2, height: 45, style: fill)
            try sheet.write(row: row + 3, column: 30, "AE")
        }
        let held = try write(dir, "held.xlsx", streamed: false, body)
        let streamed = try write(dir, "streamed.xlsx", streamed: true, body)
        let expected = try cells(held)
        let actual = try cells(streamed)
        #expect(actual.count == expected.count)
        for (r, (a, e)) in zip(actual, expected).enumerated() {
            #expect(a == e, "row \(r + 1)")
        }
        #expect(actual[0].first == .string(awkwardTexts[0]))
        #expect(actual[2].first == .string(awkwardTexts[2]), "control characters come back as written")
        #expect(
            actual[3].first == .string("carriage\r\nreturn"), "a carriage return is kept, not turned into a line feed")
    }

    @Test(arguments: [1, 2, 3])
    func randomTextReadsBackAsLibxlsxwriterWritesIt(seed: UInt64) throws {
        // Text drawn from every control character, markup, white space, Excel's escape syntax and non-ASCII.
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces =
            (1...31).map { String(UnicodeScalar(UInt8($0))) } + [
                "&", "<", ">", "\"", "'", " ", "_x0041_", "_x", "_", "é", "€", "🚓", "\u{FEFF}", "abc", "x",
            ]
        let texts = (0..<400).map { _ in (0..<(1 + next(12))).map { _ in pieces[next(pieces.count)] }.joined() }
        let dir = try ScratchDirectory()
        func body(_ sheet: SheetWriter) throws {
            for (i, text) in texts.enumerated() { try sheet.write(row: i / 4 + 1, column: i % 4, text) }
        }
        let held = try write(dir, "held.xlsx", streamed: false, body)
        let streamed = try write(dir, "streamed.xlsx", streamed: true, body)
        #expect(try cells(streamed) == cells(held))
    }

    @Test func streamedXMLCarriesStylesHeightsDimensionAndPreservedSpace() throws {
        let dir = try ScratchDirectory()
        let path = try write(dir, "s.xlsx", streamed: true) { sheet in
            try sheet.setRow(2, height: 30)
            try sheet.write(row: 2, column: 1, " padded", style: CellStyle(bold: true))
            try sheet.write(row: 2, column: 0, 7)
            try sheet.write(row: 4, column: 3, "x < y & z")
            try sheet.setColumn(first: 0, last: 3, width: 12)
            try sheet.autofilter(firstRow: 2, firstColumn: 0, lastRow: 4, lastColumn: 3)
        }
        let xml = try zipPart(path, "xl/worksheets/sheet1.xml")
        #expect(xml.contains(#"<dimension ref="A2:D4"/>"#))
        // Cells written out of column order come out in order, as Excel requires.
        #expect(
            xml.contains(
                #"<row r="2" ht="30" customHeight="1"><c r="A2"><v>7</v></c><c r="B2" s="1" t="inlineStr"><is><t xml:space="preserve"> padded</t></is></c></row>"#
            ))
        #expect(xml.contains(#"<c r="D4" t="inlineStr"><is><t>x &lt; y &amp; z</t></is></c>"#))
        #expect(xml.contains(#"<autoFilter ref="A2:D4"/>"#))
        #expect(xml.contains(#"<cols><col min="1" max="4""#))
        #expect(
            try zipPart(path, "xl/styles.xml").contains("<b/>"),
            "a style used only by streamed cells is in the styles part")
    }

    @Test func aCellWrittenTwiceKeepsTheLastValue() throws {
        let dir = try ScratchDirectory()
        let path = try write(dir, "twice.xlsx", streamed: true) { sheet in
            try sheet.write(row: 1, column: 2, "first")
            try sheet.write(row: 1, column: 0, "A")
            try sheet.write(row: 1, column: 2, "second")
        }
        #expect(try cells(path) == [[.string("A"), nil, .string("second")]])
    }

    @Test func manyRowsSpanSeveralDeflateChunksAndStayIdentical() throws {
        let dir = try ScratchDirectory()
        func body(_ sheet: SheetWriter) throws {
            for row in 1...30_000 {
                try sheet.write(row: row, column: 0, row)
                try sheet.write(
                    row: row, column: 1, "Record \(row): the force should review how it supervises investigations.")
            }
        }
        let a = try write(dir, "a.xlsx", streamed: true, body)
        let b = try write(dir, "b.xlsx", streamed: true, body)
        let xml = try zipPart(a, "xl/worksheets/sheet1.xml")
        #expect(xml.utf8.count > 3 * ChunkedDeflater.chunkSize, "the sheet spans several chunks")
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
        let rows = try cells(a)
        #expect(rows.count == 30_000)
        #expect(
            rows[29_999] == [
                .number(30_000), .string("Record 30000: the force should review how it supervises investigations."),
            ])
        // unzip checks each part's CRC-32 and sizes.
        let test = Process()
        test.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        test.arguments = ["-tq", a]
        test.standardOutput = FileHandle.nullDevice
        try test.run()
        test.waitUntilExit()
        #expect(test.terminationStatus == 0)
    }

    @Test func constantMemoryModeSplicesToo() throws {
        let dir = try ScratchDirectory()
        let path = try write(dir, "cm.xlsx", streamed: true, constantMemory: true) { sheet in
            try sheet.write(row: 1, column: 0, "header")
            try sheet.write(row: 2, column: 0, 1)
            try sheet.freezePanes(rows: 1)
        }
        #expect(try cells(path) == [[.string("header")], [.number(1)]])
    }

    @Test func anEmptyStreamedSheetIsLeftAsLibxlsxwriterWroteIt() throws {
        let dir = try ScratchDirectory()
        let path = try write(dir, "empty.xlsx", streamed: true) { try $0.setColumn(first: 0, last: 0, width: 20) }
        #expect(try cells(path).isEmpty)
        #expect(try zipPart(path, "xl/worksheets/sheet1.xml").contains("<sheetData/>"))
    }

    @Test func streamedSheetsRefuseGoingBackARowAndMerging() throws {
        let dir = try ScratchDirectory()
        let workbook = try WorkbookWriter(path: dir.file("x.xlsx"), properties: properties)
        let sheet = try workbook.addSheet(named: "Sheet", streamed: true)
        try sheet.write(row: 5, column: 0, "later")
        let back = try #require(throws: HMICError.self) { try sheet.write(row: 4, column: 0, "earlier") }
        #expect(back.row == 4 && back.sheet == "Sheet" && back.message.contains("in order"))
        let merge = try #require(throws: HMICError.self) {
            try sheet.mergeRange(firstRow: 6, firstColumn: 0, lastRow: 6, lastColumn: 2, .string("Title"))
        }
        #expect(merge.message.contains("streamed"))
    }

    @Test func aFailedSpliceLeavesTheExistingFileAndNoTemporaryFiles() throws {
        let dir = try ScratchDirectory()
        let path = dir.file("board.xlsx")
        try Data("previous workbook".utf8).write(to: URL(fileURLWithPath: path))
        let workbook = try WorkbookWriter(path: path, properties: properties)
        let sheet = try workbook.addSheet(named: "Register", streamed: true)
        try sheet.write(row: 1, column: 0, "R1")
        // A directory where the spliced file is to be assembled: creating it fails even for root.
        try FileManager.default.createDirectory(atPath: workbook.temporaryPath, withIntermediateDirectories: false)
        let error = try #require(throws: HMICError.self) { try workbook.close() }
        #expect(error.code == .cannotCreate && error.file == path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous workbook")
        // The writer's staging folder holds nothing but the folder the test put there.
        let staging = (workbook.temporaryPath as NSString).deletingLastPathComponent
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: staging)
                == [(workbook.temporaryPath as NSString).lastPathComponent], "the frame is removed too")
        try FileManager.default.removeItem(atPath: staging)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["board.xlsx"])
    }

    @Test func theSheetFrameIsFoundInBothFormsAndItsDimensionReplaced() throws {
        let head = #"<worksheet><dimension ref="F101"/><sheetViews/>"#
        let tail = #"<autoFilter ref="A4:F101"/></worksheet>"#
        for empty in ["<sheetData/>", "<sheetData></sheetData>"] {
            let frame = try #require(
                PackageSplicer.emptySheetFrame(of: Array((head + empty + tail).utf8), dimension: "A1:F200"))
            #expect(
                String(decoding: frame.head, as: UTF8.self)
                    == #"<worksheet><dimension ref="A1:F200"/><sheetViews/><sheetData>"#)
            #expect(String(decoding: frame.tail, as: UTF8.self) == "</sheetData>" + tail)
        }
        #expect(
            PackageSplicer.emptySheetFrame(
                of: Array("<worksheet><sheetData><row r=\"1\"/></sheetData></worksheet>".utf8), dimension: "A1") == nil)
    }

    @Test func chunksJoinIntoOneDeflateStream() throws {
        // Three chunks compressed apart, each primed with the one before, inflate as one stream.
        let text = Array((0..<200_000).map { "row \($0) of the register; " }.joined().utf8)
        let size = text.count / 3
        let parts = [Array(text[..<size]), Array(text[size..<(2 * size)]), Array(text[(2 * size)...])]
        var joined: [UInt8] = []
        var dictionary: [UInt8] = []
        for part in parts {
            let chunk = ChunkedDeflater.deflate(part, dictionary: dictionary, final: false)
            #expect(chunk.status == 0)
            joined += chunk.output
            dictionary = Array(part.suffix(ChunkedDeflater.window))
        }
        joined += ChunkedDeflater.deflate([], final: true).output
        #expect(try inflateRaw(joined, expected: text.count) == text)
    }

    @Test func batchesGiveTheChunkByChunkStreamWhileTwoDeflatersTakeTurns() throws {
        // Chunks of varied sizes (one shorter than the window), more than a batch for each of two deflaters of one
        // group, handed over in turns: each stream is its own chunks compressed one by one, each primed with the
        // 32 KiB of its own stream before it, in order.
        let group = DeflaterGroup()
        let deflaters = [
            try ChunkedDeflater(path: "a.xlsx", group: group), try ChunkedDeflater(path: "b.xlsx", group: group),
        ]
        var parts: [[[UInt8]]] = [[], []]
        for n in 0..<23 {
            let rows = n == 5 ? 40 : 20_000 + 1_000 * (n % 7)
            let part = Array((0..<rows).map { "row \($0) of chunk \(n); " }.joined().utf8)
            let side = n % 3 == 0 ? 1 : 0
            try part.withUnsafeBufferPointer { try deflaters[side].append($0) }
            parts[side].append(part)
        }
        for side in 0..<2 {
            let stream = try deflaters[side].finish()
            var expected: [UInt8] = []
            var dictionary: [UInt8] = []
            for part in parts[side] {
                expected += ChunkedDeflater.deflate(part, dictionary: dictionary, final: false).output
                dictionary = Array((dictionary + part).suffix(ChunkedDeflater.window))
            }
            let text = parts[side].flatMap { $0 }
            // Compared apart from #expect, which would diff megabytes element by element on a failure.
            let written = readAll(stream.file)
            let same = written == expected
            #expect(same, "deflater \(side) wrote \(written.count) bytes; chunk by chunk gives \(expected.count)")
            #expect(stream.uncompressedSize == Int64(text.count))
            #expect(stream.crc == text.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
            let inflated = try inflateRaw(
                expected + ChunkedDeflater.deflate([], final: true).output, expected: text.count)
            let roundTrip = inflated == text
            #expect(roundTrip, "the chunk-by-chunk stream inflates to the input")
        }
    }
}

/// Every byte from the current position of `file` to its end.
private func readAll(_ file: UnsafeMutablePointer<FILE>) -> [UInt8] {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while case let n = fread(&buffer, 1, buffer.count, file), n > 0 { bytes += buffer[..<n] }
    return bytes
}

/// Inflates a raw deflate stream with zlib, expecting `expected` bytes.
private func inflateRaw(_ bytes: [UInt8], expected: Int) throws -> [UInt8] {
    var stream = z_stream()
    #expect(inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK)
    defer { inflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: expected + 1)
    var input = bytes
    let status = input.withUnsafeMutableBufferPointer { i in
        output.withUnsafeMutableBufferPointer { o in
            stream.next_in = i.baseAddress
            stream.avail_in = uInt(i.count)
            stream.next_out = o.baseAddress
            stream.avail_out = uInt(o.count)
            return inflate(&stream, Z_FINISH)
        }
    }
    #expect(status == Z_STREAM_END)
    return Array(output[..<(output.count - Int(stream.avail_out))])
}
