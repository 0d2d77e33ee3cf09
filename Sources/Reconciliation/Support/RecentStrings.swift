/// The last strings answered, 64 of them, each tried by identity before a table is searched: a sheet's repeats are
/// usually the very same string (an XLSX file's shared strings, the CSV reader's repeated fields, short text held in
/// the string itself), found again without reading or hashing its bytes. Each string is held while remembered, so
/// no other string can come to look identical to it.
struct RecentStrings {
    private var entries = [(text: String, number: Int32)](repeating: ("", -1), count: 64)

    /// The number remembered for this very string, if it is the last one remembered at its place.
    @inline(__always)
    func number(for text: String) -> Int32? {
        let place = Self.place(of: text)
        // Read in place: copying the entry out would retain its string.
        return entries[place].number >= 0 && entries[place].text._isIdentical(to: text) ? entries[place].number : nil
    }

    /// Remembers `number` for `text`, in place of the string remembered at its place.
    @inline(__always)
    mutating func remember(_ text: String, _ number: Int32) {
        entries[Self.place(of: text)] = (text, number)
    }

    /// A place from the string's two words, which are what identity compares: a long string's storage address and
    /// length, or a short string's bytes. A column's few dozen values of one length (statuses, leads, titles) each
    /// get a place of their own this way, where a place by length alone made them take turns.
    @inline(__always)
    private static func place(of text: String) -> Int {
        let (count, object) = unsafeBitCast(text, to: (UInt64, UInt64).self)
        return Int(truncatingIfNeeded: ((count ^ object.rotated(by: 29)) &* 0x9E37_79B9_7F4A_7C15) >> 58)
    }
}

private extension UInt64 {
    func rotated(by bits: UInt64) -> UInt64 { self << bits | self >> (64 - bits) }
}
