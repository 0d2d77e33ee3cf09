import Spreadsheet

/// A header row found in a sheet and the field each of its columns maps to.
public struct HeaderMapping: Sendable {
    /// The side the header was read for.
    public var source: Source
    /// 1-based row number of the header (the lower row of a header written over two rows).
    public var row: Int
    /// The row above `row` when the header is written over two rows ("Force" above "Lead"); nil for one row.
    public var upperRow: Int?
    /// The header cells as written, by 0-based column.
    public var headers: [String]
    /// Field → 0-based column.
    public var columns: [Field: Int]
    /// True for a register header without a type column whose heading rows name the type of the rows under them
    /// ("PEEL 2023/25 – Recommendations"): the type is then read from the headings.
    public var typeFromHeadings = false

    /// Required fields with no column. A register needs no reference column when it has a description or a
    /// portal-reference column: its rows then pair by portal reference or by wording (rules §8).
    public var missingRequired: [Field] {
        Field.required.filter { field in
            guard columns[field] == nil else { return false }
            if field == .type && typeFromHeadings { return false }
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
    /// The profile whose type spellings tell a heading that names a type.
    private let profile: Profile
    private let fieldByKey: [String: (field: Field, rank: Int)]
    /// The profile's leading phrases and regular expressions, tried in order when no name matches exactly.
    private let patterns: [(pattern: TextPattern, field: Field, rank: Int)]
    /// The 0-based columns the sheet hides. A person reads the columns shown: a field takes a shown column that
    /// names it over a hidden one (last month's "Status" hidden beside "Current Status"), and a hidden column only
    /// when no shown column names the field.
    public var hiddenColumns: Set<Int> = []

    public init(source: Source, profile: Profile) {
        self.source = source
        self.profile = profile
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
        mapping(headers: row.cells.map { $0?.text.trimmed ?? "" }, row: row.number)
    }

    /// Maps two rows read as one header. Per column: "upper lower" ("Force" above "Lead": "Force Lead") or
    /// "lower upper" (a group header "Lead" merged above "Force" and "Delivery") when that names a field, else the
    /// lower cell, else the upper one when the lower is empty (a header merged down over both rows).
    public func mapping(of upper: Row, over lower: Row) -> HeaderMapping {
        let width = max(upper.cells.count, lower.cells.count)
        let headers = (0..<width).map { column -> String in
            let top = upper[column]?.text.trimmed ?? ""
            let bottom = lower[column]?.text.trimmed ?? ""
            guard !top.isEmpty else { return bottom }
            guard !bottom.isEmpty else { return top }
            if top == bottom { return bottom }
            for joined in ["\(top) \(bottom)", "\(bottom) \(top)"] where field(forHeader: joined) != nil {
                return joined
            }
            return bottom
        }
        var found = mapping(headers: headers, row: lower.number)
        found.upperRow = upper.number
        return found
    }

    /// The better of `base` and the two-row reading of `upper` over `lower`: the two rows when they map every
    /// field `base` maps, to the same columns, and more besides. Rows of a header are text; a data row below a
    /// header always takes some field's column away, so it is never read as part of the header.
    public func extended(_ base: HeaderMapping, upper: Row, lower: Row) -> HeaderMapping {
        guard upper.number == lower.number - 1, Self.isText(upper), Self.isText(lower) else { return base }
        let pair = mapping(of: upper, over: lower)
        guard pair.columns.count > base.columns.count,
            base.columns.allSatisfy({ pair.columns[$0.key] == $0.value })
        else { return base }
        return pair
    }

    /// True when every filled cell of the row is text, as a header's cells are.
    private static func isText(_ row: Row) -> Bool {
        row.cells.allSatisfy { cell in
            guard let cell else { return true }
            if case .string = cell { return true }
            return false
        }
    }

    /// The header `row` starts or ends: the row alone, or with the row above it (`above`) when the two read
    /// better as one header.
    public func mapping(of row: Row, below above: Row?) -> HeaderMapping {
        let alone = mapping(of: row)
        guard let above else { return alone }
        return extended(alone, upper: above, lower: row)
    }

    /// Maps header texts, by 0-based column, to fields: a shown column before a hidden one, then the name the
    /// field prefers most, then the leftmost.
    private func mapping(headers: [String], row: Int) -> HeaderMapping {
        var columns: [Field: Int] = [:]
        var ranks: [Field: Int] = [:]
        for (column, header) in headers.enumerated() where !header.isEmpty {
            guard let hit = hit(forHeader: header) else { continue }
            if let held = columns[hit.field], let rank = ranks[hit.field] {
                let heldHidden = hiddenColumns.contains(held)
                let hidden = hiddenColumns.contains(column)
                if hidden && !heldHidden { continue }
                if hidden == heldHidden && rank <= hit.rank { continue }
            }
            columns[hit.field] = column
            ranks[hit.field] = hit.rank
        }
        return HeaderMapping(source: source, row: row, upperRow: nil, headers: headers, columns: columns)
    }

    /// The first row holding every required field (read with the row above or below it when the header is
    /// written over two rows), else the row naming most fields (which then lacks some).
    public func detect(in rows: [Row]) -> HeaderMapping? {
        var best: HeaderMapping?
        let rows = Array(rows.prefix(Self.searchDepth))
        for (i, row) in rows.enumerated() {
            let m = mapping(of: row, below: i > 0 ? rows[i - 1] : nil)
            if m.missingRequired.isEmpty {
                return i + 1 < rows.count && m.upperRow == nil ? extended(m, upper: row, lower: rows[i + 1]) : m
            }
            if m.columns.count > (best?.columns.count ?? 0) { best = m }
        }
        if let found = best, found.missingRequired == [.type], headingsNameTypes(below: found, in: rows) {
            best?.typeFromHeadings = true
        }
        return best
    }

    /// True when, on a register, a heading row below the header (one value across the table) names a type: the
    /// rows under it take that type, so the sheet needs no type column.
    func headingsNameTypes(below header: HeaderMapping, in rows: [Row]) -> Bool {
        guard source == .register else { return false }
        let actionFields: [Field] = [.status, .forceLead, .deliveryLead, .governanceBoard, .targetDate, .closedDate]
        let actionColumns = Set(actionFields.compactMap { header.columns[$0] })
        return rows.contains { row in
            guard row.number > header.row,
                let text = LayoutRows.headingText(LayoutRows.filled(row), actionColumns: actionColumns)
            else { return false }
            return Heading(text, profile: profile).typeText != nil
        }
    }
}
