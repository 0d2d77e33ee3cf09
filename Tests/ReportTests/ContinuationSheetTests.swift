import Foundation
import Reconciliation
import Spreadsheet
import Testing

@testable import Report

/// Tables longer than a sheet holds continue on "Name (2)", "Name (3)", … with the same header row, and the
/// next run's `--previous` reads every part. A small injected row limit stands in for Excel's 1,048,576 rows.
@Suite struct ContinuationSheetTests {
    /// A register and portal of `count` findings each, none matching, so every record is a discrepancy.
    func longResult(_ count: Int) throws -> Reconciliation {
        let register = (1...count).map { i in
            [
                "NMP-\(i)", "", "Recommendation", "PEEL 2025",
                "Finding number \(i) about how the force investigates crime", "ACC A", "", "Open", "", "",
            ]
        }
        let portal = (1...count).map { i in
            [
                "Northmoor Police", "HMIC-\(i)", "Fraud: Time to choose", "Recommendation", "Another finding \(i)",
                "Open",
            ]
        }
        return Reconciliation(
            register: try loaded(.register, [registerHeader] + register),
            portal: try loaded(.portal, [portalHeader] + portal), asOf: asOf, force: nil)
    }

    @Test func sheetsNeededAndNames() {
        // 10 rows to a sheet: title block and header take 4, so 6 body rows fit.
        #expect(TableWriter.sheetsNeeded(bodyRows: 0, rowLimit: 10) == 1)
        #expect(TableWriter.sheetsNeeded(bodyRows: 6, rowLimit: 10) == 1)
        #expect(TableWriter.sheetsNeeded(bodyRows: 7, rowLimit: 10) == 2)
        #expect(TableWriter.sheetsNeeded(bodyRows: 1_048_572, rowLimit: SheetWriter.maxRows) == 1)
        #expect(TableWriter.sheetsNeeded(bodyRows: 1_048_573, rowLimit: SheetWriter.maxRows) == 2)
        #expect(TableWriter.sheetName("Register", 0) == "Register")
        #expect(TableWriter.sheetName("Register", 2) == "Register (3)")
    }

    @Test func longTablesContinueOnNumberedSheetsWithTheSameHeader() throws {
        let result = try longResult(15)
        let limit = 10
        let path = try writeBook(result, in: try scratch(), rowLimit: limit)
        let names = try sheetNames(path)
        let sheets = try readBack(path)
        let body = TableWriter.bodyCapacity(rowLimit: limit)
        // Each table's parts come together, in order, right after its first sheet.
        for (name, rows) in [
            ("Discrepancies", result.discrepancies.count),
            ("Register", result.register.records.count + result.register.skipped.count),
            ("Portal", result.portal.records.count + result.portal.skipped.count),
        ] {
            let parts = TableWriter.sheetsNeeded(bodyRows: rows, rowLimit: limit)
            #expect(parts > 1, "\(name) should need continuation sheets")
            let expected = (0..<parts).map { TableWriter.sheetName(name, $0) }
            let first = try #require(names.firstIndex(of: name))
            #expect(Array(names[first..<(first + parts)]) == expected)
            #expect(!names.contains(TableWriter.sheetName(name, parts)))
            for (i, part) in expected.enumerated() {
                let rows = try #require(sheets[part])
                #expect(rows.count <= limit, "\(part) has \(rows.count) rows")
                // Read back without its empty third row: title, subtitle, header, body.
                #expect(rows[2] == sheets[name]![2], "\(part) repeats the header row")
                #expect(rows[2].first == "ID" || rows[2].first == "Row")
                if i < parts - 1 { #expect(rows.count - 3 == body, "\(part) is full") }
            }
        }
        // Every discrepancy, once, in order, across the parts.
        let discrepancyParts = names.filter { $0 == "Discrepancies" || $0.hasPrefix("Discrepancies (") }
        let ids = discrepancyParts.flatMap { table(sheets[$0], header: "Board notes").compactMap { $0["ID"] } }
        #expect(ids == result.discrepancies.map(\.id))
        // Every register row, once.
        let registerParts = names.filter { $0 == "Register" || $0.hasPrefix("Register (") }
        let rows = registerParts.flatMap { table(sheets[$0], header: "Reference").compactMap { $0["Reference"] } }
        #expect(rows == result.register.records.map(\.reference))
    }

    @Test func aTableThatFitsHasNoContinuation() throws {
        let path = try writeBook(try sampleResult(), in: try scratch(), rowLimit: 40)
        #expect(
            try sheetNames(path) == [
                "Summary", "Discrepancies", "PEEL framework", "Matched", "Register", "Portal", "Run history", "Run",
            ])
    }

    @Test func previousRunReadsEveryPartOfTheDiscrepancies() throws {
        let result = try longResult(15)
        let dir = try scratch()
        let path = try writeBook(result, in: dir, rowLimit: 10)
        let previous = try PreviousRun.read(path: path)
        #expect(previous.discrepancies.map(\.id) == result.discrepancies.map(\.id))
        // Carried into the next run: no discrepancy is "new" and none "resolved".
        let changes = Changes(current: result.discrepancies, previous: previous)
        #expect(changes.new.isEmpty)
        #expect(changes.resolved.isEmpty)
        #expect(changes.continuing.count == result.discrepancies.count)
    }

    @Test func continuationSheetsAreFoundByPartNumber() {
        let names = [
            "Summary", "Discrepancies", "Discrepancies (3)", "Discrepancies (2)", "Discrepancies (x)",
            "Discrepancies (1)", "Discrepancies copy", "Register (2)",
        ]
        #expect(PreviousRun.continuations(of: "Discrepancies", in: names) == [3, 2])
    }

    @Test func streamedContinuationReadsBackTheSame() throws {
        let result = try longResult(15)
        let dir = try scratch()
        let streamed = try writeBook(result, in: dir, name: "streamed.xlsx", constantMemoryAbove: 2, rowLimit: 10)
        let held = try writeBook(result, in: dir, name: "held.xlsx", rowLimit: 10)
        #expect(try readBack(streamed) == readBack(held))
    }
}
