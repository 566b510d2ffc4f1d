/// `performance`: always the highest frequency (Linux cpufreq, `cpufreq.rst`: "causes the
/// highest frequency, within the `scaling_max_freq` policy limit, to be requested"; the
/// request is made once, when the governor is attached).
///
/// The host runs at P-state 0 whenever it is on: capacity and power are those of the host
/// type without DVFS. No parameters.
public struct PerformanceGovernor: DVFSGovernor, Equatable {
    /// Registry name.
    public static let name = "performance"
    /// One line for `virtsim list`.
    public static let summary = "always the highest frequency (P-state 0)"

    /// The governor.
    public init() {}

    /// Registry name.
    public var name: String { Self.name }
    /// The P-state is fixed.
    public var followsLoad: Bool { false }
    /// P-state 0.
    public func highestPState(_ frequenciesMHz: [Double]) -> Int { 0 }
    /// P-state 0.
    public func initialState(_ frequenciesMHz: [Double]) -> GovernorState { .at(0, frequenciesMHz) }
    /// P-state 0, whatever the load.
    public func next(_ state: GovernorState, load: Double, frequenciesMHz: [Double]) -> GovernorState { .at(0, frequenciesMHz) }
}
