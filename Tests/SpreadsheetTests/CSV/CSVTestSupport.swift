import Foundation
import Spreadsheet

/// Reads CSV text held in memory, under a file name used for messages and the sheet name.
func csvDocument(_ text: String, name: String = "test.csv", limits: CSVLimits = .excel) throws -> CSVDocument {
    try CSVDocument(path: name, bytes: Array(text.utf8), limits: limits)
}

/// Each record's fields as text, `nil` for empty fields.
func csvRecords(_ document: CSVDocument) throws -> [[String?]] {
    try document.rows(inSheet: 0).map { row in row.cells.map { $0?.text } }
}

/// The records of `text` as text, `nil` for empty fields.
func csvRecords(_ text: String) throws -> [[String?]] {
    try csvRecords(csvDocument(text))
}

/// The error a throwing call raised as a `HMICError`, or nil when it did not throw one.
func spreadsheetError(_ body: () throws -> Void) -> HMICError? {
    do { try body() } catch let error as HMICError { return error } catch { return nil }
    return nil
}

/// The shared corpus: `../shared/corpus` beside the package root (the folder holding Package.swift).
func corpusFolder(filePath: String = #filePath) -> URL {
    var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    while folder.path != "/"
        && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path)
    {
        folder.deleteLastPathComponent()
    }
    return folder.deletingLastPathComponent().appendingPathComponent("shared/corpus")
}
