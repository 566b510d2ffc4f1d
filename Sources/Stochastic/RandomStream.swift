import CGSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A seeded random stream over GSL's `taus2` generator (L'Ecuyer's maximally equidistributed
/// combined Tausworthe, period ≈ 2^88, 24 bytes of state).
///
/// Every stream is derived from (scenario seed, stream purpose, entity id) through SplitMix64,
/// so each VM, host or policy owns an independent, reproducible stream whatever the order in
/// which entities are created or the number of threads. A stream is small (GSL's `gsl_rng`
/// header plus 24 bytes), so a million VMs each with their own stream fit in well under
/// 100 MB — an mt19937 state would be ~5 KB each.
///
/// Not `Sendable`: the generator state mutates on every draw. One simulation run owns its
/// streams.
public final class RandomStream {
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>

    /// Turns GSL's abort-on-error handler off once; every call site checks return codes.
    static let errorHandlerOff: Void = { _ = gsl_set_error_handler_off() }()

    /// A stream for `entity` within `purpose`, derived from `seed`.
    /// - Parameters:
    ///   - seed: the scenario seed (any 64-bit value).
    ///   - purpose: a stable number naming what the stream is for (see `StreamPurpose`).
    ///   - entity: the entity id (VM index, host index, …).
    public init(seed: UInt64, purpose: UInt64, entity: UInt64) {
        _ = Self.errorHandlerOff
        guard let r = gsl_rng_alloc(cgsl_rng_taus2()) else { fatalError("gsl_rng_alloc failed: out of memory") }
        rng = r
        reset(seed: seed, purpose: purpose, entity: entity, counter: 0)
    }

    /// Re-derives the state from (seed, purpose, entity, counter): a counter-based use of
    /// the stream. A workload draws its demand for step k after `reset(…, counter: k)`, so
    /// the draw is a pure function of (seed, VM, step): identical in every arm (common
    /// random numbers) and whatever the order in which VMs are visited. No per-entity
    /// state is kept, so a million VMs need no memory for their streams.
    /// - Complexity: O(1): three SplitMix64 steps and six taus2 warm-up steps.
    @inlinable
    public func reset(seed: UInt64, purpose: UInt64, entity: UInt64, counter: UInt64) {
        var sm = SplitMix64(state: seed ^ (purpose &* 0x9E37_79B9_7F4A_7C15))
        _ = sm.next()
        sm.state ^= entity &* 0xD1B5_4A32_D192_ED03
        _ = sm.next()
        sm.state ^= counter &* 0x8CB9_2BA7_2F3D_8DD7
        let a = sm.next(), b = sm.next()
        cgsl_taus2_set_state(rng, UInt(a & 0xFFFF_FFFF), UInt(a >> 32), UInt(b & 0xFFFF_FFFF))
    }

    deinit { gsl_rng_free(rng) }

    /// Uniform on [0, 1).
    @inlinable public func uniform() -> Double { gsl_rng_uniform(rng) }
    /// Uniform on [a, b).
    @inlinable public func uniform(_ a: Double, _ b: Double) -> Double { gsl_ran_flat(rng, a, b) }
    /// Uniform integer on 0..<n (n ≥ 1).
    @inlinable public func integer(below n: UInt) -> UInt { gsl_rng_uniform_int(rng, n) }
    /// Gaussian with mean `mean` and standard deviation `sd` (Ziggurat method).
    @inlinable public func normal(mean: Double, sd: Double) -> Double { mean + gsl_ran_gaussian_ziggurat(rng, sd) }
    /// Log-normal: exp(N(mu, sigma)), parameters of the underlying normal.
    @inlinable public func lognormal(mu: Double, sigma: Double) -> Double { gsl_ran_lognormal(rng, mu, sigma) }
    /// Beta(a, b) on [0, 1].
    @inlinable public func beta(_ a: Double, _ b: Double) -> Double { gsl_ran_beta(rng, a, b) }
    /// Exponential with the given mean.
    @inlinable public func exponential(mean: Double) -> Double { gsl_ran_exponential(rng, mean) }

    /// Gaussian N(mean, sd²) truncated to [lower, upper], by rejection (at most 1000 tries,
    /// then, for a range on one side of the mean, Robert's exponential proposal (1995), else
    /// the inverse CDF on the truncated range). Requires lower < upper.
    ///
    /// The tail sampler keeps far tails right: with the mean 90 sd above the range, both CDF
    /// values round to 0 and the inverse CDF gave the range's wrong end.
    public func truncatedNormal(mean: Double, sd: Double, lower: Double, upper: Double) -> Double {
        if sd == 0 { return Swift.min(Swift.max(mean, lower), upper) }
        for _ in 0..<1000 {
            let x = normal(mean: mean, sd: sd)
            if x >= lower && x <= upper { return x }
        }
        let a = (lower - mean) / sd, b = (upper - mean) / sd
        if a >= 0 { return Swift.min(Swift.max(mean + sd * standardTail(a, b), lower), upper) }
        if b <= 0 { return Swift.min(Swift.max(mean - sd * standardTail(-b, -a), lower), upper) }
        let pl = gsl_cdf_gaussian_P(lower - mean, sd), pu = gsl_cdf_gaussian_P(upper - mean, sd)
        let p = pl + (pu - pl) * uniform()
        return Swift.min(Swift.max(mean + gsl_cdf_gaussian_Pinv(p, sd), lower), upper)
    }

    /// A standard normal draw truncated to [a, b] with 0 ≤ a < b: an exponential proposal of
    /// rate λ = (a + √(a² + 4))/2 truncated to [a, b], accepted with probability
    /// exp(−(z − λ)²/2) (Robert 1995; acceptance ≥ 0.76 for every a ≥ 0).
    func standardTail(_ a: Double, _ b: Double) -> Double {
        let lambda = (a + (a * a + 4).squareRoot()) / 2
        let mass = -expm1(-lambda * (b - a))  // P(proposal ≤ b), computed without cancellation
        for _ in 0..<10_000 {
            let z = a - log1p(-uniform() * mass) / lambda
            if uniform() <= exp(-(z - lambda) * (z - lambda) / 2) { return z }
        }
        return a
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): the standard seed mixer; used only to derive
/// independent generator states, never for draws.
public struct SplitMix64: Sendable {
    public var state: UInt64
    @inlinable public init(state: UInt64) { self.state = state }
    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Stable stream purposes. Never renumber: a scenario's output depends on them.
public enum StreamPurpose {
    public static let workload: UInt64 = 1
    public static let memoryWorkload: UInt64 = 2
    public static let placement: UInt64 = 3
    public static let selection: UInt64 = 4
    public static let lifecycle: UInt64 = 5
    /// Request arrival times of a service (`RequestArrivals`).
    public static let requestArrivals: UInt64 = 6
    /// Request service times of a service (`RequestArrivals`).
    public static let serviceTimes: UInt64 = 7
    /// Host failure and repair times (`HostFailureSettings`; entity = host group << 32 | host
    /// index within the group, counter = 2 × failure number (+ 1 for the repair)).
    public static let hostFailures: UInt64 = 8
}

/// The GSL version linked, e.g. "2.7.1".
public var gslVersion: String { String(cString: cgsl_version()) }
