import Dispatch
import Synchronization

/// `(0..<count).map(body)`, the calls spread over the cores; the results keep their order.
///
/// With `Pending`, the product's one way of running work at once. The compiler checks what `body` captures: only
/// values that may cross threads.
package func parallelMap<Result: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
    let slots = Mutex([Result?](repeating: nil, count: count))
    DispatchQueue.concurrentPerform(iterations: count) { index in
        let result = body(index)
        slots.withLock { $0[index] = result }
    }
    return slots.withLock { $0.map { $0! } }
}

/// Work started on another core now and collected later: the streaming form of `parallelMap`, for a producer that
/// goes on producing while what it handed over is worked on (the sheets' deflating).
package final class Pending<Result: Sendable>: Sendable {
    private let done = DispatchGroup()
    private let slot = Mutex<Result?>(nil)

    /// Starts `body` on another thread.
    package init(_ body: @escaping @Sendable () -> Result) {
        DispatchQueue.global(qos: .userInitiated).async(group: done) { [self] in
            let result = body()
            slot.withLock { $0 = result }
        }
    }

    /// Waits for the work and gives its result.
    package func result() -> Result {
        done.wait()
        return slot.withLock { $0! }
    }
}
