/// The run loop: a clock and an event queue. A simulation is a value (no globals), so a
/// sweep can run many at once in one process.
///
/// Events are handed to a caller-supplied handler, which may schedule and cancel further
/// events through the `inout` loop it receives.
public struct EventLoop<Event> {
    /// The current simulated time: the time of the event being handled, or of the last one.
    public private(set) var now: SimTime = .zero
    public var queue = EventQueue<Event>()
    /// Events handled so far.
    public private(set) var eventsHandled: Int = 0

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
