import Spreadsheet
import Testing

@testable import Reconciliation

/// A column the sheet hides is not what a person reads: a field takes a shown column that names it over a hidden one.
@Suite struct RecordLoaderHiddenColumnsTests {
    static let header = [
        "Ref", "Portal Ref", "Type", "Originating Inspection", "Description", "Status", "Current Status",
    ]
    static let row: [String] = ["NMP-1", "HMIC-1", "AFI", "PEEL 2023", "Improve", "Closed", "Open"]

    func load(hidden: Set<Int>, header: [String] = header, row: [String] = row) throws -> LoadedSource {
        var loader = RecordLoader(source: .register, path: "register.xlsx", sheet: "Register", profile: .standard)
        loader.hiddenColumns = hidden
        try loader.add(Row(number: 1, cells: header.map { .string($0) }))
        try loader.add(Row(number: 2, cells: row.map { .string($0) }))
        return try loader.finish()
    }

    @Test func aShownColumnIsReadBeforeAHiddenOneNamingTheSameField() throws {
        let shown = try load(hidden: [5])
        #expect(shown.records.first?.state == .open)
        // Hiding the other column reads the other status: the choice follows what the sheet shows.
        #expect(try load(hidden: [6]).records.first?.state == .closed)
    }

    @Test func aHiddenColumnIsStillReadWhenNoShownColumnNamesTheField() throws {
        let header = Array(Self.header.prefix(6))
        let row = Array(Self.row.prefix(6))
        #expect(try load(hidden: [5], header: header, row: row).records.first?.state == .closed)
    }

    @Test func theHeaderDetectorPrefersTheShownColumn() {
        var detector = HeaderDetector(source: .register, profile: .standard)
        let row = Row(number: 1, cells: Self.header.map { .string($0) })
        let statusOnItsOwn = detector.mapping(of: row).columns[.status]
        detector.hiddenColumns = [statusOnItsOwn ?? 5]
        #expect(detector.mapping(of: row).columns[.status] == (statusOnItsOwn == 5 ? 6 : 5))
        detector.hiddenColumns = [5, 6]
        #expect(detector.mapping(of: row).columns[.status] == statusOnItsOwn)
    }
}
