import Foundation
import Reconciliation
import Report
import Spreadsheet
import Testing

/// The monthly run in-process: what the command does, without the command.
@Suite struct MonthlyRunTests {
    /// The committed samples, found from this file's place in Tests/ReportTests/.
    static func sample(_ name: String) -> String {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return (parts + ["samples", Substring(name)]).joined(separator: "/")
    }

    static func options(in dir: URL, asOf day: CalendarDate = asOf, json: MonthlyRun.JSONDestination? = nil)
        -> MonthlyRun.Options
    {
        MonthlyRun.Options(
            register: sample("register.csv"), portal: sample("portal.csv"), output: .folder(dir.path),
            asOf: day, json: json)
    }

    @Test func theSamplesGiveTheREADMEFigures() throws {
        let dir = try scratch()
        let json = dir.appendingPathComponent("result.json").path
        let outcome = try MonthlyRun(Self.options(in: dir, json: .file(json))).run()
        #expect(outcome.registerRecords == 226 && outcome.portalRecords == 209)
        #expect(outcome.matched == 209 && outcome.discrepancies == 41)
        #expect(outcome.highestSeverity == .high)
        let workbook = dir.appendingPathComponent("reconciliation-2026-11-30.xlsx").path
        #expect(outcome.workbook == workbook)
        #expect(
            outcome.description.hasPrefix(
                "wrote \(workbook): 226 register and 209 portal records, 209 matched, 41 discrepancies ("))
        #expect(try sheetNames(workbook).contains("Discrepancies"))
        let doc = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        #expect((doc["discrepancies"] as? [Any])?.count == 41)
        let inputs = try #require(doc["inputs"] as? [String: [String: Any]])
        #expect(inputs["register"]?["sha256"] as? String == (try SHA256Digest.ofFile(Self.sample("register.csv"))))
        #expect(inputs["portal"]?["sha256"] as? String == (try SHA256Digest.ofFile(Self.sample("portal.csv"))))
    }

    /// Saves over the workbook, as the board would, once the register has been read.
    final class BoardSavesDuringTheRun: ReadingProgress {
        let workbook: String
        init(_ workbook: String) { self.workbook = workbook }
        func rowsRead(_ rows: Int, of source: Source) {}
        func finished(_ source: Source) {
            guard source == .register, let data = FileManager.default.contents(atPath: workbook) else { return }
            FileManager.default.createFile(atPath: workbook, contents: data + Data("saved".utf8))
        }
    }

    @Test func aWorkbookSavedDuringARerunIsLeftAsSaved() throws {
        let dir = try scratch()
        _ = try MonthlyRun(Self.options(in: dir)).run()
        let workbook = dir.appendingPathComponent("reconciliation-2026-11-30.xlsx").path
        let error = try #require(throws: HMICError.self) {
            try MonthlyRun(Self.options(in: dir)).run(progress: BoardSavesDuringTheRun(workbook))
        }
        #expect(error.code == .busy && error.file == workbook, "\(error)")
        let kept = try #require(FileManager.default.contents(atPath: workbook))
        #expect(kept.suffix(5) == Data("saved".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["reconciliation-2026-11-30.xlsx"])
    }

    @Test func aMissingInputIsUnreadableAndNothingIsWritten() throws {
        let dir = try scratch()
        let missing = dir.appendingPathComponent("nope.csv").path
        var options = Self.options(in: dir)
        options.portal = missing
        let error = try #require(throws: HMICError.self) { try MonthlyRun(options).run() }
        #expect(error.code == .unreadable && error.file == missing)
        #expect(error.description == "\(missing): no such file")

        options = Self.options(in: dir)
        options.profile = dir.appendingPathComponent("missing.yaml").path
        let profileError = try #require(throws: HMICError.self) { try MonthlyRun(options).run() }
        #expect(profileError.code == .unreadable && profileError.file == options.profile)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func anOutputOverAnInputOrInAMissingFolderIsRefusedBeforeReading() throws {
        let dir = try scratch()
        var options = Self.options(in: dir)
        options.output = .file(options.register)
        let overwrite = try #require(throws: HMICError.self) { try MonthlyRun(options) }
        #expect(overwrite.code == .usage && overwrite.file == nil)
        #expect(overwrite.description.contains("is the same file as the input"))

        options.output = .folder(dir.appendingPathComponent("absent").path)
        let absent = try #require(throws: HMICError.self) { try MonthlyRun(options) }
        #expect(absent.code == .cannotCreate && absent.message.contains("does not exist"))
    }

    /// Every output against every input and the other output, through a relative path or a link too, and the JSON
    /// result's folder, all before anything is read: nothing an officer points the run at by mistake is destroyed.
    @Test func noOutputMayOverwriteAnyInputOrTheOtherOutput() throws {
        let dir = try scratch()
        let profile = dir.appendingPathComponent("northmoor.yaml").path
        let previous = dir.appendingPathComponent("reconciliation-2026-10-31.xlsx").path
        for path in [profile, previous] {
            #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
        }
        let link = dir.appendingPathComponent("register-link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: Self.sample("register.csv"))
        var options = Self.options(in: dir)
        options.profile = profile
        options.previous = previous
        for json in [Self.sample("portal.csv"), link, profile, previous] {
            options.json = .file(json)
            let refused = try #require(throws: HMICError.self, "\(json)") { try MonthlyRun(options) }
            #expect(refused.code == .usage && refused.message.contains("is the same file as the input"), "\(json)")
        }
        options.json = nil
        options.output = .file(profile)
        #expect(throws: HMICError.self) { try MonthlyRun(options) }
        options.output = .file(dir.appendingPathComponent("out.xlsx").path)
        options.json = .file(dir.appendingPathComponent("./out.xlsx").path)
        let same = try #require(throws: HMICError.self) { try MonthlyRun(options) }
        #expect(same.code == .usage && same.message.contains("would be the same file"))
        options.json = .file(dir.appendingPathComponent("absent/result.json").path)
        let absent = try #require(throws: HMICError.self) { try MonthlyRun(options) }
        #expect(absent.code == .cannotCreate && absent.file?.hasSuffix("result.json") == true)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
                == ["northmoor.yaml", "reconciliation-2026-10-31.xlsx", "register-link.csv"])
    }

    /// An output that names a folder, or is left empty, is refused before anything is read: `--output-dir ''` is
    /// a mistake on the command line (64), not the current folder.
    @Test func anOutputThatIsAFolderOrEmptyIsRefusedBeforeReading() throws {
        let dir = try scratch()
        var options = Self.options(in: dir)
        options.json = .file(dir.path)
        let folder = try #require(throws: HMICError.self) { try MonthlyRun(options) }
        #expect(folder.code == .cannotCreate && folder.file == dir.path)
        #expect(folder.message == "is a folder; give a file name")
        options.json = nil
        options.output = .folder("")
        let emptyFolder = try #require(throws: HMICError.self) { try MonthlyRun(options) }
        #expect(emptyFolder.code == .usage && emptyFolder.message.hasPrefix("--output-dir is empty"))
        options.output = .file(dir.appendingPathComponent("out.xlsx").path)
        options.json = .file("")
        let emptyJSON = try #require(throws: HMICError.self) { try MonthlyRun(options) }
        #expect(emptyJSON.code == .usage && emptyJSON.message.hasPrefix("--json is empty"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    /// In an `--output-dir` run without `--previous`, last month's workbook in the folder is an input too: the JSON
    /// result may not be written over it.
    @Test func theJSONMayNotOverwriteTheWorkbookCarriedForward() throws {
        let dir = try scratch()
        let october = try MonthlyRun(Self.options(in: dir, asOf: october)).run().workbook
        let before = try Data(contentsOf: URL(fileURLWithPath: october))
        let refused = try #require(throws: HMICError.self) {
            try MonthlyRun(Self.options(in: dir, json: .file(dir.path + "/./reconciliation-2026-10-31.xlsx")))
        }
        #expect(refused.code == .usage)
        #expect(refused.message.contains("is the same file as the input \(october) (the previous workbook)"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: october)) == before)
    }

    @Test func aSecondRunInTheFolderCarriesTheFirstForward() throws {
        let dir = try scratch()
        let first = try MonthlyRun(Self.options(in: dir, asOf: october)).run()
        #expect(first.previous == nil)
        let second = try MonthlyRun(Self.options(in: dir)).run()
        #expect(second.previous == first.workbook)
        let sheets = try readBack(second.workbook)
        #expect(table(sheets["Run history"], header: "As at").map { $0["As at"] } == ["2026-10-31", "2026-11-30"])
        let changes = table(sheets["Changes"], header: "Change").compactMap { $0["Change"] }
        #expect(changes.contains("Continuing"))
        #expect(changes.filter { $0 == "New" || $0 == "Continuing" }.count == second.discrepancies)
    }

    /// A killed run leaves its staging folder with its lock free: the next run in the folder removes it. A live run's
    /// staging folder (its lock held) and anything not named as a staging folder are left alone.
    @Test func abandonedStagingFoldersAreRemovedAndLiveOnesKept() throws {
        let dir = try scratch()
        let abandoned = dir.appendingPathComponent(StagingFolder.prefix + "dead00")
        try FileManager.default.createDirectory(at: abandoned, withIntermediateDirectories: false)
        try Data().write(to: abandoned.appendingPathComponent(StagingFolder.lockName))
        try Data("half".utf8).write(to: abandoned.appendingPathComponent("reconciliation-2026-11-30.xlsx"))
        let live = try StagingFolder(in: dir.path, for: "another run's workbook")
        let lookalike = dir.appendingPathComponent(".reconciliation-2026-11-30.xlsx.2147483647.partial")
        try Data("someone else's".utf8).write(to: lookalike)

        _ = try MonthlyRun(Self.options(in: dir)).run()
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(!names.contains(abandoned.lastPathComponent))
        #expect(FileManager.default.fileExists(atPath: live.path))
        #expect(try Data(contentsOf: lookalike) == Data("someone else's".utf8))
        live.remove()
    }

    /// A run holds its output folder from before it reads anything until its outputs are in place: a second run on
    /// the same folder is refused at once, naming the folder, and writes nothing.
    @Test func aSecondRunOnTheSameFolderIsRefusedWhileTheFirstHoldsIt() throws {
        let dir = try scratch()
        let first = try MonthlyRun(Self.options(in: dir))
        let held = try first.stageOutputs()
        let busy = try #require(throws: HMICError.self) { try MonthlyRun(Self.options(in: dir)).run() }
        #expect(busy.code == .busy && busy.file == dir.path)
        #expect(busy.message.contains("another hmic-reconcile run is writing to this folder"))
        _ = try first.run(into: held)
        #expect(try MonthlyRun(Self.options(in: dir)).run().previous == nil)
    }
}
