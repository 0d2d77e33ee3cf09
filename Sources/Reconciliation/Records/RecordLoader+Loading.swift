import Spreadsheet

/// The sheets of a file that make up one side, and the others with the reason each is left out.
public struct SheetPlan: Sendable, Equatable {
    /// Sheet indexes to read, in workbook order.
    public var read: [Int]
    public var leftOut: [SheetLeftOut]

    public init(read: [Int], leftOut: [SheetLeftOut]) {
        self.read = read
        self.leftOut = leftOut
    }
}

extension RecordLoader {
    /// Reads one side from an opened file: the named sheet, or else the sheets `chooseSheets` picks.
    public static func load(
        _ source: Source, from document: any SpreadsheetDocument, sheetName: String?,
        profile: Profile, progress: ((Int) -> Void)? = nil
    ) throws -> LoadedSource {
        try load(source, from: document, sheetNames: sheetName.map { [$0] } ?? [], profile: profile, progress: progress)
    }

    /// Reads one side from an opened file: the named sheets, or else the sheets `chooseSheets` picks, as one
    /// source whose records keep their sheet.
    public static func load(
        _ source: Source, from document: any SpreadsheetDocument, sheetNames: [String],
        profile: Profile, progress: ((Int) -> Void)? = nil
    ) throws -> LoadedSource {
        let plan =
            sheetNames.isEmpty
            ? try chooseSheets(source, in: document, profile: profile)
            : SheetPlan(read: try sheetNames.map { try document.sheetIndex(named: $0) }, leftOut: [])
        var rows = 0
        var parts: [LoadedSource] = []
        for index in plan.read {
            parts.append(
                try loadSheet(source, index, of: document, profile: profile) {
                    rows += 1
                    progress?(rows)
                })
        }
        var combined = LoadedSource.combining(parts)
        combined.sheetsLeftOut = plan.leftOut
        return combined
    }

    /// Reads one sheet, its merged cells (on the register) read as a person reads them: in every cell they cover.
    private static func loadSheet(
        _ source: Source, _ index: Int, of document: any SpreadsheetDocument, profile: Profile,
        onRow: () -> Void
    ) throws -> LoadedSource {
        var loader = RecordLoader(source, reading: document, sheet: index, profile: profile)
        if source == .register { loader.hiddenColumns = try document.hiddenColumns(inSheet: index) }
        var filler = MergedCellFiller(source == .register ? try document.mergedRanges(inSheet: index) : [])
        try document.forEachRow(inSheet: index) { row in
            if filler.isEmpty {
                try loader.add(row)
            } else {
                let (filled, fromAbove) = filler.fill(row)
                try loader.add(filled, filledFromAbove: fromAbove)
            }
            onRow()
        }
        var loaded = try loader.finish()
        if let csv = document as? CSVDocument {
            loaded.textEncoding = csv.encoding.displayName
            if let warning = csv.decodingWarning { loaded.warnings.insert(warning, at: 0) }
        }
        return loaded
    }

    /// A loader for the sheet at `index` of `document`, with room for as many records as the file says it holds.
    public init(_ source: Source, reading document: any SpreadsheetDocument, sheet index: Int, profile: Profile) {
        self.init(source: source, path: document.path, sheet: document.sheets[index].name, profile: profile)
        // Room for every row at once spares copying the records each time the array grows (and the memory the
        // copies briefly take); room reserved beyond the rows is never touched, so it costs no memory.
        if let hint = document.rowCountHint(inSheet: index) { reserve(min(hint, SheetWriter.maxRows)) }
    }

    /// The first visible worksheet with a complete header row near its top, one with a reference column first.
    public static func chooseSheet(_ source: Source, in document: any SpreadsheetDocument, profile: Profile) throws
        -> Int
    {
        try chooseSheets(source, in: document, profile: profile).read[0]
    }

    /// The sheets that make up a side. The register: every visible sheet whose header row (near its top) names
    /// the required columns, so one sheet per inspection and an archive of closed items are all read, and an
    /// overview or lists sheet is not. The portal export: the first such sheet. With no such sheet, the visible
    /// sheet whose best row names most columns, which is then refused with the headers it has; a file with one
    /// visible sheet reads that one.
    public static func chooseSheets(_ source: Source, in document: any SpreadsheetDocument, profile: Profile) throws
        -> SheetPlan
    {
        let visible = document.sheets.indices.filter { document.sheets[$0].visible }
        guard let firstVisible = visible.first ?? document.sheets.indices.first else {
            throw HMICError(.badData, file: document.path, "the file holds no worksheet")
        }
        let hidden = document.sheets.indices.filter { !document.sheets[$0].visible }.map {
            SheetLeftOut(name: document.sheets[$0].name, reason: "hidden")
        }
        guard visible.count > 1 else { return SheetPlan(read: [firstVisible], leftOut: hidden) }
        let detector = HeaderDetector(source: source, profile: profile)
        var read: [Int] = []
        var leftOut: [SheetLeftOut] = []
        var closest = (index: firstVisible, columns: 0)
        // Sheets whose header has neither a reference nor a portal-reference column: they pair by wording.
        var withoutReference: [Int] = []
        for index in document.sheets.indices {
            let name = document.sheets[index].name
            guard document.sheets[index].visible else {
                leftOut.append(SheetLeftOut(name: name, reason: "hidden"))
                continue
            }
            if source == .portal, !read.isEmpty {
                leftOut.append(
                    SheetLeftOut(name: name, reason: "the portal export is read from its first sheet with a header"))
                continue
            }
            // Merged cells are found by reading the whole sheet: only when the header is not complete without them.
            var found = detector.detect(in: try HeaderDetector.topRows(of: document, inSheet: index))
            if found?.missingRequired.isEmpty != true, source == .register {
                found = detector.detect(in: try HeaderDetector.topRows(of: document, inSheet: index, source: source))
            }
            if let found, found.missingRequired.isEmpty {
                read.append(index)
                if found.columns[.reference] == nil && found.columns[.portalReference] == nil {
                    withoutReference.append(index)
                }
            } else {
                if let found, found.columns.count > closest.columns { closest = (index, found.columns.count) }
                leftOut.append(SheetLeftOut(name: name, reason: Self.noHeaderReason(found, source)))
            }
        }
        guard !read.isEmpty else {
            let name = document.sheets[closest.index].name
            return SheetPlan(read: [closest.index], leftOut: leftOut.filter { $0.name != name })
        }
        // An overview sheet listing types and statuses has a complete header too; beside sheets with a reference
        // column it is not part of the register. With no such sheet, the sheets that pair by wording are read.
        guard withoutReference.count < read.count else { return SheetPlan(read: read, leftOut: leftOut) }
        for index in withoutReference {
            leftOut.append(
                SheetLeftOut(
                    name: document.sheets[index].name,
                    reason:
                        "no reference or portal reference column, which the other sheets have: an overview, not the register"
                ))
        }
        let kept = read.filter { !withoutReference.contains($0) }
        let order = Dictionary(
            document.sheets.indices.map { (document.sheets[$0].name, $0) }, uniquingKeysWith: { first, _ in first })
        return SheetPlan(
            read: kept, leftOut: leftOut.sorted { order[$0.name, default: 0] < order[$1.name, default: 0] })
    }

    /// Why a visible sheet is not read: no row near its top names the side's required columns.
    static func noHeaderReason(_ best: HeaderMapping?, _ source: Source) -> String {
        guard let best, !best.columns.isEmpty else {
            return
                "no header row: nothing in its first \(HeaderDetector.searchDepth) rows names a column of the \(source.noun)"
        }
        let missing = best.missingRequired.map(\.label).joined(separator: ", ")
        return "no complete header row: its best, row \(best.row), has no \(missing) column"
    }
}

extension LoadedSource {
    /// The sheets of one side read as one source: records, layout rows and warnings in sheet order. Warnings
    /// name their sheet when there are several. `columns` are the first sheet's, with the fields only later
    /// sheets have added: they say which fields the side has, not where each sheet keeps them.
    static func combining(_ parts: [LoadedSource]) -> LoadedSource {
        guard var combined = parts.first else { preconditionFailure("a side is read from one sheet at least") }
        guard parts.count > 1 else { return combined }
        combined.warnings = combined.warnings.map { "sheet '\(combined.sheet)': \($0)" }
        for part in parts.dropFirst() {
            combined.records += part.records
            combined.skipped += part.skipped
            combined.rowsRead += part.rowsRead
            combined.warnings += part.warnings.map { "sheet '\(part.sheet)': \($0)" }
            combined.sheetsRead += part.sheetsRead
            combined.keyRows += part.keyRows
            for (field, column) in part.columns where combined.columns[field] == nil {
                combined.columns[field] = column
            }
        }
        combined.sheet = combined.sheetNames
        return combined
    }
}

extension HeaderDetector {
    /// The rows at the top of a sheet where a header row may be: at most `searchDepth`, read without the rest.
    /// For the register, merged cells are read in every cell they cover, as the loader reads them (a group header
    /// "Lead" merged above "Force" and "Delivery").
    public static func topRows(of document: any SpreadsheetDocument, inSheet index: Int, source: Source = .portal)
        throws -> [Row]
    {
        struct Enough: Error {}
        var rows: [Row] = []
        var filler = MergedCellFiller(source == .register ? try document.mergedRanges(inSheet: index) : [])
        do {
            try document.forEachRow(inSheet: index) { row in
                rows.append(filler.isEmpty ? row : filler.fill(row).row)
                if rows.count >= searchDepth { throw Enough() }
            }
        } catch is Enough {}
        return rows
    }
}
