import Foundation

// make-samples [output-dir]           writes register/portal .csv and .xlsx for the fictional Northmoor Police
// make-samples --check [samples-dir]  regenerates into a temporary folder and fails if any committed file differs

/// Prints to standard error.
func complain(_ message: String) {
    FileHandle.standardError.write(Data("make-samples: \(message)\n".utf8))
}

var arguments = Array(CommandLine.arguments.dropFirst())
let check = arguments.first == "--check"
if check { arguments.removeFirst() }
if arguments.contains(where: { $0.hasPrefix("-") }) || arguments.count > 1 {
    complain("usage: make-samples [--check] [output-dir]   (default: samples)")
    exit(64)
}
let directory = arguments.first ?? "samples"
let samples = makeSamples()

do {
    if check {
        let scratch = NSTemporaryDirectory() + "make-samples-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try writeSamples(samples, to: scratch)
        var stale: [String] = []
        for name in sampleFiles {
            let fresh = FileManager.default.contents(atPath: scratch + "/" + name)
            let committed = FileManager.default.contents(atPath: directory + "/" + name)
            if fresh == nil || fresh != committed { stale.append(name) }
        }
        guard stale.isEmpty else {
            complain(
                "\(stale.joined(separator: ", ")) in \(directory) differ from what the generator writes; run `swift run make-samples \(directory)`"
            )
            exit(1)
        }
        print("\(directory): \(sampleFiles.joined(separator: ", ")) are up to date")
    } else {
        try writeSamples(samples, to: directory)
        print(
            "wrote \(samples.register.count) register rows and \(samples.portal.count) portal rows to \(directory)/ (\(sampleFiles.joined(separator: ", ")))"
        )
    }
} catch {
    complain("\(error)")
    exit(73)
}
