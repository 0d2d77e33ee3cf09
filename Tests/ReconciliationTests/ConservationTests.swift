import Foundation
import Reconciliation
import Report
import Spreadsheet
import SyntheticData
import Testing

/// Property tests of conservation: on random registers and portals (seeded, so every run is the same), every row
/// read appears exactly once among matched, unmatched and set-aside records or the skipped rows; the summary counts
/// what is listed; and the board's workbook holds every record and skipped row.
@Suite struct ConservationTests {
    static let iterations = 400
    /// Every this many iterations the workbook is written and read back (writing is the slow part).
    static let workbookEvery = 20

    static let typeSpellings = [
        "Recommendation", "rec", "AFI", "Area for improvement", "Cause of concern", "CoC", "R",
        "Widget", "",
    ]
    static let statusSpellings = [
        "Open", "In progress", "Amber", "Submitted for closure", "Closed by FLL", "Awaiting sign-off",
        "Closed", "Complete", "Withdrawn", "White", "Green", "???", "",
    ]
    static let inspections = [
        "PEEL 2023", "National child protection inspection", "Crime data integrity", "Fraud: time to choose",
        "PEEL spotlight report", "PEEL domestic abuse", "",
    ]
    static let forces = ["Northmoor Police", "Southvale Constabulary"]

    /// One random source's rows (header first) and the row numbers that hold data.
    struct Table {
        var rows: [Row]
        var dataRows: Set<Int>
    }

    static func pick<G: RandomNumberGenerator>(_ items: [String], _ g: inout G) -> String {
        items.randomElement(using: &g)!
    }

    /// A reference from a small pool, so that duplicates (exact and differently written) are common.
    static func reference<G: RandomNumberGenerator>(_ prefix: String, _ g: inout G) -> String {
        if Int.random(in: 0..<12, using: &g) == 0 { return "" }
        let n = Int.random(in: 1...40, using: &g)
        switch Int.random(in: 0..<4, using: &g) {
        case 0: return "\(prefix)-\(n)"
        case 1: return "\(prefix.lowercased()) \(n)"
        case 2: return "\(prefix)_\(n)."
        default: return "\(prefix)\(n)"
        }
    }

    /// Rows below `startRow` title lines; some blank, some with nothing in a mapped column, some with fields missing.
    static func table<G: RandomNumberGenerator>(
        header: [String], startRow: Int, count: Int, _ g: inout G,
        cells: (inout G) -> [String]
    ) -> Table {
        var rows: [Row] = []
        var number = 1
        for _ in 0..<startRow {
            rows.append(Row(number: number, cells: [.string("Findings export")]))
            number += 1
        }
        rows.append(Row(number: number, cells: header.map { .string($0) }))
        var data = Set<Int>()
        for _ in 0..<count {
            number += Int.random(in: 1...2, using: &g)  // gaps, as empty rows leave in a sheet
            var texts = cells(&g)
            switch Int.random(in: 0..<15, using: &g) {
            case 0: texts = texts.map { _ in "" }  // blank: not a row at all
            case 1:
                // A cell outside every column: skipped with a reason.
                texts = texts.map { _ in "" } + ["stray note"]
            case 2: texts = texts.map { Bool.random(using: &g) ? "" : $0 }
            default: break
            }
            let row = Row(number: number, cells: texts.map { $0.isEmpty ? nil : .string($0) })
            if !row.isBlank { data.insert(number) }
            rows.append(row)
        }
        return Table(rows: rows, dataRows: data)
    }

    static func load(_ source: Source, _ table: Table) throws -> LoadedSource {
        var loader = RecordLoader(source: source, path: "\(source.noun).xlsx", sheet: source.noun, profile: .standard)
        for row in table.rows { try loader.add(row) }
        return try loader.finish()
    }

    /// Each index of `0..<count` appears exactly once in the concatenation of `groups`.
    static func expectPartition(
        _ count: Int, _ groups: [[Int]], _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let all = groups.flatMap { $0 }
        #expect(
            all.count == count, "\(what): \(all.count) placements for \(count) records", sourceLocation: sourceLocation)
        #expect(
            Set(all) == Set(0..<count), "\(what): some record placed twice or never", sourceLocation: sourceLocation)
    }

    @Test func everyRowIsAccountedForExactlyOnce() throws {
        var g = SeededGenerator(seed: 0xC0FFEE)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hmic-conservation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for iteration in 0..<Self.iterations {
            let withPortalRef = Bool.random(using: &g)
            let national = Bool.random(using: &g)
            let registerHeader =
                ["Ref"] + (withPortalRef ? ["Portal Ref"] : []) + [
                    "Type", "Inspection", "Description",
                    "Force Lead", "Delivery Lead", "Status", "Target Date",
                ]
            let register = Self.table(
                header: registerHeader, startRow: Int.random(in: 0...3, using: &g),
                count: Int.random(in: 0...60, using: &g), &g
            ) { g in
                [Self.reference("R", &g)] + (withPortalRef ? [Self.reference("P", &g)] : [])
                    + [
                        Self.pick(Self.typeSpellings, &g), Self.pick(Self.inspections, &g),
                        Bool.random(using: &g) ? "The force should improve \(Int.random(in: 0...9, using: &g))" : "",
                        Bool.random(using: &g) ? "ACC A" : "", Bool.random(using: &g) ? "Supt B" : "",
                        Self.pick(Self.statusSpellings, &g), Self.pick(["30/11/2026", "2025-01-01", "soon", ""], &g),
                    ]
            }
            let portalHeader =
                (national ? ["Force"] : []) + ["Recommendation ID", "Report", "Type", "Recommendation Text", "Status"]
            let portal = Self.table(header: portalHeader, startRow: 0, count: Int.random(in: 0...60, using: &g), &g) {
                g in
                (national ? [Self.pick(Self.forces, &g)] : [])
                    + [
                        Self.reference("P", &g), Self.pick(Self.inspections, &g), Self.pick(Self.typeSpellings, &g),
                        Bool.random(using: &g) ? "Force to improve \(Int.random(in: 0...9, using: &g))" : "",
                        Self.pick(Self.statusSpellings, &g),
                    ]
            }
            let registerSource = try Self.load(.register, register)
            let portalAll = try Self.load(.portal, portal)
            // A national export keeps the first force named (an export naming none is not filtered).
            let force = national ? portalAll.records.first { !$0.force.isEmpty }?.force : nil
            let portalSource = try portalAll.filtered(toForce: force)
            let result = Reconciliation(
                register: registerSource, portal: portalSource,
                asOf: CalendarDate(year: 2026, month: 11, day: 30), force: force)
            let label = "iteration \(iteration)"

            // Rows: every data row became a record or a skipped row, once.
            let registerRows = registerSource.records.map(\.row) + registerSource.skipped.map(\.row)
            #expect(
                registerRows.count == register.dataRows.count && Set(registerRows) == register.dataRows,
                "\(label): register rows")
            #expect(registerSource.rowsRead == register.dataRows.count, "\(label): register rowsRead")
            let portalRows = portalAll.records.map(\.row) + portalAll.skipped.map(\.row)
            #expect(
                portalRows.count == portal.dataRows.count && Set(portalRows) == portal.dataRows, "\(label): portal rows"
            )
            // The force's rows, and only those, are kept.
            let forceRows = Set(portalAll.records.filter { force == nil || $0.force == force }.map(\.row))
            #expect(
                Set(portalSource.records.map(\.row)) == forceRows && portalSource.records.count == forceRows.count,
                "\(label): force rows")

            // Records: matched, unmatched or set aside, once each.
            let a = result.alignment
            Self.expectPartition(
                registerSource.records.count,
                [a.matches.map(\.register), a.registerOnly, Array((a.setAside[.register] ?? [:]).keys)],
                "\(label): register")
            Self.expectPartition(
                portalSource.records.count,
                [a.matches.map(\.portal), a.portalOnly, Array((a.setAside[.portal] ?? [:]).keys)], "\(label): portal")
            for group in a.duplicates {
                let setAside = a.setAside[group.source] ?? [:]
                #expect(
                    group.records.dropFirst().allSatisfy { setAside[$0] != nil } || group.records.count >= 2,
                    "\(label): duplicates")
            }

            // The summary counts the listed records: live, typed and taking part.
            func liveCount(_ source: LoadedSource, _ side: Source, live: (LifecycleState) -> Bool) -> [RecordType: Int]
            {
                var counts: [RecordType: Int] = [:]
                let setAside = a.setAside[side] ?? [:]
                let partner: [Int: Int] =
                    side == .portal ? Dictionary(uniqueKeysWithValues: a.matches.map { ($0.portal, $0.register) }) : [:]
                for (i, r) in source.records.enumerated() where setAside[i] == nil {
                    guard let state = r.state, live(state) else { continue }
                    guard let type = partner[i].flatMap({ registerSource.records[$0].type }) ?? r.type else { continue }
                    counts[type, default: 0] += 1
                }
                return counts
            }
            let registerLive = liveCount(registerSource, .register) { $0.isLiveOnRegister }
            let portalLive = liveCount(portalSource, .portal) { $0.isLiveOnPortal }
            for type in RecordType.allCases {
                let total = result.summary.total(type)
                #expect(total.register == registerLive[type, default: 0], "\(label): register total for \(type)")
                #expect(total.portal == portalLive[type, default: 0], "\(label): portal total for \(type)")
                #expect(
                    total.notOnPortal <= total.register && total.awaitingCentralSignOff <= total.portal,
                    "\(label): brackets")
                let rows = InspectionGroup.allCases.map { result.summary.counts($0, type) }
                #expect(
                    rows.map(\.register).reduce(0, +) == total.register
                        && rows.map(\.portal).reduce(0, +) == total.portal)
            }
            for kind in DiscrepancyClass.allCases {
                #expect(
                    result.summary.discrepancyCounts[kind, default: 0]
                        == result.discrepancies.filter { $0.kind == kind }.count,
                    "\(label): count of \(kind)")
            }
            // The summary is counted while the discrepancies are put in order: it must not depend on their order.
            // (A generator of its own, so that the inputs of later iterations stay as they were.)
            var shuffling = SeededGenerator(seed: UInt64(iteration))
            let shuffled = Summary(
                register: registerSource.records, portal: portalSource.records,
                alignment: a, discrepancies: result.discrepancies.shuffled(using: &shuffling))
            #expect(
                shuffled.groups == result.summary.groups
                    && shuffled.discrepancyCounts == result.summary.discrepancyCounts
                    && shuffled.footnotes == result.summary.footnotes, "\(label): summary of shuffled discrepancies")

            // The workbook lists every record and skipped row on the Register and Portal sheets, and every match.
            if iteration % Self.workbookEvery == 0 {
                let path = folder.appendingPathComponent("board-\(iteration).xlsx").path
                try BoardWorkbook(
                    result: result,
                    register: InputFacts(path: "register.xlsx", sha256: String(repeating: "0", count: 64)),
                    portal: InputFacts(path: "portal.xlsx", sha256: String(repeating: "0", count: 64)),
                    arguments: ["reconcile"]
                ).write(to: path)
                let book = try XLSXDocument(path: path)
                /// The numbers in `column` of the rows below the header row (whose first cell is `header`): the
                /// sheets have a title above the table and a footer below it.
                func numbers(_ sheet: String, header: String, column: Int) throws -> [Int] {
                    let rows = try book.rows(inSheet: try book.sheetIndex(named: sheet))
                    guard let top = rows.firstIndex(where: { $0[0] == .string(header) }) else {
                        Issue.record("\(label): no header row on \(sheet)")
                        return []
                    }
                    return rows[(top + 1)...].compactMap { row -> Int? in
                        if case .number(let n)? = row[column] { return Int(n) }
                        return nil
                    }
                }
                let listedRegister = try numbers("Register", header: "Row", column: 0)
                #expect(listedRegister.sorted() == registerRows.sorted(), "\(label): Register sheet")
                let listedPortal = try numbers("Portal", header: "Row", column: 0)
                let expectedPortal = portalSource.records.map(\.row) + portalSource.skipped.map(\.row)
                #expect(listedPortal.sorted() == expectedPortal.sorted(), "\(label): Portal sheet")
                let matched = try numbers("Matched", header: "Register ref", column: 4)
                #expect(
                    matched.sorted() == a.matches.map { registerSource.records[$0.register].row }.sorted(),
                    "\(label): Matched sheet")
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }
}
