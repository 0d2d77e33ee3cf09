import Spreadsheet

extension RecordLoader {
    /// Reads one side from an opened file: the named sheet, or else the first visible worksheet whose top rows
    /// hold a header with every required column (or, failing that, the first visible worksheet, which is then
    /// refused with the headers it has).
    public static func load(
        _ source: Source, from document: any SpreadsheetDocument, sheetName: String?,
        profile: Profile, progress: ((Int) -> Void)? = nil
    ) throws -> LoadedSource {
        let index =
            try sheetName.map { try document.sheetIndex(named: $0) }
            ?? chooseSheet(source, in: document, profile: profile)
        var loader = RecordLoader(source, reading: document, sheet: index, profile: profile)
        var rows = 0
        try document.forEachRow(inSheet: index) { row in
            try loader.add(row)
            rows += 1
            progress?(rows)
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

    /// The first visible worksheet with a complete header row near its top.
    public static func chooseSheet(_ source: Source, in document: any SpreadsheetDocument, profile: Profile) throws
        -> Int
    {
        let candidates = document.sheets.indices.filter { document.sheets[$0].visible }
        guard let firstVisible = candidates.first ?? document.sheets.indices.first else {
            throw HMICError(.badData, file: document.path, "the file holds no worksheet")
        }
        guard candidates.count > 1 else { return firstVisible }
        let detector = HeaderDetector(source: source, profile: profile)
        for index in candidates
        where detector.detect(in: try HeaderDetector.topRows(of: document, inSheet: index))?.missingRequired.isEmpty
            == true
        {
            return index
        }
        return firstVisible
    }
}

extension HeaderDetector {
    /// The rows at the top of a sheet where a header row may be: at most `searchDepth`, read without the rest.
    public static func topRows(of document: any SpreadsheetDocument, inSheet index: Int) throws -> [Row] {
        struct Enough: Error {}
        var rows: [Row] = []
        do {
            try document.forEachRow(inSheet: index) { row in
                rows.append(row)
                if rows.count >= searchDepth { throw Enough() }
            }
        } catch is Enough {}
        return rows
    }
}
