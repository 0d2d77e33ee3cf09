import Foundation

/// Bytes on their way to a file descriptor, gathered into blocks of 1 MiB: a document of any size costs one block
/// of memory and one `write` call a block. Without a descriptor the bytes are kept, for tests and small texts.
public struct ByteOutput {
    /// The file's path, or "standard output", as error messages name it.
    public let name: String
    private let descriptor: Int32?
    public private(set) var pending: [UInt8] = []
    static let blockSize = 1 << 20

    /// Output to an open descriptor, which the caller closes.
    public init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
        pending.reserveCapacity(Self.blockSize)
    }

    /// Output kept in `pending`.
    public init() {
        descriptor = nil
        name = "memory"
    }

    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        pending.append(byte)
    }

    @inline(__always)
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        pending.append(contentsOf: bytes)
    }

    public mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends `value` in decimal, without making a string of it.
    public mutating func append(decimal value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude, digits: (UInt64, UInt64, UInt64) = (0, 0, 0), count = 0
        withUnsafeMutableBytes(of: &digits) { space in
            repeat {
                space[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for place in stride(from: count - 1, through: 0, by: -1) { pending.append(space[place]) }
        }
    }

    /// Writes out the block once it is full.
    @inline(__always)
    public mutating func flushIfFull() throws {
        if pending.count >= Self.blockSize, descriptor != nil { try flush() }
    }

    /// Writes out everything appended so far; throws `.ioFailure` naming the output when the system refuses.
    public mutating func flush() throws {
        guard let descriptor else { return }
        try pending.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw SpreadsheetError(.ioFailure, file: name, "cannot be written: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        pending.removeAll(keepingCapacity: true)
    }
}
