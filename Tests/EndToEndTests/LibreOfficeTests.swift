import Foundation
import Testing

/// LibreOffice is a second, independent client: what it reads back from the workbook is what a board member sees.
@Suite struct LibreOfficeTests {
    static let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test func libreOfficeReadsTheSummaryFigures() throws {
        let soffice = try #require(
            Self.soffice, "LibreOffice is needed: scripts/install-dependencies --with-libreoffice")
        let dir = try Paths.scratch()
        let reconcile = try run(
            [
                "reconcile", "--register", Paths.sample("register.csv"), "--portal", Paths.sample("portal.csv"),
                "--output", "board.xlsx", "--as-of", "2026-11-30", "-q",
            ], in: dir)
        #expect(reconcile.status == 0)
        let profile = dir.appendingPathComponent("lo-profile")
        let convert = try runProgram(
            URL(fileURLWithPath: soffice),
            [
                "-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", "csv",
                "--outdir", dir.path, "board.xlsx",
            ], in: dir)
        #expect(convert.status == 0, "soffice: \(convert.stderr)")
        let csv = try String(contentsOf: dir.appendingPathComponent("board.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.contains("Total on Force register,21 (2),141 (14),29 (5),"), "\(lines.prefix(14))")
        #expect(lines.contains("Total on HMIC monitoring portal,20,131,24,"))
        #expect(lines.contains { $0.hasPrefix("Local PEEL,") })
        #expect(
            lines.contains {
                $0.contains("4 recommendations and 1 cause of concern")
                    || $0.contains("1 cause of concern and 4 recommendations")
            })
    }
}
