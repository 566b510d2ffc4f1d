/// An instant of simulated time, in integer microseconds since the start of the run.
///
/// Instants and durations are distinct types (after swift-nio's `NIODeadline`/`TimeAmount`):
/// an instant plus a duration is an instant, the difference of two instants is a duration,
/// and adding two instants does not compile.
/// Range: ±2^63 µs ≈ ±292,000 years.
public struct SimTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Microseconds since the start of the run.
    public var microseconds: Int64

    @inlinable public init(microseconds: Int64) { self.microseconds = microseconds }

    /// The start of every run.
    public static let zero = SimTime(microseconds: 0)

    /// Seconds since the start, as a `Double` (for reporting).
    @inlinable public var seconds: Double { Double(microseconds) / 1_000_000 }

    /// The instant `seconds` after the start, rounded to the nearest microsecond.
    @inlinable public static func seconds(_ s: Double) -> SimTime {
        SimTime(microseconds: Int64((s * 1_000_000).rounded()))
    }

    @inlinable public static func < (a: SimTime, b: SimTime) -> Bool { a.microseconds < b.microseconds }
    @inlinable public static func + (a: SimTime, d: SimDuration) -> SimTime {
        SimTime(microseconds: a.microseconds + d.microseconds)
    }
    @inlinable public static func - (a: SimTime, d: SimDuration) -> SimTime {
        SimTime(microseconds: a.microseconds - d.microseconds)
    }
    @inlinable public static func - (a: SimTime, b: SimTime) -> SimDuration {
        SimDuration(microseconds: a.microseconds - b.microseconds)
    }
    public var description: String { "t=\(seconds)s" }
}

/// A span of simulated time, in integer microseconds.
public struct SimDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Length in microseconds (may be negative as the result of a subtraction).
    public var microseconds: Int64

    @inlinable public init(microseconds: Int64) { self.microseconds = microseconds }

    public static let zero = SimDuration(microseconds: 0)

    /// Length in seconds.
    @inlinable public var seconds: Double { Double(microseconds) / 1_000_000 }
    /// Length in hours.
    @inlinable public var hours: Double { Double(microseconds) / 3_600_000_000 }

    @inlinable public static func seconds(_ s: Double) -> SimDuration {
        SimDuration(microseconds: Int64((s * 1_000_000).rounded()))
    }
    @inlinable public static func seconds(_ s: Int64) -> SimDuration {
        SimDuration(microseconds: s * 1_000_000)
    }
    @inlinable public static func < (a: SimDuration, b: SimDuration) -> Bool { a.microseconds < b.microseconds }
    @inlinable public static func + (a: SimDuration, b: SimDuration) -> SimDuration {
        SimDuration(microseconds: a.microseconds + b.microseconds)
    }
    @inlinable public static func * (a: SimDuration, k: Int64) -> SimDuration {
        SimDuration(microseconds: a.microseconds * k)
    }
    public var description: String { "\(seconds)s" }
}
