/// JSON text shared by every writer of JSON in the tool (dump, the result file).
public enum JSONText {
    /// Appends `s` as a JSON string literal: quotes, backslashes, control characters and the two line
    /// separators JavaScript mishandles are escaped.
    public static func appendString(_ s: String, to out: inout String) {
        if s.withUTF8Bytes({ firstPossibleEscape(in: $0, from: 0) == $0.count }) {
            out += "\""
            out += s
            out += "\""
            return
        }
        var bytes = ByteOutput()
        appendString(s, to: &bytes)
        out += String(decoding: bytes.pending, as: UTF8.self)
    }

    /// `appendString` on bytes: runs that need no escape are copied whole.
    public static func appendString(_ s: String, to out: inout ByteOutput) {
        out.append(UInt8(ascii: "\""))
        s.withUTF8Bytes { bytes in
            var start = 0
            var index = 0
            while index < bytes.count {
                index = firstPossibleEscape(in: bytes, from: index)
                guard index < bytes.count else { break }
                let byte = bytes[index]
                let escape: StaticString?
                var length = 1
                switch byte {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x08: escape = "\\b"
                case 0x0C: escape = "\\f"
                case 0..<0x20: escape = nil
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] & 0xFE == 0xA8:
                    escape = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    length = 3
                default:
                    index += 1
                    continue
                }
                out.append(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                if let escape {
                    out.append(escape)
                } else {
                    out.append("\\u00")
                    out.append(hexDigit(byte >> 4))
                    out.append(hexDigit(byte & 0xF))
                }
                index += length
                start = index
            }
            out.append(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Where, from `start`, the first byte that may need an escape lies (`bytes.count` when none does): eight bytes
    /// at a time past the text that needs none, nearly all of it. A byte 0xE2 is only possibly an escape (the first
    /// byte of U+2028 and U+2029, and of other characters).
    @inline(__always)
    private static func firstPossibleEscape(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index + 8 <= bytes.count,
            !mayNeedEscape(bytes.eightBytes(at: index))
        {
            index += 8
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2 { return index }
            index += 1
        }
        return index
    }

    /// True when one of the eight bytes is a control character, `"`, `\\` or 0xE2 (the first byte of U+2028 and
    /// U+2029): the bit tricks of "Bit Twiddling Hacks", each exact for the word as a whole.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let control = (word &- ones &* 0x20) & ~word & highs
        return control | hasZeroByte(word ^ (ones &* 0x22)) | hasZeroByte(word ^ (ones &* 0x5C))
            | hasZeroByte(word ^ (ones &* 0xE2)) != 0
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
