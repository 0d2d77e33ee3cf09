/// The tool's name and version, as reported in the JSON result and the workbook.
public enum ToolInfo {
    public static let name = "hmic-reconcile"
    public static let version = "0.1.0"
}

/// What is known about one input file beyond its records: for provenance in every output.
public struct InputFacts: Sendable {
    public var path: String
    public var sha256: String
    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}
