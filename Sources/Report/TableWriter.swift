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
final class TableWriter {
    /// The header row (1-based): below the title block.
    static let headerRow = 4
    /// Points per line of 11-point text, Excel's default row height.
    static let lineHeight = 14.5

    private enum Pending {
        case text(Int, String, CellStyle)
        case number(Int, Double, CellStyle)
        case date(Int, CalendarDate)
    }

    let sheet: SheetWriter
    let columns: [TableColumn]
    /// The row being written (1-based).
    private(set) var row: Int
    /// Longest text seen per column, in characters.
    private var longest: [Int]
    private var pending: [Pending] = []
    private var pendingLines = 1

    /// Writes the title block (title on row 1, `subtitle` on row 2) and the header row.
    init(sheet: SheetWriter, columns: [TableColumn], title: String, subtitle: String) throws {
        self.sheet = sheet
        self.columns = columns
        row = Self.headerRow
        longest = columns.map { column in
            // Headers wrap, so the longest word is what the header needs.
            (column.title.split(separator: " ").map(\.count).max() ?? 0) + 1
        }
        try sheet.write(row: 1, column: 0, title, style: Styles.title)
        try sheet.write(row: 2, column: 0, subtitle, style: Styles.subtitle)
        let headerLines = columns.map { Self.lines($0.title, width: $0.maxWidth, bold: true) }.max() ?? 1
        try sheet.setRow(Self.headerRow, height: headerLines > 1 ? Self.lineHeight * Double(headerLines) : nil)
        for (i, column) in columns.enumerated() {
            try sheet.write(row: Self.headerRow, column: i, column.title, style: column.board ? Styles.boardHeader : Styles.header)
        }
    }

    /// Starts the next body row, writing the one before.
    func newRow() throws {
        try flush()
        row += 1
    }

    /// The rows written below the header.
    var bodyRows: Int { row - Self.headerRow }

    /// Writes text into the current row; empty text writes nothing.
    func text(_ column: Int, _ value: String, style: CellStyle? = nil) throws {
        guard !value.isEmpty else { return }
        let spec = columns[column]
        // Bytes bound characters from above, so most cells are settled without counting characters.
        let bytes = value.utf8.count
        if bytes > longest[column], Double(longest[column]) < spec.maxWidth {
            longest[column] = max(longest[column], value.count)
        }
        if spec.wrap, Double(bytes) >= spec.maxWidth - 1 || value.utf8.contains(10) {
            pendingLines = max(pendingLines, Self.lines(value, width: spec.maxWidth, bold: false))
        }
        pending.append(.text(column, value, style ?? (spec.wrap ? Styles.wrapped : Styles.text)))
    }

    /// Writes a whole number into the current row.
    func number(_ column: Int, _ value: Int, style: CellStyle = Styles.integer) throws {
        let length = String(value).count + 1
        if length > longest[column] { longest[column] = length }
        pending.append(.number(column, Double(value), style))
    }

    /// Writes a fractional number into the current row.
    func number(_ column: Int, _ value: Double, style: CellStyle) throws {
        if longest[column] < 6 { longest[column] = 6 }
        pending.append(.number(column, value, style))
    }

    /// Writes a date into the current row; nil writes nothing.
    func date(_ column: Int, _ value: CalendarDate?) throws {
        guard let value else { return }
        if longest[column] < 11 { longest[column] = 11 }
        pending.append(.date(column, value))
    }

    /// Writes the held row: its height first when its text wraps onto several lines, then its cells.
    private func flush() throws {
        guard !pending.isEmpty else { return }
        if pendingLines > 1 {
            try sheet.setRow(row, height: min(409, Self.lineHeight * Double(pendingLines) + 3))
        }
        for cell in pending {
            switch cell {
            case .text(let c, let value, let style): try sheet.write(row: row, column: c, value, style: style)
            case .number(let c, let value, let style): try sheet.write(row: row, column: c, value, style: style)
            case .date(let c, let value): try sheet.write(row: row, column: c, value, style: Styles.date)
            }
        }
        pending.removeAll(keepingCapacity: true)
        pendingLines = 1
    }

    /// Sets the widths, freezes the title block and header, adds the autofilter and the print setup.
    func finish(footer: String, paper: SheetWriter.Paper = .a4) throws {
        try flush()
        for (i, column) in columns.enumerated() {
            let width = min(max(Double(longest[i]) + 1, column.minWidth), column.maxWidth)
            try sheet.setColumn(first: i, last: i, width: width)
        }
        try sheet.freezePanes(rows: Self.headerRow)
        try sheet.autofilter(firstRow: Self.headerRow, firstColumn: 0, lastRow: max(row, Self.headerRow + 1),
                             lastColumn: columns.count - 1)
        try PrintSetup.apply(to: sheet, footer: footer, repeatHeader: Self.headerRow, paper: paper)
    }

    /// How many lines `text` takes when wrapped at word boundaries in a column `width` characters wide, from
    /// approximate Calibri 11 glyph widths (a digit is one unit of column width); errs towards an extra line.
    static func lines(_ text: String, width: Double, bold: Bool) -> Int {
        let capacity = max(3, width - 0.6) / (bold ? 1.08 : 1.0)
        var total = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var lines = 1, used = 0.0
            for word in paragraph.split(separator: " ") {
                let length = glyphWidth(word)
                if used == 0 {
                    used = length
                } else if used + 0.45 + length <= capacity {
                    used += 0.45 + length
                } else {
                    lines += 1
                    used = length
                }
                while used > capacity { lines += 1; used -= capacity }
            }
            total += lines
        }
        return max(1, total)
    }

    /// A word's width in units of a digit's width.
    static func glyphWidth(_ word: Substring) -> Double {
        var width = 0.0
        for scalar in word.unicodeScalars {
            switch scalar {
            case "i", "j", "l", "f", "t", "r", "I", ",", ".", ";", ":", "'", "!", "|": width += 0.5
            case "m", "w": width += 1.4
            case "M", "W": width += 1.5
            case "a"..."z": width += 0.88
            case "A"..."Z": width += 1.1
            case "-", "(", ")", "/", "–": width += 0.65
            default: width += 1.0
            }
        }
        return width
    }
}

/// The print setup every sheet shares: landscape, one page wide, narrow margins, footer with page numbers.
enum PrintSetup {
    static func apply(to sheet: SheetWriter, footer: String, repeatHeader: Int?, paper: SheetWriter.Paper = .a4,
                      tall: Int = 0) throws {
        try sheet.setPaper(paper)
        try sheet.setLandscape()
        try sheet.fitToPages(width: 1, height: tall)
        try sheet.setMargins(left: 0.4, right: 0.4, top: 0.5, bottom: 0.6)
        if let repeatHeader { try sheet.repeatRows(first: repeatHeader, last: repeatHeader) }
        try sheet.setFooter(footer)
    }
}
