import Testing
@testable import Stochastic

@Suite("Seeded random streams")
struct RandomStreamTests {
    @Test("the same (seed, purpose, entity) gives the same sequence; other entities, purposes and seeds differ")
    func derivation() {
        func seq(_ s: UInt64, _ p: UInt64, _ e: UInt64) -> [Double] {
            let r = RandomStream(seed: s, purpose: p, entity: e)
            return (0..<8).map { _ in r.uniform() }
        }
        #expect(seq(1, 1, 0) == seq(1, 1, 0))
        #expect(seq(1, 1, 0) != seq(1, 1, 1))
        #expect(seq(1, 1, 0) != seq(1, 2, 0))
        #expect(seq(1, 1, 0) != seq(2, 1, 0))
    }

    @Test("reset(counter:) makes a draw a pure function of (seed, purpose, entity, counter)")
    func counterBased() {
        let r = RandomStream(seed: 9, purpose: 1, entity: 0)
        r.reset(seed: 9, purpose: 1, entity: 5, counter: 3)
        let a = r.beta(2, 5)
        r.reset(seed: 9, purpose: 1, entity: 6, counter: 3)
        _ = r.beta(2, 5)
        r.reset(seed: 9, purpose: 1, entity: 5, counter: 3)
        #expect(r.beta(2, 5) == a)
    }

    @Test("1M entity streams are pairwise distinct in their first two draws (no seed collisions)")
    func noCollisions() {
        let r = RandomStream(seed: 42, purpose: 1, entity: 0)
        var seen = Set<UInt64>()
        for e in 0..<1_000_000 as Range<UInt64> {
            r.reset(seed: 42, purpose: 1, entity: e, counter: 0)
            // taus2 yields 32 bits per draw, so one draw alone would collide ~116 times by
            // the birthday bound; two draws give 64 bits (expected collisions ~3e-8).
            let hi = UInt64(r.uniform() * 0x1p32), lo = UInt64(r.uniform() * 0x1p32)
            seen.insert(hi << 32 | lo)
        }
        #expect(seen.count == 1_000_000)
    }

    @Test("draws have the right moments (10^5 draws, 5-sigma bounds)")
    func moments() {
        let r = RandomStream(seed: 3, purpose: 1, entity: 0)
        let n = 100_000
        let u = (0..<n).map { _ in r.uniform(0.2, 0.4) }
        #expect(abs(Statistics.mean(u) - 0.3) < 5 * (0.2 / 12.0.squareRoot()) / Double(n).squareRoot())
        let b = (0..<n).map { _ in r.beta(2, 18) }
        let sdB = (2.0 * 18 / (400 * 21)).squareRoot()
        #expect(abs(Statistics.mean(b) - 0.1) < 5 * sdB / Double(n).squareRoot())
        let t = (0..<n).map { _ in r.truncatedNormal(mean: 0.5, sd: 0.3, lower: 0, upper: 1) }
        #expect(t.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(abs(Statistics.mean(t) - 0.5) < 0.005, "symmetric truncation keeps the mean")
    }

    @Test("truncated normal with the mean far outside the range lands at the near end (mean 10 gave CPU 0%)")
    func truncatedNormalFarTails() {
        let r = RandomStream(seed: 5, purpose: 1, entity: 0)
        let n = 2000
        // Mean 90 sd above [0, 1]: the mass sits within ~1/90 sd of 1 (mean 1 − 0.1/90).
        let high = (0..<n).map { _ in r.truncatedNormal(mean: 10, sd: 0.1, lower: 0, upper: 1) }
        #expect(high.allSatisfy { $0 > 0.99 && $0 <= 1 })
        #expect(abs(Statistics.mean(high) - (1 - 0.1 / 90)) < 2e-4)
        let low = (0..<n).map { _ in r.truncatedNormal(mean: -10, sd: 0.1, lower: 0, upper: 1) }
        #expect(low.allSatisfy { $0 >= 0 && $0 < 0.01 })
        #expect(abs(Statistics.mean(low) - 0.1 / 100) < 2e-4)
        // Mean 3 sd above (in reach of the CDF): E[X | X ≤ 1] for N(1.3, 0.1²) is 1.3 − 0.1·φ(3)/Φ(−3) ≈ 0.9717.
        let near = (0..<20_000).map { _ in r.truncatedNormal(mean: 1.3, sd: 0.1, lower: 0, upper: 1) }
        #expect(abs(Statistics.mean(near) - 0.97170) < 2e-3, "\(Statistics.mean(near))")
    }

    @Test("statistics over GSL: mean, sd, median, quantile, linear fit, Student t")
    func statistics() {
        #expect(Statistics.mean([1, 2, 3, 4]) == 2.5)
        #expect(abs(Statistics.sd([2, 4, 4, 4, 5, 5, 7, 9]) - 2.138089935299395) < 1e-12)
        #expect(Statistics.median([5, 1, 3]) == 3)
        #expect(Statistics.quantile([1, 2, 3, 4, 5], 0.25) == 2)
        let f = Statistics.linearFit(x: [0, 1, 2, 3], y: [1, 3, 5, 7])!
        #expect(abs(f.intercept - 1) < 1e-12 && abs(f.slope - 2) < 1e-12)
        // t_{0.975, 10} = 2.228138851986...
        #expect(abs(Statistics.studentTCritical(confidence: 0.95, degreesOfFreedom: 10) - 2.2281388519649) < 1e-9)
        #expect(gslVersion.hasPrefix("2."))
    }
}
