/// The run loop: a clock and an event queue. A simulation is a value (no globals), so a
/// sweep can run many at once in one process.
///
/// Events are handed to a caller-supplied handler, which may schedule and cancel further
/// events through the `inout` loop it receives.
public struct EventLoop<Event> {
    /// The current simulated time: the time of the event being handled, or of the last one.
    /// Settable only so that inlinable run loops can advance it; do not move it by hand.
    public var now: SimTime = .zero
    public var queue = EventQueue<Event>()
    /// Events handled so far.
    public var eventsHandled: Int = 0

    public init() {}

    /// Schedules `event` at the absolute instant `time` (not before `now`).
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event, at time: SimTime, priority: Int16 = 0) -> EventHandle {
        precondition(time >= now, "cannot schedule in the past")
        return queue.schedule(event, at: time, priority: priority)
    }

    /// Schedules `event` after `delay` from now.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event, after delay: SimDuration, priority: Int16 = 0) -> EventHandle {
        schedule(event, at: now + delay, priority: priority)
    }

    @inlinable public mutating func cancel(_ handle: EventHandle) { queue.cancel(handle) }

    /// Pops the next event with time ≤ `end` and advances `now` to it; nil when none is
    /// left up to `end` (then `now` is set to `end`). For run loops that own their state
    /// and switch over events themselves, with no closure in the hot path.
    @inlinable public mutating func next(until end: SimTime) -> Event? {
        if let t = queue.peekTime(), t <= end, let (time, e) = queue.pop() {
            now = time
            eventsHandled += 1
            return e
        }
        if end > now { now = end }
        return nil
    }

    /// Runs the next event, if any. Returns false when none is pending.
    public mutating func step(_ handle: (inout EventLoop<Event>, Event) -> Void) -> Bool {
        guard let (t, e) = queue.pop() else { return false }
        now = t
        eventsHandled += 1
        handle(&self, e)
        return true
    }

    /// Runs every event with time ≤ `end`, in order, then sets `now = end`.
    /// Events scheduled exactly at `end` run; later ones stay pending.
    public mutating func run(until end: SimTime, _ handle: (inout EventLoop<Event>, Event) -> Void) {
        while let t = queue.peekTime(), t <= end {
            _ = step(handle)
        }
        if end > now { now = end }
    }
}
