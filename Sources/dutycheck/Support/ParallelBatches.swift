import Dispatch
import Foundation

/// Works on a list of inputs on every core, a batch at a time, and hands the outputs on in input
/// order. A batch waits for its slowest input, so batches are large enough to keep every core
/// busy, and small enough that only one batch of outputs is held however many inputs there are.
enum ParallelBatches {
    static let size = max(64, 16 * ProcessInfo.processInfo.activeProcessorCount)

    /// Runs `work` on every input (in parallel) and then `take` on each output (in input order).
    static func run<Input: Sendable, Output: Sendable, Failure: Error>(
        _ inputs: [Input], work: @escaping @Sendable (Input) -> Output,
        take: (Output) throws(Failure) -> Void
    ) throws(Failure) {
        var start = 0
        while start < inputs.count {
            let batch = Array(inputs[start..<min(start + size, inputs.count)])
            start += batch.count
            let outputs = ResultSlots<Output>(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                outputs[index] = work(batch[index])
            }
            for case let output? in outputs.values { try take(output) }
        }
    }
}

/// Fixed slots that parallel workers fill by index.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLockLike()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    subscript(index: Int) -> T? {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }

    var values: [T?] { lock.withLock { slots } }
}
