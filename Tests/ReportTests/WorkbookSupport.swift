import Foundation
import Reconciliation
import Report
import Spreadsheet

let asOf = CalendarDate(year: 2026, month: 11, day: 30)
let october = CalendarDate(year: 2026, month: 10, day: 31)

/// Builds a loaded source from text rows, the first being the header, as a sheet would deliver them.
func loaded(_ source: Source, _ table: [[String]]) throws -> LoadedSource {
    var loader = RecordLoader(source: source, path: "\(source.noun).csv", sheet: source.noun, profile: .standard)
    for (i, cells) in table.enumerated() {
        try loader.add(Row(number: i + 1, cells: cells.map { $0.isEmpty ? nil : .string($0) }))
    }
    return try loader.finish()
}

let registerHeader = [
    "Ref", "Portal Ref", "Type", "Inspection", "Description", "Force Lead", "Delivery Lead", "Status",
    "Target Date", "PAF Area",
]
let portalHeader = ["Force", "Recommendation ID", "Report", "Type", "Recommendation Text", "Status"]

/// A small reconciliation with a discrepancy of several kinds.
func sampleResult(asOf day: CalendarDate = asOf, extraRegister: [[String]] = []) throws -> Reconciliation {
    let register: [[String]] =
        [
            [
                "NMP-1", "HMIC-1", "Cause of concern", "PEEL 2025",
                "The force should improve how it investigates crime", "ACC A", "Supt B", "Open", "", "Q5",
            ],
            [
                "NMP-2", "HMIC-2", "AFI", "PEEL 2025", "The force should improve its response to the public", "ACC A",
                "", "Open", "", "Responding to the public",
            ],
            [
                "NMP-3", "", "Recommendation", "Fraud: Time to choose", "Force to record fraud victims' needs", "ACC A",
                "Supt B", "Open", "2025-01-01", "",
            ],
            [
                "NMP-4", "HMIC-4", "Recommendation", "Fraud: Time to choose", "Old thing", "ACC A", "Supt B",
                "FLL closed", "", "",
            ],
        ] + extraRegister
    let portal: [[String]] = [
        [
            "Northmoor Police", "HMIC-1", "PEEL 2025", "Cause of concern",
            "The force should improve how it investigates crime", "Closed",
        ],
        [
            "Northmoor Police", "HMIC-2", "PEEL 2025", "Area for improvement",
            "The force should improve its response to the public", "Open",
        ],
        [
            "Northmoor Police", "HMIC-4", "Fraud: Time to choose", "Recommendation", "Old thing",
            "Awaiting central sign-off",
        ],
        ["Northmoor Police", "HMIC-5", "Fraud: Time to choose", "Recommendation", "Another thing", "Open"],
    ]
    return Reconciliation(
        register: try loaded(.register, [registerHeader] + register),
        portal: try loaded(.portal, [portalHeader] + portal), asOf: day, force: nil)
}

let registerFacts = InputFacts(path: "register.csv", sha256: String(repeating: "a", count: 64))
let portalFacts = InputFacts(path: "portal.csv", sha256: String(repeating: "b", count: 64))

/// A new empty folder.
func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hmic-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes a workbook and returns its path.
func writeBook(
    _ result: Reconciliation, previous: PreviousRun? = nil, in dir: URL, name: String = "board.xlsx",
    constantMemoryAbove: Int? = nil, rowLimit: Int? = nil
) throws -> String {
    var book = BoardWorkbook(
        result: result, register: registerFacts, portal: portalFacts,
        arguments: ["reconcile", "--as-of", "\(result.asOf)"], previous: previous)
    if let constantMemoryAbove { book.constantMemoryAbove = constantMemoryAbove }
    if let rowLimit { book.rowLimit = rowLimit }
    let path = dir.appendingPathComponent(name).path
    try book.write(to: path)
    return path
}

/// Every sheet's rows as text, by sheet name, read back with the project's XLSX reader.
func readBack(_ path: String) throws -> [String: [[String]]] {
    let document = try SpreadsheetFile.open(path: path)
    var sheets: [String: [[String]]] = [:]
    for (i, sheet) in document.sheets.enumerated() {
        sheets[sheet.name] = try document.rows(inSheet: i).map { $0.cells.map { $0?.text ?? "" } }
    }
    return sheets
}

/// Sheet names in workbook order.
func sheetNames(_ path: String) throws -> [String] { try SpreadsheetFile.open(path: path).sheets.map(\.name) }

/// One part of a zip file, through /usr/bin/unzip.
func zipPart(_ path: String, _ part: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
    process.arguments = ["-p", path, part]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// The first row whose cell in `column` is `label`.
func row(_ rows: [[String]]?, _ label: String, column: Int = 0) -> [String]? {
    rows?.first { $0.count > column && $0[column] == label }
}

/// The header row of a table sheet (the one holding `title`) and the rows below it, as dictionaries by header.
func table(_ rows: [[String]]?, header title: String) -> [[String: String]] {
    guard let rows, let h = rows.firstIndex(where: { $0.contains(title) }) else { return [] }
    let header = rows[h]
    return rows[(h + 1)...].map { cells in
        var out: [String: String] = [:]
        for (i, name) in header.enumerated() where !name.isEmpty { out[name] = i < cells.count ? cells[i] : "" }
        return out
    }
}
