/// One relationship of an OPC `.rels` part.
struct Relationship {
    var id: String
    var type: String
    var target: String
    var external: Bool

    /// The last path component of the type URI (`officeDocument`, `worksheet`, …), the same in the Transitional
    /// and Strict namespaces.
    var kind: Substring { type.split(separator: "/").last ?? "" }
}

/// Collects the `Relationship` elements of a `.rels` part.
final class RelationshipsHandler: SAXHandler {
    var relationships: [Relationship] = []

    override func start(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) {
        guard nameIs(name, "Relationship") else { return }
        relationships.append(
            Relationship(
                id: attributes.string("Id") ?? "",
                type: attributes.string("Type") ?? "",
                target: attributes.string("Target") ?? "",
                external: attributes.string("TargetMode")?.lowercased() == "external"))
    }
}

/// The parts of an OPC package and how one names another.
enum PartName {
    /// The `.rels` part that holds the relationships of `part` (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`).
    static func relationships(of part: String) -> String {
        let (dir, file) = split(part)
        return dir.isEmpty ? "_rels/\(file).rels" : "\(dir)/_rels/\(file).rels"
    }

    /// Resolves a relationship target against the part that holds it: relative targets from that part's folder,
    /// root-relative ones (`/xl/...`) from the package root, with `.` and `..` removed and `%XX` decoded.
    static func resolve(_ target: String, from source: String) -> String {
        var t = percentDecoded(target)
        if let scheme = t.range(of: "://") {  // an absolute URI such as file:///xl/worksheets/sheet1.xml
            let afterScheme = t[scheme.upperBound...]
            t = String(afterScheme.drop { $0 != "/" })
        }
        var components: [Substring]
        if t.hasPrefix("/") {
            components = []
        } else {
            components = split(source).dir.split(separator: "/")
        }
        for c in t.split(separator: "/", omittingEmptySubsequences: true) {
            if c == "." { continue }
            if c == ".." {
                if !components.isEmpty { components.removeLast() }
                continue
            }
            components.append(c)
        }
        return components.joined(separator: "/")
    }

    private static func split(_ part: String) -> (dir: String, file: String) {
        var p = Substring(part)
        while p.hasPrefix("/") { p = p.dropFirst() }
        guard let slash = p.lastIndex(of: "/") else { return ("", String(p)) }
        return (String(p[..<slash]), String(p[p.index(after: slash)...]))
    }

    private static func percentDecoded(_ s: String) -> String {
        guard s.contains("%") else { return s }
        var out: [UInt8] = []
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count, let h = hex(b[i + 1]), let l = hex(b[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 65...70: return c - 55
        case 97...102: return c - 87
        default: return nil
        }
    }
}

/// One `<sheet>` of `workbook.xml`.
struct WorkbookSheet {
    var name: String
    var relationshipID: String
    var state: String
}

/// Reads `workbook.xml`: the sheets in order and the date system.
final class WorkbookHandler: SAXHandler {
    var sheets: [WorkbookSheet] = []
    var date1904 = false

    override func start(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) {
        if nameIs(name, "sheet") {
            sheets.append(
                WorkbookSheet(
                    name: attributes.string("name") ?? "",
                    relationshipID: attributes.string("id") ?? "",
                    state: attributes.string("state") ?? "visible"))
        } else if nameIs(name, "workbookPr") {
            if let v = attributes.string("date1904") { date1904 = v == "1" || v.lowercased() == "true" }
        }
    }
}

/// True when the bytes hold "_x" where a whole `_xHHHH_` escape (seven bytes) could start.
func mayHoldOOXMLEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard bytes.count >= 7 else { return false }
    for i in 0..<(bytes.count - 6) where bytes[i] == 0x5F && bytes[i + 1] == 0x78 { return true }
    return false
}

/// Decodes the `_xHHHH_` escapes OOXML uses for characters XML cannot carry (for example `_x000D_`).
func decodeOOXMLEscapes(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard mayHoldOOXMLEscape(bytes) else { return String(decoding: bytes, as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var units: [UInt16] = []
    func flushUnits() {
        guard !units.isEmpty else { return }
        out.append(contentsOf: String(decoding: units, as: UTF16.self).utf8)
        units.removeAll()
    }
    var i = 0
    while i < bytes.count {
        if bytes[i] == 0x5F, i + 6 < bytes.count, bytes[i + 1] == 0x78, bytes[i + 6] == 0x5F,
            let a = PartName.hex(bytes[i + 2]), let b = PartName.hex(bytes[i + 3]),
            let c = PartName.hex(bytes[i + 4]), let d = PartName.hex(bytes[i + 5])
        {
            units.append(UInt16(a) << 12 | UInt16(b) << 8 | UInt16(c) << 4 | UInt16(d))
            i += 7
            continue
        }
        flushUnits()
        out.append(bytes[i])
        i += 1
    }
    flushUnits()
    return String(decoding: out, as: UTF8.self)
}

/// True for the bytes XML counts as white space.
@inline(__always)
func isXMLSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

/// The bytes of a `<t>` element that count: all of them with `xml:space="preserve"`, else without XML white space
/// at the ends (as Excel and calamine read them).
func keptText(_ buf: UnsafeBufferPointer<UInt8>, preserve: Bool) -> UnsafeBufferPointer<UInt8> {
    var lo = 0
    var hi = buf.count
    if !preserve {
        while lo < hi, isXMLSpace(buf[lo]) { lo += 1 }
        while hi > lo, isXMLSpace(buf[hi - 1]) { hi -= 1 }
    }
    return UnsafeBufferPointer(rebasing: buf[lo..<hi])
}

/// The text of a `<t>` element: its kept bytes, decoded.
func textValue(_ bytes: ArraySlice<UInt8>, preserve: Bool) -> String {
    bytes.withUnsafeBufferPointer { decodeOOXMLEscapes(keptText($0, preserve: preserve)) }
}

/// Appends `textValue(bytes, preserve:)`'s UTF-8 bytes to `out`: ASCII text without escapes as it lies, any other
/// through the `String`, which also repairs what is not UTF-8.
func appendTextValue(_ bytes: ArraySlice<UInt8>, preserve: Bool, to out: inout [UInt8]) {
    bytes.withUnsafeBufferPointer { buf in
        let kept = keptText(buf, preserve: preserve)
        if kept.isASCII && !mayHoldOOXMLEscape(kept) {
            out.append(contentsOf: kept)
        } else {
            out.append(contentsOf: decodeOOXMLEscapes(kept).utf8)
        }
    }
}

/// A workbook's shared strings: every item's bytes in one store, found by its span; a cell's `String` is made
/// when the cell is read.
///
/// An item of at most 15 bytes, which a `String` holds without a heap block of its own, is kept as a `String` in
/// `short` instead (its span flagged, numbering it there): references and codes, read once each, then hold no
/// bytes in the store for as long as the records that point into it.
struct SharedStrings {
    let store: TextBytes
    /// Per item, its span in `store`, or (flagged) its number in `short`.
    let spans: [TextSpan]
    let short: [String]
    var count: Int { spans.count }
    static var none: SharedStrings { SharedStrings(store: TextBytes(), spans: [], short: []) }

    /// The longest item kept in `short`.
    static let shortLimit = 15

    /// The entry of an item: where it lies in `store`, or its place in `short`.
    static func entry(_ bytes: UnsafeBufferPointer<UInt8>, store: TextBytes, short: inout [String]) -> TextSpan {
        guard bytes.count <= shortLimit else { return store.append(bytes) }
        guard !bytes.isEmpty else { return .empty }
        short.append(String(decoding: bytes, as: UTF8.self))
        return TextSpan(offset: short.count - 1, count: bytes.count, flags: TextSpan.flagBit)
    }

    /// The `String` of a flagged entry.
    func shortString(_ span: TextSpan) -> String {
        short[span.unflagged.offset]
    }
}

extension SharedStrings: ExpressibleByArrayLiteral {
    /// A table of the given strings, in order (tests and fuzzing make tables this way).
    init(arrayLiteral strings: String...) {
        let store = TextBytes()
        var short: [String] = []
        let spans = strings.map { text in text.withUTF8Bytes { Self.entry($0, store: store, short: &short) } }
        self.init(store: store, spans: spans, short: short)
    }
}

/// Reads `sharedStrings.xml`: each `<si>`'s text runs joined, phonetic runs (`rPh`) skipped.
final class SharedStringsHandler: SAXHandler {
    /// The most shared strings kept: tiny `<si/>` items could otherwise turn a part within the zip limits
    /// into gigabytes of memory. Far above what Excel writes for a full sheet of distinct text.
    static let maxStrings = 16_777_216

    // Touched on every item by the one thread parsing the part: no runtime exclusivity check.
    /// Each item's bytes, held one after another in `store`.
    @exclusivity(unchecked) var spans: [TextSpan] = []
    @exclusivity(unchecked) var short: [String] = []
    let store = TextBytes()
    @exclusivity(unchecked) private var phonetic = 0
    @exclusivity(unchecked) private var inItem = false
    @exclusivity(unchecked) private var preserve = false
    /// The item's text so far, as UTF-8 bytes.
    @exclusivity(unchecked) private var item: [UInt8] = []

    override func start(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) {
        if nameIs(name, "si") {
            inItem = true
            item.removeAll(keepingCapacity: true)
        } else if nameIs(name, "t") {
            if inItem && phonetic == 0 {
                collecting = true
                text.removeAll(keepingCapacity: true)
                preserve = attributes.bytes("space").map { $0.elementsEqual("preserve".utf8) } ?? false
            }
        } else if nameIs(name, "rPh") {
            phonetic += 1
        }
    }

    /// Marker turned into a `HMICError` by the document, which knows the file.
    struct TooMany: Error {}
    static let tooMany = TooMany()

    override func end(_ name: UnsafePointer<UInt8>) {
        if nameIs(name, "t") {
            if collecting {
                appendTextValue(text[...], preserve: preserve, to: &item)
                collecting = false
            }
        } else if nameIs(name, "si") {
            guard spans.count < SharedStringsHandler.maxStrings else {
                fail(SharedStringsHandler.tooMany)
                return
            }
            spans.append(item.withUnsafeBufferPointer { SharedStrings.entry($0, store: store, short: &short) })
            inItem = false
        } else if nameIs(name, "rPh") {
            phonetic -= 1
        }
    }
}
