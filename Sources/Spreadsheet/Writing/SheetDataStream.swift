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
    /// Finished rows, handed to the deflater a chunk at a time.
    private var buffer: ByteBuffer
    /// The open row: its number (0-based; -1 before the first), attributes and cells so far.
    private var row = -1
    private var rowDigits = ByteBuffer(capacity: 16)
    private var rowHeight: Double?
    private var rowStyle: Int32 = 0
    private var cells = ByteBuffer(capacity: 64 << 10)
    /// Each cell of the open row: column and byte range in `cells`; sorted before writing when out of order.
    private var spans: [(column: Int, start: Int, end: Int)] = []
    private var inOrder = true
    /// Column letters by column, filled as columns are first used.
    private var letters: [ByteBuffer] = []

    init(deflater: ChunkedDeflater) {
        self.deflater = deflater
        buffer = ByteBuffer(adopting: deflater.buffer(capacity: Self.bufferCapacity))
    }

    /// A chunk's worth and room for the row that crosses the mark.
    private static let bufferCapacity = ChunkedDeflater.chunkSize + (64 << 10)

    deinit {
        buffer.deallocate()
        rowDigits.deallocate()
        cells.deallocate()
        for letter in letters { letter.deallocate() }
    }

    // MARK: Cells

    /// A string cell; `text` must already be within Excel's limits (no NUL, at most 32,767 characters).
    func text(_ row: Int, _ column: Int, _ text: String, style: Int32) throws {
        try startCell(row, column, style: style)
        text.withUTF8Bytes { bytes in
            let preserve = bytes.first.map(Self.isSpace) == true || bytes.last.map(Self.isSpace) == true
            cells.append(preserve ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">" : " t=\"inlineStr\"><is><t>")
            Self.appendEscaped(bytes, to: &cells)
        }
        cells.append("</t></is></c>")
        endCell()
    }

    /// A number cell; `number` must be finite.
    func number(_ row: Int, _ column: Int, _ number: Double, style: Int32) throws {
        try startCell(row, column, style: style)
        cells.append("><v>")
        if number == number.rounded(.towardZero), number.magnitude < 1e15 {
            cells.appendDecimal(Int(number))
        } else {
            number.description.withUTF8Bytes { cells.append($0) }
        }
        cells.append("</v></c>")
        endCell()
    }

    /// TRUE or FALSE.
    func bool(_ row: Int, _ column: Int, _ value: Bool, style: Int32) throws {
        try startCell(row, column, style: style)
        cells.append(value ? " t=\"b\"><v>1</v></c>" : " t=\"b\"><v>0</v></c>")
        endCell()
    }

    /// A cell with a style and no value.
    func blank(_ row: Int, _ column: Int, style: Int32) throws {
        try startCell(row, column, style: style)
        cells.append("/>")
        endCell()
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
        try handOverBuffer()
        return try deflater.finish()
    }

    // MARK: Rows

    private func open(_ row: Int) throws {
        guard row != self.row else { return }
        precondition(row > self.row, "rows are checked to be in order before they reach the stream")
        closeRow()
        if buffer.count >= ChunkedDeflater.chunkSize { try handOverBuffer() }
        self.row = row
        rowDigits.removeAll()
        rowDigits.appendDecimal(row + 1)
        firstRow = min(firstRow, row)
        lastRow = max(lastRow, row)
    }

    /// Gives the finished rows to the deflater and takes an empty buffer from it.
    private func handOverBuffer() throws {
        try deflater.append(buffer.storage, count: buffer.count)
        buffer = ByteBuffer(adopting: deflater.buffer(capacity: Self.bufferCapacity))
    }

    private func closeRow() {
        guard row >= 0, !spans.isEmpty || rowHeight != nil || rowStyle != 0 else { return }
        buffer.append("<row r=\"")
        buffer.append(rowDigits)
        buffer.append(0x22) // "
        if let rowHeight {
            buffer.append(" ht=\"")
            var points = Self.points(rowHeight)
            points.withUTF8 { buffer.append($0) }
            buffer.append("\" customHeight=\"1\"")
        }
        if rowStyle != 0 {
            buffer.append(" s=\"")
            buffer.appendDecimal(Int(rowStyle))
            buffer.append("\" customFormat=\"1\"")
        }
        if spans.isEmpty {
            buffer.append("/>")
        } else {
            buffer.append(0x3E) // >
            if inOrder {
                buffer.append(cells)
            } else {
                // Stable sort keeps the order of writes; of two writes to one column the later wins.
                let sorted = spans.enumerated().sorted { ($0.element.column, $0.offset) < ($1.element.column, $1.offset) }.map(\.element)
                for (i, span) in sorted.enumerated() where i + 1 == sorted.count || sorted[i + 1].column != span.column {
                    buffer.append(cells, from: span.start, to: span.end)
                }
            }
            buffer.append("</row>")
        }
        cells.removeAll()
        spans.removeAll(keepingCapacity: true)
        inOrder = true
        rowHeight = nil
        rowStyle = 0
    }

    @inline(__always)
    private func startCell(_ row: Int, _ column: Int, style: Int32) throws {
        if row != self.row { try open(row) }
        if let last = spans.last, column <= last.column { inOrder = false }
        spans.append((column, cells.count, cells.count))
        cells.append("<c r=\"")
        if column >= letters.count { addLetters(upTo: column) }
        cells.append(letters[column])
        cells.append(rowDigits)
        cells.append(0x22) // "
        if style != 0 {
            cells.append(" s=\"")
            cells.appendDecimal(Int(style))
            cells.append(0x22)
        }
        if column < firstColumn { firstColumn = column }
        if column > lastColumn { lastColumn = column }
    }

    @inline(__always)
    private func endCell() {
        spans[spans.count - 1].end = cells.count
    }

    private func addLetters(upTo column: Int) {
        while letters.count <= column {
            var name = columnLetters(letters.count), letter = ByteBuffer(capacity: 4)
            name.withUTF8 { letter.append($0) }
            letters.append(letter)
        }
    }

    // MARK: Encoding

    /// Leading or trailing white space that XML would otherwise let a reader drop.
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// Bytes that cannot go into element text as they are: `&`, `<`, `>`, and the control characters XML 1.0
    /// forbids or a parser would rewrite (all below 0x20 but tab and line feed; carriage return would be read
    /// back as a line feed).
    private static let needsEscape: [Bool] = (0..<256).map { b in
        b == 0x26 || b == 0x3C || b == 0x3E || (b < 0x20 && b != 0x09 && b != 0x0A)
    }

    /// Appends `bytes` as XML element text; control characters become Excel's `_xHHHH_` escapes.
    fileprivate static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        var start = 0
        needsEscape.withUnsafeBufferPointer { needsEscape in
            for i in 0..<bytes.count where needsEscape[Int(bytes[i])] {
                out.append(UnsafeBufferPointer(rebasing: bytes[start..<i]))
                switch bytes[i] {
                case 0x26: out.append("&amp;")
                case 0x3C: out.append("&lt;")
                case 0x3E: out.append("&gt;")
                default:
                    let hex: StaticString = "0123456789ABCDEF"
                    out.append("_x00")
                    out.append(hex.utf8Start[Int(bytes[i] >> 4)])
                    out.append(hex.utf8Start[Int(bytes[i] & 0xF)])
                    out.append(0x5F)
                }
                start = i + 1
            }
        }
        out.append(UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
    }

    /// A row height as Excel writes it: up to two decimals, no trailing zeros.
    static func points(_ height: Double) -> String {
        let hundredths = Int((height * 100).rounded())
        let whole = hundredths / 100, fraction = hundredths % 100
        if fraction == 0 { return "\(whole)" }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
