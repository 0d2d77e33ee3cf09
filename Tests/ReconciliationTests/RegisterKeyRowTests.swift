import Spreadsheet
import Testing

@testable import Reconciliation

/// A key row found among a register's layout rows gives the sheet's colours their meanings (rules §8); a register
/// whose headings name its types needs no type column; an overview sheet beside register sheets is not read.
@Suite struct RegisterKeyRowTests {
    static let header = ["Ref", "Type", "Description", "Force Lead", "Delivery Lead", "Status"]

    static func load(_ book: MemoryWorkbook, profile: Profile = .standard) throws -> LoadedSource {
        try RecordLoader.load(.register, from: book, sheetNames: [], profile: profile)
    }

    @Test func aKeyRowUnderTheTableGivesMeaningToTheRowsAboveIt() throws {
        var book = MemoryWorkbook()
        book.add(
            "Register",
            [
                Self.header,
                ["A1", "AFI", "Improve custody", "ACC Smith", "Insp Khan", "GREEN"],
                ["A2", "AFI", "Improve vetting", "ACC Smith", "Insp Khan", "BLUE"],
                ["A3", "AFI", "Improve calls", "ACC Smith", "Insp Khan", "RED"],
                [],
                ["Key:", "RED = off track", "AMBER = at risk", "GREEN = on track", "BLUE = complete"],
            ])
        let source = try Self.load(book)
        #expect(source.records.map(\.state) == [.open, .closed, .open])
        #expect(RegisterLayoutTests.rows(.key, source) == [6])
        #expect(source.warnings.filter { $0.contains("colour key read") }.count == 1)
    }

    @Test func aKeyOverSeveralRowsAndInTwoCellsIsReadEntryByEntry() throws {
        var book = MemoryWorkbook()
        book.add(
            "Register",
            [
                Self.header,
                ["A1", "AFI", "Improve custody", "ACC Smith", "Insp Khan", "Green"],
                ["A2", "AFI", "Improve vetting", "ACC Smith", "Insp Khan", "Blue"],
                ["Key"],
                ["GREEN", "Complete"],
                ["BLUE", "On track"],
            ])
        let source = try Self.load(book)
        #expect(source.records.map(\.state) == [.closed, .open])
        #expect(source.warnings.filter { $0.contains("colour key read: BLUE = open, GREEN = closed") }.count == 1)
    }

    @Test func aKeyRowAboveTheHeaderIsListedAndExplainsTheRowsBelow() throws {
        var book = MemoryWorkbook()
        book.add(
            "Plan",
            [
                ["Office of the Police and Crime Commissioner"],
                ["Key:", "GREEN = complete", "AMBER = in progress"],
                Self.header,
                ["A1", "AFI", "Improve custody", "ACC Smith", "Insp Khan", "GREEN"],
            ])
        let source = try Self.load(book)
        #expect(source.records.map(\.state) == [.closed])
        #expect(RegisterLayoutTests.rows(.key, source) == [2])
    }

    @Test func aSheetsKeyWinsOverTheProfileForRowsReadBeforeIt() throws {
        let profile = try ProfileFile.parse("colours:\n  green: on track\n", path: "p.yaml")
        var book = MemoryWorkbook()
        book.add(
            "Register",
            [
                Self.header,
                ["A1", "AFI", "Improve custody", "ACC Smith", "Insp Khan", "Green"],
                ["GREEN = complete"],
            ])
        #expect(try Self.load(book, profile: profile).records.map(\.state) == [.closed])
    }

    @Test func aKeyOnOneSheetLeavesTheOtherSheetsColoursUnread() throws {
        var book = MemoryWorkbook()
        book.add(
            "PEEL 2023-25", [Self.header, ["A1", "AFI", "Improve custody", "", "", "Green"], ["GREEN = complete"]])
        book.add("Vetting 2022", [Self.header, ["V1", "Recommendation", "Vet all staff", "", "", "Green"]])
        let source = try Self.load(book)
        #expect(source.records.map(\.state) == [.closed, nil])
    }

    @Test func headingsNamingTheTypesStandForATypeColumn() throws {
        let header = ["Ref", "Portal Ref", "Improvement required", "Force Lead", "Status"]
        var book = MemoryWorkbook()
        book.add(
            "Register",
            [
                header, ["PEEL 2023–25: An inspection of Northmoor Police – Areas for improvement"],
                ["N1", "HMIC-1", "Improve custody", "ACC Smith", "Open"],
                ["PEEL 2023–25: An inspection of Northmoor Police – Recommendations"],
                ["N2", "HMIC-2", "Vet all staff", "ACC Smith", "Open"],
            ])
        let source = try Self.load(book)
        #expect(source.records.map(\.type) == [.areaForImprovement, .recommendation])
        #expect(
            source.records.map(\.inspection)
                == Array(repeating: "PEEL 2023–25: An inspection of Northmoor Police", count: 2))

        // Headings that name only inspections do not: the register is refused for want of a type column.
        var untyped = MemoryWorkbook()
        untyped.add(
            "Register",
            [
                header, ["PEEL 2023–25: An inspection of Northmoor Police"],
                ["N1", "HMIC-1", "Improve custody", "", "Open"],
            ])
        #expect(throws: HMICError.self) { try Self.load(untyped) }
    }

    @Test func anOverviewWithoutReferencesBesideRegisterSheetsIsLeftOutWithItsReason() throws {
        var book = MemoryWorkbook()
        book.add("Overview", [["Type", "Description", "Status"], ["AFI", "All areas for improvement", "Open"]])
        book.add("PEEL 2023-25", [Self.header, ["A1", "AFI", "Improve custody", "ACC Smith", "Insp Khan", "Open"]])
        book.add("Archive", [Self.header, ["A0", "AFI", "Improve vetting", "ACC Smith", "Insp Khan", "Closed"]])
        let plan = try RecordLoader.chooseSheets(.register, in: book, profile: .standard)
        #expect(plan.read == [1, 2])
        #expect(plan.leftOut.map(\.name) == ["Overview"])
        #expect(plan.leftOut.first?.reason.contains("overview") == true)
    }
}
