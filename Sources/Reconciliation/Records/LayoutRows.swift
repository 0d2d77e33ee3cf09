import Spreadsheet

/// What a row below the header is when it is not a record, as the person who laid out the register meant it.
public enum RowKind: String, Sendable, CaseIterable {
    /// A title over the rows below it: it names their inspection, and sometimes their type.
    case heading
    /// "Total open", a COUNTIF result, a row of numbers under the table.
    case totals
    /// A key or legend: "Key:", "BLUE = complete".
    case key
    /// An action under an item of an action plan: only action, owner or date cells.
    case action
    /// Nothing in it.
    case blank
    /// Cells, but none of a record's: no reference, type, status or description.
    case skipped
}

/// What a heading row says about the rows below it.
public struct Heading: Sendable, Equatable {
    /// The inspection it names; nil when it names only a type ("Areas for improvement").
    public var inspection: String?
    /// The type as written, when the heading says so ("PEEL 2023/25 – Recommendations").
    public var typeText: String?

    public init(inspection: String?, typeText: String?) {
        self.inspection = inspection
        self.typeText = typeText
    }

    /// Reads a heading's text: all of it a type, or an inspection with a type after a dash or colon, or an
    /// inspection alone.
    public init(_ text: String, profile: Profile) {
        if profile.recordType(text) != nil {
            (inspection, typeText) = (nil, text)
            return
        }
        for separator in [" – ", " — ", " - ", ": "] {
            guard let split = text.lastRange(of: separator) else { continue }
            let tail = String(text[split.upperBound...]).trimmed
            if !tail.isEmpty, profile.recordType(tail) != nil {
                (inspection, typeText) = (String(text[..<split.lowerBound]).trimmed, tail)
                return
            }
        }
        (inspection, typeText) = (text, nil)
    }
}

extension String {
    /// The last range where `separator` occurs, found without Foundation.
    fileprivate func lastRange(of separator: String) -> Range<String.Index>? {
        var found: Range<String.Index>?
        var start = startIndex
        while let range = self[start...].firstRange(of: separator) {
            found = range
            start = range.upperBound
        }
        return found
    }
}

/// Tells layout rows (headings, totals, keys) from records by their cells alone.
enum LayoutRows {
    /// Words that start a totals row.
    private static let totalWords: Set<String> = ["total", "totals", "grand total", "subtotal", "sub total", "count"]
    /// Colours a register's key explains.
    static let colourWords: Set<String> = [
        "red", "amber", "green", "blue", "white", "black", "grey", "gray", "purple", "yellow", "orange",
    ]

    /// The filled cells of a row: column and value, blank text left out.
    static func filled(_ row: Row) -> [(column: Int, value: CellValue)] {
        row.cells.enumerated().compactMap { column, cell in
            guard let cell else { return nil }
            if case .string(let s) = cell, s.trimmed.isEmpty { return nil }
            return (column, cell)
        }
    }

    /// True for "Total open", "Totals", "Count: 12" (beside numbers only), or a row of numbers alone (COUNTIF
    /// results under a table).
    static func isTotals(_ cells: [(column: Int, value: CellValue)]) -> Bool {
        guard let first = cells.first else { return false }
        func isNumber(_ cell: (column: Int, value: CellValue)) -> Bool {
            if case .number = cell.value { return true }
            return false
        }
        if cells.allSatisfy(isNumber) { return true }
        guard case .string(let text) = first.value, cells.dropFirst().allSatisfy(isNumber) else { return false }
        let words = Words.split(text)
        guard let firstWord = words.first else { return false }
        return totalWords.contains(firstWord) || (words.count > 1 && totalWords.contains(words[0] + " " + words[1]))
    }

    /// The text of a key or legend row ("Key: BLUE = complete", "GREEN – on track"), or nil. A row that is only a
    /// colour and its meaning ("BLUE" | "Complete") is a key row when it follows one (`afterKey`). A row that
    /// starts with a colour and has more than two cells is a record whose first cell is its RAG status.
    static func keyText(_ cells: [(column: Int, value: CellValue)], afterKey: Bool) -> String? {
        guard case .string(let opening)? = cells.first?.value, mayOpenKey(opening) else { return nil }
        let texts = cells.compactMap { cell -> String? in
            if case .string(let s) = cell.value { return s.trimmed }
            return nil
        }
        guard texts.count == cells.count, let first = texts.first else { return nil }
        let words = Words.split(first)
        if Self.opensWithKeyLabel(first) {
            return texts.joined(separator: " ")
        }
        if let lead = words.first, colourWords.contains(lead), words.count > 1, texts.count <= 2,
            Self.definesColour(first)
        {
            return texts.joined(separator: " ")
        }
        if afterKey, texts.count == 2, words.count == 1, colourWords.contains(words[0]) {
            return "\(texts[0]) = \(texts[1])"
        }
        return nil
    }

    /// A quick look at a row's first cell before it is read word by word, since every row of a register is asked:
    /// a key's first cell opens with a colour, or names a key or legend.
    private static func mayOpenKey(_ text: String) -> Bool {
        let utf8 = text.utf8
        let start = utf8.firstIndex { isASCIIAlphanumeric($0) || $0 >= 0x80 } ?? utf8.endIndex
        let lead = utf8[start...].prefix(while: isASCIIAlphanumeric)
        if (3...6).contains(lead.count), colourWords.contains(String(decoding: lead, as: UTF8.self).lowercased()) {
            return true
        }
        return containsASCIICaseless(utf8, "key") || containsASCIICaseless(utf8, "legend")
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10
    }

    /// True when `word` (lower-case ASCII) occurs in `text`, case aside.
    private static func containsASCIICaseless(_ text: String.UTF8View, _ word: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        var matched = 0
        for byte in text {
            matched = (byte | 0x20) == pattern[matched] ? matched + 1 : ((byte | 0x20) == pattern[0] ? 1 : 0)
            if matched == pattern.count { return true }
        }
        return false
    }

    /// The text of one cell that is a key entry on its own ("BLUE = complete", "Key: GREEN – on track"), wherever
    /// it sits: beside the table, or among the title rows.
    static func keyEntry(_ cell: CellValue) -> String? {
        guard case .string(let raw) = cell else { return nil }
        let text = raw.trimmed
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic else { return nil }
        let words = Words.split(text)
        guard let lead = words.first, words.count > 1 else { return nil }
        if colourWords.contains(lead), definesColour(text) { return text }
        if Self.opensWithKeyLabel(text), text.contains("=") || text.contains(":") { return text }
        return nil
    }

    /// True when the text opens with a key's label: "Key", "Legend", "Key:", "RAG key: …", "Status legend – …"
    /// (the word among the first three, with nothing after it but a colon, an equals sign or a dash), but not
    /// "Key findings" or "Key stage 2", which are headings.
    static func opensWithKeyLabel(_ text: String) -> Bool {
        var words = 0
        var rest = Substring(text)
        while words < 3, let start = rest.firstIndex(where: { $0.isLetter || $0.isNumber }) {
            let word = rest[start...].prefix { $0.isLetter || $0.isNumber }
            rest = rest[word.endIndex...]
            words += 1
            guard ["key", "legend"].contains(word.lowercased()) else { continue }
            let next = rest.drop { $0 == " " }.first
            return next == nil || [":", "=", "-", "–", "—"].contains(next!)
        }
        return false
    }

    /// True when the text reads "COLOUR = meaning", "COLOUR: meaning" or "COLOUR – meaning".
    private static func definesColour(_ text: String) -> Bool {
        guard let word = text.split(whereSeparator: { !$0.isLetter }).first else { return false }
        let rest = text[word.endIndex...].drop { $0 == " " }
        guard let mark = rest.first else { return false }
        return ["=", ":", "–", "—", "-"].contains(mark)
    }

    /// The text of a heading row: one value in every filled cell (one cell, or one merged across the table), text
    /// rather than a number or date, and not only in a column a record's item leaves to its actions (status,
    /// leads, board, dates).
    static func headingText(_ cells: [(column: Int, value: CellValue)], actionColumns: Set<Int>) -> String? {
        guard let first = cells.first, case .string(let text) = first.value else { return nil }
        guard cells.allSatisfy({ $0.value == first.value }), !actionColumns.contains(first.column) else { return nil }
        return text.trimmed
    }
}

/// Sheet names that say nothing of an inspection ("Sheet1", "Register", "Archive", "Recs & AFIs").
enum SheetNames {
    private static let generic: Set<String> = [
        "sheet", "register", "tracker", "tracking", "data", "export", "log", "list", "lists", "archive", "archived",
        "closed", "complete", "completed", "open", "live", "current", "active", "all", "master", "main", "overview",
        "summary", "recommendations", "recommendation", "recs", "rec", "afis", "afi", "areas", "area", "for",
        "improvement", "improvements", "actions", "action", "plan", "findings", "hmicfrs", "hmic", "items", "and",
        "causes", "cause", "of", "concern", "cocs", "coc", "new", "old", "copy", "table", "working", "dashboard",
    ]

    /// True when the name is an inspection's rather than a generic one: some word of it is neither generic nor a
    /// number ("PEEL 2023-25", "Vetting 2022" but not "Sheet1", "Closed items", "Recs & AFIs").
    static func namesInspection(_ name: String) -> Bool {
        Words.split(name).contains { word in
            let letters = word.prefix { $0.isLetter }
            guard !letters.isEmpty else { return false }
            return !generic.contains(String(letters))
        }
    }
}
