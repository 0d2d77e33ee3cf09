/// A fast, non-cryptographic hash of bytes taken eight at a step, for the project's hash tables. A word's hash can
/// be made while its end is being found (`start`, `step` per eight bytes, `finish`), or all at once (`hash`).
public enum ByteHash {
    public static let start: UInt64 = 0

    /// Folds eight bytes (little-endian, a short tail zero-padded) into the hash.
    @inlinable @inline(__always)
    public static func step(_ hash: UInt64, _ chunk: UInt64) -> UInt64 {
        let product = (hash ^ chunk) &* 0xBF58_476D_1CE4_E5B9
        return product ^ (product >> 29)
    }

    /// The finished hash of `count` bytes, both halves usable.
    @inlinable @inline(__always)
    public static func finish(_ hash: UInt64, count: Int) -> UInt64 { mix(hash ^ UInt64(count)) }

    /// A 64-bit finaliser (splitmix64's).
    @inlinable @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The hash of `bytes`, from `seed` (a table may draw its own, so that keys chosen to collide cannot be
    /// written in advance).
    @inlinable
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = start) -> UInt64 {
        var hash = seed, i = 0
        while i + 8 <= bytes.count {
            hash = step(hash, bytes.eightBytes(at: i))
            i += 8
        }
        // The last bytes, zero-padded.
        if i < bytes.count { hash = step(hash, bytes.eightBytes(at: i)) }
        return finish(hash, count: bytes.count)
    }
}
