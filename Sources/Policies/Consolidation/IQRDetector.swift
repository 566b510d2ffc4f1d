/// IQR, the interquartile-range adaptive threshold: the host is overloaded when its requested
/// utilization is strictly greater than `1 − safety · IQR(history)` (CloudSimPlanetLab.md §5;
/// CloudSim class `PowerVmAllocationPolicyMigrationInterQuartileRange`).
///
/// CloudSim details kept:
/// - the history is trimmed of zeros at its oldest end (`trimZeroTail`, §10.6) and must then
///   hold at least `minimumHistory` = 12 values (`countNonZeroBeginning(data) >= 12`), else the
///   `fallback` (THR 0.7) decides (§5, §10.6: IQR decides from 3600.1 s on);
/// - `MathUtil.iqr` sorts and reads x[round(0.25(n+1)) − 1] and x[round(0.75(n+1)) − 1] with
///   Java's half-up `Math.round`, no interpolation (§5, §10.8 "IQR rounding"); see
///   `CloudSimMath.interquartileRange(_:)`;
/// - the comparison is strict (`>`), on the uncapped requested utilization (§10.2 (a)).
public struct IQRDetector: OverloadDetector {
    /// Registry name.
    public static let name = "iqr"
    /// One-line summary for `virtsim list`.
    public static let summary = "interquartile range: overloaded when requested utilization > 1 − safety·IQR(history) (CloudSim IQR)"

    /// Safety parameter s ≥ 0 (CloudSim examples: 1.5); larger s lowers the threshold.
    public let safety: Double
    /// Minimum trimmed history length, values (CloudSim: 12; ≥ 2).
    public let minimumHistory: Int
    /// Decides while the history is too short (CloudSim: THR 0.7).
    public let fallback: ThresholdDetector

    /// Registry name (`iqr`).
    public var name: String { Self.name }
    /// IQR reads the history.
    public var readsHistory: Bool { true }

    /// An IQR detector.
    /// - Parameters:
    ///   - safety: s ≥ 0 (default 1.5, as `IqrMmt15`).
    ///   - minimumHistory: ≥ 2 (default 12).
    ///   - fallback: used below `minimumHistory` (default THR 0.7).
    public init(
        safety: Double = 1.5, minimumHistory: Int = 12,
        fallback: ThresholdDetector = .cloudSimFallback
    ) {
        precondition(safety >= 0, "CloudSim exits on a negative safety parameter")
        precondition(minimumHistory >= 2, "MathUtil.iqr needs 2 values")
        self.safety = safety
        self.minimumHistory = minimumHistory
        self.fallback = fallback
    }

    /// Overloaded iff `requestedUtilization > 1 − safety · IQR`; metric = that upper threshold.
    /// - Complexity: O(n²) on the ≤ 30 history values, no allocation.
    public func evaluate(_ host: HostHistoryView) -> OverloadDecision {
        let h = host.trimmedHistory
        if h.count < minimumHistory { return fallback.evaluateAsFallback(host) }
        let upper = 1 - safety * CloudSimMath.interquartileRange(h)
        return OverloadDecision(overloaded: host.requestedUtilization > upper, metric: upper)
    }
}
