import Spreadsheet

/// Folding rules shared by the vocabularies: how two spellings are judged to be the same.
enum Words {
    /// Lower-case alphanumeric words, split at anything else: "Closed by FLL – awaiting sign-off" → [closed, by, fll, awaiting, sign, off].
    static func split(_ text: String) -> [String] {
        asciiSplit(text) ?? scalarSplit(text)
    }

    /// `split` scalar by scalar, for any text. A combining mark stays with the letter before it, so that a word
    /// written with "é" as one scalar or as "e" and an accent is one word either way, and the two spellings (equal
    /// as Swift strings) get the same answer from every vocabulary.
    static func scalarSplit(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || (!current.isEmpty && isCombiningMark(scalar))
            {
                current.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// A mark that combines with the character before it (an accent, a cedilla).
    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// `split` for ASCII text, on its bytes (ASCII letters are the only ASCII alphabetic characters); nil for other
    /// text.
    private static func asciiSplit(_ text: String) -> [String]? {
        let bytes = Array(text.utf8)
        var words: [String] = []
        var start = -1
        for i in 0...bytes.count {
            let byte = i < bytes.count ? bytes[i] : 0x20
            if byte >= 0x80 { return nil }
            let isWordByte = byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 26
            if isWordByte {
                if start < 0 { start = i }
            } else if start >= 0 {
                let lower = bytes[start..<i].map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
                words.append(String(decoding: lower, as: UTF8.self))
                start = -1
            }
        }
        return words
    }

    /// A vocabulary key: words without punctuation, spacing or a plural `s`.
    /// "Areas for Improvement", "area-for-improvement" give "areaforimprovement"; "A.F.I." and "AFIs" give "afi".
    static func vocabularyKey(_ text: String) -> String {
        split(text).map(singular).joined()
    }

    /// A header key: lower-case letters and digits only, so "Ref No." and "ref_no" agree.
    static func headerKey(_ text: String) -> String {
        split(text).joined()
    }

    /// A reference key (rules §3): upper case with spaces, dashes, underscores, dots and slashes removed.
    /// ASCII text (nearly every reference) is folded byte by byte; other text takes the Unicode path.
    static func referenceKey(_ text: String) -> String {
        if text.utf8.contains(where: { $0 >= 0x80 }) { return unicodeReferenceKey(text) }
        var key: [UInt8] = []
        key.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case 0x20, 0x2D, 0x5F, 0x2E, 0x2F, 0x00...0x1F, 0x7F: continue  // space - _ . / and control characters
            case 0x61...0x7A: key.append(byte - 0x20)
            default: key.append(byte)
            }
        }
        return String(decoding: key, as: UTF8.self)
    }

    private static func unicodeReferenceKey(_ text: String) -> String {
        var key = ""
        for scalar in text.unicodeScalars {
            guard case .character(let folded) = referenceScalar(scalar) else { continue }
            key.unicodeScalars.append(contentsOf: folded.properties.uppercaseMapping.unicodeScalars)
        }
        return key
    }

    /// How a reference reads one character.
    enum ReferenceScalar: Equatable {
        /// Space, dash, underscore, dot or slash, in any of their forms: removed, but it parts numbers.
        case separator
        /// A character nobody sees (zero-width space, a direction mark, a byte-order mark): removed.
        case invisible
        /// Any other character, a full-width form as its ASCII one ("２０２１" is "2021").
        case character(Unicode.Scalar)
    }

    /// Folds one character of a reference: references pasted from web pages and documents carry invisible
    /// characters, non-breaking hyphens and spaces, and full-width digits that a person cannot see.
    static func referenceScalar(_ scalar: Unicode.Scalar) -> ReferenceScalar {
        switch scalar {
        case " ", "-", "_", ".", "/", "\t": return .separator
        default: break
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .format, .control: return .invisible
        case .dashPunctuation, .spaceSeparator, .connectorPunctuation: return .separator
        default: break
        }
        if scalar == "\u{2212}" || scalar == "\u{2044}" { return .separator }  // minus sign, fraction slash
        // Full-width forms of ASCII (U+FF01–U+FF5E) are ASCII moved up by 0xFEE0.
        if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
            return referenceScalar(ascii)
        }
        return .character(scalar)
    }

    /// True when `phrase` occurs in `words` as consecutive whole words.
    static func contains(_ words: [String], phrase: [String]) -> Bool {
        guard !phrase.isEmpty, words.count >= phrase.count else { return false }
        for start in 0...(words.count - phrase.count) where words[start..<start + phrase.count].elementsEqual(phrase) {
            return true
        }
        return false
    }
}
