/// `ondemand`: jump to the highest frequency under load, else drop to the lowest frequency that
/// keeps the load a margin below the threshold.
///
/// Rule (Linux 2.6.x–3.11 `drivers/cpufreq/cpufreq_ondemand.c`, `dbs_check_cpu`), with load L
/// at the current frequency f_cur and table frequencies f_0 > … > f_min:
/// 1. L > `upThreshold` → f_0 (`dbs_freq_increase(policy, policy->max)`).
/// 2. Else, if L < `upThreshold` − `downDifferential` → f_next = max(f_min, L·f_cur /
///    (`upThreshold` − `downDifferential`)), resolved to the lowest table frequency ≥ f_next
///    (`CPUFREQ_RELATION_L`): "the lowest [frequency] that can support the current CPU usage
///    without triggering the up policy. To be safe, we focus 10 points under the threshold."
/// 3. Else the frequency stays.
///
/// Defaults: `up_threshold` 80% (`DEF_FREQUENCY_UP_THRESHOLD`; `cpufreq.rst`: "If the
/// estimated CPU load is above this value (in percent), the governor will set the frequency to
/// the maximum value allowed"), `down_differential` 10 points (`DEF_FREQUENCY_DOWN_DIFFERENTIAL`).
/// Both are fractions here (0.8, 0.1). Valid: 0 < up_threshold ≤ 1, 0 ≤ down_differential <
/// up_threshold.
///
/// Why this rule and not the one of Linux ≥ 3.12 (f_next = f_min + L·(f_max − f_min), closest
/// table frequency, `cpufreq.rst` "frequencies proportional to the estimated load"): at a
/// constant load that rule can alternate between two P-states every sample (at f_max, L = 0.7
/// asks for a lower P-state whose load then exceeds `up_threshold`), which the kernel does every
/// 10 ms and which would cost the simulator an event per host per sample for as long as the
/// load holds. The rule above reaches a fixed point in at most two samples at any constant
/// load (after step 2 the load is ≤ up_threshold − down_differential), so the engine samples a
/// host only after its load changed. With `down_differential` 0 it is "the lowest frequency f
/// with f ≥ L·f_cur / up_threshold".
///
/// Not modelled (ASSUMPTION: at their kernel defaults they do nothing): `powersave_bias`
/// (default 0; it lowers the target by bias/1000 by alternating between two table frequencies
/// within a sampling period), `sampling_down_factor` (default 1; it stretches the sampling
/// period while at f_max), `ignore_nice_load`, `io_is_busy`. The kernel's load is an integer
/// percent; here it is exact.
public struct OndemandGovernor: DVFSGovernor, Equatable {
    /// Registry name.
    public static let name = "ondemand"
    /// One line for `virtsim list`.
    public static let summary =
        "load > up_threshold: highest frequency; load < up_threshold - down_differential: lowest frequency keeping load below that (Linux ondemand)"

    /// Load above which the highest frequency is chosen, fraction in (0, 1]. Default 0.8.
    public let upThreshold: Double
    /// Margin below `upThreshold` that the lowered frequency keeps the load under, fraction in
    /// [0, upThreshold). Default 0.1.
    public let downDifferential: Double

    /// Nil if valid, else what is wrong (naming the key).
    public static func check(upThreshold: Double, downDifferential: Double) -> String? {
        if !(upThreshold > 0 && upThreshold <= 1) { return "up_threshold: expected a fraction in (0, 1], found \(upThreshold)" }
        if !(downDifferential >= 0 && downDifferential < upThreshold) {
            return "down_differential: expected a fraction ≥ 0 and below up_threshold (\(upThreshold)), found \(downDifferential)"
        }
        return nil
    }

    /// An ondemand governor (Linux defaults: 0.8, 0.1).
    /// - Precondition: `check` is nil.
    public init(upThreshold: Double = 0.8, downDifferential: Double = 0.1) {
        let problem = Self.check(upThreshold: upThreshold, downDifferential: downDifferential)
        precondition(problem == nil, problem ?? "")
        self.upThreshold = upThreshold; self.downDifferential = downDifferential
    }

    /// Registry name.
    public var name: String { Self.name }
    /// Decisions follow the load.
    public var followsLoad: Bool { true }
    /// P-state 0.
    public func highestPState(_ frequenciesMHz: [Double]) -> Int { 0 }
    /// P-state 0 (ASSUMPTION: firmware hands the host over at its nominal frequency).
    public func initialState(_ frequenciesMHz: [Double]) -> GovernorState { .at(0, frequenciesMHz) }

    /// Steps 1–3 above.
    public func next(_ state: GovernorState, load: Double, frequenciesMHz f: [Double]) -> GovernorState {
        if load > upThreshold { return .at(0, f) }
        let low = upThreshold - downDifferential
        guard load < low, state.pstate < f.count - 1 else { return .at(state.pstate, f) }
        let target = max(f[f.count - 1], load * f[state.pstate] / low)
        return .at(FrequencyRelation.lowestAtOrAbove(target, f), f)
    }
}
