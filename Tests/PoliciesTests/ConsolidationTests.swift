import Policies
import Testing
@testable import Policies

/// Runs `body` with a view of a host whose history is `history` (oldest first).
private func withHost<R>(
    _ history: [Double], requestedMips: Double, capacityMips: Double = 1,
    maxMigrationTimeS: Double = 27.84, _ body: (HostHistoryView) -> R
) -> R {
    history.withUnsafeBufferPointer {
        body(
            HostHistoryView(
                history: $0, requestedMips: requestedMips, capacityMips: capacityMips,
                maxMigrationTimeS: maxMigrationTimeS))
    }
}

/// Decision of `detector` for a host with `history` and requested utilization `u` (capacity 1 MIPS).
private func decide(
    _ detector: some OverloadDetector, _ history: [Double], u: Double,
    maxMigrationTimeS: Double = 27.84
) -> OverloadDecision {
    withHost(history, requestedMips: u, maxMigrationTimeS: maxMigrationTimeS) { detector.evaluate($0) }
}

/// The ten values of the LR examples, oldest first: ȳ = 0.6, Σ(x−x̄)(y−ȳ) = 4.5, Σ(x−x̄)² = 82.5.
private let lrTen: [Double] = [0.3, 0.5, 0.4, 0.6, 0.5, 0.7, 0.6, 0.8, 0.7, 0.9]

/// Dynamic-consolidation policies (issue 3). Every suite is nested here, so
/// `swift test --filter ConsolidationTests` runs them all.
@Suite("Consolidation policies")
struct ConsolidationTests {}

extension ConsolidationTests {
    @Suite("Overload detectors (CloudSimPlanetLab.md §5)")
    struct Detectors {

        // MARK: THR

        @Test("THR: strictly greater than the threshold; exactly equal is not overloaded (§10.8)")
        func thresholdBoundary() {
            let thr = ThresholdDetector(threshold: 0.8)
            // 800 / 1000 is the double nearest 0.8, i.e. exactly the threshold.
            let atThreshold = withHost([], requestedMips: 800, capacityMips: 1000) { thr.evaluate($0) }
            #expect(atThreshold == OverloadDecision(overloaded: false, metric: 0.8))
            let above = withHost([], requestedMips: 800.5, capacityMips: 1000) { thr.evaluate($0) }
            #expect(above.overloaded)
            #expect(!thr.readsHistory)
            #expect(ThresholdDetector().threshold == 0.8)
            #expect(ThresholdDetector.cloudSimFallback.threshold == 0.7)
        }

        // MARK: IQR

        @Test("IQR indices use Java's half-up Math.round (§10.8): n = 12, 13, 17, 21, 25, 29")
        func iqrIndices() {
            #expect(CloudSimMath.interquartileRangeIndices(count: 12) == (2, 9))  // round(3.25), round(9.75)
            #expect(CloudSimMath.interquartileRangeIndices(count: 13) == (3, 10))  // round(3.5) = 4, round(10.5) = 11
            #expect(CloudSimMath.interquartileRangeIndices(count: 17) == (4, 13))  // round(4.5) = 5, round(13.5) = 14
            #expect(CloudSimMath.interquartileRangeIndices(count: 21) == (5, 16))  // round(5.5) = 6, round(16.5) = 17
            #expect(CloudSimMath.interquartileRangeIndices(count: 25) == (6, 19))  // round(6.5) = 7, round(19.5) = 20
            #expect(CloudSimMath.interquartileRangeIndices(count: 29) == (7, 22))  // round(7.5) = 8, round(22.5) = 23
            #expect(CloudSimMath.javaRound(2.5) == 3 && CloudSimMath.javaRound(3.5) == 4, "not half-to-even")
        }

        @Test("IQR on small arrays, even and odd lengths, unsorted input, no interpolation")
        func iqrSmall() {
            // n = 4: q1 = round(1.25) − 1 = 0, q3 = round(3.75) − 1 = 3 → x(3) − x(0) of the sorted values
            #expect(CloudSimMath.interquartileRange([0.4, 0.1, 0.3, 0.2]) == 0.4 - 0.1)
            // n = 5: q1 = round(1.5) − 1 = 1, q3 = round(4.5) − 1 = 4 → 0.5 − 0.2
            #expect(CloudSimMath.interquartileRange([0.5, 0.1, 0.4, 0.2, 0.3]) == 0.5 - 0.2)
            // n = 13: q1 = 3, q3 = 10 → 0.11 − 0.04 (Python's round would take index 9, 0.10)
            let thirteen: [Double] = [0.13, 0.01, 0.12, 0.02, 0.11, 0.03, 0.10, 0.04, 0.09, 0.05, 0.08, 0.06, 0.07]
            #expect(CloudSimMath.interquartileRange(thirteen) == 0.11 - 0.04)
        }

        @Test("IQR detector: overloaded when u > 1 − 1.5·IQR, strictly")
        func iqrDecision() {
            let iqr = IQRDetector()
            let history = (1...12).map { Double($0) / 100 }  // 0.01 … 0.12
            let upper = 1 - 1.5 * (0.10 - 0.03)  // sorted x[9] − x[2]
            #expect(decide(iqr, history, u: 0.9) == OverloadDecision(overloaded: true, metric: upper))
            #expect(!decide(iqr, history, u: 0.89).overloaded)
            #expect(!decide(iqr, history, u: upper).overloaded, "equal to the threshold is not overloaded")
            #expect(iqr.safety == 1.5 && iqr.minimumHistory == 12 && iqr.fallback.threshold == 0.7)
        }

        @Test("IQR and MAD fall back to THR 0.7 below 12 values, counted after trimming the oldest zeros")
        func iqrMadFallback() {
            let short = [0, 0, 0] + Array(repeating: 0.5, count: 11)  // 11 values after trimming
            for d in [IQRDetector() as any OverloadDetector, MADDetector()] {
                #expect(decide(d, short, u: 0.75) == OverloadDecision(overloaded: true, metric: 0.7, usedFallback: true))
                #expect(!decide(d, short, u: 0.7).overloaded, "THR fallback is strict too")
                // 12 equal values: IQR = MAD = 0, so the threshold is 1 and 0.75 is not overloaded.
                let full = Array(repeating: 0.5, count: 12)
                #expect(decide(d, full, u: 0.75) == OverloadDecision(overloaded: false, metric: 1))
                // An interior zero counts: only the zeros at the oldest end are trimmed.
                let interior = [0.5, 0] + Array(repeating: 0.5, count: 10)
                #expect(!decide(d, interior, u: 0.75).usedFallback)
            }
        }

        // MARK: MAD

        @Test("Median as commons-math's legacy Percentile(50): odd, even, and lower + 0.5·(upper − lower)")
        func medianRule() {
            #expect(CloudSimMath.median([0.3, 0.1, 0.2]) == 0.2)
            #expect(CloudSimMath.median([0.4, 0.1, 0.3, 0.2]) == 0.2 + 0.5 * (0.3 - 0.2))
            #expect(CloudSimMath.median([0.03, 0.01]) == 0.01 + 0.5 * (0.03 - 0.01))
            #expect(CloudSimMath.median([0.03, 0.01]) != (0.01 + 0.03) / 2, "0.019999999999999997, not 0.02")
            #expect(CloudSimMath.median([0.7]) == 0.7)
            #expect(CloudSimMath.median([]).isNaN)
        }

        @Test("MAD on small arrays, odd and even lengths")
        func madSmall() {
            // odd: median 3; |3 − x| = 2, 1, 0, 1, 97 → sorted 0, 1, 1, 2, 97 → 1
            #expect(CloudSimMath.medianAbsoluteDeviation([1, 2, 3, 4, 100]) == 1)
            // even: median 3 + 0.5·(4 − 3) = 3.5; deviations 2.5, 1.5, 0.5, 0.5, 1.5, 96.5 → 1.5 + 0.5·0
            #expect(CloudSimMath.medianAbsoluteDeviation([1, 2, 3, 4, 5, 100]) == 1.5)
            #expect(CloudSimMath.medianAbsoluteDeviation([]) == 0)
        }

        @Test("MAD detector: overloaded when u > 1 − 2.5·MAD, strictly")
        func madDecision() {
            let mad = MADDetector()
            // median 0.5; deviations six 0 and six 0.25 → MAD = 0 + 0.5·(0.25 − 0) = 0.125
            let history = [0.25, 0.25, 0.25, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.75, 0.75, 0.75]
            let upper = 1 - 2.5 * 0.125  // 0.6875
            #expect(decide(mad, history, u: 0.69) == OverloadDecision(overloaded: true, metric: upper))
            #expect(!decide(mad, history, u: 0.6875).overloaded, "equal to the threshold is not overloaded")
            #expect(mad.safety == 2.5 && mad.minimumHistory == 12)
        }

        // MARK: LR

        @Test("LR: OLS on the 10 newest values, x = 1…10, predicted at x = 10 + ceil(Tm/300) = 11")
        func lrTenPoints() {
            let lr = LocalRegressionDetector()
            let slope = 4.5 / 82.5  // 3/55
            let intercept = 0.6 - slope * 5.5  // 0.3
            let predicted = intercept + slope * 11  // 0.9
            // Two older values outside the window change nothing.
            let d = decide(lr, [0.99, 0.99] + lrTen, u: 0)
            #expect(d.overloaded && !d.usedFallback)
            #expect(abs(d.metric - 1.2 * predicted) < 1e-12)  // 1.08 ≥ 1
            #expect(d == decide(lr, lrTen, u: 0))
            // The exact estimates are commons-math's.
            let e = lrTen.withUnsafeBufferPointer { CloudSimMath.cloudSimLoessEstimates($0) }
            #expect(abs(e.slope - slope) < 1e-15 && abs(e.intercept - intercept) < 1e-14)
        }

        @Test("LR: the prediction point moves with ceil(max migration time / scheduling interval)")
        func lrMigrationIntervals() {
            let lr11 = LocalRegressionDetector(safety: 1.1)
            // Tm = 27.84 s → 1 interval → x = 11 → 1.1 · 0.9 = 0.99 < 1
            #expect(!decide(lr11, lrTen, u: 0, maxMigrationTimeS: 27.84).overloaded)
            // Tm = 301 s → 2 intervals → x = 12 → 1.1 · (0.3 + 12·3/55) = 1.05 ≥ 1
            let d = decide(lr11, lrTen, u: 0, maxMigrationTimeS: 301)
            #expect(d.overloaded && abs(d.metric - 1.1 * (0.3 + 12 * 3.0 / 55)) < 1e-12)
            // Tm = 0 → 0 intervals → x = 10
            #expect(abs(decide(lr11, lrTen, u: 0, maxMigrationTimeS: 0).metric - 1.1 * (0.3 + 10 * 3.0 / 55)) < 1e-12)
            // CloudSim's migration times: RAM / (1,000,000 kbit/s / 16000)
            #expect(LocalRegressionDetector.migrationTimeS(ramMB: 1740, hostBandwidthKbps: 1_000_000) == 27.84)
            #expect(LocalRegressionDetector.migrationTimeS(ramMB: 870, hostBandwidthKbps: 1_000_000) == 13.92)
            #expect(LocalRegressionDetector.migrationTimeS(ramMB: 613, hostBandwidthKbps: 1_000_000) == 9.808)
        }

        @Test("LR compares with >= 1: a constant 0.5 history with safety 2 is overloaded")
        func lrBoundary() {
            // ȳ = 0.5, every dy = 0 → slope 0, intercept 5.0/10 = 0.5 exactly → 2 · 0.5 = 1
            let d = decide(LocalRegressionDetector(safety: 2), Array(repeating: 0.5, count: 10), u: 0)
            #expect(d == OverloadDecision(overloaded: true, metric: 1))
        }

        @Test("LR and LRR fall back to THR 0.7 below 10 values (after trimming the oldest zeros)")
        func lrFallback() {
            let rising = [0, 0] + Array(repeating: 0.95, count: 9)  // LR itself would say overloaded
            for d in [LocalRegressionDetector() as any OverloadDetector, RobustLocalRegressionDetector()] {
                #expect(decide(d, rising, u: 0.5) == OverloadDecision(overloaded: false, metric: 0.7, usedFallback: true))
                #expect(decide(d, rising, u: 0.71).overloaded)
                #expect(!decide(d, [0.95] + rising, u: 0.5).usedFallback, "only the oldest zeros are trimmed")
            }
        }

        @Test("LR weighted (realistic): tricube weights 1 at the newest value, 0 at the oldest")
        func lrWeighted() {
            #expect(CloudSimMath.tricubeWeight(point: 10, of: 10) == 1)
            #expect(CloudSimMath.tricubeWeight(point: 1, of: 10) == 0)
            // d = 1/9 → (1 − 1/729)³
            let b = 1 - 1.0 / 729
            #expect(abs(CloudSimMath.tricubeWeight(point: 9, of: 10) - b * b * b) < 1e-15)
            // On an exact line any weighting predicts the line: 0.2 + 0.05·11 = 0.75.
            let line = (1...10).map { 0.2 + 0.05 * Double($0) }
            let w = decide(LocalRegressionDetector(weighted: true), line, u: 0)
            #expect(abs(w.metric - 1.2 * (0.2 + 0.05 * 11)) < 1e-12)
            // Flat then rising: the weighted fit follows the recent rise, OLS lags.
            let kink = Array(repeating: 0.3, count: 7) + [0.5, 0.7, 0.9]
            let ols = decide(LocalRegressionDetector(), kink, u: 0).metric
            let tricube = decide(LocalRegressionDetector(weighted: true), kink, u: 0).metric
            #expect(tricube > ols)
        }

        // MARK: LRR

        @Test("LRR (CloudSim 3.0.3) decides exactly as LR, outlier or not (§5: weights never applied)")
        func lrrEqualsLR() {
            let spike = (0..<9).map { 0.5 + 0.01 * Double($0) } + [0.95]
            for h in [spike, lrTen, Array(repeating: 0.4, count: 12)] {
                for tm in [0.0, 27.84] {
                    let lr = decide(LocalRegressionDetector(), h, u: 0.5, maxMigrationTimeS: tm)
                    let lrr = decide(RobustLocalRegressionDetector(), h, u: 0.5, maxMigrationTimeS: tm)
                    #expect(lr == lrr)
                }
            }
        }

        @Test("LRR (CloudSim 3.0.3): median |residual| = 0 applies 0/MAX weights → NaN estimates → not overloaded")
        func lrrNaNQuirk() {
            // ȳ = 0.75 and Σ(x−5.5)(y−0.75) = 0.125·(3.5 − 2.5 + 0.5 − 1.5) = 0: the OLS line is y = 0.75,
            // residuals are 0 at six points and ±0.125 at x = 2, 3, 6, 7, so median |r| = 0. Bisquare weights
            // are 0 for the non-zero residuals at i = 2, 5, 6 (and w0 = w1 = w2 = 0) and MAX for 0/0:
            // five of ten ≤ 0 ≥ 40%, so √w scales the points, the sums overflow and slope = ∞/∞ = NaN.
            let h = [0.75, 0.625, 0.875, 0.75, 0.75, 0.875, 0.625, 0.75, 0.75, 0.75]
            let lr = decide(LocalRegressionDetector(safety: 1.5), h, u: 0)
            #expect(lr == OverloadDecision(overloaded: true, metric: 1.5 * 0.75))
            let lrr = decide(RobustLocalRegressionDetector(safety: 1.5), h, u: 0)
            #expect(!lrr.overloaded && lrr.metric.isNaN && !lrr.usedFallback)
            // The realistic variant guards against it and keeps a finite prediction.
            #expect(decide(RobustLocalRegressionDetector(safety: 1.5, weighted: true), h, u: 0).metric.isFinite)
        }

        @Test("LRR weighted (realistic) ignores an outlier that bisquare weighting drops")
        func lrrWeightedOutlier() {
            // y = 0.5 + 0.01·(x − 1) except an outlier 0.95 at x = 8. The tricube fit leaves the outlier's
            // residual above 6·median|r|, so its bisquare weight is 0; the other nine points lie on the
            // line, so the refit is the line and predicts 0.5 + 0.01·10 = 0.6 at x = 11.
            var h = (0..<10).map { 0.5 + 0.01 * Double($0) }
            h[7] = 0.95
            let lrr = decide(RobustLocalRegressionDetector(safety: 1.5, weighted: true), h, u: 0)
            #expect(abs(lrr.metric - 1.5 * (0.5 + 0.01 * 10)) < 1e-9 && !lrr.overloaded)
            let lr = decide(LocalRegressionDetector(safety: 1.5, weighted: true), h, u: 0)
            #expect(lr.overloaded && lr.metric > lrr.metric + 0.1)
        }

        // MARK: Host history

        @Test("Host history: Σ over VMs in list order of h·VM MIPS/host MIPS, aligned at the newest value")
        func hostHistory() {
            var host = [Double](repeating: 0, count: 4)
            let a: [Double] = [0.2, 0.4, 0.6], b: [Double] = [0.5, 0.1]  // oldest first
            host.withUnsafeMutableBufferPointer { hb in
                a.withUnsafeBufferPointer { HostHistoryView.accumulate(vmHistory: $0, vmMips: 2500, hostMips: 5320, into: hb) }
                b.withUnsafeBufferPointer { HostHistoryView.accumulate(vmHistory: $0, vmMips: 1000, hostMips: 5320, into: hb) }
            }
            #expect(
                host == [
                    0,
                    0.0 + 0.2 * 2500 / 5320,
                    0.0 + 0.4 * 2500 / 5320 + 0.5 * 1000 / 5320,
                    0.0 + 0.6 * 2500 / 5320 + 0.1 * 1000 / 5320
                ])
            let trimmed = withHost([0, 0, 0.3, 0, 0.4], requestedMips: 0) { Array($0.trimmedHistory) }
            #expect(trimmed == [0.3, 0, 0.4])
        }

        @Test("Fast paths equal the literal transcriptions bit for bit (2000 seeded random windows)")
        func fastPathsExact() {
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            func next() -> Double {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Double(state >> 11) * 0x1p-53
            }
            func same(_ a: (intercept: Double, slope: Double), _ b: (intercept: Double, slope: Double)) -> Bool {
                a.intercept.bitPattern == b.intercept.bitPattern && a.slope.bitPattern == b.slope.bitPattern
            }
            var windows: [[Double]] = [
                [0.75, 0.625, 0.875, 0.75, 0.75, 0.875, 0.625, 0.75, 0.75, 0.75],
                Array(repeating: 0.4, count: 10)
            ]
            for k in 0..<2000 {
                let n = 3 + k % 28
                // Mix of raw uniforms and whole percents (the traces are integer percents).
                windows.append((0..<n).map { _ in k % 2 == 0 ? next() * 1.3 : (next() * 100).rounded(.down) / 100 })
            }
            for y in windows {
                #expect(
                    CloudSimMath.medianAbsoluteDeviation(y).bitPattern
                        == CloudSimMath.medianAbsoluteDeviationReference(y).bitPattern)
                y.withUnsafeBufferPointer { b in
                    var slow = CloudSimSimpleRegression()
                    for i in 0..<b.count { slow.addData(Double(i + 1), b[i]) }
                    #expect(CloudSimSimpleRegression(unitStepY: b) == slow)
                    #expect(same(CloudSimMath.cloudSimLoessEstimates(b), CloudSimMath.cloudSimLoessEstimatesReference(b)))
                    let fast = CloudSimMath.cloudSimRobustLoessEstimates(b)
                    let literal = CloudSimMath.cloudSimRobustLoessEstimatesReference(b)
                    #expect(same(fast, literal) || (fast.slope.isNaN && literal.slope.isNaN))
                }
            }
        }

        @Test("commons-math SimpleRegression replica: updating sums, and (Σy/n, NaN) without x variation")
        func simpleRegression() {
            var r = CloudSimSimpleRegression()
            for (x, y) in [(1.0, 2.0), (2.0, 4.0), (3.0, 6.0)] { r.addData(x, y) }
            let fit = r.regress()
            #expect(abs(fit.intercept) < 1e-14 && abs(fit.slope - 2) < 1e-15)
            #expect(abs(r.predict(10) - 20) < 1e-13)
            #expect(r.sumX == 1 + 2 + 3 && r.sumY == 2 + 4 + 6 && r.n == 3)
            var flat = CloudSimSimpleRegression()
            for y in [1.0, 2.0, 3.0] { flat.addData(5, y) }
            let e = flat.regress()
            #expect(e.intercept == 2 && e.slope.isNaN)
        }
    }
}
