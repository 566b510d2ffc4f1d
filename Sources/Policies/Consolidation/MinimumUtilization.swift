/// MU, minimum utilization: the candidate with the smallest current CPU utilization, computed
/// as CloudSim does, `(u(t) × MIPS) / MIPS` — the requested MIPS divided back by the nominal
/// MIPS, which can differ from u(t) by one ulp between VM sizes (CloudSimPlanetLab.md §6 step 3
/// and §10.1; CloudSim class `PowerVmSelectionPolicyMinimumUtilization`, used by `ThrMu08`).
/// Ties go to the first candidate in the host's VM list (strict `<`, starting from
/// `Double.MAX_VALUE`).
///
/// "MU" is *minimum* utilization: CloudSim's class name and CloudSimPlanetLab.md §6 define it
/// so (not maximum utilization).
public struct MinimumUtilization: VMSelectionPolicy {
    /// Registry name.
    public static let name = "mu"
    /// One-line summary for `virtsim list`.
    public static let summary = "minimum utilization: VM with the lowest requested MIPS / MIPS; ties to the first (CloudSim MU)"
    /// Registry name (`mu`).
    public var name: String { Self.name }

    /// MU.
    public init() {}

    /// Index of the candidate with the smallest `requestedMips / mips`, first on ties; nil if
    /// there are none (or, as in CloudSim, if no metric is below `Double.MAX_VALUE`).
    /// - Complexity: O(n).
    public func selectVM<C: VMCandidateList>(from c: C, uniform: () -> Double) -> Int? {
        var best: Int? = nil
        var minMetric = Double.greatestFiniteMagnitude
        for i in 0..<c.count {
            let metric = c.requestedMips(i) / c.mips(i)
            if metric < minMetric {
                minMetric = metric
                best = i
            }
        }
        return best
    }
}
