import Spreadsheet

/// A header row found in a sheet and the field each of its columns maps to.
public struct HeaderMapping: Sendable {
    /// The side the header was read for.
    public var source: Source
    /// 1-based row number of the header.
    public var row: Int
    /// The header cells as written, by 0-based column.
    public var headers: [String]
    /// Field → 0-based column.
    public var columns: [Field: Int]

    /// Required fields with no column. A register needs no reference column when it has a description or a
    /// portal-reference column: its rows then pair by portal reference or by wording (rules §8).
    public var missingRequired: [Field] {
        Field.required.filter { field in
            guard columns[field] == nil else { return false }
            return !(field == .reference && canPairWithoutReference)
        }
    }

    /// True for a register header that has what matching uses in place of the register's own reference.
    public var canPairWithoutReference: Bool {
        source == .register && (columns[.description] != nil || columns[.portalReference] != nil)
    }
}

/// Finds the header row of a sheet, which may sit below title rows, by matching cells against the profile's names.
public struct HeaderDetector: Sendable {
    /// How many rows from the top are searched for the header.
    public static let searchDepth = 30

    public let source: Source
    private let fieldByKey: [String: (field: Field, rank: Int)]
    /// The profile's leading phrases and regular expressions, tried in order when no name matches exactly.
    private let patterns: [(pattern: TextPattern, field: Field, rank: Int)]

    public init(source: Source, profile: Profile) {
        self.source = source
        var index: [String: (field: Field, rank: Int)] = [:]
        var patterns: [(pattern: TextPattern, field: Field, rank: Int)] = []
        for field in Field.allCases {
            for (rank, name) in profile.headers[source]?[field, default: []].enumerated() ?? [].enumerated() {
                guard case .words(let words) = TextPattern(name) else {
                    patterns.append((TextPattern(name), field, rank))
                    continue
                }
                let key = Words.headerKey(words)
                if index[key] == nil, !key.isEmpty { index[key] = (field, rank) }
            }
        }
        fieldByKey = index
        self.patterns = patterns
    }

    /// The field a header cell names, if any.
    public func field(forHeader header: String) -> Field? {
        hit(forHeader: header)?.field
    }

    /// The field a header cell names and that name's place in the field's list: an exact name first, else the
    /// first pattern that matches.
    private func hit(forHeader header: String) -> (field: Field, rank: Int)? {
        if let exact = fieldByKey[Words.headerKey(header)] { return exact }
        guard let found = patterns.first(where: { $0.pattern.matches(header) }) else { return nil }
        return (found.field, found.rank)
    }

    /// Maps one row's cells to fields; each field takes the column whose name it prefers most, ties to the left.
    public func mapping(of row: Row) -> HeaderMapping {
        let headers = row.cells.map { $0?.text.trimmed ?? "" }
        var columns: [Field: Int] = [:]
        var ranks: [Field: Int] = [:]
        for (column, header) in headers.enumerated() where !header.isEmpty {
            guard let hit = hit(forHeader: header) else { continue }
            if let rank = ranks[hit.field], rank <= hit.rank { continue }
            columns[hit.field] = column
            ranks[hit.field] = hit.rank
        }
        return HeaderMapping(source: source, row: row.number, headers: headers, columns: columns)
    }

    /// The first row holding every required field, else the row naming most fields (which then lacks some).
    public func detect(in rows: [Row]) -> HeaderMapping? {
        var best: HeaderMapping?
        for row in rows.prefix(Self.searchDepth) {
            let m = mapping(of: row)
            if m.missingRequired.isEmpty { return m }
            if m.columns.count > (best?.columns.count ?? 0) { best = m }
        }
        return best
    }
}
