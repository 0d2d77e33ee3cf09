import Foundation
import Reconciliation
import Report
import Testing

/// What `inspect` advises for values outside the vocabulary: a colour needs a key, a blank needs filling in, and
/// neither is proposed as a profile spelling.
@Suite struct InspectValuesTests {
    @Test func aColourAndABlankStatusGetAdviceThatWorks() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("register.csv").path
        try """
        Ref,Type,Description,Status
        R1,AFI,Improve call handling,Green
        R2,AFI,Improve vetting,
        R3,Area for Improvement (AFI),Improve supervision,Completed – evidence submitted 12/03/2024
        R4,AFI,Improve custody,Parked

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let (text, refusal) = try FileInspection(file: path, sheet: nil, side: .register, profile: .standard).report()
        #expect(refusal == nil)
        let lines = text.split(separator: "\n")
        let green = try #require(lines.first { $0.contains("'Green'") })
        #expect(green.contains("key row") && green.contains("colours") && !green.contains("under states"))
        let blank = try #require(lines.first { $0.contains("(blank)") })
        #expect(blank.contains("fill it in") && !blank.contains("profile"))
        let parked = try #require(lines.first { $0.contains("'Parked'") })
        #expect(parked.contains("add it to a profile under states"))
        #expect(
            lines.contains { $0.contains("'Completed – evidence submitted 12/03/2024'") && $0.contains("→ closed") })
        #expect(lines.contains { $0.contains("'Area for Improvement (AFI)'") && $0.contains("→ areaForImprovement") })
    }

    @Test func aColourWithAMeaningInTheProfileIsShownWithIt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("register.csv").path
        try "Ref,Type,Description,Status\nR1,AFI,Improve call handling,Green\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let profile = try ProfileFile.parse("colours:\n  green: on track\n", path: "p.yaml")
        let (text, _) = try FileInspection(file: path, sheet: nil, side: .register, profile: profile).report()
        let green = try #require(text.split(separator: "\n").first { $0.contains("'Green'") })
        #expect(green.contains("→ open"))
    }

    @Test func aRegisterWithoutAReferenceColumnIsShownPairingByWording() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("register.csv").path
        try "Type,Description,Status\nAFI,Improve call handling,Open\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let (text, refusal) = try FileInspection(file: path, sheet: nil, side: .register, profile: .standard).report()
        #expect(refusal == nil)
        #expect(text.contains("no reference column, so its rows pair by portal reference or wording"))
    }
}
