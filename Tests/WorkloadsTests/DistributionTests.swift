import Stochastic
import Testing
import Workloads

@Suite("Distribution")
struct DistributionTests {
    @Test(arguments: [
        Distribution.constant(0), .constant(1), .uniform(min: 0, max: 1), .uniform(min: 0.2, max: 0.4),
        .truncatedNormal(mean: 0.5, sd: 0.1, min: 0, max: 1), .truncatedNormal(mean: 2, sd: 0, min: 0.1, max: 0.9),
        .lognormal(mu: -2, sigma: 0.5), .lognormal(mu: 0, sigma: 0), .beta(a: 2, b: 5), .beta(a: 0.5, b: 0.5)
    ])
    func validParametersPass(_ d: Distribution) {
        #expect(Distribution.validate(d) == nil)
    }

    @Test(arguments: [
        (Distribution.constant(1.2), "expected value in 0...1, found 1.2"),
        (.uniform(min: 0.5, max: 0.2), "expected min < max, found min 0.5 and max 0.2"),
        (.uniform(min: 0.3, max: 0.3), "expected min < max, found min 0.3 and max 0.3"),
        (.uniform(min: -0.1, max: 0.2), "expected min in 0...1, found -0.1"),
        (.uniform(min: 0.1, max: 1.5), "expected max in 0...1, found 1.5"),
        (.truncatedNormal(mean: 0.5, sd: -1, min: 0, max: 1), "expected sd ≥ 0 (finite), found -1.0"),
        (.truncatedNormal(mean: .infinity, sd: 1, min: 0, max: 1), "expected mean to be a finite number, found inf"),
        (.lognormal(mu: 0, sigma: -0.5), "expected sigma ≥ 0 (finite), found -0.5"),
        (.beta(a: 0, b: 1), "expected a > 0 (finite), found 0.0"),
        (.beta(a: 1, b: -2), "expected b > 0 (finite), found -2.0")
    ])
    func invalidParametersAreExplained(_ d: Distribution, _ expected: String) {
        let message = Distribution.validate(d)
        #expect(message?.hasSuffix(expected) == true, "\(message ?? "nil")")
        #expect(message?.hasPrefix("\(d): ") == true)
    }

    @Test func uniformMeanMatches() {
        let s = RandomStream(seed: 12345, purpose: StreamPurpose.workload, entity: 0)
        let d = Distribution.uniform(min: 0.2, max: 0.4)
        var sum = 0.0
        for _ in 0..<10_000 {
            let x = d.draw(s)
            #expect(x >= 0.2 && x < 0.4)
            sum += x
        }
        #expect(abs(sum / 10_000 - 0.3) < 0.005)
    }

    @Test func betaMeanMatches() {
        // Beta(2, 5): mean 2/7, sd ≈ 0.16, so the standard error of 10k draws is ≈ 0.0016.
        let s = RandomStream(seed: 7, purpose: StreamPurpose.workload, entity: 3)
        var sum = 0.0
        for _ in 0..<10_000 { sum += Distribution.beta(a: 2, b: 5).draw(s) }
        #expect(abs(sum / 10_000 - 2.0 / 7.0) < 0.01)
    }

    @Test func truncatedNormalStaysInItsBounds() {
        let s = RandomStream(seed: 1, purpose: StreamPurpose.workload, entity: 0)
        let d = Distribution.truncatedNormal(mean: 0.5, sd: 0.3, min: 0.4, max: 0.6)
        for _ in 0..<2_000 {
            let x = d.draw(s)
            #expect(x >= 0.4 && x <= 0.6)
        }
    }

    @Test func lognormalIsClampedToOne() {
        // exp(N(0, 1)) exceeds 1 with probability 1/2; those draws become exactly 1.
        let s = RandomStream(seed: 2, purpose: StreamPurpose.workload, entity: 0)
        var ones = 0
        for _ in 0..<10_000 {
            let x = Distribution.lognormal(mu: 0, sigma: 1).draw(s)
            #expect(x > 0 && x <= 1)
            if x == 1 { ones += 1 }
        }
        #expect(abs(Double(ones) / 10_000 - 0.5) < 0.03)
    }

    @Test func constantDrawsItsValue() {
        let s = RandomStream(seed: 2, purpose: StreamPurpose.workload, entity: 0)
        #expect(Distribution.constant(0.3).draw(s) == 0.3)
        #expect(Distribution.constant(0.3).isConstant)
        #expect(!Distribution.beta(a: 1, b: 1).isConstant)
    }
}
