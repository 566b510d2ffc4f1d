/// The verdict of a detector that predicts a host's utilization as a linear function of its
/// history (LR, unweighted or weighted): with at least `window` values after the zeros at the
/// oldest end are trimmed, overloaded iff `safety · (A + B · (window + m)) >= 1`, where
/// A = Σ αᵢ yᵢ and B = Σ βᵢ yᵢ over the `window` newest values yᵢ (oldest first) are the
/// fitted intercept and slope (least squares with fixed weights is linear in y) and
/// m = ⌈longest migration time / scheduling interval⌉.
///
/// A caller that tests many hosts with a VM added (dynamic consolidation's target search) can
/// evaluate this form in O(window) on the summed history, and skip the detector's own test
/// where the form's prediction is over the threshold by far more than any rounding
/// (`isCertainlyOverloaded`): the detector would refuse the host too.
public struct LinearOverloadForm: Sendable {
    /// Values fitted (the newest), and the history length below which the fallback decides.
    public let window: Int
    /// The detector's safety parameter s (≥ 0).
    public let safety: Double
    /// Scheduling interval, s (> 0): the step of the history and of the prediction horizon.
    public let schedulingIntervalS: Double
    /// αᵢ, βᵢ: the fitted intercept and slope of a history with 1 at position i (oldest first)
    /// and 0 elsewhere, i.e. the weights of the linear maps y ↦ intercept and y ↦ slope.
    public let interceptWeights: [Double]
    public let slopeWeights: [Double]

    /// The form of a fit: its weights are read off by fitting the `window` unit histories.
    /// - Parameter estimates: the detector's fit (intercept, slope) of `window` values, oldest
    ///   first; it must be linear in the values.
    public init(
        window: Int, safety: Double, schedulingIntervalS: Double,
        estimates: (UnsafeBufferPointer<Double>) -> (intercept: Double, slope: Double)
    ) {
        self.window = window
        self.safety = safety
        self.schedulingIntervalS = schedulingIntervalS
        var unit = [Double](repeating: 0, count: window)
        var a: [Double] = [], b: [Double] = []
        for i in 0..<window {
            unit[i] = 1
            let e = unit.withUnsafeBufferPointer { estimates($0) }
            a.append(e.intercept); b.append(e.slope)
            unit[i] = 0
        }
        interceptWeights = a
        slopeWeights = b
    }

    /// Relative margin: far above the rounding error of a 10-value fit in doubles (~1e-15 of
    /// the values' magnitude), far below any difference a verdict could hinge on.
    public static let margin = 1e-9

    /// Whether the detector calls a host with these `window` newest values (oldest first) and
    /// this longest migration time overloaded, judged on the linear form with a margin: true
    /// only when `safety · prediction − 1` exceeds the margin times the values' magnitude, so
    /// the detector, computing the same prediction with other roundings, says overloaded too.
    /// The caller checks that the history reaches `window` values (else the fallback decides).
    /// - Parameters:
    ///   - newest: the `window` newest history values, oldest first (fractions of capacity).
    ///   - maxMigrationTimeS: the longest migration time, s, as the detector would be given.
    @inlinable
    public func isCertainlyOverloaded(newest y: UnsafeBufferPointer<Double>, maxMigrationTimeS: Double) -> Bool {
        let m = (maxMigrationTimeS / schedulingIntervalS).rounded(.up)
        let x = Double(window) + m
        var a = 0.0, b = 0.0, size = 0.0
        for i in 0..<window {
            a += interceptWeights[i] * y[i]
            b += slopeWeights[i] * y[i]
            size += (abs(interceptWeights[i]) + abs(slopeWeights[i]) * x) * abs(y[i])
        }
        let excess = safety * (a + b * x) - 1
        // NaN anywhere: not certain
        return excess > Self.margin * (1 + safety * size)
    }
}
