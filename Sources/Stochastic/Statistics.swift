import CGSL

/// Descriptive statistics and fits over GSL (`gsl_stats_*`, `gsl_fit_*`, `gsl_cdf_*`).
public enum Statistics {
    /// Arithmetic mean; NaN for an empty array.
    public static func mean(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return .nan }
        return xs.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
    }

    /// Sample standard deviation (n − 1); 0 for fewer than two values.
    public static func sd(_ xs: [Double]) -> Double {
        guard xs.count > 1 else { return 0 }
        return xs.withUnsafeBufferPointer { gsl_stats_sd($0.baseAddress, 1, $0.count) }
    }

    /// Median of the values (sorted copy; GSL's `gsl_stats_median_from_sorted_data`).
    public static func median(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return .nan }
        let s = xs.sorted()
        return s.withUnsafeBufferPointer { gsl_stats_median_from_sorted_data($0.baseAddress, 1, $0.count) }
    }

    /// Quantile q ∈ [0, 1] by GSL's linear interpolation between order statistics.
    public static func quantile(_ xs: [Double], _ q: Double) -> Double { quantiles(xs, [q])[0] }

    /// Several quantiles of `xs` with one sort (see `quantile`); NaN each when `xs` is empty.
    public static func quantiles(_ xs: [Double], _ qs: [Double]) -> [Double] {
        guard !xs.isEmpty else { return qs.map { _ in .nan } }
        let s = xs.sorted()
        return s.withUnsafeBufferPointer { b in qs.map { gsl_stats_quantile_from_sorted_data(b.baseAddress, 1, b.count, $0) } }
    }

    /// Ordinary least squares y = c0 + c1·x (`gsl_fit_linear`).
    public static func linearFit(x: [Double], y: [Double]) -> (intercept: Double, slope: Double)? {
        guard x.count == y.count, x.count >= 2 else { return nil }
        var c0 = 0.0, c1 = 0.0, cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, sumsq = 0.0
        let rc = x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                gsl_fit_linear(xp.baseAddress, 1, yp.baseAddress, 1, x.count, &c0, &c1, &cov00, &cov01, &cov11, &sumsq)
            }
        }
        return rc == 0 && c0.isFinite && c1.isFinite ? (c0, c1) : nil
    }

    /// Weighted least squares y = c0 + c1·x with weights w (`gsl_fit_wlinear`).
    public static func weightedLinearFit(x: [Double], y: [Double], w: [Double]) -> (intercept: Double, slope: Double)? {
        guard x.count == y.count, x.count == w.count, x.count >= 2 else { return nil }
        var c0 = 0.0, c1 = 0.0, cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, chisq = 0.0
        let rc = x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                w.withUnsafeBufferPointer { wp in
                    gsl_fit_wlinear(xp.baseAddress, 1, wp.baseAddress, 1, yp.baseAddress, 1, x.count, &c0, &c1, &cov00, &cov01, &cov11, &chisq)
                }
            }
        }
        return rc == 0 && c0.isFinite && c1.isFinite ? (c0, c1) : nil
    }

    /// Two-sided Student-t critical value t_{1−α/2, ν} (`gsl_cdf_tdist_Pinv`).
    public static func studentTCritical(confidence: Double, degreesOfFreedom nu: Double) -> Double {
        gsl_cdf_tdist_Pinv(0.5 + confidence / 2, nu)
    }

    /// Quantile of Beta(a, b): the x in [0, 1] with P(X ≤ x) = p (`gsl_cdf_beta_Pinv`).
    /// GSL's error handler is off (as for every GSL call here): a failed inversion gives NaN.
    /// - Parameters:
    ///   - p: probability in [0, 1].
    ///   - a: first shape parameter > 0.
    ///   - b: second shape parameter > 0.
    public static func betaQuantile(_ p: Double, a: Double, b: Double) -> Double {
        _ = RandomStream.errorHandlerOff
        return gsl_cdf_beta_Pinv(p, a, b)
    }

    /// Cumulative distribution of Beta(a, b) at x (`gsl_cdf_beta_P`).
    public static func betaCDF(_ x: Double, a: Double, b: Double) -> Double {
        _ = RandomStream.errorHandlerOff
        return gsl_cdf_beta_P(x, a, b)
    }
}
