/// A stack of values in one growing buffer, whose top run can be moved out into an exactly sized
/// array without copying or retaining them.
///
/// The tree builder keeps the children of every open collection here, so each finished
/// collection costs one allocation of the right size instead of an array grown by doubling.
struct MoveStack<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: consume element)
        count += 1
    }

    /// The element at `index`, which must be below `count`, for reading or updating in place.
    func pointer(at index: Int) -> UnsafeMutablePointer<Element> {
        precondition(index >= 0 && index < count, "MoveStack index out of range")
        return base + index
    }

    /// Moves the elements from `start` to the top into a new array and removes them.
    ///
    /// The array is made with `reserveCapacity` and filled by appending: that path is specialized
    /// for `Element`, whereas `Array(unsafeUninitializedCapacity:)` and `Array(repeating:count:)`
    /// allocate through an unspecialized standard-library function that looks the array's storage
    /// class up in the runtime's generic metadata cache, which costs more than the appends.
    mutating func popArray(from start: Int) -> [Element] {
        precondition(start >= 0 && start <= count, "MoveStack start out of range")
        var array: [Element] = []
        // Not for none: reserving on the shared empty array would allocate.
        if count > start { array.reserveCapacity(count - start) }
        for index in start..<count { array.append((base + index).move()) }
        count = start
        return array
    }

    /// Moves the top element out and removes it; the stack must not be empty.
    mutating func pop() -> Element {
        precondition(count > 0, "MoveStack is empty")
        count -= 1
        return (base + count).move()
    }

    private mutating func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
