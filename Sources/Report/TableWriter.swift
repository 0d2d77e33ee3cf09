import Reconciliation
import Spreadsheet

/// One column of a table sheet: its title, the widths it may take, and whether its text wraps.
struct TableColumn {
    var title: String
    var minWidth: Double
    var maxWidth: Double
    var wrap: Bool
    /// True for the columns the board fills in (Board decision, Owner, Board notes).
    var board: Bool

    init(_ title: String, min: Double = 6, max: Double = 24, wrap: Bool = false, board: Bool = false) {
        self.title = title
        self.minWidth = min
        self.maxWidth = max
        self.wrap = wrap
        self.board = board
    }
}

/// Writes a board-pack table: a title block, a header row, body rows, then widths fitted to the content, frozen
/// header, autofilter and print setup. Each row is held until the next starts, so that its height can be set
/// for its wrapped text before its cells are written; rows only move forward, so it works in constant-memory mode.
///
/// A table longer than a sheet holds (Excel's 1,048,576 rows, or `rowLimit`) continues on the next of `sheets`
/// ("Discrepancies (2)", …), which opens with the same title block and header row.
final class TableWriter {
    /// The header row (1-based): below the title block.
    static let headerRow = 4
    /// Points per line of 11-point text, Excel's default row height.
    static let lineHeight = 14.5

    private enum Pending {
        case text(Int, String, SheetWriter.CellFormat)
        case number(Int, Double, SheetWriter.CellFormat)
        case date(Int, CalendarDate, SheetWriter.CellFormat)
    }

    /// The sheet being written.
    private(set) var sheet: SheetWriter
    /// Every sheet the table may use, in order; the first is the table's own, the rest its continuations.
    let sheets: [SheetWriter]
    let columns: [TableColumn]
    /// The row being written (1-based) on the current sheet.
    private(set) var row: Int
    /// The last row (1-based) a sheet may use.
    let rowLimit: Int
    /// Whether rows with wrapped text get a height computed from the text; record sheets leave it to the viewer.
    let heights: Bool
    /// The fewest lines a body row is given: room for a person to write in a row whose own text is short.
    var minimumLines = 1
    private let title: String
    private let subtitle: String
    /// Index of the current sheet in `sheets`.
    private var sheetIndex = 0
    /// Last row written on each sheet used so far.
    private var lastRows: [Int] = []
    /// Body rows written on all sheets.
    private(set) var bodyRows = 0
    /// Longest text seen per column, in characters.
    private var longest: [Int]
    private var pending: [Pending] = []
    private var pendingLines = 1
    /// Each column's own format (wrapped or not), resolved once.
    private let columnFormats: [SheetWriter.CellFormat]
    /// The columns' widest widths and whether they wrap, apart from their titles, for the per-cell checks.
    private let maxWidths: [Double]
    private let wraps: [Bool]
    private let integerFormat: SheetWriter.CellFormat
    private let dateFormat: SheetWriter.CellFormat
    /// Formats of the styles callers pass, resolved once each (a table uses a handful).
    private var styleFormats: [(style: CellStyle, format: SheetWriter.CellFormat)] = []

    /// The rows of body a sheet holds below its title block and header, with `rowLimit` rows to a sheet.
    static func bodyCapacity(rowLimit: Int) -> Int { max(1, rowLimit - headerRow) }

    /// How many sheets a table of `bodyRows` rows needs.
    static func sheetsNeeded(bodyRows: Int, rowLimit: Int) -> Int {
        let capacity = bodyCapacity(rowLimit: rowLimit)
        return max(1, (bodyRows + capacity - 1) / capacity)
    }

    /// The name of the `index`-th sheet (0-based) of a table called `name`: "Register", "Register (2)", …
    static func sheetName(_ name: String, _ index: Int) -> String { index == 0 ? name : "\(name) (\(index + 1))" }

    /// Writes the title block (title on row 1, `subtitle` on row 2) and the header row.
    convenience init(
        sheet: SheetWriter, columns: [TableColumn], title: String, subtitle: String,
        heights: Bool = true
    ) throws {
        try self.init(sheets: [sheet], columns: columns, title: title, subtitle: subtitle, heights: heights)
    }

    /// Writes the title block and header row on the first of `sheets`; rows past `rowLimit` go to the next.
    init(
        sheets: [SheetWriter], columns: [TableColumn], title: String, subtitle: String, heights: Bool = true,
        rowLimit: Int = SheetWriter.maxRows
    ) throws {
        precondition(!sheets.isEmpty, "a table needs a sheet")
        self.sheets = sheets
        self.sheet = sheets[0]
        self.columns = columns
        self.title = title
        self.subtitle = subtitle
        self.heights = heights
        self.rowLimit = min(max(rowLimit, Self.headerRow + 1), SheetWriter.maxRows)
        row = Self.headerRow
        columnFormats = try columns.map { try sheets[0].format(for: $0.wrap ? Styles.wrapped : Styles.text) }
        maxWidths = columns.map(\.maxWidth)
        wraps = columns.map(\.wrap)
        integerFormat = try sheets[0].format(for: Styles.integer)
        dateFormat = try sheets[0].format(for: Styles.date)
        longest = columns.map { column in
            // Headers wrap, so the longest word is what the header needs.
            (column.title.split(separator: " ").map(\.count).max() ?? 0) + 1
        }
        try writeHead(title: title)
    }

    private func writeHead(title: String) throws {
        try sheet.write(row: 1, column: 0, title, style: Styles.title)
        try sheet.write(row: 2, column: 0, subtitle, style: Styles.subtitle)
        let headerLines = columns.map { Self.lines($0.title, width: $0.maxWidth, bold: true) }.max() ?? 1
        try sheet.setRow(Self.headerRow, height: headerLines > 1 ? Self.lineHeight * Double(headerLines) : nil)
        for (i, column) in columns.enumerated() {
            try sheet.write(
                row: Self.headerRow, column: i, column.title, style: column.board ? Styles.boardHeader : Styles.header)
        }
    }

    /// Starts the next body row, writing the one before; past the sheet's last row, on the next sheet.
    func newRow() throws {
        try flush()
        if row >= rowLimit {
            guard sheetIndex + 1 < sheets.count else {
                throw HMICError(
                    .internalError, file: sheet.path, sheet: sheet.name, row: row,
                    "the table needs more rows than its \(sheets.count) sheets hold")
            }
            lastRows.append(row)
            sheetIndex += 1
            sheet = sheets[sheetIndex]
            row = Self.headerRow
            try writeHead(title: title + " (continued, part \(sheetIndex + 1))")
        }
        row += 1
        bodyRows += 1
    }

    /// `style` resolved to the workbook's format, for passing to `text`, `number` and `date` row after row.
    func format(_ style: CellStyle) throws -> SheetWriter.CellFormat {
        for known in styleFormats where known.style == style { return known.format }
        let format = try sheet.format(for: style)
        styleFormats.append((style, format))
        return format
    }

    /// Writes text into the current row; empty text writes nothing.
    func text(_ column: Int, _ value: String, style: CellStyle?) throws {
        guard !value.isEmpty else { return }
        try text(column, value, format: try style.map(format) ?? columnFormats[column])
    }

    /// Writes text into the current row in the column's own format (wrapped or not), or `format`.
    func text(_ column: Int, _ value: String, format: SheetWriter.CellFormat? = nil) throws {
        guard !value.isEmpty else { return }
        let maxWidth = maxWidths[column]
        // Bytes bound characters from above, so most cells are settled without counting characters.
        let bytes = value.utf8.count
        if bytes > longest[column], Double(longest[column]) < maxWidth {
            longest[column] = max(longest[column], value.count)
        }
        let format = format ?? columnFormats[column]
        guard heights else {
            // No height to set first: the cell goes straight to the sheet.
            return try sheet.write(row: row, column: column, value, format: format)
        }
        if wraps[column], Double(bytes) >= maxWidth - 1 || value.utf8.contains(10) {
            pendingLines = max(pendingLines, Self.lines(value, width: maxWidth, bold: false))
        }
        pending.append(.text(column, value, format))
    }

    /// Writes text, or a blank cell when it is empty, in `style`: for cells a person fills in, which must carry
    /// their format (unlocked, a date format) even while empty.
    func fillable(_ column: Int, _ value: String, style: CellStyle) throws {
        guard value.isEmpty else { return try text(column, value, style: style) }
        try add(.text(column, "", try format(style)))
    }

    /// Writes a whole number into the current row.
    func number(_ column: Int, _ value: Int, style: CellStyle) throws {
        try number(column, value, format: try format(style))
    }

    /// Writes a whole number into the current row, as an integer or in `format`.
    func number(_ column: Int, _ value: Int, format: SheetWriter.CellFormat? = nil) throws {
        let length = Self.digits(value) + 1
        if length > longest[column] { longest[column] = length }
        try add(.number(column, Double(value), format ?? integerFormat))
    }

    /// Writes the cell now when no row height is computed, else holds it for `flush`.
    @inline(__always)
    private func add(_ cell: Pending) throws {
        if heights { pending.append(cell) } else { try write(cell) }
    }

    @inline(__always)
    private func write(_ cell: Pending) throws {
        switch cell {
        case .text(let c, let value, let format): try sheet.write(row: row, column: c, value, format: format)
        case .number(let c, let value, let format): try sheet.write(row: row, column: c, value, format: format)
        case .date(let c, let value, let format): try sheet.write(row: row, column: c, value, format: format)
        }
    }

    /// The characters of `value` written in decimal.
    static func digits(_ value: Int) -> Int {
        var n = value.magnitude
        var count = value < 0 ? 2 : 1
        while n >= 10 {
            n /= 10
            count += 1
        }
        return count
    }

    /// Writes a fractional number into the current row.
    func number(_ column: Int, _ value: Double, style: CellStyle) throws {
        try number(column, value, format: try format(style))
    }

    /// Writes a fractional number into the current row in `format`.
    func number(_ column: Int, _ value: Double, format: SheetWriter.CellFormat) throws {
        if longest[column] < 6 { longest[column] = 6 }
        try add(.number(column, value, format))
    }

    /// Writes a date into the current row; nil writes nothing.
    func date(_ column: Int, _ value: CalendarDate?) throws {
        guard let value else { return }
        if longest[column] < 11 { longest[column] = 11 }
        try add(.date(column, value, dateFormat))
    }

    /// Writes the held row: its height first when its text wraps onto several lines, then its cells.
    private func flush() throws {
        guard !pending.isEmpty else { return }
        let lines = max(pendingLines, minimumLines)
        if lines > 1 {
            try sheet.setRow(row, height: min(409, Self.lineHeight * Double(lines) + 3))
        }
        for cell in pending { try write(cell) }
        pending.removeAll(keepingCapacity: true)
        pendingLines = 1
    }

    /// The body rows of each sheet used, 1-based and inclusive; empty ranges are left out.
    private(set) var bodyRanges: [(sheet: SheetWriter, first: Int, last: Int)] = []

    /// Sets the widths, freezes the title block and header, adds the autofilter and the print setup, on every
    /// sheet the table used; `footer` gives each sheet's footer from its name. Sheets the table did not need
    /// (there are none when the caller asked for `sheetsNeeded`) get the title block alone.
    func finish(footer: (String) -> String, paper: SheetWriter.Paper = .a4) throws {
        try flush()
        lastRows.append(row)
        bodyRanges = []
        for (i, sheet) in sheets.enumerated() {
            let last = i < lastRows.count ? lastRows[i] : Self.headerRow
            if i >= lastRows.count {
                self.sheet = sheet
                try writeHead(title: title + " (continued, part \(i + 1))")
            }
            if last > Self.headerRow { bodyRanges.append((sheet, Self.headerRow + 1, last)) }
            for (c, column) in columns.enumerated() {
                let width = min(max(Double(longest[c]) + 1, column.minWidth), column.maxWidth)
                try sheet.setColumn(first: c, last: c, width: width)
            }
            try sheet.freezePanes(rows: Self.headerRow)
            try sheet.autofilter(
                firstRow: Self.headerRow, firstColumn: 0, lastRow: max(last, Self.headerRow + 1),
                lastColumn: columns.count - 1)
            try PrintSetup.apply(to: sheet, footer: footer(sheet.name), repeatHeader: Self.headerRow, paper: paper)
        }
    }

    /// `finish` with one footer for a table on one sheet.
    func finish(footer: String, paper: SheetWriter.Paper = .a4) throws {
        try finish(footer: { _ in footer }, paper: paper)
    }

    /// How many lines `text` takes when wrapped at word boundaries in a column `width` characters wide, from
    /// approximate Calibri 11 glyph widths (a digit is one unit of column width); errs towards an extra line.
    /// Works on the UTF-8 bytes: paragraphs end at line feeds, words at spaces, and a multi-byte character
    /// counts once, at its first byte.
    static func lines(_ text: String, width: Double, bold: Bool) -> Int {
        let capacity = max(3, width - 0.6) / (bold ? 1.08 : 1.0)
        return text.withUTF8Bytes { lines($0, capacity: capacity) }
    }

    private static func lines(_ bytes: UnsafeBufferPointer<UInt8>, capacity: Double) -> Int {
        var total = 0
        var lines = 1
        var used = 0.0
        var word = 0.0
        var inWord = false
        let count = bytes.count
        var i = 0
        let glyphWidths = Self.glyphWidths  // read once, not through the lazy global on every byte
        // Places the finished word on the current line, or starts a new one.
        @inline(__always) func place() {
            if used == 0 {
                used = word
            } else if used + 0.45 + word <= capacity {
                used += 0.45 + word
            } else {
                lines += 1
                used = word
            }
            while used > capacity {
                lines += 1
                used -= capacity
            }
            word = 0
            inWord = false
        }
        while i < count {
            let byte = bytes[i]
            if byte == 0x0A {
                if inWord { place() }
                total += lines
                lines = 1
                used = 0
            } else if byte == 0x20 {
                if inWord { place() }
            } else {
                inWord = true
                if byte == 0xE2, i + 2 < count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x93 {
                    word += 0.65  // en dash
                    i += 2
                } else {
                    word += glyphWidths[Int(byte)]
                }
            }
            i += 1
        }
        if inWord { place() }
        total += lines
        return max(1, total)
    }

    /// Width of each byte in units of a digit's width: ASCII by glyph class, a UTF-8 lead byte as one unit,
    /// continuation bytes as nothing.
    static let glyphWidths: [Double] = (0..<256).map { b -> Double in
        if b >= 0x80 && b < 0xC0 { return 0 }
        switch UInt8(b) {
        case UInt8(ascii: "i"), UInt8(ascii: "j"), UInt8(ascii: "l"), UInt8(ascii: "f"), UInt8(ascii: "t"),
            UInt8(ascii: "r"), UInt8(ascii: "I"), UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ";"),
            UInt8(ascii: ":"), UInt8(ascii: "'"), UInt8(ascii: "!"), UInt8(ascii: "|"):
            return 0.5
        case UInt8(ascii: "m"), UInt8(ascii: "w"): return 1.4
        case UInt8(ascii: "M"), UInt8(ascii: "W"): return 1.5
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return 0.88
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return 1.1
        case UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "/"): return 0.65
        default: return 1.0
        }
    }
}

/// The print setup every sheet shares: landscape, one page wide, narrow margins, footer with page numbers.
enum PrintSetup {
    static func apply(
        to sheet: SheetWriter, footer: String, repeatHeader: Int?, paper: SheetWriter.Paper = .a4,
        tall: Int = 0
    ) throws {
        try sheet.setPaper(paper)
        try sheet.setLandscape()
        try sheet.fitToPages(width: 1, height: tall)
        try sheet.setMargins(left: 0.4, right: 0.4, top: 0.5, bottom: 0.6)
        if let repeatHeader { try sheet.repeatRows(first: repeatHeader, last: repeatHeader) }
        try sheet.setFooter(footer)
    }
}
