/// MAD, the median-absolute-deviation adaptive threshold: the host is overloaded when its
/// requested utilization is strictly greater than `1 − safety · MAD(history)`
/// (CloudSimPlanetLab.md §5; CloudSim class
/// `PowerVmAllocationPolicyMigrationMedianAbsoluteDeviation`).
///
/// CloudSim details kept:
/// - the same history gate as IQR: at least `minimumHistory` = 12 values after trimming the
///   zeros at the oldest end, else the `fallback` (THR 0.7) decides (§5, §10.6);
/// - `MathUtil.mad` = median of |median − xᵢ|, both medians from commons-math3's legacy
///   `Percentile(50)`: for an even count `lower + 0.5·(upper − lower)` (§10.8 "MAD median");
///   no 1.4826 consistency factor; see `CloudSimMath.medianAbsoluteDeviation(_:)`;
/// - the comparison is strict (`>`), on the uncapped requested utilization (§10.2 (a)).
public struct MADDetector: OverloadDetector {
    /// Registry name.
    public static let name = "mad"
    /// One-line summary for `virtsim list`.
    public static let summary = "median absolute deviation: overloaded when requested utilization > 1 − safety·MAD(history) (CloudSim MAD)"

    /// Safety parameter s ≥ 0 (CloudSim examples: 2.5).
    public let safety: Double
    /// Minimum trimmed history length, values (CloudSim: 12; ≥ 1).
    public let minimumHistory: Int
    /// Decides while the history is too short (CloudSim: THR 0.7).
    public let fallback: ThresholdDetector

    /// Registry name (`mad`).
    public var name: String { Self.name }
    /// MAD reads the history.
    public var readsHistory: Bool { true }

    /// A MAD detector.
    /// - Parameters:
    ///   - safety: s ≥ 0 (default 2.5, as `MadMmt25`).
    ///   - minimumHistory: ≥ 1 (default 12).
    ///   - fallback: used below `minimumHistory` (default THR 0.7).
    public init(
        safety: Double = 2.5, minimumHistory: Int = 12,
        fallback: ThresholdDetector = .cloudSimFallback
    ) {
        precondition(safety >= 0, "CloudSim exits on a negative safety parameter")
        precondition(minimumHistory >= 1)
        self.safety = safety
        self.minimumHistory = minimumHistory
        self.fallback = fallback
    }

    /// Overloaded iff `requestedUtilization > 1 − safety · MAD`; metric = that upper threshold.
    /// - Complexity: O(n²) on the ≤ 30 history values, no allocation.
    public func evaluate(_ host: HostHistoryView) -> OverloadDecision {
        let h = host.trimmedHistory
        if h.count < minimumHistory { return fallback.evaluateAsFallback(host) }
        let upper = 1 - safety * CloudSimMath.medianAbsoluteDeviation(h)
        return OverloadDecision(overloaded: host.requestedUtilization > upper, metric: upper)
    }
}
