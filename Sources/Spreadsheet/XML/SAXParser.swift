import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The attributes of one start tag as libxml2 hands them over: five pointers each (local name, prefix, URI,
/// value start, value end). Valid only during the `start` callback.
struct XMLAttributes {
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    /// The raw bytes of the attribute whose local name is `name`, ignoring its prefix.
    @inline(__always)
    func bytes(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        let wanted = name.utf8Start
        var i = 0
        while i < count {
            let p = base + 5 * i
            if let local = p[0],
                strcmp(
                    UnsafeRawPointer(local).assumingMemoryBound(to: CChar.self),
                    UnsafeRawPointer(wanted).assumingMemoryBound(to: CChar.self)) == 0,
                let start = p[3], let end = p[4]
            {
                return UnsafeBufferPointer(start: start, count: end - start)
            }
            i += 1
        }
        return nil
    }

    /// The attribute whose local name is `name` as text, its character and entity references decoded: libxml2's
    /// SAX2 hands `&amp;` over as `&#38;` when it does not substitute entities, so a sheet named "Recs & AFIs"
    /// would otherwise keep the reference.
    func string(_ name: StaticString) -> String? {
        bytes(name).map { XMLText.decodingReferences(String(decoding: $0, as: UTF8.self)) }
    }
}

/// Character and entity references in attribute values, as libxml2 leaves them.
enum XMLText {
    /// `text` with `&#38;`, `&#x26;`, `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&apos;` replaced by their characters;
    /// anything else after an `&` (an unknown name, a number out of range) is kept as written.
    static func decodingReferences(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let afterAmp = rest.index(after: amp)
            guard let semicolon = rest[afterAmp...].prefix(12).firstIndex(of: ";"),
                let character = character(named: rest[afterAmp..<semicolon])
            else {
                out.append("&")
                rest = rest[afterAmp...]
                continue
            }
            out.append(character)
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }

    /// The character a reference's name (between `&` and `;`) stands for.
    private static func character(named name: Substring) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default: break
        }
        guard name.first == "#" else { return nil }
        let digits = name.dropFirst()
        let code: UInt32?
        if digits.first == "x" || digits.first == "X" {
            code = UInt32(digits.dropFirst(), radix: 16)
        } else {
            code = UInt32(digits, radix: 10)
        }
        return code.flatMap(Unicode.Scalar.init).map(Character.init)
    }
}

/// True when the NUL-terminated local name `p` equals `s`, compared as bytes.
@inline(__always)
func nameIs(_ p: UnsafePointer<UInt8>, _ s: StaticString) -> Bool {
    strcmp(
        UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self),
        UnsafeRawPointer(s.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
}

/// Receives a document's events by local name (prefixes and namespaces ignored). Subclasses override `start`
/// and `end`; character data goes into `text` while `collecting` is true. A callback that must stop the
/// parse sets `failure`.
class SAXHandler {
    /// Set to collect character data (text and CDATA) into `text`.
    final var collecting = false
    /// Reusable buffer of character data collected so far.
    @exclusivity(unchecked) final var text: [UInt8] = []
    /// The first error raised inside a callback; the parse stops and rethrows it.
    final var failure: Error?
    /// The parser context, for stopping the parse.
    final var context: xmlParserCtxtPtr?

    init() { text.reserveCapacity(256) }

    /// Called at each start tag.
    func start(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) {}
    /// Called at each end tag.
    func end(_ name: UnsafePointer<UInt8>) {}

    /// Set by `stopEarly()`: the handler has what it needs and the rest of the document is not read.
    final var finished = false

    /// Stops the parse early without an error.
    final func stopEarly() {
        finished = true
        if let context { xmlStopParser(context) }
    }

    /// Records `error` and stops the parse.
    final func fail(_ error: Error) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }
}

/// Streams XML through a libxml2 SAX2 push parser with the hostile-input defences of ENGINEERING.md: no network,
/// no entity substitution, no DTD loading, an external-entity loader that refuses everything, and any DOCTYPE
/// refused outright.
enum SAXParser {
    private static let setUp: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    /// Calls `body` with the handler `parse` passed to libxml2 as the context, unretained: `parse` holds it for the
    /// whole parse.
    @inline(__always)
    private static func withHandler(_ ctx: UnsafeMutableRawPointer?, _ body: (SAXHandler) -> Void) {
        body(Unmanaged<SAXHandler>.fromOpaque(ctx!).takeUnretainedValue())
    }

    private static func makeSAX() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { ctx, localname, _, _, _, _, nbAttributes, _, attributes in
            guard let localname else { return }
            SAXParser.withHandler(ctx) {
                $0.start(localname, XMLAttributes(base: attributes, count: Int(nbAttributes)))
            }
        }
        sax.endElementNs = { ctx, localname, _, _ in
            guard let localname else { return }
            SAXParser.withHandler(ctx) { $0.end(localname) }
        }
        let characters: charactersSAXFunc = { ctx, ch, len in
            SAXParser.withHandler(ctx) { h in
                if h.collecting, let ch, len > 0 {
                    h.text.append(contentsOf: UnsafeBufferPointer(start: ch, count: Int(len)))
                }
            }
        }
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.cdataBlock = characters
        let refuse: internalSubsetSAXFunc = { ctx, _, _, _ in
            SAXParser.withHandler(ctx) { $0.fail(DoctypeRefused()) }
        }
        sax.internalSubset = refuse
        sax.externalSubset = refuse
        sax.entityDecl = { ctx, _, _, _, _, _ in SAXParser.withHandler(ctx) { $0.fail(DoctypeRefused()) } }
        sax.resolveEntity = { _, _, _ in nil }
        sax.getEntity = { _, _ in nil }
        sax.serror = { _, _ in }
        return sax
    }

    /// The most bytes of a document that may come without a '<': a cell holds at most 32,767 characters, which even
    /// written as character references take well under a megabyte. Above the zip reader's 1 MiB ratio grace, so a
    /// zip bomb of blanks is still reported as one.
    static let maxTextRun = 4 << 20

    /// Marker for a refused DOCTYPE, turned into a `HMICError` with the file and part by `parse`.
    struct DoctypeRefused: Error {}

    /// Parses the document whose bytes `feed` produces, chunk by chunk, calling `handler`'s callbacks.
    /// Errors name `file` and, for a zip, the `part`.
    static func parse(
        file: String, part: String?, handler: SAXHandler,
        feed: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws {
        _ = setUp
        let push = PushParse(file: file, part: part, handler: handler)
        defer { push.close() }
        do {
            try feed { chunk in try push.push(chunk) }
            try push.end()
        } catch is Finished {
            return
        }
    }

    /// One document's push parse: the libxml2 context, made from the first bytes, and the bytes fed since the
    /// last '<'.
    private final class PushParse {
        let file: String
        let part: String?
        let handler: SAXHandler
        var sax = SAXParser.makeSAX()
        var context: xmlParserCtxtPtr?
        /// Bytes fed since the last '<'.
        var textRun = 0
        /// The end of the last chunk when it may begin a character that `XMLCharacters` replaces: fed with the next.
        var held: [UInt8] = []

        init(file: String, part: String?, handler: SAXHandler) {
            self.file = file
            self.part = part
            self.handler = handler
        }

        /// Frees the context; the handler can no longer stop a parse.
        func close() {
            if let context {
                xmlFreeParserCtxt(context)
            }
            handler.context = nil
        }

        /// Feeds `chunk` to libxml2 with U+FFFE, U+FFFF and surrogates replaced by U+FFFD: XML 1.0 refuses them,
        /// and one in a workbook this tool wrote earlier (before it cleaned its text) must not make it unreadable.
        func push(_ chunk: UnsafeRawBufferPointer) throws {
            guard !held.isEmpty || XMLCharacters.mayHoldForbiddenInXML(chunk) else { return try feed(chunk) }
            var bytes = held + Array(chunk)
            let tail = XMLCharacters.incompleteTail(bytes)
            held = Array(bytes.suffix(tail))
            bytes.removeLast(tail)
            bytes.withUnsafeMutableBufferPointer { _ = XMLCharacters.replaceForbiddenInXML($0) }
            try bytes.withUnsafeBytes { try feed($0) }
        }

        /// Feeds `chunk` to libxml2 as it is, creating the context from its first bytes.
        private func feed(_ chunk: UnsafeRawBufferPointer) throws {
            guard chunk.count > 0, let base = chunk.baseAddress?.assumingMemoryBound(to: CChar.self) else { return }
            var offset = 0
            if context == nil {
                // The first bytes let libxml2 detect the encoding.
                offset = min(4, chunk.count)
                try createContext(base, count: offset)
            }
            var rest = chunk.count - offset
            // Feed at most maxTextRun bytes at a time, and count the bytes since the last '<' before libxml2
            // sees them: its push parser holds back text until the next tag and rescans all of it for each
            // new chunk, so a long run without markup would cost quadratic time.
            while rest > 0 {
                let n = min(rest, SAXParser.maxTextRun)
                var i = n
                while i > 0 && base[offset + i - 1] != 0x3C { i -= 1 }
                textRun = i > 0 ? n - i : textRun + n
                if textRun > SAXParser.maxTextRun {
                    let place = part.map { "part '\($0)'" } ?? "the file"
                    throw HMICError(
                        .badData, file: file,
                        "not a valid workbook: \(place) holds more than \(SAXParser.maxTextRun >> 20) MiB of text between two tags, "
                            + "more than a cell can hold (32767 characters); the file is damaged or hostile and will not be read"
                    )
                }
                let status = xmlParseChunk(context, base + offset, Int32(n), 0)
                try check(status)
                offset += n
                rest -= n
            }
        }

        /// Tells libxml2 the document has ended; an empty document is refused.
        func end() throws {
            if !held.isEmpty {
                let tail = held
                held = []
                try tail.withUnsafeBytes { try feed($0) }
            }
            guard let context else {
                let place = part.map { "the part '\($0)'" } ?? "the file"
                throw HMICError(.badData, file: file, "not a valid workbook: \(place) is empty")
            }
            try check(xmlParseChunk(context, nil, 0, 1))
        }

        private func createContext(_ base: UnsafePointer<CChar>, count: Int) throws {
            let user = Unmanaged.passUnretained(handler).toOpaque()
            context = xmlCreatePushParserCtxt(&sax, user, base, Int32(count), nil)
            guard let context else {
                throw HMICError(
                    .ioFailure, file: file, "cannot create an XML parser (out of memory?)",
                    cause: SystemCallError(call: "xmlCreatePushParserCtxt"))
            }
            handler.context = context
            xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
        }

        /// Rethrows the handler's failure, stops at its early finish, or reports libxml2's error for `status`.
        private func check(_ status: Int32) throws {
            if let failure = handler.failure { throw SAXParser.map(failure, file: file, part: part) }
            if handler.finished { throw Finished() }
            if status != 0 {
                var message = "the XML is malformed"
                var line: Int32 = 0
                var code = status
                if let context, let err = xmlCtxtGetLastError(context), let m = err.pointee.message {
                    message = String(cString: m).trimmingSpaces()
                    line = err.pointee.line
                    code = err.pointee.code
                }
                let place = part.map { "part '\($0)'" } ?? "the file"
                let at = line > 0 ? ", line \(line)" : ""
                throw HMICError(
                    .badData, file: file,
                    "not a valid workbook: \(place)\(at): \(message); open it in Excel and save it again",
                    cause: SystemCallError(call: "xmlParseChunk", code: code, errno: nil))
            }
        }
    }

    /// Thrown inside `parse` when the handler has finished early.
    private struct Finished: Error {}

    private static func map(_ error: Error, file: String, part: String?) -> Error {
        if error is DoctypeRefused {
            let place = part.map { " (part '\($0)')" } ?? ""
            return HMICError(
                .badData, file: file,
                "DOCTYPE declarations are not allowed in a workbook\(place); the file may be hostile and will not be read"
            )
        }
        return error
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.last, c == " " || c == "\n" || c == "\r" || c == "\t" { s = s.dropLast() }
        while let c = s.first, c == " " || c == "\n" || c == "\r" || c == "\t" { s = s.dropFirst() }
        return String(s)
    }
}
