import CPrefetch

/// Asks the processor to fetch `buffer[index]`'s cache line ahead of a read that follows a few steps later. A loop
/// that goes through records in order but reads each one's data at an unpredictable place (a partner's words, a
/// description's bytes) otherwise waits for memory on every record; asked early, the fetch overlaps the work on
/// the records in between. A hint only: no result depends on it, and an index past the end is not read.
@inline(__always)
func prefetch<Element>(_ buffer: UnsafeBufferPointer<Element>, _ index: Int, byteOffset: Int = 0) {
    guard index >= 0 && index < buffer.count, let base = buffer.baseAddress else { return }
    hmic_prefetch(UnsafeRawPointer(base + index) + byteOffset)
}

/// How many records ahead a loop asks for the data it will read: far enough for the fetch to arrive (a few hundred
/// nanoseconds of work on the records in between), near enough that it is still cached when read.
let prefetchDistance = 8

