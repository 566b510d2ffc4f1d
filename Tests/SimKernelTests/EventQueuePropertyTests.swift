import Testing
@testable import SimKernel

/// xorshift64* (Vigna): a tiny deterministic generator for the property test.
private struct XorShift64Star {
    var state: UInt64
    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }
    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
    /// Uniform in 0..<n (modulo bias is irrelevant here).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// The reference: an unsorted array of live events; the minimum is found by a linear scan
/// over the key (time, priority, sequence).
private struct NaiveQueue {
    struct Item { var time: Int64; var priority: Int16; var seq: UInt64; var payload: Int }
    var items: [Item] = []

    mutating func pop() -> Item? {
        guard
            let i = items.indices.min(by: { a, b in
                let x = items[a], y = items[b]
                return (x.time, x.priority, x.seq) < (y.time, y.priority, y.seq)
            })
        else { return nil }
        return items.remove(at: i)
    }
    var minTime: Int64? { items.map(\.time).min() }
}

@Suite("EventQueue against a naive model")
struct EventQueuePropertyTests {
    @Test(
        "10,000 random schedule/cancel/pop operations match a sorted-array model",
        arguments: [UInt64(1), 2, 3, 0xDEAD_BEEF])
    func randomOperations(seed: UInt64) {
        var rng = XorShift64Star(seed: seed)
        var q = EventQueue<Int>()
        var model = NaiveQueue()
        var now: Int64 = 0
        var nextPayload = 0
        var pops = 0, cancels = 0

        for _ in 0..<10_000 {
            let op = rng.below(100)
            if op < 50 {
                // Schedule: few distinct times and priorities, so ties are common.
                let time = now + Int64(rng.below(20))
                let priority = Int16(rng.below(5)) - 2
                let h = q.schedule(nextPayload, at: SimTime(microseconds: time), priority: priority)
                model.items.append(.init(time: time, priority: priority, seq: h.sequence, payload: nextPayload))
                nextPayload += 1
            } else if op < 65 {
                // Cancel a random live event (top or deep).
                guard !model.items.isEmpty else { continue }
                let victim = model.items.remove(at: rng.below(model.items.count))
                q.cancel(EventHandle(sequence: victim.seq))
                cancels += 1
            } else if op < 75 {
                #expect(q.peekTime()?.microseconds == model.minTime)
            } else {
                let got = q.pop()
                let want = model.pop()
                #expect(got?.payload == want?.payload)
                #expect(got?.time.microseconds == want?.time)
                if let t = want?.time { now = t; pops += 1 }
            }
            #expect(q.count == model.items.count)
            #expect(q.isEmpty == model.items.isEmpty)
        }
        // Drain both and compare the tails.
        while let want = model.pop() {
            let got = q.pop()
            #expect(got?.payload == want.payload)
            #expect(got?.time.microseconds == want.time)
        }
        #expect(q.pop() == nil)
        #expect(q.count == 0)
        #expect(pops > 1000 && cancels > 500)
    }

    @Test("a heap beyond the branch-free size limit pops in (time, priority, sequence) order")
    func largeHeapHold() {
        // 20,000 pending events: more than EventQueue.branchFreeLimit (16,384 for this
        // payload), so removeTop takes its branching path; compared with a sorted array.
        #expect(EventQueue<Int>.branchFreeLimit < 20_000)
        var rng = XorShift64Star(seed: 42)
        var q = EventQueue<Int>()
        struct Key: Comparable {
            var time: Int64, priority: Int16, seq: UInt64, id: Int
            static func < (a: Key, b: Key) -> Bool { (a.time, a.priority, a.seq) < (b.time, b.priority, b.seq) }
        }
        var nextID = 0
        var sorted: [Key] = []  // descending: the next event is the last element
        func insert(_ k: Key) {
            var lo = 0, hi = sorted.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if k < sorted[mid] { lo = mid + 1 } else { hi = mid }
            }
            sorted.insert(k, at: lo)
        }
        func schedule(at time: Int64) {
            let priority = Int16(rng.below(3)) - 1
            let id = nextID
            nextID += 1
            let h = q.schedule(id, at: SimTime(microseconds: time), priority: priority)
            insert(Key(time: time, priority: priority, seq: h.sequence, id: id))
        }
        for _ in 0..<20_000 { schedule(at: Int64(rng.below(5_000))) }
        var mismatches = 0
        for _ in 0..<30_000 {
            let op = rng.below(100)
            if op < 5 {
                let victim = sorted.remove(at: rng.below(sorted.count))
                q.cancel(EventHandle(sequence: victim.seq))
            } else {
                let want = sorted.removeLast()
                let got = q.pop()
                if got?.time.microseconds != want.time || got?.payload != want.id { mismatches += 1 }
                schedule(at: want.time + Int64(rng.below(3_000)))
                if op < 20 { schedule(at: want.time + Int64(rng.below(3_000))) }
            }
        }
        #expect(mismatches == 0)
        #expect(q.count == sorted.count)
        while let want = sorted.popLast() {
            let got = q.pop()
            if got?.time.microseconds != want.time || got?.payload != want.id { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(q.isEmpty)
    }
}
