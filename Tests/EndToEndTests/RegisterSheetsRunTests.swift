import Foundation
import Spreadsheet
import Testing

/// A register kept as people keep one: a sheet per inspection beside an overview, a header over two rows, a
/// heading merged across the table, an inspection merged down over its items, action rows, totals and a key.
@Suite struct RegisterSheetsRunTests {
    /// Writes the register workbook and the portal export into `dir`; returns their paths.
    static func writeInputs(in dir: URL) throws -> (register: String, portal: String) {
        let register = dir.appendingPathComponent("register.xlsx").path
        let book = try WorkbookWriter(
            path: register, properties: DocumentProperties(created: CalendarDate(year: 2026, month: 11, day: 1)))
        func fill(_ sheet: SheetWriter, _ rows: [[CellValue?]]) throws {
            for (r, cells) in rows.enumerated() {
                for (c, cell) in cells.enumerated() where cell != nil { try sheet.write(row: r + 1, column: c, cell) }
            }
        }
        let s = { (text: String) -> CellValue? in text.isEmpty ? nil : .string(text) }

        let overview = try book.addSheet(named: "Overview")
        try fill(overview, [[s("HMICFRS findings: position in November")], [s("Open"), .number(3)]])

        let peel = try book.addSheet(named: "PEEL 2023-25")
        try fill(
            peel,
            [
                [s("Northmoor Police – PEEL action plan")],
                ["Ref", "Portal ref", "Type", "Description", "Force", "Delivery", "Status"].map(s),
                ["", "", "", "", "Lead", "Lead", ""].map(s),
                [],
                [
                    s("AFI 1"), s("HMIC-101"), nil, s("The force should improve how it supervises investigations"),
                    s("ACC Smith"), nil, s("Open"),
                ],
                [nil, nil, nil, nil, nil, s("Insp Khan"), s("Open")],
                [
                    s("AFI 2"), s("HMIC-102"), nil, s("The force should improve its vetting"), s("ACC Smith"),
                    s("Supt Jones"), s("Open"),
                ],
                [],
                [s("Total open"), .number(2)],
                [s("Key:")],
                [s("BLUE = complete")],
            ])
        try peel.mergeRange(firstRow: 4, firstColumn: 0, lastRow: 4, lastColumn: 6, s("Areas for improvement"))

        let recs = try book.addSheet(named: "Recs & AFIs")
        try fill(
            recs,
            [
                ["Ref", "Portal ref", "Inspection", "Type", "Description", "Force lead", "Delivery lead", "Status"]
                    .map(s),
                [
                    s("Rec 1"), s("HMIC-201"), nil, s("Recommendation"), s("Review cell checks"), s("ACC Smith"),
                    s("Supt Jones"), s("Open"),
                ],
                [
                    s("Rec 2"), s("HMIC-202"), nil, s("Recommendation"), s("Review detention"), s("ACC Smith"),
                    s("Supt Jones"), s("Open"),
                ],
            ])
        try recs.mergeRange(firstRow: 2, firstColumn: 2, lastRow: 3, lastColumn: 2, s("Custody 2024"))
        try book.close()

        let portal = dir.appendingPathComponent("portal.csv").path
        try """
        Recommendation ID,Report,Type,Recommendation Text,Status
        HMIC-101,PEEL 2023-25,AFI,The force should improve how it supervises investigations,Open
        HMIC-102,PEEL 2023-25,AFI,The force should improve its vetting,Open
        HMIC-201,Custody 2024,Recommendation,Review cell checks,Open
        HMIC-202,Custody 2024,Recommendation,Review detention,Open

        """.write(toFile: portal, atomically: true, encoding: .utf8)
        return (register, portal)
    }

    static func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
    }

    @Test func everySheetOfTheRegisterPairsAndEveryLayoutRowIsOnTheRunSheet() throws {
        let dir = try Paths.scratch()
        let (register, portal) = try Self.writeInputs(in: dir)
        let output = dir.appendingPathComponent("out.xlsx").path
        let result = try run([
            "reconcile", "--register", register, "--portal", portal, "--output", output, "--json", "-",
            "--as-of", "2026-11-30", "--quiet",
        ])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let doc = try Self.json(result)
        let inputs = try #require((doc["inputs"] as? [String: Any])?["register"] as? [String: Any])
        #expect(inputs["records"] as? Int == 4)
        #expect(inputs["sheet"] as? String == "PEEL 2023-25, Recs & AFIs")
        let matches = try #require(doc["matches"] as? [[String: Any]])
        #expect(
            matches.map { $0["portalRef"] as? String ?? "" }.sorted() == [
                "HMIC-101", "HMIC-102", "HMIC-201", "HMIC-202",
            ])
        #expect(matches.allSatisfy { $0["method"] as? String == "reference" })
        let classes = try #require(doc["discrepancies"] as? [[String: Any]]).map { $0["class"] as? String ?? "" }
        #expect(classes.isEmpty, "unexpected discrepancies: \(classes)")
        let total = try #require((doc["summary"] as? [String: Any])?["total"] as? [String: [String: Int]])
        #expect(total["areaForImprovement"]?["register"] == 2)
        #expect(total["recommendation"]?["register"] == 2)

        // The Register sheet names each row's sheet in a last column.
        let book = try SpreadsheetFile.open(path: output)
        let rows = try book.rows(inSheet: try book.sheetIndex(named: "Register"))
        let header = try #require(rows.first { $0.cells.first == .string("Row") })
        let sheetColumn = try #require(header.cells.lastIndex { $0 == .string("Sheet") })
        let named = rows.filter { $0.number > header.number }.compactMap { $0[sheetColumn]?.text }
        #expect(named.filter { $0 == "Recs & AFIs" }.count == 2)
        #expect(named.filter { $0 == "PEEL 2023-25" }.count == 7, "two records and five rows that are not")

        let text = try workbookText(output)
        for expected in [
            "Heading row", "names the type &apos;Areas for improvement&apos;", "Action row",
            "an action under the item on row 5", "Totals row", "Key row", "Blank row",
            "register sheet &apos;PEEL 2023-25&apos; row 8: blank", "Register sheet not read",
            "Overview: no header row", "PEEL 2023-25, header on rows 2–3",
            // The Summary sheet's inputs line gives each sheet with its header.
            "sheets &apos;PEEL 2023-25&apos; (header on rows 2–3), &apos;Recs &amp; AFIs&apos; (header on row 1)",
        ] {
            #expect(
                text.contains(expected) || text.contains(expected.replacingOccurrences(of: "&apos;", with: "'")),
                "\(expected)")
        }
    }

    /// The same register saved again by LibreOffice, which writes its own shared strings, styles and merged
    /// ranges: it pairs the same way.
    @Test func theRegisterSavedByLibreOfficePairsTheSame() throws {
        let soffice = try #require(
            LibreOfficeTests.soffice, "LibreOffice is needed: scripts/install-dependencies --with-libreoffice")
        let dir = try Paths.scratch()
        let (register, portal) = try Self.writeInputs(in: dir)
        let saved = dir.appendingPathComponent("saved")
        let convert = try runProgram(
            URL(fileURLWithPath: soffice),
            [
                "-env:UserInstallation=file://\(dir.appendingPathComponent("lo-profile").path)", "--headless",
                "--convert-to", "xlsx", "--outdir", saved.path, register,
            ], in: dir)
        #expect(convert.status == 0, "soffice: \(convert.stderr)")
        let resaved = saved.appendingPathComponent("register.xlsx").path
        #expect(try zipPart(resaved, "xl/worksheets/sheet2.xml").contains("<mergeCell ref=\"A4:G4\""))
        let result = try run([
            "reconcile", "--register", resaved, "--portal", portal, "--output",
            dir.appendingPathComponent("out.xlsx").path, "--json", "-", "--as-of", "2026-11-30", "--quiet",
        ])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let doc = try Self.json(result)
        #expect(try #require(doc["matches"] as? [[String: Any]]).count == 4)
        #expect(try #require(doc["discrepancies"] as? [[String: Any]]).isEmpty)
    }

    @Test func registerSheetIsRepeatableAndNarrowsTheRegister() throws {
        let dir = try Paths.scratch()
        let (register, portal) = try Self.writeInputs(in: dir)
        let output = dir.appendingPathComponent("out.xlsx").path
        let base = [
            "reconcile", "--register", register, "--portal", portal, "--output", output, "--json", "-",
            "--as-of", "2026-11-30", "--quiet",
        ]
        let one = try run(base + ["--register-sheet", "Recs & AFIs"])
        #expect(one.status == 0, "stderr: \(one.stderr)")
        let classes = try #require(try Self.json(one)["discrepancies"] as? [[String: Any]]).map {
            $0["class"] as? String ?? ""
        }
        #expect(classes == ["absent-from-register", "absent-from-register"])
        let both = try run(base + ["--register-sheet", "Recs & AFIs", "--register-sheet", "PEEL 2023-25"])
        let inputs = try #require((try Self.json(both)["inputs"] as? [String: Any])?["register"] as? [String: Any])
        #expect(inputs["records"] as? Int == 4)
        let missing = try run(base + ["--register-sheet", "Nope"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("no sheet named 'Nope'") && missing.stderr.contains("'Recs & AFIs'"))
    }

    @Test func inspectShowsEachSheetAndEachRowThatIsNotARecord() throws {
        let dir = try Paths.scratch()
        let (register, _) = try Self.writeInputs(in: dir)
        let result = try run(["inspect", register])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let out = result.stdout
        #expect(out.contains("Sheets read as the register: PEEL 2023-25, Recs & AFIs"))
        #expect(out.contains("Sheet not read: Overview: no header row"))
        #expect(out.contains("(written over rows 2–3, read as one)"))
        #expect(out.contains("'Force Lead'") && out.contains("→ force lead"))
        let layout = out.split(separator: "\n").filter { $0.contains("'PEEL 2023-25' row ") }
        // "  'PEEL 2023-25' row 4 heading  a heading: …": the kind follows the row number; blank runs come last.
        #expect(
            layout.map { $0.split(separator: " ", omittingEmptySubsequences: true)[4] } == [
                "heading", "action", "totals", "key", "key", "blank",
            ])
        #expect(out.contains("'PEEL 2023-25' row 8: blank"))
        // A blank cell is never offered as a profile entry.
        #expect(!out.split(separator: "\n").contains { $0.contains("(blank)") && $0.contains("profile") })
    }

    @Test func inspectTellsAPortalExportBehindACoverSheet() throws {
        let dir = try Paths.scratch()
        let path = dir.appendingPathComponent("portal.xlsx").path
        let book = try WorkbookWriter(
            path: path, properties: DocumentProperties(created: CalendarDate(year: 2026, month: 11, day: 1)))
        try book.addSheet(named: "Cover").write(row: 1, column: 0, "HMICFRS monitoring portal export")
        let export = try book.addSheet(named: "Export")
        for (c, title) in ["Force", "Recommendation ID", "Report", "Type", "Recommendation Text", "Status"].enumerated()
        {
            try export.write(row: 1, column: c, title)
        }
        try book.close()
        let result = try run(["inspect", path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("Read as: the portal"))
        #expect(result.stdout.contains("Sheet: Export"))
    }
}
