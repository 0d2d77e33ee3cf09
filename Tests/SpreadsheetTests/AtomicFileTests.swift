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
                output.append(String(repeating: "x", count: ByteOutput.blockSize + 1))
                try output.flushIfFull()
                throw Stop()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "last month\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.json"])
    }

    @Test func aWriteThatTheSystemRefusesNamesTheFile() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let descriptor = open("/dev/full", O_WRONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var output = ByteOutput(descriptor: descriptor, name: "/dev/full")
        output.append("anything")
        let error = try #require(throws: SpreadsheetError.self) { try output.flush() }
        #expect(error.kind == .ioFailure)
        #expect(error.description.contains("/dev/full") && error.description.contains("No space left"))
    }

    @Test func aMissingFolderIsRefusedBeforeAnythingIsWritten() throws {
        var called = false
        let error = try #require(throws: SpreadsheetError.self) {
            try AtomicFile.write(to: "/nonexistent-\(UUID().uuidString)/out.json") { _ in called = true }
        }
        #expect(error.kind == .cannotCreate && !called)
    }
}
