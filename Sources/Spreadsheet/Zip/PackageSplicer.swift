import CMinizip

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Copies a workbook package entry by entry into a new zip, putting pre-deflated rows into the `<sheetData/>` of
/// the worksheets that libxlsxwriter wrote empty. Entries are copied as compressed bytes (nothing is inflated
/// again but the few empty sheets), so the copy costs little beside writing the rows.
enum PackageSplicer {
    /// The rows for one worksheet part and the range they cover, as a `<dimension>` reference ("A1:Q2002").
    struct SheetRows {
        let part: String
        let rows: DeflatedStream
        let dimension: String
    }

    /// Writes `frame` with `sheets` spliced in to `output`; `path` names the workbook in errors.
    static func splice(frame: String, into output: String, sheets: [SheetRows], path: String) throws {
        errno = 0
        guard let source = unzOpen64(frame) else {
            throw failure("the package libxlsxwriter wrote cannot be reopened", "unzOpen64", path: path)
        }
        defer { unzClose(source) }
        errno = 0
        guard let target = zipOpen64(output, APPEND_STATUS_CREATE) else {
            let cause = SystemCallError(call: "zipOpen64")
            let reason = cause.reason.map { " (\($0))" } ?? ""
            throw HMICError(.cannotCreate, file: path, "cannot create the workbook\(reason)", cause: cause)
        }
        var closed = false
        defer { if !closed { zipClose(target, nil) } }

        let byPart = Dictionary(sheets.map { ($0.part, $0) }, uniquingKeysWith: { first, _ in first })
        var copy = EntryCopy(source: source, target: target, path: path)
        var status = unzGoToFirstFile(source)
        while status == UNZ_OK {
            let (name, info) = try copy.currentEntry()
            if let sheet = byPart[name] {
                try copy.spliceSheet(name, info: info, rows: sheet)
            } else {
                try copy.copyCompressed(name, info: info)
            }
            status = unzGoToNextFile(source)
        }
        guard status == UNZ_END_OF_LIST_OF_FILE else {
            throw failure("the package libxlsxwriter wrote is damaged", "unzGoToNextFile", code: status, path: path)
        }
        closed = true
        let closedStatus = zipClose(target, nil)
        guard closedStatus == ZIP_OK else {
            throw failure("cannot finish the file", "zipClose", code: closedStatus, path: path)
        }
    }

    /// `call` failed with `code` (nil: it returned nothing, and errno, cleared before it, is its own). The system's
    /// reason is taken only when the call reports one, so no earlier call's errno is blamed.
    private static func failure(_ message: String, _ call: String, code: Int32? = nil, path: String) -> HMICError {
        let cause = SystemCallError(
            call: call, code: code,
            errno: code == nil || code == Z_ERRNO ? SystemCallError.currentErrno() : nil)
        let reason = cause.reason.map { " (\($0))" } ?? ""
        return HMICError(.ioFailure, file: path, "cannot write the workbook: \(message)\(reason)", cause: cause)
    }

    /// Copies the entries of the open package `source` into the open zip `target` one at a time.
    private struct EntryCopy {
        let source: unzFile
        let target: zipFile
        /// Names the workbook in errors.
        let path: String
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var nameBuffer = [CChar](repeating: 0, count: 1024)

        /// The name and facts of the entry `source` is at.
        mutating func currentEntry() throws -> (name: String, info: unz_file_info64) {
            var info = unz_file_info64()
            let infoStatus = unzGetCurrentFileInfo64(
                source, &info, &nameBuffer, UInt(nameBuffer.count - 1), nil, 0, nil, 0)
            guard infoStatus == UNZ_OK else {
                throw failure("an entry of the package cannot be read", "unzGetCurrentFileInfo64", code: infoStatus)
            }
            return (String(decoding: nameBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), info)
        }

        /// The new entry's date and attributes: the source entry's.
        private static func zipInfo(_ info: unz_file_info64) -> zip_fileinfo {
            var entry = zip_fileinfo()
            entry.dosDate = info.dosDate
            entry.internal_fa = info.internal_fa
            entry.external_fa = info.external_fa
            return entry
        }

        /// Writes the worksheet `name` with `rows` in its empty sheet data: the sheet's XML before the rows and
        /// after them deflated here, the rows' deflated bytes copied between, one CRC and size for the whole.
        mutating func spliceSheet(_ name: String, info: unz_file_info64, rows sheet: SheetRows) throws {
            // The empty sheet as libxlsxwriter wrote it, around the rows.
            let xml = try readCurrentEntry(name)
            guard let (head, tail) = PackageSplicer.emptySheetFrame(of: xml, dimension: sheet.dimension) else {
                throw HMICError(
                    .ioFailure, file: path,
                    "cannot write the workbook: \(name) has no empty <sheetData/> to put the rows in")
            }
            let first = ChunkedDeflater.deflate(head, final: false)
            let last = ChunkedDeflater.deflate(tail, final: true)
            guard first.status == Z_OK, last.status == Z_OK else {
                throw failure(
                    "zlib could not compress \(name)", "deflate",
                    code: first.status == Z_OK ? last.status : first.status)
            }
            let size = Int64(head.count) + sheet.rows.uncompressedSize + Int64(tail.count)
            var crc = head.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
            crc = crc32_combine(crc, sheet.rows.crc, off_t(sheet.rows.uncompressedSize))
            crc = crc32_combine(
                crc, tail.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }, off_t(tail.count))

            var entry = Self.zipInfo(info)
            let added = zipOpenNewFileInZip2_64(
                target, name, &entry, nil, 0, nil, 0, nil, Z_DEFLATED, ChunkedDeflater.level, 1,
                size >= 0xFFFF_FFFF ? 1 : 0)
            guard added == ZIP_OK else { throw failure("cannot add \(name)", "zipOpenNewFileInZip2_64", code: added) }
            try first.output.withUnsafeBytes { try write($0) }
            try copyRows(sheet.rows.file)
            try last.output.withUnsafeBytes { try write($0) }
            let finished = zipCloseFileInZipRaw64(target, UInt64(size), uLong(crc))
            guard finished == ZIP_OK else {
                throw failure("cannot finish \(name)", "zipCloseFileInZipRaw64", code: finished)
            }
        }

        /// The entry `source` is at, inflated.
        private mutating func readCurrentEntry(_ name: String) throws -> [UInt8] {
            let opened = unzOpenCurrentFile(source)
            guard opened == UNZ_OK else {
                throw failure("\(name) cannot be read back", "unzOpenCurrentFile", code: opened)
            }
            var xml: [UInt8] = []
            while true {
                let n = unzReadCurrentFile(source, &buffer, UInt32(buffer.count))
                guard n >= 0 else {
                    let error = failure("\(name) cannot be read back", "unzReadCurrentFile", code: n)
                    unzCloseCurrentFile(source)
                    throw error
                }
                if n == 0 { break }
                xml.append(contentsOf: buffer[0..<Int(n)])
            }
            unzCloseCurrentFile(source)
            return xml
        }

        /// Copies the deflated rows from their temporary file into the open entry.
        private mutating func copyRows(_ file: UnsafeMutablePointer<FILE>) throws {
            errno = 0
            while true {
                let n = fread(&buffer, 1, buffer.count, file)
                if n == 0 { break }
                try buffer.withUnsafeBytes { try write(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            }
            guard ferror(file) == 0 else { throw failure("cannot read a temporary file", "fread") }
        }

        /// Copies any other part: its compressed bytes as they are.
        mutating func copyCompressed(_ name: String, info: unz_file_info64) throws {
            var method: Int32 = 0
            var level: Int32 = 0
            let opened = unzOpenCurrentFile2(source, &method, &level, 1)
            guard opened == UNZ_OK else {
                throw failure("\(name) cannot be read back", "unzOpenCurrentFile2", code: opened)
            }
            defer { unzCloseCurrentFile(source) }
            var entry = Self.zipInfo(info)
            let added = zipOpenNewFileInZip2_64(
                target, name, &entry, nil, 0, nil, 0, nil, method, level, 1,
                info.uncompressed_size >= 0xFFFF_FFFF ? 1 : 0)
            guard added == ZIP_OK else { throw failure("cannot add \(name)", "zipOpenNewFileInZip2_64", code: added) }
            while true {
                let n = unzReadCurrentFile(source, &buffer, UInt32(buffer.count))
                guard n >= 0 else { throw failure("\(name) cannot be read back", "unzReadCurrentFile", code: n) }
                if n == 0 { break }
                try buffer.withUnsafeBytes { try write(UnsafeRawBufferPointer(rebasing: $0[0..<Int(n)])) }
            }
            let finished = zipCloseFileInZipRaw64(target, info.uncompressed_size, info.crc)
            guard finished == ZIP_OK else {
                throw failure("cannot finish \(name)", "zipCloseFileInZipRaw64", code: finished)
            }
        }

        private func write(_ bytes: UnsafeRawBufferPointer) throws {
            let status = zipWriteInFileInZip(target, bytes.baseAddress, UInt32(bytes.count))
            guard status == ZIP_OK else { throw failure("cannot write the file", "zipWriteInFileInZip", code: status) }
        }

        private func failure(_ message: String, _ call: String, code: Int32? = nil) -> HMICError {
            PackageSplicer.failure(message, call, code: code, path: path)
        }
    }

    /// The sheet's XML before and after its empty sheet data (`<sheetData/>`, or `<sheetData></sheetData>` in
    /// constant-memory mode), opened and closed for the rows to go between, with the `<dimension>` (which reflects
    /// only the ranges libxlsxwriter saw, such as an autofilter) replaced by the rows' range.
    static func emptySheetFrame(of xml: [UInt8], dimension: String) -> (head: [UInt8], tail: [UInt8])? {
        let forms = [Array("<sheetData/>".utf8), Array("<sheetData></sheetData>".utf8)]
        guard let (at, empty) = forms.lazy.compactMap({ form in xml.firstIndex(of: form).map { ($0, form) } }).first
        else {
            return nil
        }
        var head = Array(xml[..<at]) + Array("<sheetData>".utf8)
        let tail = Array("</sheetData>".utf8) + Array(xml[(at + empty.count)...])
        let open = Array("<dimension ref=\"".utf8)
        if let start = head.firstIndex(of: open), let end = head.firstIndex(of: Array("\"/>".utf8), from: start) {
            head.replaceSubrange(start..<(end + 3), with: Array("<dimension ref=\"\(dimension)\"/>".utf8))
        }
        return (head, tail)
    }
}
