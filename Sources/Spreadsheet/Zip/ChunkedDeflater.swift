import CMinizip
import Dispatch
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
/// valid deflate stream. Chunks are written to a temporary file in order as they finish; at most a few are held,
/// and their buffers are handed back to the producer to fill again (no copy, no fresh pages per chunk).
///
/// The output depends only on the input and the level, never on the number of cores or the timing.
final class ChunkedDeflater {
    /// Bytes per chunk: large enough that the chunk boundaries cost nothing measurable in ratio.
    static let chunkSize = 1 << 20
    /// Deflate's window: how much of the previous chunk primes the next.
    static let window = 32 << 10
    /// zlib level 1: on sheet XML about half the time of level 6 for about 1.3 times its size (gzip on a 231 MB
    /// Register sheet: 1.6 s against 3.2 s; the 200,000-record workbook: 72 MB against 55 MB).
    static let level: Int32 = 1

    /// What `finish()` and the failures name.
    private let path: String
    private let file: UnsafeMutablePointer<FILE>
    private var inFlight: [(work: DispatchWorkItem, chunk: Chunk)] = []
    /// Where written chunks' buffers go, shared with the workbook's other deflaters.
    private let pool: DeflateBufferPool
    private let maxInFlight: Int
    private var dictionary: [UInt8] = []
    private var crc = crc32(0, nil, 0)
    private var uncompressedSize: Int64 = 0
    private var finished = false

    /// A deflater whose output goes to a new temporary file, taking buffers from `pool`; `path` names the
    /// workbook in errors.
    init(path: String, pool: DeflateBufferPool) throws {
        self.path = path
        self.pool = pool
        guard let file = tmpfile() else {
            let cause = SystemCallError(call: "tmpfile")
            throw HMICError(.ioFailure, file: path, "cannot create a temporary file: \(cause.reason ?? "unknown reason")", cause: cause)
        }
        self.file = file
        maxInFlight = max(2, 2 * ProcessInfo.processInfo.activeProcessorCount)
    }

    deinit {
        for (work, chunk) in inFlight {
            work.wait()
            chunk.storage.deallocate()
        }
        if !finished { fclose(file) }
    }

    /// A buffer of at least `capacity` bytes for the caller to fill and pass to `append`, which takes it back.
    func buffer(capacity: Int) -> UnsafeMutableBufferPointer<UInt8> { pool.take(capacity: capacity) }

    /// Queues the first `count` bytes of `storage` (from `buffer(capacity:)`, about `chunkSize` of them) for
    /// compression on another thread, taking ownership of `storage`.
    func append(_ storage: UnsafeMutableBufferPointer<UInt8>, count: Int) throws {
        guard count > 0 else { pool.give(storage); return }
        if pool.active !== self {
            // Another sheet has started: its chunks are written out now rather than held until the workbook closes.
            try pool.active?.drain()
            pool.active = self
        }
        if inFlight.count >= maxInFlight { try writeOldest() }
        let input = UnsafeBufferPointer(rebasing: storage[0..<count])
        let chunk = Chunk(storage: storage, input: input, dictionary: dictionary)
        let work = DispatchWorkItem { chunk.compress() }
        DispatchQueue.global(qos: .userInitiated).async(execute: work)
        inFlight.append((work, chunk))
        dictionary = count >= Self.window ? Array(input.suffix(Self.window)) : Array((dictionary + input).suffix(Self.window))
    }

    /// Writes every chunk queued so far, waiting for those still being compressed.
    func drain() throws {
        while !inFlight.isEmpty { try writeOldest() }
    }

    /// Waits for every chunk and hands over the compressed stream.
    func finish() throws -> DeflatedStream {
        try drain()
        guard fflush(file) == 0 else { throw failure("cannot write a temporary file", SystemCallError(call: "fflush")) }
        rewind(file)
        finished = true
        return DeflatedStream(file: file, crc: crc, uncompressedSize: uncompressedSize)
    }

    private func writeOldest() throws {
        let (work, chunk) = inFlight.removeFirst()
        work.wait()
        defer { pool.give(chunk.storage) }
        guard chunk.status == Z_OK else {
            // The chunk was compressed on another thread: zlib's code is the whole cause, and errno here is not its.
            throw failure("zlib could not compress the sheet (error \(chunk.status))",
                          SystemCallError(call: "deflate", code: chunk.status, errno: nil))
        }
        let written = chunk.output.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == chunk.output.count else { throw failure("cannot write a temporary file", SystemCallError(call: "fwrite")) }
        crc = crc32_combine(crc, chunk.crc, off_t(chunk.input.count))
        uncompressedSize += Int64(chunk.input.count)
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
    static func deflate(_ bytes: UnsafeBufferPointer<UInt8>, dictionary: [UInt8], final: Bool) -> (output: [UInt8], status: Int32) {
        var stream = z_stream()
        var status = deflateInit2_(&stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { return ([], status) }
        defer { deflateEnd(&stream) }
        if !dictionary.isEmpty {
            status = dictionary.withUnsafeBufferPointer { deflateSetDictionary(&stream, $0.baseAddress, uInt($0.count)) }
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

    /// One chunk's input and, once compressed on a worker thread, its output. Read only after the work item is
    /// waited for, which orders the accesses.
    private final class Chunk: @unchecked Sendable {
        /// The buffer the input lies in, owned by the chunk until it is written.
        let storage: UnsafeMutableBufferPointer<UInt8>
        let input: UnsafeBufferPointer<UInt8>
        let dictionary: [UInt8]
        var output: [UInt8] = []
        var crc: uLong = 0
        var status: Int32 = Z_OK

        init(storage: UnsafeMutableBufferPointer<UInt8>, input: UnsafeBufferPointer<UInt8>, dictionary: [UInt8]) {
            self.storage = storage
            self.input = input
            self.dictionary = dictionary
        }

        func compress() {
            (output, status) = ChunkedDeflater.deflate(input, dictionary: dictionary, final: false)
            crc = crc32(0, input.baseAddress, uInt(input.count))
        }
    }
}

/// The buffers the deflaters of one workbook fill and hand back, and which deflater queued a chunk last: when
/// another starts, the last one's chunks are written out, so one sheet at a time holds chunks in memory. Used from
/// the one thread that writes the workbook.
final class DeflateBufferPool {
    private var spare: [UnsafeMutableBufferPointer<UInt8>] = []
    /// The deflater that queued the latest chunk.
    weak var active: ChunkedDeflater?
    /// Buffers kept for reuse beyond which returned ones are freed: enough for one sheet's chunks in flight.
    private let keep = 2 * ProcessInfo.processInfo.activeProcessorCount + 2

    deinit { for buffer in spare { buffer.deallocate() } }

    /// A spare buffer of at least `capacity` bytes, or a new one.
    func take(capacity: Int) -> UnsafeMutableBufferPointer<UInt8> {
        if let i = spare.firstIndex(where: { $0.count >= capacity }) { return spare.remove(at: i) }
        return .allocate(capacity: capacity)
    }

    /// Takes back a buffer that is no longer read.
    func give(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        if spare.count < keep { spare.append(buffer) } else { buffer.deallocate() }
    }
}
