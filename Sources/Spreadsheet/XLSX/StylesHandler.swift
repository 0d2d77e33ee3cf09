/// How a cell's number format asks its number to be read.
enum NumberKind: UInt8 {
    /// A plain number.
    case number
    /// A date, date and time, or time of day (told apart by the value, as calamine does).
    case date
    /// An elapsed time (`[h]:mm:ss`): a duration.
    case duration
}

/// Reads `styles.xml`: custom number formats and, for each `cellXfs` entry, how its number format reads.
final class StylesHandler: SAXHandler {
    private var customFormats: [Int: String] = [:]
    private var formatIDs: [Int] = []
    private var inCellXfs = false

    override func start(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) {
        if nameIs(name, "numFmt") {
            if let id = attributes.string("numFmtId").flatMap({ Int($0) }), let code = attributes.string("formatCode") {
                customFormats[id] = code
            }
        } else if nameIs(name, "cellXfs") {
            inCellXfs = true
        } else if inCellXfs && nameIs(name, "xf") {
            formatIDs.append(attributes.string("numFmtId").flatMap { Int($0) } ?? 0)
        }
    }

    override func end(_ name: UnsafePointer<UInt8>) {
        if nameIs(name, "cellXfs") { inCellXfs = false }
    }

    /// The kind of each cell style, by `s` index.
    var kinds: [NumberKind] {
        formatIDs.map { id in
            if let code = customFormats[id] { return NumberFormat.kind(of: code) }
            return NumberFormat.builtinKind(id)
        }
    }
}

/// Date detection from number formats, after calamine's `formats.rs`.
enum NumberFormat {
    /// Built-in formats 14–22 and 45–47 are dates and times; 46 (`[h]:mm:ss`) is elapsed time.
    static func builtinKind(_ id: Int) -> NumberKind {
        switch id {
        case 46: return .duration
        case 14...22, 45, 47: return .date
        default: return .number
        }
    }

    /// A custom format code is a date when its first section has d, m, y, h or s outside quotes, escapes and
    /// `[brackets]`; a bracketed `[h]`, `[mm]` or `[ss]` makes it an elapsed time.
    static func kind(of code: String) -> NumberKind {
        var escaped = false
        var quoted = false
        var inBracket = false
        var bracketIsElapsed = true
        var bracketLength = 0
        for c in code.utf8 {
            if escaped {
                escaped = false
                continue
            }
            if quoted {
                if c == UInt8(ascii: "\"") { quoted = false }
                continue
            }
            if inBracket {
                if c == UInt8(ascii: "]") {
                    inBracket = false
                    if bracketIsElapsed && bracketLength > 0 { return .duration }
                    continue
                }
                bracketLength += 1
                switch c | 0x20 {
                case UInt8(ascii: "h"), UInt8(ascii: "m"), UInt8(ascii: "s"): break
                default: bracketIsElapsed = false
                }
                continue
            }
            switch c {
            case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"): escaped = true
            case UInt8(ascii: "\""): quoted = true
            case UInt8(ascii: "["):
                inBracket = true
                bracketIsElapsed = true
                bracketLength = 0
            case UInt8(ascii: ";"): return .number
            default:
                switch c | 0x20 {
                case UInt8(ascii: "d"), UInt8(ascii: "m"), UInt8(ascii: "y"), UInt8(ascii: "h"), UInt8(ascii: "s"):
                    return .date
                default: break
                }
            }
        }
        return .number
    }
}
