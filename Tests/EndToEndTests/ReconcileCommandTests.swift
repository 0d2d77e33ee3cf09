import Foundation
import Testing

@Suite struct ReconcileCommandTests {
    func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
    }

    @Test func samplesReproduceTheSeedTotals() throws {
        let dir = try Paths.scratch()
        let result = try run([
            "reconcile", "--register", Paths.sample("register.csv"), "--portal", Paths.sample("portal.csv"),
            "--output", dir.appendingPathComponent("out.xlsx").path, "--json", "-", "--as-of", "2026-11-30",
        ])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("wrote \(dir.appendingPathComponent("out.xlsx").path)"))
        let doc = try json(result)
        #expect(doc["schemaVersion"] as? Int == 1)
        #expect(doc["asOf"] as? String == "2026-11-30")
        let total = try #require((doc["summary"] as? [String: Any])?["total"] as? [String: [String: Int]])
        func figures(_ type: String) -> [Int] {
            let t = total[type] ?? [:]
            return [t["register"] ?? -1, t["notOnPortal"] ?? -1, t["portal"] ?? -1, t["awaitingCentralSignOff"] ?? -1]
        }
        #expect(figures("causeOfConcern") == [21, 2, 20, 1])
        #expect(figures("recommendation") == [141, 14, 131, 4])
        #expect(figures("areaForImprovement") == [29, 5, 24, 0])
        let groups = try #require((doc["summary"] as? [String: Any])?["groups"] as? [[String: Any]])
        #expect(
            groups.map { $0["group"] as? String ?? "" } == [
                "Local PEEL", "National PEEL", "National DA PEEL Thematic",
                "National Child Protection Inspection (NCPI)", "Crime Data Integrity (CDI)",
                "Other national thematic inspections",
            ])
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.xlsx").path))
    }

    /// `--version` prints the version the JSON result and the Run sheet record, and nothing else.
    @Test func versionIsTheOneTheOutputsRecord() throws {
        let result = try run(["--version"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let dir = try Paths.scratch()
        let run = try run([
            "reconcile", "--register", Paths.sample("register.csv"), "--portal", Paths.sample("portal.csv"),
            "--output", dir.appendingPathComponent("out.xlsx").path, "--json", "-", "--quiet",
        ])
        let tool = try #require(try json(run)["tool"] as? [String: Any])
        let version = try #require(tool["version"] as? String)
        #expect(!version.isEmpty)
        #expect(result.stdout == version + "\n")
    }

    /// The JSON result on the samples, byte for byte, but for the lines that name the input paths and the tool's
    /// version. The result is written as it is walked; the golden file was written by the earlier build that made a
    /// tree of values and serialised it. To regenerate after an intended change: `HMIC_UPDATE_GOLDEN=1 swift test
    /// --filter jsonIsByteForByteTheGolden`.
    @Test func jsonIsByteForByteTheGolden() throws {
        let dir = try Paths.scratch()
        let result = try run([
            "reconcile", "--register", Paths.sample("register.csv"), "--portal", Paths.sample("portal.csv"),
            "--output", dir.appendingPathComponent("out.xlsx").path, "--json", "-", "--as-of", "2026-11-30", "--quiet",
        ])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("\"path\": ") && !$0.contains("\"version\": ") }
        let actual = lines.joined(separator: "\n")
        let golden = Paths.packageRoot.appendingPathComponent("Tests/EndToEndTests/Golden/sample-result.json")
        if ProcessInfo.processInfo.environment["HMIC_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(
            actual == expected, "the sample JSON changed; if intended, regenerate the golden (see this test's comment)")
    }

    @Test func jsonFollowsSchemaVersion1() throws {
        let dir = try Paths.scratch()
        let jsonPath = dir.appendingPathComponent("result.json").path
        let result = try run([
            "reconcile", "--register", Paths.sample("register.csv"), "--portal", Paths.sample("portal.csv"),
            "--output", dir.appendingPathComponent("out.xlsx").path, "--json", jsonPath, "--as-of", "2026-11-30",
            "--quiet",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        let doc = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: jsonPath))) as? [String: Any])
        #expect(
            Set(doc.keys) == [
                "schemaVersion", "tool", "asOf", "force", "inputs", "summary", "matches", "discrepancies",
            ])
        let inputs = try #require(doc["inputs"] as? [String: [String: Any]])
        #expect(Set(inputs["register"]!.keys) == ["path", "sha256", "sheet", "headerRow", "records"])
        #expect(Set(inputs["portal"]!.keys) == ["path", "sha256", "sheet", "headerRow", "records", "rowsRead"])
        #expect((inputs["register"]!["sha256"] as? String)?.count == 64)
        let summary = try #require(doc["summary"] as? [String: Any])
        let counts = try #require(summary["discrepancies"] as? [String: Int])
        #expect(counts.count == 12)
        let discrepancies = try #require(doc["discrepancies"] as? [[String: Any]])
        #expect(discrepancies.count == counts.values.reduce(0, +))
        for d in discrepancies {
            #expect(
                Set(d.keys) == [
                    "id", "class", "severity", "registerRef", "portalRef", "registerRow", "portalRow", "detail",
                ])
        }
        let matches = try #require(doc["matches"] as? [[String: Any]])
        #expect(
            matches.allSatisfy {
                Set($0.keys) == ["registerRef", "portalRef", "method", "score", "registerRow", "portalRow"]
            })
    }

    @Test func sameInputsGiveIdenticalWorkbooks() throws {
        // The Run sheet records the arguments, so both runs use the same ones, in two folders.
        var files: [Data] = []
        for _ in 0..<2 {
            let dir = try Paths.scratch()
            let result = try run(
                [
                    "reconcile", "--register", Paths.sample("register.csv"), "--portal", Paths.sample("portal.csv"),
                    "--output", "board.xlsx", "--as-of", "2026-11-30", "-q",
                ], in: dir)
            #expect(result.status == 0)
            files.append(try Data(contentsOf: dir.appendingPathComponent("board.xlsx")))
        }
        #expect(files[0].count > 10_000)
        #expect(files[0] == files[1])
    }

    @Test func workbookHoldsTheBoardsSheets() throws {
        let dir = try Paths.scratch()
        let out = dir.appendingPathComponent("board.xlsx").path
        let result = try run([
            "reconcile", "--register", Paths.sample("register.csv"), "--portal", Paths.sample("portal.csv"),
            "--output", out, "--as-of", "2026-11-30",
        ])
        #expect(result.status == 0)
        let workbook = try zipPart(out, "xl/workbook.xml")
        for sheet in ["Summary", "Discrepancies", "Matched", "Register", "Portal", "Run"] {
            #expect(workbook.contains("name=\"\(sheet)\""))
        }
        let strings = try workbookText(out)
        for text in [
            "21 (2)", "141 (14)", "29 (5)", "Total on Force register", "Total on HMIC monitoring portal",
            "Figures in brackets denote records which do not appear on the HMIC monitoring portal", "Board decision",
        ] {
            #expect(strings.contains(text), "missing \(text)")
        }
        let discrepancies = try zipPart(out, "xl/worksheets/sheet2.xml")
        #expect(discrepancies.contains("ySplit=\"4\""))
        #expect(discrepancies.contains("<autoFilter ref=\"A4:S"))
        #expect(
            discrepancies.contains(
                "Request portal correction,Request closure,Update register,Chase central sign-off,No action"))
    }

    @Test func failOnGivesStatus1() throws {
        let dir = try Paths.scratch()
        let result = try run(
            [
                "reconcile", "--register", Paths.sample("register.csv"), "--portal", Paths.sample("portal.csv"),
                "--output", "x.xlsx", "--fail-on", "high", "-q",
            ], in: dir)
        #expect(result.status == 1)
    }

    @Test func missingColumnIsBadData() throws {
        let dir = try Paths.scratch()
        let register = dir.appendingPathComponent("register.csv")
        try "Ref,Kind,Status\nR1,AFI,Open\n".write(to: register, atomically: true, encoding: .utf8)
        let result = try run(
            ["reconcile", "--register", register.path, "--portal", Paths.sample("portal.csv"), "--output", "x.xlsx"],
            in: dir)
        #expect(result.status == 65)
        #expect(result.stderr.contains(register.path))
        #expect(result.stderr.contains("no type column"))
        #expect(result.stderr.contains("'Ref', 'Kind', 'Status'"))
        #expect(result.stderr.contains("'finding type'"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.xlsx").path))
    }

    @Test func missingInputIsStatus66() throws {
        let dir = try Paths.scratch()
        let result = try run(
            ["reconcile", "--register", "nope.csv", "--portal", Paths.sample("portal.csv"), "--output", "x.xlsx"],
            in: dir)
        #expect(result.status == 66)
        #expect(result.stderr.contains("nope.csv: no such file"))
    }

    @Test func usageErrorsAreStatus64() throws {
        let result = try run(["reconcile", "--register", "a.csv", "--portal", "b.csv"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--output"))
        #expect(
            try run([
                "reconcile", "--register", "a.csv", "--portal", "b.csv", "--output", "x.xlsx", "--as-of", "30/11/2026",
            ]).status == 64)
    }

    @Test func outputThatCannotBeCreatedIsStatus73() throws {
        let result = try run([
            "reconcile", "--register", Paths.sample("register.csv"), "--portal", Paths.sample("portal.csv"),
            "--output", "/nonexistent-folder/out.xlsx",
        ])
        #expect(result.status == 73)
        #expect(result.stderr.contains("/nonexistent-folder/out.xlsx"))
    }

    @Test func outputOverAnInputIsRefused() throws {
        let dir = try Paths.scratch()
        let register = dir.appendingPathComponent("register.csv")
        try FileManager.default.copyItem(atPath: Paths.sample("register.csv"), toPath: register.path)
        let before = try Data(contentsOf: register)
        let result = try run(
            [
                "reconcile", "--register", "register.csv", "--portal", Paths.sample("portal.csv"), "--output",
                "./register.csv",
            ], in: dir)
        #expect(result.status == 64)
        #expect(try Data(contentsOf: register) == before)
    }

    @Test func outputDirNamesTheWorkbookAfterTheAsOfDate() throws {
        let dir = try Paths.scratch()
        let result = try run([
            "reconcile", "--register", Paths.sample("register.csv"), "--portal", Paths.sample("portal.csv"),
            "--output-dir", dir.path, "--as-of", "2026-11-30", "-q",
        ])
        #expect(result.status == 0)
        #expect(
            FileManager.default.fileExists(atPath: dir.appendingPathComponent("reconciliation-2026-11-30.xlsx").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["reconciliation-2026-11-30.xlsx"])
    }

    /// A register whose rows carry no references: the run says so once on standard error, not once per record, and
    /// still completes; with the samples' references it says nothing of the kind.
    @Test func aRegisterWithoutReferencesIsNoticedOnce() throws {
        let dir = try Paths.scratch()
        let register = dir.appendingPathComponent("register.csv")
        try """
        Ref,Type,Inspection,Description,Status,Force Lead,Delivery Lead
        ,AFI,PEEL 2021/22,The force should review its understanding of demand,Open,ACC A,Supt B
        ,Recommendation,Fraud: Time to choose,Force to record the needs of fraud victims,Open,ACC A,Supt B

        """.write(to: register, atomically: true, encoding: .utf8)
        let result = try run([
            "reconcile", "--register", register.path, "--portal", Paths.sample("portal.csv"),
            "--output", dir.appendingPathComponent("out.xlsx").path, "--as-of", "2026-11-30",
        ])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.components(separatedBy: "has no usable references").count == 2, "\(result.stderr)")
        let samples = try run([
            "reconcile", "--register", Paths.sample("register.csv"), "--portal", Paths.sample("portal.csv"),
            "--output", dir.appendingPathComponent("samples.xlsx").path, "--as-of", "2026-11-30",
        ])
        #expect(samples.status == 0 && !samples.stderr.contains("usable references"))
    }
}
