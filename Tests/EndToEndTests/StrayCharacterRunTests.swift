import Foundation
import Spreadsheet
import Testing

/// Characters XML 1.0 forbids (U+FFFF, U+FFFE, other noncharacters, control characters) in an input never make the
/// board's workbook unreadable, for openpyxl or for next month's run; and a stray Latin-1 byte in a UTF-8 CSV file
/// does not turn the whole file into Windows-1252.
@Suite struct StrayCharacterRunTests {
    static let python = URL(fileURLWithPath: "/usr/bin/python3")

    /// The sample register with `insert` put into the description of its first record.
    func register(in dir: URL, inserting insert: String) throws -> String {
        let text = try String(contentsOfFile: Paths.sample("register.csv"), encoding: .utf8)
        let marker = "The force should"
        let range = try #require(text.range(of: marker))
        let path = dir.appendingPathComponent("register.csv")
        try text.replacingCharacters(in: range, with: "The\(insert) force should")
            .write(to: path, atomically: true, encoding: .utf8)
        return path.path
    }

    func reconcile(_ dir: URL, register: String, asOf: String) throws -> CommandResult {
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        return try run(
            [
                "reconcile", "--register", register, "--portal", Paths.sample("portal.csv"), "--output-dir", "out",
                "--as-of", asOf, "--json", "out/result-\(asOf).json",
            ], in: dir)
    }

    @Test func aNoncharacterInACSVCellGivesAWorkbookOpenpyxlOpensAndNextMonthReads() throws {
        let probe = try runProgram(Self.python, ["-c", "import openpyxl"])
        try #require(probe.status == 0, "openpyxl is needed: apt-get install python3-openpyxl")
        let dir = try Paths.scratch()
        let register = try register(in: dir, inserting: "\u{FFFF}\u{FFFE}\u{1FFFF}\u{0001}")
        let october = try reconcile(dir, register: register, asOf: "2026-10-31")
        #expect(october.status == 0, "\(october.stderr)")
        let warnings = october.stderr.split(separator: "\n").filter { $0.contains("replaced by U+FFFD") }
        #expect(warnings.count == 1, "\(october.stderr)")
        #expect(warnings.first?.contains("4 characters") == true)
        #expect(warnings.first?.contains("column E") == true, "\(warnings)")
        let book = dir.appendingPathComponent("out/reconciliation-2026-10-31.xlsx").path
        let read = try runProgram(
            Self.python,
            [
                "-c",
                """
                import sys, openpyxl
                book = openpyxl.load_workbook(sys.argv[1])
                texts = [c for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r if isinstance(c, str)]
                print(sum("The\\ufffd\\ufffd\\ufffd\\ufffd force should" in t for t in texts))
                """, book,
            ])
        #expect(read.status == 0, "openpyxl: \(read.stderr)")
        #expect((Int(read.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0, "\(read.stdout)")
        let json = try Data(contentsOf: dir.appendingPathComponent("out/result-2026-10-31.json"))
        #expect((try? JSONSerialization.jsonObject(with: json)) != nil, "the JSON result is valid JSON")
        let november = try reconcile(dir, register: register, asOf: "2026-11-30")
        #expect(november.status == 0, "\(november.stderr)")
        #expect(november.stderr.contains("wrote out/reconciliation-2026-11-30.xlsx"))
    }

    @Test func aWorkbookHoldingUFFFFInItsXMLIsStillReadAsThePreviousRun() throws {
        let dir = try Paths.scratch()
        #expect(try reconcile(dir, register: Paths.sample("register.csv"), asOf: "2026-10-31").status == 0)
        // As an earlier version wrote it: a raw U+FFFF in a Discrepancies cell of the XML, which XML 1.0 forbids.
        let book = dir.appendingPathComponent("out/reconciliation-2026-10-31.xlsx").path
        let inject = try runProgram(
            Self.python,
            [
                "-c",
                """
                import sys, zipfile, shutil
                source = sys.argv[1]
                shutil.move(source, source + ".orig")
                with zipfile.ZipFile(source + ".orig") as zin, zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as zout:
                    for item in zin.infolist():
                        data = zin.read(item.filename)
                        if item.filename == "xl/worksheets/sheet2.xml":
                            data = data.replace(b"<t>The force should", b"<t>The\\xef\\xbf\\xbf force should", 1)
                            assert b"\\xef\\xbf\\xbf" in data
                        zout.writestr(item, data)
                """, book,
            ])
        try #require(inject.status == 0, "\(inject.stderr)")
        try FileManager.default.removeItem(atPath: book + ".orig")
        let november = try reconcile(dir, register: Paths.sample("register.csv"), asOf: "2026-11-30")
        #expect(november.status == 0, "\(november.stderr)")
        let previous = try SpreadsheetFile.open(path: book)
        let texts = try previous.rows(inSheet: 1).flatMap { $0.cells.compactMap { $0?.text } }
        #expect(texts.contains { $0.hasPrefix("The\u{FFFD} force should") })
    }

    /// The Run sheet's value for `label`.
    func runSheet(_ path: String, _ label: String) throws -> [String] {
        let document = try SpreadsheetFile.open(path: path)
        let index = try #require(document.sheets.firstIndex { $0.name == "Run" })
        return try document.rows(inSheet: index).filter { $0.cells.first??.text == label }
            .map { $0.cells.count > 1 ? $0.cells[1]?.text ?? "" : "" }
    }

    @Test(arguments: [false, true])
    func aStrayLatin1ByteInAUTF8FileIsNamedAndTheRestReadAsUTF8(withByteOrderMark: Bool) throws {
        let dir = try Paths.scratch()
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Paths.sample("register.csv"))))
        if !withByteOrderMark, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // "The force should" becomes "The £ force should", the pound sign as Latin-1 writes it: one byte, 0xA3.
        let marker = Array("The force should".utf8)
        let at = try #require(
            (0...(bytes.count - marker.count)).first { Array(bytes[$0..<$0 + marker.count]) == marker })
        bytes.insert(contentsOf: [0xA3, 0x20], at: at + 4)
        let line = bytes[..<at].filter { $0 == 0x0A }.count + 1
        let register = dir.appendingPathComponent("register.csv")
        try Data(bytes).write(to: register)
        let result = try reconcile(dir, register: register.path, asOf: "2026-11-30")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("1 byte is not UTF-8"), "\(result.stderr)")
        #expect(result.stderr.contains("in row \(line), column E;"), "\(result.stderr)")
        let book = dir.appendingPathComponent("out/reconciliation-2026-11-30.xlsx").path
        let encoding = withByteOrderMark ? "UTF-8 with BOM" : "UTF-8, with bytes that are not UTF-8 replaced"
        #expect(try runSheet(book, "Register encoding") == [encoding])
        // The file's own UTF-8 (en dashes in inspection titles) reads as written, not as Windows-1252.
        let text = try workbookText(book)
        #expect(text.contains("PEEL 2023–2025"))
        #expect(!text.contains("â€“"))
        #expect(text.contains("The \u{FFFD} force should"))
    }

    @Test func theLeadsFormsFromARegisterWithUFFFFOpenInOpenpyxl() throws {
        let probe = try runProgram(Self.python, ["-c", "import openpyxl"])
        try #require(probe.status == 0, "openpyxl is needed: apt-get install python3-openpyxl")
        let dir = try Paths.scratch()
        let register = try register(in: dir, inserting: "\u{FFFF}")
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("forms"), withIntermediateDirectories: true)
        let requests = try run(
            ["requests", "--register", register, "--as-of", "2026-11-30", "--output-dir", "forms"], in: dir)
        #expect(requests.status == 0, "\(requests.stderr)")
        #expect(requests.stderr.split(separator: "\n").filter { $0.contains("replaced by U+FFFD") }.count == 1)
        let opened = try runProgram(
            Self.python,
            [
                "-c",
                """
                import os, sys, openpyxl
                names = sorted(n for n in os.listdir(sys.argv[1]) if n.endswith(".xlsx"))
                texts = []
                for name in names:
                    book = openpyxl.load_workbook(os.path.join(sys.argv[1], name))
                    texts += [c for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r if isinstance(c, str)]
                print(len(names), sum("The\\ufffd force should" in t for t in texts))
                """, dir.appendingPathComponent("forms").path,
            ])
        #expect(opened.status == 0, "openpyxl: \(opened.stderr)")
        let counts = opened.stdout.split(separator: " ").compactMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(counts.count == 2 && counts[0] > 1 && counts[1] == 1, "\(opened.stdout)")
    }
}
