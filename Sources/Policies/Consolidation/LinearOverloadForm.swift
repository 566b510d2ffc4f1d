/// The verdict of a detector that predicts a host's utilization as a linear function of its
/// history (LR, unweighted or weighted): with at least `window` values after the zeros at the
/// oldest end are trimmed, overloaded iff `safety · (A + B · (window + m)) >= 1`, where
/// A = Σ αᵢ yᵢ and B = Σ βᵢ yᵢ over the `window` newest values yᵢ (oldest first) are the
/// fitted intercept and slope (least squares with fixed weights is linear in y) and
/// m = ⌈longest migration time / scheduling interval⌉.
///
/// A caller that tests many hosts with a VM added (dynamic consolidation's target search) can
/// evaluate this form in O(window) on the summed history, and skip the detector's own test
/// where the form's prediction is over or under the threshold by far more than any rounding
/// (`certainVerdict`): the detector would decide the same.
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

    /// The form's sums over one history's `window` newest values yᵢ (oldest first): Σαᵢyᵢ
    /// (intercept), Σβᵢyᵢ (slope) and the magnitudes Σ|αᵢ||yᵢ|, Σ|βᵢ||yᵢ|. Linear, so a host's
    /// and a VM's sums add up to the sums of their summed history (up to rounding, which the
    /// margin covers).
    public struct Sums: Sendable {
        public var intercept = 0.0, slope = 0.0, interceptSize = 0.0, slopeSize = 0.0
        public init() {}
    }

    /// The sums of the `window` newest values, oldest first.
    @inlinable
    public func sums(newest y: UnsafeBufferPointer<Double>) -> Sums {
        var s = Sums()
        for i in 0..<window {
            s.intercept += interceptWeights[i] * y[i]
            s.slope += slopeWeights[i] * y[i]
            s.interceptSize += abs(interceptWeights[i]) * abs(y[i])
            s.slopeSize += abs(slopeWeights[i]) * abs(y[i])
        }
        return s
    }

    /// The detector's verdict on a host whose history is the host's plus `scale` times the
    /// VM's (the sums of each), judged on the linear form with a margin: true (overloaded) when
    /// `safety · prediction − 1` exceeds the margin times the values' magnitude, false when it
    /// is below minus that, nil in between (or with a NaN): outside the band the detector,
    /// computing the same prediction with other roundings, decides the same. The caller checks
    /// that the summed history reaches `window` values (else the fallback decides).
    /// - Parameters:
    ///   - scale: the VM's values are multiplied by it (VM MIPS / host MIPS), ≥ 0.
    ///   - maxMigrationTimeS: the longest migration time, s, as the detector would be given.
    @inlinable
    public func certainVerdict(host: Sums, vm: Sums, scale f: Double, maxMigrationTimeS: Double) -> Bool? {
        let m = (maxMigrationTimeS / schedulingIntervalS).rounded(.up)
        let x = Double(window) + m
        let prediction = host.intercept + f * vm.intercept + (host.slope + f * vm.slope) * x
        let size = host.interceptSize + f * vm.interceptSize + (host.slopeSize + f * vm.slopeSize) * x
        let excess = safety * prediction - 1, band = Self.margin * (1 + safety * size)
        if excess > band { return true }
        if excess < -band { return false }
        return nil
    }
}
