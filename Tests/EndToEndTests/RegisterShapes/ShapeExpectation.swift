import Foundation

/// One register shape of Tests/Fixtures/RegisterShapes: a folder holding the register (one or more copies of it, as
/// authored and as an office suite saved it), the portal export it is reconciled against, and expected.json.
struct ShapeCase: Sendable, CustomStringConvertible {
    /// The shape's folder name, e.g. "heading-rows".
    var shape: String
    /// The register file in that folder, e.g. "register.xlsx" or "register-openpyxl.xlsx".
    var registerFile: String

    /// The folder of shape folders it belongs to: the suite's, or the held-out set's.
    var base: URL = ShapeCase.root

    var description: String { "\(shape)/\(registerFile)" }

    static let root = Paths.packageRoot.appendingPathComponent("Tests/Fixtures/RegisterShapes")

    /// Shapes authored after the reader was built and never used to change it (docs/registers.md, "Held-out shapes").
    static let heldOutRoot = Paths.packageRoot.appendingPathComponent("Tests/Fixtures/RegisterShapesHeldOut")

    var folder: URL { base.appendingPathComponent(shape) }

    /// The shape's expectations; a folder without a readable expected.json is reported by `suiteHoldsTwentyShapesOrMore`.
    var expectation: ShapeExpectation? { try? ShapeExpectation.load(folder) }

    /// Every register file of every shape under `base` (the suite's folder unless told), shapes in name order.
    static func all(under base: URL = ShapeCase.root) -> [ShapeCase] {
        let manager = FileManager.default
        let shapes = (try? manager.contentsOfDirectory(atPath: base.path))?.sorted() ?? []
        return shapes.flatMap { shape -> [ShapeCase] in
            let files = (try? manager.contentsOfDirectory(atPath: base.appendingPathComponent(shape).path)) ?? []
            return files.filter(isRegisterFile).sorted().map {
                ShapeCase(shape: shape, registerFile: $0, base: base)
            }
        }
    }

    private static func isRegisterFile(_ name: String) -> Bool {
        name.hasPrefix("register") && [".xlsx", ".xml", ".csv"].contains { name.hasSuffix($0) }
    }
}

/// What expected.json says a default run on a shape gives. Written from SPEC by the shape generator, never by the
/// tool (Tools/make-register-shapes/make_shapes.py).
struct ShapeExpectation: Decodable {
    struct Options: Decodable {
        var asOf: String
        /// `--register-sheet` values, in order; none means the default choice of sheets.
        var registerSheets: [String]
        /// Lines of a profile file to pass with `--profile`; none means no profile.
        var profile: [String]
    }

    /// A register row and the portal record paired with it.
    struct Pair: Decodable {
        var registerSheet: String
        var registerRow: Int
        var registerRef: String?
        var portalRef: String
    }

    /// A discrepancy, known by its class and the records it names.
    struct Finding: Decodable {
        var `class`: String
        var registerSheet: String?
        var registerRow: Int?
        var registerRef: String?
        var portalRef: String?
    }

    /// A row inside or under the table that is not a record, and what it is: heading, blank, totals, key or action.
    struct LayoutRow: Decodable {
        var registerSheet: String
        var registerRow: Int
        var kind: String
    }

    /// One cell of the summary table.
    struct Counts: Decodable, Equatable {
        var register = 0
        var notOnPortal = 0
        var portal = 0
        var awaitingCentralSignOff = 0
    }

    var shape: String
    var options: Options
    var registerRecords: Int
    var portalRecords: Int
    /// True when the register gives no references and pairs by wording: a `needs-review` on a pair is then
    /// allowed, though not required (how sure the wording match is, is not what the shape tests).
    var pairsByWording: Bool
    var layoutRows: [LayoutRow]
    var pairs: [Pair]
    var discrepancies: [Finding]
    /// Group → type → counts; a group or type left out is all zeros.
    var summary: [String: [String: Counts]]

    static func load(_ folder: URL) throws -> ShapeExpectation {
        try JSONDecoder().decode(
            ShapeExpectation.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
    }
}
