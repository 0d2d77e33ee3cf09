import Foundation
import Reconciliation
import Spreadsheet
import SyntheticData

/// make-messy: writes a generated register and portal export with their ground truth, or measures matching on one.
///
///     make-messy --size 400 --out DIR [--seed N] [--no-references]   register.csv (Windows-1252), portal.csv, truth.csv
///     make-messy --evaluate 400 [--seed N] [--no-references]         precision and recall, as Markdown
///     make-messy --summary 3000 --seeds 101-110                       a line per seed: the quality bar's figures
/// `--plain` generates without the hard cases (repeated sentences, titles written differently, invisible characters).
let usage = """
    usage: make-messy --size N --out DIR [--seed N] [--no-references]
           make-messy --evaluate N [--seed N] [--no-references] [--plain] [--errors]
           make-messy --summary N --seeds A-B [--no-references] [--plain]
           make-messy --margins N [--seed N] [--errors]
           make-messy --time-matching N [--seed N] [--runs R]
    """

let arguments = Array(CommandLine.arguments.dropFirst())
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
if arguments.contains("--plain") { options.hardCases = false }

// Thresholds other than the command's, to see how the figures move with them.
var settings = TextMatchSettings()
if let x = value("--acceptance").flatMap(Double.init) { settings.acceptance = x }
if let x = value("--weak-below").flatMap(Double.init) { settings.weak = x }

func format(_ x: Double) -> String { String(format: "%.4f", x) }

if let evaluate = value("--evaluate") {
    guard let size = Int(evaluate), size > 0 else { fail("--evaluate takes a number of findings") }
    let clock = ContinuousClock()
    let start = clock.now
    let dataset = MessyDataset.generate(seed: seed, size: size, options: options)
    let quality: MatchingQuality
    do {
        quality = try MatchingEvaluation.evaluate(dataset, matcher: Matcher(settings: settings))
    } catch {
        fail("\(error)")
    }
    let total = clock.now - start
    print(
        "Seed \(seed), \(size) findings\(options.references ? "" : ", no references"): \(quality.registerRecords) register "
            + "records, \(quality.portalRecords) portal records of the force (\(quality.portalRowsRead) portal rows read)."
    )
    print("")
    print("| measure | truth | found | correct | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|")
    func line(_ name: String, _ r: Rate) {
        print("| \(name) | \(r.truth) | \(r.found) | \(r.correct) | \(format(r.precision)) | \(format(r.recall)) |")
    }
    line("all matches", quality.matches)
    line("text matches", quality.textMatches)
    for kind in DiscrepancyClass.allCases { line("`\(kind.rawValue)`", quality.classes[kind] ?? Rate()) }
    print("")
    print(
        "Findings by scenario: "
            + dataset.truth.scenarios.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    )
    if arguments.contains("--errors") {
        print("")
        for error in quality.errors { print("- \(error)") }
        print(
            "- scores of pairs that should be weak: \(quality.weakScores.map { String(format: "%.2f", $0) }.joined(separator: " "))"
        )
    }
    print("")
    print(
        "Matching took \(String(format: "%.3f", quality.matchingSeconds)) s; generating, writing, reading and classifying, "
            + "\(String(format: "%.1f", Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18)) s in all."
    )
    exit(0)
}

if let summarySize = value("--summary") {
    // One line per seed: the figures the quality bar is judged on, for a range of seeds ("--seeds 101-110").
    guard let size = Int(summarySize), size > 0 else { fail("--summary takes a number of findings") }
    let range = (value("--seeds") ?? "\(seed)-\(seed)").split(separator: "-").compactMap { UInt64($0) }
    guard range.count == 2, range[0] <= range[1] else { fail("--seeds takes a range such as 101-110") }
    print("| seed | size | match precision | match recall | lowest class precision | lowest class recall |")
    print("|---:|---:|---:|---:|---:|---:|")
    // Every seed's counts added up, for a per-class table over all of them.
    var pooled: [(String, Rate)] =
        [("all matches", Rate()), ("text matches", Rate())]
        + DiscrepancyClass.allCases.map { ("`\($0.rawValue)`", Rate()) }
    for s in range[0]...range[1] {
        let quality: MatchingQuality
        do {
            quality = try MatchingEvaluation.evaluate(
                MessyDataset.generate(seed: s, size: size, options: options), matcher: Matcher(settings: settings))
        } catch {
            fail("\(error)")
        }
        let classes = DiscrepancyClass.allCases.map { ($0, quality.classes[$0] ?? Rate()) }
        let precision = classes.min { $0.1.precision < $1.1.precision }!
        let recall = classes.min { $0.1.recall < $1.1.recall }!
        func lowest(_ value: Double, _ kind: DiscrepancyClass) -> String {
            value < 1 ? "\(format(value)) (\(kind.rawValue))" : format(value)
        }
        print(
            "| \(s) | \(size) | \(format(quality.matches.precision)) | \(format(quality.matches.recall)) | "
                + "\(lowest(precision.1.precision, precision.0)) | \(lowest(recall.1.recall, recall.0)) |")
        for (i, rate) in ([quality.matches, quality.textMatches] + classes.map(\.1)).enumerated() {
            pooled[i].1.truth += rate.truth
            pooled[i].1.found += rate.found
            pooled[i].1.correct += rate.correct
        }
    }
    print("")
    print("Seeds \(range[0])–\(range[1]) together, \(size) findings each:")
    print("")
    print("| measure | truth | found | correct | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|")
    for (name, r) in pooled {
        print("| \(name) | \(r.truth) | \(r.found) | \(r.correct) | \(format(r.precision)) | \(format(r.recall)) |")
    }
    exit(0)
}

if let timeSize = value("--time-matching") {
    // The matcher alone on a register with no references (every pair by wording), best of a few runs: wall clock
    // and the process's CPU time (both cores), so that a busy machine shows as wall clock above CPU time.
    guard let size = Int(timeSize), size > 0 else { fail("--time-matching takes a number of findings") }
    let runs = Int(value("--runs") ?? "3") ?? 3
    var noReferences = options
    noReferences.references = false
    let (register, portal) = try MatchingEvaluation.load(
        MessyDataset.generate(seed: seed, size: size, options: noReferences))
    func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(
            usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
    var bestWall = Double.infinity
    var bestCPU = Double.infinity
    var pairs = 0
    let clock = ContinuousClock()
    for _ in 0..<max(1, runs) {
        let cpu0 = cpuSeconds()
        let t0 = clock.now
        let alignment = Matcher().align(register: register.records, portal: portal.records)
        let wall = clock.now - t0
        let cpu = cpuSeconds() - cpu0
        bestWall = min(bestWall, Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18)
        bestCPU = min(bestCPU, cpu)
        pairs = alignment.matches.count
    }
    print(
        "Seed \(seed), \(size) findings, no references: \(register.records.count) register records, \(portal.records.count) "
            + "portal records; \(pairs) pairs. Matching, best of \(max(1, runs)): \(String(format: "%.3f", bestWall)) s wall, "
            + "\(String(format: "%.3f", bestCPU)) s CPU.")
    exit(0)
}

if let marginsSize = value("--margins") {
    guard let size = Int(marginsSize), size > 0 else { fail("--margins takes a number of findings") }
    let m: ScoreMargins
    do {
        m = try MatchingEvaluation.margins(
            MessyDataset.generate(seed: seed, size: size, options: options), settings: settings)
    } catch {
        fail("\(error)")
    }
    func q(_ v: [Double], _ s: Double) -> String { String(format: "%.3f", ScoreMargins.quantile(v, s)) }
    func count(_ v: [Double], _ test: (Double) -> Bool) -> Int { v.filter(test).count }
    print(
        "Seed \(seed), \(size) findings: score margins (acceptance \(settings.acceptance), weak below \(settings.weak))."
    )
    print("")
    print("| pairs | n | min | 0.1 % | 1 % | 50 % | 99 % | 99.9 % | max | below acceptance | below weak |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (name, v) in [
        ("true, to trust", m.strong), ("true, weak", m.weak), ("true, to trust: wording alone", m.strongWording),
        ("true, weak: wording alone", m.weakWording), ("best wrong candidate", m.wrong),
        ("best wrong, no counterpart", m.wrongUnpaired), ("counterpart's lead over best wrong", m.lead),
    ] {
        print(
            "| \(name) | \(v.count) | \(q(v, 0)) | \(q(v, 0.001)) | \(q(v, 0.01)) | \(q(v, 0.5)) | \(q(v, 0.99)) | "
                + "\(q(v, 0.999)) | \(q(v, 1)) | \(count(v) { $0 < settings.acceptance }) | \(count(v) { $0 < settings.weak }) |"
        )
    }
    print("")
    print(
        "True pairs the index did not offer: \(m.notOffered). Counterparts outscored by a wrong candidate: "
            + "\(count(m.lead) { $0 < 0 }); led by less than \(settings.ambiguityMargin): \(count(m.lead) { $0 < settings.ambiguityMargin })."
    )
    if arguments.contains("--errors") {
        let weakAll = m.examples.filter { $0.kind == "weak" }.sorted { $0.score < $1.score }
        let weak = weakAll.prefix(8) + weakAll.suffix(8)
        let wrong = m.examples.filter { $0.kind == "wrong" }.sorted { $0.score > $1.score }.prefix(15)
        let strong = m.examples.filter { $0.kind == "true" }.sorted { $0.score < $1.score }.prefix(10)
        for e in Array(weak) + Array(wrong) + Array(strong) {
            print("\(e.kind) \(String(format: "%.3f", e.score))\n  R: \(e.register)\n  P: \(e.portal)")
        }
    }
    exit(0)
}

guard let sizeText = value("--size"), let size = Int(sizeText), size > 0, let out = value("--out") else {
    fail("missing arguments")
}
let dataset = MessyDataset.generate(seed: seed, size: size, options: options)
do {
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    let register = MessyCSV.bytes(dataset.registerRows, encoding: dataset.registerEncoding)
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
    try Data(MessyCSV.bytes(truth, encoding: .utf8WithBOM)).write(
        to: URL(fileURLWithPath: out).appendingPathComponent("truth.csv"))
    print(
        "wrote \(out)/register.csv (\(dataset.registerRows.count) rows), portal.csv (\(dataset.portalRows.count) rows), truth.csv; "
            + "reconcile with --force Cleveland --as-of \(MessyDataset.asOf)")
} catch {
    FileHandle.standardError.write(Data("make-messy: \(error)\n".utf8))
    exit(73)
}
