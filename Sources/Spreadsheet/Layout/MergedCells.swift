#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A rectangle of cells merged into one. Its value sits in the top-left cell; a person reads it in every cell the
/// rectangle covers (an inspection's title merged down over its items, a heading merged across the table).
public struct MergedRange: Sendable, Equatable {
    /// 1-based rows, as a person sees them.
    public var firstRow: Int
    public var lastRow: Int
    /// 0-based columns.
    public var firstColumn: Int
    public var lastColumn: Int

    public init(firstRow: Int, lastRow: Int, firstColumn: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.lastRow = lastRow
        self.firstColumn = firstColumn
        self.lastColumn = lastColumn
    }

    /// A range from an A1-style reference such as `B3:B9` (or a single cell); nil when it is not one.
    public init?(reference: String) {
        let ends = reference.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(ends.count), let first = Self.cell(ends[0]), let last = Self.cell(ends.last!) else {
            return nil
        }
        self.init(
            firstRow: min(first.row, last.row), lastRow: max(first.row, last.row),
            firstColumn: min(first.column, last.column), lastColumn: max(first.column, last.column))
    }

    /// A cell reference's 1-based row and 0-based column (`$` signs ignored); nil when it is not one.
    private static func cell(_ text: Substring) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in text.utf8 where byte != UInt8(ascii: "$") {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
                letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            default: return nil
            }
            if letters > 3 || digits > 7 { return nil }
        }
        guard letters > 0, digits > 0, row >= 1, row <= ExcelLimits.rows, column <= ExcelLimits.columns else {
            return nil
        }
        return (row, column - 1)
    }
}

/// Gives each cell a merged range covers the value of the range's top-left cell, row by row as rows stream in.
///
/// Rows must come in order, as every reader gives them. A range's value is taken when its top row arrives; a
/// range whose top-left cell is empty fills nothing.
public struct MergedCellFiller {
    /// The most columns a range fills: a range across the whole sheet (A:XFD) would otherwise make every row
    /// sixteen thousand cells wide. No register is wider.
    public static let maxFilledColumns = 256

    private let ranges: [MergedRange]
    /// The next range (in `ranges`, sorted by first row) whose top row has not yet come.
    private var next = 0
    /// Ranges under way: the range and the value it spreads.
    private var active: [(range: MergedRange, value: CellValue)] = []

    public init(_ ranges: [MergedRange]) {
        self.ranges = ranges.filter { $0.firstRow < $0.lastRow || $0.firstColumn < $0.lastColumn }
            .sorted { ($0.firstRow, $0.firstColumn) < ($1.firstRow, $1.firstColumn) }
    }

    /// True when no range covers more than one cell: every row passes unchanged.
    public var isEmpty: Bool { ranges.isEmpty }

    /// The row with merged values filled in, and the columns filled from a range that began on an earlier row
    /// (a cell "merged down" into this row, which tells a continuation of the item above).
    public mutating func fill(_ row: Row) -> (row: Row, filledFromAbove: Set<Int>) {
        active.removeAll { $0.range.lastRow < row.number }
        while next < ranges.count, ranges[next].firstRow <= row.number {
            let range = ranges[next]
            next += 1
            guard range.lastRow >= row.number, range.firstRow == row.number,
                let value = row[range.firstColumn], !Row(number: 0, cells: [value]).isBlank
            else { continue }
            active.append((range, value))
        }
        guard !active.isEmpty else { return (row, []) }
        var filled = row
        var fromAbove: Set<Int> = []
        for (range, value) in active {
            let last = min(range.lastColumn, range.firstColumn + Self.maxFilledColumns - 1)
            if filled.cells.count <= last {
                filled.cells += Array(repeating: nil, count: last + 1 - filled.cells.count)
            }
            for column in range.firstColumn...last where filled.cells[column] == nil {
                filled.cells[column] = value
                if row.number > range.firstRow { fromAbove.insert(column) }
            }
        }
        return (filled, fromAbove)
    }
}

/// Finds the `<mergeCell ref="…"/>` elements of a worksheet part without parsing it: they follow the sheet's
/// data, and a byte search through the inflated part costs a fraction of a second parse.
struct MergeCellScanner {
    private static let marker = Array("mergeCell".utf8)
    /// Bytes of one chunk kept for the next, so an element split across two chunks is still found whole.
    private static let overlap = 512
    private var carry: [UInt8] = []
    private(set) var ranges: [MergedRange] = []

    /// Takes the next chunk of the part.
    mutating func scan(_ chunk: UnsafeRawBufferPointer) {
        var bytes = carry
        bytes.append(contentsOf: chunk)
        var position = 0
        bytes.withUnsafeBufferPointer { buffer in
            while let hit = Self.find(Self.marker, in: buffer, from: position) {
                guard let close = buffer[hit...].firstIndex(of: UInt8(ascii: ">")) else {
                    position = max(0, hit - 64)
                    return
                }
                if Self.opensElement(buffer, at: hit),
                    let range = Self.reference(in: buffer[hit..<close]).flatMap(MergedRange.init(reference:))
                {
                    ranges.append(range)
                }
                position = close + 1
            }
            position = max(position, buffer.count - Self.overlap)
        }
        carry = Array(bytes[min(position, bytes.count)...])
        // An unclosed element in a damaged part must not hold the rest of the part in memory.
        if carry.count > 1 << 16 { carry = Array(carry.suffix(Self.overlap)) }
    }

    /// True when the name at `index` is an element's (after `<` or a prefix such as `x:`), not text.
    private static func opensElement(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var i = index - 1
        guard i >= 0 else { return false }
        if buffer[i] == UInt8(ascii: "<") { return true }
        guard buffer[i] == UInt8(ascii: ":") else { return false }
        i -= 1
        while i >= 0, i > index - 40 {
            let byte = buffer[i]
            if byte == UInt8(ascii: "<") { return true }
            let isNameByte =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
            guard isNameByte else { return false }
            i -= 1
        }
        return false
    }

    /// The value of the `ref` attribute in an element's bytes (after a space, tab or line break).
    private static func reference(in element: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        let bytes = Array(element)
        let name = Array("ref=".utf8)
        var from = 0
        var found: Int?
        while let at = bytes.firstIndex(of: name, from: from) {
            if at > 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at - 1]) {
                found = at
                break
            }
            from = at + 1
        }
        guard let at = found, at + name.count < bytes.count else { return nil }
        let quote = bytes[at + name.count]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        let start = at + name.count + 1
        guard let end = bytes[start...].firstIndex(of: quote) else { return nil }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Where `needle` first occurs in `buffer` at or after `start`.
    private static func find(_ needle: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = buffer.baseAddress, let first = needle.first else { return nil }
        var i = start
        while i + needle.count <= buffer.count {
            // memchr finds the first byte at memory speed; most bytes of a sheet are not an "m".
            guard let hit = memchr(base + i, Int32(first), buffer.count - i) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard at + needle.count <= buffer.count else { return nil }
            if memcmp(base + at, needle, needle.count) == 0 { return at }
            i = at + 1
        }
        return nil
    }
}
