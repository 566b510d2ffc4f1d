import Stochastic

/// A distribution of a demand fraction (CPU or memory), drawn from a `RandomStream` through
/// GSL. Every draw is clamped to 0...1 (NaN, which valid parameters never produce, maps to 0).
///
/// Valid parameters are checked by `Distribution.validate(_:)`; the workloads that take a
/// distribution call it in their initializers.
public enum Distribution: Sendable, Equatable {
    /// Always the given value; valid range 0...1.
    case constant(Double)
    /// Uniform on [min, max); requires 0 ≤ min < max ≤ 1.
    case uniform(min: Double, max: Double)
    /// Normal N(mean, sd²) truncated to [min, max] by rejection (see
    /// `RandomStream.truncatedNormal`); requires sd ≥ 0 and 0 ≤ min < max ≤ 1, mean finite.
    case truncatedNormal(mean: Double, sd: Double, min: Double, max: Double)
    /// Log-normal exp(N(mu, sigma²)) (parameters of the underlying normal), then clamped to
    /// 0...1 — any mass above 1 lands on 1; requires mu finite and sigma ≥ 0.
    case lognormal(mu: Double, sigma: Double)
    /// Beta(a, b) on [0, 1], mean a/(a + b); requires a > 0 and b > 0.
    case beta(a: Double, b: Double)

    /// Checks the parameters of `d`.
    /// - Returns: nil if valid, otherwise a message saying what is wrong and what was expected,
    ///   e.g. `"uniform(min: 0.5, max: 0.2): expected min < max"`.
    public static func validate(_ d: Distribution) -> String? {
        let problem: String?
        switch d {
        case .constant(let v):
            problem = fraction(v, "value")
        case .uniform(let lo, let hi):
            problem = bounds(lo, hi)
        case .truncatedNormal(let mean, let sd, let lo, let hi):
            problem = finite(mean, "mean") ?? nonNegative(sd, "sd") ?? bounds(lo, hi)
        case .lognormal(let mu, let sigma):
            problem = finite(mu, "mu") ?? nonNegative(sigma, "sigma")
        case .beta(let a, let b):
            problem = positive(a, "a") ?? positive(b, "b")
        }
        return problem.map { "\(d): " + $0 }
    }

    /// One draw from the distribution, clamped to 0...1.
    /// - Parameter s: the stream to draw from (already positioned, e.g. by
    ///   `RandomStream.reset(seed:purpose:entity:counter:)`).
    /// - Returns: a finite value in 0...1. `.constant` draws nothing from `s`.
    public func draw(_ s: RandomStream) -> Double {
        switch self {
        case .constant(let v): return clampFraction(v)
        case .uniform(let lo, let hi): return clampFraction(s.uniform(lo, hi))
        case .truncatedNormal(let mean, let sd, let lo, let hi):
            return clampFraction(s.truncatedNormal(mean: mean, sd: sd, lower: lo, upper: hi))
        case .lognormal(let mu, let sigma): return clampFraction(s.lognormal(mu: mu, sigma: sigma))
        case .beta(let a, let b): return clampFraction(s.beta(a, b))
        }
    }

    /// True for `.constant`: draws consume no randomness, so callers may skip positioning
    /// the stream.
    public var isConstant: Bool {
        if case .constant = self { return true }
        return false
    }

    private static func finite(_ x: Double, _ name: String) -> String? {
        x.isFinite ? nil : "expected \(name) to be a finite number, found \(x)"
    }

    private static func nonNegative(_ x: Double, _ name: String) -> String? {
        x.isFinite && x >= 0 ? nil : "expected \(name) ≥ 0 (finite), found \(x)"
    }

    private static func positive(_ x: Double, _ name: String) -> String? {
        x.isFinite && x > 0 ? nil : "expected \(name) > 0 (finite), found \(x)"
    }

    private static func fraction(_ x: Double, _ name: String) -> String? {
        x.isFinite && x >= 0 && x <= 1 ? nil : "expected \(name) in 0...1, found \(x)"
    }

    private static func bounds(_ lo: Double, _ hi: Double) -> String? {
        if let p = fraction(lo, "min") ?? fraction(hi, "max") { return p }
        return lo < hi ? nil : "expected min < max, found min \(lo) and max \(hi)"
    }
}
