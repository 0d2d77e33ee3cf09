/// The character encoding a CSV file was read in, as detected from its bytes.
public enum CSVTextEncoding: String, Sendable, Equatable {
    /// UTF-8 without a byte order mark.
    case utf8
    /// UTF-8 starting with the byte order mark EF BB BF (Excel's "CSV UTF-8").
    case utf8WithBOM
    /// UTF-16 little-endian with its byte order mark (Excel's "Unicode text").
    case utf16LittleEndian
    /// UTF-16 big-endian with its byte order mark.
    case utf16BigEndian
    /// Windows-1252, Excel's plain "CSV" on a UK or US machine: used when the bytes are not mostly UTF-8.
    case windows1252
    /// UTF-8 with a few bytes that are not (a stray Latin-1 "£" pasted in): each such byte is read as U+FFFD and
    /// named in a warning, rather than the whole file read as Windows-1252.
    case utf8WithBadBytes

    /// A name a person recognises, for `inspect` and messages.
    public var displayName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .utf8WithBOM: return "UTF-8 with BOM"
        case .utf16LittleEndian: return "UTF-16LE"
        case .utf16BigEndian: return "UTF-16BE"
        case .windows1252: return "Windows-1252"
        case .utf8WithBadBytes: return "UTF-8, with bytes that are not UTF-8 replaced"
        }
    }
}

/// Turns the bytes of a text file into UTF-8 bytes, detecting the encoding from a byte order mark or,
/// failing that, from whether the bytes are valid UTF-8.
enum TextDecoding {
    /// The encoding of `bytes` and the number of leading bytes (a byte order mark) to skip.
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> (encoding: CSVTextEncoding, bomLength: Int) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8WithBOM, 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LittleEndian, 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BigEndian, 2) }
        if isValidUTF8(bytes) { return (.utf8, 0) }
        let census = utf8Census(bytes)
        // Mostly UTF-8: more well-formed multi-byte characters than bytes that are not UTF-8. A Windows-1252 file
        // has no multi-byte characters (or, by chance, very few).
        return (census.multiByte > census.invalid ? .utf8WithBadBytes : .windows1252, 0)
    }

    /// The well-formed multi-byte UTF-8 characters in `bytes`, and the bytes that are not part of one.
    static func utf8Census(_ bytes: UnsafeBufferPointer<UInt8>) -> (multiByte: Int, invalid: Int) {
        var multiByte = 0
        var invalid = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0x80 {
                i += 1
            } else if let length = sequenceLength(bytes, at: i) {
                multiByte += 1
                i += length
            } else {
                invalid += 1
                i += 1
            }
        }
        return (multiByte, invalid)
    }

    /// The length of the well-formed UTF-8 character starting at `i` (a non-ASCII lead byte); nil when the bytes
    /// there are not one (a stray byte, a cut-off, overlong or surrogate form).
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let lead = bytes[i]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return nil
        }
        guard i + length <= bytes.count, bytes[i + 1] >= low, bytes[i + 1] <= high else { return nil }
        for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return nil }
        return length
    }

    /// UTF-8 with each byte that is not part of a well-formed character replaced by U+FFFD, and the offsets in the
    /// result where the replacements start (for naming their rows and columns).
    static func utf8ReplacingBadBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> (text: [UInt8], replacedAt: [Int]) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var replacedAt: [Int] = []
        var i = 0
        var start = 0
        while i < bytes.count {
            if bytes[i] < 0x80 {
                i += 1
            } else if let length = sequenceLength(bytes, at: i) {
                i += length
            } else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                replacedAt.append(out.count)
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                i += 1
                start = i
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        return (out, replacedAt)
    }

    /// True when `bytes` is well-formed UTF-8 (no overlong forms, surrogates or values above U+10FFFF).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var i = 0
        while i < count {
            // ASCII runs dominate CSV files: skip them eight bytes at a time.
            while i + 8 <= count,
                UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                i += 8
            }
            guard i < count else { break }
            let lead = base[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            guard let length = sequenceLength(bytes, at: i) else { return false }
            i += length
        }
        return true
    }

    /// Transcodes Windows-1252 to UTF-8 in one pass; the five bytes 1252 leaves undefined map to the C1
    /// controls of the same value, as Windows itself does.
    static func utf8FromWindows1252(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            let scalar: UInt32 = byte < 0xA0 ? UInt32(windows1252High[Int(byte) - 0x80]) : UInt32(byte)
            appendUTF8(scalar, to: &out)
        }
        return out
    }

    /// Transcodes UTF-16 code units (after the byte order mark) to UTF-8; unpaired surrogates become U+FFFD.
    static func utf8FromUTF16(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2 + bytes.count / 8)
        let units = bytes.count / 2
        @inline(__always) func unit(_ index: Int) -> UInt32 {
            let a = UInt32(bytes[2 * index])
            let b = UInt32(bytes[2 * index + 1])
            return bigEndian ? (a << 8 | b) : (b << 8 | a)
        }
        var i = 0
        while i < units {
            let u = unit(i)
            i += 1
            if u < 0x80 {
                out.append(UInt8(u))
                continue
            }
            if u >= 0xD800 && u <= 0xDBFF, i < units {
                let next = unit(i)
                if next >= 0xDC00 && next <= 0xDFFF {
                    i += 1
                    appendUTF8(0x10000 + ((u - 0xD800) << 10) + (next - 0xDC00), to: &out)
                    continue
                }
            }
            appendUTF8(u >= 0xD800 && u <= 0xDFFF ? 0xFFFD : u, to: &out)
        }
        if bytes.count % 2 == 1 { appendUTF8(0xFFFD, to: &out) }
        return out
    }

    @inline(__always)
    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Windows-1252 bytes 0x80–0x9F as Unicode scalars (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ).
    static let windows1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
