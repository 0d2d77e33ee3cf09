import Foundation
import Testing

/// Has LibreOffice edit a workbook as a person would: a Basic macro opens it, types into it and saves it as Excel.
enum LibreOfficeMacro {
    /// Runs `sub` of `macro` (a Basic module with `Sub NAME(source As String, target As String)`) on `source` in
    /// `dir`, saving `target`: a private profile is made first, then the macro is put in its Standard library
    /// (LibreOffice replaces that library when it makes a profile).
    static func run(
        _ soffice: String, _ macro: String, sub: String, on source: String, into target: String, in dir: URL
    ) throws {
        let profile = dir.appendingPathComponent("lo-basic")
        let start = try runProgram(
            URL(fileURLWithPath: soffice),
            ["-env:UserInstallation=file://\(profile.path)", "--headless", "--terminate_after_init"], in: dir)
        try #require(start.status == 0, "soffice: \(start.stderr)")
        let escaped = macro.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;")
        let module = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
            <script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" \
            script:language="StarBasic">\(escaped)</script:module>
            """
        try module.write(
            to: profile.appendingPathComponent("user/basic/Standard/Module1.xba"), atomically: true, encoding: .utf8)
        let input = dir.appendingPathComponent(source).path
        let output = dir.appendingPathComponent(target).path
        let edit = try runProgram(
            URL(fileURLWithPath: soffice),
            [
                "-env:UserInstallation=file://\(profile.path)", "--headless",
                "macro:///Standard.Module1.\(sub)(\"\(input)\",\"\(output)\")",
            ], in: dir)
        try #require(edit.status == 0, "soffice: \(edit.stderr)")
        try #require(FileManager.default.fileExists(atPath: output), "LibreOffice did not save \(target)")
    }
}
