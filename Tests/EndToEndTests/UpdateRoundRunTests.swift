import Foundation
import Spreadsheet
import Testing

/// The delivery leads' update round end to end (rules §9): `requests` writes the forms, another program fills them
/// in as a lead would (openpyxl; LibreOffice saving them), and `reconcile --updates` reads them back.
@Suite struct UpdateRoundRunTests {
    static let python = URL(fileURLWithPath: "/usr/bin/python3")
    static let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Fills a form as a lead would, with openpyxl: `fills` maps an item's row (0-based among the items, in the
    /// form's order) to the cells the lead types; the form can also be re-sorted, lose an item row, gain a column
    /// of the lead's own and rows the lead added (`foreign`: ID and cells). Prints the IDs of the filled rows, in
    /// the order of `fills` (by row) then `foreign`.
    static let fillScript = """
        import datetime, json, sys
        import openpyxl
        spec = json.loads(sys.argv[1])
        book = openpyxl.load_workbook(spec["source"])
        sheet = book["Update"]
        header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "ID")
        items = []
        for r in range(header + 1, sheet.max_row + 1):
            if sheet.cell(r, 1).value:
                items.append([sheet.cell(r, c).value for c in range(1, sheet.max_column + 1)])
        titles = [sheet.cell(header, c).value for c in range(1, sheet.max_column + 1)]
        col = {t: i for i, t in enumerate(titles)}
        filled = []
        for index, cells in sorted(spec.get("fills", {}).items(), key=lambda pair: int(pair[0])):
            row = items[int(index)]
            for title, value in cells.items():
                if title == "Expected completion" and value and value[0].isdigit() and len(value) == 10 and value[4] == "-":
                    value = datetime.datetime.strptime(value, "%Y-%m-%d")
                row[col[title]] = value
            filled.append(row[0])
        for item_id, cells in spec.get("foreign", []):
            row = [None] * len(titles)
            row[0] = item_id
            for title, value in cells.items():
                row[col[title]] = value
            items.append(row)
            filled.append(item_id)
        if spec.get("deleteLast"):
            items.pop(len(items) - 1 - len(spec.get("foreign", [])))
        if spec.get("reverse"):
            items.reverse()
        for r in range(header + 1, sheet.max_row + 1):
            for c in range(1, sheet.max_column + 1):
                sheet.cell(r, c).value = None
        for offset, cells in enumerate(items):
            for c, value in enumerate(cells):
                sheet.cell(header + 1 + offset, c + 1).value = value
        if spec.get("copySheet"):
            book.copy_worksheet(sheet).title = "My copy"
        if spec.get("extraColumn"):
            sheet.insert_cols(1)
            sheet.cell(header, 1).value = "My notes"
        book.save(spec["target"])
        print(json.dumps(filled))
        """

    func requireOpenpyxl() throws {
        let probe = try runProgram(Self.python, ["-c", "import openpyxl"])
        try #require(probe.status == 0, "openpyxl is needed: apt-get install python3-openpyxl")
    }

    /// Runs `requests` on the samples into `forms/` of a new folder, as at `asOf`.
    func requestForms(asOf: String = "2026-11-30", in dir: URL? = nil, extra: [String] = []) throws -> URL {
        let dir = try dir ?? Paths.scratch()
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("forms"), withIntermediateDirectories: true)
        let result = try run(
            [
                "requests", "--register", Paths.sample("register.csv"), "--portal", Paths.sample("portal.csv"),
                "--as-of", asOf, "--output-dir", "forms", "-q",
            ] + extra, in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        return dir
    }

    /// Fills `form` into `target` with the fill script; returns the IDs of the rows filled.
    func fill(_ form: String, into target: String, in dir: URL, _ spec: [String: Any]) throws -> [String] {
        var spec = spec
        spec["source"] = form
        spec["target"] = target
        let json = String(decoding: try JSONSerialization.data(withJSONObject: spec), as: UTF8.self)
        let result = try runProgram(Self.python, ["-c", Self.fillScript, json], in: dir)
        try #require(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode([String].self, from: Data(result.stdout.utf8))
    }

    /// Runs `reconcile` on the samples with `--updates`, writing board.xlsx and result.json.
    func reconcile(
        _ dir: URL, updates: [String], asOf: String = "2026-11-30", register: String = Paths.sample("register.csv"),
        extra: [String] = []
    ) throws -> (CommandResult, [String: Any]) {
        let result = try run(
            [
                "reconcile", "--register", register, "--portal", Paths.sample("portal.csv"),
                "--output", "board.xlsx", "--as-of", asOf, "--json", "result.json",
            ] + (updates.isEmpty ? [] : ["--updates"] + updates) + extra, in: dir)
        let data = (try? Data(contentsOf: dir.appendingPathComponent("result.json"))) ?? Data("{}".utf8)
        return (result, (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:])
    }

    /// The live register rows' delivery leads (else Force leads) as the sample CSV has them, read by Python's csv
    /// module: an account of the forms independent of the tool's reader.
    func sampleLeads() throws -> [String: Int] {
        let script = """
            import csv, json, sys
            rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
            header = next(i for i, r in enumerate(rows) if "Ref" in r)
            col = {t: i for i, t in enumerate(rows[header])}
            live = ("closed", "complete", "completed", "signed off", "superseded", "withdrawn", "closed by fll",
                    "awaiting central sign-off", "closed by fll - awaiting central sign-off", "fll closed")
            leads = {}
            for r in rows[header + 1:]:
                if r[col["Status"]].strip().lower() in live:
                    continue
                lead = r[col["Delivery Lead"]].strip() or r[col["Force Lead"]].strip() or "unassigned"
                leads[lead] = leads.get(lead, 0) + 1
            print(json.dumps(leads))
            """
        let result = try runProgram(Self.python, ["-c", script, Paths.sample("register.csv")])
        try #require(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode([String: Int].self, from: Data(result.stdout.utf8))
    }

    /// Each form's lead and item count, read with openpyxl from its Instructions sheet and Update sheet.
    func formsWritten(in folder: URL) throws -> [String: Int] {
        let script = """
            import json, os, sys
            import openpyxl
            out = {}
            for name in sorted(os.listdir(sys.argv[1])):
                book = openpyxl.load_workbook(os.path.join(sys.argv[1], name))
                about = {r[0]: r[1] for r in book["Instructions"].iter_rows(values_only=True) if r[0]}
                sheet = book["Update"]
                items = sum(1 for r in sheet.iter_rows(min_row=5, values_only=True) if r[0])
                assert about["Items"] == str(items), name
                out[about["Delivery lead"]] = items
            print(json.dumps(out))
            """
        let result = try runProgram(Self.python, ["-c", script, folder.path])
        try #require(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode([String: Int].self, from: Data(result.stdout.utf8))
    }

    func updates(_ json: [String: Any]) -> [[String: Any]] { json["updates"] as? [[String: Any]] ?? [] }

    func update(_ json: [String: Any], _ itemID: String) -> [String: Any]? {
        updates(json).first { $0["itemId"] as? String == itemID && $0["carried"] as? Bool == false }
    }

    func problems(_ update: [String: Any]?) -> [String] { update?["problems"] as? [String] ?? [] }

    @Test func requestsWritesAFormPerLeadWithTheirLiveItems() throws {
        try requireOpenpyxl()
        let dir = try requestForms()
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("forms").path)
        #expect(names.allSatisfy { $0.hasPrefix("update-request-") && $0.hasSuffix("-2026-11-30.xlsx") })
        #expect(names.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-.".contains($0)) } })
        #expect(names.contains("update-request-det-supt-h-achterberg-2026-11-30.xlsx"))
        let expected = try sampleLeads()
        #expect(names.count == expected.count)
        #expect(try formsWritten(in: dir.appendingPathComponent("forms")) == expected)
    }

    @Test func requestsForOneLeadWritesOneForm() throws {
        let dir = try requestForms(extra: ["--lead", "supt r. HAVELOCK"])
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("forms").path)
        #expect(names == ["update-request-supt-r-havelock-2026-11-30.xlsx"])
        let unknown = try run(
            [
                "requests", "--register", Paths.sample("register.csv"), "--as-of", "2026-11-30", "--output-dir",
                "forms", "--lead", "Nobody",
            ], in: dir)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no live items have the lead 'Nobody'") && unknown.stderr.contains("Havelock"))
        let missing = try run(
            ["requests", "--register", Paths.sample("register.csv"), "--as-of", "2026-11-30", "--output-dir", "none"],
            in: dir)
        #expect(missing.status == 73 && missing.stderr.contains("does not exist"))
    }

    /// The form as Supt R. Havelock fills it in openpyxl: re-sorted, a column of his own, one row deleted, an
    /// update on another lead's item and one without an ID, closure proposed with and without evidence.
    func havelockReturn(_ dir: URL, target: String) throws -> [String] {
        let form = "forms/update-request-supt-r-havelock-2026-11-30.xlsx"
        let withEvidence: [String: Any] = [
            "Current position": "Complete", "What has been done": "Call handling review delivered",
            "Impact": "Answer times within target since August", "Evidence": "Call handling policy v3; audit Oct 2026",
            "Expected completion": "2027-01-31", "Propose closure": "Yes",
        ]
        let withoutEvidence: [String: Any] = [
            "Current position": "Complete", "What has been done": "Done", "Propose closure": "Yes",
        ]
        let late: [String: Any] = [
            "Current position": "At risk", "What has been done": "Delayed by recruitment",
            "Expected completion": "2026-06-30", "Propose closure": "No",
        ]
        return try fill(
            form, into: target, in: dir,
            [
                "fills": ["0": withEvidence, "1": withoutEvidence, "2": late],
                "foreign": [
                    [achterbergItem(dir), ["Current position": "On track", "What has been done": "Not mine"]],
                    ["", ["Current position": "On track", "What has been done": "A row I added"]],
                ],
                "reverse": true, "deleteLast": true, "extraColumn": true,
            ])
    }

    /// The ID of the first item on Det Supt H. Achterberg's form.
    func achterbergItem(_ dir: URL) throws -> String {
        let script = """
            import openpyxl
            sheet = openpyxl.load_workbook("forms/update-request-det-supt-h-achterberg-2026-11-30.xlsx")["Update"]
            print(sheet.cell(5, 1).value)
            """
        let result = try runProgram(Self.python, ["-c", script], in: dir)
        try #require(result.status == 0, "\(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aFormFilledWithOpenpyxlGivesTheUpdatesAndTheCandidates() throws {
        try requireOpenpyxl()
        let dir = try requestForms()
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("returned"), withIntermediateDirectories: true)
        let filled = try havelockReturn(dir, target: "returned/Havelock final v2.xlsx")
        let (result, json) = try reconcile(dir, updates: ["returned"])
        #expect(result.status == 0, "\(result.stderr)")
        try checkHavelock(json, filled: filled)
        // Every filled row is an update; all but the one with evidence have a problem.
        #expect(
            result.stderr.contains(
                "update round: 1 of 21 forms returned, \(filled.count) updates (\(filled.count - 1) with a problem), 1 closure candidate\n"
            ), "\(result.stderr)")
    }

    /// What Supt R. Havelock's return must give, however it was saved.
    func checkHavelock(_ json: [String: Any], filled: [String]) throws {
        let returned = updates(json).filter { $0["carried"] as? Bool == false }
        // Nothing lost: every filled row is an update, including the one without an ID.
        #expect(returned.count == filled.count)
        #expect(Set(returned.map { $0["itemId"] as? String ?? "?" }) == Set(filled))
        let candidate = try #require(update(json, filled[0]))
        #expect(candidate["closure"] as? String == "candidate" && problems(candidate).isEmpty)
        #expect(candidate["evidence"] as? String == "Call handling policy v3; audit Oct 2026")
        #expect(candidate["expectedCompletion"] as? String == "2027-01-31")
        let candidates = json["closureCandidates"] as? [[String: Any]] ?? []
        #expect(candidates.map { $0["itemId"] as? String } == [filled[0]])
        let noEvidence = update(json, filled[1])
        #expect(problems(noEvidence) == ["closure proposed without evidence"])
        #expect(noEvidence?["closure"] as? String == "not-candidate")
        #expect(problems(update(json, filled[2])) == ["expected completion 30/06/2026 is already past"])
        #expect(problems(update(json, filled[3])).contains { $0.hasPrefix("not this lead's item") })
        #expect(problems(update(json, "")) == ["unknown ID: not an item of the register"])
        let missing = json["formsNotReturned"] as? [String] ?? []
        #expect(missing.count == 20 && !missing.contains("Supt R. Havelock"))
    }

    @Test func aFormSavedByLibreOfficeReadsTheSame() throws {
        try requireOpenpyxl()
        let soffice = try #require(
            Self.soffice, "LibreOffice is needed: scripts/install-dependencies --with-libreoffice")
        let dir = try requestForms()
        let filled = try havelockReturn(dir, target: "filled.xlsx")
        let saved = dir.appendingPathComponent("returned")
        let convert = try runProgram(
            URL(fileURLWithPath: soffice),
            [
                "-env:UserInstallation=file://\(dir.appendingPathComponent("lo-profile").path)", "--headless",
                "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", saved.path, "filled.xlsx",
            ], in: dir)
        #expect(convert.status == 0, "soffice: \(convert.stderr)")
        let (result, json) = try reconcile(dir, updates: ["returned/filled.xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        try checkHavelock(json, filled: filled)
    }

    /// A Basic macro that opens a form in LibreOffice, types a lead's answers into rows 5 to 7 of its Update sheet
    /// (the sheet stays protected: only the lead's cells are typed into) and saves it as Excel 2007-365.
    static let fillMacro = """
        Sub Fill(source As String, target As String)
          Dim hidden(0) As New com.sun.star.beans.PropertyValue
          hidden(0).Name = "Hidden"
          hidden(0).Value = True
          doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), "_blank", 0, hidden())
          sheet = doc.Sheets.getByName("Update")
          sheet.getCellRangeByName("K5").setString("Complete")
          sheet.getCellRangeByName("L5").setString("Typed in LibreOffice")
          sheet.getCellRangeByName("N5").setString("Audit report, October 2026")
          sheet.getCellRangeByName("P5").setValue(DateSerial(2027, 1, 31))
          sheet.getCellRangeByName("Q5").setString("Yes")
          sheet.getCellRangeByName("K6").setString("Complete")
          sheet.getCellRangeByName("Q6").setString("Yes")
          sheet.getCellRangeByName("K7").setString("At risk")
          sheet.getCellRangeByName("P7").setValue(DateSerial(2026, 6, 30))
          sheet.getCellRangeByName("Q7").setString("No")
          Dim excel(0) As New com.sun.star.beans.PropertyValue
          excel(0).Name = "FilterName"
          excel(0).Value = "Calc MS Excel 2007 XML"
          doc.storeToURL(ConvertToURL(target), excel())
          doc.close(True)
        End Sub
        """

    /// Runs `fillMacro` on `form` in `dir` in LibreOffice, saving `target`.
    func fillInLibreOffice(_ soffice: String, _ form: String, into target: String, in dir: URL) throws {
        try LibreOfficeMacro.run(soffice, Self.fillMacro, sub: "Fill", on: form, into: target, in: dir)
    }

    @Test func aFormFilledInLibreOfficeGivesTheUpdatesAndTheCandidate() throws {
        let soffice = try #require(
            Self.soffice, "LibreOffice is needed: scripts/install-dependencies --with-libreoffice")
        let dir = try requestForms()
        let form = "forms/update-request-supt-r-havelock-2026-11-30.xlsx"
        let ids = try SpreadsheetFile.open(path: dir.appendingPathComponent(form).path).rows(inSheet: 0)
            .filter { (5...7).contains($0.number) }.map { $0.cells[0]?.text ?? "" }
        try #require(ids.count == 3 && ids.allSatisfy { $0.hasPrefix("ITM-") })
        try fillInLibreOffice(soffice, form, into: "Havelock (LibreOffice).xlsx", in: dir)
        let (result, json) = try reconcile(dir, updates: ["Havelock (LibreOffice).xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(updates(json).map { $0["itemId"] as? String ?? "" } == ids)
        let candidate = update(json, ids[0])
        #expect(candidate?["closure"] as? String == "candidate" && problems(candidate).isEmpty)
        #expect(candidate?["whatHasBeenDone"] as? String == "Typed in LibreOffice")
        #expect(candidate?["expectedCompletion"] as? String == "2027-01-31")
        #expect((json["closureCandidates"] as? [[String: Any]])?.map { $0["itemId"] as? String } == [ids[0]])
        #expect(problems(update(json, ids[1])) == ["closure proposed without evidence"])
        #expect(problems(update(json, ids[2])) == ["expected completion 30/06/2026 is already past"])
    }

    @Test func everyMalformedReturnGivesItsMessageAndLosesNothing() throws {
        try requireOpenpyxl()
        let dir = try requestForms(asOf: "2026-10-31")
        let october = try run(
            [
                "reconcile", "--register", Paths.sample("register.csv"), "--portal", Paths.sample("portal.csv"),
                "--output", "october.xlsx", "--as-of", "2026-10-31", "-q",
            ], in: dir)
        #expect(october.status == 0)
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("returned"), withIntermediateDirectories: true)
        let old = try fill(
            "forms/update-request-supt-r-havelock-2026-10-31.xlsx", into: "returned/old.xlsx", in: dir,
            ["fills": ["0": ["Current position": "On track", "What has been done": "October's news"]]])
        _ = try requestForms(in: dir)
        let current = try havelockReturn(dir, target: "returned/havelock.xlsx")
        // Renamed without its extension: read by its content.
        let twice = try fill(
            "forms/update-request-supt-r-havelock-2026-11-30.xlsx", into: "returned/havelock again", in: dir,
            ["fills": ["2": ["Current position": "Off track", "What has been done": "Second thoughts"]]])
        let returned = dir.appendingPathComponent("returned")
        try FileManager.default.copyItem(
            atPath: Paths.sample("register.xlsx"), toPath: returned.appendingPathComponent("not-ours.xlsx").path)
        try Data("PK\u{3}\u{4}truncated".utf8).write(to: returned.appendingPathComponent("broken.xlsx"))
        try Data("minutes".utf8).write(to: returned.appendingPathComponent("notes.txt"))
        // An OpenDocument file opens with its `mimetype` entry, stored uncompressed.
        let odsHead =
            "PK\u{3}\u{4}" + String(repeating: "\u{0}", count: 26) + "mimetype"
            + "application/vnd.oasis.opendocument.spreadsheet"
        try Data(odsHead.utf8).write(to: returned.appendingPathComponent("saved-as.ods"))
        try Data().write(to: returned.appendingPathComponent("~$havelock.xlsx"))

        let (result, json) = try reconcile(dir, updates: ["returned"], extra: ["--previous", "october.xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        let formProblems = (json["formProblems"] as? [[String: Any]] ?? []).map {
            (($0["file"] as? String ?? "") as NSString).lastPathComponent + ": " + ($0["message"] as? String ?? "")
        }
        #expect(formProblems.contains { $0.hasPrefix("not-ours.xlsx: not an update form") }, "\(formProblems)")
        #expect(formProblems.contains { $0.hasPrefix("broken.xlsx: cannot be read") }, "\(formProblems)")
        #expect(formProblems.contains("notes.txt: not a spreadsheet: skipped"), "\(formProblems)")
        #expect(formProblems.contains { $0.hasPrefix("saved-as.ods: saved in OpenDocument format") })
        #expect(!formProblems.contains { $0.contains("~$") })
        let book = try SpreadsheetFile.open(path: dir.appendingPathComponent("board.xlsx").path)
        let runSheet = try book.rows(inSheet: book.sheetIndex(named: "Run")).map { $0.cells.map { $0?.text ?? "" } }
        for file in ["not-ours.xlsx", "broken.xlsx", "notes.txt", "saved-as.ods"] {
            #expect(result.stderr.contains(file), "no message names \(file)")
            #expect(runSheet.contains { $0.first == "Update form note" && $0[1].contains(file) })
        }
        // The forms read are inputs like the register: the Run sheet gives each with its fingerprint.
        let read = runSheet.filter { $0.first == "Update form" }.map { ($0[1] as NSString).lastPathComponent }
        #expect(read.map { $0.components(separatedBy: ",")[0] } == ["havelock again", "havelock.xlsx", "old.xlsx"])
        #expect(runSheet.filter { $0.first == "Update form" }.allSatisfy { $0[1].contains(", SHA-256 ") })
        // The old form's update is shown, not used; the two returns for one item are both kept and flagged.
        let oldUpdate = try #require(updates(json).first { $0["whatHasBeenDone"] as? String == "October's news" })
        #expect(oldUpdate["itemId"] as? String == old[0] && oldUpdate["latest"] as? Bool == false)
        #expect(problems(oldUpdate).first == "a form from an earlier round (31/10/2026): shown, not used")
        let both = updates(json).filter { $0["itemId"] as? String == twice[0] && $0["carried"] as? Bool == false }
        #expect(both.count == 2)
        #expect(both.allSatisfy { problems($0).contains { $0.hasPrefix("two returns for one item") } })
        #expect(updates(json).filter { $0["carried"] as? Bool == false }.count == old.count + current.count + 1)
    }

    /// The register closes an item after its lead's form went out; the lead's update on it is kept and named.
    @Test func anItemClosedSinceTheFormWentOutIsNamed() throws {
        try requireOpenpyxl()
        let dir = try requestForms()
        let filled = try havelockReturn(dir, target: "returned.xlsx")
        let close = """
            import csv, sys
            rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
            header = next(i for i, r in enumerate(rows) if "Ref" in r)
            col = {t: i for i, t in enumerate(rows[header])}
            for r in rows[header + 1:]:
                if r[col["Ref"]] == sys.argv[2]:
                    r[col["Status"]] = "Closed"
            csv.writer(open("register-december.csv", "w", newline="")).writerows(rows)
            """
        let findRef = """
            import openpyxl, sys
            sheet = openpyxl.load_workbook("returned.xlsx")["Update"]
            titles = [c.value for c in sheet[4]]
            print(next(r[titles.index("Ref")] for r in sheet.iter_rows(min_row=5, values_only=True)
                       if r[titles.index("ID")] == sys.argv[1]))
            """
        let reference = try runProgram(Self.python, ["-c", findRef, filled[0]], in: dir).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(reference.hasPrefix("NMP-"))
        #expect(
            try runProgram(Self.python, ["-c", close, Paths.sample("register.csv"), reference], in: dir).status == 0)
        let (result, json) = try reconcile(dir, updates: ["returned.xlsx"], register: "register-december.csv")
        #expect(result.status == 0, "\(result.stderr)")
        let closed = try #require(updates(json).first { $0["registerRef"] as? String == reference })
        #expect(closed["itemId"] as? String == filled[0])
        #expect(problems(closed) == ["item closed since the form went out (register: Closed)"])
        #expect(closed["closure"] as? String == "not-candidate")
        #expect((json["closureCandidates"] as? [[String: Any]] ?? []).isEmpty)
    }

    /// cron or a person stops `requests` while it writes: the forms are moved into place together at the end, so
    /// none appears, and nothing staged is left behind.
    @Test func aStoppedRequestsRunLeavesOnlyWholeForms() throws {
        let dir = try Paths.scratch()
        var register = "Ref,Portal Ref,Type,Inspection,Description,Force Lead,Delivery Lead,Status\n"
        for i in 0..<1_500 {
            register +=
                "R\(i),P\(i),Recommendation,PEEL 2025,The force should improve item \(i),ACC A,Lead \(i / 3),Open\n"
        }
        try register.write(to: dir.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("forms")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = Paths.binary
        process.arguments = ["requests", "--register", "r.csv", "--as-of", "2026-11-30", "--output-dir", "forms"]
        process.currentDirectoryURL = dir
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline {
            if stagedNames(in: out).count > 20 { break }
            usleep(1_000)
        }
        let stoppedWhileWriting = process.isRunning
        process.terminate()
        process.waitUntilExit()
        let left = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(!left.contains { $0.hasPrefix(".") }, "partial files left: \(left.filter { $0.hasPrefix(".") })")
        if stoppedWhileWriting {
            #expect(process.terminationStatus == 128 + SIGTERM)
            #expect(left.isEmpty, "forms appeared before all were written: \(left.count)")
        } else {
            #expect(left.count == 500)
        }
        for name in left {
            let form = try SpreadsheetFile.open(path: out.appendingPathComponent(name).path)
            #expect(form.sheets.map(\.name) == ["Update", "Instructions"], "\(name)")
        }
    }

    @Test func theWorkbookNeverOverwritesAReturnedForm() throws {
        let dir = try requestForms(extra: ["--lead", "Supt R. Havelock"])
        let form = "forms/update-request-supt-r-havelock-2026-11-30.xlsx"
        let before = try Data(contentsOf: dir.appendingPathComponent(form))
        let result = try run(
            [
                "reconcile", "--register", Paths.sample("register.csv"), "--portal", Paths.sample("portal.csv"),
                "--output", form, "--updates", "forms",
            ], in: dir)
        #expect(result.status == 64)
        #expect(result.stderr.contains("is the same file as the input \(form) (a returned update form)"))
        #expect(try Data(contentsOf: dir.appendingPathComponent(form)) == before)
    }

    /// A lead who copied the Update sheet within the form: both sheets are read, so no row typed on either is
    /// lost, and each item on both is flagged as returned twice.
    @Test func rowsOnACopiedSheetAreReadToo() throws {
        try requireOpenpyxl()
        let dir = try requestForms(extra: ["--lead", "Supt R. Havelock"])
        let filled = try fill(
            "forms/update-request-supt-r-havelock-2026-11-30.xlsx", into: "copied.xlsx", in: dir,
            ["fills": ["0": ["Current position": "On track", "What has been done": "Both sheets"]], "copySheet": true])
        let (result, json) = try reconcile(dir, updates: ["copied.xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        let read = updates(json).filter { $0["itemId"] as? String == filled[0] }
        #expect(read.count == 2)
        #expect(read.allSatisfy { problems($0).contains { $0.hasPrefix("two returns for one item") } })
        let notes = (json["formProblems"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        #expect(notes == ["updates read from 2 sheets: Update, My copy"])
    }

    @Test func aMissingFolderOfReturnsStopsTheRunBeforeAnythingIsWritten() throws {
        let dir = try Paths.scratch()
        let (result, _) = try reconcile(dir, updates: ["returned/2026-11"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("returned/2026-11: no such file or folder of returned update forms"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("board.xlsx").path))
    }

    @Test func updatesCarryToNextMonthsFormsAndWorkbook() throws {
        try requireOpenpyxl()
        let dir = try requestForms()
        let filled = try havelockReturn(dir, target: "returned.xlsx")
        #expect(try reconcile(dir, updates: ["returned.xlsx"]).0.status == 0)
        let decide = """
            import openpyxl
            book = openpyxl.load_workbook("board.xlsx")
            sheet = book["Closure candidates"]
            sheet.cell(5, [c.value for c in sheet[4]].index("Board decision") + 1).value = "Request closure from FLL"
            book.save("november.xlsx")
            """
        #expect(try runProgram(Self.python, ["-c", decide], in: dir).status == 0)
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("december"), withIntermediateDirectories: true)
        let december = try run(
            [
                "requests", "--register", Paths.sample("register.csv"), "--as-of", "2026-12-31", "--output-dir",
                "december", "--previous", "november.xlsx", "--lead", "Supt R. Havelock",
            ], in: dir)
        #expect(december.status == 0, "\(december.stderr)")
        let read = """
            import openpyxl, json
            sheet = openpyxl.load_workbook("december/update-request-supt-r-havelock-2026-12-31.xlsx")["Update"]
            col = [c.value for c in sheet[4]].index("Last update")
            print(json.dumps({r[0]: r[col] or "" for r in sheet.iter_rows(min_row=5, values_only=True) if r[0]}))
            """
        let shown = try runProgram(Self.python, ["-c", read], in: dir)
        let lastUpdates = try JSONDecoder().decode([String: String].self, from: Data(shown.stdout.utf8))
        let first = try #require(lastUpdates[filled[0]])
        #expect(first.hasPrefix("Complete (30/11/2026). Done: Call handling review delivered"))
        #expect(first.contains("Board (30/11/2026): Request closure from FLL"))
        #expect(lastUpdates[filled[2]]?.hasPrefix("At risk (30/11/2026)") == true)

        let (result, json) = try reconcile(
            dir, updates: [], asOf: "2026-12-31", extra: ["--previous", "november.xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(json["updates"] == nil)
        let book = try SpreadsheetFile.open(path: dir.appendingPathComponent("board.xlsx").path)
        let rows = try book.rows(inSheet: book.sheetIndex(named: "Updates")).map { $0.cells.map { $0?.text ?? "" } }
        #expect(rows.contains { $0.first?.hasPrefix("No forms were returned for this run") == true })
        let carried = rows.filter { $0.count > 14 && $0[14] == "carried" }.map { $0[0] }
        // Every update on a register item carries, another lead's item too; the row without an ID does not.
        #expect(Set(carried) == Set(filled.filter { !$0.isEmpty }))
        let history = try book.rows(inSheet: book.sheetIndex(named: "Run history")).map {
            $0.cells.map { $0?.text ?? "" }
        }
        let header = try #require(history.firstIndex { $0.contains("Forms sent") })
        let november = try #require(history.first { $0.first == "2026-11-30" })
        let column = { (title: String) in history[header].firstIndex(of: title)! }
        #expect(november[column("Forms sent")] == "21" && november[column("Forms returned")] == "1")
        #expect(november[column("Closure candidates")] == "1")
    }

    @Test func theBoardsWorkbookOpensCleanlyInLibreOfficeAndOpenpyxl() throws {
        try requireOpenpyxl()
        let soffice = try #require(
            Self.soffice, "LibreOffice is needed: scripts/install-dependencies --with-libreoffice")
        let dir = try requestForms()
        let filled = try havelockReturn(dir, target: "returned.xlsx")
        #expect(try reconcile(dir, updates: ["returned.xlsx"]).0.status == 0)
        let read = """
            import json, openpyxl
            book = openpyxl.load_workbook("board.xlsx")
            sheet = book["Closure candidates"]
            print(json.dumps({"sheets": book.sheetnames, "candidate": sheet.cell(5, 1).value}))
            """
        let opened = try runProgram(Self.python, ["-c", read], in: dir)
        #expect(opened.status == 0 && opened.stderr.isEmpty, "\(opened.stderr)")
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(opened.stdout.utf8)) as? [String: Any])
        #expect(
            (seen["sheets"] as? [String])?.prefix(4) == ["Summary", "Discrepancies", "Closure candidates", "Updates"])
        #expect(seen["candidate"] as? String == filled[0])
        let out = dir.appendingPathComponent("lo")
        let convert = try runProgram(
            URL(fileURLWithPath: soffice),
            [
                "-env:UserInstallation=file://\(dir.appendingPathComponent("lo-profile").path)", "--headless",
                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                "--outdir", out.path, "board.xlsx",
            ], in: dir)
        #expect(convert.status == 0 && !convert.stderr.lowercased().contains("repair"), "\(convert.stderr)")
        let candidates = try String(
            contentsOf: out.appendingPathComponent("board-Closure candidates.csv"), encoding: .utf8)
        #expect(candidates.contains(filled[0]) && candidates.contains("Call handling policy v3; audit Oct 2026"))
        let updates = try String(contentsOf: out.appendingPathComponent("board-Updates.csv"), encoding: .utf8)
        #expect(updates.contains("closure proposed without evidence"))
    }
}
