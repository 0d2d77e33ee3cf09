import Spreadsheet
import Testing

@testable import Reconciliation

/// References as registers write them: none at all, placeholders, and the register's own numbering.
@Suite struct RegisterReferencesTests {
    let asOf = CalendarDate(year: 2026, month: 11, day: 30)

    let portal = [
        portalHeader,
        ["HMIC-1", "PEEL 2021/22", "AFI", "The force should improve how it answers emergency calls", "Open"],
        ["HMIC-2", "PEEL 2021/22", "AFI", "The force should improve how it supervises investigations", "Open"],
    ]

    @Test func aRegisterWithNoReferenceColumnPairsByWording() throws {
        let register = try loaded(
            .register,
            [
                ["Inspection", "Type", "Area for improvement", "Status", "Force Lead", "Delivery Lead"],
                ["PEEL 2021/22", "AFI", "Improve how the force answers emergency calls", "Open", "ACC A", "Supt B"],
                ["PEEL 2021/22", "AFI", "Improve how the force supervises investigations", "Open", "ACC A", "Supt B"],
            ])
        #expect(register.columns[.reference] == nil)
        let result = Reconciliation(
            register: register, portal: try loaded(.portal, portal), asOf: asOf, force: nil)
        #expect(
            result.alignment.matches.map { [$0.register, $0.portal] }.sorted { $0[0] < $1[0] } == [[0, 0], [1, 1]])
        #expect(result.discrepancies.allSatisfy { $0.kind != .duplicateReference && $0.kind != .absentFromPortal })
    }

    @Test func aRegisterWithNothingToPairByIsStillRefusedWithTheNamesAccepted() {
        #expect {
            try loaded(.register, [["Inspection", "Type", "Status"], ["PEEL 2021/22", "AFI", "Open"]])
        } throws: { error in
            let message = "\(error)"
            return message.contains("no reference column") && message.contains("nor a description")
                && message.contains("'ref'")
        }
    }

    @Test(arguments: ["TBC", "tbc", "N/A", "-", "–", "none"])
    func aPlaceholderReferenceIsNoReference(_ placeholder: String) throws {
        // Two findings whose references are still to come, with and without a portal-reference column.
        for header in [registerHeader, registerHeader.filter { $0 != "Portal Ref" }] {
            let hasPortalColumn = header.contains("Portal Ref")
            func row(_ text: String) -> [String] {
                let full = [
                    placeholder, placeholder, "AFI", "PEEL 2021/22", text, "ACC A", "Supt B", "Open", "",
                ]
                return hasPortalColumn ? full : [full[0]] + full[2...]
            }
            let register = try loaded(
                .register,
                [
                    header, row("Improve how the force answers emergency calls"),
                    row("Improve how the force supervises investigations"),
                ])
            #expect(register.records.allSatisfy { $0.matchKey.isEmpty && $0.ownReference.isEmpty })
            #expect(register.records.map(\.displayReference) == ["row 2", "row 3"])
            let result = Reconciliation(
                register: register, portal: try loaded(.portal, portal), asOf: asOf, force: nil)
            #expect(!result.discrepancies.contains { $0.kind == .duplicateReference }, "\(placeholder)")
            #expect(result.alignment.matches.count == 2, "\(placeholder)")
        }
    }

    @Test func aPlaceholderNeverNamesADiscrepancysIdentity() throws {
        // A finding absent from the portal, its reference "TBC": known by its wording, so the id stays when the
        // placeholder is later filled in as blank.
        func absentID(_ reference: String) throws -> String {
            let register = try loaded(
                .register,
                [
                    registerHeader,
                    [reference, "", "AFI", "PEEL 2021/22", "Audit crime recording", "ACC A", "Supt B", "Open", ""],
                ])
            let result = Reconciliation(
                register: register, portal: try loaded(.portal, [portalHeader]), asOf: asOf, force: nil)
            return try #require(result.discrepancies.first { $0.kind == .absentFromPortal }).id
        }
        #expect(try absentID("TBC") == absentID(""))
        #expect(try absentID("N/A") == absentID("TBC"))
        #expect(try absentID("NMP-7") != absentID("TBC"))
    }

    @Test(arguments: ["TBC1", "R-1", "A", "NA-3", "Rec 2"])
    func aRealReferenceIsNoPlaceholder(_ reference: String) {
        #expect(!Record.isPlaceholderReference(reference))
    }

    /// Sheets held in memory, as a workbook.
    struct SheetsDocument: SpreadsheetDocument {
        var tables: [(name: String, rows: [[String]])]
        var path: String { "register.xlsx" }
        var format: SpreadsheetFormat { .xlsx }
        var sheets: [SheetInfo] { tables.map { SheetInfo(name: $0.name, visible: true) } }
        func forEachRow(inSheet index: Int, _ body: (Row) throws -> Void) throws {
            for (number, cells) in zip(1..., tables[index].rows) {
                try body(Row(number: number, cells: cells.map { .string($0) }))
            }
        }
    }

    @Test func anOverviewSheetWithoutReferencesIsNotTakenForTheRegister() throws {
        let overview = [["Type", "Description", "Status"], ["AFI", "All areas for improvement", "Open"]]
        let register = [registerHeader, reg("R1", portal: "P1")]
        let document = SheetsDocument(tables: [("Overview", overview), ("Register", register)])
        #expect(try RecordLoader.chooseSheet(.register, in: document, profile: .standard) == 1)
        // Without a sheet that has a reference column, the one that pairs by wording is read.
        let alone = SheetsDocument(tables: [("Notes", [["Read me"]]), ("Findings", overview)])
        #expect(try RecordLoader.chooseSheet(.register, in: alone, profile: .standard) == 1)
    }
}
