/// Numerical routines that reproduce, operation for operation, the arithmetic CloudSim 3.0.3
/// uses in its dynamic-consolidation policies: `CS/util/MathUtil.java` (`iqr`, `mad`, `median`,
/// `getLoessParameterEstimates`, `getRobustLoessParameterEstimates`, the tricube and bisquare
/// weights) and the commons-math3 classes it calls (`Percentile` with the legacy estimator,
/// `SimpleRegression`). See `CloudSimPlanetLab.md` §5 and §10.8.
///
/// Why not GSL (the Stochastic module) or a textbook formula: an overload test compares a
/// computed number with a threshold (`>` or `>=`), so one different last bit can flip a
/// decision and, through the migrations it causes, every later number of a run. GSL's
/// `gsl_fit_linear`, `gsl_stats_median` and quantile functions use other formulas and orders of
/// operations (e.g. GSL's median of an even count is `(a + b) / 2`, commons-math's is
/// `a + 0.5 · (b − a)`; they differ, e.g. for 0.01 and 0.03). Reproducing CloudSim's numbers
/// matters more here than using a library.
///
/// All routines are pure and deterministic. Scratch space comes from
/// `withUnsafeTemporaryAllocation`, which stays on the stack up to 1 KiB, so the detectors'
/// routines allocate nothing for CloudSim's histories (≤ 30 values). Inputs must not contain NaN
/// (utilizations never do).
public enum CloudSimMath {

    // MARK: Java and commons-math primitives

    /// Java's `Math.round(double)` for finite, non-negative arguments: the closest integer,
    /// halves rounded up (towards +∞). Used by `MathUtil.iqr` (CloudSimPlanetLab.md §10.8,
    /// "IQR rounding"); Python's half-to-even `round` gives other indices.
    @inlinable
    public static func javaRound(_ x: Double) -> Int {
        Int((x + 0.5).rounded(.down))
    }

    /// The sorted-array indices `MathUtil.iqr` reads for `n` values (CloudSimPlanetLab.md §5):
    /// q1 = `Math.round(0.25·(n+1)) − 1`, q3 = `Math.round(0.75·(n+1)) − 1`.
    /// E.g. n = 12 → (2, 9); n = 13 → (3, 10); n = 17 → (4, 13).
    /// - Precondition: `n >= 2` (for n = 1 CloudSim would read past the end).
    @inlinable
    public static func interquartileRangeIndices(count n: Int) -> (q1: Int, q3: Int) {
        precondition(n >= 2, "MathUtil.iqr needs at least 2 values")
        return (javaRound(0.25 * Double(n + 1)) - 1, javaRound(0.75 * Double(n + 1)) - 1)
    }

    /// The interquartile range as CloudSim's `MathUtil.iqr` computes it: sort, then
    /// `x[q3] − x[q1]` with the indices of `interquartileRangeIndices(count:)` (no
    /// interpolation). CloudSimPlanetLab.md §5 and §10.8.
    /// - Parameter data: values in any order (not modified); `data.count >= 2`.
    /// - Returns: the IQR, in the unit of the data.
    /// - Complexity: O(n²) insertion sort for n ≤ 64 (CloudSim histories have at most 30 values),
    ///   O(n log n) above.
    public static func interquartileRange(_ data: UnsafeBufferPointer<Double>) -> Double {
        let (q1, q3) = interquartileRangeIndices(count: data.count)
        return withSortedCopy(data) { s in s[q3] - s[q1] }
    }

    /// `interquartileRange(_:)` for an array.
    public static func interquartileRange(_ data: [Double]) -> Double {
        data.withUnsafeBufferPointer { interquartileRange($0) }
    }

    /// The median as CloudSim obtains it, from commons-math3 `DescriptiveStatistics
    /// .getPercentile(50)` with the legacy estimator (CloudSimPlanetLab.md §10.8, "MAD
    /// median"): position p = (n+1)/2; for odd n the middle value; for even n
    /// `lower + 0.5 · (upper − lower)`, which is not always bit-equal to `(lower + upper) / 2`
    /// (0.01 and 0.03 give 0.019999999999999997, not 0.02).
    /// - Parameter data: values in any order (not modified).
    /// - Returns: the median; NaN for no values.
    public static func median(_ data: UnsafeBufferPointer<Double>) -> Double {
        let n = data.count
        if n == 0 { return .nan }
        if n == 1 { return data[0] }
        return withSortedCopy(data) { s in legacyMedianOfSorted(UnsafeBufferPointer(s)) }
    }

    /// `median(_:)` for an array.
    public static func median(_ data: [Double]) -> Double {
        data.withUnsafeBufferPointer { median($0) }
    }

    /// The median absolute deviation as CloudSim's `MathUtil.mad` computes it: m = median(x),
    /// then the median of `|m − xᵢ|`, both medians by `median(_:)` (commons-math3 legacy
    /// percentile). 0 for no values. CloudSimPlanetLab.md §5.
    ///
    /// The data are sorted once; the deviations then come out sorted by merging the two sides
    /// of the median (|m − x| is m − x below it and exactly x − m above it), which gives the same
    /// multiset of values as CloudSim's second sort, hence the same median.
    /// - Parameter data: values in any order (not modified).
    /// - Returns: the MAD, in the unit of the data (not scaled by 1.4826).
    /// - Complexity: one O(n²) insertion sort for n ≤ 64, then O(n); no allocation.
    public static func medianAbsoluteDeviation(_ data: UnsafeBufferPointer<Double>) -> Double {
        let n = data.count
        if n == 0 { return 0 }
        return withSortedCopy(data) { s in
            let m = legacyMedianOfSorted(UnsafeBufferPointer(s))
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { dev in
                var hi = 0
                while hi < n && s[hi] <= m { hi += 1 }
                var lo = hi - 1
                for k in 0..<n {
                    let down = lo >= 0 ? abs(m - s[lo]) : .infinity
                    let up = hi < n ? abs(m - s[hi]) : .infinity
                    if down <= up { dev[k] = down; lo -= 1 } else { dev[k] = up; hi += 1 }
                }
                return legacyMedianOfSorted(UnsafeBufferPointer(dev))
            }
        }
    }

    /// `MathUtil.mad` transcribed literally (two medians, each on its own sorted copy); for tests.
    static func medianAbsoluteDeviationReference(_ data: [Double]) -> Double {
        if data.isEmpty { return 0 }
        let m = median(data)
        return median(data.map { abs(m - $0) })
    }

    /// `medianAbsoluteDeviation(_:)` for an array.
    public static func medianAbsoluteDeviation(_ data: [Double]) -> Double {
        data.withUnsafeBufferPointer { medianAbsoluteDeviation($0) }
    }

    // MARK: Local regression (MathUtil.getLoessParameterEstimates and friends)

    /// CloudSim's `MathUtil.getTricubeWeigts(n)`: for i = 2..n−1,
    /// k = (1 − ((n−1−i)/(n−1))³)³ and wᵢ = 1/k (k > 0) or `Double.greatestFiniteMagnitude`;
    /// then w₀ = w₁ = w₂. These are the *reciprocals* of tricube weights, and all are > 0, so
    /// `createWeigthedLinearRegression` never applies them (CloudSimPlanetLab.md §5,
    /// "The local weights are never applied").
    ///
    /// Java's `Math.pow(x, 3)` is computed here as `x·x·x`, which may differ in the last bit.
    /// It cannot show: the values only decide how many weights are ≤ 0 (none, either way), and
    /// in LRR's robust pass they scale bisquare factors that, when applied at all, are 0 or
    /// `greatestFiniteMagnitude` (see `cloudSimRobustLoessEstimates(_:)`).
    /// - Precondition: `weights.count >= 3`.
    public static func cloudSimTricubeWeights(into weights: UnsafeMutableBufferPointer<Double>) {
        let n = weights.count
        precondition(n >= 3, "getTricubeWeigts reads index 2")
        let top = Double(n - 1)
        let spread = top
        for i in 2..<n {
            let d = (top - Double(i)) / spread
            let b = 1 - d * d * d
            let k = b * b * b
            weights[i] = k > 0 ? 1 / k : .greatestFiniteMagnitude
        }
        weights[0] = weights[2]
        weights[1] = weights[2]
    }

    /// CloudSim's `MathUtil.createWeigthedLinearRegression(x, y, w)` followed by
    /// `regress().getParameterEstimates()`, with x = 1…n: if at least 40% of the weights are
    /// ≤ 0, every point is multiplied by √wᵢ (x and y alike, which is not weighted least
    /// squares); otherwise the weights are ignored. Then commons-math3 `SimpleRegression`.
    /// - Returns: (intercept, slope), possibly NaN or infinite when weights were applied.
    public static func cloudSimWeightedRegression(
        _ y: UnsafeBufferPointer<Double>, weights: UnsafeBufferPointer<Double>
    ) -> CloudSimSimpleRegression {
        let n = y.count
        var zero = 0
        for w in weights where w <= 0 { zero += 1 }
        let apply = Double(zero) >= 0.4 * Double(weights.count)
        var reg = CloudSimSimpleRegression()
        for i in 0..<n {
            let x = Double(i + 1)
            if apply {
                let s = weights[i].squareRoot()
                reg.addData(s * x, s * y[i])
            } else {
                reg.addData(x, y[i])
            }
        }
        return reg
    }

    /// CloudSim 3.0.3's "local regression" estimates (`MathUtil.getLoessParameterEstimates`):
    /// x = 1…n, y oldest first, tricube weights that are never applied, so this is ordinary
    /// least squares by commons-math3 `SimpleRegression` (CloudSimPlanetLab.md §5).
    ///
    /// The weights are not even computed here: each is 1/k with k = (1 − d³)³, d ∈ [0, (n−3)/(n−1)],
    /// so k ∈ (0, 1] and every weight is ≥ 1; none is ≤ 0, whatever the data. (The literal
    /// transcription, `cloudSimLoessEstimatesReference(_:)`, is kept for the tests.)
    /// - Parameter y: the utilization values, oldest first (fractions); `y.count >= 3`.
    /// - Returns: (intercept, slope) of y = intercept + slope·x.
    /// - Complexity: O(n), no allocation.
    public static func cloudSimLoessEstimates(_ y: UnsafeBufferPointer<Double>) -> (intercept: Double, slope: Double) {
        precondition(y.count >= 3, "SimpleRegression.regress needs 3 observations")
        return CloudSimSimpleRegression(unitStepY: y).regress()
    }

    /// `MathUtil.getLoessParameterEstimates` transcribed literally: tricube weights, the
    /// ≥ 40%-non-positive test, `SimpleRegression` point by point. Equal, bit for bit, to
    /// `cloudSimLoessEstimates(_:)`; for tests.
    static func cloudSimLoessEstimatesReference(_ y: UnsafeBufferPointer<Double>) -> (intercept: Double, slope: Double) {
        let n = y.count
        precondition(n >= 3, "SimpleRegression.regress needs 3 observations")
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { w in
            cloudSimTricubeWeights(into: w)
            return cloudSimWeightedRegression(y, weights: UnsafeBufferPointer(w)).regress()
        }
    }

    /// CloudSim 3.0.3's robust estimates (`MathUtil.getRobustLoessParameterEstimates`): the
    /// fit of `cloudSimLoessEstimates(_:)`, residuals rᵢ = yᵢ − predict(xᵢ), s6 = 6·median|r|,
    /// bisquare weights (for i ≥ 2: k = (1 − (rᵢ/s6)²)², wᵢ = (1/k)·tricubeᵢ or
    /// `greatestFiniteMagnitude` if k ≤ 0 or NaN; w₀ = w₁ = w₂), one more pass of
    /// `cloudSimWeightedRegression`. CloudSimPlanetLab.md §5 and §9.
    ///
    /// Quirks kept: the bisquare weights are applied only if ≥ 40% of them are ≤ 0, which
    /// happens only when median|r| = 0 and some residuals are not 0 (those get weight 0);
    /// the points are then scaled by √0 or √`greatestFiniteMagnitude`, the sums overflow and
    /// the estimates are NaN. 3.0.3's guard `estimates[0] == Double.NaN` is always false, so
    /// the NaN is returned (HEAD's `isNaN` guard would return the first fit). Otherwise the
    /// second pass is the same OLS on the same data, so LRR decides exactly as LR.
    /// - Parameter y: the utilization values, oldest first (fractions); `y.count >= 3`.
    public static func cloudSimRobustLoessEstimates(_ y: UnsafeBufferPointer<Double>) -> (intercept: Double, slope: Double) {
        let n = y.count
        precondition(n >= 3, "SimpleRegression.regress needs 3 observations")
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * n) { buf in
            let tricube = UnsafeMutableBufferPointer(rebasing: buf[0..<n])
            let residuals = UnsafeMutableBufferPointer(rebasing: buf[n..<(2 * n)])
            let bisquare = UnsafeMutableBufferPointer(rebasing: buf[(2 * n)..<(3 * n)])
            cloudSimTricubeWeights(into: tricube)
            // First pass: the tricube weights are never applied (see cloudSimLoessEstimates).
            let first = CloudSimSimpleRegression(unitStepY: y)
            for i in 0..<n { residuals[i] = y[i] - first.predict(Double(i + 1)) }
            // bisquare temporarily holds |r| for the median
            for i in 0..<n { bisquare[i] = abs(residuals[i]) }
            let s6 = median(UnsafeBufferPointer(bisquare)) * 6
            for i in 2..<n {
                let u = residuals[i] / s6
                let b = 1 - u * u
                let k = b * b
                bisquare[i] = k > 0 ? (1 / k) * tricube[i] : .greatestFiniteMagnitude
            }
            bisquare[0] = bisquare[2]
            bisquare[1] = bisquare[2]
            var nonPositive = 0
            for w in bisquare where w <= 0 { nonPositive += 1 }
            // Weights not applied: the second pass is the first OLS again, same data, same bits.
            if Double(nonPositive) < 0.4 * Double(n) { return first.regress() }
            return cloudSimWeightedRegression(y, weights: UnsafeBufferPointer(bisquare)).regress()
            // 3.0.3: `if (estimates[0] == Double.NaN || ...)` never true, so no fallback here.
        }
    }

    /// `MathUtil.getRobustLoessParameterEstimates` (3.0.3) transcribed literally, both passes
    /// through `cloudSimWeightedRegression`. Equal, bit for bit, to
    /// `cloudSimRobustLoessEstimates(_:)`; for tests.
    static func cloudSimRobustLoessEstimatesReference(_ y: UnsafeBufferPointer<Double>) -> (intercept: Double, slope: Double) {
        let n = y.count
        var tricube = [Double](repeating: 0, count: n)
        tricube.withUnsafeMutableBufferPointer { cloudSimTricubeWeights(into: $0) }
        let first = tricube.withUnsafeBufferPointer { cloudSimWeightedRegression(y, weights: $0) }
        let residuals = (0..<n).map { y[$0] - first.predict(Double($0 + 1)) }
        let s6 = median(residuals.map { abs($0) }) * 6
        var w2 = [Double](repeating: 0, count: n)
        for i in 2..<n {
            let u = residuals[i] / s6
            let b = 1 - u * u
            let k = b * b
            w2[i] = k > 0 ? (1 / k) * tricube[i] : .greatestFiniteMagnitude
        }
        w2[0] = w2[2]
        w2[1] = w2[2]
        return w2.withUnsafeBufferPointer { cloudSimWeightedRegression(y, weights: $0) }.regress()
    }

    // MARK: The paper's local regression (the realistic variant)

    /// Tricube weight of point i (1-based, x = i) of n when the fit is evaluated at the newest
    /// point: wᵢ = (1 − dᵢ³)³ with dᵢ = (n − i)/(n − 1), so the newest point weighs 1 and the
    /// oldest 0 (Cleveland's loess as Beloglazov & Buyya, CCPE 2012, §6.2 describe it).
    @inlinable
    public static func tricubeWeight(point i: Int, of n: Int) -> Double {
        let d = Double(n - i) / Double(n - 1)
        let b = 1 - d * d * d
        return d < 1 ? b * b * b : 0
    }

    /// Weighted least squares of y on x = 1…n with the given weights: slope =
    /// Σw(x−x̄)(y−ȳ) / Σw(x−x̄)², intercept = ȳ − slope·x̄ (weighted means).
    /// - Returns: nil if the weights are all 0 or leave fewer than two distinct x.
    public static func weightedLeastSquares(
        _ y: UnsafeBufferPointer<Double>, weights: UnsafeBufferPointer<Double>
    ) -> (intercept: Double, slope: Double)? {
        var sw = 0.0, swx = 0.0, swy = 0.0
        for i in 0..<y.count {
            let x = Double(i + 1)
            sw += weights[i]; swx += weights[i] * x; swy += weights[i] * y[i]
        }
        guard sw > 0 else { return nil }
        let xm = swx / sw, ym = swy / sw
        var sxx = 0.0, sxy = 0.0
        for i in 0..<y.count {
            let dx = Double(i + 1) - xm
            sxx += weights[i] * dx * dx
            sxy += weights[i] * dx * (y[i] - ym)
        }
        guard sxx > 0, sxy.isFinite else { return nil }
        let slope = sxy / sxx
        return (ym - slope * xm, slope)
    }

    /// The paper's local regression: weighted least squares with `tricubeWeight(point:of:)`,
    /// i.e. the "local" fit CloudSim means to compute but does not (CloudSimPlanetLab.md §5).
    /// - Parameter y: values oldest first; `y.count >= 3`.
    /// - Returns: (intercept, slope) over x = 1…n.
    public static func tricubeLoessEstimates(_ y: UnsafeBufferPointer<Double>) -> (intercept: Double, slope: Double) {
        let n = y.count
        precondition(n >= 3, "local regression needs 3 observations")
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { w in
            for i in 0..<n { w[i] = tricubeWeight(point: i + 1, of: n) }
            return weightedLeastSquares(y, weights: UnsafeBufferPointer(w)) ?? ordinaryLeastSquares(y)
        }
    }

    /// The paper's robust local regression: the tricube fit, residuals rᵢ, s = median|r|,
    /// bisquare factors B(u) = (1 − u²)² for |u| < 1 else 0 with u = rᵢ/(6s), one refit with
    /// weights tricubeᵢ·Bᵢ (Cleveland 1979, one robustness iteration as in CCPE 2012). If s = 0
    /// (at least half the points fitted exactly) or the refit is degenerate, the tricube fit is
    /// returned (the guard HEAD's `isNaN` test gives).
    /// - Parameter y: values oldest first; `y.count >= 3`.
    public static func robustTricubeLoessEstimates(_ y: UnsafeBufferPointer<Double>) -> (intercept: Double, slope: Double) {
        let n = y.count
        precondition(n >= 3, "local regression needs 3 observations")
        let first = tricubeLoessEstimates(y)
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { buf in
            let r = UnsafeMutableBufferPointer(rebasing: buf[0..<n])
            let w = UnsafeMutableBufferPointer(rebasing: buf[n..<(2 * n)])
            for i in 0..<n {
                r[i] = y[i] - (first.intercept + first.slope * Double(i + 1))
                w[i] = abs(r[i])
            }
            let s = median(UnsafeBufferPointer(w))
            guard s > 0, s.isFinite else { return first }
            for i in 0..<n {
                let u = r[i] / (6 * s)
                let b = 1 - u * u
                w[i] = tricubeWeight(point: i + 1, of: n) * (abs(u) < 1 ? b * b : 0)
            }
            return weightedLeastSquares(y, weights: UnsafeBufferPointer(w)) ?? first
        }
    }

    /// Ordinary least squares over x = 1…n by commons-math3 `SimpleRegression` arithmetic.
    public static func ordinaryLeastSquares(_ y: UnsafeBufferPointer<Double>) -> (intercept: Double, slope: Double) {
        CloudSimSimpleRegression(unitStepY: y).regress()
    }

    // MARK: Helpers

    /// Oldest index of `history` (oldest → newest) that CloudSim keeps after
    /// `MathUtil.trimZeroTail`, which cuts the zeros at the *oldest* end of the newest-first
    /// host history (CloudSimPlanetLab.md §10.6). Returns `history.count` if every value is 0.
    /// (CloudSim's `countNonZeroBeginning` reports 1 for an all-zero array, which is below every
    /// minimum-history gate, so the difference never shows.)
    @inlinable
    public static func trimmedStart(_ history: UnsafeBufferPointer<Double>) -> Int {
        var i = 0
        while i < history.count && history[i] == 0 { i += 1 }
        return i
    }

    @usableFromInline
    static func legacyMedianOfSorted(_ s: UnsafeBufferPointer<Double>) -> Double {
        let n = s.count
        if n == 0 { return .nan }
        if n == 1 { return s[0] }
        let pos = 0.5 * Double(n + 1)  // LEGACY.index(0.5, n)
        let fpos = pos.rounded(.down)
        let intPos = Int(fpos)
        let dif = pos - fpos
        if pos < 1 { return s[0] }
        if pos >= Double(n) { return s[n - 1] }
        let lower = s[intPos - 1]
        let upper = s[intPos]
        return lower + dif * (upper - lower)
    }

    /// Calls `body` with a sorted copy of `data` in scratch memory.
    @usableFromInline
    static func withSortedCopy<R>(_ data: UnsafeBufferPointer<Double>, _ body: (UnsafeMutableBufferPointer<Double>) -> R) -> R {
        let n = data.count
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(n, 1)) { raw in
            var s = UnsafeMutableBufferPointer(rebasing: raw[0..<n])
            for i in 0..<n { s[i] = data[i] }
            if n <= 64 {
                // Insertion sort: in place, no allocation; the sorted values are what matter,
                // so it agrees with Java's Arrays.sort for NaN-free data.
                var i = 1
                while i < n {
                    let v = s[i]
                    var j = i - 1
                    while j >= 0 && v < s[j] { s[j + 1] = s[j]; j -= 1 }
                    s[j + 1] = v
                    i += 1
                }
            } else {
                s.sort()
            }
            return body(s)
        }
    }
}
