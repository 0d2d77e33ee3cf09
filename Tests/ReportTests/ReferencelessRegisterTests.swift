import Foundation
import Reconciliation
import Report
import Spreadsheet
import Testing

/// A register that gives no references at all, run two months running with rows inserted, deleted and re-sorted in
/// between: every discrepancy id, and so every board note, owner, decision and First seen, stays with its finding.
@Suite struct ReferencelessRegisterTests {
    /// A finding on the register: no reference, no portal reference; its inspection, type and wording tell it apart.
    struct Finding {
        var inspection: String
        var type: String
        var text: String
        var status = "Open"
        var deliveryLead = "Supt B"
        var target = ""
    }

    static let findings: [Finding] = [
        Finding(
            inspection: "PEEL 2021/22", type: "AFI",
            text: "The force should review its understanding of demand so that it can plan its workforce"),
        // The same sentence under another inspection and type: another finding.
        Finding(
            inspection: "Workforce planning thematic 2023", type: "Recommendation",
            text: "The force should review its understanding of demand so that it can plan its workforce"),
        Finding(
            inspection: "PEEL 2021/22", type: "AFI",
            text: "The force should improve how it supervises investigations of stalking", deliveryLead: ""),
        Finding(
            inspection: "PEEL 2021/22", type: "Cause of concern",
            text: "The force should make sure it answers emergency calls promptly", target: "2026-06-30"),
        Finding(
            inspection: "Fraud: Time to choose", type: "Recommendation",
            text: "Force to record the needs of fraud victims at first contact", status: "FLL closed"),
        Finding(
            inspection: "Fraud: Time to choose", type: "Recommendation",
            text: "Force to refer vulnerable fraud victims to the economic crime victim care unit"),
        // Not on the portal.
        Finding(
            inspection: "Crime data integrity 2024", type: "AFI",
            text: "The force should audit the recording of crimes reported by partner agencies", deliveryLead: ""),
        Finding(
            inspection: "Crime data integrity 2024", type: "AFI",
            text: "The force should train call handlers to record crimes at the first point of contact"),
    ]

    /// One finding that arrives in the second month, inserted at the top.
    static let arriving = Finding(
        inspection: "PEEL 2023/25", type: "AFI",
        text: "The force should reduce the number of investigations awaiting allocation", deliveryLead: "")

    /// The portal's items: the first six findings, in the portal's own words and titles, and one the register lacks.
    static let portalCSV = """
        Force,Recommendation ID,Report,Type,Recommendation Text,Status
        Northmoor Police,PEEL-2122-0001,PEEL 2021/22: An inspection of Northmoor Police,Area for improvement,The force should review its understanding of demand so that it can plan its workforce.,Open
        Northmoor Police,NTI-2023-0002,Workforce planning: a national thematic inspection (2023),Recommendation,The force should review its understanding of demand so that it can plan its workforce.,Open
        Northmoor Police,PEEL-2122-0003,PEEL 2021/22: An inspection of Northmoor Police,Area for improvement,The force should improve how it supervises investigations of stalking.,Open
        Northmoor Police,PEEL-2122-0004,PEEL 2021/22: An inspection of Northmoor Police,Cause of concern,The force should make sure it answers emergency calls promptly.,Closed
        Northmoor Police,FRA-2019-0005,Fraud: Time to choose,Recommendation,The force should record the needs of fraud victims at first contact.,Open
        Northmoor Police,FRA-2019-0006,Fraud: Time to choose,Recommendation,The force should refer vulnerable fraud victims to the economic crime victim care unit.,Open
        Northmoor Police,VSA-2024-0007,Victim service assessment 2024,Recommendation,The force should tell victims when their crime is filed.,Open

        """

    static func registerCSV(_ findings: [Finding]) -> String {
        var lines = ["Ref,Portal Ref,Type,Inspection,Description,Status,Force Lead,Delivery Lead,Target Date"]
        for f in findings {
            lines.append(",,\(f.type),\(f.inspection),\(f.text),\(f.status),ACC A,\(f.deliveryLead),\(f.target)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func run(_ findings: [Finding], asOf: CalendarDate, previous: String?, in dir: URL) throws -> String {
        let register = dir.appendingPathComponent("register-\(asOf).csv").path
        let portal = dir.appendingPathComponent("portal-\(asOf).csv").path
        try Self.registerCSV(findings).write(toFile: register, atomically: true, encoding: .utf8)
        try Self.portalCSV.write(toFile: portal, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("board-\(asOf).xlsx").path
        _ = try MonthlyRun(
            MonthlyRun.Options(
                register: register, portal: portal, output: .file(output), asOf: asOf, previous: previous)
        ).run()
        return output
    }

    /// The October workbook as the board leaves it: each discrepancy's note names the finding it was written
    /// against, and the rows are re-sorted.
    func annotated(_ workbook: String, in dir: URL) throws -> String {
        let rows = table(try readBack(workbook)["Discrepancies"], header: "Board notes").filter { $0["ID"] != "" }
        let path = dir.appendingPathComponent("october-annotated.xlsx").path
        let book = try WorkbookWriter(path: path, properties: DocumentProperties(title: "board", created: october))
        let sheet = try book.addSheet(named: "Discrepancies")
        for (c, title) in ["ID", "Board notes", "Owner", "Board decision", "First seen"].enumerated() {
            try sheet.write(row: 1, column: c, title)
        }
        for (r, row) in rows.reversed().enumerated() {
            try sheet.write(row: r + 2, column: 0, row["ID"]!)
            try sheet.write(row: r + 2, column: 1, "About: \(row["Description"]!) [\(row["Class"]!)]")
            try sheet.write(row: r + 2, column: 2, "Owner of \(row["Class"]!)")
            try sheet.write(row: r + 2, column: 3, "No action")
            try sheet.write(row: r + 2, column: 4, "2026-09-30")
        }
        // The Run sheet's two rows the next run checks: which tool wrote it, and as at when.
        let run = try book.addSheet(named: "Run")
        for (r, cells) in [["Tool", "\(ToolInfo.name) \(ToolInfo.version)"], ["As at", "2026-10-31"]].enumerated() {
            for (c, text) in cells.enumerated() { try run.write(row: r + 1, column: c, text) }
        }
        try book.close()
        return path
    }

    @Test func reSortingInsertingAndDeletingRowsMovesNoNote() throws {
        let dir = try scratch()
        let first = try run(Self.findings, asOf: october, previous: nil, in: dir)
        let octoberRows = table(try readBack(first)["Discrepancies"], header: "Board notes").filter { $0["ID"] != "" }
        #expect(octoberRows.count >= 8)
        let octoberIDs = Set(octoberRows.map { $0["ID"]! })
        #expect(octoberIDs.count == octoberRows.count, "every discrepancy has an id of its own")

        // November: the last finding deleted, the rest re-sorted (reversed), a new one inserted at the top.
        let november = [Self.arriving] + Self.findings.dropLast().reversed()
        let second = try run(november, asOf: asOf, previous: try annotated(first, in: dir), in: dir)
        let sheets = try readBack(second)
        let rows = table(sheets["Discrepancies"], header: "Board notes").filter { $0["ID"] != "" }
        let deleted = Self.findings.last!.text
        let carried = rows.filter { octoberIDs.contains($0["ID"]!) }
        #expect(carried.count == octoberRows.filter { $0["Description"] != deleted }.count)
        for row in carried {
            #expect(row["Board notes"] == "About: \(row["Description"]!) [\(row["Class"]!)]")
            #expect(row["Owner"] == "Owner of \(row["Class"]!)" && row["First seen"] == "2026-09-30")
        }
        // Only the arriving finding is new; only the deleted one is resolved.
        let new = rows.filter { !octoberIDs.contains($0["ID"]!) }
        #expect(!new.isEmpty && new.allSatisfy { $0["Description"] == Self.arriving.text && $0["Board notes"] == "" })
        let changes = table(sheets["Changes"], header: "Change")
        #expect(changes.filter { $0["Change"] == "New" }.count == new.count)
        let resolved = changes.filter { $0["Change"] == "Resolved" }
        #expect(resolved.count == octoberRows.filter { $0["Description"] == deleted }.count)
        #expect(resolved.allSatisfy { $0["Board notes"]?.hasPrefix("About: \(deleted)") == true })
    }

    @Test func theRunSaysOnceThatTheRegisterHasNoUsableReferences() throws {
        let dir = try scratch()
        let workbook = try run(Self.findings, asOf: october, previous: nil, in: dir)
        let notices = try readBack(workbook)["Run"]!.filter { $0.first == "Notice" }
        #expect(notices.map { $0[1] } == [Reconciliation.noUsableReferences])

        let withReferences = try sampleResult()
        #expect(withReferences.notices.isEmpty)
    }

    /// Matched reference-less rows are known by their portal counterpart: the pair's ids are those a register
    /// quoting the portal id would give.
    @Test func aMatchedRecordIsKnownByItsPortalCounterpart() throws {
        let header = registerHeader
        let portal = [
            portalHeader, ["Northmoor Police", "HMIC-9", "PEEL 2025", "AFI", "The force should do nine", "Closed"],
        ]
        func result(ref: String) throws -> Reconciliation {
            Reconciliation(
                register: try loaded(
                    .register,
                    [header, [ref, "", "AFI", "PEEL 2025", "The force should do nine", "ACC A", "", "Open", "", ""]]),
                portal: try loaded(.portal, portal), asOf: asOf, force: nil)
        }
        let referenceless = try result(ref: "")
        let quoting = try result(ref: "HMIC-9")
        #expect(referenceless.alignment.matches.count == 1)
        #expect(Set(referenceless.discrepancies.map(\.id)) == Set(quoting.discrepancies.map(\.id)))
        #expect(referenceless.discrepancies.contains { $0.kind == .closedInError })
    }

    /// "AFI 1" restarting under each inspection tells the rows apart from nothing: each adds its wording, so two
    /// findings do not share an id, and swapping the rows keeps each one's.
    @Test func aReferenceRepeatedOnSeveralRowsStillGivesEachFindingItsOwnID() throws {
        let rows = [
            [
                "AFI 1", "", "AFI", "PEEL 2021/22", "The force should improve call handling", "ACC A", "Supt B",
                "Paused",
            ],
            ["AFI 1", "", "AFI", "PEEL 2023/25", "The force should improve vetting", "ACC A", "Supt B", "Paused"],
        ]
        func ids(_ rows: [[String]]) throws -> [String: String] {
            let result = Reconciliation(
                register: try loaded(.register, [Array(registerHeader.prefix(8))] + rows),
                portal: try loaded(.portal, [portalHeader]), asOf: asOf, force: nil)
            let unrecognised = result.discrepancies.filter { $0.kind == .unrecognisedValue }
            return Dictionary(
                unrecognised.map { ($0.id, result.register.records[$0.register!].description) },
                uniquingKeysWith: { a, b in a + " and " + b })
        }
        let first = try ids(rows)
        #expect(first.count == 2)
        #expect(try ids(rows.reversed()) == first)
    }
}
