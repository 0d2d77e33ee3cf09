/// A growable byte buffer on one allocation, appended to with `memcpy`: what the per-cell encoding needs, without
/// the per-call overhead of `Array` (uniqueness checks, retain and release of static arrays). Its owner frees it
/// with `deallocate()`; copies share the allocation, so it is kept within the library, each buffer held by one
/// owner: `SheetDataStream`'s cells and rows, `ByteOutput`'s block.
struct ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    /// The bytes appended so far; valid until the buffer next changes.
    var contents: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Forgets the bytes, keeping the allocation.
    mutating func removeAll() { count = 0 }

    /// Frees the allocation; the owner calls it once, when done with the buffer (it is not reference-counted).
    func deallocate() { base.deallocate() }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        capacity = max(capacity * 2, count + extra)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(__always)
    mutating func append(_ other: ByteBuffer) {
        append(UnsafeBufferPointer(start: other.base, count: other.count))
    }

    mutating func append(_ other: ByteBuffer, from start: Int, to end: Int) {
        append(UnsafeBufferPointer(start: other.base + start, count: end - start))
    }

    /// Appends `value` in decimal.
    @inline(__always)
    mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(0x2D) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            append(0x30 + UInt8(magnitude))
            return
        }
        reserve(20)
        var digits = 0
        var probe = magnitude
        while probe > 0 {
            digits += 1
            probe /= 10
        }
        var at = count + digits - 1
        while magnitude > 0 {
            base[at] = 0x30 + UInt8(magnitude % 10)
            magnitude /= 10
            at -= 1
        }
        count += digits
    }
}
