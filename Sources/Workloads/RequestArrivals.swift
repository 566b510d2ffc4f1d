#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import SimKernel
import Stochastic

/// The requests of an event-driven service: a Poisson process whose rate follows the hour of
/// day, each request with an exponentially distributed service time (an M(t)/M/c queue in
/// front of the replicas; `DomainModels.md` B8: "an event source (queue with arrival process
/// or trace)").
///
/// Rate at time t (s from the scenario start): λ(t) = `ratePerS` · (1 + `amplitude` ·
/// cos(2π (h(t) − `peakHour`) / 24)), h(t) = (`startHourOfDay` + t / 3600) mod 24, requests/s.
/// Arrivals are drawn by thinning (Lewis & Shedler, 1979): candidates from a Poisson process
/// at λmax = `ratePerS` · (1 + `amplitude`), each kept with probability λ(t) / λmax. Service
/// times are exponential with mean `serviceMeanS` (at the replica's full speed).
///
/// Streams: arrivals and service times each have their own stream, derived from (scenario
/// seed, purpose, service index), so every arm of a scenario sees the same requests (common
/// random numbers), whatever its replicas do.
public final class RequestArrivals {
    public let ratePerS: Double
    public let amplitude: Double
    public let peakHour: Double
    public let startHourOfDay: Double
    /// Daylight-saving changes during the run (`LocalClock`); empty: hours since the start.
    public var clockShifts: [LocalClock.Shift] = []
    public let serviceMeanS: Double
    private let arrivals: RandomStream
    private let services: RandomStream
    private var t = 0.0

    /// - Parameters:
    ///   - ratePerS: mean request rate over the day, requests/s ≥ 0.
    ///   - amplitude: relative daily swing, 0...1 (0: a homogeneous Poisson process).
    ///   - peakHour: hour of the highest rate, 0 ≤ h < 24.
    ///   - startHourOfDay: local hour at t = 0, 0 ≤ h < 24.
    ///   - serviceMeanS: mean service time, s > 0.
    ///   - seed, service: the scenario seed and the service's index (the streams' entity).
    public init(
        ratePerS: Double, amplitude: Double = 0, peakHour: Double = 14, startHourOfDay: Double = 0,
        serviceMeanS: Double, seed: UInt64, service: Int
    ) throws(WorkloadParameterError) {
        try WorkloadParameterError.checkNonNegative(ratePerS, "ratePerS")
        try WorkloadParameterError.checkFraction(amplitude, "amplitude")
        for (v, n) in [(peakHour, "peakHour"), (startHourOfDay, "startHourOfDay")] where !(v >= 0 && v < 24) {
            throw WorkloadParameterError(parameter: n, message: "expected an hour of day in [0, 24), found \(v)")
        }
        guard serviceMeanS > 0 && serviceMeanS.isFinite else {
            throw WorkloadParameterError(parameter: "serviceMeanS", message: "expected a time > 0 s, found \(serviceMeanS)")
        }
        self.ratePerS = ratePerS; self.amplitude = amplitude; self.peakHour = peakHour
        self.startHourOfDay = startHourOfDay; self.serviceMeanS = serviceMeanS
        arrivals = RandomStream(seed: seed, purpose: StreamPurpose.requestArrivals, entity: UInt64(service))
        services = RandomStream(seed: seed, purpose: StreamPurpose.serviceTimes, entity: UInt64(service))
    }

    /// λ(t), requests/s.
    public func rate(atS t: Double) -> Double {
        // no daylight-saving change in the run (the usual case): no clock to build per request
        let h =
            clockShifts.isEmpty
            ? (startHourOfDay + t / 3600).truncatingRemainder(dividingBy: 24)
            : LocalClock(startHourOfDay: startHourOfDay, shifts: clockShifts).hourOfDay(atS: t)
        return ratePerS * (1 + amplitude * cos(2 * Double.pi * (h - peakHour) / 24))
    }

    /// The next request: its arrival time (s, increasing; +∞ when the rate is 0) and service time (s).
    public func next() -> (arrivalS: Double, serviceS: Double) {
        let peak = ratePerS * (1 + amplitude)
        guard peak > 0 else { return (.infinity, serviceMeanS) }
        while true {
            t += arrivals.exponential(mean: 1 / peak)
            if amplitude == 0 || arrivals.uniform() * peak < rate(atS: t) { break }
        }
        return (t, services.exponential(mean: serviceMeanS))
    }
}
