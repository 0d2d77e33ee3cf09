/// The three kinds of HMICFRS finding, in the order the board's table shows them.
public enum RecordType: String, CaseIterable, Sendable, Codable {
    case causeOfConcern
    case recommendation
    case areaForImprovement

    /// The default spellings (rules §2), matched case-insensitively with punctuation and plurals ignored.
    public static let defaultSpellings: [RecordType: [String]] = [
        .causeOfConcern: ["cause of concern", "CoC"],
        .recommendation: ["recommendation", "rec", "R"],
        .areaForImprovement: ["area for improvement", "AFI"],
    ]

    /// How the board's table heads the column.
    public var columnTitle: String {
        switch self {
        case .causeOfConcern: return "Causes of concern"
        case .recommendation: return "Recs"
        case .areaForImprovement: return "Areas for improvement"
        }
    }

    /// Singular and plural nouns for generated sentences.
    public func noun(_ count: Int) -> String {
        switch self {
        case .causeOfConcern: return count == 1 ? "cause of concern" : "causes of concern"
        case .recommendation: return count == 1 ? "recommendation" : "recommendations"
        case .areaForImprovement: return count == 1 ? "area for improvement" : "areas for improvement"
        }
    }
}
