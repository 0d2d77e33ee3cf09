import Reconciliation
import Spreadsheet

/// What the tool detects in a file, for `hmic-reconcile inspect`: its sheets, the header row, the column mapping
/// and every type and status spelling, so that the officer can fix a profile before the monthly run.
public struct FileInspection {
    public var file: String
    /// The sheet to inspect; nil for the one `reconcile` would choose.
    public var sheet: String?
    /// The side to read the file as; nil for whichever its headers fit best.
    public var side: Source?
    public var profile: Profile

    public init(file: String, sheet: String?, side: Source?, profile: Profile) {
        self.file = file
        self.sheet = sheet
        self.side = side
        self.profile = profile
    }

    /// What the tool finds in the file, as lines for a person; and, when the chosen header row lacks a required
    /// column, the error to end with once the text is shown.
    public func report() throws -> (text: String, refusal: HMICError?) {
        let document = try SpreadsheetFile.open(path: file)
        var out = "File: \(file) (\(describe(document)))\n"
        out += "Sheets:\n"
        for info in document.sheets { out += "  \(info.name)\(info.visible ? "" : " (hidden)")\n" }
        guard !document.sheets.isEmpty else { return (out + "No worksheets.\n", nil) }

        let chosenSide = try side ?? guessSide(document, profile)
        let plan =
            try sheet.map { SheetPlan(read: [try document.sheetIndex(named: $0)], leftOut: []) }
            ?? RecordLoader.chooseSheets(chosenSide, in: document, profile: profile)
        out +=
            "Read as: the \(chosenSide.noun)\(side == nil ? " (its headers fit the \(chosenSide.noun)'s names best)" : "")\n"
        if plan.read.count == 1 {
            let how =
                sheet != nil
                ? ""
                : chosenSide == .register
                    ? " (the only visible sheet whose header row names the register's columns)"
                    : " (the first visible sheet with a complete header row)"
            out +=
                "Sheet: \(document.sheets[plan.read[0]].name)\(plan.leftOut.isEmpty && sheet == nil && document.sheets.count == 1 ? "" : how)\n"
        } else {
            out +=
                "Sheets read as the \(chosenSide.noun): \(plan.read.map { document.sheets[$0].name }.joined(separator: ", "))\n"
        }
        for left in plan.leftOut { out += "Sheet not read: \(left.name): \(left.reason)\n" }

        for index in plan.read {
            let (text, refusal) = try describeHeader(
                of: index, in: document, as: chosenSide, several: plan.read.count > 1)
            out += text
            if let refusal { return (out, refusal) }
        }

        let loaded = try RecordLoader.load(
            chosenSide, from: document, sheetNames: plan.read.map { document.sheets[$0].name }, profile: profile)
        out +=
            "Records: \(loaded.records.count) (\(loaded.skipped.count) rows not records, \(loaded.warnings.count) warnings)\n"
        out += layoutRows(loaded)
        // The values as the loader read them, so that a colour key on the sheet shows in the verdicts.
        let typeOf = Dictionary(loaded.records.map { ($0.typeText, $0.type?.rawValue) }) { first, _ in first }
        let stateOf = Dictionary(loaded.records.map { ($0.statusText, $0.state?.rawValue) }) { first, _ in first }
        out += spellings("Types", loaded.records.map(\.typeText)) { typeOf[$0] ?? nil }
        out += spellings("Statuses", loaded.records.map(\.statusText)) { stateOf[$0] ?? nil }
        if chosenSide == .portal, loaded.columns[.force] != nil {
            out += spellings("Forces", loaded.records.map(\.force), canonical: nil)
        }
        for warning in loaded.warnings { out += "Warning: \(warning)\n" }
        return (out, nil)
    }

    /// One sheet's header row and column mapping; with the error to end with when a required column is missing.
    private func describeHeader(
        of index: Int, in document: any SpreadsheetDocument, as chosenSide: Source, several: Bool
    ) throws -> (String, HMICError?) {
        let sheetName = document.sheets[index].name
        var out = several ? "Sheet '\(sheetName)':\n" : ""
        let top = try HeaderDetector.topRows(of: document, inSheet: index, source: chosenSide)
        var detector = HeaderDetector(source: chosenSide, profile: profile)
        if chosenSide == .register { detector.hiddenColumns = try document.hiddenColumns(inSheet: index) }
        guard let header = detector.detect(in: top) else {
            return (out + "No header row in the first \(HeaderDetector.searchDepth) rows.\n", nil)
        }
        let missing = header.missingRequired
        out += "Header row: \(header.row) "
        if let upper = header.upperRow { out += "(written over rows \(upper)–\(header.row), read as one) " }
        out +=
            missing.isEmpty
            ? "(the first row naming every required column: \(Self.requiredColumns(header)))\n"
            : "(the row naming most columns; it lacks \(missing.map(\.label).joined(separator: ", ")))\n"
        out += "Columns:\n"
        let fieldOf = Dictionary(uniqueKeysWithValues: header.columns.map { ($0.value, $0.key) })
        for (column, title) in header.headers.enumerated() where !title.isEmpty || fieldOf[column] != nil {
            let target =
                fieldOf[column].map { "→ \($0.label)" }
                ?? (detector.field(forHeader: title) != nil
                    ? "(a second column for a field already mapped)" : "(not used)")
            out += "  \(pad(columnLetters(column), 3)) \(pad("'\(title)'", 34)) \(target)\n"
        }
        let unmappedFields = Field.allCases.filter {
            header.columns[$0] == nil && profile.headers[chosenSide]?[$0] != nil
        }
        if !unmappedFields.isEmpty {
            out += "Fields with no column: \(unmappedFields.map(\.label).joined(separator: ", "))\n"
        }
        guard missing.isEmpty else {
            return (
                out,
                HMICError(
                    .badData, file: file, sheet: sheetName, row: header.row,
                    "no \(missing.map(\.label).joined(separator: ", ")) column; see the accepted names with 'hmic-reconcile profile init'"
                )
            )
        }
        return (out, nil)
    }

    /// Every row below a header that is not a record (heading, totals, key, action, skipped) with its reason, and
    /// the runs of blank rows: what the Run sheet of a reconciliation lists.
    private func layoutRows(_ loaded: LoadedSource) -> String {
        let several = loaded.sheetsRead.count > 1
        var out = ""
        for row in loaded.skipped {
            let place = several ? "'\(row.sheet)' row \(row.row)" : "row \(row.row)"
            out += "  \(pad(place, 12)) \(pad(row.kind.rawValue, 8)) \(row.reason)\n"
        }
        for sheet in loaded.sheetsRead where !sheet.blankRows.isEmpty {
            out += "  \(several ? "'\(sheet.name)' " : "")\(sheet.blankRowsText): blank\n"
        }
        return out.isEmpty ? "" : "Rows that are not records:\n" + out
    }

    /// Each distinct spelling with its count and canonical value; unknown ones marked.
    /// `canonical` nil: list the values and counts only, with no verdict.
    private func spellings(_ title: String, _ values: [String], canonical: ((String) -> String?)?) -> String {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for value in values {
            if counts[value] == nil { order.append(value) }
            counts[value, default: 0] += 1
        }
        var out = "\(title):\n"
        for value in order.sorted(by: { counts[$0]! != counts[$1]! ? counts[$0]! > counts[$1]! : $0 < $1 }) {
            let shown = value.isEmpty ? "(blank)" : "'\(value)'"
            let verdict: String
            if let canonical {
                verdict = canonical(value).map { "→ \($0)" } ?? Self.unknownAdvice(value, title: title)
            } else {
                verdict = ""
            }
            out += "  \(pad(shown, 44)) \(pad("×\(counts[value]!)", 6)) \(verdict)\n"
        }
        return out
    }

    /// "reference, type, status", or for a register without a reference column what it pairs by instead.
    static func requiredColumns(_ header: HeaderMapping) -> String {
        guard header.columns[.reference] == nil, header.canPairWithoutReference else {
            return "reference, type, status"
        }
        return "type, status; no reference column, so its rows pair by portal reference or wording"
    }

    /// What to do about a value outside the vocabulary. A blank cell is never proposed as a profile entry (every
    /// blank cell would then take its meaning), and a colour needs a key rather than a spelling.
    static func unknownAdvice(_ value: String, title: String) -> String {
        if value.allSatisfy(\.isWhitespace) {
            return "→ UNKNOWN: no value; fill it in on the sheet"
        }
        if title == "Statuses", ColourKey.colours.contains(value.lowercased().filter { !$0.isWhitespace }) {
            return "→ UNKNOWN: a colour whose meaning differs by force; give it one with a key row on the sheet "
                + "(\"\(value.uppercased()) = complete\") or under colours in a profile"
        }
        return "→ UNKNOWN: not in the vocabulary; add it to a profile under \(title == "Types" ? "types" : "states")"
    }

    /// Register or portal: whichever side's header names map more columns in the top rows of the named sheet, or
    /// of the first few visible sheets (a cover or overview sheet may come first).
    private func guessSide(_ document: any SpreadsheetDocument, _ profile: Profile) throws -> Source {
        let indexes =
            try sheet.map { [try document.sheetIndex(named: $0)] }
            ?? Array(document.sheets.indices.filter { document.sheets[$0].visible }.prefix(4))
        let tops = try (indexes.isEmpty ? [0] : indexes).map { try HeaderDetector.topRows(of: document, inSheet: $0) }
        func score(_ source: Source) -> Int {
            let detector = HeaderDetector(source: source, profile: profile)
            return tops.map { top in
                guard let m = detector.detect(in: top) else { return 0 }
                return m.columns.count * 2 + (m.missingRequired.isEmpty ? 100 : 0) + (m.columns[.force] != nil ? 3 : 0)
                    + (m.columns[.portalReference] != nil || m.columns[.forceLead] != nil ? 3 : 0)
            }.max() ?? 0
        }
        return score(.portal) > score(.register) ? .portal : .register
    }

    private func describe(_ document: any SpreadsheetDocument) -> String {
        if let csv = document as? CSVDocument {
            return "CSV, \(csv.encoding.displayName), separated by \(csv.delimiter.displayName)"
        }
        switch document.format {
        case .xlsx: return "XLSX workbook"
        case .spreadsheetML: return "Excel 2003 XML workbook"
        case .csv: return "CSV"
        }
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}
