/// An Office Open XML workbook (.xlsx, .xlsm), read by streaming its parts out of the zip through libxml2.
public final class XLSXDocument: SpreadsheetDocument {
    /// The path as the user gave it, for messages.
    public let path: String
    /// Always `.xlsx`.
    public var format: SpreadsheetFormat { .xlsx }
    /// Worksheets only (chart sheets left out), in workbook order.
    public let sheets: [SheetInfo]

    private let sheetParts: [String?]
    private let sharedStrings: SharedStrings
    private let styles: [NumberKind]
    private let date1904: Bool
    private let limits: ZipLimits

    /// Opens the workbook at `path` with the default zip-bomb limits and reads its workbook, shared strings and
    /// styles; worksheets are read later, one at a time.
    public convenience init(path: String) throws {
        try self.init(path: path, limits: ZipLimits())
    }

    /// Opens the workbook at `path` with the given zip-bomb limits.
    public init(path: String, limits: ZipLimits) throws {
        self.path = path
        self.limits = limits
        let zip = try ZipArchive(path: path, limits: limits)
        let workbookPart = try XLSXDocument.workbookPart(of: zip)
        let workbook = WorkbookHandler()
        try XLSXDocument.parse(zip, workbookPart, workbook)
        date1904 = workbook.date1904

        let relsPart = PartName.relationships(of: workbookPart)
        let rels = zip.contains(relsPart) ? try XLSXDocument.relationships(zip, relsPart) : []
        (sheets, sheetParts) = XLSXDocument.worksheets(of: workbook, rels: rels, in: zip, workbookPart: workbookPart)

        func related(_ kind: String, _ fallback: String) -> String? {
            if let r = rels.first(where: { $0.kind == kind && !$0.external }) {
                let p = XLSXDocument.locate(zip, r.target, from: workbookPart)
                if zip.contains(p) { return p }
            }
            return zip.contains(fallback) ? fallback : nil
        }
        if let sst = related("sharedStrings", "xl/sharedStrings.xml") {
            sharedStrings = try XLSXDocument.sharedStrings(zip, sst, path: path)
        } else {
            sharedStrings = .none
        }
        if let stylesPart = related("styles", "xl/styles.xml") {
            let handler = StylesHandler()
            try XLSXDocument.parse(zip, stylesPart, handler)
            styles = handler.kinds
        } else {
            styles = []
        }
    }

    /// The workbook part, through the package relationships (Transitional or Strict).
    private static func workbookPart(of zip: ZipArchive) throws -> String {
        var workbookPart = "xl/workbook.xml"
        if zip.contains("_rels/.rels") {
            let rels = try XLSXDocument.relationships(zip, "_rels/.rels")
            if let office = rels.first(where: { $0.kind == "officeDocument" && !$0.external }) {
                workbookPart = XLSXDocument.locate(zip, office.target, from: "")
            }
        }
        guard zip.contains(workbookPart) else { throw XLSXDocument.notAWorkbook(zip) }
        return workbookPart
    }

    /// The worksheets the workbook lists, in order, and each one's part (nil when it lies outside the package).
    private static func worksheets(
        of workbook: WorkbookHandler, rels: [Relationship], in zip: ZipArchive, workbookPart: String
    ) -> ([SheetInfo], [String?]) {
        var byID: [String: Relationship] = [:]
        for r in rels where byID[r.id] == nil { byID[r.id] = r }
        var infos: [SheetInfo] = []
        var parts: [String?] = []
        for (i, sheet) in workbook.sheets.enumerated() {
            var part: String?
            if let rel = byID[sheet.relationshipID] {
                guard rel.kind == "worksheet" else { continue }  // chart, dialog and macro sheets hold no cells
                part = rel.external ? nil : XLSXDocument.locate(zip, rel.target, from: workbookPart)
            } else if zip.contains("xl/worksheets/sheet\(i + 1).xml") {
                part = "xl/worksheets/sheet\(i + 1).xml"
            }
            let state = sheet.state.lowercased()
            infos.append(SheetInfo(name: sheet.name, visible: state != "hidden" && state != "veryhidden"))
            parts.append(part)
        }
        return (infos, parts)
    }

    /// The shared-strings table, refused when it lists more strings than a workbook may.
    private static func sharedStrings(_ zip: ZipArchive, _ part: String, path: String) throws -> SharedStrings {
        let handler = SharedStringsHandler()
        do {
            try XLSXDocument.parse(zip, part, handler)
        } catch is SharedStringsHandler.TooMany {
            throw HMICError(
                .badData, file: path,
                "the shared-strings part '\(part)' lists more than \(SharedStringsHandler.maxStrings) strings; "
                    + "the file is damaged or hostile and will not be read")
        }
        return SharedStrings(store: handler.store, spans: handler.spans, short: handler.short)
    }

    /// Calls `body` with each non-empty row of the worksheet at `index`, streamed from the zip.
    public func forEachRow(inSheet index: Int, _ body: (Row) throws -> Void) throws {
        guard sheets.indices.contains(index) else {
            throw HMICError(
                .badData, file: path,
                "there is no sheet number \(index + 1); the workbook has \(sheets.count) worksheet(s)")
        }
        let name = sheets[index].name
        guard let part = sheetParts[index] else { return }  // a sheet with no part holds no cells
        let zip = try ZipArchive(path: path, limits: limits)
        guard zip.contains(part) else {
            throw HMICError(
                .badData, file: path, sheet: name,
                "not a valid workbook: the sheet's part '\(part)' is missing; open it in Excel and save it again")
        }
        try withoutActuallyEscaping(body) { body in
            let handler = SheetHandler(
                file: path, sheet: name, sharedStrings: sharedStrings, styles: styles,
                date1904: date1904, body: body)
            do {
                try XLSXDocument.parse(zip, part, handler)
            } catch var error as HMICError where error.sheet == nil {
                error.sheet = name
                throw error
            }
            handler.finish()
            if let failure = handler.failure { throw failure }
        }
    }

    /// The sheet's `<mergeCell ref="…"/>` ranges, found by a byte search through its part. A part that cannot be
    /// read to its end (damaged, over a limit) gives the ranges found so far: the pass over its rows meets the
    /// same fault and reports it where it arises (an oversized cell, say, before a bad checksum at the end).
    public func mergedRanges(inSheet index: Int) throws -> [MergedRange] {
        guard sheets.indices.contains(index), let part = sheetParts[index],
            let zip = try? ZipArchive(path: path, limits: limits), zip.contains(part)
        else { return [] }
        var scanner = MergeCellScanner()
        try? zip.read(part: part) { scanner.scan($0) }
        return scanner.ranges
    }

    /// The sheet's hidden columns, from the `<col min="…" max="…" hidden="1"/>` elements of its `<cols>`, which come
    /// before its data: only the part's bytes up to `<sheetData` are read. None when the part cannot be read.
    public func hiddenColumns(inSheet index: Int) throws -> Set<Int> {
        guard sheets.indices.contains(index), let part = sheetParts[index],
            let zip = try? ZipArchive(path: path, limits: limits), zip.contains(part)
        else { return [] }
        struct Enough: Error {}
        let dataStart = Array("<sheetData".utf8)
        var head: [UInt8] = []
        do {
            try zip.read(part: part, chunkSize: 16384) { chunk in
                head.append(contentsOf: chunk)
                if head.firstIndex(of: dataStart) != nil || head.count >= 1 << 20 { throw Enough() }
            }
        } catch {}
        if let end = head.firstIndex(of: dataStart) { head.removeSubrange(end...) }
        return Self.hiddenColumns(inColumnsOf: head)
    }

    /// The 0-based columns that the `<col … hidden="1"/>` (or `hidden="true"`) elements in `xml` cover.
    static func hiddenColumns(inColumnsOf xml: [UInt8]) -> Set<Int> {
        let text = String(decoding: xml, as: UTF8.self)
        var hidden: Set<Int> = []
        var rest = Substring(text)
        while let open = rest.firstRange(of: "<col ") ?? rest.firstRange(of: "<x:col ") {
            guard let close = rest[open.upperBound...].firstIndex(of: ">") else { break }
            let element = " " + rest[open.upperBound..<close]
            rest = rest[close...]
            func attribute(_ name: String) -> String? {
                guard let at = element.firstRange(of: " \(name)=\"") else { return nil }
                let value = element[at.upperBound...]
                return value.firstIndex(of: "\"").map { String(value[..<$0]) }
            }
            guard let flag = attribute("hidden"), flag == "1" || flag == "true",
                let min = attribute("min").flatMap({ Int($0) }), min >= 1
            else { continue }
            let max = attribute("max").flatMap { Int($0) } ?? min
            guard max >= min else { continue }
            for column in min...Swift.min(max, ExcelLimits.columns) { hidden.insert(column - 1) }
        }
        return hidden
    }

    /// The last row of the sheet's `<dimension ref="A1:L2000"/>`, read from the first bytes of its part; nil when
    /// the element is missing or unreadable. Writers may omit or misstate it, so it is a hint only.
    public func rowCountHint(inSheet index: Int) -> Int? {
        guard sheets.indices.contains(index), let part = sheetParts[index],
            let zip = try? ZipArchive(path: path, limits: limits), zip.contains(part)
        else { return nil }
        struct Enough: Error {}
        var head: [UInt8] = []
        do {
            try zip.read(part: part, chunkSize: 4096) { chunk in
                head.append(contentsOf: chunk)
                if head.count >= 4096 { throw Enough() }
            }
        } catch {}
        return Self.lastRow(ofDimensionIn: head)
    }

    /// The row number after the last letters of the `<dimension ref="…">` in `xml`, if there is one.
    static func lastRow(ofDimensionIn xml: [UInt8]) -> Int? {
        let marker = Array("dimension ref=\"".utf8)
        guard let start = xml.firstIndex(of: marker) else { return nil }
        var digits = 0
        var value = 0
        var i = start + marker.count
        // The digits just before the closing quote are the last row ("A1:L2000" or a single cell "A1").
        while i < xml.count, xml[i] != 0x22 {
            if (0x30...0x39).contains(xml[i]) {
                value = digits == 0 ? Int(xml[i] - 0x30) : value * 10 + Int(xml[i] - 0x30)
                digits += 1
                if digits > 7 { return nil }
            } else {
                digits = 0
            }
            i += 1
        }
        return i < xml.count && value > 0 ? value : nil
    }

    // MARK: - Parts

    private static func parse(_ zip: ZipArchive, _ part: String, _ handler: SAXHandler) throws {
        try SAXParser.parse(file: zip.path, part: part, handler: handler) { consume in
            try zip.read(part: part, consume)
        }
    }

    private static func relationships(_ zip: ZipArchive, _ part: String) throws -> [Relationship] {
        let handler = RelationshipsHandler()
        try parse(zip, part, handler)
        return handler.relationships
    }

    /// Resolves a target; when the resolved part is missing but the target names a part from the root
    /// (as some writers do), that part.
    private static func locate(_ zip: ZipArchive, _ target: String, from source: String) -> String {
        let resolved = PartName.resolve(target, from: source)
        if zip.contains(resolved) { return resolved }
        let fromRoot = PartName.resolve("/" + target, from: "")
        return zip.contains(fromRoot) ? fromRoot : resolved
    }

    private static func notAWorkbook(_ zip: ZipArchive) -> HMICError {
        if zip.contains("mimetype") && zip.contains("content.xml") {
            return HMICError(
                .badData, file: zip.path,
                "this is an OpenDocument file, not an Excel workbook; open it and save it as an Excel Workbook (.xlsx)")
        }
        if zip.contains("word/document.xml") || zip.contains("ppt/presentation.xml") {
            return HMICError(
                .badData, file: zip.path,
                "this is a Word or PowerPoint file, not an Excel workbook; give the .xlsx file instead")
        }
        return HMICError(
            .badData, file: zip.path,
            "not a valid workbook: the zip holds no workbook part (xl/workbook.xml); give an Excel Workbook (.xlsx) file"
        )
    }
}
