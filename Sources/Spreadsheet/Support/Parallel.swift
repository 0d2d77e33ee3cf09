import Dispatch
import Synchronization

/// `(0..<count).map(body)`, the calls spread over the cores; the results keep their order.
///
/// The product's one way of running work at once. The compiler checks what `body` captures: only values that may
/// cross threads.
package func parallelMap<Result: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
    let slots = Mutex([Result?](repeating: nil, count: count))
    DispatchQueue.concurrentPerform(iterations: count) { index in
        let result = body(index)
        slots.withLock { $0[index] = result }
    }
    return slots.withLock { $0.map { $0! } }
}
