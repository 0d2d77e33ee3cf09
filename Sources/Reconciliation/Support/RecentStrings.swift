/// The last string answered at each length (32 places), tried by identity before a table is searched: a sheet's
/// repeats are usually the very same string (an XLSX file's shared strings, the CSV reader's repeated fields, short
/// text held in the string itself), found again without reading or hashing its bytes. Each string is held while
/// remembered, so no other string can come to look identical to it.
struct RecentStrings {
    private var entries = [(text: String, number: Int32)](repeating: ("", -1), count: 32)

    /// The number remembered for this very string, if it is the last one remembered at its length.
    @inline(__always)
    func number(for text: String) -> Int32? {
        let place = text.utf8.count & (entries.count - 1)
        // Read in place: copying the entry out would retain its string.
        return entries[place].number >= 0 && entries[place].text._isIdentical(to: text) ? entries[place].number : nil
    }

    /// Remembers `number` for `text`, in place of the last string of its length.
    @inline(__always)
    mutating func remember(_ text: String, _ number: Int32) {
        entries[text.utf8.count & (entries.count - 1)] = (text, number)
    }
}
