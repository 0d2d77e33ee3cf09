#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

extension UnsafeBufferPointer<UInt8> {
    /// True when every byte is ASCII: read eight at a time.
    public var isASCII: Bool {
        var i = 0
        while i + 8 <= count {
            if eightBytes(at: i) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < count {
            if self[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// The eight bytes from `start` as one number, the first in the lowest byte; zeros past the end.
    @inlinable @inline(__always)
    public func eightBytes(at start: Int) -> UInt64 {
        if start + 8 <= count {
            return UInt64(littleEndian: UnsafeRawPointer(baseAddress! + start).loadUnaligned(as: UInt64.self))
        }
        var value: UInt64 = 0
        for k in start..<Swift.max(start, count) { value |= UInt64(self[k]) << UInt64((k - start) * 8) }
        return value
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes: read in place when the string holds them contiguously, as a
    /// native string does (without `withUTF8`'s copy of the string: a retain and a release, an atomic operation,
    /// costly on a string other threads read too), else from a contiguous copy.
    @inlinable
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }
}
