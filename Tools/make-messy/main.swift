import Foundation
import Reconciliation
import SyntheticData
import Spreadsheet

/// make-messy: writes a generated register and portal export with their ground truth, or measures matching on one.
///
///     make-messy --size 400 --out DIR [--seed N] [--no-references]   register.csv (Windows-1252), portal.csv, truth.csv
///     make-messy --evaluate 400 [--seed N] [--no-references]         precision and recall, as Markdown
let usage = """
    usage: make-messy --size N --out DIR [--seed N] [--no-references]
           make-messy --evaluate N [--seed N] [--no-references]
    """

var arguments = Array(CommandLine.arguments.dropFirst())
func value(_ flag: String) -> String? {
    guard let i = arguments.firstIndex(of: flag), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("make-messy: \(message)\n\(usage)\n".utf8))
    exit(64)
}

guard let seed = UInt64(value("--seed") ?? "1") else { fail("--seed takes a whole number") }
var options = MessyOptions()
if arguments.contains("--no-references") { options.references = false }

func format(_ x: Double) -> String { String(format: "%.4f", x) }

if let evaluate = value("--evaluate") {
    guard let size = Int(evaluate), size > 0 else { fail("--evaluate takes a number of findings") }
    let clock = ContinuousClock()
    let start = clock.now
    let dataset = MessyDataset.generate(seed: seed, size: size, options: options)
    let quality: MatchingQuality
    do {
        quality = try MatchingEvaluation.evaluate(dataset)
    } catch {
        fail("\(error)")
    }
    let total = clock.now - start
    print("Seed \(seed), \(size) findings\(options.references ? "" : ", no references"): \(quality.registerRecords) register "
          + "records, \(quality.portalRecords) portal records of the force (\(quality.portalRowsRead) portal rows read).")
    print("")
    print("| measure | truth | found | correct | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|")
    func line(_ name: String, _ r: Rate) {
        print("| \(name) | \(r.truth) | \(r.found) | \(r.correct) | \(format(r.precision)) | \(format(r.recall)) |")
    }
    line("all matches", quality.matches)
    line("text matches", quality.textMatches)
    for kind in DiscrepancyClass.allCases { line("`\(kind.rawValue)`", quality.classes[kind] ?? Rate()) }
    if arguments.contains("--errors") {
        print("")
        for error in quality.errors { print("- \(error)") }
        print("- scores of pairs that should be weak: \(quality.weakScores.map { String(format: "%.2f", $0) }.joined(separator: " "))")
    }
    print("")
    print("Matching took \(String(format: "%.3f", quality.matchingSeconds)) s; generating, writing, reading and classifying, "
          + "\(String(format: "%.1f", Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18)) s in all.")
    exit(0)
}

guard let sizeText = value("--size"), let size = Int(sizeText), size > 0, let out = value("--out") else { fail("missing arguments") }
let dataset = MessyDataset.generate(seed: seed, size: size, options: options)
do {
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    let register = MessyCSV.bytes(dataset.registerRows, encoding: .windows1252)
    let portal = MessyCSV.bytes(dataset.portalRows, encoding: .utf8WithBOM)
    var truth: [[String]] = [["register row", "portal row", "needs review"]]
    for pair in dataset.truth.pairs {
        let reasons: [String] = pair.review.map { $0.rawValue }
        truth.append([String(pair.registerRow), String(pair.portalRow), reasons.joined(separator: " ")])
    }
    for rows in dataset.truth.registerDuplicates {
        truth.append(["duplicate register rows", rows.map { String($0) }.joined(separator: " "), ""])
    }
    for rows in dataset.truth.portalDuplicates {
        truth.append(["duplicate portal rows", rows.map { String($0) }.joined(separator: " "), ""])
    }
    try Data(register).write(to: URL(fileURLWithPath: out).appendingPathComponent("register.csv"))
    try Data(portal).write(to: URL(fileURLWithPath: out).appendingPathComponent("portal.csv"))
    try Data(MessyCSV.bytes(truth, encoding: .utf8WithBOM)).write(to: URL(fileURLWithPath: out).appendingPathComponent("truth.csv"))
    print("wrote \(out)/register.csv (\(dataset.registerRows.count) rows), portal.csv (\(dataset.portalRows.count) rows), truth.csv; "
          + "reconcile with --force Cleveland --as-of \(MessyDataset.asOf)")
} catch {
    FileHandle.standardError.write(Data("make-messy: \(error)\n".utf8))
    exit(73)
}
