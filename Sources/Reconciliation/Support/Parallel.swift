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
