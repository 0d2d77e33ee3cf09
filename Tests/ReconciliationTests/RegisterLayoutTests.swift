import Spreadsheet
import Testing

@testable import Reconciliation

/// A workbook held in memory: sheets of text rows and their merged ranges, handed over as a reader would (rows
/// with nothing in them left out, whole numbers as numbers).
struct MemoryWorkbook: SpreadsheetDocument {
    var path = "register.xlsx"
    var format: SpreadsheetFormat { .xlsx }
    var sheets: [SheetInfo] = []
    private var tables: [[[String]]] = []
    private var merges: [[MergedRange]] = []

    /// Adds a sheet whose first row is row 1; "" is an empty cell.
    mutating func add(_ name: String, visible: Bool = true, _ table: [[String]], merged: [String] = []) {
        sheets.append(SheetInfo(name: name, visible: visible))
        tables.append(table)
        merges.append(merged.compactMap(MergedRange.init(reference:)))
    }

    func forEachRow(inSheet index: Int, _ body: (Row) throws -> Void) throws {
        for (i, cells) in tables[index].enumerated() where cells.contains(where: { !$0.isEmpty }) {
            try body(
                Row(
                    number: i + 1,
                    cells: cells.map { text in
                        text.isEmpty ? nil : Int(text).map { .number(Double($0)) } ?? .string(text)
                    }))
        }
    }

    func mergedRanges(inSheet index: Int) throws -> [MergedRange] { merges[index] }
}

@Suite struct RegisterLayoutTests {
    static let header = ["Ref", "Type", "Description", "Force Lead", "Delivery Lead", "Status"]

    static func load(_ book: MemoryWorkbook, sheets: [String] = []) throws -> LoadedSource {
        try RecordLoader.load(.register, from: book, sheetNames: sheets, profile: .standard)
    }

    /// The layout rows of a kind, by row number.
    static func rows(_ kind: RowKind, _ source: LoadedSource) -> [Int] {
        source.skipped.filter { $0.kind == kind }.map(\.row)
    }

    @Test func everySheetWithARegisterHeaderIsRead() throws {
        var book = MemoryWorkbook()
        book.add("Overview", [["HMICFRS recommendations: position at November"], ["Open", "12"], ["Closed", "30"]])
        book.add(
            "PEEL 2023-25",
            [
                Self.header, ["A1", "AFI", "Improve custody", "ACC Smith", "Insp Khan", "Open"],
                ["A2", "AFI", "Improve vetting", "ACC Smith", "Insp Khan", "Open"],
            ])
        book.add("Vetting 2022", [Self.header, ["V1", "Recommendation", "Vet all staff", "DCC Marsh", "", "Open"]])
        book.add(
            "Archive",
            [
                ["Ref", "Type", "Inspection", "Description", "Status"],
                ["C1", "AFI", "PEEL 2021/22", "Old finding", "Closed"],
            ])
        book.add("Lists", visible: false, [Self.header, ["X", "AFI", "", "", "", "Open"]])
        let source = try Self.load(book)
        #expect(source.sheetsRead.map(\.name) == ["PEEL 2023-25", "Vetting 2022", "Archive"])
        #expect(source.records.map(\.reference) == ["A1", "A2", "V1", "C1"])
        #expect(source.records.map(\.sheet) == ["PEEL 2023-25", "PEEL 2023-25", "Vetting 2022", "Archive"])
        // A sheet's name is the inspection of rows that name none; a row's own inspection wins.
        #expect(source.records.map(\.inspection) == ["PEEL 2023-25", "PEEL 2023-25", "Vetting 2022", "PEEL 2021/22"])
        #expect(source.records[0].group == .localPEEL)
        #expect(source.sheet == "PEEL 2023-25, Vetting 2022, Archive")
        #expect(source.sheetsLeftOut.map(\.name) == ["Overview", "Lists"])
        #expect(source.sheetsLeftOut[0].reason.hasPrefix("no header row"))
        #expect(source.sheetsLeftOut[1].reason == "hidden")

        let narrowed = try Self.load(book, sheets: ["Vetting 2022", "Archive"])
        #expect(narrowed.records.map(\.reference) == ["V1", "C1"])
    }

    @Test func aDiscrepancyNamesTheSheetOfItsRegisterRow() throws {
        var book = MemoryWorkbook()
        book.add("Live", [Self.header, ["A1", "AFI", "Improve custody", "ACC Smith", "Insp Khan", "Open"]])
        book.add("Archive", [Self.header, ["A0", "AFI", "Improve vetting", "ACC Smith", "Insp Khan", "Open"]])
        let register = try Self.load(book)
        let portal = try loaded(.portal, [portalHeader])
        let result = Reconciliation(
            register: register, portal: portal, asOf: CalendarDate(year: 2026, month: 11, day: 30), force: nil)
        let absent = result.discrepancies.filter { $0.kind == .absentFromPortal }
        #expect(absent.count == 2)
        #expect(absent.contains { $0.detail.hasSuffix("(register sheet 'Archive', row 2)") })
        #expect(absent.contains { $0.detail.hasSuffix("(register sheet 'Live', row 2)") })

        let oneSheet = try Self.load(book, sheets: ["Live"])
        let single = Reconciliation(
            register: oneSheet, portal: portal, asOf: CalendarDate(year: 2026, month: 11, day: 30), force: nil)
        #expect(!single.discrepancies.contains { $0.detail.contains("register sheet") })
    }

    @Test func withNoCompleteHeaderTheClosestSheetIsRefusedWithItsHeaders() throws {
        var book = MemoryWorkbook()
        book.add("Overview", [["HMICFRS findings"], ["Open", "3"]])
        book.add("Tracker", [["Ref", "Finding", "Status"], ["A1", "Improve custody", "Open"]])
        let error = try #require(throws: HMICError.self) { try Self.load(book) }
        #expect(error.sheet == "Tracker")
        #expect(error.message.contains("no type column") && error.message.contains("'Finding'"))
    }

    @Test func aGenericSheetNameIsNoInspection() throws {
        var book = MemoryWorkbook()
        book.add("Recs & AFIs", [Self.header, ["A1", "AFI", "Improve custody", "", "", "Open"]])
        book.add("Closed items", [Self.header, ["A0", "AFI", "Improve custody", "", "", "Closed"]])
        let source = try Self.load(book)
        #expect(source.records.map(\.inspection) == ["", ""])
        #expect(SheetNames.namesInspection("PEEL 2023-25"))
        #expect(!SheetNames.namesInspection("Sheet1"))
        #expect(!SheetNames.namesInspection("Register (archive)"))
    }

    @Test func headingRowsNameTheInspectionAndTypeOfTheRowsBelow() throws {
        var book = MemoryWorkbook()
        book.add(
            "Register",
            [
                Self.header,
                ["PEEL 2023/25: An inspection of Northmoor Police"],
                ["Areas for improvement"],
                ["A1", "", "Improve custody", "ACC Smith", "Insp Khan", "Open"],
                ["Recommendations"],
                ["R1", "", "Vet all staff", "ACC Smith", "Insp Khan", "Open"],
                ["Custody 2024 – Recommendations", "", "", "", "", ""],
                ["R2", "", "Review cells", "ACC Smith", "Insp Khan", "Open"],
                ["R3", "AFI", "Review detention", "ACC Smith", "Insp Khan", "Open"],
            ])
        let source = try Self.load(book)
        #expect(source.records.map(\.reference) == ["A1", "R1", "R2", "R3"])
        #expect(
            source.records.map(\.inspection) == [
                "PEEL 2023/25: An inspection of Northmoor Police", "PEEL 2023/25: An inspection of Northmoor Police",
                "Custody 2024", "Custody 2024",
            ])
        #expect(
            source.records.map(\.type) == [.areaForImprovement, .recommendation, .recommendation, .areaForImprovement])
        #expect(Self.rows(.heading, source) == [2, 3, 5, 7])
        #expect(source.skipped.first { $0.row == 7 }?.reason.contains("'Custody 2024' and the type") == true)
    }

    @Test func aHeaderRepeatedUnderEachHeadingIsNoRecord() throws {
        var book = MemoryWorkbook()
        book.add(
            "Register",
            [
                ["PEEL 2023/25"], Self.header, ["A1", "AFI", "Improve custody", "ACC Smith", "Insp Khan", "Open"],
                ["Custody 2024"], Self.header,
                ["R1", "Recommendation", "Review cells", "ACC Smith", "Insp Khan", "Open"],
            ])
        let source = try Self.load(book)
        #expect(source.headerRow == 2)
        #expect(source.records.map(\.reference) == ["A1", "R1"])
        // The first table's title sits above the header: once the header repeats, it is that table's heading.
        #expect(source.records.map(\.inspection) == ["PEEL 2023/25", "Custody 2024"])
        #expect(source.records.map(\.group) == [.localPEEL, .otherNational])
        #expect(source.skipped.first { $0.row == 5 }?.reason.hasPrefix("repeats the header row") == true)
    }

    @Test func aTitleAboveASingleTableNamesNoInspection() throws {
        var book = MemoryWorkbook()
        book.add(
            "Register", [["Northmoor Police HMICFRS register"], Self.header, ["A1", "AFI", "Improve", "", "", "Open"]])
        #expect(try Self.load(book).records.map(\.inspection) == [""])
    }

    @Test func mergedCellsHoldTheirValueInEveryCellTheyCover() throws {
        var book = MemoryWorkbook()
        book.add(
            "Register",
            [
                ["Ref", "Inspection", "Type", "Description", "Status"],
                ["Custody 2024", "", "", "", ""],
                ["R1", "PEEL 2023/25", "AFI", "Improve custody", "Open"],
                ["R2", "", "", "Improve vetting", "Open"],
                ["R3", "", "Recommendation", "Review cells", "Open"],
            ],
            merged: ["A2:E2", "B3:B5", "C3:C4"])
        let source = try Self.load(book)
        #expect(Self.rows(.heading, source) == [2])
        #expect(source.records.map(\.inspection) == ["PEEL 2023/25", "PEEL 2023/25", "PEEL 2023/25"])
        #expect(source.records.map(\.type) == [.areaForImprovement, .areaForImprovement, .recommendation])
    }

    @Test func totalsKeyAndBlankRowsAreNotRecords() throws {
        var book = MemoryWorkbook()
        book.add(
            "Register",
            [
                ["RAG key: RED = off track", "", ""],
                Self.header,
                ["A1", "AFI", "Improve custody", "ACC Smith", "Insp Khan", "Blue"],
                [],
                ["", "", "", "", "", "   "],
                ["A2", "AFI", "Improve vetting", "ACC Smith", "Insp Khan", "Open"],
                [],
                ["Total open", "", "", "", "", "1"],
                ["", "", "", "", "", "2"],
                ["Key:"],
                ["BLUE", "Complete"],
                ["GREEN – on track"],
            ])
        let source = try Self.load(book)
        #expect(source.records.map(\.reference) == ["A1", "A2"])
        // "Total open" and a row of numbers alone (a COUNTIF under the status column).
        #expect(Self.rows(.totals, source) == [8, 9])
        // The key above the header is listed with the others: it is no title.
        #expect(Self.rows(.key, source) == [1, 10, 11, 12])
        #expect(source.keyRows == ["RAG key: RED = off track", "Key:", "BLUE = Complete", "GREEN – on track"])
        // Row 4 holds nothing (a reader leaves it out), row 5 only spaces: one run of blank rows.
        #expect(source.sheetsRead[0].blankRows == [4...5, 7...7])
        #expect(source.sheetsRead[0].blankRowsText == "rows 4–5, 7")
    }

    @Test func aKeyBesideTheTableOrAmongTheTitleRowsIsKept() throws {
        var book = MemoryWorkbook()
        book.add(
            "Register",
            [
                ["Northmoor register", "", "", "", "", "", "", "Key: BLUE = complete"],
                Self.header,
                ["A1", "AFI", "Improve custody", "ACC Smith", "Insp Khan", "Blue", "", "GREEN – on track"],
                ["A2", "AFI", "Improve vetting", "ACC Smith", "Insp Khan", "Green", "", "Amber"],
            ])
        let source = try Self.load(book)
        #expect(source.records.map(\.reference) == ["A1", "A2"])
        #expect(source.keyRows == ["Key: BLUE = complete", "GREEN – on track"])
        #expect(LayoutRows.keyEntry(.string("Green")) == nil)
        #expect(LayoutRows.opensWithKeyLabel("Key:") && LayoutRows.opensWithKeyLabel("Legend"))
        #expect(LayoutRows.opensWithKeyLabel("RAG key: RED = off track"))
        #expect(!LayoutRows.opensWithKeyLabel("Key findings: PEEL 2023/25"))
        #expect(LayoutRows.keyText([(0, .string("Key findings from PEEL 2023/25"))], afterKey: false) == nil)
        #expect(LayoutRows.keyEntry(.string("Blue: signed off by HMICFRS")) == "Blue: signed off by HMICFRS")
    }

    @Test func aRowOfNumbersUnderTheTableIsATotalsRow() {
        let cells: [(column: Int, value: CellValue)] = [(2, .number(4)), (5, .number(12))]
        #expect(LayoutRows.isTotals(cells))
        #expect(!LayoutRows.isTotals([(0, .string("A1")), (5, .number(12))]))
        #expect(LayoutRows.isTotals([(0, .string("Grand total")), (5, .number(12))]))
        #expect(!LayoutRows.isTotals([(0, .string("Count the victims")), (5, .string("Open"))]))
    }

    @Test func aRecordWhoseFirstCellIsItsRAGStatusIsNoKey() {
        let record: [(column: Int, value: CellValue)] = [
            (0, .string("GREEN – on track")), (1, .string("AFI")), (2, .string("Improve custody")),
        ]
        #expect(LayoutRows.keyText(record, afterKey: false) == nil)
        #expect(LayoutRows.keyText([(0, .string("GREEN – on track"))], afterKey: false) == "GREEN – on track")
        #expect(LayoutRows.keyText([(0, .string("Green")), (1, .string("On track"))], afterKey: false) == nil)
        #expect(
            LayoutRows.keyText([(0, .string("Green")), (1, .string("On track"))], afterKey: true) == "Green = On track")
    }

    @Test func actionRowsGiveTheirOwnerToAnItemWithoutALead() throws {
        var book = MemoryWorkbook()
        book.add(
            "Action plan",
            [
                Self.header,
                ["A1", "AFI", "Improve custody", "", "", "Open"],
                ["", "", "", "", "Insp Khan", "Open"],
                ["", "", "", "", "Sgt Lowe", "Complete"],
                ["A2", "AFI", "Improve vetting", "ACC Smith", "Supt Jones", "Open"],
                ["", "", "", "", "Sgt Lowe", "Open"],
                ["A3", "AFI", "Improve training", "", "", "Open"],
                ["", "", "", "", "PC Bell", ""],
            ],
            merged: ["A7:A8", "B7:B8", "C7:C8"])
        let source = try Self.load(book)
        #expect(source.records.map(\.reference) == ["A1", "A2", "A3"])
        #expect(source.records.map(\.deliveryLead) == ["Insp Khan", "Supt Jones", "PC Bell"])
        #expect(Self.rows(.action, source) == [3, 4, 6, 8])
        #expect(source.skipped.first { $0.row == 3 }?.reason.contains("item on row 2") == true)
    }

    @Test func aTitleInAColumnOfItsOwnUnderAnItemIsAHeading() throws {
        var book = MemoryWorkbook()
        book.add(
            "Register",
            [
                ["No."] + Self.header,
                ["1", "A1", "AFI", "Improve custody", "ACC Smith", "", "Open"],
                ["Custody 2024"],
                ["2", "R1", "Recommendation", "Review cells", "ACC Smith", "", "Open"],
                ["", "", "", "", "", "Sgt Lowe", ""],
            ])
        let source = try Self.load(book)
        #expect(Self.rows(.heading, source) == [3])
        #expect(Self.rows(.action, source) == [5])
        #expect(source.records.map(\.inspection) == ["", "Custody 2024"])
        #expect(source.records.map(\.deliveryLead) == ["", "Sgt Lowe"])
    }

    @Test func aHeaderOverTwoRowsIsReadAsOne() throws {
        var book = MemoryWorkbook()
        book.add(
            "Register",
            [
                ["Northmoor register"],
                ["Ref", "Type", "Description", "Force", "Delivery", "Status"],
                ["", "", "", "Lead", "Lead", ""],
                ["A1", "AFI", "Improve custody", "ACC Smith", "Insp Khan", "Open"],
            ])
        let source = try Self.load(book)
        #expect(source.headerRow == 3)
        #expect(source.sheetsRead[0].headerRows == "rows 2–3")
        #expect(source.headers[3] == "Force Lead")
        #expect(source.records.map(\.forceLead) == ["ACC Smith"])
        #expect(source.records.map(\.deliveryLead) == ["Insp Khan"])

        var grouped = MemoryWorkbook()
        grouped.add(
            "Register",
            [
                ["Ref", "Type", "Description", "Lead", "", "Status"],
                ["", "", "", "Force", "Delivery", ""],
                ["A1", "AFI", "Improve custody", "ACC Smith", "Insp Khan", "Open"],
            ],
            merged: ["D1:E1", "A1:A2", "F1:F2"])
        let byGroup = try Self.load(grouped)
        #expect(byGroup.headers[3] == "Force Lead")
        #expect(byGroup.records.map(\.deliveryLead) == ["Insp Khan"])
        #expect(byGroup.records.map(\.reference) == ["A1"])
        // `inspect` and the choice of sheets see the header as the loader does, merged group header and all.
        let top = try HeaderDetector.topRows(of: grouped, inSheet: 0, source: .register)
        let detected = HeaderDetector(source: .register, profile: .standard).detect(in: top)
        #expect(detected?.columns[.deliveryLead] == 4 && detected?.upperRow == 1)
    }

    @Test func aDataRowBelowTheHeaderIsNeverReadAsItsSecondLine() throws {
        let source = try loaded(.register, [registerHeader, reg("R1", portal: "HMIC-1")])
        #expect(source.headerRow == 1)
        #expect(source.records.count == 1)
    }

    @Test func aPortalExportKeepsItsRowsAsRecords() throws {
        let source = try loaded(.portal, [portalHeader, ["HMIC-1", "", "", "", ""], por("HMIC-2")])
        #expect(source.records.map(\.reference) == ["HMIC-1", "HMIC-2"])
    }
}

@Suite struct RegisterSheetsProfileTests {
    @Test func aProfileNamesOneRegisterSheetOrSeveral() throws {
        let one = try ProfileFile.parse("registerSheet: Register\n", path: "force.yaml")
        #expect(one.registerSheets == ["Register"])
        let several = try ProfileFile.parse("registerSheet: [PEEL 2023-25, Archive]\n", path: "force.yaml")
        #expect(several.registerSheets == ["PEEL 2023-25", "Archive"])
        #expect(Profile.standard.registerSheets.isEmpty)
    }
}
