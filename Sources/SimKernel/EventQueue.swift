/// A handle to a scheduled event, used to cancel it. It is the event's insertion sequence
/// number, unique within one queue.
public struct EventHandle: Hashable, Sendable {
    public let sequence: UInt64
    @inlinable public init(sequence: UInt64) { self.sequence = sequence }
}

/// A priority queue of events ordered by (time, priority, insertion sequence).
///
/// Events at the same time run in ascending `priority`; events with equal time and priority
/// run first-in-first-out, so a run reproduces bit for bit. Cancellation is lazy: a cancelled
/// event stays in the heap and is skipped when it reaches the top.
///
/// The heap is a binary heap of plain structs in one contiguous array: no allocation per
/// event once the array has grown (the measured speed limit on this machine, see
/// `swift-on-this-machine.md`). Keep the queue in a struct or a local variable in hot code.
public struct EventQueue<Payload> {
    @usableFromInline
    struct Entry {
        @usableFromInline var time: Int64
        /// (priority + 2^15) << 48 | sequence: one comparison orders priority then FIFO.
        @usableFromInline var order: UInt64
        @usableFromInline var payload: Payload
        @inlinable init(time: Int64, order: UInt64, payload: Payload) {
            self.time = time; self.order = order; self.payload = payload
        }
    }

    @usableFromInline var heap: [Entry] = []
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var cancelled: Set<UInt64> = []

    public init() {}

    /// Events scheduled and neither run nor cancelled.
    @inlinable public var count: Int { heap.count - cancelled.count }
    @inlinable public var isEmpty: Bool { count == 0 }

    /// Largest sequence number: 2^48 - 1 events per queue.
    public static var maxSequence: UInt64 { (1 << 48) - 1 }

    /// Schedules `payload` at `time`.
    /// - Parameter priority: lower runs first among events at the same instant; range -32768...32767.
    /// - Complexity: O(log n).
    @inlinable @discardableResult
    public mutating func schedule(_ payload: Payload, at time: SimTime, priority: Int16 = 0) -> EventHandle {
        let seq = nextSequence
        nextSequence &+= 1
        precondition(seq <= (1 << 48) - 1, "event sequence overflow")
        let order = (UInt64(UInt16(bitPattern: priority) ^ 0x8000) << 48) | seq
        heap.append(Entry(time: time.microseconds, order: order, payload: payload))
        siftUp(heap.count - 1)
        return EventHandle(sequence: seq)
    }

    /// Cancels a pending event: it will not be returned by `pop()`.
    ///
    /// Precondition: the event is still pending (scheduled, not yet popped, not cancelled).
    /// The caller owns that bookkeeping (as an entity that keeps the handle of its next
    /// event does); debug builds check it.
    /// - Complexity: O(1) amortized; the entry is dropped when it reaches the top.
    @inlinable public mutating func cancel(_ handle: EventHandle) {
        assert(containsLive(handle.sequence), "cancel of an event that is not pending")
        cancelled.insert(handle.sequence)
    }

    @inlinable func containsLive(_ seq: UInt64) -> Bool {
        if cancelled.contains(seq) { return false }
        for e in heap where e.order & 0xFFFF_FFFF_FFFF == seq { return true }
        return false
    }

    /// The time of the next live event, or `nil` if none is pending.
    @inlinable public mutating func peekTime() -> SimTime? {
        dropCancelledTop()
        return heap.isEmpty ? nil : SimTime(microseconds: heap[0].time)
    }

    /// Removes and returns the next live event.
    /// - Complexity: O(log n).
    @inlinable public mutating func pop() -> (time: SimTime, payload: Payload)? {
        dropCancelledTop()
        guard !heap.isEmpty else { return nil }
        let top = removeTop()
        return (SimTime(microseconds: top.time), top.payload)
    }

    @inlinable mutating func dropCancelledTop() {
        while !cancelled.isEmpty, let first = heap.first,
              cancelled.remove(first.order & 0xFFFF_FFFF_FFFF) != nil {
            _ = removeTop()
        }
    }

    @inlinable mutating func removeTop() -> Entry {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return last }
        let top = heap[0]
        heap[0] = last
        siftDown(0)
        return top
    }

    @inlinable static func less(_ a: Entry, _ b: Entry) -> Bool {
        a.time < b.time || (a.time == b.time && a.order < b.order)
    }

    @inlinable mutating func siftUp(_ start: Int) {
        var i = start
        let item = heap[i]
        while i > 0 {
            let parent = (i - 1) >> 1
            if Self.less(item, heap[parent]) {
                heap[i] = heap[parent]
                i = parent
            } else { break }
        }
        heap[i] = item
    }

    @inlinable mutating func siftDown(_ start: Int) {
        let n = heap.count
        var i = start
        let item = heap[i]
        while true {
            var child = 2 * i + 1
            if child >= n { break }
            if child + 1 < n && Self.less(heap[child + 1], heap[child]) { child += 1 }
            if Self.less(heap[child], item) {
                heap[i] = heap[child]
                i = child
            } else { break }
        }
        heap[i] = item
    }
}
