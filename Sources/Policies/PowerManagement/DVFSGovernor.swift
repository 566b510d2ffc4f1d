/// What a DVFS governor remembers about one host between samples.
///
/// `pstate` indexes the host type's P-state table (0 = highest frequency). `requestedMHz` is
/// the frequency the governor last asked for; it equals the P-state's frequency except under
/// `conservative`, which accumulates steps of `freq_step` × f_max that may fall between table
/// frequencies (Linux's `requested_freq`, `drivers/cpufreq/cpufreq_conservative.c`).
public struct GovernorState: Sendable, Equatable {
    /// P-state index, 0..<count.
    public var pstate: Int
    /// Last requested frequency, MHz (same unit as the table), within [f_min, f_max].
    public var requestedMHz: Double

    /// A state.
    public init(pstate: Int, requestedMHz: Double) { self.pstate = pstate; self.requestedMHz = requestedMHz }

    /// P-state `k` of `frequenciesMHz`, requesting exactly its frequency.
    public static func at(_ k: Int, _ frequenciesMHz: [Double]) -> GovernorState {
        GovernorState(pstate: k, requestedMHz: frequenciesMHz[k])
    }
}

/// A CPU frequency governor (Linux cpufreq, `Documentation/admin-guide/pm/cpufreq.rst`): a
/// pure decision from the host's governor state and its load at the current P-state to the
/// next state. The engine samples the load and applies the decision (`ArmSimulation`).
///
/// Inputs: `frequenciesMHz` is the host type's P-state table, strictly decreasing (index 0 =
/// f_max); `load` is the busy fraction of the host's CPUs at the current frequency, 0...1 —
/// what cpufreq's `dbs_update` measures (non-idle time over wall time), so the same work is a
/// higher load at a lower frequency. One frequency domain per host: all cores share the
/// P-state (ASSUMPTION; the kernel takes the highest load over a policy's CPUs, which equals
/// the host's utilization when the hypervisor spreads vCPUs evenly).
///
/// A governor is one file and one line in `GovernorRegistry.all`.
public protocol DVFSGovernor: Sendable {
    /// Registry name (`ondemand`).
    var name: String { get }
    /// Whether decisions depend on the load. `false` (performance, powersave): the P-state is
    /// set when the host is switched on and never changes, so the engine never samples.
    var followsLoad: Bool { get }
    /// The highest-frequency P-state the governor may ever choose (cpufreq's
    /// `scaling_max_freq` limit): placement reserves against this P-state's capacity.
    func highestPState(_ frequenciesMHz: [Double]) -> Int
    /// The state of a host when it is switched on.
    func initialState(_ frequenciesMHz: [Double]) -> GovernorState
    /// The state after one sample with `load` (0...1) at the current state.
    func next(_ state: GovernorState, load: Double, frequenciesMHz: [Double]) -> GovernorState
}

/// cpufreq's frequency-table relations (`include/linux/cpufreq.h`), over a strictly
/// decreasing table. Targets are compared with a relative tolerance of 1e-12, so a target
/// equal to a table frequency up to rounding resolves to that frequency.
public enum FrequencyRelation {
    /// `CPUFREQ_RELATION_L`: the lowest frequency at or above `target` (f_max if none).
    public static func lowestAtOrAbove(_ target: Double, _ f: [Double]) -> Int {
        let t = target * (1 - 1e-12)
        var k = 0
        while k + 1 < f.count && f[k + 1] >= t { k += 1 }
        return k
    }

    /// `CPUFREQ_RELATION_H`: the highest frequency at or below `target` (f_min if none).
    public static func highestAtOrBelow(_ target: Double, _ f: [Double]) -> Int {
        let t = target * (1 + 1e-12)
        var k = 0
        while k + 1 < f.count && f[k] > t { k += 1 }
        return k
    }
}
