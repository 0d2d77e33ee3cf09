import Foundation
import Testing

@testable import Spreadsheet

/// Staging folders, the output folder's lock and the all-or-nothing move of a run's outputs.
@Suite struct StagedOutputsTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("staged-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    private func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func bothOutputsLandTogetherAndNothingStagedIsLeft() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let workbook = dir.appendingPathComponent("board.xlsx").path
        let json = dir.appendingPathComponent("result.json").path
        try write("last month", to: workbook)
        let outputs = try StagedOutputs([workbook, json])
        let staged = outputs.stagedPath(for: workbook)
        #expect(staged.hasPrefix(dir.path + "/" + StagingFolder.prefix) && staged.hasSuffix("/board.xlsx"))
        try write("this month", to: staged)
        try AtomicFile.writeNew(at: outputs.stagedPath(for: json), name: json) { $0.append("{}\n") }
        // Staged, not yet in place.
        #expect(try read(workbook) == "last month")
        try outputs.commit()
        #expect(try read(workbook) == "this month" && read(json) == "{}\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["board.xlsx", "result.json"])
    }

    /// The second output cannot be moved into place: the first is put back as it was, and the error names the second.
    @Test func whenTheSecondCannotBeMovedTheFirstIsPutBack() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let workbook = dir.appendingPathComponent("board.xlsx").path
        let json = dir.appendingPathComponent("result.json").path
        let fresh = dir.appendingPathComponent("fresh.xlsx").path
        try write("last month", to: workbook)
        let outputs = try StagedOutputs([workbook, fresh, json])
        for output in [workbook, fresh, json] { try write("new", to: outputs.stagedPath(for: output)) }
        // A folder that is not empty now stands where the JSON should go.
        try FileManager.default.createDirectory(atPath: json + "/inside", withIntermediateDirectories: true)
        let error = try #require(throws: HMICError.self) { try outputs.commit() }
        #expect(error.code == .cannotCreate && error.file == json)
        #expect(error.message.hasPrefix("cannot move the finished file into place"))
        #expect(try read(workbook) == "last month")
        #expect(!FileManager.default.fileExists(atPath: fresh))
        outputs.discard()
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["board.xlsx", "result.json"])
    }

    @Test func withoutHardLinksTheReplacedOutputIsCopiedNeverMovedAside() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let workbook = dir.appendingPathComponent("board.xlsx").path
        try write("typed by the board", to: workbook)
        let outputs = try StagedOutputs([workbook])
        outputs.backsUpByLinking = false
        guard case .kept = outputs.keepExisting(workbook) else {
            Issue.record("the workbook was not kept")
            return
        }
        #expect(try read(workbook) == "typed by the board")
        // A stop signal now removes every staged file: the workbook is still there.
        for file in outputs.temporaryPaths.files { unlink(file) }
        #expect(try read(workbook) == "typed by the board")
    }

    @Test func aSecondHolderOfTheFolderIsRefusedAsBusyUntilTheFirstLetsGo() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var first: StagedOutputs? = try StagedOutputs([dir.appendingPathComponent("a.xlsx").path])
        // Another spelling of the same folder is the same folder.
        let error = try #require(throws: HMICError.self) {
            try StagedOutputs([dir.path + "/./b.json"])
        }
        #expect(error.code == .busy)
        #expect(error.file.map { FileIdentity($0).isSameFile(as: FileIdentity(dir.path)) } == true)
        #expect(
            error.description.hasSuffix(
                "another hmic-reconcile run is writing to this folder; try again when it has finished"))
        _ = first
        first = nil
        _ = try StagedOutputs([dir.path + "/./b.json"])
    }

    @Test func stagingFoldersArePrivateAndCreateFilesOnlyAnew() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let staging = try StagingFolder(in: dir.path, for: "board.xlsx")
        var status = stat()
        #expect(lstat(staging.path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o700 && status.st_mode & S_IFMT == S_IFDIR)
        let outside = dir.appendingPathComponent("outside.txt").path
        try write("precious", to: outside)
        try FileManager.default.createSymbolicLink(atPath: staging.file(named: "planted"), withDestinationPath: outside)
        let error = try #require(throws: HMICError.self) { try staging.create("planted") }
        #expect(error.code == .cannotCreate && error.file == "board.xlsx")
        #expect(try read(outside) == "precious")
        staging.remove()
        #expect(!FileManager.default.fileExists(atPath: staging.path))
        #expect(try read(outside) == "precious")
    }

    /// Clean-up removes only staging folders whose lock is free: never a live one, never a file or link of that name,
    /// never what a link points to, never anything of another name.
    @Test func cleanUpRemovesOnlyAbandonedStagingFolders() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let abandoned = dir.appendingPathComponent(StagingFolder.prefix + "dead00").path
        try FileManager.default.createDirectory(atPath: abandoned, withIntermediateDirectories: false)
        try write("", to: abandoned + "/" + StagingFolder.lockName)
        try write("half a workbook", to: abandoned + "/board.xlsx")
        let live = try StagingFolder(in: dir.path, for: "board.xlsx")
        try write("being written", to: live.file(named: "board.xlsx"))
        let elsewhere = try folder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try write("", to: elsewhere.appendingPathComponent(StagingFolder.lockName).path)
        try write("keep", to: elsewhere.appendingPathComponent("keep.txt").path)
        let link = dir.appendingPathComponent(StagingFolder.prefix + "link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: elsewhere.path)
        let plainFile = dir.appendingPathComponent(StagingFolder.prefix + "file").path
        try write("not a folder", to: plainFile)
        let otherName = dir.appendingPathComponent(".board.xlsx.2147483647.partial").path
        try write("someone else's", to: otherName)

        #expect(StagingFolder.removeAbandoned(in: dir.path) == [StagingFolder.prefix + "dead00"])
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(try read(live.file(named: "board.xlsx")) == "being written")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == elsewhere.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).sorted() == ["keep.txt", "lock"])
        #expect(try read(plainFile) == "not a folder" && read(otherName) == "someone else's")
        live.remove()
    }

    /// A link planted at the output's name is replaced by the file, not followed: what it pointed to is untouched.
    @Test func aLinkAtTheOutputNameIsReplacedNotFollowed() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outside = try folder()
        defer { try? FileManager.default.removeItem(at: outside) }
        let target = outside.appendingPathComponent("passwd").path
        try write("root:x:0:0", to: target)
        let output = dir.appendingPathComponent("result.json").path
        try FileManager.default.createSymbolicLink(atPath: output, withDestinationPath: target)
        try AtomicFile.write(to: output) { $0.append("{}\n") }
        var status = stat()
        #expect(lstat(output, &status) == 0 && status.st_mode & S_IFMT == S_IFREG)
        #expect(try read(output) == "{}\n" && read(target) == "root:x:0:0")
    }

    @Test func fileIdentitySeesThroughLinksAndSpellings() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("register.csv").path
        try write("Ref\n", to: file)
        let hard = dir.appendingPathComponent("hard.csv").path
        #expect(link(file, hard) == 0)
        let soft = dir.appendingPathComponent("soft.csv").path
        try FileManager.default.createSymbolicLink(atPath: soft, withDestinationPath: "register.csv")
        let identity = FileIdentity(file)
        for spelling in [hard, soft, dir.path + "/./register.csv", dir.path + "/sub/../register.csv"] {
            #expect(FileIdentity(spelling).isSameFile(as: identity), "\(spelling)")
        }
        let notYet = FileIdentity(dir.path + "/./new.json")
        #expect(notYet.inode == nil && notYet.isSameFile(as: FileIdentity(dir.path + "/new.json")))
        #expect(!notYet.isSameFile(as: identity))
    }
}
