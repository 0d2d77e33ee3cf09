import Spreadsheet

extension RecordLoader {
    /// Reads one side from an opened file: the named sheet, or else the first visible worksheet whose top rows
    /// hold a header with every required column (or, failing that, the first visible worksheet, which is then
    /// refused with the headers it has).
    public static func load(_ source: Source, from document: any SpreadsheetDocument, sheetName: String?,
                            profile: Profile, progress: ((Int) -> Void)? = nil) throws -> LoadedSource {
        let index = try sheetName.map { try document.sheetIndex(named: $0) }
            ?? chooseSheet(source, in: document, profile: profile)
        var loader = RecordLoader(source: source, path: document.path, sheet: document.sheets[index].name, profile: profile)
        var rows = 0
        try document.forEachRow(inSheet: index) { row in
            try loader.add(row)
            rows += 1
            progress?(rows)
        }
        return try loader.finish()
    }

    /// The first visible worksheet with a complete header row near its top.
    public static func chooseSheet(_ source: Source, in document: any SpreadsheetDocument, profile: Profile) throws -> Int {
        let candidates = document.sheets.indices.filter { document.sheets[$0].visible }
        guard let firstVisible = candidates.first ?? document.sheets.indices.first else {
            throw ReconciliationError(.badData, file: document.path, "the file holds no worksheet")
        }
        guard candidates.count > 1 else { return firstVisible }
        let detector = HeaderDetector(source: source, profile: profile)
        struct Found: Error {}
        for index in candidates {
            var seen = 0
            do {
                try document.forEachRow(inSheet: index) { row in
                    if detector.mapping(of: row).missingRequired.isEmpty { throw Found() }
                    seen += 1
                    if seen >= HeaderDetector.searchDepth { throw CancellationMarker() }
                }
            } catch is Found {
                return index
            } catch is CancellationMarker {
                continue
            }
        }
        return firstVisible
    }
}

/// Stops a row scan early.
struct CancellationMarker: Error {}
