/// What a register's status colours mean, read from its key ("BLUE = complete", "GREEN – on track") or from a
/// profile's `colours:` lines. RED and AMBER are open and WHITE not applicable everywhere (rules §2); GREEN, BLUE
/// and the rest mean "on track" in one force and "complete" in another, so they are read only from a key.
public struct ColourKey: Sendable, Equatable {
    /// The colours a key may name, in lower case.
    public static let colours: Set<String> = [
        "red", "amber", "green", "blue", "white", "grey", "gray", "black", "purple", "yellow", "orange", "pink",
    ]
    /// Colours whose meaning is the same for every force: a key cannot change them.
    public static let fixed: Set<String> = ["red", "amber", "white"]

    /// The state each colour of the key stands for, by lower-case colour name (fixed colours left out).
    public private(set) var meanings: [String: LifecycleState] = [:]
    /// Entries that name a colour but whose meaning is not a known status ("PURPLE = see notes").
    public private(set) var unreadEntries: [String] = []

    /// A key from its meanings.
    public init(meanings: [String: LifecycleState]) {
        self.meanings = meanings.filter { !Self.fixed.contains($0.key) }
    }

    /// Reads key text: one entry per cell or line, or several in one separated by commas or semicolons. An entry is
    /// a colour and its meaning either way round, joined by "=", a dash or a colon ("BLUE = complete",
    /// "Complete – Blue"), optionally after "Key:" or "RAG status key:"; a cell holding only a colour takes its meaning from the next
    /// cell ("GREEN", "On track"). The meaning is read with `vocabulary`'s status spellings.
    public init(parsing texts: [String], vocabulary: Profile = .standard) {
        let entries = texts.flatMap { $0.split(whereSeparator: { ";,\n|".contains($0) }).map(String.init) }
        var index = 0
        while index < entries.count {
            var words = Self.entryWords(entries[index])
            if words.count == 1, Self.colours.contains(words[0]), index + 1 < entries.count,
                !Self.entryWords(entries[index + 1]).contains(where: Self.colours.contains)
            {
                words += Self.entryWords(entries[index + 1])
                index += 1
            }
            index += 1
            guard let (colour, meaning) = Self.colourAndMeaning(words) else { continue }
            guard let state = vocabulary.lifecycleState(meaning) else {
                unreadEntries.append(words.joined(separator: " "))
                continue
            }
            if !Self.fixed.contains(colour) { meanings[colour] = state }
        }
    }

    /// True when the text held no colour with a known meaning.
    public var isEmpty: Bool { meanings.isEmpty }

    /// Words that introduce a key rather than mean anything: "RAG status key:", "Colour code".
    static let introductions: Set<String> = ["key", "legend", "rag", "status", "colour", "color", "code"]

    /// An entry's words without the words introducing the key.
    private static func entryWords(_ entry: String) -> [String] {
        Array(Words.split(entry).drop { introductions.contains($0) })
    }

    /// The colour at either end of an entry's words and the words of its meaning at the other.
    private static func colourAndMeaning(_ words: [String]) -> (colour: String, meaning: String)? {
        guard words.count >= 2 else { return nil }
        if colours.contains(words[0]) { return (words[0], words.dropFirst().joined(separator: " ")) }
        if let last = words.last, colours.contains(last) { return (last, words.dropLast().joined(separator: " ")) }
        return nil
    }
}

extension Profile {
    /// The profile with a colour key's meanings as status spellings: each colour of the key is taken from any
    /// state it named before and given to the key's. A key on a sheet is applied after the profile's, so the
    /// sheet's own key wins for its rows.
    public func applying(_ key: ColourKey) -> Profile {
        guard !key.isEmpty else { return self }
        var copy = self
        for state in LifecycleState.allCases {
            copy.stateSpellings[state] = copy.stateSpellings[state, default: []].filter {
                key.meanings[Words.vocabularyKey($0)] == nil
            }
        }
        for (colour, state) in key.meanings.sorted(by: { $0.key < $1.key }) {
            copy.stateSpellings[state, default: []].append(colour)
        }
        copy.colourKey = ColourKey(meanings: (colourKey?.meanings ?? [:]).merging(key.meanings) { _, new in new })
        copy.rebuildIndexes()
        return copy
    }
}
