extension Array where Element == UInt8 {
    /// Where `needle` first occurs at or after `start`, by a plain scan: for the few short markers looked for in
    /// the head of a part (a `<dimension>`, a sheet's empty `<sheetData/>`).
    func firstIndex(of needle: [UInt8], from start: Int = 0) -> Int? {
        guard !needle.isEmpty, count - start >= needle.count else { return nil }
        for i in start...(count - needle.count) where self[i] == needle[0] {
            if self[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }
}
