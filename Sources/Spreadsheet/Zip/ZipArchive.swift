import CMinizip

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Limits that stop a hostile zip ("zip bomb") before it exhausts memory or time.
///
/// Every limit is counted on bytes as they come out of the inflater, never on the sizes the central directory
/// claims. The ratio check follows Apache POI's `ZipSecureFile` (a part may not inflate to more than 100 times
/// the compressed bytes read for it), but with a 1 MiB grace size rather than POI's 100 KB: minizip reads the
/// compressed stream 16 KiB at a time, and small, very repetitive parts (a styles part, a sheet of blanks)
/// legitimately reach high ratios. Deflate cannot exceed about 1032:1, so a bomb trips the check within the
/// first few megabytes.
public struct ZipLimits: Sendable {
    /// The most bytes one part may inflate to.
    public var maxPartBytes: Int64 = 2 << 30
    /// The most bytes all parts read through one opened archive may inflate to together.
    public var maxTotalBytes: Int64 = 4 << 30
    /// Inflated bytes per compressed byte above which a part counts as a bomb, once past `ratioGraceBytes`.
    public var maxRatio: Int64 = 100
    /// Inflated size below which the ratio is not checked.
    public var ratioGraceBytes: Int64 = 1 << 20
    /// The most entries the archive may list.
    public var maxEntries: Int = 10_000

    /// The defaults described above.
    public init() {}
}

/// Counts the raw bytes minizip reads from the file, so the ratio check needs no trust in stored sizes.
private final class ByteCounter {
    var base = zlib_filefunc64_def()
    var bytesRead: Int64 = 0
}

/// A zip file opened for reading parts by name, on minizip, with zip-bomb defences.
final class ZipArchive {
    /// The path as the user gave it, for messages.
    let path: String
    let limits: ZipLimits
    /// Entry names as stored, in central-directory order.
    private(set) var entryNames: [String] = []
    /// Lower-cased name without a leading '/' → position of the entry in the central directory.
    private var positions: [String: unz64_file_pos] = [:]
    private var handle: unzFile?
    private let counter: ByteCounter
    private var totalInflated: Int64 = 0

    /// Opens the zip at `path` and lists its entries; `.unreadable` when the file cannot be opened, `.badData` when
    /// it is not a readable zip or lists too many entries.
    init(path: String, limits: ZipLimits = ZipLimits()) throws {
        self.path = path
        self.limits = limits
        counter = ByteCounter()
        fill_fopen64_filefunc(&counter.base)
        var funcs = counter.base
        funcs.opaque = Unmanaged.passUnretained(counter).toOpaque()
        funcs.zread_file = { opaque, stream, buf, size in
            let c = Unmanaged<ByteCounter>.fromOpaque(opaque!).takeUnretainedValue()
            let n = c.base.zread_file(c.base.opaque, stream, buf, size)
            c.bytesRead &+= Int64(n)
            return n
        }
        funcs.zopen64_file = { opaque, name, mode in
            let c = Unmanaged<ByteCounter>.fromOpaque(opaque!).takeUnretainedValue()
            return c.base.zopen64_file(c.base.opaque, name, mode)
        }
        funcs.zwrite_file = { opaque, stream, buf, size in
            let c = Unmanaged<ByteCounter>.fromOpaque(opaque!).takeUnretainedValue()
            return c.base.zwrite_file(c.base.opaque, stream, buf, size)
        }
        funcs.ztell64_file = { opaque, stream in
            let c = Unmanaged<ByteCounter>.fromOpaque(opaque!).takeUnretainedValue()
            return c.base.ztell64_file(c.base.opaque, stream)
        }
        funcs.zseek64_file = { opaque, stream, offset, origin in
            let c = Unmanaged<ByteCounter>.fromOpaque(opaque!).takeUnretainedValue()
            return c.base.zseek64_file(c.base.opaque, stream, offset, origin)
        }
        funcs.zclose_file = { opaque, stream in
            let c = Unmanaged<ByteCounter>.fromOpaque(opaque!).takeUnretainedValue()
            return c.base.zclose_file(c.base.opaque, stream)
        }
        funcs.zerror_file = { opaque, stream in
            let c = Unmanaged<ByteCounter>.fromOpaque(opaque!).takeUnretainedValue()
            return c.base.zerror_file(c.base.opaque, stream)
        }
        guard let file = fopen(path, "rb") else {
            throw HMICError(
                .unreadable, file: path,
                "the file cannot be opened for reading; check that it exists and its permissions",
                cause: SystemCallError(call: "fopen"))
        }
        fclose(file)
        guard let h = path.withCString({ unzOpen2_64($0, &funcs) }) else {
            throw HMICError(
                .badData, file: path,
                "not a valid workbook: the zip structure is damaged or truncated; open it in Excel and save it again")
        }
        handle = h
        do { try listEntries() } catch {
            unzClose(h)
            handle = nil
            throw error
        }
    }

    deinit {
        if let handle { unzClose(handle) }
    }

    private func listEntries() throws {
        guard let handle else { return }
        var global = unz_global_info64()
        let globalStatus = unzGetGlobalInfo64(handle, &global)
        guard globalStatus == UNZ_OK else {
            throw failed("unzGetGlobalInfo64", globalStatus, "its central directory cannot be read")
        }
        if global.number_entry > UInt64(limits.maxEntries) {
            throw HMICError(
                .badData, file: path,
                "the zip lists \(global.number_entry) entries, more than the \(limits.maxEntries) a workbook may hold; it is not a workbook this tool will read"
            )
        }
        var status = unzGoToFirstFile(handle)
        var nameBuffer = [CChar](repeating: 0, count: 4097)
        while status == UNZ_OK {
            if entryNames.count >= limits.maxEntries {
                throw HMICError(
                    .badData, file: path,
                    "the zip holds more than \(limits.maxEntries) entries, more than a workbook may hold; it is not a workbook this tool will read"
                )
            }
            var info = unz_file_info64()
            let infoStatus = unzGetCurrentFileInfo64(
                handle, &info, &nameBuffer, UInt(nameBuffer.count - 1), nil, 0, nil, 0)
            guard infoStatus == UNZ_OK else {
                throw failed("unzGetCurrentFileInfo64", infoStatus, "an entry of its central directory cannot be read")
            }
            let name = String(decoding: nameBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            var pos = unz64_file_pos()
            let posStatus = unzGetFilePos64(handle, &pos)
            guard posStatus == UNZ_OK else {
                throw failed("unzGetFilePos64", posStatus, "an entry of its central directory cannot be read")
            }
            entryNames.append(name)
            let key = ZipArchive.key(name)
            if positions[key] == nil { positions[key] = pos }
            status = unzGoToNextFile(handle)
        }
        if status != UNZ_END_OF_LIST_OF_FILE {
            throw failed("unzGoToNextFile", status, "its central directory is damaged")
        }
    }

    private static func key(_ name: String) -> String {
        // Some writers store Windows separators ("xl\\workbook.xml").
        var n = Substring(String(name.map { $0 == "\\" ? "/" : $0 }))
        while n.hasPrefix("/") { n = n.dropFirst() }
        return n.lowercased()
    }

    private func invalid(_ what: String, part: String? = nil) -> HMICError {
        HMICError(
            .badData, file: path,
            "not a valid workbook: \(what)\(Self.place(part)); open it in Excel and save it again as an Excel Workbook (.xlsx)"
        )
    }

    /// `invalid`, for a minizip call that returned `status`, which becomes the cause; a failure of the file
    /// itself (`UNZ_ERRNO`) is an input/output failure with the system's errno, not damaged data.
    private func failed(_ call: String, _ status: Int32, _ what: String, part: String? = nil) -> HMICError {
        let cause = SystemCallError(
            call: call, code: status, errno: status == UNZ_ERRNO ? SystemCallError.currentErrno() : nil)
        var error =
            status == UNZ_ERRNO
            ? HMICError(
                .ioFailure, file: path,
                "the file cannot be read\(Self.place(part)): \(cause.reason ?? "input/output error")")
            : invalid(what, part: part)
        error.cause = cause
        return error
    }

    /// " (part 'xl/workbook.xml')", or nothing.
    private static func place(_ part: String?) -> String { part.map { " (part '\($0)')" } ?? "" }

    /// True when the archive holds a part of that name (case-insensitive, with or without a leading '/').
    func contains(_ part: String) -> Bool { positions[ZipArchive.key(part)] != nil }

    /// Makes `part` the current entry and opens it for inflating; refuses an encrypted one.
    private func openEntry(_ part: String) throws -> unzFile {
        guard let handle else { throw invalid("the archive is closed", part: part) }
        guard var pos = positions[ZipArchive.key(part)] else {
            throw HMICError(.badData, file: path, "not a valid workbook: the part '\(part)' is missing from the zip")
        }
        let seekStatus = unzGoToFilePos64(handle, &pos)
        guard seekStatus == UNZ_OK else {
            throw failed("unzGoToFilePos64", seekStatus, "an entry cannot be located", part: part)
        }
        var info = unz_file_info64()
        let infoStatus = unzGetCurrentFileInfo64(handle, &info, nil, 0, nil, 0, nil, 0)
        guard infoStatus == UNZ_OK else {
            throw failed("unzGetCurrentFileInfo64", infoStatus, "an entry cannot be read", part: part)
        }
        if info.flag & 1 != 0 {
            throw HMICError(
                .badData, file: path,
                "the part '\(part)' is encrypted; remove the password in Excel and save the workbook again")
        }
        let openStatus = unzOpenCurrentFile(handle)
        guard openStatus == UNZ_OK else {
            throw failed(
                "unzOpenCurrentFile", openStatus, "an entry uses an unsupported compression method or is damaged",
                part: part)
        }
        return handle
    }

    /// Streams the inflated bytes of `part` to `body` in chunks, enforcing the limits as bytes come out.
    /// Throws `.badData` when the part is missing, damaged, encrypted or too large.
    func read(part: String, chunkSize: Int = 1 << 18, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let handle = try openEntry(part)
        var open = true
        defer { if open { unzCloseCurrentFile(handle) } }
        let compressedStart = counter.bytesRead
        var inflated: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = unzReadCurrentFile(handle, buffer.baseAddress, UInt32(chunkSize))
            if n < 0 {
                var error = invalid(
                    n == Z_DATA_ERROR ? "compressed data is corrupt" : "compressed data cannot be read (error \(n))",
                    part: part)
                error.cause = SystemCallError(
                    call: "unzReadCurrentFile", code: n, errno: n == Z_ERRNO ? SystemCallError.currentErrno() : nil)
                throw error
            }
            if n == 0 { break }
            inflated += Int64(n)
            totalInflated += Int64(n)
            if inflated > limits.maxPartBytes {
                throw HMICError(
                    .badData, file: path,
                    "the part '\(part)' inflates to more than \(limits.maxPartBytes >> 20) MiB; this looks like a zip bomb and will not be read"
                )
            }
            if totalInflated > limits.maxTotalBytes {
                throw HMICError(
                    .badData, file: path,
                    "the workbook's parts inflate to more than \(limits.maxTotalBytes >> 20) MiB in all; this looks like a zip bomb and will not be read"
                )
            }
            if inflated > limits.ratioGraceBytes {
                let compressed = max(counter.bytesRead - compressedStart, 1)
                if inflated / compressed > limits.maxRatio {
                    throw HMICError(
                        .badData, file: path,
                        "the part '\(part)' inflates more than \(limits.maxRatio) times its compressed size; this looks like a zip bomb and will not be read"
                    )
                }
            }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<Int(n)]))
        }
        open = false
        let status = unzCloseCurrentFile(handle)
        if status == UNZ_CRCERROR {
            throw failed("unzCloseCurrentFile", status, "a part's checksum does not match its content", part: part)
        }
        if status != UNZ_OK {
            throw failed("unzCloseCurrentFile", status, "an entry cannot be closed (error \(status))", part: part)
        }
    }

    /// Reads a whole (small) part into memory, with the same limits.
    func readAll(part: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try read(part: part) { bytes.append(contentsOf: $0) }
        return bytes
    }
}
