import Spreadsheet

/// The distinct texts of a source's repetitive columns (type, status, inspection, the two leads, the board, force,
/// PEEL area), each held once: a record holds their numbers, four bytes where a `String` is sixteen. A register
/// repeats a few dozen such values on every row; at a million records a side this is 176 MB fewer. The pool also
/// holds the source's descriptions as bytes, a record keeping its description's place. Matching gives the portal's
/// records a pool of the same texts that reads the descriptions they share with their register partner in the
/// register's pool (spans marked), so that those bytes are held once.
///
/// The loader that makes a pool is the only one to add to it, while it reads (the inspection group's text too, for
/// the vocabulary's answer); it hands the pool out with its records, and from then on the pool is only read, which
/// is what makes sharing it between threads safe. One number always names one text of its pool, but a text may
/// have several numbers: once the table of texts seen is full, texts are still looked for in it but no longer
/// added, so a text first seen after that gets a new number at each repeat not found by identity. Numbers are
/// therefore compared only to find a repeat quickly (the classifier's details), never to tell two texts apart.
public final class TextPool: @unchecked Sendable {
    // Touched up to nine times a row by the one thread that loads, then only read: no runtime exclusivity check.
    /// Number 0 is the empty text.
    @exclusivity(unchecked) private var texts: [String] = [""]
    @exclusivity(unchecked) private var numberOfText = StringKeyTable(capacity: 256)
    /// Per field, the last cell strings answered: a column's repeats are mostly the very same string (an XLSX
    /// file's shared strings, the CSV reader's repeated fields), found again without reading its bytes.
    @exclusivity(unchecked) private var recent = [RecentStrings](repeating: RecentStrings(), count: Field.allCases.count)
    /// The most texts looked for by their bytes; a column of distinct texts beyond it costs a `String` a row, as
    /// before, not a copy of its bytes in the table as well.
    static let indexedLimit = 1 << 16

    /// The descriptions' bytes, one after another (no `String` of their own): those the loader copied, and those
    /// that lie in an XLSX workbook's shared strings, which the pool then holds and reads (spans flagged) instead.
    /// (A pool made to hold a side's descriptions once across the two sides has two stores of its own here.)
    private let ownBytes: TextBytes
    @exclusivity(unchecked) private var sharedBytes: TextBytes?
    /// The other side's pool, when this pool's descriptions that repeat their reference partner's byte for byte
    /// are read there (spans marked) rather than held twice.
    private let partner: TextPool?

    public init() {
        ownBytes = TextBytes()
        partner = nil
    }

    /// Holds a description, copied into the pool's own store.
    func storeDescription(_ text: String) -> TextSpan { ownBytes.append(text) }

    /// A description's bytes where they lie, for as long as the pool is held.
    @inline(__always)
    func descriptionBytes(_ span: TextSpan) -> UnsafeBufferPointer<UInt8> {
        span.isMarked ? partner.unsafelyUnwrapped.heldBytes(span.unmarked) : heldBytes(span)
    }

    /// The bytes of a description this pool holds itself.
    @inline(__always)
    private func heldBytes(_ span: TextSpan) -> UnsafeBufferPointer<UInt8> {
        span.isFlagged ? sharedBytes.unsafelyUnwrapped.bytes(span.unflagged) : ownBytes.bytes(span)
    }

    /// True when records of `pool` can be given a pool that reads marked spans in `partner`: another pool, itself
    /// reading from none, and the one `pool` reads from if it reads from any.
    static func canHoldTexts(of pool: TextPool, readingFrom partner: TextPool) -> Bool {
        partner !== pool && partner.partner == nil && (pool.partner == nil || pool.partner === partner)
    }

    /// A pool holding the same texts as `pool` (see `canHoldTexts`), for records of `pool` given their descriptions
    /// anew: each one read in `partner` (span marked), or in `own` or `second` (span flagged). The records left
    /// with `pool` read it as before.
    init(holdingTextsOf pool: TextPool, partner: TextPool, own: TextBytes, second: TextBytes) {
        precondition(Self.canHoldTexts(of: pool, readingFrom: partner), "a pool reads marked spans in one other pool")
        texts = pool.texts
        numberOfText = pool.numberOfText
        recent = pool.recent
        ownBytes = own
        sharedBytes = second
        self.partner = partner
    }

    /// A description as a `String`: a copy, made on every call.
    func description(_ span: TextSpan) -> String {
        String(decoding: descriptionBytes(span), as: UTF8.self)
    }

    /// The text numbered `number`.
    @inline(__always)
    subscript(number: UInt32) -> String { texts[Int(number)] }

    /// The number of `text` as it is, held from now on if it is new.
    func number(for text: String) -> UInt32 {
        if text.isEmpty { return 0 }
        let next = Int32(texts.count)
        // By bytes, not by `String` equality: a text is given back exactly as it was written.
        let number = text.withUTF8Bytes { bytes in
            numberOfText.count < Self.indexedLimit
                ? numberOfText.insertIfAbsent(bytes: bytes, next) ?? next
                : numberOfText.value(forBytes: bytes) ?? next
        }
        if number == next { texts.append(text) }
        return UInt32(number)
    }

    /// The number of a cell string in `field`'s column if the very same string was answered lately: found by
    /// identity alone. Declared free of side effects, as it only reads, so that a caller passes the row's string as
    /// it lies, without taking a reference to it (an atomic increment and decrement on every cell).
    @_effects(readonly)
    func recentNumber(forCell text: String, in field: Field) -> UInt32? {
        recent[field.position].number(for: text).map(UInt32.init)
    }

    /// The number of the text of a cell in `field`'s column, with white space trimmed from its ends: a repeat of the
    /// very same cell string is found by identity, without trimming or reading it. Inlined, so that the read-only
    /// look-up is made where the caller holds the string, and takes no reference to it.
    @inline(__always)
    func number(forCell text: String, in field: Field) -> UInt32 {
        recentNumber(forCell: text, in: field) ?? numberRemembered(forCell: text, in: field)
    }

    /// The number of a cell string not found by `recentNumber`, by its trimmed bytes; the string is remembered.
    private func numberRemembered(forCell text: String, in field: Field) -> UInt32 {
        let number = number(for: text.trimmed)
        recent[field.position].remember(text, Int32(number))
        return number
    }

    /// How many texts the pool holds, the empty one included.
    var count: Int { texts.count }
}
