import Testing
@testable import SimKernel

private enum Ev: Equatable { case a(Int), spawn(Int) }

@Suite("EventLoop")
struct EventLoopTests {
    @Test("run(until:) runs an event exactly at end, leaves end+1µs pending, sets now = end")
    func runUntilBoundaries() {
        var loop = EventLoop<Int>()
        let end = SimTime.seconds(10)
        loop.schedule(1, at: SimTime(microseconds: end.microseconds - 1))
        loop.schedule(2, at: end)
        loop.schedule(3, at: end + SimDuration(microseconds: 1))
        var seen: [Int] = []
        loop.run(until: end) { _, e in seen.append(e) }
        #expect(seen == [1, 2])
        #expect(loop.now == end)
        #expect(loop.queue.count == 1)
        #expect(loop.queue.peekTime() == SimTime(microseconds: end.microseconds + 1))
        #expect(loop.eventsHandled == 2)

        loop.run(until: end + SimDuration(microseconds: 1)) { _, e in seen.append(e) }
        #expect(seen == [1, 2, 3])
        #expect(loop.now == SimTime(microseconds: end.microseconds + 1))
    }

    @Test("now equals end even when no event is pending")
    func runUntilEmpty() {
        var loop = EventLoop<Int>()
        loop.run(until: .seconds(3)) { _, _ in Issue.record("no event expected") }
        #expect(loop.now == .seconds(3))
        #expect(loop.eventsHandled == 0)
    }

    @Test("events scheduled by a handler at the same instant run in the same run call")
    func sameInstantChain() {
        var loop = EventLoop<Ev>()
        let end = SimTime.seconds(1)
        loop.schedule(.spawn(3), at: end)
        var seen: [Ev] = []
        loop.run(until: end) { l, e in
            seen.append(e)
            if case .spawn(let n) = e, n > 0 {
                l.schedule(.spawn(n - 1), after: .zero)
                l.schedule(.a(n), at: l.now)
                l.schedule(.a(-n), after: SimDuration(microseconds: 1))  // stays pending
            }
        }
        #expect(seen == [.spawn(3), .spawn(2), .a(3), .spawn(1), .a(2), .spawn(0), .a(1)])
        #expect(loop.now == end)
        #expect(loop.queue.count == 3)
    }

    @Test("the handler sees now = the event's time; step returns false when empty")
    func stepAndNow() {
        var loop = EventLoop<Int>()
        loop.schedule(7, after: .seconds(Int64(2)))
        loop.schedule(5, after: .seconds(1.5))
        var times: [SimTime] = []
        while loop.step({ l, _ in times.append(l.now) }) {}
        #expect(times == [.seconds(1.5), .seconds(2)])
        #expect(loop.now == .seconds(2))
        #expect(loop.eventsHandled == 2)
        #expect(!loop.step { _, _ in })
    }

    @Test("a handler can cancel a pending event")
    func handlerCancels() {
        var loop = EventLoop<Int>()
        let victim = loop.schedule(99, at: .seconds(5))
        loop.schedule(1, at: .seconds(1))
        var seen: [Int] = []
        loop.run(until: .seconds(10)) { l, e in
            seen.append(e)
            if e == 1 { l.cancel(victim) }
        }
        #expect(seen == [1])
        #expect(loop.queue.isEmpty)
        #expect(loop.now == .seconds(10))
    }

    @Test("run(until:) earlier than now leaves now unchanged")
    func runUntilPast() {
        var loop = EventLoop<Int>()
        loop.run(until: .seconds(5)) { _, _ in }
        loop.run(until: .seconds(2)) { _, _ in }
        #expect(loop.now == .seconds(5))
    }

    @Test("next(until:) has the boundaries of run(until:)")
    func nextUntil() {
        var loop = EventLoop<Int>()
        let end = SimTime.seconds(2)
        loop.schedule(1, at: .seconds(1))
        loop.schedule(2, at: end)
        loop.schedule(3, at: end + SimDuration(microseconds: 1))
        var seen: [Int] = []
        while let e = loop.next(until: end) {
            seen.append(e)
            #expect(loop.now == (e == 1 ? .seconds(1) : end))
            if e == 1 { loop.schedule(4, at: end) }  // same instant as end: still runs
        }
        #expect(seen == [1, 2, 4])
        #expect(loop.now == end)
        #expect(loop.eventsHandled == 3)
        #expect(loop.queue.count == 1)
        #expect(loop.next(until: end) == nil)
    }
}
