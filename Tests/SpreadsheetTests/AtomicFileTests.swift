import Foundation
import Testing

@testable import Spreadsheet

@Suite struct AtomicFileTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesManyBlocksAndLeavesNoTemporaryFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.json").path
        // Three and a half blocks, written a line at a time as the JSON writer does.
        let line = Array("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\n".utf8)
        let lines = ByteOutput.blockSize * 7 / 2 / line.count
        try AtomicFile.write(to: path) { output in
            for _ in 0..<lines {
                line.withUnsafeBufferPointer { output.append($0) }
                try output.flushIfFull()
                #expect(output.pendingCount <= ByteOutput.blockSize + line.count)
            }
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.count == lines * line.count)
        #expect(data.suffix(line.count) == Data(line))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.json"])
    }

    @Test func aFailingWriterLeavesTheOldFileAndNoTemporaryOne() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.json").path
        try AtomicFile.write(to: path) { $0.append("last month\n") }
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try AtomicFile.write(to: path) { output in
                output.append(contentsOf: String(repeating: "x", count: ByteOutput.blockSize + 1))
                try output.flushIfFull()
                throw Stop()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "last month\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.json"])
    }

    @Test func aWriteThatTheSystemRefusesNamesTheOutputAndTheReason() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("read-only.txt").path
        try #require(FileManager.default.createFile(atPath: path, contents: Data()))
        // A descriptor opened for reading refuses every write.
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var output = ByteOutput(descriptor: descriptor, name: "out.json")
        output.append("anything")
        let error = try #require(throws: HMICError.self) { try output.flush() }
        #expect(error.code == .ioFailure)
        #expect(error.description == "out.json: Bad file descriptor")
        #expect(error.cause as? SystemCallError == SystemCallError(call: "write", errno: EBADF))
    }

    @Test func aFinishedFileThatCannotBeMovedIntoPlaceIsRemoved() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A folder that is not empty stands where the file should go: the rename fails.
        let path = dir.appendingPathComponent("out.json").path
        try FileManager.default.createDirectory(atPath: path + "/inside", withIntermediateDirectories: true)
        let error = try #require(throws: HMICError.self) {
            try AtomicFile.write(to: path) { $0.append("{}\n") }
        }
        #expect(error.code == .cannotCreate && error.description.contains("cannot move the finished file into place"))
        #expect(error.cause as? SystemCallError == SystemCallError(call: "rename", errno: EISDIR))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: path) == ["inside"])
    }

    @Test func aMissingFolderIsRefusedBeforeAnythingIsWritten() throws {
        var called = false
        let error = try #require(throws: HMICError.self) {
            try AtomicFile.write(to: "/nonexistent-\(UUID().uuidString)/out.json") { _ in called = true }
        }
        #expect(error.code == .cannotCreate && !called)
    }
}
