import Foundation
import Reconciliation
import Report
import Spreadsheet
import Testing

@Suite struct FileInspectionTests {
    @Test func theSampleRegisterIsReadAsTheRegisterWithItsSpellings() throws {
        let path = MonthlyRunTests.sample("register.csv")
        let (text, refusal) = try FileInspection(file: path, sheet: nil, side: nil, profile: .standard).report()
        #expect(refusal == nil)
        #expect(text.contains("Read as: the register (its headers fit the register's names best)"))
        #expect(text.contains("Records: 226 "))
        #expect(text.contains("Statuses:") && text.contains("Types:"))
    }

    @Test func aFileWithoutAStatusColumnIsShownThenRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("register.csv").path
        try "Ref,Type,Description\nR1,AFI,Improve\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (text, refusal) = try FileInspection(file: path, sheet: nil, side: .register, profile: .standard).report()
        #expect(text.contains("Header row: 1") && text.contains("it lacks status"))
        let error = try #require(refusal)
        #expect(error.code == .badData && error.file == path && error.row == 1)
    }
}
