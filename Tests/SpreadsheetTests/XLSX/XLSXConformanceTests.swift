import Foundation
import Testing

@testable import Spreadsheet

/// Reads every workbook of the shared corpus and compares the cells with what python-calamine read
/// (`NAME.expected.json`), under the corpus README's rules.
@Suite struct XLSXConformanceTests {
    /// Workbooks where this reader and python-calamine knowingly differ, each with the reason.
    static let knownDifferences: [String: String] = [:]

    /// One JSON value of the dump shape, normalised for comparison.
    enum Value: Equatable, CustomStringConvertible {
        case string(String), number(Double), bool(Bool), tagged(String, String)

        var description: String {
            switch self {
            case .string(let s): return "\"\(s)\""
            case .number(let n): return "\(n)"
            case .bool(let b): return "\(b)"
            case .tagged(let k, let v): return "{\(k): \(v)}"
            }
        }

        init?(_ any: Any) {
            if let s = any as? String {
                self = .string(s)
                return
            }
            if let n = any as? NSNumber {
                if String(cString: n.objCType) == "c" || String(cString: n.objCType) == "B" {
                    self = .bool(n.boolValue)
                } else {
                    self = .number(n.doubleValue)
                }
                return
            }
            if let d = any as? [String: Any], let (k, v) = d.first {
                if let n = v as? NSNumber { self = .tagged(k, "\(n.doubleValue)") } else { self = .tagged(k, "\(v)") }
                return
            }
            return nil
        }

        /// Equal under the corpus rules: numbers numerically, date-times to the second (this reader keeps whole
        /// seconds; calamine keeps milliseconds).
        func agrees(with other: Value) -> Bool {
            switch (self, other) {
            case (.number(let a), .number(let b)):
                return a == b || abs(a - b) <= 1e-9 * max(abs(a), abs(b))
            case (.tagged("datetime", let a), .tagged("datetime", let b)):
                return Value.seconds(a).map { x in Value.seconds(b).map { abs(x - $0) <= 1 } ?? false } ?? false
            case (.tagged("time", let a), .tagged("time", let b)):
                return a.prefix(8) == b.prefix(8)
                    || Value.seconds("2000-01-01T" + a).map { x in
                        Value.seconds("2000-01-01T" + b).map { abs(x - $0) <= 1 } ?? false
                    } ?? false
            case (.tagged("duration", let a), .tagged("duration", let b)):
                guard let x = Double(a), let y = Double(b) else { return false }
                return abs(x - y) <= 0.001
            default:
                return self == other
            }
        }

        static func seconds(_ iso: String) -> Double? {
            let parts = iso.split(separator: "T")
            guard parts.count == 2, let day = CalendarDate(iso: parts[0]) else { return nil }
            let t = parts[1].split(separator: ":")
            guard t.count == 3, let h = Double(t[0]), let m = Double(t[1]), let s = Double(t[2]) else { return nil }
            return Double(day.daysSinceEpoch) * 86_400 + h * 3600 + m * 60 + s
        }
    }

    struct Sheet {
        var name: String
        var visible: Bool
        var cells: [String: Value]
    }

    static func sheets(fromDump json: Data) throws -> [Sheet] {
        let root = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        let sheets = root?["sheets"] as? [[String: Any]] ?? []
        return sheets.map { s in
            var cells: [String: Value] = [:]
            for (k, v) in s["cells"] as? [String: Any] ?? [:] {
                guard let value = Value(v) else { continue }
                if case .string("") = value { continue }
                cells[k] = value
            }
            return Sheet(name: s["name"] as? String ?? "", visible: s["visible"] as? Bool ?? true, cells: cells)
        }
    }

    /// Compares one workbook; nil when it agrees, else what differs.
    static func compare(_ relative: String) -> String? {
        let path = Corpus.root.appendingPathComponent("xlsx/\(relative)").path
        let expectedPath = (path as NSString).deletingPathExtension + ".expected.json"
        guard let expectedData = FileManager.default.contents(atPath: expectedPath) else { return "no expected file" }
        let expectedRoot = (try? JSONSerialization.jsonObject(with: expectedData)) as? [String: Any]
        let refusedByCalamine = expectedRoot?["error"] != nil

        let dump: String
        do {
            let doc = try SpreadsheetFile.open(path: path)
            dump = try SheetDump.json(doc)
        } catch let error as HMICError {
            if refusedByCalamine {
                print("  refused like calamine: \(relative): \(error.message)")
                return nil
            }
            return "refused: \(error)"
        } catch {
            return "unexpected error type: \(error)"
        }
        if refusedByCalamine {  // reading it is allowed (and better)
            print("  read although calamine refuses: \(relative)")
            return nil
        }

        guard let ours = try? sheets(fromDump: Data(dump.utf8)) else { return "our dump is not valid JSON" }
        guard let theirs = try? sheets(fromDump: expectedData) else { return "expected file unreadable" }
        var problems: [String] = []
        if ours.map(\.name) != theirs.map(\.name) {
            return "sheets \(ours.map(\.name)) vs expected \(theirs.map(\.name))"
        }
        for (a, b) in zip(ours, theirs) {
            if a.visible != b.visible { problems.append("sheet '\(a.name)' visible \(a.visible) vs \(b.visible)") }
            for key in Set(a.cells.keys).union(b.cells.keys).sorted() {
                switch (a.cells[key], b.cells[key]) {
                case let (x?, y?) where x.agrees(with: y): continue
                case (.tagged("error", _)?, nil): continue  // calamine drops error cells
                case let (x, y):
                    problems.append(
                        "'\(a.name)'!\(key): ours \(x.map(\.description) ?? "missing"), expected \(y.map(\.description) ?? "missing")"
                    )
                }
            }
        }
        if problems.isEmpty { return nil }
        return "\(problems.count) cell(s) differ: " + problems.prefix(6).joined(separator: "; ")
    }

    @Test func everyCorpusWorkbookAgreesWithCalamine() {
        let books = Corpus.workbooks()
        #expect(books.count >= 100, "the corpus should be at \(Corpus.root.path)")
        var agreeing = 0
        var report: [String] = []
        for book in books {
            if let difference = XLSXConformanceTests.compare(book) {
                if let reason = XLSXConformanceTests.knownDifferences[book] {
                    report.append("known  \(book): \(reason)")
                } else {
                    report.append("DIFFER \(book): \(difference)")
                    Issue.record("\(book): \(difference)")
                }
            } else {
                agreeing += 1
            }
        }
        print("Corpus conformance: \(agreeing) of \(books.count) workbooks agree with python-calamine")
        for line in report { print("  " + line) }
        #expect(
            Double(agreeing) >= 0.99 * Double(books.count)
                || books.count - agreeing <= XLSXConformanceTests.knownDifferences.count)
    }
}

/// Spot checks of the dump for a few corpus files, so the comparison above is known to bite.
@Suite struct XLSXSpotChecks {
    @Test func dateWorkbookDumpsDatesAndDurations() throws {
        let doc = try SpreadsheetFile.open(path: Corpus.root.appendingPathComponent("xlsx/calamine/date.xlsx").path)
        let json = try SheetDump.json(doc)
        #expect(
            json
                == #"{"sheets":[{"name":"Sheet1","visible":true,"cells":{"A1":{"date":"2021-01-01"},"B1":15,"A2":{"date":"2021-01-02"},"B2":16,"A3":{"duration":918610},"B3":17}}]}"#
        )
    }

    @Test func isoDatesAndHiddenSheets() throws {
        let iso = try SpreadsheetFile.open(path: Corpus.root.appendingPathComponent("xlsx/calamine/date_iso.xlsx").path)
        let rows = try iso.rows(inSheet: 0)
        #expect(rows[0][0] == .date(CalendarDate(year: 2021, month: 1, day: 1)))
        #expect(rows[1][0] == .dateTime(CalendarDate(year: 2021, month: 1, day: 1), secondsOfDay: 36610))
        #expect(rows[2][0] == .time(secondsOfDay: 36610))
        let any = try SpreadsheetFile.open(
            path: Corpus.root.appendingPathComponent("xlsx/calamine/any_sheets.xlsx").path)
        #expect(
            any.sheets == [
                SheetInfo(name: "Visible", visible: true), SheetInfo(name: "Hidden", visible: false),
                SheetInfo(name: "VeryHidden", visible: false),
            ])
    }

    @Test func comparisonDetectsADifference() {
        #expect(!XLSXConformanceTests.Value.number(1).agrees(with: .number(2)))
        #expect(!XLSXConformanceTests.Value.string("a").agrees(with: .string("b")))
        #expect(
            XLSXConformanceTests.Value.tagged("datetime", "2022-09-14T01:50:58").agrees(
                with: .tagged("datetime", "2022-09-14T01:50:58.390000")))
    }
}

/// The CSV rendering of `dump`.
@Suite struct SheetDumpCSVTests {
    @Test func csvKeepsTheGridAndEscapes() throws {
        let dir = try temporaryFolder("csv")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let sheet = """
            <worksheet xmlns="\(ns)"><sheetData>\
            <row r="1"><c r="A1" t="inlineStr"><is><t>a,b</t></is></c><c r="C1"><v>1.5</v></c></row>\
            <row r="3"><c r="B3" t="inlineStr"><is><t>=SUM(A1)</t></is></c><c r="C3"><v>-2</v></c></row>\
            </sheetData></worksheet>
            """
        let doc = try XLSXDocument(path: try makeZip(workbookParts(sheet: sheet), named: "csv.xlsx", in: dir))
        #expect(try SheetDump.csv(doc) == "\"a,b\",,1.5\r\n,,\r\n,'=SUM(A1),-2\r\n")
    }

    /// Shared and inline strings with quotes, commas, line breaks and formula starts; numbers, dates, times, a
    /// duration, booleans and an error; empty cells in the middle and at a row's end, and a missing row.
    @Test func csvOfAwkwardCellsIsExact() throws {
        let dir = try temporaryFolder("csv-awkward")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let strings = ["Ref", "say \"no\"", "Smith, J", "café \"quoted\""]
        let sst =
            "<sst xmlns=\"\(ns)\">"
            + strings.map { "<si><t>\($0.replacingOccurrences(of: "\"", with: "&quot;"))</t></si>" }.joined() + "</sst>"
        let styles = """
            <styleSheet xmlns="\(ns)"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="46"/></cellXfs></styleSheet>
            """
        let sheet = """
            <worksheet xmlns="\(ns)"><sheetData>\
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>\
            <c r="D1" t="inlineStr"><is><t>two&#10;lines</t></is></c><c r="E1"><v>1.5</v></c></row>\
            <row r="2"><c r="A2" s="1"><v>45000</v></c><c r="B2" s="1"><v>45000.5</v></c><c r="C2" s="1"><v>0.25</v></c>\
            <c r="D2" t="b"><v>1</v></c><c r="E2" t="b"><v>0</v></c></row>\
            <row r="3"><c r="A3" t="inlineStr"><is><t>-5</t></is></c><c r="C3"><v>-2</v></c><c r="D3" t="e"><v>#N/A</v></c></row>\
            <row r="5"><c r="A5" t="inlineStr"><is><t></t></is></c><c r="B5" t="inlineStr"><is><t>@x</t></is></c>\
            <c r="C5"><v>1E+20</v></c></row>\
            <row r="6"><c r="A6" t="inlineStr"><is><t>x&#13;&#10;y</t></is></c>\
            <c r="B6" t="inlineStr"><is><t>=HYPERLINK("a")</t></is></c><c r="C6" s="2"><v>1.5</v></c><c r="D6"><v>0.1</v></c>\
            <c r="E6" t="s"><v>3</v></c></row>\
            </sheetData></worksheet>
            """
        var parts = workbookParts(sheet: sheet, sharedStrings: sst)
        parts.append(("xl/styles.xml", Data(styles.utf8)))
        let doc = try XLSXDocument(path: try makeZip(parts, named: "awkward.xlsx", in: dir))
        let expected =
            "Ref,\"say \"\"no\"\"\",\"Smith, J\",\"two\nlines\",1.5\r\n"
            + "2023-03-15,2023-03-15T12:00:00,06:00:00,TRUE,FALSE\r\n"
            + "'-5,,-2,#N/A,\r\n"
            + ",,,,\r\n"
            + ",'@x,1e+20,,\r\n"
            + "\"x\r\ny\",\"'=HYPERLINK(\"\"a\"\")\",129600,0.1,\"café \"\"quoted\"\"\"\r\n"
        #expect(try SheetDump.csv(doc) == expected)
    }

    /// Each cell's field is `CSVWriter.field` of its text (text) or `CellValue.text` (other values), byte for byte,
    /// for values at the edges of the ways they are written: the two must never drift apart.
    @Test func csvFieldsAreTheCellsText() throws {
        let values: [CellValue] = [
            .string("plain"), .string("a,b"), .string("\"q\""), .string("x\ny"), .string("x\ry"), .string("\rx"),
            .string("\tx"),
            .string("=1"), .string("+44"), .string("-"), .string("@"), .string("é,\"é\""), .string("a\"\u{301}b"),
            .string("\u{1F468}\u{200D}\"x"), .string(",\u{301}"), .string("ü"),
            .string(String(repeating: "long \"text\", ", count: 50)),
            .number(0), .number(-0.0), .number(7), .number(-42), .number(0.1), .number(-2.5), .number(1e15 - 1),
            .number(1e15),
            .number(-1e15 + 1), .number(1e20), .number(1e-7), .number(123456789012345.6), .number(.nan),
            .number(.infinity),
            .number(-.infinity), .bool(true), .bool(false),
            .date(CalendarDate(year: 2026, month: 11, day: 27)), .date(CalendarDate(year: 5, month: 1, day: 2)),
            .date(CalendarDate(year: 0, month: 1, day: 1)), .date(CalendarDate(year: 9999, month: 12, day: 31)),
            .date(CalendarDate(year: 10000, month: 1, day: 1)), .date(CalendarDate(year: -5, month: 1, day: 1)),
            .dateTime(CalendarDate(year: 1900, month: 2, day: 28), secondsOfDay: 86399),
            .dateTime(CalendarDate(year: 2023, month: 3, day: 15), secondsOfDay: 0),
            .time(secondsOfDay: 0), .time(secondsOfDay: 9 * 3600 + 5 * 60 + 7), .time(secondsOfDay: 36 * 3600),
            .time(secondsOfDay: 1000 * 3600 + 59), .time(secondsOfDay: -61),
            .duration(129600), .duration(0.5), .duration(-3600), .error("#N/A"), .error("#DIV/0!"),
        ]
        let rows = values.enumerated().map { Row(number: $0.offset + 1, cells: [$0.element, nil, .number(1)]) }
        let expected = values.map { value -> String in
            if case .string(let text) = value { return CSVWriter.field(text) + ",,1\r\n" }
            return value.text + ",,1\r\n"
        }.joined()
        #expect(try SheetDump.csv(RowsDocument(rows: rows)) == expected)
    }

    /// Every quote is doubled, one followed by a combining mark too (a spreadsheet reads the field back as written).
    @Test func everyQuoteIsDoubledWhateverFollowsIt() {
        #expect(CSVWriter.field("a\"\u{301}b") == "\"a\"\"\u{301}b\"")
        #expect(CSVWriter.field("\u{1F468}\u{200D}\"x") == "\"\u{1F468}\u{200D}\"\"x\"")
        #expect(CSVWriter.field(",\u{301}") == "\",\u{301}\"")
        #expect(CSVWriter.field("-1") == "'-1" && CSVWriter.field("=\"x\"") == "\"'=\"\"x\"\"\"")
    }

    /// Rows held in memory, as a document.
    struct RowsDocument: SpreadsheetDocument {
        var rows: [Row]
        var path: String { "rows" }
        var format: SpreadsheetFormat { .csv }
        var sheets: [SheetInfo] { [SheetInfo(name: "Rows", visible: true)] }
        func forEachRow(inSheet index: Int, _ body: (Row) throws -> Void) throws {
            for row in rows { try body(row) }
        }
    }
}
