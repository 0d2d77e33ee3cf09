/// One entry of a vocabulary list (header names, type or status spellings) as a profile writes it:
/// - plain words ("Force lead"), matched without case, punctuation, spacing or a plural "s";
/// - a leading phrase, the words followed by "…" or "..." ("Force lead…"), matching any text that starts with
///   those words ("Force Lead (Chief Officer)");
/// - a regular expression between slashes ("/^rag( status)?$/"), searched for in the text, ignoring case.
public enum TextPattern: Sendable, Equatable {
    case words(String)
    case leadingPhrase(String)
    case regularExpression(String)

    /// Reads an entry as written in a profile.
    public init(_ entry: String) {
        let text = entry.trimmed
        if text.count >= 2, text.hasPrefix("/"), text.hasSuffix("/") {
            self = .regularExpression(String(text.dropFirst().dropLast()))
        } else if text.hasSuffix("…") {
            self = .leadingPhrase(String(text.dropLast()))
        } else if text.hasSuffix("...") {
            self = .leadingPhrase(String(text.dropLast(3)))
        } else {
            self = .words(text)
        }
    }

    /// Why the entry cannot be used, or nil when it can: a regular expression that does not compile, or an entry
    /// that would match a blank cell (every blank cell would then take that meaning).
    public var problem: String? {
        switch self {
        case .words(let text), .leadingPhrase(let text):
            return Words.split(text).isEmpty ? "it has no letters or digits, so it would match blank cells" : nil
        case .regularExpression(let pattern):
            guard let regex = Self.compile(pattern) else {
                return "'/\(pattern)/' is not a valid regular expression"
            }
            return (try? regex.firstMatch(in: "")) != nil
                ? "the regular expression '/\(pattern)/' matches an empty cell, so it would match blank cells" : nil
        }
    }

    /// True when `text` is matched: words by their vocabulary key, a leading phrase by the text's first words, a
    /// regular expression anywhere in the text. Blank text is never matched.
    public func matches(_ text: String) -> Bool {
        switch self {
        case .words(let words):
            return !Words.split(text).isEmpty && Words.vocabularyKey(text) == Words.vocabularyKey(words)
        case .leadingPhrase(let phrase):
            let key = Words.vocabularyKey(phrase)
            return !key.isEmpty && Words.leadingKeys(of: text).contains(key)
        case .regularExpression(let pattern):
            guard !text.trimmed.isEmpty, let regex = Self.compile(pattern) else { return false }
            return (try? regex.firstMatch(in: text.trimmed)) != nil
        }
    }

    /// The regular expression, ignoring case; nil when it does not compile. Compiled on use: a compiled `Regex`
    /// cannot be shared between threads, and the loader asks once per distinct spelling.
    static func compile(_ pattern: String) -> Regex<AnyRegexOutput>? {
        (try? Regex(pattern))?.ignoresCase()
    }
}

extension Words {
    /// How many of a text's first words are tried as a leading phrase: the longest default spelling has seven.
    static let leadingPhraseLimit = 8

    /// The vocabulary keys of a text's leading words, longest first: "Completed – evidence submitted" gives
    /// "completedevidencesubmitted", "completedevidence", "completed". A text with a question mark gives none:
    /// its writer is unsure, and the tool does not guess ("Closed?? maybe").
    static func leadingKeys(of text: String) -> [String] {
        guard !text.contains("?") else { return [] }
        let words = split(text).prefix(leadingPhraseLimit).map(singular)
        return stride(from: words.count, to: 0, by: -1).map { words.prefix($0).joined() }
    }

    /// A word without a plural "s", as `vocabularyKey` folds it.
    static func singular(_ word: String) -> String {
        word.count > 2 && word.hasSuffix("s") && !word.hasSuffix("ss") ? String(word.dropLast()) : word
    }
}
