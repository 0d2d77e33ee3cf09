import Foundation

/// A CSV (or tab-separated) text file read as one worksheet named after the file.
///
/// The encoding (UTF-8 with or without BOM, UTF-16 with BOM, UTF-8 with a few stray bytes replaced, else
/// Windows-1252) and the separator (comma,
/// semicolon or tab) are detected from the content. Records are parsed by RFC 4180 from bytes, one `String`
/// per non-empty field.
public struct CSVDocument: SpreadsheetDocument {
    /// The path as the caller gave it, for messages.
    public let path: String
    /// Always `.csv`.
    public var format: SpreadsheetFormat { .csv }
    /// The one sheet: the file name without its extension, visible.
    public let sheets: [SheetInfo]
    /// The encoding the bytes were read in.
    public let encoding: CSVTextEncoding
    /// The field separator chosen from the first records.
    public let delimiter: CSVDelimiter
    /// The sizes beyond which the file is refused.
    public let limits: CSVLimits
    /// The text as UTF-8, without a byte order mark.
    private let text: Text
    /// Offsets in `text` where a byte that was not UTF-8 was replaced by U+FFFD, in order.
    private let replacedAt: [Int]

    /// Where the UTF-8 text is: the mapped file itself (after any byte order mark), or converted bytes.
    private enum Text {
        case mapped(MappedFile, from: Int)
        case owned([UInt8])

        func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
            switch self {
            case .mapped(let file, let from): return try body(UnsafeBufferPointer(rebasing: file.bytes[from...]))
            case .owned(let bytes): return try bytes.withUnsafeBufferPointer(body)
            }
        }

        /// The same text without its first `count` bytes.
        func dropping(_ count: Int) -> Text {
            guard count > 0 else { return self }
            switch self {
            case .mapped(let file, let from): return .mapped(file, from: from + count)
            case .owned(let bytes): return .owned(Array(bytes.dropFirst(count)))
            }
        }
    }

    /// Opens the CSV file at `path`; a missing or unreadable file is a `.unreadable` error naming it.
    public init(path: String, limits: CSVLimits = .excel) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw HMICError(.unreadable, file: path, "no such file")
        }
        guard !isDirectory.boolValue else {
            throw HMICError(.unreadable, file: path, "this is a folder, not a CSV file")
        }
        try self.init(path: path, raw: .mapped(try MappedFile(path: path), from: 0), limits: limits)
    }

    /// Reads CSV text held in memory; `path` names it in messages and gives the sheet its name.
    public init(path: String, bytes: [UInt8], limits: CSVLimits = .excel) throws {
        try self.init(path: path, raw: .owned(bytes), limits: limits)
    }

    private init(path: String, raw: Text, limits: CSVLimits) throws {
        self.path = path
        self.limits = limits
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        self.sheets = [SheetInfo(name: name.isEmpty ? "Sheet1" : name, visible: true)]
        let (encoding, text, replacedAt) = raw.withBytes { bytes -> (CSVTextEncoding, Text, [Int]) in
            let (encoding, bomLength) = TextDecoding.detect(bytes)
            let body = UnsafeBufferPointer(rebasing: bytes[bomLength...])
            switch encoding {
            case .utf8: return (encoding, raw, [])
            case .utf8WithBOM:
                // A byte order mark says UTF-8: bytes that are not are replaced and named, as in a file without one.
                guard !TextDecoding.isValidUTF8(body) else { return (encoding, raw.dropping(bomLength), []) }
                let repaired = TextDecoding.utf8ReplacingBadBytes(body)
                return (encoding, .owned(repaired.text), repaired.replacedAt)
            case .utf8WithBadBytes:
                let repaired = TextDecoding.utf8ReplacingBadBytes(body)
                return (encoding, .owned(repaired.text), repaired.replacedAt)
            case .utf16LittleEndian:
                return (encoding, .owned(TextDecoding.utf8FromUTF16(body, bigEndian: false)), [])
            case .utf16BigEndian: return (encoding, .owned(TextDecoding.utf8FromUTF16(body, bigEndian: true)), [])
            case .windows1252: return (encoding, .owned(TextDecoding.utf8FromWindows1252(body)), [])
            }
        }
        self.encoding = encoding
        self.text = text
        self.replacedAt = replacedAt
        self.delimiter = try text.withBytes { bytes in
            if let nul = CSVDocument.firstNUL(in: bytes) {
                let line = CSVDocument.lineNumber(of: nul, in: bytes)
                throw HMICError(
                    .badData, file: path, row: line,
                    "does not look like a CSV text file: binary data at line \(line)")
            }
            return DelimiterSniffer.sniff(bytes)
        }
    }

    /// Calls `body` with each record that has a non-empty field, its `number` the line the record starts on.
    public func forEachRow(inSheet index: Int, _ body: (Row) throws -> Void) throws {
        guard index == 0 else {
            throw HMICError(
                .badData, file: path, "a CSV file has one sheet, '\(sheets[0].name)'; there is no sheet \(index + 1)")
        }
        let parser = CSVParser(path: path, delimiter: delimiter.rawValue, limits: limits)
        // A mapped file's pages are given back as the records in them are read: the records keep copies, so at a
        // million rows the file's few hundred megabytes are not held beside them.
        var consumed: ((Int) -> Void)? = nil
        if case .mapped(let file, let from) = text { consumed = { file.release(before: from + $0) } }
        try text.withBytes { bytes in try parser.parse(bytes, body, consumed: consumed) }
    }

    /// The number of line feeds plus one: at least the number of records, counted with `memchr`.
    public func rowCountHint(inSheet index: Int) -> Int? {
        guard index == 0 else { return nil }
        return text.withBytes { bytes -> Int in
            guard var at = UnsafeRawPointer(bytes.baseAddress) else { return 0 }
            let end = at + bytes.count
            var lines = 1
            while at < end, let found = memchr(at, 0x0A, end - at) {
                lines += 1
                at = UnsafeRawPointer(found) + 1
            }
            return lines
        }
    }

    /// One warning for the bytes that were not UTF-8, naming the row and column of the first few; nil when there
    /// were none.
    public var decodingWarning: String? {
        guard !replacedAt.isEmpty else { return nil }
        let shown = Self.placesNamed
        let places = text.withBytes {
            Self.places(of: Array(replacedAt.prefix(shown)), in: $0, delimiter: delimiter.rawValue)
        }
        let named = places.map { "row \($0.row), column \(columnLetters($0.column))" }.joined(separator: "; ")
        let more = replacedAt.count > shown ? " and \(replacedAt.count - shown) more" : ""
        let count = replacedAt.count
        return "\(count) byte\(count == 1 ? " is" : "s are") not UTF-8 in a file that otherwise is: read as UTF-8 "
            + "with \(count == 1 ? "that byte" : "each") replaced by U+FFFD, in \(named)\(more); "
            + "check \(count == 1 ? "that cell" : "those cells") and save the file as UTF-8"
    }

    /// How many places `decodingWarning` names.
    static let placesNamed = 5

    /// The record (numbered by its first line) and the 0-based field holding each of `offsets` (ascending) in
    /// `bytes`, found by following quotes, separators and line ends as the parser does.
    static func places(of offsets: [Int], in bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8)
        -> [(row: Int, column: Int)]
    {
        var places: [(row: Int, column: Int)] = []
        var line = 1
        var recordLine = 1
        var field = 0
        var inQuotes = false
        var next = 0
        var i = 0
        while i < bytes.count, next < offsets.count {
            if i == offsets[next] {
                places.append((recordLine, field))
                next += 1
                continue
            }
            let byte = bytes[i]
            if byte == 0x22 {
                inQuotes.toggle()  // a doubled quote inside a quoted field toggles twice
            } else if byte == delimiter, !inQuotes {
                field += 1
            } else if byte == 0x0A || (byte == 0x0D && !(i + 1 < bytes.count && bytes[i + 1] == 0x0A)) {
                line += 1
                if !inQuotes {
                    recordLine = line
                    field = 0
                }
            }
            i += 1
        }
        return places
    }

    /// The offset of the first zero byte, found with `memchr`.
    private static func firstNUL(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress, !bytes.isEmpty,
            let found = memchr(base, 0, bytes.count)
        else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// The 1-based line holding the byte at `offset`; CRLF, LF and a lone CR each end a line.
    static func lineNumber(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        var i = 0
        while i < offset {
            let byte = bytes[i]
            if byte == 0x0A || (byte == 0x0D && !(i + 1 < bytes.count && bytes[i + 1] == 0x0A)) { line += 1 }
            i += 1
        }
        return line
    }
}
