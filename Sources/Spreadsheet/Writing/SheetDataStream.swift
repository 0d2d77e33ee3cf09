/// Writes a worksheet's rows as SpreadsheetML (`<row>` and `<c>` elements, strings inline) straight into a
/// `ChunkedDeflater`, for the sheets whose cells bypass libxlsxwriter. The cells are XML bytes appended to one
/// buffer: no per-cell allocation, no `printf`. `PackageSplicer` later puts the rows inside the sheet's
/// `<sheetData>`.
///
/// Rows must come in ascending order; cells within the open row may come in any order, and a cell written twice
/// keeps the last value. Places are 0-based here; `SheetWriter` checks them first.
final class SheetDataStream {
    /// The smallest and largest row and column written, 0-based: the sheet's `<dimension>`.
    private(set) var firstRow = Int.max, lastRow = -1, firstColumn = Int.max, lastColumn = -1

    private let deflater: ChunkedDeflater
    private var buffer: [UInt8] = []
    /// The open row: its number (0-based; -1 before the first), attributes and cells so far.
    private var row = -1
    private var rowDigits: [UInt8] = []
    private var rowHeight: Double?
    private var rowStyle: Int32 = 0
    private var cells: [UInt8] = []
    /// Each cell of the open row: column and byte range in `cells`; sorted before writing when out of order.
    private var spans: [(column: Int, start: Int, end: Int)] = []
    private var inOrder = true
    /// Column letters by column, filled as columns are first used.
    private var letters: [[UInt8]] = []

    init(deflater: ChunkedDeflater) {
        self.deflater = deflater
        buffer.reserveCapacity(ChunkedDeflater.chunkSize + (64 << 10))
    }

    // MARK: Cells

    /// A string cell; `text` must already be within Excel's limits (no NUL, at most 32,767 characters).
    func text(_ row: Int, _ column: Int, _ text: String, style: Int32) throws {
        try startCell(row, column, style: style)
        var text = text
        text.withUTF8 { bytes in
            let preserve = bytes.first.map(Self.isSpace) == true || bytes.last.map(Self.isSpace) == true
            cells.append(contentsOf: preserve ? Self.inlineStringPreserved : Self.inlineString)
            Self.appendEscaped(bytes, to: &cells)
        }
        cells.append(contentsOf: Self.inlineStringEnd)
        endCell(column)
    }

    /// A number cell; `number` must be finite.
    func number(_ row: Int, _ column: Int, _ number: Double, style: Int32) throws {
        try startCell(row, column, style: style)
        cells.append(contentsOf: Self.valueStart)
        if number == number.rounded(.towardZero), number.magnitude < 1e15 {
            Self.appendDecimal(Int(number), to: &cells)
        } else {
            cells.append(contentsOf: number.description.utf8)
        }
        cells.append(contentsOf: Self.valueEnd)
        endCell(column)
    }

    /// TRUE or FALSE.
    func bool(_ row: Int, _ column: Int, _ value: Bool, style: Int32) throws {
        try startCell(row, column, style: style)
        cells.append(contentsOf: value ? Self.boolTrue : Self.boolFalse)
        endCell(column)
    }

    /// A cell with a style and no value.
    func blank(_ row: Int, _ column: Int, style: Int32) throws {
        try startCell(row, column, style: style)
        cells.append(contentsOf: Self.emptyEnd)
        endCell(column)
    }

    /// A row's height in points and default style (`<row ht customHeight s customFormat>`).
    func setRow(_ row: Int, height: Double?, style: Int32) throws {
        try open(row)
        if let height { rowHeight = height }
        if style != 0 { rowStyle = style }
    }

    /// Writes the open row and returns every row deflated.
    func finish() throws -> DeflatedStream {
        closeRow()
        try deflater.append(buffer)
        buffer = []
        return try deflater.finish()
    }

    // MARK: Rows

    private func open(_ row: Int) throws {
        guard row != self.row else { return }
        precondition(row > self.row, "rows are checked to be in order before they reach the stream")
        closeRow()
        if buffer.count >= ChunkedDeflater.chunkSize {
            try deflater.append(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
        self.row = row
        rowDigits.removeAll(keepingCapacity: true)
        Self.appendDecimal(row + 1, to: &rowDigits)
        firstRow = min(firstRow, row)
        lastRow = max(lastRow, row)
    }

    private func closeRow() {
        guard row >= 0, !spans.isEmpty || rowHeight != nil || rowStyle != 0 else { return }
        buffer.append(contentsOf: Self.rowStart)
        buffer.append(contentsOf: rowDigits)
        buffer.append(0x22) // "
        if let rowHeight {
            buffer.append(contentsOf: Self.heightAttribute)
            buffer.append(contentsOf: Self.points(rowHeight).utf8)
            buffer.append(contentsOf: Self.customHeight)
        }
        if rowStyle != 0 {
            buffer.append(contentsOf: Self.styleAttribute)
            Self.appendDecimal(Int(rowStyle), to: &buffer)
            buffer.append(contentsOf: Self.customFormat)
        }
        if spans.isEmpty {
            buffer.append(contentsOf: Self.emptyEnd)
        } else {
            buffer.append(0x3E) // >
            if inOrder {
                buffer.append(contentsOf: cells)
            } else {
                // Stable sort keeps the order of writes; of two writes to one column the later wins.
                let sorted = spans.enumerated().sorted { ($0.element.column, $0.offset) < ($1.element.column, $1.offset) }.map(\.element)
                for (i, span) in sorted.enumerated() where i + 1 == sorted.count || sorted[i + 1].column != span.column {
                    buffer.append(contentsOf: cells[span.start..<span.end])
                }
            }
            buffer.append(contentsOf: Self.rowEnd)
        }
        cells.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
        inOrder = true
        rowHeight = nil
        rowStyle = 0
    }

    @inline(__always)
    private func startCell(_ row: Int, _ column: Int, style: Int32) throws {
        try open(row)
        if let last = spans.last, column <= last.column { inOrder = false }
        spans.append((column, cells.count, cells.count))
        cells.append(contentsOf: Self.cellStart)
        cells.append(contentsOf: letters(for: column))
        cells.append(contentsOf: rowDigits)
        cells.append(0x22) // "
        if style != 0 {
            cells.append(contentsOf: Self.styleAttribute)
            Self.appendDecimal(Int(style), to: &cells)
            cells.append(0x22)
        }
        firstColumn = min(firstColumn, column)
        lastColumn = max(lastColumn, column)
    }

    @inline(__always)
    private func endCell(_ column: Int) {
        spans[spans.count - 1].end = cells.count
    }

    private func letters(for column: Int) -> [UInt8] {
        while letters.count <= column { letters.append(Array(columnLetters(letters.count).utf8)) }
        return letters[column]
    }

    // MARK: Encoding

    private static let rowStart = Array("<row r=\"".utf8), rowEnd = Array("</row>".utf8)
    private static let heightAttribute = Array(" ht=\"".utf8), customHeight = Array("\" customHeight=\"1\"".utf8)
    private static let styleAttribute = Array(" s=\"".utf8), customFormat = Array("\" customFormat=\"1\"".utf8)
    private static let cellStart = Array("<c r=\"".utf8), emptyEnd = Array("/>".utf8)
    private static let inlineString = Array(" t=\"inlineStr\"><is><t>".utf8)
    private static let inlineStringPreserved = Array(" t=\"inlineStr\"><is><t xml:space=\"preserve\">".utf8)
    private static let inlineStringEnd = Array("</t></is></c>".utf8)
    private static let valueStart = Array("><v>".utf8), valueEnd = Array("</v></c>".utf8)
    private static let boolTrue = Array(" t=\"b\"><v>1</v></c>".utf8), boolFalse = Array(" t=\"b\"><v>0</v></c>".utf8)

    /// Leading or trailing white space that XML would otherwise let a reader drop.
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// Bytes that cannot go into element text as they are: `&`, `<`, `>`, and the control characters XML 1.0
    /// forbids or a parser would rewrite (all below 0x20 but tab and line feed; carriage return would be read
    /// back as a line feed).
    private static let needsEscape: [Bool] = (0..<256).map { b in
        b == 0x26 || b == 0x3C || b == 0x3E || (b < 0x20 && b != 0x09 && b != 0x0A)
    }

    /// Appends `bytes` as XML element text; control characters become Excel's `_xHHHH_` escapes.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        for i in 0..<bytes.count where needsEscape[Int(bytes[i])] {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
            switch bytes[i] {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out.append(contentsOf: "_x00".utf8)
                out.append(hex[Int(bytes[i] >> 4)])
                out.append(hex[Int(bytes[i] & 0xF)])
                out.append(0x5F)
            }
            start = i + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
    }

    /// Appends `value` in decimal.
    @inline(__always)
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(0x2D) }
        var magnitude = value.magnitude
        if magnitude < 10 { out.append(0x30 + UInt8(magnitude)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while magnitude > 0 {
                d[count] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(d[i]) }
        }
    }

    /// A row height as Excel writes it: up to two decimals, no trailing zeros.
    static func points(_ height: Double) -> String {
        let hundredths = Int((height * 100).rounded())
        let whole = hundredths / 100, fraction = hundredths % 100
        if fraction == 0 { return "\(whole)" }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
