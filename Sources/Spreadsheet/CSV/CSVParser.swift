import Foundation

/// The field separators a CSV file may use; the reader picks one by looking at the file.
public enum CSVDelimiter: UInt8, Sendable, CaseIterable {
    /// `,`, the RFC 4180 separator.
    case comma = 0x2C
    /// `;`, Excel's separator where the decimal mark is a comma.
    case semicolon = 0x3B
    /// Tab, Excel's "Unicode text" and "Text (tab delimited)" exports.
    case tab = 0x09

    /// The separator as a character.
    public var character: Character { Character(UnicodeScalar(rawValue)) }

    /// A name a person recognises, for `inspect` and messages.
    public var displayName: String {
        switch self {
        case .comma: return "comma"
        case .semicolon: return "semicolon"
        case .tab: return "tab"
        }
    }
}

/// The sizes beyond which a CSV file is refused rather than read: Excel's own limits by default.
public struct CSVLimits: Sendable, Equatable {
    /// Most fields one record may have.
    public var maxFieldsPerRecord: Int
    /// Most non-blank records a file may have (blank records are skipped and not counted).
    public var maxRecords: Int
    /// Most characters (UTF-16 code units, as Excel counts them) one field may hold.
    public var maxFieldLength: Int

    /// Limits of your own choosing; tests use small ones.
    public init(maxFieldsPerRecord: Int, maxRecords: Int, maxFieldLength: Int) {
        self.maxFieldsPerRecord = maxFieldsPerRecord
        self.maxRecords = maxRecords
        self.maxFieldLength = maxFieldLength
    }

    /// Excel's worksheet limits: 16,384 columns, 1,048,576 rows, 32,767 characters a cell.
    public static let excel = CSVLimits(maxFieldsPerRecord: 16_384, maxRecords: 1_048_576, maxFieldLength: 32_767)
}

private let quote: UInt8 = 0x22
private let lineFeed: UInt8 = 0x0A
private let carriageReturn: UInt8 = 0x0D

/// Splits UTF-8 bytes into records and fields by RFC 4180, leniently like Excel: a quote inside an
/// unquoted field is literal, and text after a closing quote is kept.
struct CSVParser {
    let path: String
    let delimiter: UInt8
    let limits: CSVLimits

    /// Bytes read between two calls of `parse`'s `consumed`.
    static let consumedStep = 4 << 20

    /// Calls `body` with each record that has a non-empty field, numbered by the line it starts on; and, when given,
    /// `consumed` with the offset of the next record each time another `consumedStep` bytes have been read.
    func parse(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (Row) throws -> Void, consumed: ((Int) -> Void)? = nil)
        throws
    {
        var position = Position()
        var records = 0
        var cells: [CellValue?] = []
        var repeats = RepeatedFields()
        var nextReport = Self.consumedStep
        while position.offset < buffer.count {
            if position.offset >= nextReport, let consumed {
                consumed(position.offset)
                nextReport = position.offset + Self.consumedStep
            }
            let recordLine = position.line
            cells.removeAll(keepingCapacity: true)
            guard try readRecord(buffer, at: &position, into: &cells, repeats: &repeats) else { continue }
            records += 1
            if records > limits.maxRecords {
                throw HMICError(
                    .badData, file: path, row: recordLine,
                    "more than \(limits.maxRecords) records, more rows than a worksheet can hold")
            }
            try body(Row(number: recordLine, cells: cells))
        }
    }

    /// Where the parse is: the next byte to read and the line it is on.
    private struct Position {
        var offset = 0
        var line = 1
    }

    /// Bytes a field may span before it is certainly too long: a UTF-8 character of three bytes is one UTF-16 unit,
    /// and a doubled quote is two bytes for one character.
    private var maxRawFieldBytes: Int { limits.maxFieldLength * 6 + 2 }

    /// Reads the fields of the record at `position` into `cells` (nil for an empty field) and moves past its line
    /// end. True when a field is not empty.
    private func readRecord(
        _ buffer: UnsafeBufferPointer<UInt8>, at position: inout Position, into cells: inout [CellValue?],
        repeats: inout RepeatedFields
    ) throws -> Bool {
        let n = buffer.count
        let recordLine = position.line
        var hasValue = false
        while true {
            let column = cells.count
            if column >= limits.maxFieldsPerRecord {
                throw HMICError(
                    .badData, file: path, row: recordLine, column: column,
                    "line \(recordLine) has more than \(limits.maxFieldsPerRecord) fields, more columns than a worksheet can hold"
                )
            }
            let value =
                try position.offset < n && buffer[position.offset] == quote
                ? quotedField(buffer, at: &position, recordLine: recordLine, column: column, repeats: &repeats)
                : unquotedField(buffer, at: &position.offset, recordLine: recordLine, column: column, repeats: &repeats)
            if let value {
                if value.utf8.count > limits.maxFieldLength && value.utf16.count > limits.maxFieldLength {
                    throw fieldTooLong(line: recordLine, column: column)
                }
                hasValue = true
                cells.append(.string(value))
            } else {
                cells.append(nil)
            }
            guard position.offset < n else { return hasValue }
            let byte = buffer[position.offset]
            position.offset += 1
            if byte == delimiter { continue }
            if byte == carriageReturn && position.offset < n && buffer[position.offset] == lineFeed {
                position.offset += 1
            }
            position.line += 1
            return hasValue
        }
    }

    /// The quoted field whose opening quote is at `position`, with any text between its closing quote and the next
    /// separator kept as it stands; nil when empty. Counts the line ends inside it.
    private func quotedField(
        _ buffer: UnsafeBufferPointer<UInt8>, at position: inout Position, recordLine: Int, column: Int,
        repeats: inout RepeatedFields
    ) throws -> String? {
        let n = buffer.count
        let openLine = position.line
        let start = position.offset + 1
        var q = start
        var hasDoubledQuotes = false
        let scanLimit = min(n, start + maxRawFieldBytes)
        while true {
            if q >= scanLimit {
                if q >= n {
                    throw HMICError(
                        .badData, file: path, row: openLine, column: column,
                        "unbalanced quote: the quoted field that starts on line \(openLine) never ends")
                }
                throw fieldTooLong(line: recordLine, column: column)
            }
            let byte = buffer[q]
            if byte == quote {
                if q + 1 < n && buffer[q + 1] == quote {
                    hasDoubledQuotes = true
                    q += 2
                    continue
                }
                break
            }
            if byte == lineFeed || (byte == carriageReturn && !(q + 1 < n && buffer[q + 1] == lineFeed)) {
                position.line += 1
            }
            q += 1
        }
        let content = UnsafeBufferPointer(rebasing: buffer[start..<q])
        var p = q + 1
        // Text between the closing quote and the next separator is kept as it stands.
        let trailingStart = p
        while p < n, buffer[p] != delimiter, buffer[p] != lineFeed, buffer[p] != carriageReturn {
            p += 1
            if p - trailingStart > maxRawFieldBytes { throw fieldTooLong(line: recordLine, column: column) }
        }
        position.offset = p
        if !hasDoubledQuotes && p == trailingStart {
            return content.isEmpty ? nil : repeats.string(content)
        }
        var bytes = hasDoubledQuotes ? undoubleQuotes(content) : Array(content)
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[trailingStart..<p]))
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    /// The unquoted field at `p`, up to the next separator or line end; nil when empty.
    private func unquotedField(
        _ buffer: UnsafeBufferPointer<UInt8>, at p: inout Int, recordLine: Int, column: Int,
        repeats: inout RepeatedFields
    ) throws -> String? {
        let n = buffer.count
        let start = p
        let scanLimit = min(n, start + maxRawFieldBytes)
        while p < scanLimit {
            let byte = buffer[p]
            if byte == delimiter || byte == lineFeed || byte == carriageReturn { break }
            p += 1
        }
        if p == scanLimit && p < n { throw fieldTooLong(line: recordLine, column: column) }
        return p > start ? repeats.string(UnsafeBufferPointer(rebasing: buffer[start..<p])) : nil
    }

    private func fieldTooLong(line: Int, column: Int) -> HMICError {
        HMICError(
            .badData, file: path, row: line, column: column,
            "a field on line \(line) is longer than \(limits.maxFieldLength) characters, more than a worksheet cell can hold"
        )
    }

    /// The content of a quoted field with each doubled quote made single.
    private func undoubleQuotes(_ content: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(content.count)
        var i = 0
        while i < content.count {
            let byte = content[i]
            bytes.append(byte)
            i += byte == quote ? 2 : 1
        }
        return bytes
    }
}

/// Chooses the field separator of a CSV file from its first records.
enum DelimiterSniffer {
    /// Records looked at, and bytes at most, so that a huge first line costs little.
    static let sampleRecords = 50
    static let sampleBytes = 1 << 20

    /// The separator that gives the most records with one same field count above one; title lines above
    /// the header row have one field (or a different count) and do not sway the choice. Ties go to the
    /// larger field count, then to comma, semicolon, tab in that order; comma when nothing separates.
    static func sniff(_ buffer: UnsafeBufferPointer<UInt8>) -> CSVDelimiter {
        let sample = UnsafeBufferPointer(rebasing: buffer[0..<min(buffer.count, sampleBytes)])
        var best = CSVDelimiter.comma
        var bestScore = (0, 0)
        for candidate in CSVDelimiter.allCases {
            let counts = fieldCounts(sample, delimiter: candidate.rawValue)
            var frequency: [Int: Int] = [:]
            for count in counts where count > 1 { frequency[count, default: 0] += 1 }
            guard let top = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { continue }
            if (top.value, top.key) > bestScore {
                bestScore = (top.value, top.key)
                best = candidate
            }
        }
        return best
    }

    /// The number of fields in each of the first non-blank records, with `delimiter` as the separator.
    static func fieldCounts(_ sample: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> [Int] {
        var counts: [Int] = []
        var fields = 1
        var inQuotes = false
        var atFieldStart = true
        var lineHasContent = false
        var i = 0
        let n = sample.count
        while i < n && counts.count < sampleRecords {
            let byte = sample[i]
            i += 1
            if inQuotes {
                if byte == quote {
                    if i < n && sample[i] == quote { i += 1 } else { inQuotes = false }
                }
                continue
            }
            if byte == delimiter {
                fields += 1
                atFieldStart = true
                lineHasContent = true
            } else if byte == lineFeed || byte == carriageReturn {
                if byte == carriageReturn && i < n && sample[i] == lineFeed { i += 1 }
                if lineHasContent { counts.append(fields) }
                fields = 1
                atFieldStart = true
                lineHasContent = false
            } else {
                if byte == quote && atFieldStart { inQuotes = true }
                atFieldStart = false
                lineHasContent = true
            }
        }
        if lineHasContent && counts.count < sampleRecords && i >= n && !inQuotes { counts.append(fields) }
        return counts
    }
}

/// Gives every repeat of a field the same `String`, as a workbook's shared-strings table does: a register writes the
/// same status, type, inspection title, lead and board on thousands of rows, and a string of more than 15 bytes is
/// an allocation of its own (shorter ones are held inline). ASCII fields of 16 to 64 bytes are remembered (ASCII,
/// so that `String` equality is byte equality and a field is given back as written), at most `limit` distinct
/// values, so a column of distinct texts costs a look-up and no memory.
struct RepeatedFields {
    static let limit = 65_536
    private var known: Set<String> = []

    /// The field's text: the string already made for the same text, or a new one.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard bytes.count >= 16 && bytes.count <= 64, bytes.allSatisfy({ $0 < 0x80 }) else { return text }
        if let repeated = known.firstIndex(of: text) { return known[repeated] }
        if known.count < Self.limit { known.insert(text) }
        return text
    }
}
