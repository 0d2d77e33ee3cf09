#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where one text lies in a `TextBytes`: eight bytes, where a `String` is sixteen plus a heap block of its own.
struct TextSpan: Hashable, Sendable {
    /// Offset in the store (above `lengthBits`) and byte count (below), or, with `separateBit` set, the number of a
    /// text held in a block of its own.
    let bits: UInt64

    static let lengthBits: UInt64 = 24
    static let separateBit: UInt64 = 1 << 63

    /// The empty text, which needs no store.
    static let empty = TextSpan(bits: 0)

    /// How many UTF-8 bytes the text holds, known without reading it; for a text of 16 MiB or more (which lies
    /// apart), 16 MiB − 1: two texts of different counts differ, two of the same count must still be compared.
    var byteCount: Int { Int(bits & UInt64(Self.longestCounted)) }
    /// The most `byteCount` gives: a text of this count may be longer.
    static let longestCounted = 1 << 24 - 1
    var isSeparate: Bool { bits & Self.separateBit != 0 }
    var offset: Int { Int(bits >> Self.lengthBits) }

    init(bits: UInt64) { self.bits = bits }

    /// A span of `count` bytes from `offset` (or, `flags` given, the number of a text kept elsewhere).
    init(offset: Int, count: Int, flags: UInt64 = 0) {
        bits = flags | UInt64(offset) << Self.lengthBits | UInt64(count)
    }

    /// A span flagged (bit 62, spare in a store's own spans) for its owner's use: a workbook's shared strings
    /// mark the texts it keeps as `String`s; `unflagged` gives the span back as it was.
    var flagged: TextSpan { bits == 0 ? self : TextSpan(bits: bits | Self.flagBit) }
    var isFlagged: Bool { bits & Self.flagBit != 0 }
    var unflagged: TextSpan { TextSpan(bits: bits & ~Self.flagBit) }
    static let flagBit: UInt64 = 1 << 62
}

/// Texts held as UTF-8 bytes one after another in large blocks, each found again by its `TextSpan`: how the XLSX
/// reader holds a workbook's shared strings without a `String` (a header and a heap block) for each until a cell
/// asks for one. Blocks are never moved, so a text's bytes stay where they were written.
///
/// One thread appends; any thread reads once the appending is over (the owner hands the store on only then).
final class TextBytes {
    /// Blocks of `blockSize` bytes, filled in order; a text never straddles two.
    @exclusivity(unchecked) var blocks: [UnsafeMutablePointer<UInt8>] = []
    /// Bytes used in the last block.
    @exclusivity(unchecked) private var used = TextBytes.blockSize
    /// Texts longer than a block, each in a block of its own.
    @exclusivity(unchecked) var separate: [UnsafeMutableBufferPointer<UInt8>] = []

    static let blockShift = 22
    /// 4 MiB: a text of more than this gets a block of its own.
    static let blockSize = 1 << blockShift

    init() {}

    deinit {
        for block in blocks { Self.unmap(UnsafeMutableRawPointer(block), Self.blockSize) }
        for block in separate { Self.unmap(UnsafeMutableRawPointer(block.baseAddress!), block.count) }
    }

    /// A block of memory mapped on its own rather than taken from the allocator: given back to the system the moment
    /// the store is let go (when the workbook has been read), where freed allocator memory may stay with the process.
    private static func map(_ size: Int) -> UnsafeMutablePointer<UInt8> {
        let block = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        precondition(block != nil && block != MAP_FAILED, "out of memory: \(size) bytes of text could not be held")
        return block!.bindMemory(to: UInt8.self, capacity: size)
    }

    private static func unmap(_ block: UnsafeMutableRawPointer, _ size: Int) {
        munmap(block, size)
    }

    /// Holds a copy of `bytes`; the empty text is not stored.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) -> TextSpan {
        guard !bytes.isEmpty else { return .empty }
        guard bytes.count <= Self.blockSize else {
            let block = UnsafeMutableBufferPointer(start: Self.map(bytes.count), count: bytes.count)
            _ = block.initialize(from: bytes)
            separate.append(block)
            return TextSpan(
                offset: separate.count - 1, count: min(bytes.count, TextSpan.longestCounted),
                flags: TextSpan.separateBit)
        }
        if used + bytes.count > Self.blockSize {
            blocks.append(Self.map(Self.blockSize))
            used = 0
        }
        let offset = (blocks.count - 1) << Self.blockShift + used
        precondition(offset < 1 << 37, "a text store holds at most 128 GiB")
        (blocks[blocks.count - 1] + used).initialize(from: bytes.baseAddress!, count: bytes.count)
        used += bytes.count
        return TextSpan(offset: offset, count: bytes.count)
    }

    /// Holds a copy of a string's UTF-8 bytes.
    func append(_ text: String) -> TextSpan {
        text.withUTF8Bytes { append($0) }
    }

    /// The text's bytes where they lie, valid as long as the store is.
    @inline(__always)
    func bytes(_ span: TextSpan) -> UnsafeBufferPointer<UInt8> {
        assert(!span.isFlagged, "a flagged span belongs to its owner, not to the store")
        if span.isSeparate {
            return UnsafeBufferPointer(separate[Int((span.bits & ~TextSpan.separateBit) >> TextSpan.lengthBits)])
        }
        let count = span.byteCount
        guard count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        let offset = span.offset
        return UnsafeBufferPointer(
            start: blocks[offset >> Self.blockShift] + (offset & (Self.blockSize - 1)), count: count)
    }

    /// The text as a `String`: a copy, made on every call.
    func string(_ span: TextSpan) -> String {
        String(decoding: bytes(span), as: UTF8.self)
    }
}
