import Testing
@testable import Stochastic

@Suite("IntervalUtilization: per-host and pooled percentiles over intervals")
struct IntervalUtilizationTests {
    /// Two hosts, four intervals; host 1 is off in intervals 2 and 3.
    static func series() -> IntervalUtilization {
        var s = IntervalUtilization(hosts: 2)
        let host0 = [0.10, 0.40, 0.20, 0.30]
        let host1: [Double?] = [0.90, 0.50, nil, nil]
        for i in 0..<4 {
            s.appendInterval()
            s.set(host: 0, fraction: host0[i])
            if let u = host1[i] { s.set(host: 1, fraction: u) }
        }
        return s
    }

    @Test("a host's quantile is GSL's over its on intervals: p95 of {10,20,30,40}% = 30 + 0.85·10; off intervals do not count")
    func perHost() {
        let s = Self.series()
        #expect(s.intervals == 4)
        // n = 4: index 0.95·3 = 2.85 → x[2] + 0.85·(x[3] − x[2]) = 0.30 + 0.085
        #expect(abs(s.quantile(host: 0, 0.95)! - (0.30 + 0.85 * 0.10)) < 1e-4)
        #expect(abs(s.quantile(host: 0, 1)! - 0.40) < 1e-4)
        // host 1 was on in two intervals only: p50 of {50, 90} = 70
        #expect(abs(s.quantile(host: 1, 0.5)! - 0.70) < 1e-4)
        #expect(s.sortedFractions(host: 1).count == 2)
        #expect(abs(s.maxHostQuantile(0.5)! - 0.70) < 1e-4)
    }

    @Test("the pooled quantile equals gsl_stats_quantile_from_sorted_data over every on (host, interval) pair")
    func pooled() {
        let s = Self.series()
        let decoded = (0..<2).flatMap { s.sortedFractions(host: $0) }
        for q in [0.0, 0.05, 0.25, 0.5, 0.6, 0.95, 0.99, 1.0] {
            #expect(s.pooledQuantile(q) == Statistics.quantile(decoded, q))
        }
        // by hand: {10,20,30,40,50,90}: index 0.95·5 = 4.75 → 50 + 0.75·40 = 80
        #expect(abs(s.pooledQuantile(0.95)! - 0.80) < 1e-4)
    }

    @Test("resolution: a stored value reads back within half a code (1/131068 of full load); out-of-range values clamp")
    func resolution() {
        var s = IntervalUtilization(hosts: 3)
        s.appendInterval()
        s.set(host: 0, fraction: 0.123456789)
        s.set(host: 1, fraction: 1.7)
        s.set(host: 2, fraction: -0.2)
        #expect(abs(s.quantile(host: 0, 0.5)! - 0.123456789) <= 0.5 / IntervalUtilization.scale)
        #expect(s.quantile(host: 1, 0.5) == 1)
        #expect(s.quantile(host: 2, 0.5) == 0)
    }

    @Test("nothing on: no quantile (nil, not 0)")
    func empty() {
        var s = IntervalUtilization(hosts: 2)
        s.appendInterval()
        #expect(s.quantile(host: 0, 0.95) == nil)
        #expect(s.maxHostQuantile(0.95) == nil)
        #expect(s.pooledQuantile(0.95) == nil)
    }

    @Test("the radix sort of codes sorts like sort(): duplicates, both bytes, both ends")
    func radixSort() {
        var x: UInt64 = 12_345
        for n in [0, 1, 2, 3, 17, 288, 1000] {
            var codes: [UInt16] = []
            for _ in 0..<n {
                x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407  // Knuth's MMIX LCG
                let r = UInt16(truncatingIfNeeded: x >> 33)
                // a third of the codes from a few values (ties), some at 0 and 65534
                codes.append(r % 3 == 0 ? [0, 255, 256, 65534][Int(r / 3 % 4)] : r % 65535)
            }
            #expect(IntervalUtilization.radixSorted(codes) == codes.sorted(), "n = \(n)")
        }
    }

    @Test("sortedFractions are the host's on-interval fractions sorted")
    func sortedFractionsMatchSortedDecoding() {
        var s = IntervalUtilization(hosts: 3)
        var x = 0.0
        for i in 0..<300 {
            s.appendInterval()
            x = (x * 7.1 + 0.37).truncatingRemainder(dividingBy: 1)
            s.set(host: 1, fraction: x)
            if i % 4 != 0 { s.set(host: 2, fraction: 1 - x) }
        }
        for h in 0..<3 {
            let decoded = stride(from: h, to: s.codes.count, by: 3).compactMap { i in
                s.codes[i] == IntervalUtilization.offCode ? nil : Double(s.codes[i]) / IntervalUtilization.scale
            }
            #expect(s.sortedFractions(host: h) == decoded.sorted(), "host \(h)")
        }
        #expect(s.sortedFractions(host: 0).isEmpty && s.sortedFractions(host: 2).count == 225)
    }
}
