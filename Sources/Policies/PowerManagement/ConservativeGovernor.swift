/// `conservative`: step the frequency up or down by `freq_step` of the maximum frequency, one
/// step per sample.
///
/// Rule (Linux `drivers/cpufreq/cpufreq_conservative.c`, `cs_dbs_update`), with load L at the
/// current frequency, requested frequency r (initially the P-state's frequency) and step
/// s = `freqStep` × f_0:
/// 1. L > `upThreshold` → r = min(r + s, f_0), resolved to the highest table frequency ≤ r
///    (`CPUFREQ_RELATION_H`).
/// 2. Else, if L < `downThreshold` → r = r − s if r > f_min + s, else f_min, resolved to the
///    lowest table frequency ≥ r (`CPUFREQ_RELATION_L`).
/// 3. Else nothing changes.
///
/// So with 5% steps on a table of 100/50/20 MHz a host at 20 MHz under load asks for 25, 30, …
/// and reaches 50 MHz at the 6th sample; one at 100 MHz with no load asks for 95, 90, … and
/// drops to 50 at the 10th. `cpufreq.rst`: it "changes the frequency in relatively small steps,
/// one step at a time, up or down - depending on whether or not a (configurable) threshold has
/// been exceeded by the estimated CPU load".
///
/// Defaults: `up_threshold` 80% (`DEF_FREQUENCY_UP_THRESHOLD`), `down_threshold` 20%
/// (`DEF_FREQUENCY_DOWN_THRESHOLD`), `freq_step` 5% of the maximum frequency
/// (`DEF_FREQUENCY_STEP`), all fractions here. Valid: 0 ≤ down_threshold < up_threshold ≤ 1
/// (the kernel rejects a down_threshold ≥ up_threshold), 0 < freq_step ≤ 1 (the kernel's 0
/// freezes the frequency; it is rejected here).
///
/// Not modelled (ASSUMPTION: at their defaults they do nothing): `sampling_down_factor`
/// (default 1), the catch-up for skipped idle periods of the deferrable timer (samples are
/// never skipped here), `ignore_nice_load`. At a constant load the rule settles unless two
/// adjacent P-states are more than up_threshold / down_threshold (4×) apart, where the kernel —
/// and this model — cycles through the steps between them for as long as the load holds.
public struct ConservativeGovernor: DVFSGovernor, Equatable {
    /// Registry name.
    public static let name = "conservative"
    /// One line for `virtsim list`.
    public static let summary = "steps of freq_step x max frequency: up when load > up_threshold, down when load < down_threshold (Linux conservative)"

    /// Load above which the frequency steps up, fraction in (0, 1]. Default 0.8.
    public let upThreshold: Double
    /// Load below which the frequency steps down, fraction in [0, upThreshold). Default 0.2.
    public let downThreshold: Double
    /// Step as a fraction of the maximum frequency, (0, 1]. Default 0.05.
    public let freqStep: Double

    /// Nil if valid, else what is wrong (naming the key).
    public static func check(upThreshold: Double, downThreshold: Double, freqStep: Double) -> String? {
        if !(upThreshold > 0 && upThreshold <= 1) { return "up_threshold: expected a fraction in (0, 1], found \(upThreshold)" }
        if !(downThreshold >= 0 && downThreshold < upThreshold) {
            return "down_threshold: expected a fraction ≥ 0 and below up_threshold (\(upThreshold)), found \(downThreshold)"
        }
        if !(freqStep > 0 && freqStep <= 1) { return "freq_step: expected a fraction of the maximum frequency in (0, 1], found \(freqStep)" }
        return nil
    }

    /// A conservative governor (Linux defaults: 0.8, 0.2, 0.05).
    /// - Precondition: `check` is nil.
    public init(upThreshold: Double = 0.8, downThreshold: Double = 0.2, freqStep: Double = 0.05) {
        let problem = Self.check(upThreshold: upThreshold, downThreshold: downThreshold, freqStep: freqStep)
        precondition(problem == nil, problem ?? "")
        self.upThreshold = upThreshold; self.downThreshold = downThreshold; self.freqStep = freqStep
    }

    /// Registry name.
    public var name: String { Self.name }
    /// Decisions follow the load.
    public var followsLoad: Bool { true }
    /// P-state 0.
    public func highestPState(_ frequenciesMHz: [Double]) -> Int { 0 }
    /// P-state 0 (ASSUMPTION: firmware hands the host over at its nominal frequency; the kernel
    /// starts from the current frequency, `cs_start`).
    public func initialState(_ frequenciesMHz: [Double]) -> GovernorState { .at(0, frequenciesMHz) }

    /// Steps 1–3 above.
    public func next(_ state: GovernorState, load: Double, frequenciesMHz f: [Double]) -> GovernorState {
        let fMax = f[0], fMin = f[f.count - 1]
        var r = state.requestedMHz
        if r > fMax || r < fMin { r = f[state.pstate] }
        let step = freqStep * fMax
        if load > upThreshold {
            if r == fMax { return state }
            r = min(r + step, fMax)
            return GovernorState(pstate: FrequencyRelation.highestAtOrBelow(r, f), requestedMHz: r)
        }
        if load < downThreshold {
            if r == fMin { return state }
            r = r > fMin + step ? r - step : fMin
            return GovernorState(pstate: FrequencyRelation.lowestAtOrAbove(r, f), requestedMHz: r)
        }
        return state
    }
}
