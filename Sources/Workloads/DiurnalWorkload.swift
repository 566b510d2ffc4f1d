#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import SimKernel
import Stochastic

/// A daily cycle: the CPU fraction follows a cosine over the hour of day, peaking at
/// `peakHour`, plus optional Gaussian noise; memory follows the same cosine with its own mean
/// and amplitude (amplitude 0, the default, makes it constant) and no noise.
///
/// For step k of length Δ (hours), h = startHourOfDay + (k + ½)·Δ is the hour of day of the
/// step's midpoint (taken modulo 24) and
///
///     cpu(k)    = clamp(mean + amplitude·cos(2π(h − peakHour)/24) + ε),  ε ~ N(0, noiseSD²)
///     memory(k) = clamp(memoryMean + memoryAmplitude·cos(2π(h − peakHour)/24))
///
/// clamped to 0...1 — when mean ± amplitude (+ noise) leaves 0...1 the clamp cuts the curve
/// and the time average differs from `mean`. Without noise every member has the same demand.
/// The noise is counter-based like `StochasticWorkload`'s: the stream is reset to
/// (seed, `StreamPurpose.workload`, entityBase + member, k), so demand is a pure function of
/// (seed, global VM id, step). Not thread-safe (one run owns the source).
public final class DiurnalWorkload: WorkloadSource {
    /// Mean CPU fraction, 0...1.
    public let mean: Double
    /// CPU swing around the mean (fraction, ≥ 0): the peak is mean + amplitude.
    public let amplitude: Double
    /// Hour of day of the CPU (and memory) maximum, 0 ≤ peakHour < 24.
    public let peakHour: Double
    /// Local hour of day at the group's step 0 start (e.g. 8.5 for 08:30), 0 ≤ h < 24.
    public let startHourOfDay: Double
    /// Standard deviation of the additive Gaussian CPU noise (fraction, ≥ 0; 0 = none).
    public let noiseSD: Double
    /// Mean memory fraction, 0...1.
    public let memoryMean: Double
    /// Memory swing around its mean (fraction, ≥ 0; 0 = constant memory).
    public let memoryAmplitude: Double
    /// Step length, > 0.
    public let interval: SimDuration
    /// The scenario seed (used only when noiseSD > 0).
    public let seed: UInt64
    /// Global VM id of member 0 (used only when noiseSD > 0).
    public let entityBase: UInt64
    private let stream: RandomStream
    private let stepHours: Double
    /// Daylight-saving changes of the scenario's time zone during the run (`LocalClock`): the
    /// cycle follows the local clock; empty: hours since the start only.
    public var clockShifts: [LocalClock.Shift] = []

    /// A diurnal workload.
    /// - Parameters:
    ///   - mean: mean CPU fraction, 0...1.
    ///   - amplitude: CPU swing, finite, ≥ 0.
    ///   - peakHour: hour of the maximum, 0 ≤ peakHour < 24 (default 14, 2 p.m.).
    ///   - startHourOfDay: local hour at step 0, 0 ≤ h < 24 (default 0, midnight).
    ///   - noiseSD: CPU noise standard deviation, finite, ≥ 0 (default 0).
    ///   - memoryMean: mean memory fraction, 0...1.
    ///   - memoryAmplitude: memory swing, finite, ≥ 0 (default 0: constant memory).
    ///   - interval: step length, > 0 (default 300 s).
    ///   - seed: the scenario seed.
    ///   - entityBase: global VM id of member 0.
    /// - Throws: `WorkloadParameterError` naming the first parameter out of range.
    public init(
        mean: Double, amplitude: Double, peakHour: Double = 14, startHourOfDay: Double = 0,
        noiseSD: Double = 0, memoryMean: Double, memoryAmplitude: Double = 0,
        interval: SimDuration = SimDuration(microseconds: 300_000_000),
        seed: UInt64 = 0, entityBase: UInt64 = 0
    ) throws(WorkloadParameterError) {
        try WorkloadParameterError.checkFraction(mean, "mean")
        try WorkloadParameterError.checkNonNegative(amplitude, "amplitude")
        try Self.checkHour(peakHour, "peakHour")
        try Self.checkHour(startHourOfDay, "startHourOfDay")
        try WorkloadParameterError.checkNonNegative(noiseSD, "noiseSD")
        try WorkloadParameterError.checkFraction(memoryMean, "memoryMean")
        try WorkloadParameterError.checkNonNegative(memoryAmplitude, "memoryAmplitude")
        try WorkloadParameterError.checkInterval(interval, "interval")
        self.mean = mean
        self.amplitude = amplitude
        self.peakHour = peakHour
        self.startHourOfDay = startHourOfDay
        self.noiseSD = noiseSD
        self.memoryMean = memoryMean
        self.memoryAmplitude = memoryAmplitude
        self.interval = interval
        self.seed = seed
        self.entityBase = entityBase
        stepHours = interval.hours
        stream = RandomStream(seed: seed, purpose: StreamPurpose.workload, entity: entityBase)
    }

    /// The interval.
    public var step: SimDuration? { interval }
    /// Always nil: any number of members.
    public var memberLimit: Int? { nil }

    /// The demand of `member` (≥ 0) in step `step` (≥ 0), by the formula above.
    public func demand(member: Int, step: Int) -> Demand {
        let c = cycle(step: step)
        var cpu = mean + amplitude * c
        if noiseSD > 0 {
            stream.reset(
                seed: seed, purpose: StreamPurpose.workload,
                entity: entityBase &+ UInt64(member), counter: UInt64(step))
            cpu += stream.normal(mean: 0, sd: noiseSD)
        }
        return Demand(cpu: clampFraction(cpu), memory: clampFraction(memoryMean + memoryAmplitude * c))
    }

    /// cos(2π(h − peakHour)/24) for the midpoint of step `step`, in −1...1.
    public func cycle(step: Int) -> Double {
        let mid = (Double(step) + 0.5) * stepHours
        let h = clockShifts.isEmpty ? startHourOfDay + mid : LocalClock(startHourOfDay: startHourOfDay, shifts: clockShifts).localHours(atS: mid * 3600)
        let x = (h - peakHour).truncatingRemainder(dividingBy: 24)
        return cos(2 * Double.pi * x / 24)
    }

    private static func checkHour(_ h: Double, _ name: String) throws(WorkloadParameterError) {
        guard h.isFinite, h >= 0, h < 24 else {
            throw WorkloadParameterError(parameter: name, message: "expected an hour of day, 0 ≤ h < 24, found \(h)")
        }
    }
}
