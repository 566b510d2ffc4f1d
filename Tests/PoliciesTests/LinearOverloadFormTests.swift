import Testing
import Policies
import TestSupport

/// LR's verdict as a linear form (`LinearOverloadForm`), which the event engine's target search
/// uses to refuse hosts without running the detector.
@Suite("LinearOverloadForm: LR's prediction as weights on the history")
struct LinearOverloadFormTests {
    static func decide(_ d: LocalRegressionDetector, _ history: [Double], migrationS: Double) -> OverloadDecision {
        history.withUnsafeBufferPointer {
            d.evaluate(HostHistoryView(history: $0, requestedMips: 0, capacityMips: 1000, maxMigrationTimeS: migrationS))
        }
    }

    /// The form's certain verdict on one history (its `window` newest values, oldest first).
    static func verdict(_ form: LinearOverloadForm, _ y: [Double], migrationS: Double) -> Bool? {
        let s = y.withUnsafeBufferPointer { form.sums(newest: $0) }
        return form.certainVerdict(host: s, vm: .init(), scale: 0, maxMigrationTimeS: migrationS)
    }

    @Test("on a straight line the prediction is the line one migration ahead: y = 0.05·x at x = 10 + 1 → 0.55")
    func straightLine() throws {
        for weighted in [false, true] {
            let form = try #require(LocalRegressionDetector(safety: 1, weighted: weighted).linearForm)
            let y = (1...10).map { 0.05 * Double($0) }
            // A = Σαᵢyᵢ = 0, B = Σβᵢyᵢ = 0.05; prediction at x = 11 (28 s of migration → m = 1)
            let a = zip(form.interceptWeights, y).map { $0 * $1 }.reduce(0, +)
            let b = zip(form.slopeWeights, y).map { $0 * $1 }.reduce(0, +)
            #expect(abs(a) < 1e-12 && abs(b - 0.05) < 1e-12)
            // 0.55 < 1: not overloaded; with safety 2 → 1.1: overloaded, and certainly so
            let s2 = try #require(LocalRegressionDetector(safety: 2, weighted: weighted).linearForm)
            #expect(Self.verdict(s2, y, migrationS: 28) == true)
            #expect(Self.verdict(form, y, migrationS: 28) == false)
        }
    }

    @Test(
        "over 20,000 random histories the form's prediction is the detector's to 1e-12, and a certain verdict is the detector's",
        arguments: [false, true])
    func matchesDetector(weighted: Bool) throws {
        var rng = SplitMix64(state: weighted ? 7 : 8)
        var certain = 0, overloaded = 0
        for case_ in 0..<20_000 {
            let safety = rng.uniform(0.8, 1.6)
            let d = LocalRegressionDetector(safety: safety, weighted: weighted)
            let form = try #require(d.linearForm)
            // 10 to 30 values; near the threshold half the time, so that verdicts are close calls
            let n = rng.int(10, 30)
            let level = rng.int(2) == 0 ? 1 / safety : rng.uniform(0, 1.2)
            let trend = rng.uniform(-0.02, 0.02)
            var h = (0..<n).map { i in max(0, level + trend * Double(i - n + 1) + rng.uniform(-0.05, 0.05)) }
            h[0] = max(h[0], 0.01)  // no trimmed zeros: LR, not its fallback, decides
            let migrationS = [0, 27.84, 300, 301][rng.int(4)]
            let dec = Self.decide(d, h, migrationS: migrationS)
            let newest = Array(h.suffix(10))
            let m = (migrationS / 300).rounded(.up)
            var a = 0.0, b = 0.0
            for i in 0..<10 { a += form.interceptWeights[i] * newest[i]; b += form.slopeWeights[i] * newest[i] }
            #expect(abs(safety * (a + b * (10 + m)) - dec.metric) < 1e-12, "case \(case_)")
            if let v = Self.verdict(form, newest, migrationS: migrationS) {
                if v { certain += 1 }
                #expect(dec.overloaded == v, "case \(case_): the form says \(v), the detector's metric is \(dec.metric)")
            }
            if dec.overloaded { overloaded += 1 }
        }
        // the form decides most overloaded cases (all but those within the margin)
        #expect(certain > overloaded * 9 / 10)
    }

    @Test("a host's and a VM's sums judge their summed history: a certain verdict is the detector's (10,000 cases near the threshold)")
    func hostPlusVM() throws {
        var rng = SplitMix64(state: 11)
        var certain = 0
        for case_ in 0..<10_000 {
            let d = LocalRegressionDetector(safety: 1.2, weighted: case_ % 2 == 0)
            let form = try #require(d.linearForm)
            let f = rng.uniform(0.1, 0.8)  // VM MIPS / host MIPS
            let target = 1 / 1.2 + rng.uniform(-0.03, 0.03)
            let vm = (0..<10).map { _ in rng.uniform(0, 1) }
            let host = (0..<10).map { i in max(0.001, target - vm[i] * f + rng.uniform(-0.02, 0.02)) }
            let summed = (0..<10).map { host[$0] + vm[$0] * f }
            let hs = host.withUnsafeBufferPointer { form.sums(newest: $0) }
            let vs = vm.withUnsafeBufferPointer { form.sums(newest: $0) }
            if let verdict = form.certainVerdict(host: hs, vm: vs, scale: f, maxMigrationTimeS: 27.84) {
                certain += 1
                #expect(Self.decide(d, summed, migrationS: 27.84).overloaded == verdict, "case \(case_)")
            }
        }
        #expect(certain > 9000)
    }

    @Test("THR, MAD, IQR and LRR state no linear form")
    func othersHaveNone() {
        #expect(ThresholdDetector(threshold: 0.8).linearForm == nil)
        #expect(MADDetector().linearForm == nil)
        #expect(IQRDetector().linearForm == nil)
        #expect(RobustLocalRegressionDetector().linearForm == nil)
    }
}
