// The benchmark harness's one executable. It calls the product's libraries directly, so each stage can be
// timed on its own without adding timing options to the product.
//
//   hmic-bench read FILE                       read the first sheet, count rows and cells (the reader alone)
//   hmic-bench stages REGISTER PORTAL OUT.xlsx [FORCE]
//                                              read, load records, match, classify, hash, write workbook; with
//                                              FORCE, keep that force's rows of a national portal export
//   hmic-bench cells WORKBOOK OUT.tsv          every cell of a workbook, for the writing micro-benchmarks
//   hmic-bench record-work REGISTER PORTAL [N] the record work alone, N times (default 5) on rows read once and
//                                              held: load, match and classify, each the fastest of the N runs.
//                                              What to compare two builds of the record work with: the file
//                                              reading, and most of the machine's noise, stay out of it
//
// `stages` prints one line per stage: `stage NAME SECONDS PEAK_RSS_KB`, the peak being the process's high-water
// mark when the stage ends (it never goes down, so a stage that adds nothing to it shows the earlier peak).
import Foundation
import Reconciliation
import Report
import Spreadsheet

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The process's peak resident set so far, in KB (VmHWM).
func peakKB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0
    }
    return 0
}

/// CPU seconds used by the process so far, all threads.
func cpuNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

var lastCPU = cpuNow()

/// Prints `stage NAME WALL_SECONDS PEAK_RSS_KB CPU_SECONDS`, the CPU seconds being those since the last report.
@MainActor func report(_ stage: String, _ seconds: Double, cpu: Double? = nil) {
    let c = cpuNow()
    print(
        "stage \(stage) \(String(format: "%.4f", seconds)) \(peakKB()) \(String(format: "%.4f", cpu ?? (c - lastCPU)))")
    lastCPU = c
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("hmic-bench: \(message)\n".utf8))
    exit(2)
}

/// What timing an empty stretch of code measures: the clock's own cost, about one `now()` call.
let clockOverhead: Double = {
    var total = 0.0
    let samples = 200_000
    for _ in 0..<samples {
        let t = now()
        total += now() - t
    }
    return total / Double(samples)
}()

/// Reads one side as the product does, timing the reader and the record loader apart: the loader's share is
/// the time spent inside its `add`, the reader's is the rest. Each row is timed as it arrives, as the product
/// loads it (timing rows in batches instead lets them go cold and costs the loader more than the clock does);
/// what the clock itself adds to each timed row, `clockOverhead`, is counted as reading.
func load(_ source: Source, _ path: String) throws -> (LoadedSource, read: Double, load: Double) {
    let start = now()
    let document = try SpreadsheetFile.open(path: path)
    let profile = Profile.standard
    let index = try RecordLoader.chooseSheet(source, in: document, profile: profile)
    var loader = RecordLoader(source, reading: document, sheet: index, profile: profile)
    var inLoader = 0.0
    var timed = 0
    try document.forEachRow(inSheet: index) { row in
        let t = now()
        try loader.add(row)
        inLoader += now() - t
        timed += 1
    }
    let t = now()
    let loaded = try loader.finish()
    inLoader += now() - t
    inLoader = max(0, inLoader - Double(timed + 1) * clockOverhead)
    return (loaded, now() - start - inLoader, inLoader)
}

/// Matches, then classifies and summarises: the record work after loading, `time` told each part's wall seconds.
func matchAndClassify(
    _ register: [Record], _ portal: inout [Record], asOf: CalendarDate, time: (String, Double) -> Void
)
    -> (Alignment, [Discrepancy], Summary)
{
    var t = now()
    let alignment = Matcher().align(register: register, portal: portal)
    time("match", now() - t)
    t = now()
    let (discrepancies, summary) = Reconciliation.classify(
        register: register, portal: portal, alignment: alignment, asOf: asOf)
    time("classify", now() - t)
    return (alignment, discrepancies, summary)
}

let args = CommandLine.arguments
guard args.count >= 2 else {
    fail(
        "usage: hmic-bench read FILE | stages REGISTER PORTAL OUT.xlsx [FORCE] | record-work REGISTER PORTAL [N] | cells WORKBOOK OUT.tsv"
    )
}
setenv("LC_NUMERIC", "C", 1)

do {
    switch args[1] {
    case "read":
        guard args.count == 3 else { fail("usage: hmic-bench read FILE") }
        let start = now()
        lastCPU = cpuNow()
        let document = try SpreadsheetFile.open(path: args[2])
        var rows = 0
        var cells = 0
        try document.forEachRow(inSheet: 0) { row in
            rows += 1
            for cell in row.cells where cell != nil { cells += 1 }
        }
        print("rows \(rows) cells \(cells)")
        report("read", now() - start)

    case "stages":
        guard args.count == 5 || args.count == 6 else {
            fail("usage: hmic-bench stages REGISTER PORTAL OUT.xlsx [FORCE]")
        }
        let asOf = CalendarDate(year: 2026, month: 11, day: 30)
        let t0 = now()
        let cpuAtStart = cpuNow()
        lastCPU = cpuAtStart
        let (register, readR, loadR) = try load(.register, args[2])
        var (portal, readP, loadP) = try load(.portal, args[3])
        let t1 = now()
        portal = try portal.filtered(toForce: args.count == 6 ? args[5] : nil)
        let filter = now() - t1
        // The CPU of reading and loading together is split in the proportion of their wall times.
        let cpuReadLoad = cpuNow() - lastCPU
        let wallReadLoad = readR + readP + loadR + loadP + filter
        report("read", readR + readP, cpu: cpuReadLoad * (readR + readP) / wallReadLoad)
        report("load", loadR + loadP + filter, cpu: cpuReadLoad * (loadR + loadP + filter) / wallReadLoad)

        let (alignment, discrepancies, summary) = matchAndClassify(register.records, &portal.records, asOf: asOf) {
            report($0, $1)
        }

        // The product's result type, filled with what was computed above rather than computed again.
        var empty = register
        empty.records = []
        var emptyPortal = portal
        emptyPortal.records = []
        var result = Reconciliation(register: empty, portal: emptyPortal, asOf: asOf, force: nil)
        result.register = register
        result.portal = portal
        result.alignment = alignment
        result.discrepancies = discrepancies
        result.summary = summary

        var t = now()
        let registerFacts = InputFacts(path: args[2], sha256: try SHA256Digest.ofFile(args[2]))
        let portalFacts = InputFacts(path: args[3], sha256: try SHA256Digest.ofFile(args[3]))
        report("hash", now() - t)

        t = now()
        try BoardWorkbook(result: result, register: registerFacts, portal: portalFacts, arguments: ["stages"]).write(
            to: args[4])
        report("write", now() - t)
        report("total", now() - t0, cpu: cpuNow() - cpuAtStart)
        print(
            "records register \(register.records.count) portal \(portal.records.count) matches \(alignment.matches.count) discrepancies \(discrepancies.count)"
        )

    case "record-work":
        guard args.count == 4 || args.count == 5 else { fail("usage: hmic-bench record-work REGISTER PORTAL [N]") }
        let runs = args.count == 5 ? max(1, Int(args[4]) ?? 5) : 5
        let asOf = CalendarDate(year: 2026, month: 11, day: 30)
        /// A side's rows, read once: the loader is then timed on rows in memory.
        func rows(_ source: Source, _ path: String) throws -> (any SpreadsheetDocument, Int, [Row]) {
            let document = try SpreadsheetFile.open(path: path)
            let index = try RecordLoader.chooseSheet(source, in: document, profile: .standard)
            var rows: [Row] = []
            try document.forEachRow(inSheet: index) { rows.append($0) }
            return (document, index, rows)
        }
        let (registerFile, registerSheet, registerRows) = try rows(.register, args[2])
        let (portalFile, portalSheet, portalRows) = try rows(.portal, args[3])
        var best: [String: Double] = [:]
        func keep(_ stage: String, _ seconds: Double) { best[stage] = min(best[stage] ?? .infinity, seconds) }
        var results = ""
        for _ in 0..<runs {
            let t = now()
            var registerLoader = RecordLoader(
                .register, reading: registerFile, sheet: registerSheet, profile: .standard)
            for row in registerRows { try registerLoader.add(row) }
            var portalLoader = RecordLoader(.portal, reading: portalFile, sheet: portalSheet, profile: .standard)
            for row in portalRows { try portalLoader.add(row) }
            let register = try registerLoader.finish()
            var portal = try portalLoader.finish()
            keep("load", now() - t)
            let (alignment, discrepancies, summary) = matchAndClassify(
                register.records, &portal.records, asOf: asOf, time: keep)
            results =
                "matches \(alignment.matches.count) discrepancies \(discrepancies.count) high \(summary.count(of: .high))"
        }
        for stage in ["load", "match", "classify"] { print("best \(stage) \(String(format: "%.4f", best[stage]!))") }
        print(
            "best record-work \(String(format: "%.4f", best["load"]! + best["match"]! + best["classify"]!)) (\(runs) runs; \(results))"
        )

    case "cells":
        // One line per cell: sheet index, 0-based row, column, kind (s string, n number, d date serial), value
        // with backslash, tab and line breaks escaped. Sheet names come first as `sheet INDEX NAME` lines.
        guard args.count == 4 else { fail("usage: hmic-bench cells WORKBOOK OUT.tsv") }
        let document = try SpreadsheetFile.open(path: args[2])
        guard let out = fopen(args[3], "w") else { fail("cannot write \(args[3])") }
        defer { fclose(out) }
        func escaped(_ s: String) -> String {
            guard s.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return s }
            return s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
                .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
        }
        var count = 0
        for (index, sheet) in document.sheets.enumerated() {
            fputs("sheet\t\(index)\t\(escaped(sheet.name))\n", out)
            try document.forEachRow(inSheet: index) { row in
                for (column, cell) in row.cells.enumerated() {
                    guard let cell else { continue }
                    count += 1
                    let r = row.number - 1
                    switch cell {
                    case .number(let n): fputs("\(index)\t\(r)\t\(column)\tn\t\(n)\n", out)
                    case .date(let d): fputs("\(index)\t\(r)\t\(column)\td\t\(d.daysSinceEpoch + 25_569)\n", out)
                    case .dateTime(let d, let s):
                        fputs(
                            "\(index)\t\(r)\t\(column)\td\t\(Double(d.daysSinceEpoch + 25_569) + Double(s) / 86_400)\n",
                            out)
                    default: fputs("\(index)\t\(r)\t\(column)\ts\t\(escaped(cell.text))\n", out)
                    }
                }
            }
        }
        print("cells \(count)")

    default:
        fail("unknown command \(args[1])")
    }
} catch {
    fail("\(error)")
}
