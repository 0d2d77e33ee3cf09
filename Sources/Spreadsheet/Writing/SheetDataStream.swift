/// Writes a worksheet's rows as SpreadsheetML (`<row>` and `<c>` elements, strings inline) straight into a
/// `ChunkedDeflater`, for the sheets whose cells bypass libxlsxwriter. The cells are XML bytes appended to one
/// buffer: no per-cell allocation, no `printf`. `PackageSplicer` later puts the rows inside the sheet's
/// `<sheetData>`.
///
/// Rows must come in ascending order; cells within the open row may come in any order, and a cell written twice
/// keeps the last value. Places are 0-based here; `SheetWriter` checks them first.
final class SheetDataStream {
    /// The smallest and largest row written, 0-based; with the columns, the sheet's `<dimension>`.
    private(set) var firstRow = Int.max, lastRow = -1
    /// The smallest and largest column written, 0-based.
    var firstColumn: Int { openRow.firstColumn }
    var lastColumn: Int { openRow.lastColumn }

    private let deflater: ChunkedDeflater
    /// Finished rows, handed to the deflater a chunk at a time.
    private var buffer: ByteBuffer
    /// What each cell touches, in one stored value: a cell makes one checked access to the stream's state.
    private var openRow = OpenRow()

    init(deflater: ChunkedDeflater) {
        self.deflater = deflater
        buffer = ByteBuffer(capacity: Self.bufferCapacity)
    }

    /// A chunk's worth and room for the row that crosses the mark.
    private static let bufferCapacity = ChunkedDeflater.chunkSize + (64 << 10)

    deinit {
        buffer.deallocate()
        openRow.deallocate()
    }

    // MARK: Cells

    /// A string cell; `text` must already be within Excel's limits (no NUL, at most 32,767 characters).
    func text(_ row: Int, _ column: Int, _ text: String, style: Int32) throws {
        if row != openRow.number { try open(row) }
        openRow.text(column, text, style: style)
    }

    /// A number cell; `number` must be finite.
    func number(_ row: Int, _ column: Int, _ number: Double, style: Int32) throws {
        if row != openRow.number { try open(row) }
        openRow.number(column, number, style: style)
    }

    /// TRUE or FALSE.
    func bool(_ row: Int, _ column: Int, _ value: Bool, style: Int32) throws {
        if row != openRow.number { try open(row) }
        openRow.bool(column, value, style: style)
    }

    /// A cell with a style and no value.
    func blank(_ row: Int, _ column: Int, style: Int32) throws {
        if row != openRow.number { try open(row) }
        openRow.blank(column, style: style)
    }

    /// A row's height in points and default style (`<row ht customHeight s customFormat>`).
    func setRow(_ row: Int, height: Double?, style: Int32) throws {
        try open(row)
        if let height { openRow.height = height }
        if style != 0 { openRow.style = style }
    }

    /// Writes the open row and returns every row deflated.
    func finish() throws -> DeflatedStream {
        openRow.close(into: &buffer)
        try handOverBuffer()
        return try deflater.finish()
    }

    // MARK: Rows

    private func open(_ row: Int) throws {
        guard row != openRow.number else { return }
        precondition(row > openRow.number, "rows are checked to be in order before they reach the stream")
        openRow.close(into: &buffer)
        if buffer.count >= ChunkedDeflater.chunkSize { try handOverBuffer() }
        openRow.open(row)
        firstRow = min(firstRow, row)
        lastRow = max(lastRow, row)
    }

    /// Gives the finished rows to the deflater, which copies them, and empties the buffer for the next.
    private func handOverBuffer() throws {
        try deflater.append(buffer.contents)
        buffer.removeAll()
    }

    /// The open row: its number (0-based; -1 before the first), attributes and cells so far; and the columns seen.
    private struct OpenRow {
        var number = -1
        var digits = ByteBuffer(capacity: 16)
        var height: Double?
        var style: Int32 = 0
        var cells = ByteBuffer(capacity: 64 << 10)
        /// Each cell of the open row: column and byte range in `cells`; sorted before writing when out of order.
        var spans: [(column: Int, start: Int, end: Int)] = []
        var inOrder = true
        /// Column letters by column, filled as columns are first used.
        var letters: [ByteBuffer] = []
        var firstColumn = Int.max, lastColumn = -1

        func deallocate() {
            digits.deallocate()
            cells.deallocate()
            for letter in letters { letter.deallocate() }
        }

        mutating func open(_ row: Int) {
            number = row
            digits.removeAll()
            digits.appendDecimal(row + 1)
        }

        mutating func text(_ column: Int, _ text: String, style: Int32) {
            startCell(column, style: style)
            text.withUTF8Bytes { bytes in
                let preserve =
                    bytes.first.map(SheetDataStream.isSpace) == true || bytes.last.map(SheetDataStream.isSpace) == true
                cells.append(preserve ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">" : " t=\"inlineStr\"><is><t>")
                SheetDataStream.appendEscaped(bytes, to: &cells)
            }
            cells.append("</t></is></c>")
            endCell()
        }

        mutating func number(_ column: Int, _ number: Double, style: Int32) {
            startCell(column, style: style)
            cells.append("><v>")
            if number == number.rounded(.towardZero), number.magnitude < 1e15 {
                cells.appendDecimal(Int(number))
            } else {
                number.description.withUTF8Bytes { cells.append($0) }
            }
            cells.append("</v></c>")
            endCell()
        }

        mutating func bool(_ column: Int, _ value: Bool, style: Int32) {
            startCell(column, style: style)
            cells.append(value ? " t=\"b\"><v>1</v></c>" : " t=\"b\"><v>0</v></c>")
            endCell()
        }

        mutating func blank(_ column: Int, style: Int32) {
            startCell(column, style: style)
            cells.append("/>")
            endCell()
        }

        /// Appends the row to `buffer`, if it has cells or attributes, and empties it.
        mutating func close(into buffer: inout ByteBuffer) {
            guard number >= 0, !spans.isEmpty || height != nil || style != 0 else { return }
            buffer.append("<row r=\"")
            buffer.append(digits)
            buffer.append(0x22)  // "
            if let height {
                buffer.append(" ht=\"")
                var points = SheetDataStream.points(height)
                points.withUTF8 { buffer.append($0) }
                buffer.append("\" customHeight=\"1\"")
            }
            if style != 0 {
                buffer.append(" s=\"")
                buffer.appendDecimal(Int(style))
                buffer.append("\" customFormat=\"1\"")
            }
            if spans.isEmpty {
                buffer.append("/>")
            } else {
                buffer.append(0x3E)  // >
                if inOrder {
                    buffer.append(cells)
                } else {
                    // Stable sort keeps the order of writes; of two writes to one column the later wins.
                    let sorted = spans.enumerated().sorted {
                        ($0.element.column, $0.offset) < ($1.element.column, $1.offset)
                    }.map(\.element)
                    for (i, span) in sorted.enumerated()
                    where i + 1 == sorted.count || sorted[i + 1].column != span.column {
                        buffer.append(cells, from: span.start, to: span.end)
                    }
                }
                buffer.append("</row>")
            }
            cells.removeAll()
            spans.removeAll(keepingCapacity: true)
            inOrder = true
            height = nil
            style = 0
        }

        @inline(__always)
        private mutating func startCell(_ column: Int, style: Int32) {
            if let last = spans.last, column <= last.column { inOrder = false }
            spans.append((column, cells.count, cells.count))
            cells.append("<c r=\"")
            if column >= letters.count { addLetters(upTo: column) }
            cells.append(letters[column])
            cells.append(digits)
            cells.append(0x22)  // "
            if style != 0 {
                cells.append(" s=\"")
                cells.appendDecimal(Int(style))
                cells.append(0x22)
            }
            if column < firstColumn { firstColumn = column }
            if column > lastColumn { lastColumn = column }
        }

        @inline(__always)
        private mutating func endCell() {
            spans[spans.count - 1].end = cells.count
        }

        private mutating func addLetters(upTo column: Int) {
            while letters.count <= column {
                var name = columnLetters(letters.count)
                var letter = ByteBuffer(capacity: 4)
                name.withUTF8 { letter.append($0) }
                letters.append(letter)
            }
        }
    }

    // MARK: Encoding

    /// Leading or trailing white space that XML would otherwise let a reader drop.
    fileprivate static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Bytes that cannot go into element text as they are: `&`, `<`, `>`, and the control characters XML 1.0
    /// forbids or a parser would rewrite (all below 0x20 but tab and line feed; carriage return would be read
    /// back as a line feed); and 0xEF, the first byte of U+FFFE and U+FFFF, which XML 1.0 forbids too.
    private static let needsEscape: [Bool] = (0..<256).map { b in
        b == 0x26 || b == 0x3C || b == 0x3E || (b < 0x20 && b != 0x09 && b != 0x0A) || b == 0xEF
    }

    /// Appends `bytes` as XML element text; control characters become Excel's `_xHHHH_` escapes, and U+FFFE and
    /// U+FFFF become U+FFFD.
    fileprivate static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        var start = 0
        var i = 0
        needsEscape.withUnsafeBufferPointer { needsEscape in
            while i < bytes.count {
                guard needsEscape[Int(bytes[i])] else {
                    i += 1
                    continue
                }
                let byte = bytes[i]
                if byte == 0xEF {
                    // Any other character starting with 0xEF is written as it is.
                    guard i + 2 < bytes.count, bytes[i + 1] == 0xBF, bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF
                    else {
                        i += 1
                        continue
                    }
                    out.append(UnsafeBufferPointer(rebasing: bytes[start..<i]))
                    out.append(0xEF)  // U+FFFD
                    out.append(0xBF)
                    out.append(0xBD)
                    i += 3
                    start = i
                    continue
                }
                out.append(UnsafeBufferPointer(rebasing: bytes[start..<i]))
                switch byte {
                case 0x26: out.append("&amp;")
                case 0x3C: out.append("&lt;")
                case 0x3E: out.append("&gt;")
                default:
                    let hex: StaticString = "0123456789ABCDEF"
                    out.append("_x00")
                    out.append(hex.utf8Start[Int(byte >> 4)])
                    out.append(hex.utf8Start[Int(byte & 0xF)])
                    out.append(0x5F)
                }
                i += 1
                start = i
            }
        }
        out.append(UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
    }

    /// A row height as Excel writes it: up to two decimals, no trailing zeros.
    static func points(_ height: Double) -> String {
        let hundredths = Int((height * 100).rounded())
        let whole = hundredths / 100
        let fraction = hundredths % 100
        if fraction == 0 { return "\(whole)" }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
