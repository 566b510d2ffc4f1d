/// A tally of individual observations (after salabim's `Monitor`): count, mean, variance
/// (Welford's algorithm, numerically stable), min and max.
public struct Tally: Sendable {
    public private(set) var count: Int = 0
    public private(set) var mean: Double = 0
    private var m2: Double = 0
    public private(set) var min: Double = .infinity
    public private(set) var max: Double = -.infinity

    public init() {}

    /// Records one observation.
    public mutating func add(_ x: Double) {
        count += 1
        let d = x - mean
        mean += d / Double(count)
        m2 += d * (x - mean)
        if x < min { min = x }
        if x > max { max = x }
    }

    /// Sample variance (n − 1 in the denominator); 0 for fewer than two observations.
    public var variance: Double { count > 1 ? m2 / Double(count - 1) : 0 }
    public var sum: Double { mean * Double(count) }
}

/// A time-weighted accumulator for a level that is piecewise constant in time (hosts on,
/// power in watts): the integral ∫ level dt is exact between changes.
public struct TimeWeighted: Sendable {
    public private(set) var level: Double
    public private(set) var lastChange: SimTime
    /// ∫ level dt, in level-units × seconds, up to `lastChange`.
    public private(set) var integral: Double = 0
    public private(set) var maxLevel: Double
    public let start: SimTime

    public init(level: Double = 0, at start: SimTime = .zero) {
        self.level = level; self.lastChange = start; self.start = start; self.maxLevel = level
    }

    /// Sets a new level from `time` on (time must not go backwards).
    public mutating func set(_ newLevel: Double, at time: SimTime) {
        precondition(time >= lastChange, "time went backwards")
        integral += level * (time - lastChange).seconds
        lastChange = time
        level = newLevel
        if newLevel > maxLevel { maxLevel = newLevel }
    }

    /// ∫ level dt from the start to `time` (level-units × seconds).
    public func integral(upTo time: SimTime) -> Double {
        integral + level * (time - lastChange).seconds
    }

    /// Time-weighted mean from the start to `time`; the current level if no time passed.
    public func mean(upTo time: SimTime) -> Double {
        let span = (time - start).seconds
        return span > 0 ? integral(upTo: time) / span : level
    }
}
