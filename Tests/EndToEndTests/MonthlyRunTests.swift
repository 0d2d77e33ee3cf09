import Foundation
import Testing

/// The unattended and by-hand monthly run: profiles, inspect, dump, interruption, and the remaining exit statuses.
@Suite struct MonthlyRunTests {
    /// The samples' register with its one unknown spelling, "Green".
    static let register = Paths.sample("register.csv"), portal = Paths.sample("portal.csv")

    func jsonResult(_ arguments: [String], in dir: URL) throws -> (CommandResult, [String: Any]) {
        let result = try run(arguments + ["--json", "-"], in: dir)
        let doc = try #require(
            JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any], "stderr: \(result.stderr)")
        return (result, doc)
    }

    func unrecognised(_ doc: [String: Any]) -> Int {
        ((doc["summary"] as? [String: Any])?["discrepancies"] as? [String: Int])?["unrecognised-value"] ?? -1
    }

    @Test func inspectNamesTheUnknownSpellingAndAProfileMakesTheRunClean() throws {
        let dir = try Paths.scratch()
        let inspect = try run(["inspect", Self.register], in: dir)
        #expect(inspect.status == 0)
        #expect(inspect.stdout.contains("Header row: 3"))
        #expect(inspect.stdout.contains("'Status'") && inspect.stdout.contains("→ status"))
        let green = try #require(inspect.stdout.split(separator: "\n").first { $0.contains("'Green'") })
        #expect(green.contains("UNKNOWN"))
        #expect(
            inspect.stdout.contains("'Amber'")
                && !inspect.stdout.split(separator: "\n").first { $0.contains("'Amber'") }!.contains("UNKNOWN"))

        let base = [
            "reconcile", "--register", Self.register, "--portal", Self.portal, "--output", "out.xlsx", "--as-of",
            "2026-11-30", "-q",
        ]
        let (_, before) = try jsonResult(base, in: dir)
        #expect(unrecognised(before) == 1)

        try "states:\n  closed: [Green]\n".write(
            to: dir.appendingPathComponent("force.yaml"), atomically: true, encoding: .utf8)
        let inspectWithProfile = try run(["inspect", Self.register, "--profile", "force.yaml"], in: dir)
        #expect(!inspectWithProfile.stdout.contains("UNKNOWN"))
        let (after, doc) = try jsonResult(base + ["--profile", "force.yaml"], in: dir)
        #expect(after.status == 0)
        #expect(unrecognised(doc) == 0)
    }

    @Test func profileMistakesNameTheirLineAndWhatIsAllowed() throws {
        let dir = try Paths.scratch()
        let cases: [(String, [String])] = [
            (
                "force: Northmoor\nstatus:\n  closed: [Green]\n",
                ["line 2", "unknown key 'status'", "allowed: force, registerSheet"]
            ),
            ("states:\n  finished: [Green]\n", ["line 2", "unknown name 'finished'", "open, closure-requested"]),
            (
                "headers:\n  register:\n    refrence: [Our ref]\n",
                ["line 3", "'refrence'", "reference, portalReference"]
            ),
            (
                "groups:\n  - {title: spotlight, group: Spotlights}\n",
                ["line 2", "unknown group 'Spotlights'", "National PEEL"]
            ),
            ("states:\n  closed: [Done]\n  open: [Done]\n", ["'Done' is given to both"]),
            ("states: [\n", ["not a valid YAML profile", "line"]),
        ]
        for (text, expected) in cases {
            try text.write(to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
            let result = try run(
                [
                    "reconcile", "--register", Self.register, "--portal", Self.portal, "--output", "out.xlsx",
                    "--profile", "bad.yaml",
                ], in: dir)
            #expect(result.status == 65, "\(text)")
            #expect(result.stderr.contains("bad.yaml"))
            for fragment in expected {
                #expect(result.stderr.contains(fragment), "\(fragment) not in \(result.stderr)")
            }
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.xlsx").path))
        }
        #expect(
            try run(
                [
                    "reconcile", "--register", Self.register, "--portal", Self.portal, "--output", "out.xlsx",
                    "--profile", "missing.yaml",
                ], in: dir
            ).status == 66)
    }

    @Test func profileInitPrintsAProfileThatLoads() throws {
        let dir = try Paths.scratch()
        let template = try run(["profile", "init"], in: dir)
        #expect(template.status == 0)
        #expect(template.stdout.contains("awaiting-central-sign-off:"))
        #expect(template.stdout.contains("\"closed by FLL\""))
        try template.stdout.write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let check = try run(["profile", "check", "p.yaml"], in: dir)
        #expect(check.status == 0, "\(check.stderr)")
        let (_, doc) = try jsonResult(
            [
                "reconcile", "--register", Self.register, "--portal", Self.portal, "--output", "o.xlsx",
                "--profile", "p.yaml", "--as-of", "2026-11-30", "-q",
            ], in: dir)
        #expect(unrecognised(doc) == 1)
    }

    @Test func dumpPrintsCellsAsRead() throws {
        let dir = try Paths.scratch()
        let json = try run(["dump", Paths.sample("portal.xlsx")], in: dir)
        #expect(json.status == 0)
        let doc = try #require(JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let sheets = try #require(doc["sheets"] as? [[String: Any]])
        #expect(sheets.count == 1)
        let cells = try #require(sheets[0]["cells"] as? [String: Any])
        #expect(cells["A1"] as? String == "Force")
        #expect(cells["B1"] as? String == "Recommendation ID")
        let csv = try run(["dump", Self.portal, "--format", "csv"], in: dir)
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("Force,Recommendation ID,Report,Type,Recommendation Text,Status,Date Closed"))
        let badSheet = try run(["dump", Paths.sample("portal.xlsx"), "--sheet", "Nope"], in: dir)
        #expect(badSheet.status == 65)
        #expect(badSheet.stderr.contains("there is no sheet named 'Nope'"))
    }

    @Test func xlsxSamplesGiveTheSameResultAsCSV() throws {
        let dir = try Paths.scratch()
        let (_, csv) = try jsonResult(
            [
                "reconcile", "--register", Self.register, "--portal", Self.portal, "--output", "a.xlsx",
                "--as-of", "2026-11-30", "-q",
            ], in: dir)
        let (_, xlsx) = try jsonResult(
            [
                "reconcile", "--register", Paths.sample("register.xlsx"), "--portal", Paths.sample("portal.xlsx"),
                "--output", "b.xlsx", "--as-of", "2026-11-30", "-q",
            ], in: dir)
        let a = try JSONSerialization.data(withJSONObject: csv["summary"]!, options: .sortedKeys)
        let b = try JSONSerialization.data(withJSONObject: xlsx["summary"]!, options: .sortedKeys)
        #expect(a == b)
        let ids = { (doc: [String: Any]) in
            (doc["discrepancies"] as? [[String: Any]] ?? []).map {
                "\($0["id"]!) \($0["registerRow"]!) \($0["portalRow"]!)"
            }
        }
        #expect(ids(csv) == ids(xlsx))
        #expect(!ids(csv).isEmpty)
    }

    @Test func failedWriteToStandardOutputIsStatus74() throws {
        let dir = try Paths.scratch()
        let process = Process()
        process.executableURL = Paths.binary
        process.arguments = [
            "reconcile", "--register", Self.register, "--portal", Self.portal, "--output", "o.xlsx", "--json", "-",
        ]
        process.currentDirectoryURL = dir
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 74)
    }

    @Test func nationalExportNeedsForce() throws {
        let dir = try Paths.scratch()
        var text = try String(contentsOfFile: Self.portal, encoding: .utf8)
        text += "Southvale Constabulary,SV-1,PEEL 2021,Recommendation,Something,Open,\n"
        try text.write(to: dir.appendingPathComponent("national.csv"), atomically: true, encoding: .utf8)
        let refused = try run(
            ["reconcile", "--register", Self.register, "--portal", "national.csv", "--output", "o.xlsx"], in: dir)
        #expect(refused.status == 64)
        #expect(
            refused.stderr.contains("Northmoor Police (209 rows)")
                && refused.stderr.contains("Southvale Constabulary (1 row)"))
        let (kept, doc) = try jsonResult(
            [
                "reconcile", "--register", Self.register, "--portal", "national.csv", "--output", "o.xlsx",
                "--force", "Northmoor", "-q",
            ], in: dir)
        #expect(kept.status == 0)
        #expect(((doc["inputs"] as? [String: [String: Any]])?["portal"]?["records"] as? Int) == 209)
        #expect(((doc["inputs"] as? [String: [String: Any]])?["portal"]?["rowsRead"] as? Int) == 210)
    }

    @Test func anInterruptedRunLeavesNothingBehind() throws {
        let dir = try Paths.scratch()
        // A register large enough that writing its workbook takes a while.
        var register = "Ref,Portal Ref,Type,Inspection,Description,Force Lead,Delivery Lead,Status,Target Date\n"
        var portal = "Recommendation ID,Report,Type,Recommendation Text,Status\n"
        for i in 0..<60_000 {
            register +=
                "R\(i),P\(i),Recommendation,Fraud: time to choose,The force should improve item \(i),ACC A,Supt B,Open,30/11/2027\n"
            portal +=
                "P\(i),Fraud: time to choose,Recommendation,The force should improve item \(i),\(i % 3 == 0 ? "Closed" : "Open")\n"
        }
        try register.write(to: dir.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
        try portal.write(to: dir.appendingPathComponent("p.csv"), atomically: true, encoding: .utf8)
        let out = try Paths.scratch()
        let process = Process()
        process.executableURL = Paths.binary
        process.arguments = [
            "reconcile", "--register", "r.csv", "--portal", "p.csv", "--output",
            out.appendingPathComponent("board.xlsx").path,
            "--json", out.appendingPathComponent("result.json").path,
        ]
        process.currentDirectoryURL = dir
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Stop it as soon as the workbook is being written, or after 60 s at the latest.
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline {
            if stagedNames(in: out).contains(where: { $0.hasPrefix(".board.xlsx.") }) { break }
            usleep(2_000)
        }
        let stoppedWhileWriting = process.isRunning
        process.terminate()
        process.waitUntilExit()
        let left = try FileManager.default.contentsOfDirectory(atPath: out.path)
        if stoppedWhileWriting {
            #expect(process.terminationStatus == 128 + SIGTERM)
            #expect(left.isEmpty, "left behind: \(left)")
        } else {
            // The run finished before it could be stopped: then both outputs must be complete.
            #expect(left.sorted() == ["board.xlsx", "result.json"])
        }
    }
}

@Suite struct OutputFolderTests {
    @Test func secondRunInTheFolderComparesWithTheFirst() throws {
        let dir = try Paths.scratch()
        func reconcile(_ asOf: String) throws -> CommandResult {
            try run([
                "reconcile", "--register", Paths.sample("register.csv"), "--portal", Paths.sample("portal.csv"),
                "--output-dir", dir.path, "--as-of", asOf, "--verbose",
            ])
        }
        let first = try reconcile("2026-10-31")
        #expect(first.status == 0)
        #expect(!first.stderr.contains("previous run:"))
        let second = try reconcile("2026-11-30")
        #expect(second.status == 0)
        #expect(
            second.stderr.contains("previous run: \(dir.appendingPathComponent("reconciliation-2026-10-31.xlsx").path)")
        )
        let workbook = dir.appendingPathComponent("reconciliation-2026-11-30.xlsx").path
        let names = try zipPart(workbook, "xl/workbook.xml")
        #expect(names.contains("name=\"Changes\""))
        let strings = try workbookText(workbook)
        #expect(strings.contains("Changes since"))
        #expect(strings.contains("Continuing"))
        // A run dated before both takes neither as its previous run.
        let earlier = try reconcile("2026-09-30")
        #expect(!earlier.stderr.contains("previous run:"))
    }

    @Test func aForeignPreviousWorkbookIsRefused() throws {
        let dir = try Paths.scratch()
        let result = try run(
            [
                "reconcile", "--register", Paths.sample("register.csv"), "--portal", Paths.sample("portal.csv"),
                "--output", "o.xlsx", "--previous", Paths.sample("register.xlsx"),
            ], in: dir)
        #expect(result.status == 65)
        #expect(result.stderr.contains("register.xlsx"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("o.xlsx").path))
    }
}
