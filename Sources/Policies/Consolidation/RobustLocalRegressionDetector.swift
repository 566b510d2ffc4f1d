/// LRR, robust local regression: LR with one robustness iteration (residuals → bisquare
/// weights → refit) before predicting (CloudSimPlanetLab.md §5 and §9; CloudSim class
/// `PowerVmAllocationPolicyMigrationLocalRegressionRobust`, `MathUtil
/// .getRobustLoessParameterEstimates`). Same gate, fallback, prediction point and `>=` as
/// `LocalRegressionDetector`.
///
/// CloudSim 3.0.3 (`weighted: false`, the default): the bisquare weights, like the tricube
/// ones, are applied only if ≥ 40% are ≤ 0, so the second pass is the same OLS on the same data
/// and **LRR decides exactly as LR** (§5; the section 8 LRR-MMT runs equal LR-MMT). The one
/// exception is kept too: when median |residual| = 0 but some residuals are not, those points get
/// weight 0, the weights are applied, the sums overflow and the estimates are NaN; 3.0.3's NaN
/// guard (`== Double.NaN`, always false) lets the NaN through and the host is *not* overloaded.
/// See `CloudSimMath.cloudSimRobustLoessEstimates(_:)`.
///
/// `weighted: true` is the **realistic** variant: tricube-weighted fit, then one refit with
/// tricube × bisquare weights (Cleveland 1979), falling back to the first fit if the refit is
/// degenerate; see `CloudSimMath.robustTricubeLoessEstimates(_:)`.
public struct RobustLocalRegressionDetector: OverloadDetector {
    /// Registry name.
    public static let name = "lrr"
    /// One-line summary for `virtsim list`.
    public static let summary = "robust local regression (bisquare refit); in CloudSim 3.0.3 it decides as LR (CloudSim LRR)"

    /// Safety parameter s ≥ 0 (CloudSim examples: 1.2).
    public let safety: Double
    /// Scheduling interval, seconds (> 0; CloudSim: 300).
    public let schedulingIntervalS: Double
    /// Number of newest values fitted, and the minimum history length (CloudSim: 10; ≥ 3).
    public let window: Int
    /// false (default): CloudSim 3.0.3's arithmetic; true: the paper's weighted robust fit.
    public let weighted: Bool
    /// Decides while the history is too short (CloudSim: THR 0.7).
    public let fallback: ThresholdDetector

    /// Registry name (`lrr`).
    public var name: String { Self.name }
    /// LRR reads the history.
    public var readsHistory: Bool { true }
    /// The `window` newest values and whether there are `window` (`localRegressionDecision`).
    public var newestValuesRead: Int? { window }

    /// An LRR detector.
    /// - Parameters:
    ///   - safety: s ≥ 0 (default 1.2, as `LrrMmt12`).
    ///   - schedulingIntervalS: seconds, > 0 (default 300).
    ///   - window: values fitted, ≥ 3 (default 10).
    ///   - weighted: false = CloudSim 3.0.3, true = tricube × bisquare weighted ("realistic").
    ///   - fallback: used below `window` values (default THR 0.7).
    public init(
        safety: Double = 1.2, schedulingIntervalS: Double = 300, window: Int = 10,
        weighted: Bool = false, fallback: ThresholdDetector = .cloudSimFallback
    ) {
        precondition(safety >= 0 && schedulingIntervalS > 0 && window >= 3)
        self.safety = safety
        self.schedulingIntervalS = schedulingIntervalS
        self.window = window
        self.weighted = weighted
        self.fallback = fallback
    }

    /// Overloaded iff `safety · predicted >= 1` (false if the prediction is NaN);
    /// metric = `safety · predicted`.
    /// - Complexity: O(window²) (a median of the residuals), no allocation.
    public func evaluate(_ host: HostHistoryView) -> OverloadDecision {
        localRegressionDecision(
            host, safety: safety, schedulingIntervalS: schedulingIntervalS,
            window: window, fallback: fallback
        ) { y in
            weighted ? CloudSimMath.robustTricubeLoessEstimates(y) : CloudSimMath.cloudSimRobustLoessEstimates(y)
        }
    }
}
