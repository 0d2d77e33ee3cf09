import Foundation

/// Writes CSV text that spreadsheets read back as the same strings and never run as formulas.
public enum CSVWriter {
    /// One field: a value starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` (OWASP CSV injection),
    /// and a value holding the delimiter, a quote, CR or LF is quoted with its quotes doubled (RFC 4180).
    public static func field(_ value: String, delimiter: Character = ",") -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        let needsQuotes = text.unicodeScalars.contains { scalar in
            scalar == "\"" || scalar == "\r" || scalar == "\n" || Character(scalar) == delimiter
        }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `field(_:)` with the default delimiter, appended to `out` as bytes: the same bytes for every text, without
    /// making a string unless the text holds both a quote and a non-ASCII byte. There `field(_:)` keeps a quote
    /// undoubled when a combining mark follows it (it replaces whole characters), so that text takes its path.
    static func appendField(_ text: String, to out: inout ByteBuffer) {
        text.withUTF8Bytes { bytes in
            guard let first = bytes.first else { return }
            // Eight bytes at a time, with the zero-byte test of "Bit Twiddling Hacks" (exact for a word as a whole).
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            @inline(__always) func holds(_ word: UInt64, _ byte: UInt64) -> UInt64 {
                let x = word ^ (ones &* byte)
                return (x &- ones) & ~x & highs
            }
            var quotes: UInt64 = 0, breaks: UInt64 = 0, allBytes: UInt64 = 0
            var index = 0
            while index < bytes.count {
                let word = bytes.eightBytes(at: index)
                allBytes |= word
                quotes |= holds(word, 0x22)
                breaks |= holds(word, 0x2C) | holds(word, 0x0D) | holds(word, 0x0A)
                index += 8
            }
            let hasQuote = quotes != 0, needsQuotes = quotes | breaks != 0
            if hasQuote && allBytes & highs != 0 {
                field(text).withUTF8Bytes { out.append($0) }
                return
            }
            let formula = first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D
            if needsQuotes { out.append(0x22) }
            if formula { out.append(0x27) }
            if hasQuote {
                var start = 0
                for (i, byte) in bytes.enumerated() where byte == 0x22 {
                    out.append(UnsafeBufferPointer(rebasing: bytes[start...i]))
                    out.append(0x22)
                    start = i + 1
                }
                out.append(UnsafeBufferPointer(rebasing: bytes[start...]))
            } else {
                out.append(bytes)
            }
            if needsQuotes { out.append(0x22) }
        }
    }

    /// One record: the fields escaped, joined by `delimiter` and ended with CRLF as RFC 4180 asks.
    public static func line(_ fields: [String], delimiter: Character = ",") -> String {
        fields.map { field($0, delimiter: delimiter) }.joined(separator: String(delimiter)) + "\r\n"
    }
}
