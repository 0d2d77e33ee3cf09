#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An Excel 2003 XML ("SpreadsheetML") workbook, streamed through the same SAX layer as XLSX.
public final class SpreadsheetMLDocument: SpreadsheetDocument {
    /// The path as the user gave it, for messages.
    public let path: String
    /// Always `.spreadsheetML`.
    public var format: SpreadsheetFormat { .spreadsheetML }
    /// The worksheets, in workbook order, with `WorksheetOptions/Visible` deciding visibility.
    public let sheets: [SheetInfo]

    /// Opens the file at `path` and lists its worksheets (one pass over the file); rows are read later.
    public init(path: String) throws {
        self.path = path
        let handler = SpreadsheetMLSheetsHandler()
        try SpreadsheetMLDocument.parse(path, handler)
        if !handler.sawWorkbook {
            throw HMICError(
                .badData, file: path,
                "not an Excel 2003 XML workbook: the document has no Workbook element; save it from Excel as an Excel Workbook (.xlsx)"
            )
        }
        sheets = handler.sheets
    }

    /// Calls `body` with each non-empty row of the worksheet at `index`.
    public func forEachRow(inSheet index: Int, _ body: (Row) throws -> Void) throws {
        _ = try readRows(inSheet: index, body)
    }

    /// The sheet's merged ranges (`ss:MergeAcross`, `ss:MergeDown`), from a pass over its rows; none when the pass
    /// fails, for the pass over the rows meets the same fault and reports it where it arises.
    public func mergedRanges(inSheet index: Int) throws -> [MergedRange] {
        (try? readRows(inSheet: index) { _ in })?.merged ?? []
    }

    /// The sheet's hidden columns (`ss:Column ss:Hidden="1"`, with its `ss:Index` and `ss:Span`), from a pass over
    /// the sheet; none when the pass fails, as for the merged ranges.
    public func hiddenColumns(inSheet index: Int) throws -> Set<Int> {
        (try? readRows(inSheet: index, columnsOnly: true) { _ in })?.hidden ?? []
    }

    /// Streams the sheet's rows to `body` and returns its merged ranges and hidden columns. The handler holds
    /// `body`, so it must not outlive this call: only the ranges and columns leave it.
    /// With `columnsOnly`, the pass ends at the sheet's first row: its `ss:Column` elements come before its rows.
    private func readRows(inSheet index: Int, columnsOnly: Bool = false, _ body: (Row) throws -> Void) throws -> (
        merged: [MergedRange], hidden: Set<Int>
    ) {
        guard sheets.indices.contains(index) else {
            throw HMICError(
                .badData, file: path,
                "there is no sheet number \(index + 1); the workbook has \(sheets.count) worksheet(s)")
        }
        return try withoutActuallyEscaping(body) { body in
            let handler = SpreadsheetMLRowsHandler(
                file: path, sheetIndex: index, sheetName: sheets[index].name, body: body)
            handler.columnsOnly = columnsOnly
            do {
                try SpreadsheetMLDocument.parse(path, handler)
            } catch var error as HMICError where error.sheet == nil {
                error.sheet = sheets[index].name
                throw error
            }
            return (handler.mergedRanges, handler.hiddenColumns)
        }
    }

    private static func parse(_ path: String, _ handler: SAXHandler) throws {
        guard let file = fopen(path, "rb") else {
            throw HMICError(
                .unreadable, file: path,
                "the file cannot be opened for reading; check that it exists and its permissions",
                cause: SystemCallError(call: "fopen"))
        }
        defer { fclose(file) }
        try SAXParser.parse(file: path, part: nil, handler: handler) { consume in
            let size = 1 << 18
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
            defer { buffer.deallocate() }
            while true {
                let n = fread(buffer.baseAddress, 1, size, file)
                if n > 0 { try consume(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) }
                if n < size {
                    if ferror(file) != 0 {
                        throw HMICError(
                            .ioFailure, file: path, "reading the file failed; check the disk and try again",
                            cause: SystemCallError(call: "fread"))
                    }
                    break
                }
            }
        }
    }
}

/// First pass: the names and visibility of the worksheets.
final class SpreadsheetMLSheetsHandler: SAXHandler {
    var sheets: [SheetInfo] = []
    var sawWorkbook = false
    private var inOptions = false

    override func start(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) {
        if nameIs(name, "Workbook") {
            sawWorkbook = true
        } else if nameIs(name, "Worksheet") {
            sheets.append(SheetInfo(name: attributes.string("Name") ?? "Sheet\(sheets.count + 1)", visible: true))
        } else if nameIs(name, "WorksheetOptions") {
            inOptions = true
        } else if inOptions && nameIs(name, "Visible") {
            collecting = true
            text.removeAll(keepingCapacity: true)
        }
    }

    override func end(_ name: UnsafePointer<UInt8>) {
        if nameIs(name, "WorksheetOptions") {
            inOptions = false
        } else if collecting && nameIs(name, "Visible") {
            collecting = false
            let v = String(decoding: text, as: UTF8.self).trimmingSpaces()
            if !sheets.isEmpty, v == "SheetHidden" || v == "SheetVeryHidden" {
                sheets[sheets.count - 1].visible = false
            }
        }
    }
}

/// Second pass: the rows of one worksheet (`Row ss:Index`, `Cell ss:Index` and `ss:MergeAcross`, `Data ss:Type`).
final class SpreadsheetMLRowsHandler: SAXHandler {
    private let file: String
    private let sheetIndex: Int
    private let sheetName: String
    private let body: (Row) throws -> Void

    private var worksheet = -1
    private var inSheet = false
    private var rowNumber = 0
    /// Between a counted Row start and its end.
    private var inRow = false
    private var column = 0
    private var cells: [CellValue?] = []
    private var inCell = false
    private var inData = false
    private var otherDepth = 0
    private var dataType = ""
    private var cellColumn = 0
    private var cellValue: CellValue?
    /// The cells merged across (`ss:MergeAcross`) or down (`ss:MergeDown`) from a cell, as they were read.
    private(set) var mergedRanges: [MergedRange] = []
    /// The 0-based columns an `ss:Column` element hides.
    private(set) var hiddenColumns: Set<Int> = []
    /// The 0-based column the next `ss:Column` element without an `ss:Index` describes.
    private var nextColumnElement = 0
    /// True to end the pass at the sheet's first row, when only its columns are wanted.
    var columnsOnly = false

    init(file: String, sheetIndex: Int, sheetName: String, body: @escaping (Row) throws -> Void) {
        self.file = file
        self.sheetIndex = sheetIndex
        self.sheetName = sheetName
        self.body = body
    }

    private func error(_ message: String, column: Int? = nil) -> HMICError {
        HMICError(.badData, file: file, sheet: sheetName, row: rowNumber, column: column, message)
    }

    private func index(_ attributes: XMLAttributes, _ name: StaticString) -> Int? {
        guard let s = attributes.string(name) else { return nil }
        return Int(s.trimmingSpaces())
    }

    override func start(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) {
        if nameIs(name, "Worksheet") {
            worksheet += 1
            inSheet = worksheet == sheetIndex
            rowNumber = 0
            nextColumnElement = 0
            return
        }
        guard inSheet else { return }
        if inCell {
            if nameIs(name, "Data") && otherDepth == 0 {
                inData = true
                dataType = attributes.string("Type") ?? "String"
                collecting = true
                text.removeAll(keepingCapacity: true)
            } else if !inData {
                otherDepth += 1  // Comment, NamedCell…: their text is not the cell's value
            }
            return
        }
        if nameIs(name, "Row") {
            startRow(attributes)
        } else if nameIs(name, "Column") {
            startColumn(attributes)
        } else if nameIs(name, "Cell") {
            startCell(attributes)
        }
    }

    /// A row begins: its number, from `ss:Index` or one after the last.
    private func startRow(_ attributes: XMLAttributes) {
        if columnsOnly {
            stopEarly()
            return
        }
        if let n = index(attributes, "Index") {
            guard n > rowNumber, n <= ExcelLimits.rows else {
                fail(
                    error(
                        n > ExcelLimits.rows
                            ? "row \(n) lies beyond Excel's last row (\(ExcelLimits.rows)); the file is damaged or hostile"
                            : "a Row's ss:Index (\(n)) does not come after the previous row; open the file in Excel and save it again"
                    ))
                return
            }
            rowNumber = n
        } else {
            rowNumber += 1
            if rowNumber > ExcelLimits.rows {
                fail(
                    error(
                        "the sheet has more rows than Excel's \(ExcelLimits.rows); the file is damaged or hostile"))
                return
            }
        }
        column = 0
        cells.removeAll(keepingCapacity: true)
        inRow = true
    }

    /// A column's settings: only whether it is hidden is kept.
    private func startColumn(_ attributes: XMLAttributes) {
        // A Column describes its column and the `ss:Span` more after it.
        if let n = index(attributes, "Index"), n >= 1 { nextColumnElement = n - 1 }
        let first = min(nextColumnElement, ExcelLimits.columns)
        let last = min(first + max(0, index(attributes, "Span") ?? 0), ExcelLimits.columns - 1)
        nextColumnElement = last + 1
        let flag = attributes.string("Hidden")?.trimmingSpaces()
        if flag == "1" || flag?.lowercased() == "true", first <= last {
            hiddenColumns.formUnion(first...last)
        }
    }

    /// A cell begins: its column, from `ss:Index` or after the last cell and its merge, and the range it merges.
    private func startCell(_ attributes: XMLAttributes) {
        if let n = index(attributes, "Index") {
            guard n >= 1 else {
                fail(error("a Cell's ss:Index (\(n)) is not valid"))
                return
            }
            column = n - 1
        }
        guard column < ExcelLimits.columns else {
            fail(error("a cell lies beyond Excel's last column (XFD); the file is damaged or hostile"))
            return
        }
        cellColumn = column
        let across = max(0, min(index(attributes, "MergeAcross") ?? 0, ExcelLimits.columns))
        let down = max(0, min(index(attributes, "MergeDown") ?? 0, ExcelLimits.rows))
        column += 1 + across
        if across > 0 || down > 0 {
            mergedRanges.append(
                MergedRange(
                    firstRow: rowNumber, lastRow: rowNumber + down, firstColumn: cellColumn,
                    lastColumn: cellColumn + across))
        }
        inCell = true
        cellValue = nil
        otherDepth = 0
    }

    override func end(_ name: UnsafePointer<UInt8>) {
        if nameIs(name, "Worksheet") {
            if inSheet {
                inSheet = false
                stopEarly()
            }
            return
        }
        guard inSheet else { return }
        if inCell {
            if inData && nameIs(name, "Data") {
                inData = false
                collecting = false
                cellValue = value()
            } else if nameIs(name, "Cell") && otherDepth == 0 {
                inCell = false
                if let cellValue {
                    while cells.count <= cellColumn { cells.append(nil) }
                    cells[cellColumn] = cellValue
                }
            } else if !inData && otherDepth > 0 {
                otherDepth -= 1
            }
            return
        }
        if nameIs(name, "Row") {
            // Only the end of a Row whose start was counted: a start swallowed inside a cell of damaged XML must not
            // deliver the previous row's number again.
            guard inRow else { return }
            inRow = false
            guard cells.contains(where: { $0 != nil }) else { return }
            let row = Row(number: rowNumber, cells: cells)
            cells = []
            do { try body(row) } catch { fail(error) }
        }
    }

    private func value() -> CellValue? {
        let s = String(decoding: text, as: UTF8.self)
        switch dataType {
        case "Number":
            let t = s.trimmingSpaces()
            if t.isEmpty { return nil }
            guard let n = Double(t), n.isFinite else {
                fail(
                    error(
                        "the Number cell holds '\(t)', which is not a number; correct it in Excel and save again",
                        column: cellColumn))
                return nil
            }
            return .number(n)
        case "Boolean":
            let t = s.trimmingSpaces()
            return t.isEmpty ? nil : .bool(t == "1" || t.lowercased() == "true")
        case "DateTime":
            let t = s.trimmingSpaces()
            if t.isEmpty { return nil }
            guard let v = ExcelDate.iso(t) else {
                fail(
                    error(
                        "the DateTime cell holds '\(t)', which is not an ISO 8601 date; correct it in Excel and save again",
                        column: cellColumn))
                return nil
            }
            // Excel 2003 writes a time of day on its day 0, 1899-12-31.
            if case .dateTime(let d, let secs) = v, d.year == 1899 && d.month == 12 && d.day >= 30 {
                return .time(secondsOfDay: Int(secs.rounded()))
            }
            if case .date(let d) = v, d.year == 1899 && d.month == 12 && d.day >= 30 { return .time(secondsOfDay: 0) }
            return v
        case "Error":
            let t = s.trimmingSpaces()
            return t.isEmpty ? nil : .error(t)
        default:
            return s.isEmpty ? nil : .string(s)
        }
    }
}
