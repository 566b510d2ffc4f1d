/// THR, the static threshold: the host is overloaded when its requested utilization (Σ requested
/// MIPS of its VMs / host MIPS, uncapped) is **strictly** greater than `threshold`
/// (CloudSimPlanetLab.md §5 and §10.8 "Number types and comparisons"; CloudSim class
/// `PowerVmAllocationPolicyMigrationStaticThreshold`). Reads no history.
///
/// With threshold 0.7 it is also the fallback of IQR, MAD, LR and LRR while their history is too
/// short (`EX/RunnerAbstract.java`), see `ThresholdDetector.cloudSimFallback`.
public struct ThresholdDetector: OverloadDetector {
    /// Registry name.
    public static let name = "thr"
    /// One-line summary for `virtsim list`.
    public static let summary = "static threshold: overloaded when requested utilization > threshold (CloudSim THR)"
    /// The fallback CloudSim's examples give IQR, MAD, LR and LRR: THR with threshold 0.7.
    public static let cloudSimFallback = ThresholdDetector(threshold: 0.7)

    /// Upper utilization threshold, a fraction of host MIPS (CloudSim examples: 0.8; any value
    /// ≥ 0, values ≥ 1 only flag hosts whose demand exceeds their capacity).
    public let threshold: Double

    /// Registry name (`thr`).
    public var name: String { Self.name }
    /// THR reads no history.
    public var readsHistory: Bool { false }

    /// A static-threshold detector.
    /// - Parameter threshold: fraction of host MIPS, ≥ 0 (default 0.8, as `ThrMmt08`).
    public init(threshold: Double = 0.8) {
        self.threshold = threshold
    }

    /// Overloaded iff `requestedMips / capacityMips > threshold`; metric = threshold.
    @inlinable
    public func evaluate(_ host: HostHistoryView) -> OverloadDecision {
        OverloadDecision(overloaded: host.requestedUtilization > threshold, metric: threshold)
    }

    /// This detector's decision reported as a fallback's (`usedFallback` set).
    @inlinable
    func evaluateAsFallback(_ host: HostHistoryView) -> OverloadDecision {
        var d = evaluate(host)
        d.usedFallback = true
        return d
    }
}
