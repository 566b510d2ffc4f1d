import SimKernel
import DatacenterModel
import Policies

/// Dynamic voltage and frequency scaling of a `virtsim`-profile arm (scenario key `dvfs:` of an
/// arm): the cpufreq governor every host runs and how often it samples its load.
///
/// Every host type of the arm needs a P-state table (`HostType.pstates`; the scenario decoder
/// reports a type without one). The engine's side — when samples happen, what capacity
/// placement and SLA see, how power follows the P-state — is described on `ArmSimulation`.
public struct DVFSSettings: Sendable {
    /// The governor (`GovernorRegistry`), with its tunables.
    public var governor: any DVFSGovernor
    /// Governor sampling period, > 0. Default 10 ms: cpufreq's `sampling_rate` "Typically, it
    /// is set to values of the order of 10000 (10 ms)" (`Documentation/admin-guide/pm/cpufreq.rst`;
    /// 1000 × a 10-µs transition latency). A host is sampled only while its load or P-state
    /// has changed since its last sample, so the number of events does not grow with 1/interval.
    public var interval: SimDuration

    /// The default sampling period, 10 ms.
    public static let defaultInterval = SimDuration(microseconds: 10_000)

    /// Settings; the governor defaults to `ondemand` with Linux's tunables.
    public init(governor: any DVFSGovernor = OndemandGovernor(), interval: SimDuration = DVFSSettings.defaultInterval) {
        self.governor = governor; self.interval = interval
    }

    /// Nil if valid, else the first problem, naming the key.
    public func check() -> String? {
        if interval <= .zero { return "interval: expected a duration > 0, found \(interval.seconds) s" }
        return nil
    }
}
