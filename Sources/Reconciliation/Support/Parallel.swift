import Dispatch

/// Runs two pieces of work at once, one on each core when two are free, and returns both results.
func inParallel<First, Second>(_ first: () -> First, _ second: () -> Second) -> (First, Second) {
    var firstResult: First?, secondResult: Second?
    withUnsafeMutablePointer(to: &firstResult) { firstSlot in
        withUnsafeMutablePointer(to: &secondResult) { secondSlot in
            let firstSlot = firstSlot, secondSlot = secondSlot
            DispatchQueue.concurrentPerform(iterations: 2) { task in
                if task == 0 { firstSlot.pointee = first() } else { secondSlot.pointee = second() }
            }
        }
    }
    return (firstResult!, secondResult!)
}

/// `(0..<count).map(body)`, the calls spread over the cores; the results keep their order.
func parallelMap<Result>(_ count: Int, _ body: (Int) -> Result) -> [Result] {
    var results = [Result?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { slots in
        let slots = slots
        DispatchQueue.concurrentPerform(iterations: count) { slots[$0] = body($0) }
    }
    return results.map { $0! }
}

/// `0..<count` cut into `pieces` consecutive ranges of about equal size, in order (some empty when `count` is
/// smaller than `pieces`).
func consecutiveRanges(_ count: Int, pieces: Int) -> [Range<Int>] {
    (0..<pieces).map { count * $0 / pieces..<count * ($0 + 1) / pieces }
}

/// `(0..<count).map(transform)`, the indices taken in consecutive ranges, one per core; the results keep their
/// order.
func mapInParallel<Result>(_ count: Int, pieces: Int = 2, _ transform: (Int) -> Result) -> [Result] {
    let ranges = consecutiveRanges(count, pieces: pieces)
    return parallelMap(ranges.count) { ranges[$0].map(transform) }.flatMap { $0 }
}
