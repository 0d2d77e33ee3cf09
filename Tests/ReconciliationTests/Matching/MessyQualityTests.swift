import SyntheticData
import Testing

@testable import Reconciliation

/// The fixed-seed quality bar: matching and every discrepancy class against the generator's ground truth.
@Suite struct MessyQualityTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func precisionAndRecallOnAFixedSeed(seed: UInt64) throws {
        let quality = try MatchingEvaluation.evaluate(MessyDataset.generate(seed: seed, size: 400))
        #expect(quality.matches.precision >= 0.995, "match precision \(quality.matches.precision)")
        #expect(quality.matches.recall >= 0.99, "match recall \(quality.matches.recall)")
        for kind in DiscrepancyClass.allCases {
            let rate = quality.classes[kind]!
            #expect(rate.truth > 0, "the generator makes \(kind.rawValue)")
            #expect(
                rate.precision >= 0.98, "\(kind.rawValue) precision \(rate.precision) (\(rate.correct)/\(rate.found))")
            #expect(rate.recall >= 0.98, "\(kind.rawValue) recall \(rate.recall) (\(rate.correct)/\(rate.truth))")
        }
    }

    /// The hard cases are in the data: sentences repeated under other inspections, PEEL titles written as
    /// registers write them, and references with characters nobody sees.
    @Test func theGeneratorMakesTheHardCases() throws {
        let dataset = MessyDataset.generate(seed: 3, size: 400)
        let register = dataset.registerRows.dropFirst(4)
        let portal = dataset.portalRows.dropFirst(3).filter { $0[0].lowercased().hasPrefix("cleveland") }
        let sentences = Dictionary(grouping: portal) { row in
            row[4].split(separator: " ").suffix(8).joined(separator: " ")
        }
        let repeated = sentences.values.filter { Set($0.map { InspectionKey(title: $0[3]).normalised }).count > 1 }
        #expect(repeated.count >= 10, "\(repeated.count) sentences under two inspections or more")
        let titles = Set(register.map { $0[3] })
        #expect(titles.contains { $0.hasPrefix("PEEL") && $0.contains("-") })
        #expect(titles.contains { $0.hasSuffix(" PEEL") })
        let invisible: Set<UInt32> = [0x200B, 0x200F, 0xFEFF, 0x2011, 0x200E, 0xFF10, 0xFF11, 0xFF12]
        #expect(register.contains { $0[1].unicodeScalars.contains { invisible.contains($0.value) } })
        #expect(dataset.registerEncoding == .utf8WithBOM)
        #expect((dataset.truth.scenarios["types differ, no inspection on the register"] ?? 0) > 0)
    }

    @Test func theGeneratorIsDeterministicAndMessy() {
        let a = MessyDataset.generate(seed: 3, size: 400)
        let b = MessyDataset.generate(seed: 3, size: 400)
        #expect(a.registerRows == b.registerRows)
        #expect(a.portalRows == b.portalRows)
        let text = a.registerRows.flatMap { $0 }.joined(separator: "\n")
        #expect(text.contains("…"))
        #expect(a.portalRows.contains { $0.first == "Durham Constabulary" || $0.first == "Northumbria Police" })
        #expect(!a.truth.registerDuplicates.isEmpty && !a.truth.portalDuplicates.isEmpty)
        // The register is written as Windows-1252: "…" is one byte, 0x85.
        #expect(MessyCSV.bytes([["a…"]], encoding: .windows1252) == [0x61, 0x85, 0x0D, 0x0A])
    }

    @Test func withoutReferencesEverythingPairsByWording() throws {
        var options = MessyOptions()
        options.references = false
        let dataset = MessyDataset.generate(seed: 5, size: 300, options: options)
        #expect(dataset.registerRows.dropFirst(4).allSatisfy { $0[1].isEmpty })
        let quality = try MatchingEvaluation.evaluate(dataset)
        #expect(quality.matches.precision >= 0.99)
        #expect(quality.matches.recall >= 0.99)
    }
}
