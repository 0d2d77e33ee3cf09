import Foundation
import Spreadsheet
import Testing

/// The board's workbook as a real client reads it: LibreOffice converts every sheet to CSV, and what it reads
/// back is what a board member sees. Also: identical bytes, --previous, and a golden of the sample workbook.
@Suite struct WorkbookRunTests {
    static let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let asOf = "2026-11-30"

    /// Copies the samples into a new folder, so that the command line (recorded on the Run sheet) is the same everywhere.
    func sampleFolder() throws -> URL {
        let dir = try Paths.scratch()
        for name in ["register.csv", "portal.csv"] {
            try FileManager.default.copyItem(atPath: Paths.sample(name), toPath: dir.appendingPathComponent(name).path)
        }
        return dir
    }

    func reconcile(_ dir: URL, output: String = "board.xlsx", asOf: String = asOf, extra: [String] = []) throws
        -> CommandResult
    {
        try run(
            [
                "reconcile", "--register", "register.csv", "--portal", "portal.csv", "--output", output, "--as-of",
                asOf, "-q",
            ] + extra, in: dir)
    }

    /// Every sheet of `workbook` as LibreOffice exports it to CSV, by sheet name.
    func libreOfficeSheets(_ workbook: String, in dir: URL) throws -> [String: [[String]]] {
        let soffice = try #require(
            Self.soffice, "LibreOffice is needed: scripts/install-dependencies --with-libreoffice")
        let out = dir.appendingPathComponent("lo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        // Token 12 = -1 exports each sheet to NAME-Sheet.csv (LibreOffice 7.2 and later); a profile of its own per run.
        let convert = try runProgram(
            URL(fileURLWithPath: soffice),
            [
                "-env:UserInstallation=file://\(dir.appendingPathComponent("lo-profile-\(UUID().uuidString)").path)",
                "--headless",
                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                "--outdir", out.path, workbook,
            ], in: dir)
        #expect(convert.status == 0, "soffice: \(convert.stderr)")
        #expect(!convert.stderr.lowercased().contains("repair"), "\(convert.stderr)")
        let stem = (workbook as NSString).lastPathComponent.replacingOccurrences(of: ".xlsx", with: "")
        var sheets: [String: [[String]]] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: out.path)
        where file.hasPrefix(stem + "-") && file.hasSuffix(".csv") {
            let name = String(file.dropFirst(stem.count + 1).dropLast(4))
            let document = try SpreadsheetFile.open(path: out.appendingPathComponent(file).path)
            sheets[name] = try document.rows(inSheet: 0).map { $0.cells.map { $0?.text ?? "" } }
        }
        return sheets
    }

    func row(_ rows: [[String]]?, _ label: String, column: Int = 0) -> [String]? {
        rows?.first { $0.count > column && $0[column] == label }
    }

    /// Rows below the header row holding `title`, as dictionaries by header.
    func table(_ rows: [[String]]?, header title: String) -> [[String: String]] {
        guard let rows, let h = rows.firstIndex(where: { $0.contains(title) }) else { return [] }
        return rows[(h + 1)...].map { cells in
            var out: [String: String] = [:]
            for (i, name) in rows[h].enumerated() where !name.isEmpty { out[name] = i < cells.count ? cells[i] : "" }
            return out
        }
    }

    @Test func libreOfficeReadsEverySheetOfTheSampleWorkbook() throws {
        let dir = try sampleFolder()
        #expect(try reconcile(dir).status == 0)
        let sheets = try libreOfficeSheets(dir.appendingPathComponent("board.xlsx").path, in: dir)
        #expect(
            Set(sheets.keys) == [
                "Summary", "Discrepancies", "PEEL framework", "Matched", "Register", "Portal", "Run history", "Run",
            ])

        let summary = sheets["Summary"]
        #expect(
            row(summary, "Total on Force register").map { Array($0.prefix(4)) } == [
                "Total on Force register", "21 (2)", "141 (14)", "29 (5)",
            ])
        #expect(
            row(summary, "Total on HMIC monitoring portal").map { Array($0.prefix(4)) } == [
                "Total on HMIC monitoring portal", "20", "131", "24",
            ])
        #expect(row(summary, "Local PEEL") != nil && row(summary, "Other national thematic inspections") != nil)
        #expect(
            summary?.contains {
                $0.first == "Note: Figures in brackets denote records which do not appear on the HMIC monitoring portal"
            } == true)

        let discrepancies = table(sheets["Discrepancies"], header: "Board notes")
        #expect(discrepancies.count == 41)
        #expect(discrepancies.first?["Severity"] == "high" && discrepancies.last?["Severity"] == "info")
        #expect(discrepancies.allSatisfy { ["11/30/2026", "30/11/2026"].contains($0["First seen"] ?? "") })
        #expect(discrepancies.allSatisfy { ($0["ID"] ?? "").count == 12 && !($0["Suggested action"] ?? "").isEmpty })

        let register = table(sheets["Register"], header: "Reference")
        let portal = table(sheets["Portal"], header: "Reference")
        let registerLines = try String(contentsOfFile: dir.appendingPathComponent("register.csv").path, encoding: .utf8)
        #expect(register.count >= 226 && portal.count == 209)
        #expect(Set(register.map { $0["Row"] ?? "" }).count == register.count)  // each row read, once
        #expect(register.contains { registerLines.contains($0["Reference"] ?? "\u{0}") })
        #expect(table(sheets["Matched"], header: "Register ref").count == 209)

        let peel = table(sheets["PEEL framework"], header: "Question area")
        #expect(peel.prefix(12).map { $0["No."] } == (1...12).map(String.init))
        #expect(table(sheets["Run history"], header: "As at").count == 1)
        #expect(row(sheets["Run"], "Tool")?[1].hasPrefix("hmic-reconcile ") == true)
        #expect(row(sheets["Run"], "Register SHA-256")?[1].count == 64)
    }

    @Test func twoRunsWithTheSameInputsGiveIdenticalBytes() throws {
        let a = try sampleFolder()
        let b = try sampleFolder()
        #expect(try reconcile(a).status == 0)
        #expect(try reconcile(b).status == 0)
        let bytes = try Data(contentsOf: a.appendingPathComponent("board.xlsx"))
        #expect(bytes == (try Data(contentsOf: b.appendingPathComponent("board.xlsx"))))
    }

    @Test func previousCarriesBoardNotesEditedInAnotherCopy() throws {
        let dir = try sampleFolder()
        #expect(try reconcile(dir, output: "october.xlsx", asOf: "2026-10-31").status == 0)
        // The board's copy, as another client saves it: rows re-sorted, columns moved, notes and decisions typed.
        let october = try SpreadsheetFile.open(path: dir.appendingPathComponent("october.xlsx").path)
        let rows = try october.rows(inSheet: october.sheetIndex(named: "Discrepancies")).map {
            $0.cells.map { $0?.text ?? "" }
        }
        let header = rows.firstIndex { $0.contains("Board notes") }!
        let ids = rows[(header + 1)...].map { $0[0] }
        let edited = dir.appendingPathComponent("october-edited.xlsx").path
        let book = try WorkbookWriter(
            path: edited, properties: DocumentProperties(created: CalendarDate(year: 2026, month: 10, day: 31)))
        let sheet = try book.addSheet(named: "Discrepancies")
        for (c, title) in ["Board notes", "Owner", "Board decision", "ID", "First seen"].enumerated() {
            try sheet.write(row: 1, column: c, title)
        }
        for (i, id) in ids.reversed().enumerated() {
            try sheet.write(row: 2 + i, column: 0, "Board note on \(id)")
            try sheet.write(row: 2 + i, column: 1, "DCC")
            try sheet.write(row: 2 + i, column: 2, "Update register")
            try sheet.write(row: 2 + i, column: 3, id)
            try sheet.write(row: 2 + i, column: 4, CalendarDate(year: 2026, month: 10, day: 31))
        }
        let runSheet = try book.addSheet(named: "Run")
        try runSheet.write(row: 1, column: 0, "Tool")
        try runSheet.write(row: 1, column: 1, "hmic-reconcile 0.1.0")
        try book.close()

        let result = try reconcile(dir, extra: ["--previous", "october-edited.xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        let sheets = try libreOfficeSheets(dir.appendingPathComponent("board.xlsx").path, in: dir)
        let discrepancies = table(sheets["Discrepancies"], header: "Board notes")
        let carried = discrepancies.filter { ids.contains($0["ID"] ?? "") }
        #expect(!carried.isEmpty && carried.count == ids.count)
        #expect(
            carried.allSatisfy {
                $0["Board notes"] == "Board note on \($0["ID"]!)" && $0["Owner"] == "DCC"
                    && $0["Board decision"] == "Update register"
            })
        #expect(carried.allSatisfy { ["10/31/2026", "31/10/2026"].contains($0["First seen"] ?? "") })
        let changes = table(sheets["Changes"], header: "Change")
        #expect(changes.filter { $0["Change"] == "Continuing" }.count == ids.count)
    }

    /// The board's copy as openpyxl (Debian's python3-openpyxl) saves it after notes were typed into it.
    @Test func previousCarriesBoardNotesEditedWithOpenpyxl() throws {
        let python = URL(fileURLWithPath: "/usr/bin/python3")
        let probe = try runProgram(python, ["-c", "import openpyxl"])
        try #require(
            probe.status == 0,
            "openpyxl is needed: apt-get install python3-openpyxl (scripts/install-dependencies does)")
        let dir = try sampleFolder()
        #expect(try reconcile(dir, output: "october.xlsx", asOf: "2026-10-31").status == 0)
        let script = """
            import openpyxl
            book = openpyxl.load_workbook("october.xlsx")
            sheet = book["Discrepancies"]
            header = next(r for r in range(1, 20) if any(c.value == "Board notes" for c in sheet[r]))
            col = {c.value: c.column for c in sheet[header] if c.value}
            edited = 0
            for r in range(header + 1, sheet.max_row + 1):
                ident = sheet.cell(r, col["ID"]).value
                if not ident:
                    continue
                sheet.cell(r, col["Board notes"]).value = "openpyxl note on " + ident
                sheet.cell(r, col["Owner"]).value = "Head of Corporate Services"
                sheet.cell(r, col["Board decision"]).value = "Request closure"
                edited += 1
            book.save("october-openpyxl.xlsx")
            print(edited)
            """
        let edit = try runProgram(python, ["-c", script], in: dir)
        #expect(edit.status == 0, "\(edit.stderr)")
        let edited = Int(edit.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(edited > 10)

        let result = try reconcile(dir, extra: ["--previous", "october-openpyxl.xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        let book = try SpreadsheetFile.open(path: dir.appendingPathComponent("board.xlsx").path)
        let rows = try book.rows(inSheet: book.sheetIndex(named: "Discrepancies")).map {
            $0.cells.map { $0?.text ?? "" }
        }
        let header = try #require(rows.firstIndex { $0.contains("Board notes") })
        let column = Dictionary(rows[header].enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        func cell(_ row: [String], _ title: String) -> String {
            guard let c = column[title], c < row.count else { return "" }
            return row[c]
        }
        let body = rows[(header + 1)...].filter { !cell($0, "ID").isEmpty }
        let carried = body.filter { cell($0, "Board notes") == "openpyxl note on \(cell($0, "ID"))" }
        #expect(carried.count == edited)
        #expect(
            carried.allSatisfy {
                cell($0, "Owner") == "Head of Corporate Services" && cell($0, "Board decision") == "Request closure"
            })
    }

    @Test func aPreviousFileThisToolDidNotWriteIsRefused() throws {
        let dir = try sampleFolder()
        let result = try reconcile(dir, extra: ["--previous", Paths.sample("register.xlsx")])
        #expect(result.status == 65)
        #expect(
            result.stderr.contains("register.xlsx")
                && result.stderr.contains("not a workbook written by hmic-reconcile"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("board.xlsx").path))
    }

    /// Pins the sample workbook part by part. After an intended change to the workbook, regenerate with
    /// `HMIC_UPDATE_GOLDEN=1 swift test --filter WorkbookRunTests/goldenSampleWorkbook` and review the diff.
    @Test func goldenSampleWorkbook() throws {
        let dir = try sampleFolder()
        #expect(try reconcile(dir).status == 0)
        let workbook = dir.appendingPathComponent("board.xlsx").path
        let listing = try runProgram(URL(fileURLWithPath: "/usr/bin/unzip"), ["-Z1", workbook]).stdout
        var lines: [String] = []
        for part in listing.split(separator: "\n").map(String.init).sorted() {
            // unzip reads names as wildcards: "[" must be given as "[[]".
            let pattern = part.replacingOccurrences(of: "[", with: "[[]")
            let bytes = try runProgram(URL(fileURLWithPath: "/usr/bin/unzip"), ["-p", workbook, pattern]).stdoutData
            #expect(!bytes.isEmpty, "\(part) is empty or was not extracted")
            let file = dir.appendingPathComponent("part")
            try bytes.write(to: file)
            let hash = try runProgram(URL(fileURLWithPath: "/usr/bin/sha256sum"), [file.path]).stdout.prefix(64)
            lines.append("\(hash)  \(bytes.count)  \(part)")
        }
        let actual = lines.joined(separator: "\n") + "\n"
        let golden = Paths.packageRoot.appendingPathComponent("Tests/EndToEndTests/Golden/sample-workbook.parts")
        if ProcessInfo.processInfo.environment["HMIC_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(
            actual == expected,
            "the sample workbook changed; if intended, regenerate the golden (see this test's comment)")
    }
}
