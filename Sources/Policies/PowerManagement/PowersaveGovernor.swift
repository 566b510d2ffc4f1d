/// `powersave`: always the lowest frequency (Linux cpufreq, `cpufreq.rst`: "causes the lowest
/// frequency, within the `scaling_min_freq` policy limit, to be requested"; the request is made
/// once, when the governor is attached).
///
/// The host runs at its last P-state whenever it is on. Since the governor never chooses a
/// higher one, placement reserves against the lowest P-state's capacity (`highestPState`):
/// a host holds fewer VMs, and demand above the reduced capacity is unmet. No parameters.
public struct PowersaveGovernor: DVFSGovernor, Equatable {
    /// Registry name.
    public static let name = "powersave"
    /// One line for `virtsim list`.
    public static let summary = "always the lowest frequency (placement sees the lowest P-state's capacity)"

    /// The governor.
    public init() {}

    /// Registry name.
    public var name: String { Self.name }
    /// The P-state is fixed.
    public var followsLoad: Bool { false }
    /// The last (lowest-frequency) P-state.
    public func highestPState(_ frequenciesMHz: [Double]) -> Int { frequenciesMHz.count - 1 }
    /// The last P-state.
    public func initialState(_ frequenciesMHz: [Double]) -> GovernorState { .at(frequenciesMHz.count - 1, frequenciesMHz) }
    /// The last P-state, whatever the load.
    public func next(_ state: GovernorState, load: Double, frequenciesMHz: [Double]) -> GovernorState {
        .at(frequenciesMHz.count - 1, frequenciesMHz)
    }
}
