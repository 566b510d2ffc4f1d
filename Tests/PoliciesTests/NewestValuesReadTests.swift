import Testing
import Policies
import TestSupport

/// `OverloadDetector.newestValuesRead`: the CloudSim engine hands LR and LRR only the k newest
/// history values and, before them, the first older non-zero value (if any). The protocol's
/// law says the decision is then the same as on the whole history; checked here on seeded
/// random histories of 30 values with zero runs at the oldest end and inside.
@Suite("Overload detectors: decisions from the newest values")
struct NewestValuesReadTests {
    /// The history the engine builds from a whole one (oldest first): the k newest values and
    /// the newest older non-zero value before them, or the whole trimmed history.
    static func shortened(_ whole: [Double], k: Int) -> [Double] {
        let newestFirst = Array(whole.reversed())
        var n = 0
        for j in 0..<min(k, newestFirst.count) where newestFirst[j] != 0 { n = j + 1 }
        var out = Array(newestFirst[0..<n])
        if let older = newestFirst.dropFirst(k).first(where: { $0 != 0 }) {
            out = Array(newestFirst[0..<k]) + [older]
        }
        return out.reversed()
    }

    static func decision(_ d: any OverloadDetector, _ history: [Double], requested: Double) -> OverloadDecision {
        history.withUnsafeBufferPointer { h in
            d.evaluate(HostHistoryView(history: h, requestedMips: requested, capacityMips: 1, maxMigrationTimeS: 27.84))
        }
    }

    @Test("LR and LRR decide alike on the whole history and on the shortened one", arguments: [UInt64(1), 2, 3, 4])
    func shortenedHistories(seed: UInt64) {
        let detectors: [any OverloadDetector] = [
            LocalRegressionDetector(), LocalRegressionDetector(safety: 1.1, weighted: true),
            RobustLocalRegressionDetector(), RobustLocalRegressionDetector(weighted: true)
        ]
        var rng = SplitMix64(state: seed)
        var shortenedCount = 0
        for _ in 0..<500 {
            // zeros at the oldest end (a short history), and zero runs inside
            let length = 1 + Int(rng.next() % 30)
            var whole = [Double](repeating: 0, count: 30 - length)
            for _ in 0..<length { whole.append(rng.next() % 4 == 0 ? 0 : rng.uniform(0, 1.2)) }
            let requested = rng.uniform(0, 1)
            for d in detectors {
                let k = try! #require(d.newestValuesRead)
                let short = Self.shortened(whole, k: k)
                if short.count < whole.count { shortenedCount += 1 }
                let a = Self.decision(d, whole, requested: requested), b = Self.decision(d, short, requested: requested)
                #expect(a.overloaded == b.overloaded && a.metric.bitPattern == b.metric.bitPattern, "\(d.name) on \(whole)")
            }
        }
        #expect(shortenedCount > 100, "the shortened histories differ from the whole ones")
    }

    @Test("detectors that read the whole history say so")
    func wholeHistory() {
        #expect(IQRDetector().newestValuesRead == nil)
        #expect(MADDetector().newestValuesRead == nil)
        #expect(ThresholdDetector(threshold: 0.8).newestValuesRead == nil)
        #expect(LocalRegressionDetector(window: 12).newestValuesRead == 12)
    }
}
