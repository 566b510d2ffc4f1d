/// MC, maximum correlation: for each candidate, the R² of an ordinary least-squares regression
/// (with intercept) of its utilization history on the histories of the other candidates; the
/// candidate with the largest R² is chosen (CloudSimPlanetLab.md §6 step 3, §9, §10.1;
/// CloudSim class `PowerVmSelectionPolicyMaximumCorrelation`, used by `LrMc12`).
///
/// CloudSim details kept:
/// - histories are truncated to the shortest candidate's length m, keeping the newest m values;
///   the regression's observations run newest first (row j = age j) and its regressors follow
///   the host's list order, because both change the last bits of R²;
/// - R² comes from commons-math3 `OLSMultipleLinearRegression` (Householder QR), reproduced in
///   `CloudSimMath.olsRSquared(y:regressors:p:scratch:)`;
/// - **fallback to MMT** (the `fallback`, as `RunnerAbstract` builds it) whenever commons-math
///   throws an `IllegalArgumentException` for any of the regressions: a single candidate,
///   no history (m = 0), fewer history values than candidates (m < n: "not enough data for the
///   number of predictors" — early in the run, or on crowded hosts), or an exactly singular
///   design (e.g. a candidate whose truncated history is all zeros);
/// - the running maximum starts at `Double.MIN_VALUE` (the smallest positive double) with a
///   strict `>`, so ties go to the first candidate and, if no R² is positive (all ≤ 0 or NaN),
///   candidate 0 is returned (§9).
public struct MaximumCorrelation: VMSelectionPolicy {
    /// Registry name.
    public static let name = "mc"
    /// One-line summary for `virtsim list`.
    public static let summary = "maximum correlation: VM whose history is best explained (R²) by the others'; MMT if not computable (CloudSim MC)"

    /// Used when the regressions cannot be computed (CloudSim: MMT).
    public let fallback: MinimumMigrationTime
    /// Registry name (`mc`).
    public var name: String { Self.name }

    /// MC with CloudSim's MMT fallback.
    public init(fallback: MinimumMigrationTime = MinimumMigrationTime()) {
        self.fallback = fallback
    }

    /// Index of the candidate with the largest R² (first on ties, 0 if none is positive), the
    /// fallback's choice if the regressions cannot be computed, nil if there are no candidates.
    /// - Complexity: O(m·n³) for n candidates and m history values (n ≤ m ≤ 30 when computed);
    ///   ≈ 4.5 µs for 10 VMs × 30 values (release build). Scratch memory of ≈ 2·n·m doubles
    ///   from `withUnsafeTemporaryAllocation`: one heap allocation per call above 1 KiB. Not
    ///   in PABFD's inner loop (one call per VM taken off an overloaded host).
    public func selectVM<C: VMCandidateList>(from c: C, uniform: () -> Double) -> Int? {
        let n = c.count
        if n == 0 { return nil }
        let m = Self.sharedHistoryLength(c)
        guard n >= 2, m >= n else { return fallback.selectVM(from: c, uniform: uniform) }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.scratchCount(n: n, m: m)) { s in
            var maxMetric = Double.leastNonzeroMagnitude
            var maxIndex = 0
            for i in 0..<n {
                guard let r2 = Self.rSquared(of: i, c, m: m, scratch: s) else {
                    return fallback.selectVM(from: c, uniform: uniform)
                }
                if r2 > maxMetric {
                    maxMetric = r2
                    maxIndex = i
                }
            }
            return maxIndex
        }
    }

    /// The R² value of every candidate as CloudSim computes them, or nil where CloudSim falls
    /// back to MMT. Allocates; for tests and diagnostics.
    public func coefficientsOfDetermination<C: VMCandidateList>(_ c: C) -> [Double]? {
        let n = c.count
        let m = Self.sharedHistoryLength(c)
        guard n >= 2, m >= n else { return nil }
        var scratch = [Double](repeating: 0, count: Self.scratchCount(n: n, m: m))
        return scratch.withUnsafeMutableBufferPointer { s -> [Double]? in
            var out: [Double] = []
            for i in 0..<n {
                guard let r2 = Self.rSquared(of: i, c, m: m, scratch: s) else { return nil }
                out.append(r2)
            }
            return out
        }
    }

    /// Shortest history among the candidates (CloudSim's `getMinUtilizationHistorySize`).
    static func sharedHistoryLength<C: VMCandidateList>(_ c: C) -> Int {
        var m = Int.max
        for i in 0..<c.count { m = min(m, c.historyCount(i)) }
        return m == .max ? 0 : m
    }

    /// y (m) + regressors ((n−1)·m) + `olsRSquared` scratch (n·m + m + 2n).
    static func scratchCount(n: Int, m: Int) -> Int { m + (n - 1) * m + n * m + m + 2 * n }

    /// R² of candidate i regressed on the others (in list order), observations newest first.
    static func rSquared<C: VMCandidateList>(
        of i: Int, _ c: C, m: Int,
        scratch s: UnsafeMutableBufferPointer<Double>
    ) -> Double? {
        let n = c.count
        let y = UnsafeMutableBufferPointer(rebasing: s[0..<m])
        let x = UnsafeMutableBufferPointer(rebasing: s[m..<(m + (n - 1) * m)])
        let rest = UnsafeMutableBufferPointer(rebasing: s[(m + (n - 1) * m)...])
        for r in 0..<m { y[r] = c.history(i, age: r) }
        var col = 0
        for j in 0..<n where j != i {
            for r in 0..<m { x[col * m + r] = c.history(j, age: r) }
            col += 1
        }
        return CloudSimMath.olsRSquared(
            y: UnsafeBufferPointer(y), regressors: UnsafeBufferPointer(x),
            p: n - 1, scratch: rest)
    }
}
