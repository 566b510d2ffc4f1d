/// MMT, minimum migration time: the candidate with the smallest nominal RAM (its migration
/// time is RAM / (host bandwidth / 16000), and the bandwidth is the host's, the same for every
/// candidate, so CloudSim compares RAM alone). Ties go to the **first** candidate in the host's
/// VM list (strict `<`, starting from `Double.MAX_VALUE`); ties are common, since types 1 and 2
/// both have 1740 MB (CloudSimPlanetLab.md §6 step 3 and §10.1; CloudSim class
/// `PowerVmSelectionPolicyMinimumMigrationTime`).
public struct MinimumMigrationTime: VMSelectionPolicy {
    /// Registry name.
    public static let name = "mmt"
    /// One-line summary for `virtsim list`.
    public static let summary = "minimum migration time: VM with the least RAM; ties to the first in the host's list (CloudSim MMT)"
    /// Registry name (`mmt`).
    public var name: String { Self.name }

    /// MMT.
    public init() {}

    /// Index of the candidate with the least RAM, first on ties; nil if there are none.
    /// - Complexity: O(n).
    public func selectVM<C: VMCandidateList>(from c: C, uniform: () -> Double) -> Int? {
        var best: Int? = nil
        var minMetric = Double.greatestFiniteMagnitude
        for i in 0..<c.count {
            let metric = Double(c.ramMB(i))
            if metric < minMetric {
                minMetric = metric
                best = i
            }
        }
        return best
    }
}
