import Foundation
import SimKernel
import Stochastic
import Testing
import Workloads

@testable import Inventory

@Suite("Utilisation fit: mean and p95 → Beta")
struct UtilisationFitTests {
    static let pairs: [(Double, Double)] = [(10, 30), (5, 20), (2, 10), (25, 60), (40, 70), (60, 95), (9, 12)]

    @Test("the fitted Beta has the given mean exactly and the given p95 (GSL's inverse CDF)", arguments: pairs)
    func analytic(_ pair: (Double, Double)) {
        let (mean, p95) = pair
        let fit = UtilisationFit.fit(meanPct: mean, p95Pct: p95)
        guard case let .beta(a, b) = fit.distribution else { Issue.record("not a Beta: \(fit)"); return }
        #expect(fit.note == nil)
        #expect(abs(a / (a + b) - mean / 100) < 1e-12)
        #expect(abs(Statistics.betaQuantile(0.95, a: a, b: b) - p95 / 100) < 1e-6)
        #expect(abs(Statistics.betaCDF(p95 / 100, a: a, b: b) - 0.95) < 1e-6)
    }

    @Test(
        "the stochastic workload driven by the fit reproduces mean and p95 over many seeds (200 VMs × 500 steps each)", arguments: [(10.0, 30.0), (40.0, 70.0)])
    func sampled(_ pair: (Double, Double)) throws {
        let (mean, p95) = pair
        let fit = UtilisationFit.fit(meanPct: mean, p95Pct: p95)
        var draws: [Double] = []
        for seed in UInt64(1)...4 {
            let w = try StochasticWorkload(cpu: fit.distribution, memory: .constant(0.3), interval: .seconds(300.0), seed: seed, entityBase: 0)
            for member in 0..<50 { for step in 0..<500 { draws.append(w.demand(member: member, step: step).cpu) } }
        }
        // 100,000 draws: the standard error of the mean is < 0.1 points, of the p95 < 0.3
        #expect(abs(Statistics.mean(draws) * 100 - mean) < 0.3)
        #expect(abs(Statistics.quantiles(draws, [0.95])[0] * 100 - p95) < 0.8)
    }

    @Test("pairs no Beta reaches: each has its stated rule and a note")
    func unattainable() {
        #expect(UtilisationFit.fit(meanPct: 0, p95Pct: 10).distribution == .constant(0))
        #expect(UtilisationFit.fit(meanPct: 100, p95Pct: 100).distribution == .constant(1))
        let flat = UtilisationFit.fit(meanPct: 20, p95Pct: 20)
        #expect(flat.distribution == .constant(0.2) && flat.note != nil)
        let saturated = UtilisationFit.fit(meanPct: 30, p95Pct: 100)
        guard case let .beta(a, b) = saturated.distribution else { Issue.record("\(saturated)"); return }
        #expect(abs(Statistics.betaQuantile(0.95, a: a, b: b) - 0.99) < 1e-6 && saturated.note!.contains("99%"))
        // mean 1%: no Beta has a p95 of 90%; the largest reachable is taken and said
        let tiny = UtilisationFit.fit(meanPct: 1, p95Pct: 90)
        guard case let .beta(ta, tb) = tiny.distribution else { Issue.record("\(tiny)"); return }
        #expect(abs(ta / (ta + tb) - 0.01) < 1e-12 && tiny.note!.contains("unreachable"))
        #expect(Statistics.betaQuantile(0.95, a: ta, b: tb) < 0.9)
    }
}
