import Foundation

/// Runs the built `hmic-reconcile` binary and captures what it printed and how it exited.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var stdoutData: Data
}

enum Paths {
    /// The folder holding Package.swift.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static func sample(_ name: String) -> String { packageRoot.appendingPathComponent("samples/\(name)").path }

    /// The binary, built beside this test bundle.
    static let binary: URL = {
        let exe = URL(
            fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0])
        var dir = exe.deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("hmic-reconcile")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue
            {
                return candidate
            }
            dir.deleteLastPathComponent()
        }
        return exe.deletingLastPathComponent().appendingPathComponent("hmic-reconcile")
    }()

    /// A new empty folder for one test's outputs.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hmic-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Runs the binary with `arguments`, waiting for it to finish.
func run(_ arguments: [String], in directory: URL? = nil) throws -> CommandResult {
    try runProgram(Paths.binary, arguments, in: directory)
}

/// Runs any program, capturing both streams through temporary files (pipes could fill and deadlock).
func runProgram(_ program: URL, _ arguments: [String], in directory: URL? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = program
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("hmic-run-\(UUID().uuidString)")
    let outURL = base.appendingPathExtension("out")
    let errURL = base.appendingPathExtension("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
    }
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    let outData = try Data(contentsOf: outURL)
    let errData = try Data(contentsOf: errURL)
    return CommandResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self), stdoutData: outData)
}

/// The names of the files in the staging folders (`.hmic-reconcile.*`) of `folder`, where a run writes its outputs
/// before moving them into place.
func stagedNames(in folder: URL) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasPrefix(".hmic-reconcile.") }.flatMap {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent($0).path)) ?? []
    }
}

/// The text of one part of a zip file, through /usr/bin/unzip.
func zipPart(_ path: String, _ part: String) throws -> String {
    try runProgram(URL(fileURLWithPath: "/usr/bin/unzip"), ["-p", path, part]).stdout
}

/// Every piece of text a workbook holds: its shared strings and every worksheet part, where streamed tables keep
/// their strings inline.
func workbookText(_ path: String) throws -> String {
    try runProgram(URL(fileURLWithPath: "/usr/bin/unzip"), ["-p", path, "xl/sharedStrings.xml", "xl/worksheets/*.xml"])
        .stdout
}
