/// commons-math3 `SimpleRegression` (with intercept), reproduced operation for operation
/// because CloudSim's LR and LRR detectors decide `1.2 · prediction >= 1` on its output
/// (CloudSimPlanetLab.md §5). It keeps the updating sums of `addData` (West's algorithm),
/// not Σx, Σx² formulas, so the last bits match CloudSim's.
public struct CloudSimSimpleRegression: Sendable, Equatable {
    /// Σx of the observations added.
    public private(set) var sumX = 0.0
    /// Σ(x − x̄)², kept by the updating formula.
    public private(set) var sumXX = 0.0
    /// Σy of the observations added.
    public private(set) var sumY = 0.0
    /// Σ(y − ȳ)², kept by the updating formula.
    public private(set) var sumYY = 0.0
    /// Σ(x − x̄)(y − ȳ), kept by the updating formula.
    public private(set) var sumXY = 0.0
    /// Number of observations added.
    public private(set) var n = 0
    /// Running mean of x.
    public private(set) var xbar = 0.0
    /// Running mean of y.
    public private(set) var ybar = 0.0

    /// An empty regression.
    public init() {}

    /// Adds the observation (x, y) (`SimpleRegression.addData`).
    public mutating func addData(_ x: Double, _ y: Double) {
        if n == 0 {
            xbar = x
            ybar = y
        } else {
            let fact1 = 1.0 + Double(n)
            let fact2 = Double(n) / (1.0 + Double(n))
            let dx = x - xbar
            let dy = y - ybar
            sumXX += dx * dx * fact2
            sumYY += dy * dy * fact2
            sumXY += dx * dy * fact2
            xbar += dx / fact1
            ybar += dy / fact1
        }
        sumX += x
        sumY += y
        n += 1
    }

    /// The regression after `addData(1, y[0])`, `addData(2, y[1])`, …, `addData(n, y[n−1])`,
    /// bit-identical to adding the points one by one and a third fewer divisions: for x = 1…n
    /// the running mean x̄ is (k+1)/2 after k points and its step dx/(k+1) is exactly 1/2.
    /// This is the regression of every LR and LRR decision (x = 1…10).
    public init(unitStepY y: UnsafeBufferPointer<Double>) {
        for i in 0..<y.count {
            let x = Double(i + 1)
            let yi = y[i]
            if n == 0 {
                xbar = x
                ybar = yi
            } else {
                let fact1 = 1.0 + Double(n)
                let fact2 = Double(n) / fact1
                let dx = x - xbar
                let dy = yi - ybar
                sumXX += dx * dx * fact2
                sumYY += dy * dy * fact2
                sumXY += dx * dy * fact2
                xbar += 0.5
                ybar += dy / fact1
            }
            sumX += x
            sumY += yi
            n += 1
        }
    }

    /// `getSlope()`: Σxy/Σxx; NaN with fewer than 2 observations or |Σxx| < 10·`Double.MIN_VALUE`.
    @inlinable
    public var slope: Double {
        if n < 2 { return .nan }
        if abs(sumXX) < 10 * Double.leastNonzeroMagnitude { return .nan }
        return sumXY / sumXX
    }

    /// `getIntercept(slope)`: (Σy − slope·Σx) / n.
    @inlinable
    public func intercept(slope: Double) -> Double {
        (sumY - slope * sumX) / Double(n)
    }

    /// `predict(x)`: intercept + slope·x.
    @inlinable
    public func predict(_ x: Double) -> Double {
        let b1 = slope
        return intercept(slope: b1) + b1 * x
    }

    /// `regress().getParameterEstimates()`: (intercept, slope) if |Σxx| > `Precision.SAFE_MIN`
    /// (2⁻¹⁰²²), else (Σy/n, NaN).
    /// - Precondition: at least 3 observations (commons-math throws `NoDataException`).
    @inlinable
    public func regress() -> (intercept: Double, slope: Double) {
        precondition(n >= 3, "SimpleRegression.regress needs 3 observations")
        if abs(sumXX) > Double.leastNormalMagnitude {
            return (intercept(slope: slope), slope)
        }
        return (sumY / Double(n), .nan)
    }
}

extension CloudSimMath {
    /// R² of an ordinary least-squares regression with intercept, reproducing commons-math3
    /// `OLSMultipleLinearRegression.newSampleData(y, x)` + `calculateRSquared()` as CloudSim's MC
    /// selection calls it (`PowerVmSelectionPolicyMaximumCorrelation.getCorrelationCoefficients`;
    /// CloudSimPlanetLab.md §6 step 3): Householder QR of the design matrix [1, x₁ … x_p]
    /// (commons-math `QRDecomposition`, singularity threshold 0), back substitution,
    /// residuals y − Xβ, R² = 1 − Σr² / Σ(y − ȳ)² (the latter by `SecondMoment`'s updating sum).
    ///
    /// - Parameters:
    ///   - y: the m observations of the regressand.
    ///   - regressors: p columns of m observations each, column-major (`regressors[c·m + r]`).
    ///   - p: number of regressors (without the intercept).
    ///   - scratch: at least (p+1)·m + m + 2(p+1) doubles.
    /// - Returns: R² (may be NaN or −∞ if y is constant), or nil where commons-math throws an
    ///   `IllegalArgumentException`, which CloudSim catches to fall back to MMT:
    ///   m = 0 or p = 0 (`NoDataException` from `Array2DRowRealMatrix`), m < p + 1
    ///   (not enough data for the number of predictors), or an exactly zero diagonal element of
    ///   R (`SingularMatrixException`, e.g. an all-zero history).
    /// - Complexity: O(m·p²).
    public static func olsRSquared(
        y: UnsafeBufferPointer<Double>, regressors: UnsafeBufferPointer<Double>, p: Int,
        scratch: UnsafeMutableBufferPointer<Double>
    ) -> Double? {
        let m = y.count
        guard m > 0, p > 0, m >= p + 1 else { return nil }
        let cols = p + 1
        precondition(regressors.count >= p * m && scratch.count >= cols * m + m + 2 * cols)
        let base = scratch.baseAddress!
        let qrt = base  // cols × m, column c at qrt[c·m]
        let work = base + cols * m  // m
        let rDiag = work + m  // cols
        let beta = rDiag + cols  // cols
        // Design matrix, transposed: intercept column of ones, then the regressors.
        for r in 0..<m { qrt[r] = 1.0 }
        for i in 0..<(p * m) { qrt[m + i] = regressors[i] }
        // Householder reflections (QRDecomposition.performHouseholderReflection).
        let minors = min(m, cols)
        for minor in 0..<minors {
            let qm = qrt + minor * m
            var xNormSqr = 0.0
            for row in minor..<m { let c = qm[row]; xNormSqr += c * c }
            let a = qm[minor] > 0 ? -xNormSqr.squareRoot() : xNormSqr.squareRoot()
            rDiag[minor] = a
            if a != 0.0 {
                qm[minor] -= a
                for col in (minor + 1)..<cols {
                    let qc = qrt + col * m
                    var alpha = 0.0
                    for row in minor..<m { alpha -= qc[row] * qm[row] }
                    alpha /= a * qm[minor]
                    for row in minor..<m { qc[row] -= alpha * qm[row] }
                }
            }
        }
        // Solver.isNonSingular with threshold 0.
        for i in 0..<minors where abs(rDiag[i]) <= 0 { return nil }
        // Solver.solve: apply the reflections to y, then back substitution.
        for r in 0..<m { work[r] = y[r] }
        for minor in 0..<minors {
            let qm = qrt + minor * m
            var dot = 0.0
            for row in minor..<m { dot += work[row] * qm[row] }
            dot /= rDiag[minor] * qm[minor]
            for row in minor..<m { work[row] += dot * qm[row] }
        }
        var row = minors - 1
        while row >= 0 {
            work[row] /= rDiag[row]
            let yRow = work[row]
            let qr = qrt + row * m
            beta[row] = yRow
            for i in 0..<row { work[i] -= yRow * qr[i] }
            row -= 1
        }
        // Residual sum of squares: y − Xβ with the original X (Array2DRowRealMatrix.operate),
        // then ArrayRealVector.dotProduct.
        var ssr = 0.0
        for r in 0..<m {
            var sum = 0.0
            sum += 1.0 * beta[0]
            for c in 0..<p { sum += regressors[c * m + r] * beta[c + 1] }
            let e = y[r] - sum
            ssr += e * e
        }
        // Total sum of squares: SecondMoment's updating formula.
        var mean = 0.0, m2 = 0.0
        for r in 0..<m {
            let count = Double(r + 1)
            let dev = y[r] - mean
            let nDev = dev / count
            mean += nDev
            m2 += (count - 1) * dev * nDev
        }
        return 1 - ssr / m2
    }

    /// `olsRSquared(y:regressors:p:scratch:)` for arrays: `regressors` is a list of columns,
    /// each as long as `y`. Allocates; for tests and diagnostics.
    public static func olsRSquared(y: [Double], regressors: [[Double]]) -> Double? {
        let m = y.count, p = regressors.count
        precondition(regressors.allSatisfy { $0.count == m })
        let flat = regressors.flatMap { $0 }
        var scratch = [Double](repeating: 0, count: (p + 1) * m + m + 2 * (p + 1))
        return y.withUnsafeBufferPointer { yb in
            flat.withUnsafeBufferPointer { xb in
                scratch.withUnsafeMutableBufferPointer { s in olsRSquared(y: yb, regressors: xb, p: p, scratch: s) }
            }
        }
    }
}
