/// A scenario's local clock: the hour of day at elapsed simulated time t, with the time zone's
/// daylight-saving changes during the run. What depends on local time — a diurnal workload's
/// cycle, a service's request rate, an hourly tariff — reads the hour from it, so a run in
/// `time_zone: Europe/Berlin` that crosses the last Sunday of March puts the afternoon peak
/// one hour earlier in elapsed time after the change, as the people behind the load see it.
///
/// `startHourOfDay` is the local hour of the scenario's `start` (0 ≤ h < 24); `shifts` lists,
/// in increasing `atS`, the elapsed instants where the zone's offset from UTC changes and the
/// change since the start, h (+1 when clocks go forward, then 0 when they go back). Without
/// shifts (UTC, or no change within the run) the hour is (start + t/3600) mod 24.
public struct LocalClock: Sendable, Equatable {
    /// One change of the zone's offset during the run.
    public struct Shift: Sendable, Equatable {
        /// Elapsed time of the change, s.
        public var atS: Double
        /// Offset from UTC after the change minus the offset at the start, h.
        public var hours: Double
        public init(atS: Double, hours: Double) { self.atS = atS; self.hours = hours }
    }

    /// Local hour of day at the start, 0 ≤ h < 24.
    public var startHourOfDay: Double
    /// Offset changes during the run, in increasing `atS`.
    public var shifts: [Shift]

    public init(startHourOfDay: Double = 0, shifts: [Shift] = []) {
        self.startHourOfDay = startHourOfDay; self.shifts = shifts
    }

    /// The offset change in effect at elapsed time `t` (s) since the start, h.
    public func shiftHours(atS t: Double) -> Double {
        var h = 0.0
        for s in shifts {
            guard s.atS <= t else { break }
            h = s.hours
        }
        return h
    }

    /// Local hours since midnight of the start's day at elapsed time `t` (s): start + t/3600 +
    /// the shift in effect (not reduced modulo 24).
    public func localHours(atS t: Double) -> Double { startHourOfDay + t / 3600 + shiftHours(atS: t) }

    /// Local hour of day at elapsed time `t` (s), 0 ≤ h < 24.
    public func hourOfDay(atS t: Double) -> Double {
        let h = localHours(atS: t).truncatingRemainder(dividingBy: 24)
        return h < 0 ? h + 24 : h
    }
}
