import CMinizip
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One zip entry's content deflated ahead of time: raw deflate blocks in a temporary file, with the CRC-32 and the
/// sizes a zip header needs. The blocks end on a byte boundary without a final block, so more deflated bytes
/// (the rest of the part) can follow them in the same stream.
final class DeflatedStream {
    /// The compressed bytes; an unlinked temporary file, gone when closed.
    let file: UnsafeMutablePointer<FILE>
    let crc: UInt
    let uncompressedSize: Int64

    init(file: UnsafeMutablePointer<FILE>, crc: UInt, uncompressedSize: Int64) {
        self.file = file
        self.crc = crc
        self.uncompressedSize = uncompressedSize
    }

    deinit { fclose(file) }
}

/// Deflates a long byte stream in 1 MiB chunks on every core, the way pigz does: each chunk is its own raw deflate
/// stream primed with the 32 KiB before it and ended with a sync flush, so the chunks joined in order are one
/// valid deflate stream. Chunks are copied as they come and compressed on other cores (`Pending`) while the rows
/// that follow are encoded, then written to a temporary file in order; a few are in flight at most.
///
/// The output depends only on the input and the level, never on the number of cores or the timing.
final class ChunkedDeflater {
    /// Bytes per chunk: large enough that the chunk boundaries cost nothing measurable in ratio.
    static let chunkSize = 1 << 20
    /// Deflate's window: how much of the previous chunk primes the next.
    static let window = 32 << 10
    /// zlib level 1: on sheet XML about half the time of level 6 for a file about a third larger
    /// (docs/performance.md gives the figures).
    static let level: Int32 = 1

    /// What `finish()` and the failures name.
    private let path: String
    private let file: UnsafeMutablePointer<FILE>
    /// Chunks being compressed, oldest first, with their input's size.
    private var inFlight: [(compressed: Pending<Compressed>, size: Int)] = []
    /// Chunks in flight at most: two per core, so that a core that finishes early finds another.
    private let maxInFlight = max(2, 2 * ProcessInfo.processInfo.activeProcessorCount)
    /// Shared with the workbook's other deflaters, so that one at a time holds chunks.
    private let group: DeflaterGroup
    private var dictionary: [UInt8] = []
    private var crc = crc32(0, nil, 0)
    private var uncompressedSize: Int64 = 0
    private var finished = false

    /// A deflater whose output goes to a new temporary file in TMPDIR, one of `group`; `path` names the workbook in errors.
    init(path: String, group: DeflaterGroup) throws {
        self.path = path
        self.group = group
        file = try TemporarySpool.open(for: path)
    }

    deinit {
        if !finished { fclose(file) }
    }

    /// Starts compressing a copy of `bytes` (about `chunkSize` of them) as the next chunk; the oldest chunk is
    /// written first when enough are in flight.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard !bytes.isEmpty else { return }
        if group.holder !== self {
            // Another sheet has started: its chunks are written out now rather than held until the workbook closes.
            try group.holder?.drain()
            group.holder = self
        }
        if inFlight.count >= maxInFlight { try writeOldest() }
        let chunk = Chunk(input: Array(bytes), dictionary: dictionary)
        inFlight.append((Pending { chunk.compress() }, bytes.count))
        dictionary =
            bytes.count >= Self.window
            ? Array(bytes.suffix(Self.window)) : Array((dictionary + bytes).suffix(Self.window))
    }

    /// Writes every chunk started so far, in order, waiting for those still being compressed.
    func drain() throws {
        while !inFlight.isEmpty { try writeOldest() }
    }

    private func writeOldest() throws {
        let (pending, size) = inFlight.removeFirst()
        try write(pending.result(), size: size)
    }

    /// Writes every chunk and hands over the compressed stream.
    func finish() throws -> DeflatedStream {
        try drain()
        guard fflush(file) == 0 else { throw failure("cannot write a temporary file", SystemCallError(call: "fflush")) }
        rewind(file)
        finished = true
        return DeflatedStream(file: file, crc: crc, uncompressedSize: uncompressedSize)
    }

    private func write(_ compressed: Compressed, size: Int) throws {
        guard compressed.status == Z_OK else {
            // The chunk was compressed on another thread: zlib's code is the whole cause, and errno here is not its.
            throw failure(
                "zlib could not compress the sheet (error \(compressed.status))",
                SystemCallError(call: "deflate", code: compressed.status, errno: nil))
        }
        let written = compressed.output.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == compressed.output.count else {
            throw failure("cannot write a temporary file", SystemCallError(call: "fwrite"))
        }
        crc = crc32_combine(crc, compressed.crc, off_t(size))
        uncompressedSize += Int64(size)
    }

    /// `message`, with the system's reason when `cause` carries one.
    private func failure(_ message: String, _ cause: SystemCallError) -> HMICError {
        HMICError(.ioFailure, file: path, message + (cause.reason.map { ": \($0)" } ?? ""), cause: cause)
    }

    /// `bytes` as one raw deflate stream: ended with a sync flush to be continued, or with a final block.
    static func deflate(_ bytes: [UInt8], dictionary: [UInt8] = [], final: Bool) -> (output: [UInt8], status: Int32) {
        bytes.withUnsafeBufferPointer { deflate($0, dictionary: dictionary, final: final) }
    }

    /// `bytes` as one raw deflate stream: ended with a sync flush to be continued, or with a final block.
    private static func deflate(_ bytes: UnsafeBufferPointer<UInt8>, dictionary: [UInt8], final: Bool) -> (
        output: [UInt8], status: Int32
    ) {
        var stream = z_stream()
        var status = deflateInit2_(
            &stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
            zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { return ([], status) }
        defer { deflateEnd(&stream) }
        if !dictionary.isEmpty {
            status = dictionary.withUnsafeBufferPointer {
                deflateSetDictionary(&stream, $0.baseAddress, uInt($0.count))
            }
            guard status == Z_OK else { return ([], status) }
        }
        // deflateBound covers the data; a sync flush or final block adds at most a few bytes more.
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 16)
        let produced: Int = output.withUnsafeMutableBufferPointer { out in
            stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress)
            stream.avail_in = uInt(bytes.count)
            stream.next_out = out.baseAddress
            stream.avail_out = uInt(out.count)
            status = CMinizip.deflate(&stream, final ? Z_FINISH : Z_SYNC_FLUSH)
            return out.count - Int(stream.avail_out)
        }
        let done = final ? status == Z_STREAM_END : (status == Z_OK && stream.avail_in == 0)
        guard done else { return ([], status == Z_OK ? Z_BUF_ERROR : status) }
        output.removeLast(output.count - produced)
        return (output, Z_OK)
    }

    /// One chunk's input and the 32 KiB before it, as values: what a worker thread compresses.
    private struct Chunk: Sendable {
        let input: [UInt8]
        let dictionary: [UInt8]

        func compress() -> Compressed {
            let (output, status) = ChunkedDeflater.deflate(input, dictionary: dictionary, final: false)
            let crc = input.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
            return Compressed(output: output, crc: crc, status: status)
        }
    }

    /// One chunk compressed: its raw deflate bytes (ended with a sync flush), the input's CRC-32 and zlib's status.
    private struct Compressed: Sendable {
        let output: [UInt8]
        let crc: uLong
        let status: Int32
    }
}

/// The deflaters of one workbook, and which of them holds queued chunks: when another starts queuing, the holder's
/// chunks are compressed and written first, so one sheet at a time holds chunks in memory. Used from the one thread
/// that writes the workbook.
final class DeflaterGroup {
    /// The deflater that queued the latest chunk.
    weak var holder: ChunkedDeflater?
}
