import Foundation
import Spreadsheet
import Testing

/// csv-spectrum: each `csvs/NAME.csv` must read as `json/NAME.json`, records keyed by the header row.
struct CSVSpectrumTests {
    static let folder = corpusFolder().appendingPathComponent("csv/spectrum")

    static var caseNames: [String] {
        let files =
            (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("csvs").path)) ?? []
        return files.filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test func corpusIsPresent() {
        #expect(Self.caseNames.count >= 12, "csv-spectrum not found under \(Self.folder.path)")
    }

    @Test(arguments: caseNames)
    func readsAsItsJSON(name: String) throws {
        let csvPath = Self.folder.appendingPathComponent("csvs/\(name).csv").path
        let document = try CSVDocument(path: csvPath)
        #expect(document.sheets == [SheetInfo(name: name, visible: true)])
        #expect(document.delimiter == .comma)
        let rows = try document.rows(inSheet: 0)
        let header = try #require(rows.first).cells.map { $0?.text ?? "" }
        let actual: [[String: String]] = rows.dropFirst().map { row in
            Dictionary(uniqueKeysWithValues: header.enumerated().map { column, key in (key, row[column]?.text ?? "") })
        }
        var expected = try Self.expectedRecords(name)
        let csvBytes = try Data(contentsOf: URL(fileURLWithPath: csvPath))
        if name == "location_coordinates" {
            // Known defect of the upstream oracle: its JSON gives the phone number as 1234567890 while the CSV
            // holds 2095257564. The reader must return what the file holds.
            #expect(expected.first?["Contact Phone Number"] == "1234567890")
            expected[0]["Contact Phone Number"] = "2095257564"
        }
        if !csvBytes.contains(0x0D) {
            // The *_crlf files are stored here with LF line ends, while their JSON still expects the CRLF
            // written inside quoted fields of the original: compare against what this copy holds.
            expected = expected.map { $0.mapValues { $0.replacingOccurrences(of: "\r\n", with: "\n") } }
        }
        #expect(actual == expected)
    }

    /// The expected records; a file holding one object rather than an array is one record.
    static func expectedRecords(_ name: String) throws -> [[String: String]] {
        let data = try Data(contentsOf: folder.appendingPathComponent("json/\(name).json"))
        let json = try JSONSerialization.jsonObject(with: data)
        if let object = json as? [String: String] { return [object] }
        return try #require(json as? [[String: String]])
    }
}
