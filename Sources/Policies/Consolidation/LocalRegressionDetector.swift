/// LR, local regression: fits a line to the host's `window` = 10 newest utilization values
/// (oldest first, x = 1…10), predicts the utilization `ceil(Tm / schedulingInterval)`
/// intervals after the newest, and calls the host overloaded when
/// `safety · predicted >= 1` (CloudSimPlanetLab.md §5; CloudSim class
/// `PowerVmAllocationPolicyMigrationLocalRegression`).
///
/// CloudSim details kept:
/// - Tm = the host's longest VM migration time (largest nominal RAM / (bandwidth / 16000),
///   27.84 s for 1740 MB on 1 Gbit/s), so `ceil(Tm / 300)` = 1 for every PlanetLab VM type and
///   the prediction is at x = 11;
/// - fewer than `window` values after trimming the zeros at the oldest end → the `fallback`
///   (THR 0.7 on the requested utilization) decides (§5; §10.6: LR decides from 3000.1 s on);
/// - **the "local" weights are never applied** (§5): `MathUtil.createWeigthedLinearRegression`
///   uses weights only if ≥ 40% are ≤ 0, and its tricube weights never are, so the fit is
///   ordinary least squares by commons-math3 `SimpleRegression` — the default here
///   (`weighted: false`); see `CloudSimMath.cloudSimLoessEstimates(_:)`;
/// - the comparison is `>=` (§10.8), on a prediction that may be NaN (then false).
///
/// `weighted: true` is the **realistic** variant: weighted least squares with Cleveland's
/// tricube weights centred on the newest value (weight 1) and reaching 0 at the oldest, as
/// Beloglazov & Buyya (CCPE 2012) describe the method; see
/// `CloudSimMath.tricubeLoessEstimates(_:)`.
public struct LocalRegressionDetector: OverloadDetector {
    /// Registry name.
    public static let name = "lr"
    /// One-line summary for `virtsim list`.
    public static let summary = "local regression: overloaded when safety × utilization predicted one migration ahead >= 1 (CloudSim LR)"

    /// Safety parameter s ≥ 0 (CloudSim examples: 1.2).
    public let safety: Double
    /// Scheduling interval, seconds (> 0; CloudSim: 300): the time step of the history.
    public let schedulingIntervalS: Double
    /// Number of newest values fitted, and the minimum history length (CloudSim: 10; ≥ 3).
    public let window: Int
    /// false (default): CloudSim 3.0.3's unweighted fit; true: the paper's tricube-weighted fit.
    public let weighted: Bool
    /// Decides while the history is too short (CloudSim: THR 0.7).
    public let fallback: ThresholdDetector

    /// Registry name (`lr`).
    public var name: String { Self.name }
    /// LR reads the history.
    public var readsHistory: Bool { true }
    /// The `window` newest values and whether there are `window` (`localRegressionDecision`).
    public var newestValuesRead: Int? { window }

    /// An LR detector.
    /// - Parameters:
    ///   - safety: s ≥ 0 (default 1.2, as `LrMmt12`).
    ///   - schedulingIntervalS: seconds, > 0 (default 300).
    ///   - window: values fitted, ≥ 3 (default 10).
    ///   - weighted: false = CloudSim (OLS), true = tricube-weighted ("realistic").
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

    /// Overloaded iff `safety · predicted >= 1`; metric = `safety · predicted`.
    /// - Complexity: O(window), no allocation.
    public func evaluate(_ host: HostHistoryView) -> OverloadDecision {
        localRegressionDecision(
            host, safety: safety, schedulingIntervalS: schedulingIntervalS,
            window: window, fallback: fallback
        ) { y in
            weighted ? CloudSimMath.tricubeLoessEstimates(y) : CloudSimMath.cloudSimLoessEstimates(y)
        }
    }

    /// The fit's weights (`LinearOverloadForm`): least squares with fixed weights on x = 1…window
    /// is linear in the values, unweighted or tricube-weighted.
    public var linearForm: LinearOverloadForm? {
        LinearOverloadForm(window: window, safety: safety, schedulingIntervalS: schedulingIntervalS) { y in
            weighted ? CloudSimMath.tricubeLoessEstimates(y) : CloudSimMath.cloudSimLoessEstimates(y)
        }
    }

    /// CloudSim's migration time of a VM, seconds: `ramMB / (hostBandwidthKbps / (2 · 8000))`
    /// (`getMaximumVmMigrationTime`, CloudSimPlanetLab.md §4: half the host link, MB → Mbit).
    /// 1740 MB on 1,000,000 kbit/s → 27.84 s. Pass the largest RAM among the host's VMs to get
    /// `HostHistoryView.maxMigrationTimeS`.
    /// - Parameters:
    ///   - ramMB: nominal VM RAM, MB (an `int` in CloudSim).
    ///   - hostBandwidthKbps: host bandwidth, kbit/s (a `long` in CloudSim), > 0.
    @inlinable
    public static func migrationTimeS(ramMB: Int, hostBandwidthKbps: Int) -> Double {
        Double(ramMB) / (Double(hostBandwidthKbps) / Double(2 * 8000))
    }
}

/// The decision shared by LR and LRR (`isHostOverUtilized` of
/// `PowerVmAllocationPolicyMigrationLocalRegression`): gate, fit, predict, compare.
func localRegressionDecision(
    _ host: HostHistoryView, safety: Double, schedulingIntervalS: Double, window: Int,
    fallback: ThresholdDetector,
    estimates: (UnsafeBufferPointer<Double>) -> (intercept: Double, slope: Double)
) -> OverloadDecision {
    let h = host.trimmedHistory
    if h.count < window { return fallback.evaluateAsFallback(host) }
    // The `window` newest values, oldest first (CloudSim reverses its newest-first array).
    let y = UnsafeBufferPointer(rebasing: h[(h.count - window)...])
    let e = estimates(y)
    let migrationIntervals = (host.maxMigrationTimeS / schedulingIntervalS).rounded(.up)
    var predicted = e.intercept + e.slope * (Double(window) + migrationIntervals)
    predicted *= safety
    return OverloadDecision(overloaded: predicted >= 1, metric: predicted)
}
