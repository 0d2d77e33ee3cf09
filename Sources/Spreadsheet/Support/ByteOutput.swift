import Foundation

/// Bytes on their way to a file descriptor, gathered into blocks of 1 MiB: a document of any size costs one block
/// of memory and one `write` call a block. Without a descriptor the bytes are kept, for tests and small texts.
///
/// A JSON document is written a few bytes at a time (a comma, a key, a number), so an append is a bounds check
/// and a copy into memory of its own, not an array's append. The memory is shared by copies of an output: pass
/// one `inout`, as a file handle is passed.
public struct ByteOutput {
    /// The file's path, or "standard output", as error messages name it.
    public let name: String
    private let descriptor: Int32?
    private let block: Block
    static let blockSize = 1 << 20
    /// Room past a full block for the value being written when it fills: a spreadsheet cell's text, escaped, is
    /// at most about 200 KiB, so the block is written out before it would need to grow.
    static let headroom = 256 << 10

    /// Output to an open descriptor, which the caller closes.
    public init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
        block = Block(capacity: Self.blockSize + Self.headroom)
    }

    /// Output kept in memory, in `pending`.
    public init() {
        descriptor = nil
        name = "memory"
        block = Block(capacity: 4096)
    }

    /// The bytes appended and not yet written out.
    public var pending: [UInt8] { Array(UnsafeBufferPointer(start: block.bytes.base, count: block.bytes.count)) }
    /// How many bytes are appended and not yet written out.
    public var pendingCount: Int { block.bytes.count }

    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        block.bytes.append(byte)
    }

    @inline(__always)
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        block.bytes.append(bytes)
    }

    @inline(__always)
    public mutating func append(_ text: StaticString) {
        block.bytes.append(text)
    }

    public mutating func append(contentsOf text: String) {
        text.withUTF8Bytes { block.bytes.append($0) }
    }

    /// Appends `value` in decimal, without making a string of it.
    public mutating func append(decimal value: Int) {
        block.bytes.appendDecimal(value)
    }

    /// Writes out the block once it is full.
    @inline(__always)
    public mutating func flushIfFull() throws {
        if block.bytes.count >= Self.blockSize, descriptor != nil { try flush() }
    }

    /// Writes out everything appended so far; throws `.ioFailure` naming the output, with the system's reason as its
    /// message, when the system refuses.
    public mutating func flush() throws {
        guard let descriptor else { return }
        let base = block.bytes.base
        let count = block.bytes.count
        var offset = 0
        while offset < count {
            let written = Foundation.write(descriptor, base + offset, count - offset)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 {
                // The system's reason alone, as `cp` reports it: "out.json: No space left on device".
                let cause = written < 0 ? SystemCallError(call: "write") : nil
                throw HMICError(
                    .ioFailure, file: name, cause.map { $0.reason ?? "unknown reason" } ?? "nothing was written",
                    cause: cause)
            }
            offset += written
        }
        block.bytes.removeAll()
    }

    /// The one owner of the bytes' memory, which it frees. Used from one thread at a time, as the output that holds
    /// it is: no runtime exclusivity check on every append. A block written out when full grows only for a value
    /// larger than the headroom; kept bytes grow by doubling.
    private final class Block {
        @exclusivity(unchecked) var bytes: ByteBuffer

        init(capacity: Int) {
            bytes = ByteBuffer(capacity: capacity)
        }

        deinit { bytes.deallocate() }
    }
}
