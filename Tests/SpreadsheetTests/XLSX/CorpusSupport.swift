import Foundation

@testable import Spreadsheet

/// Locates the package root (the folder holding Package.swift) and the shared corpus beside it.
enum Corpus {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath)
    }()

    static let root: URL = packageRoot.appendingPathComponent("../shared/corpus").standardizedFileURL

    /// Every workbook (.xlsx, .xlsm) under corpus/xlsx/*/, sorted, as paths relative to corpus/xlsx.
    static func workbooks() -> [String] {
        let base = root.appendingPathComponent("xlsx")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        var out: [String] = []
        for folder in folders.sorted() {
            let files =
                (try? FileManager.default.contentsOfDirectory(atPath: base.appendingPathComponent(folder).path)) ?? []
            for f in files.sorted() where f.hasSuffix(".xlsx") || f.hasSuffix(".xlsm") { out.append("\(folder)/\(f)") }
        }
        return out
    }
}

/// A fresh temporary folder for files a test builds.
func temporaryFolder(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("hmic-spreadsheet-tests-\(getpid())-\(name)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `parts` (name → content) into a folder and zips them with /usr/bin/zip into `name`.
func makeZip(_ parts: [(String, Data)], named name: String, in folder: URL) throws -> String {
    let staging = folder.appendingPathComponent("parts-\(name)")
    for (part, data) in parts {
        let url = staging.appendingPathComponent(part)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }
    let output = folder.appendingPathComponent(name).path
    let zip = Process()
    zip.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
    zip.currentDirectoryURL = staging
    zip.arguments = ["-q", "-X", "-r", output] + parts.map(\.0)
    try zip.run()
    zip.waitUntilExit()
    precondition(zip.terminationStatus == 0, "zip failed")
    return output
}

/// A minimal workbook's parts with the given sheet XML (and optional shared strings and workbook XML).
func workbookParts(sheet: String, sharedStrings: String? = nil, workbook: String? = nil) -> [(String, Data)] {
    let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    var parts: [(String, Data)] = [
        (
            "[Content_Types].xml",
            Data(
                """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/></Types>
                """.utf8)
        ),
        (
            "_rels/.rels",
            Data(
                """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="\(r)/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """.utf8)
        ),
        (
            "xl/workbook.xml",
            Data(
                (workbook ?? """
                    <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(ns)" xmlns:r="\(r)"><sheets>\
                    <sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>
                    """).utf8)
        ),
        (
            "xl/_rels/workbook.xml.rels",
            Data(
                """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="\(r)/worksheet" Target="worksheets/sheet1.xml"/>\
                <Relationship Id="rId2" Type="\(r)/sharedStrings" Target="sharedStrings.xml"/></Relationships>
                """.utf8)
        ),
        ("xl/worksheets/sheet1.xml", Data(sheet.utf8)),
    ]
    if let sharedStrings { parts.append(("xl/sharedStrings.xml", Data(sharedStrings.utf8))) }
    return parts
}
