import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The output folder as an operator and an attacker would try it: two runs at once, links planted in a shared
/// folder, outputs pointed at inputs, a missing JSON folder, TMPDIR, debris of killed runs, `ulimit -f` and `-v`.
@Suite(.serialized) struct OutputFolderSafetyTests {
    static let register = Paths.sample("register.csv")
    static let portal = Paths.sample("portal.csv")

    /// `reconcile` of the samples into `arguments`' outputs.
    static func reconcile(_ arguments: [String], in directory: URL? = nil) throws -> CommandResult {
        try run(
            ["reconcile", "--register", register, "--portal", portal, "--as-of", "2026-11-30", "-q"] + arguments,
            in: directory)
    }

    /// `command` run by bash after `ulimit` `limit`, with the binary's path as `$0`.
    static func underLimit(_ limit: String, _ arguments: [String], in directory: URL) throws -> CommandResult {
        try runProgram(
            URL(fileURLWithPath: "/bin/bash"),
            ["-c", "ulimit \(limit) && exec \"$0\" \"$@\"", Paths.binary.path] + arguments, in: directory)
    }

    static func names(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// Two runs on one folder: the one that comes second is refused at once with the folder named (exit 75), and
    /// the first finishes with both outputs whole.
    @Test func twoRunsOnOneFolderDoNotRace() throws {
        let dir = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (register, portal) = try OutputSafetyTests.largeInputs(in: dir, rows: 30_000)
        let out = dir.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let first = Process()
        first.executableURL = Paths.binary
        first.arguments = [
            "reconcile", "--register", register, "--portal", portal, "--output-dir", out.path,
            "--json", out.appendingPathComponent("first.json").path, "--as-of", "2026-11-30", "-q",
        ]
        first.standardError = FileHandle.nullDevice
        try first.run()
        let deadline = Date().addingTimeInterval(60)
        // The staging folder appears once the first run holds the folder.
        func holdsTheFolder() -> Bool {
            ((try? Self.names(in: out)) ?? []).contains { $0.hasPrefix(".hmic-reconcile.") }
        }
        while first.isRunning && Date() < deadline && !holdsTheFolder() { usleep(1_000) }
        try #require(first.isRunning, "the first run ended before the second could start")
        let second = try Self.reconcile([
            "--output-dir", out.path, "--json", out.appendingPathComponent("second.json").path,
        ])
        let firstWasStillRunning = first.isRunning
        first.waitUntilExit()
        #expect(second.status == 75, "\(second.stderr)")
        #expect(
            second.stderr
                == "hmic-reconcile: \(out.path): another hmic-reconcile run is writing to this folder; try again when it has finished\n"
        )
        #expect(firstWasStillRunning)
        #expect(first.terminationStatus == 0)
        #expect(try Self.names(in: out) == ["first.json", "reconciliation-2026-11-30.xlsx"])
        #expect(try OutputSafetyTests.isCompleteZip(out.appendingPathComponent("reconciliation-2026-11-30.xlsx").path))
        #expect(
            (try? JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("first.json"))))
                != nil)
    }

    /// A shared reports folder with links planted at the outputs' names and at a staging folder's name: nothing
    /// outside the folder is touched, and the outputs are regular files.
    @Test func plantedLinksAreNeverFollowed() throws {
        let dir = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("reports")
        let elsewhere = dir.appendingPathComponent("elsewhere")
        for folder in [out, elsewhere] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let victim = elsewhere.appendingPathComponent("shadow").path
        let otherVictim = elsewhere.appendingPathComponent("crontab").path
        try Data("root:*:19000:0:99999:7:::\n".utf8).write(to: URL(fileURLWithPath: victim))
        try Data("* * * * * root true\n".utf8).write(to: URL(fileURLWithPath: otherVictim))
        try Data().write(to: elsewhere.appendingPathComponent("lock"))
        let workbook = out.appendingPathComponent("reconciliation-2026-11-30.xlsx").path
        let json = out.appendingPathComponent("result.json").path
        try FileManager.default.createSymbolicLink(atPath: workbook, withDestinationPath: victim)
        try FileManager.default.createSymbolicLink(atPath: json, withDestinationPath: otherVictim)
        let stagingLink = out.appendingPathComponent(".hmic-reconcile.AAAAAA").path
        try FileManager.default.createSymbolicLink(atPath: stagingLink, withDestinationPath: elsewhere.path)

        let result = try Self.reconcile(["--output-dir", out.path, "--json", json])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.isRegularFile(workbook) && Self.isRegularFile(json))
        #expect(try OutputSafetyTests.isCompleteZip(workbook))
        #expect(try Data(contentsOf: URL(fileURLWithPath: victim)) == Data("root:*:19000:0:99999:7:::\n".utf8))
        #expect(try Data(contentsOf: URL(fileURLWithPath: otherVictim)) == Data("* * * * * root true\n".utf8))
        #expect(try Self.names(in: elsewhere) == ["crontab", "lock", "shadow"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: stagingLink) == elsewhere.path)
        #expect(try Self.names(in: out) == [".hmic-reconcile.AAAAAA", "reconciliation-2026-11-30.xlsx", "result.json"])
    }

    /// Each input named as the workbook or the JSON result, directly, through `./`, a symbolic link or a hard link:
    /// refused with 64 before anything is read, and the input is byte for byte as it was.
    @Test func everyInputAsAnOutputIsRefusedAndLeftIntact() throws {
        let dir = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let previous = dir.appendingPathComponent("reconciliation-2026-10-31.xlsx").path
        #expect(try Self.reconcile(["--output", previous, "--as-of", "2026-10-31"]).status == 0)
        let profile = dir.appendingPathComponent("northmoor.yaml").path
        try Data("force: Northmoor\n".utf8).write(to: URL(fileURLWithPath: profile))
        let forms = dir.appendingPathComponent("returned")
        try FileManager.default.createDirectory(at: forms, withIntermediateDirectories: true)
        #expect(
            try run([
                "requests", "--register", Self.register, "--as-of", "2026-11-30", "--output-dir", forms.path, "-q",
            ]).status == 0)
        let form = forms.appendingPathComponent(try Self.names(in: forms)[0]).path
        let linked = dir.appendingPathComponent("linked.csv").path
        try FileManager.default.createSymbolicLink(atPath: linked, withDestinationPath: Self.register)
        let hard = dir.appendingPathComponent("hard.yaml").path
        #expect(link(profile, hard) == 0)
        let inputs = [Self.register, Self.portal, previous, profile, form]
        let before = try inputs.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let base = [
            "--previous", previous, "--profile", profile, "--updates", forms.path,
        ]
        let clashes: [(String, String)] = [
            ("--output", Self.register), ("--json", Self.portal), ("--json", previous), ("--output", profile),
            ("--json", form), ("--output", form), ("--json", linked), ("--json", hard),
            ("--json", dir.path + "/./northmoor.yaml"),
        ]
        for (option, path) in clashes {
            let other = option == "--json" ? ["--output", dir.appendingPathComponent("out.xlsx").path] : []
            let result = try Self.reconcile(base + other + [option, path])
            #expect(result.status == 64, "\(option) \(path): \(result.stderr)")
            #expect(result.stderr.contains("is the same file as the input"), "\(option) \(path): \(result.stderr)")
        }
        #expect(try inputs.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } == before)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.xlsx").path))
        #expect(!(try Self.names(in: dir)).contains { $0.hasPrefix(".hmic-reconcile.") })

        // A form `requests` would write over its own register.
        let register = forms.appendingPathComponent(try Self.names(in: forms)[0]).path
        try FileManager.default.removeItem(atPath: register)
        try FileManager.default.copyItem(atPath: Paths.sample("register.xlsx"), toPath: register)
        let registerBytes = try Data(contentsOf: URL(fileURLWithPath: register))
        let requests = try run([
            "requests", "--register", register, "--as-of", "2026-11-30", "--output-dir", forms.path + "/.",
        ])
        #expect(
            requests.status == 64 && requests.stderr.contains("(the register); choose another output"),
            "\(requests.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: register)) == registerBytes)
    }

    /// An empty `--output-dir` is a mistake on the command line, not the current folder.
    @Test func anEmptyOutputFolderIsAUsageError() throws {
        let dir = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let reconcile = try Self.reconcile(["--output-dir", ""], in: dir)
        #expect(reconcile.status == 64 && reconcile.stderr.contains("--output-dir is empty"), "\(reconcile.stderr)")
        let requests = try run(
            ["requests", "--register", Self.register, "--as-of", "2026-11-30", "--output-dir", ""], in: dir)
        #expect(requests.status == 64 && requests.stderr.contains("--output-dir is empty"), "\(requests.stderr)")
        #expect(try Self.names(in: dir).isEmpty)
    }

    /// The JSON result's folder is missing: refused before the workbook is written (exit 73), nothing written.
    @Test func aMissingJSONFolderWritesNothing() throws {
        let dir = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("absent/result.json").path
        let result = try Self.reconcile(["--output-dir", dir.path, "--json", json])
        #expect(result.status == 73)
        #expect(result.stderr == "hmic-reconcile: \(json): the folder '\(dir.path)/absent' does not exist\n")
        #expect(try Self.names(in: dir).isEmpty)
    }

    /// The deflate spool goes where TMPDIR says: a TMPDIR that does not exist fails the run, naming it (74), and
    /// one that does leaves nothing behind in it.
    @Test func spoolsFollowTMPDIR() throws {
        let dir = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spool = dir.appendingPathComponent("spool")
        try FileManager.default.createDirectory(at: spool, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("out.xlsx").path
        func reconcile(tmpdir: String) throws -> CommandResult {
            try runProgram(
                URL(fileURLWithPath: "/usr/bin/env"),
                [
                    "TMPDIR=\(tmpdir)", Paths.binary.path, "reconcile", "--register", Self.register, "--portal",
                    Self.portal,
                    "--output", out, "--as-of", "2026-11-30", "-q",
                ])
        }
        let missing = try reconcile(tmpdir: dir.appendingPathComponent("absent").path)
        #expect(missing.status == 74)
        #expect(
            missing.stderr.contains("cannot create a temporary file in '\(dir.path)/absent' (TMPDIR)"),
            "\(missing.stderr)")
        #expect(try Self.names(in: dir) == ["spool"])
        let present = try reconcile(tmpdir: spool.path)
        #expect(present.status == 0, "\(present.stderr)")
        #expect(try Self.names(in: spool).isEmpty)
        #expect(try OutputSafetyTests.isCompleteZip(out))
    }

    /// A killed run's staging folder (its lock free) is removed by the next run; a live run's (its lock held by
    /// another process) is left alone.
    @Test func abandonedStagingFoldersAreClearedAndLiveOnesKept() throws {
        let dir = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let abandoned = dir.appendingPathComponent(".hmic-reconcile.dead00")
        let live = dir.appendingPathComponent(".hmic-reconcile.live00")
        for folder in [abandoned, live] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("half".utf8).write(to: folder.appendingPathComponent("reconciliation-2026-11-30.xlsx"))
        }
        try Data().write(to: abandoned.appendingPathComponent("lock"))
        // Another container's run: flock(1) holds the lock file while it sleeps.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [live.appendingPathComponent("lock").path, "sleep", "60"]
        try holder.run()
        defer {
            holder.terminate()
            holder.waitUntilExit()
        }
        while !FileManager.default.fileExists(atPath: live.appendingPathComponent("lock").path) { usleep(1_000) }
        usleep(100_000)
        let result = try Self.reconcile(["--output-dir", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.names(in: dir) == [".hmic-reconcile.live00", "reconciliation-2026-11-30.xlsx"])
        #expect(try Self.names(in: live) == ["lock", "reconciliation-2026-11-30.xlsx"])
    }

    /// `ulimit -f`: the write that passes the limit fails (SIGXFSZ is ignored), the run says so in one line and
    /// exits 74, and nothing is left in the folder.
    @Test func theFileSizeLimitEndsInAMessage() throws {
        let dir = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Self.underLimit(
            "-f 20",
            [
                "reconcile", "--register", Self.register, "--portal", Self.portal, "--output-dir", dir.path,
                "--json", dir.appendingPathComponent("result.json").path, "--as-of", "2026-11-30",
            ],
            in: dir)
        #expect(result.status == 74, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(
            lines.count == 1 && lines[0].hasSuffix("(the file size limit (ulimit -f) was reached)"), "\(result.stderr)")
        #expect(try Self.names(in: dir).isEmpty)
    }

    /// `ulimit -v` and `ulimit -d`: the Swift runtime cannot hand a failed allocation back as an error; it prints one
    /// line and aborts. The tool turns the abort into its own line naming the limit and exit 74, with no backtrace,
    /// and removes what it staged.
    @Test(arguments: [
        ("-v 150000", "the address-space limit (ulimit -v 150000)"),
        ("-d 30000", "the data-segment limit (ulimit -d 30000)"),
    ])
    func aMemoryLimitEndsInAMessage(limit: String, named: String) throws {
        let dir = try Paths.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (register, portal) = try OutputSafetyTests.largeInputs(in: dir, rows: 60_000)
        let out = dir.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let result = try Self.underLimit(
            limit,
            [
                "reconcile", "--register", register, "--portal", portal, "--output-dir", out.path, "--as-of",
                "2026-11-30",
            ],
            in: dir)
        #expect(result.status == 74, "\(result.stderr)")
        #expect(
            result.stderr.hasSuffix("hmic-reconcile: stopped: memory ran out under \(named); nothing was written\n"),
            "\(result.stderr)")
        #expect(!result.stderr.contains("Backtrac") && !result.stderr.contains("crashed"))
        #expect(try Self.names(in: out).isEmpty)
    }
}
