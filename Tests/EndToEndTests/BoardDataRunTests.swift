import Foundation
import Spreadsheet
import Testing

/// What the board types into its workbook survives the next run: a rerun for the same month after edits made in
/// openpyxl or LibreOffice, a copy the board saved beside it, notes on the Changes sheet or under a renamed column,
/// a finding that resolves and recurs, rows the board added; and another force's workbook is not taken as previous.
@Suite struct BoardDataRunTests {
    static let python = URL(fileURLWithPath: "/usr/bin/python3")

    /// Edits a workbook as a board member would, with openpyxl: `edits` are [sheet, id, {title: text}] (the row
    /// whose ID is `id`; an empty id adds a row at the bottom), `rename` is [sheet, old title, new title]. Saves to
    /// `target` (the same file by default).
    static let editScript = """
        import json, sys
        import openpyxl
        spec = json.loads(sys.argv[1])
        book = openpyxl.load_workbook(spec["source"])
        def header(sheet):
            return next(r for r in range(1, 10) if sheet.cell(r, 1).value == "ID" or sheet.cell(r, 2).value == "ID")
        def columns(sheet, r):
            return {sheet.cell(r, c).value: c for c in range(1, sheet.max_column + 1) if sheet.cell(r, c).value}
        for name, old, new in spec.get("rename", []):
            sheet = book[name]
            r = header(sheet)
            sheet.cell(r, columns(sheet, r)[old]).value = new
        for name, item, cells in spec.get("edits", []):
            sheet = book[name]
            r = header(sheet)
            col = columns(sheet, r)
            if item:
                row = next(x for x in range(r + 1, sheet.max_row + 1) if sheet.cell(x, col["ID"]).value == item)
            else:
                row = sheet.max_row + 1
            for title, value in cells.items():
                sheet.cell(row, col[title]).value = value
        book.save(spec.get("target", spec["source"]))
        """

    func requireOpenpyxl() throws {
        let probe = try runProgram(Self.python, ["-c", "import openpyxl"])
        try #require(probe.status == 0, "openpyxl is needed: apt-get install python3-openpyxl")
    }

    /// Edits `file` in `dir` with `editScript`.
    func edit(_ file: String, in dir: URL, _ spec: [String: Any]) throws {
        var spec = spec
        spec["source"] = dir.appendingPathComponent(file).path
        if let target = spec["target"] as? String { spec["target"] = dir.appendingPathComponent(target).path }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: spec), as: UTF8.self)
        let result = try runProgram(Self.python, ["-c", Self.editScript, json], in: dir)
        try #require(result.status == 0, "\(result.stderr)")
    }

    /// Runs `reconcile` on the samples into `out/` of `dir`, as at `asOf`.
    func reconcile(
        _ dir: URL, asOf: String = "2026-11-30", register: String = Paths.sample("register.csv"),
        portal: String = Paths.sample("portal.csv"), extra: [String] = []
    ) throws -> CommandResult {
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        return try run(
            [
                "reconcile", "--register", register, "--portal", portal, "--output-dir", "out", "--as-of", asOf,
            ] + extra, in: dir)
    }

    /// The rows of `sheet` below its header row (the row with an ID column), by title.
    func table(_ path: String, _ sheet: String) throws -> [[String: String]] {
        let document = try SpreadsheetFile.open(path: path)
        let index = try #require(document.sheets.firstIndex { $0.name == sheet }, "no sheet \(sheet) in \(path)")
        var titles: [Int: String]?
        var rows: [[String: String]] = []
        for row in try document.rows(inSheet: index) {
            let texts = row.cells.map { $0?.text ?? "" }
            guard let known = titles else {
                if texts.contains("ID") {
                    titles = Dictionary(uniqueKeysWithValues: texts.enumerated().map { ($0.offset, $0.element) })
                }
                continue
            }
            var cells: [String: String] = [:]
            for (c, text) in texts.enumerated() where !text.isEmpty { cells[known[c] ?? "?"] = text }
            rows.append(cells)
        }
        return rows
    }

    /// The row of `id` on `sheet`.
    func row(_ path: String, _ sheet: String, _ id: String) throws -> [String: String]? {
        try table(path, sheet).first { $0["ID"] == id }
    }

    /// The Run sheet's value for `label`.
    func runSheet(_ path: String, _ label: String) throws -> [String] {
        let document = try SpreadsheetFile.open(path: path)
        let index = try #require(document.sheets.firstIndex { $0.name == "Run" })
        return try document.rows(inSheet: index).filter { $0.cells.first??.text == label }
            .map { $0.cells.count > 1 ? $0.cells[1]?.text ?? "" : "" }
    }

    @Test func aRerunForTheSameMonthCarriesWhatTheBoardTypedWithOpenpyxl() throws {
        try requireOpenpyxl()
        let dir = try Paths.scratch()
        #expect(try reconcile(dir).status == 0)
        let book = dir.appendingPathComponent("out/reconciliation-2026-11-30.xlsx").path
        let ids = try table(book, "Discrepancies").compactMap { $0["ID"] }
        try #require(ids.count > 3)
        try edit(
            "out/reconciliation-2026-11-30.xlsx", in: dir,
            [
                "edits": [
                    [
                        "Discrepancies", ids[0],
                        [
                            "Board decision": "Request closure", "Owner": "DCI Moss",
                            "Board notes": "Chased the FLL on 2 December",
                        ],
                    ],
                    ["Discrepancies", ids[2], ["Board notes": "Register to be corrected"]],
                ]
            ])
        let rerun = try reconcile(dir)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stderr.contains("board columns from out/reconciliation-2026-11-30.xlsx"), "\(rerun.stderr)")
        let first = try row(book, "Discrepancies", ids[0])
        #expect(first?["Board decision"] == "Request closure")
        #expect(first?["Owner"] == "DCI Moss")
        #expect(first?["Board notes"] == "Chased the FLL on 2 December")
        #expect(try row(book, "Discrepancies", ids[2])?["Board notes"] == "Register to be corrected")
        #expect(try runSheet(book, "Board columns from") == ["out/reconciliation-2026-11-30.xlsx"])
        // A third run carries them again: nothing is lost by running twice.
        #expect(try reconcile(dir).status == 0)
        #expect(try row(book, "Discrepancies", ids[0])?["Board notes"] == "Chased the FLL on 2 December")
    }

    @Test func theBoardsCopyBesideTheWorkbookIsCarriedAndNamed() throws {
        try requireOpenpyxl()
        let dir = try Paths.scratch()
        #expect(try reconcile(dir).status == 0)
        let book = dir.appendingPathComponent("out/reconciliation-2026-11-30.xlsx").path
        let ids = try table(book, "Discrepancies").compactMap { $0["ID"] }
        let copy = "out/reconciliation-2026-11-30 (board edits).xlsx"
        try edit(
            "out/reconciliation-2026-11-30.xlsx", in: dir,
            [
                "target": copy,
                "edits": [["Discrepancies", ids[1], ["Owner": "Supt Vimes", "Board notes": "Typed in the copy"]]],
            ])
        let rerun = try reconcile(dir)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(
            rerun.stderr.contains("board columns from \(copy), out/reconciliation-2026-11-30.xlsx"), "\(rerun.stderr)")
        #expect(try row(book, "Discrepancies", ids[1])?["Board notes"] == "Typed in the copy")
        #expect(try row(book, "Discrepancies", ids[1])?["Owner"] == "Supt Vimes")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(copy).path), "the copy is left alone")
    }

    @Test func theJSONResultIsNeverWrittenOverABoardsCopy() throws {
        let dir = try Paths.scratch()
        #expect(try reconcile(dir, asOf: "2026-10-31").status == 0)
        #expect(try reconcile(dir).status == 0)
        let out = dir.appendingPathComponent("out")
        for (source, copy) in [
            ("reconciliation-2026-11-30.xlsx", "reconciliation-2026-11-30 (board edits).xlsx"),
            ("reconciliation-2026-10-31.xlsx", "October board.xlsx"),
        ] {
            try FileManager.default.copyItem(
                at: out.appendingPathComponent(source), to: out.appendingPathComponent(copy))
            let before = try Data(contentsOf: out.appendingPathComponent(copy))
            let refused = try reconcile(dir, extra: ["--json", "out/\(copy)"])
            #expect(refused.status == 64, "\(copy): \(refused.stderr)")
            #expect(refused.stderr.contains("the board's copy"), "\(refused.stderr)")
            #expect(try Data(contentsOf: out.appendingPathComponent(copy)) == before)
        }
        // The workbook itself, however the previous workbook's folder is written, is no copy.
        let rerun = try reconcile(dir, extra: ["--previous", "./out/../out/reconciliation-2026-10-31.xlsx"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
    }

    @Test func aBoardsCopyThatCannotBeReadIsNamedNotSilentlyPassedOver() throws {
        try requireOpenpyxl()
        let dir = try Paths.scratch()
        #expect(try reconcile(dir).status == 0)
        let book = dir.appendingPathComponent("out/reconciliation-2026-11-30.xlsx").path
        let id = try #require(try table(book, "Discrepancies").first?["ID"])
        try edit(
            "out/reconciliation-2026-11-30.xlsx", in: dir,
            [
                "target": "out/November board.xlsx",
                "edits": [["Discrepancies", id, ["Board notes": "Typed only into the copy"]]],
            ])
        let rename =
            "import openpyxl, sys; b = openpyxl.load_workbook(sys.argv[1]); "
            + "b['Discrepancies'].title = 'Discrepancies Nov'; b.save(sys.argv[1])"
        let renamed = try runProgram(Self.python, ["-c", rename, "out/November board.xlsx"], in: dir)
        try #require(renamed.status == 0, "\(renamed.stderr)")
        let rerun = try reconcile(dir)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(
            rerun.stderr.contains("out/November board.xlsx") && rerun.stderr.contains("passed over as a board copy"),
            "\(rerun.stderr)")
        #expect(try runSheet(book, "Warning").contains { $0.contains("out/November board.xlsx") })
    }

    @Test func theBoardsCopyOfLastMonthsWorkbookIsCarriedToThisMonth() throws {
        try requireOpenpyxl()
        let dir = try Paths.scratch()
        #expect(try reconcile(dir, asOf: "2026-10-31").status == 0)
        let october = "out/reconciliation-2026-10-31.xlsx"
        let ids = try table(dir.appendingPathComponent(october).path, "Discrepancies").compactMap { $0["ID"] }
        let copy = "out/reconciliation-2026-10-31 (board edits).xlsx"
        try edit(
            october, in: dir,
            ["target": copy, "edits": [["Discrepancies", ids[0], ["Board notes": "Only in the copy"]]]])
        let november = try reconcile(dir)
        #expect(november.status == 0, "\(november.stderr)")
        #expect(november.stderr.contains("board columns from \(copy), \(october)"), "\(november.stderr)")
        let book = dir.appendingPathComponent("out/reconciliation-2026-11-30.xlsx").path
        #expect(try row(book, "Discrepancies", ids[0])?["Board notes"] == "Only in the copy")
        #expect(
            try runSheet(book, "Previous workbook").first?.hasPrefix(october) == true, "the previous run is unchanged")
    }

    @Test func twoFilesThatDisagreeKeepBothTextsAndSaySo() throws {
        try requireOpenpyxl()
        let dir = try Paths.scratch()
        #expect(try reconcile(dir).status == 0)
        let book = dir.appendingPathComponent("out/reconciliation-2026-11-30.xlsx").path
        let id = try #require(try table(book, "Discrepancies").first?["ID"])
        try edit(
            "out/reconciliation-2026-11-30.xlsx", in: dir,
            ["target": "out/November board.xlsx", "edits": [["Discrepancies", id, ["Board notes": "From the copy"]]]])
        try edit(
            "out/reconciliation-2026-11-30.xlsx", in: dir,
            ["edits": [["Discrepancies", id, ["Board notes": "From the workbook"]]]])
        let rerun = try reconcile(dir)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let notes = try row(book, "Discrepancies", id)?["Board notes"] ?? ""
        #expect(notes.contains("From the copy") && notes.contains("From the workbook"), "\(notes)")
        #expect(rerun.stderr.contains("\(id): the board notes differ between"), "\(rerun.stderr)")
        #expect(rerun.stderr.contains("November board.xlsx"))
    }

    @Test func notesOnTheChangesSheetAndUnderARenamedColumnAreCarried() throws {
        try requireOpenpyxl()
        let dir = try Paths.scratch()
        #expect(try reconcile(dir, asOf: "2026-10-31").status == 0)
        #expect(try reconcile(dir).status == 0)
        let november = "out/reconciliation-2026-11-30.xlsx"
        let changes = try table(dir.appendingPathComponent(november).path, "Changes")
        let continuing = try #require(changes.first { $0["Change"] == "Continuing" }?["ID"])
        let discrepancies = try table(dir.appendingPathComponent(november).path, "Discrepancies").compactMap {
            $0["ID"]
        }
        let renamed = try #require(discrepancies.first { $0 != continuing })
        try edit(
            november, in: dir,
            [
                "rename": [["Discrepancies", "Board notes", "Board comments"]],
                "edits": [
                    ["Changes", continuing, ["Board notes": "Typed on the Changes sheet"]],
                    ["Discrepancies", renamed, ["Board comments": "Under a renamed column"]],
                ],
            ])
        let december = try reconcile(dir, asOf: "2026-12-31")
        #expect(december.status == 0, "\(december.stderr)")
        let next = dir.appendingPathComponent("out/reconciliation-2026-12-31.xlsx").path
        #expect(try row(next, "Discrepancies", continuing)?["Board notes"] == "Typed on the Changes sheet")
        #expect(try row(next, "Discrepancies", renamed)?["Board notes"] == "Under a renamed column")
    }

    @Test func aMissingBoardColumnIsAWarningNamingTheSheet() throws {
        try requireOpenpyxl()
        let dir = try Paths.scratch()
        #expect(try reconcile(dir, asOf: "2026-10-31").status == 0)
        try edit(
            "out/reconciliation-2026-10-31.xlsx", in: dir, ["rename": [["Discrepancies", "Owner", "Who"]]])
        let result = try reconcile(dir)
        #expect(result.status == 0)
        #expect(result.stderr.contains("sheet 'Discrepancies': no Owner column"), "\(result.stderr)")
    }

    @Test func rowsTheBoardAddedAreKeptOnASheetOfTheirOwn() throws {
        try requireOpenpyxl()
        let dir = try Paths.scratch()
        #expect(try reconcile(dir, asOf: "2026-10-31").status == 0)
        try edit(
            "out/reconciliation-2026-10-31.xlsx", in: dir,
            [
                "edits": [
                    [
                        "Discrepancies", "",
                        [
                            "Description": "Vetting backlog (raised by the ACC)", "Board notes": "Board's own item",
                            "Owner": "ACC Keel",
                        ],
                    ]
                ]
            ])
        #expect(try reconcile(dir).status == 0)
        let november = dir.appendingPathComponent("out/reconciliation-2026-11-30.xlsx").path
        let own = try table(november, "Board's own rows")
        #expect(own.count == 1)
        #expect(own.first?["Board notes"] == "Board's own item" && own.first?["Owner"] == "ACC Keel")
        #expect(own.first?["Other cells"] == "Description: Vetting backlog (raised by the ACC)")
        #expect(own.first?["Found on"] == "Discrepancies")
        // Carried again the month after, once.
        #expect(try reconcile(dir, asOf: "2026-12-31").status == 0)
        let december = dir.appendingPathComponent("out/reconciliation-2026-12-31.xlsx").path
        #expect(try table(december, "Board's own rows").map { $0["Board notes"] } == ["Board's own item"])
    }

    @Test func aRecurringFindingGetsItsNotesBack() throws {
        try requireOpenpyxl()
        let dir = try Paths.scratch()
        #expect(try reconcile(dir, asOf: "2026-10-31").status == 0)
        let october = dir.appendingPathComponent("out/reconciliation-2026-10-31.xlsx").path
        // An overdue finding resolves when the as-of date moves before its target date, and recurs after it.
        let overdue = try #require(try table(october, "Discrepancies").first { $0["Class"] == "overdue" }?["ID"])
        try edit(
            "out/reconciliation-2026-10-31.xlsx", in: dir,
            [
                "edits": [
                    ["Discrepancies", overdue, ["Board notes": "Deadline agreed with the FLL", "Owner": "DI Angua"]]
                ]
            ])
        // November: the finding is gone (a register without it); December: back.
        let register = try String(contentsOfFile: Paths.sample("register.csv"), encoding: .utf8)
        let ref = try #require(try row(october, "Discrepancies", overdue)?["Register ref"])
        let without = register.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).filter {
            !$0.hasPrefix("\(ref),")
        }
        .joined(separator: "\n")
        try #require(without != register, "the register row of \(ref) was not found")
        let trimmed = dir.appendingPathComponent("register-without.csv")
        try without.write(to: trimmed, atomically: true, encoding: .utf8)
        #expect(try reconcile(dir, register: trimmed.path).status == 0)
        let november = dir.appendingPathComponent("out/reconciliation-2026-11-30.xlsx").path
        #expect(try row(november, "Discrepancies", overdue) == nil)
        #expect(try row(november, "Board notes history", overdue)?["Board notes"] == "Deadline agreed with the FLL")
        #expect(try reconcile(dir, asOf: "2026-12-31").status == 0)
        let december = dir.appendingPathComponent("out/reconciliation-2026-12-31.xlsx").path
        let back = try row(december, "Discrepancies", overdue)
        #expect(back?["Board notes"] == "Deadline agreed with the FLL")
        #expect(back?["Owner"] == "DI Angua")
        #expect(back?["First seen"] == "2026-10-31")
    }

    @Test func anotherForcesPreviousWorkbookIsRefusedUnlessAsked() throws {
        let dir = try Paths.scratch()
        let portal = try String(contentsOfFile: Paths.sample("portal.csv"), encoding: .utf8)
        let other = dir.appendingPathComponent("southmoor-portal.csv")
        try portal.replacingOccurrences(of: "Northmoor Police", with: "Southmoor Police")
            .write(to: other, atomically: true, encoding: .utf8)
        #expect(try reconcile(dir, asOf: "2026-10-31", portal: other.path).status == 0)
        let previous = ["--previous", "out/reconciliation-2026-10-31.xlsx"]
        let refused = try reconcile(dir, extra: previous)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("Southmoor Police") && refused.stderr.contains("Northmoor Police"))
        #expect(refused.stderr.contains("--previous-of-another-force"))
        #expect(
            !FileManager.default.fileExists(
                atPath: dir.appendingPathComponent("out/reconciliation-2026-11-30.xlsx").path))
        let accepted = try reconcile(dir, extra: previous + ["--previous-of-another-force"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        // Found in the folder without --previous, it is refused too.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("out/reconciliation-2026-11-30.xlsx"))
        #expect(try reconcile(dir).status == 65)
    }

    @Test func anotherForcesWorkbookOfTheSameDateIsNeverReplaced() throws {
        let dir = try Paths.scratch()
        let portal = try String(contentsOfFile: Paths.sample("portal.csv"), encoding: .utf8)
        let other = dir.appendingPathComponent("southmoor-portal.csv")
        try portal.replacingOccurrences(of: "Northmoor Police", with: "Southmoor Police")
            .write(to: other, atomically: true, encoding: .utf8)
        #expect(try reconcile(dir, portal: other.path).status == 0)
        let workbook = dir.appendingPathComponent("out/reconciliation-2026-11-30.xlsx").path
        let before = try Data(contentsOf: URL(fileURLWithPath: workbook))
        for extra in [[], ["--previous-of-another-force"]] {
            let refused = try reconcile(dir, extra: extra)
            #expect(refused.status == 65)
            #expect(refused.stderr.contains("would replace a workbook of Southmoor Police"), "\(refused.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: workbook)) == before)
        }
    }

    @Test func aWorkbookWithASheetOrColumnTheBoardAddedIsNotReplaced() throws {
        try requireOpenpyxl()
        let dir = try Paths.scratch()
        #expect(try reconcile(dir).status == 0)
        let book = dir.appendingPathComponent("out/reconciliation-2026-11-30.xlsx").path
        let id = try #require(try table(book, "Discrepancies").first?["ID"])
        let addColumn = """
            import openpyxl, sys
            b = openpyxl.load_workbook(sys.argv[1])
            s = b["Discrepancies"]
            r = next(r for r in range(1, 10) if s.cell(r, 1).value == "ID")
            c = s.max_column + 1
            s.cell(r, c).value = "Due date"
            s.cell(r + 1, c).value = "15 December"
            s.cell(r + 1, 19).value = "Chase the FLL"
            b.save(sys.argv[1])
            """
        let added = try runProgram(Self.python, ["-c", addColumn, book], in: dir)
        try #require(added.status == 0, "\(added.stderr)")
        let before = try Data(contentsOf: URL(fileURLWithPath: book))
        let refused = try reconcile(dir)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("column 'Due date' on sheet 'Discrepancies'"), "\(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: book)) == before)
        // Renamed, it is a copy of the board's: never written to, and its board columns still carried.
        let copy = dir.appendingPathComponent("out/November board.xlsx").path
        try FileManager.default.moveItem(atPath: book, toPath: copy)
        let rerun = try reconcile(dir)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try row(book, "Discrepancies", id)?["Board notes"] == "Chase the FLL")
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
        // A sheet of the board's own is kept the same way.
        let addSheet =
            "import openpyxl, sys; b = openpyxl.load_workbook(sys.argv[1]); "
            + "b.create_sheet('Actions')['A1'] = 'Chase list'; b.save(sys.argv[1])"
        #expect(try runProgram(Self.python, ["-c", addSheet, book], in: dir).status == 0)
        let sheetRefused = try reconcile(dir)
        #expect(sheetRefused.status == 65 && sheetRefused.stderr.contains("sheet 'Actions'"), "\(sheetRefused.stderr)")
    }

    @Test func aTypedWorkbookOfAnotherDateAtTheOutputsNameIsNotReplaced() throws {
        try requireOpenpyxl()
        let dir = try Paths.scratch()
        func reconcile(asOf: String) throws -> CommandResult {
            try run(
                [
                    "reconcile", "--register", Paths.sample("register.csv"), "--portal", Paths.sample("portal.csv"),
                    "--output", "board.xlsx", "--as-of", asOf,
                ], in: dir)
        }
        #expect(try reconcile(asOf: "2026-08-31").status == 0)
        // Nothing typed into August's: September's run may replace it.
        #expect(try reconcile(asOf: "2026-09-30").status == 0)
        let book = dir.appendingPathComponent("board.xlsx").path
        // A sheet the board added to September's is not carried either.
        let addSheet =
            "import openpyxl, sys; b = openpyxl.load_workbook(sys.argv[1]); "
            + "b.create_sheet('Actions')['A1'] = 'Chase list'; b.save(sys.argv[1])"
        #expect(try runProgram(Self.python, ["-c", addSheet, book], in: dir).status == 0)
        let sheetRefused = try reconcile(asOf: "2026-10-31")
        #expect(sheetRefused.status == 65 && sheetRefused.stderr.contains("2026-09-30"), "\(sheetRefused.stderr)")
        try FileManager.default.removeItem(atPath: book)
        #expect(try reconcile(asOf: "2026-10-31").status == 0)
        let id = try #require(try table(book, "Discrepancies").first?["ID"])
        try edit("board.xlsx", in: dir, ["edits": [["Discrepancies", id, ["Board notes": "Chased on 4 November"]]]])
        let before = try Data(contentsOf: URL(fileURLWithPath: book))
        let refused = try reconcile(asOf: "2026-11-30")
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("board.xlsx") && refused.stderr.contains("2026-10-31"), "\(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: book)) == before)
    }

    static let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// A Basic macro that opens a board workbook in LibreOffice, types a decision, an owner and notes into the first
    /// row of its Discrepancies sheet (columns Q, R, S) and saves it as Excel 2007-365.
    static let boardMacro = """
        Sub Edit(source As String, target As String)
          Dim hidden(0) As New com.sun.star.beans.PropertyValue
          hidden(0).Name = "Hidden"
          hidden(0).Value = True
          doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), "_blank", 0, hidden())
          sheet = doc.Sheets.getByName("Discrepancies")
          sheet.getCellRangeByName("Q5").setString("Update register")
          sheet.getCellRangeByName("R5").setString("Insp Carrot")
          sheet.getCellRangeByName("S5").setString("Typed in LibreOffice")
          Dim excel(0) As New com.sun.star.beans.PropertyValue
          excel(0).Name = "FilterName"
          excel(0).Value = "Calc MS Excel 2007 XML"
          doc.storeToURL(ConvertToURL(target), excel())
          doc.close(True)
        End Sub
        """

    /// Runs `boardMacro` on `source` in `dir` in LibreOffice, saving `target`.
    func editInLibreOffice(_ soffice: String, _ source: String, into target: String, in dir: URL) throws {
        try LibreOfficeMacro.run(soffice, Self.boardMacro, sub: "Edit", on: source, into: target, in: dir)
    }

    @Test func aRerunAfterTheBoardEditedTheWorkbookInLibreOfficeCarriesItsColumns() throws {
        let soffice = try #require(
            Self.soffice, "LibreOffice is needed: scripts/install-dependencies --with-libreoffice")
        let dir = try Paths.scratch()
        #expect(try reconcile(dir).status == 0)
        let name = "out/reconciliation-2026-11-30.xlsx"
        let book = dir.appendingPathComponent(name)
        let id = try #require(try table(book.path, "Discrepancies").first?["ID"])
        try editInLibreOffice(soffice, name, into: "edited.xlsx", in: dir)
        // The board saved over the workbook itself: the rerun reads what LibreOffice wrote, then replaces it.
        try FileManager.default.removeItem(at: book)
        try FileManager.default.moveItem(at: dir.appendingPathComponent("edited.xlsx"), to: book)
        let rerun = try reconcile(dir)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let carried = try row(book.path, "Discrepancies", id)
        #expect(carried?["Board decision"] == "Update register")
        #expect(carried?["Owner"] == "Insp Carrot")
        #expect(carried?["Board notes"] == "Typed in LibreOffice")
        #expect(try runSheet(book.path, "Board columns from") == [name])
    }

    @Test func aRerunKeepsTheBoardsDecisionOnAClosureCandidate() throws {
        try requireOpenpyxl()
        let round = UpdateRoundRunTests()
        let dir = try round.requestForms()
        let filled = try round.havelockReturn(dir, target: "returned.xlsx")
        let updates = ["--updates", "returned.xlsx"]
        #expect(try reconcile(dir, extra: updates).status == 0)
        let name = "out/reconciliation-2026-11-30.xlsx"
        let decide = """
            import sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            sheet = book["Closure candidates"]
            titles = [c.value for c in sheet[4]]
            assert sheet.cell(5, 1).value == sys.argv[2], sheet.cell(5, 1).value
            sheet.cell(5, titles.index("Board decision") + 1).value = "Request closure from FLL"
            book.save(sys.argv[1])
            """
        let decided = try runProgram(Self.python, ["-c", decide, name, filled[0]], in: dir)
        try #require(decided.status == 0, "\(decided.stderr)")
        let rerun = try reconcile(dir, extra: updates)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let candidates = try SpreadsheetFile.open(path: dir.appendingPathComponent(name).path)
        let index = try #require(candidates.sheets.firstIndex { $0.name == "Closure candidates" })
        let rows = try candidates.rows(inSheet: index)
        let header = try #require(rows.first { $0.cells.contains { $0?.text == "Board decision" } })
        let column = try #require(header.cells.firstIndex { $0?.text == "Board decision" })
        let candidate = try #require(rows.first { $0.cells.first??.text == filled[0] })
        #expect(candidate.cells[column]?.text == "Request closure from FLL")
        // Without the month's forms the item is no closure candidate, and the decision would have nowhere to go.
        let before = try Data(contentsOf: dir.appendingPathComponent(name))
        let withoutForms = try reconcile(dir)
        #expect(withoutForms.status == 65, "\(withoutForms.stderr)")
        #expect(
            withoutForms.stderr.contains("the closure candidate \(filled[0]) would be lost"), "\(withoutForms.stderr)")
        #expect(try Data(contentsOf: dir.appendingPathComponent(name)) == before)
    }
}
