#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The characters a workbook must not hold: XML 1.0 refuses the noncharacters U+FFFE and U+FFFF, surrogates and the
/// C0 controls other than tab, line feed and carriage return; openpyxl and Excel refuse a workbook that holds them,
/// so one such character in a register would make the board's workbook, and next month's run, unreadable. The other
/// noncharacters (U+nFFFE and U+nFFFF of every plane) are replaced too: no text of a person holds them.
public enum XMLCharacters {
    /// What takes the place of a character a workbook cannot hold.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// True for a character that is replaced: a noncharacter U+nFFFE or U+nFFFF, or a C0 control other than tab,
    /// line feed and carriage return. (A Swift string cannot hold a surrogate.)
    @inline(__always)
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return v != 0x09 && v != 0x0A && v != 0x0D }
        return v & 0xFFFE == 0xFFFE
    }

    /// True when `text` may hold a forbidden character: a quick look at its bytes (a control byte, or the byte
    /// 0xBF followed by 0xBE or 0xBF, with which every noncharacter ends), eight at a time, so that clean text costs
    /// little more than one pass of word reads.
    public static func mayHoldForbidden(_ text: String) -> Bool {
        // A native string's bytes are read in place; only a bridged one is copied first.
        if let answer = text.utf8.withContiguousStorageIfAvailable({ mayHoldForbidden(bytes: $0) }) { return answer }
        var copy = text
        return copy.withUTF8 { mayHoldForbidden(bytes: $0) }
    }

    private static func mayHoldForbidden(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        // Whole words with no byte below 0x20 and no 0xBF cannot hold one; others are looked at byte by byte.
        while i + 8 <= count {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let below = (word &- ones &* 0x20) & ~word & highs
            let bf = word ^ (ones &* 0xBF)
            let hasBF = (bf &- ones) & ~bf & highs
            if below | hasBF != 0, holdsForbidden(base, from: i, to: min(i + 8, count), count: count) {
                return true
            }
            i += 8
        }
        return holdsForbidden(base, from: i, to: count, count: count)
    }

    /// True when a byte in `from..<to` is a forbidden control, or the first of a noncharacter's last two bytes.
    private static func holdsForbidden(_ base: UnsafePointer<UInt8>, from: Int, to: Int, count: Int) -> Bool {
        for i in from..<to {
            let byte = base[i]
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return true }
            if byte == 0xBF, i + 1 < count, base[i + 1] == 0xBE || base[i + 1] == 0xBF { return true }
        }
        return false
    }

    /// `text` with each forbidden character replaced by U+FFFD, and how many were replaced.
    public static func cleaned(_ text: String) -> (text: String, replaced: Int) {
        guard mayHoldForbidden(text) else { return (text, 0) }
        var replaced = 0
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isForbidden(scalar) {
                replaced += 1
                scalars.append(replacement)
            } else {
                scalars.append(scalar)
            }
        }
        return (replaced == 0 ? text : String(scalars), replaced)
    }

    /// Replaces, in UTF-8 bytes, the three-byte forms a workbook's XML must not hold: U+FFFE and U+FFFF
    /// (EF BF BE, EF BF BF) and surrogates (ED A0…BF xx), each by U+FFFD (EF BF BD), the same length. Returns how
    /// many were replaced. The last two bytes are not looked at as the start of a form: the caller holds back a
    /// tail that may begin one (`incompleteTail`) and feeds it with the next chunk.
    @discardableResult
    public static func replaceForbiddenInXML(_ bytes: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var replaced = 0
        var i = 0
        while i + 2 < bytes.count {
            let a = bytes[i]
            let b = bytes[i + 1]
            let c = bytes[i + 2]
            let nonCharacter = a == 0xEF && b == 0xBF && (c == 0xBE || c == 0xBF)
            let surrogate = a == 0xED && b >= 0xA0 && b <= 0xBF && c >= 0x80 && c <= 0xBF
            if nonCharacter || surrogate {
                bytes[i] = 0xEF
                bytes[i + 1] = 0xBF
                bytes[i + 2] = 0xBD
                replaced += 1
                i += 3
            } else {
                i += 1
            }
        }
        return replaced
    }

    /// How many bytes at the end of `bytes` may begin a form `replaceForbiddenInXML` looks for (EF, EF BF, ED, ED xx):
    /// they are held back and fed with the next chunk.
    public static func incompleteTail(_ bytes: [UInt8]) -> Int {
        let n = bytes.count
        if n >= 2, bytes[n - 2] == 0xEF || bytes[n - 2] == 0xED { return 2 }
        if n >= 1, bytes[n - 1] == 0xEF || bytes[n - 1] == 0xED { return 1 }
        return 0
    }

    /// True when `bytes` holds a form `replaceForbiddenInXML` replaces, or ends in the start of one.
    public static func mayHoldForbiddenInXML(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, 0xEF, bytes.count) != nil || memchr(base, 0xED, bytes.count) != nil
    }
}
