import Foundation

import Stochastic
import Workloads

/// CPU utilisation given as a mean and a 95th percentile, turned into a distribution of the
/// per-interval CPU fraction that a `stochastic` workload draws from.
///
/// The choice: **Beta(a, b) with a = m·κ, b = (1 − m)·κ** — mean m exactly, and the
/// concentration κ solved so that the 95th percentile (GSL's `gsl_cdf_beta_Pinv`) equals the
/// given p95. Why Beta: it lives on [0, 1] like a utilisation, so no mass is clamped at 0 or
/// 100% (a truncated normal or a clamped log-normal would move the mean); two parameters fit two
/// statistics exactly; it is right-skewed for small means (the long busy tail of a mostly idle
/// server, PlannerPractice.md B: 6–12% average); and `stochastic` already samples it.
///
/// Solving: p95(κ) → m as κ → ∞ (no spread) and → 1 or 0 as κ → 0 (all mass at the ends), so
/// for m > 5% every p95 in (m, 1) is reached; for m ≤ 5% p95(κ) rises to a largest value and
/// falls again. κ is searched on a log grid from 10⁻³ to 10⁶ and refined by bisection on the
/// high-κ side (the least dispersed Beta with that p95).
///
/// Pairs no Beta reaches, each with a rule and a note:
/// - mean ≤ 0: constant 0 (an idle VM);
/// - mean ≥ 100%: constant 1;
/// - p95 ≤ mean: constant at the mean (no spread can be inferred);
/// - p95 ≥ 99.9% (e.g. 100): p95 taken as 99%;
/// - p95 above the largest a Beta with that mean reaches (small means): the Beta of that largest p95.
public struct UtilisationFit: Sendable, Equatable {
    /// The distribution of the CPU fraction per interval.
    public var distribution: Distribution
    /// The concentration κ = a + b (nil for a constant).
    public var concentration: Double?
    /// What rule was applied when the pair was not reached exactly; nil when it was.
    public var note: String?

    /// Fits mean and p95, both percent.
    public static func fit(meanPct: Double, p95Pct: Double) -> UtilisationFit {
        let m = meanPct / 100
        var q = p95Pct / 100
        if !(m > 0) { return UtilisationFit(distribution: .constant(0), note: "mean 0: constant 0") }
        if m >= 1 { return UtilisationFit(distribution: .constant(1), note: "mean 100%: constant 1") }
        if !(q > m) { return UtilisationFit(distribution: .constant(m), note: "p95 ≤ mean: constant at the mean") }
        var note: String? = nil
        if q >= 0.999 { q = 0.99; note = "p95 100%: taken as 99% (a Beta never reaches 1)" }
        func p95(_ logK: Double) -> Double {
            let k = exp(logK)
            return Statistics.betaQuantile(0.95, a: m * k, b: (1 - m) * k)
        }
        // grid over log κ, high to low: the first point at or above q bounds the root from below
        let lo = log(1e-3), hi = log(1e6), steps = 90
        // (GSL's inversion fails, NaN, for some extreme shapes: such points are passed over)
        var best = (logK: hi, value: -Double.infinity)
        var bracket: (Double, Double)? = nil
        var previous = hi
        for s in 0...steps {
            let x = hi - (hi - lo) * Double(s) / Double(steps)
            let v = p95(x)
            if v.isFinite && v > best.value { best = (x, v) }
            if v.isFinite && v >= q { bracket = (x, previous); break }
            previous = x
        }
        guard var (a, b) = bracket else {
            let k = exp(best.logK)
            return UtilisationFit(
                distribution: .beta(a: m * k, b: (1 - m) * k), concentration: k,
                note: "p95 \(fmt(p95Pct))% unreachable with mean \(fmt(meanPct))%: the largest reachable, \(fmt((best.value * 1000).rounded() / 10))%")
        }
        // p95 falls with κ on (a, b): bisect
        for _ in 0..<80 {
            let mid = (a + b) / 2
            if p95(mid) >= q { a = mid } else { b = mid }
        }
        let k = exp((a + b) / 2)
        return UtilisationFit(distribution: .beta(a: m * k, b: (1 - m) * k), concentration: k, note: note)
    }

    public init(distribution: Distribution, concentration: Double? = nil, note: String? = nil) {
        self.distribution = distribution
        self.concentration = concentration
        self.note = note
    }
}
