import Testing
@testable import SimKernel

/// Drains a queue, returning the payloads in pop order.
private func drain<P>(_ q: inout EventQueue<P>) -> [P] {
    var out: [P] = []
    while let (_, p) = q.pop() { out.append(p) }
    return out
}

@Suite("EventQueue ordering")
struct EventQueueOrderingTests {
    @Test("simultaneous events with equal priority pop first-in-first-out")
    func fifoAtEqualTimeAndPriority() {
        var q = EventQueue<Int>()
        let t = SimTime(microseconds: 42)
        for i in 0..<100 { q.schedule(i, at: t) }
        #expect(q.count == 100)
        #expect(drain(&q) == Array(0..<100))
        #expect(q.isEmpty)
    }

    @Test("FIFO holds among equal keys interleaved with other times")
    func fifoInterleaved() {
        var q = EventQueue<String>()
        q.schedule("b1", at: SimTime(microseconds: 2))
        q.schedule("a1", at: SimTime(microseconds: 1))
        q.schedule("b2", at: SimTime(microseconds: 2))
        q.schedule("c1", at: SimTime(microseconds: 3))
        q.schedule("a2", at: SimTime(microseconds: 1))
        q.schedule("b3", at: SimTime(microseconds: 2))
        #expect(drain(&q) == ["a1", "a2", "b1", "b2", "b3", "c1"])
    }

    @Test("at equal time, lower priority runs first, FIFO within a priority")
    func priorityAtEqualTime() {
        var q = EventQueue<String>()
        let t = SimTime(microseconds: 10)
        q.schedule("p5", at: t, priority: 5)
        q.schedule("p0a", at: t)
        q.schedule("pMin", at: t, priority: .min)
        q.schedule("pMax", at: t, priority: .max)
        q.schedule("pNeg", at: t, priority: -1)
        q.schedule("p0b", at: t, priority: 0)
        #expect(drain(&q) == ["pMin", "pNeg", "p0a", "p0b", "p5", "pMax"])
    }

    @Test("time dominates priority")
    func timeBeforePriority() {
        var q = EventQueue<String>()
        q.schedule("late-urgent", at: SimTime(microseconds: 2), priority: .min)
        q.schedule("early-lazy", at: SimTime(microseconds: 1), priority: .max)
        #expect(drain(&q) == ["early-lazy", "late-urgent"])
    }

    @Test("pop returns the event's time; peekTime matches the next pop")
    func popAndPeekTimes() {
        var q = EventQueue<Int>()
        #expect(q.peekTime() == nil)
        #expect(q.pop() == nil)
        for t: Int64 in [5, 3, 9, 3, 1] { q.schedule(Int(t), at: SimTime(microseconds: t)) }
        var times: [Int64] = []
        while let next = q.peekTime() {
            let popped = q.pop()
            #expect(popped?.time == next)
            times.append(next.microseconds)
        }
        #expect(times == [1, 3, 3, 5, 9])
    }

    @Test("negative times order before zero")
    func negativeTimes() {
        var q = EventQueue<Int>()
        q.schedule(0, at: .zero)
        q.schedule(-1, at: SimTime(microseconds: -1))
        q.schedule(Int.min, at: SimTime(microseconds: .min))
        q.schedule(Int.max, at: SimTime(microseconds: .max))
        #expect(drain(&q) == [Int.min, -1, 0, Int.max])
    }

    @Test("handles carry increasing sequence numbers")
    func handleSequence() {
        var q = EventQueue<Int>()
        let h0 = q.schedule(0, at: .zero)
        let h1 = q.schedule(1, at: .zero)
        #expect(h0.sequence == 0)
        #expect(h1.sequence == 1)
        #expect(h0 != h1)
    }
}

@Suite("EventQueue cancellation")
struct EventQueueCancellationTests {
    @Test("a cancelled event is never popped and count excludes it")
    func cancelledNeverPopped() {
        var q = EventQueue<Int>()
        var handles: [EventHandle] = []
        for i in 0..<10 { handles.append(q.schedule(i, at: SimTime(microseconds: Int64(10 - i)))) }
        q.cancel(handles[3])
        q.cancel(handles[7])
        #expect(q.count == 8)
        #expect(drain(&q) == [9, 8, 6, 5, 4, 2, 1, 0])
        #expect(q.count == 0)
        #expect(q.isEmpty)
    }

    @Test("cancelling the top event: peekTime and pop skip it")
    func cancelTop() {
        var q = EventQueue<String>()
        let top = q.schedule("top", at: SimTime(microseconds: 1))
        q.schedule("second", at: SimTime(microseconds: 2))
        q.cancel(top)
        #expect(q.count == 1)
        #expect(q.peekTime() == SimTime(microseconds: 2))
        #expect(q.count == 1)
        #expect(q.pop()?.payload == "second")
        #expect(q.pop() == nil)
        #expect(q.count == 0)
    }

    @Test("cancelling a deep event (a leaf of a large heap)")
    func cancelDeep() {
        var q = EventQueue<Int>()
        var handles: [EventHandle] = []
        for i in 0..<1000 { handles.append(q.schedule(i, at: SimTime(microseconds: Int64(i)))) }
        q.cancel(handles[999])  // the last leaf
        q.cancel(handles[500])  // somewhere in the middle
        q.cancel(handles[1])  // a child of the root
        #expect(q.count == 997)
        let expected = (0..<1000).filter { ![1, 500, 999].contains($0) }
        #expect(drain(&q) == expected)
        #expect(q.count == 0)
    }

    @Test("cancelling every event empties the queue")
    func cancelAll() {
        var q = EventQueue<Int>()
        let hs = (0..<50).map { q.schedule($0, at: SimTime(microseconds: Int64($0 % 7))) }
        for h in hs.reversed() { q.cancel(h) }
        #expect(q.count == 0)
        #expect(q.isEmpty)
        #expect(q.peekTime() == nil)
        #expect(q.pop() == nil)
    }

    @Test("events scheduled after a cancellation are unaffected")
    func scheduleAfterCancel() {
        var q = EventQueue<Int>()
        let a = q.schedule(1, at: SimTime(microseconds: 5))
        q.cancel(a)
        q.schedule(2, at: SimTime(microseconds: 5))
        q.schedule(3, at: SimTime(microseconds: 4))
        #expect(q.count == 2)
        #expect(drain(&q) == [3, 2])
    }
}
