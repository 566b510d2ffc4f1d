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
/// event once the array has grown (measured on a 2-core machine, hold model: 8.0 / 4.6 /
/// 1.85 M events/s at 1e3 / 1e5 / 1e6 pending events, C++ `std::priority_queue` at -O2
/// 7.5 / 4.1 / 1.9). Keep the queue in a struct or a local variable in hot code: a heap stored in a
/// class property cost 68% more instructions (runtime exclusivity checks).
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
        insert(Entry(time: time.microseconds, order: order, payload: payload))
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

    @inlinable @inline(__always)
    mutating func dropCancelledTop() {
        if !cancelled.isEmpty { dropCancelledTopSlow() }
    }

    @inlinable mutating func dropCancelledTopSlow() {
        while !cancelled.isEmpty, let first = heap.first,
            cancelled.remove(first.order & 0xFFFF_FFFF_FFFF) != nil
        {
            _ = removeTop()
        }
    }

    /// Heaps of up to 384 KiB (16,384 entries of 24 bytes, the size for payloads of up to
    /// 8 bytes) choose the smaller child without a branch; larger ones branch.
    ///
    /// Measured on the hold model (bench/kernel.sh, AMD EPYC, 1 MiB L2 per core): branch-free
    /// selection is up to 1.3× faster while the heap is cache-resident (no mispredicted
    /// coin-flip branch per level), but 1.5× slower at 10^5 entries, where it serialises the
    /// memory latency of each level; a predicted branch lets the CPU load the next level
    /// speculatively.
    @inlinable static var branchFreeLimit: Int { (384 << 10) / MemoryLayout<Entry>.stride }

    /// Removes the root with Floyd's bottom-up deletion: the hole left at the root moves down
    /// to a leaf along the smaller children (one comparison per level), then the last entry
    /// sifts up from that leaf (usually zero or one level, since it is a late event).
    /// The same pop order as the textbook sift-down (the keys are unique), in about half
    /// the comparisons; this is what `std::priority_queue::pop` does.
    @inlinable mutating func removeTop() -> Entry {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return last }
        return heap.withUnsafeMutableBufferPointer { buf in
            let top = buf[0]
            let n = buf.count
            var hole = 0
            var child = 1
            if n <= Self.branchFreeLimit {
                while child &+ 1 < n {  // both children exist
                    let right = child &+ 1
                    if Self.lessBranchFree(buf[right], buf[child]) { child = right }
                    buf[hole] = buf[child]
                    hole = child
                    child = 2 &* hole &+ 1
                }
            } else {
                while child &+ 1 < n {
                    let right = child &+ 1
                    if Self.less(buf[right], buf[child]) { child = right }
                    buf[hole] = buf[child]
                    hole = child
                    child = 2 &* hole &+ 1
                }
            }
            if child < n {  // a last, lone left child
                buf[hole] = buf[child]
                hole = child
            }
            Self.siftUp(last, from: hole, in: buf)
            return top
        }
    }

    /// (a.time, a.order) < (b.time, b.order).
    @inlinable @inline(__always)
    static func less(_ a: Entry, _ b: Entry) -> Bool {
        a.time < b.time || (a.time == b.time && a.order < b.order)
    }

    /// `less(a, b)` computed as the borrow of a 128-bit subtraction (time with its sign bit
    /// flipped as the high word), which compiles to `sub`/`sbb` and a conditional move.
    @inlinable @inline(__always)
    static func lessBranchFree(_ a: Entry, _ b: Entry) -> Bool {
        let aHigh = UInt64(bitPattern: a.time) ^ (1 << 63)
        let bHigh = UInt64(bitPattern: b.time) ^ (1 << 63)
        let (_, lowBorrow) = a.order.subtractingReportingOverflow(b.order)
        let (high, highBorrow) = aHigh.subtractingReportingOverflow(bHigh)
        let (_, carryBorrow) = high.subtractingReportingOverflow(lowBorrow ? 1 : 0)
        return highBorrow != carryBorrow
    }

    /// Appends `entry` and restores the heap order.
    @inlinable mutating func insert(_ entry: Entry) {
        heap.append(entry)
        heap.withUnsafeMutableBufferPointer { buf in
            Self.siftUp(entry, from: buf.count - 1, in: buf)
        }
    }

    /// Places `item` at the hole `start` or above it, moving larger parents down.
    @inlinable static func siftUp(_ item: Entry, from start: Int, in buf: UnsafeMutableBufferPointer<Entry>) {
        var i = start
        while i > 0 {
            let parent = (i &- 1) >> 1
            let p = buf[parent]
            if less(item, p) {
                buf[i] = p
                i = parent
            } else {
                break
            }
        }
        buf[i] = item
    }
}
