import Foundation

extension ZipArchive {
    /// Like `read(part:)`, but inflates on a second thread while `body` works on the previous chunk: a large
    /// sheet costs the slower of inflating and parsing rather than their sum. The limits and errors are those of
    /// `read(part:)`; when `body` throws, inflating stops and the error is rethrown.
    func readPipelined(part: String, chunkSize: Int = 1 << 18, depth: Int = 4,
                       _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let pipe = ChunkPipe(chunkSize: chunkSize, depth: depth)
        defer { pipe.deallocate() }
        let finished = DispatchSemaphore(value: 0)
        let producer = Thread { [self] in
            do {
                try self.read(part: part, chunkSize: chunkSize) { chunk in try pipe.put(chunk) }
                pipe.close(error: nil)
            } catch {
                pipe.close(error: error)
            }
            finished.signal()
        }
        producer.stackSize = 1 << 20
        producer.start()
        do {
            while let (buffer, count) = pipe.take() {
                try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                pipe.recycle(buffer)
            }
        } catch {
            pipe.cancel()
            finished.wait()
            throw error
        }
        finished.wait()
        if let error = pipe.failure, !(error is ChunkPipe.Cancelled) { throw error }
    }
}

/// A bounded queue of reusable buffers between the inflating thread and the parsing thread.
final class ChunkPipe: @unchecked Sendable {
    struct Cancelled: Error {}

    private let condition = NSCondition()
    private var free: [UnsafeMutableRawBufferPointer]
    private var full: [(UnsafeMutableRawBufferPointer, Int)] = []
    private var all: [UnsafeMutableRawBufferPointer]
    private var closed = false
    private var cancelled = false
    private(set) var failure: Error?

    init(chunkSize: Int, depth: Int) {
        all = (0..<depth).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16) }
        free = all
    }

    /// Copies `chunk` into a free buffer and queues it; waits while every buffer is in use.
    func put(_ chunk: UnsafeRawBufferPointer) throws {
        condition.lock()
        while free.isEmpty && !cancelled { condition.wait() }
        if cancelled {
            condition.unlock()
            throw Cancelled()
        }
        let buffer = free.removeLast()
        condition.unlock()
        buffer.copyMemory(from: chunk)
        condition.lock()
        full.append((buffer, chunk.count))
        condition.broadcast()
        condition.unlock()
    }

    /// The next queued chunk, or nil once the producer has finished and the queue is empty.
    func take() -> (UnsafeMutableRawBufferPointer, Int)? {
        condition.lock()
        defer { condition.unlock() }
        while full.isEmpty && !closed { condition.wait() }
        return full.isEmpty ? nil : full.removeFirst()
    }

    /// Returns a consumed buffer for reuse.
    func recycle(_ buffer: UnsafeMutableRawBufferPointer) {
        condition.lock()
        free.append(buffer)
        condition.broadcast()
        condition.unlock()
    }

    /// The producer is done, with the error that stopped it, if any.
    func close(error: Error?) {
        condition.lock()
        closed = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer gave up: the producer stops at its next chunk.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Frees the buffers; call only after both threads are done.
    func deallocate() {
        for buffer in all { buffer.deallocate() }
    }
}
