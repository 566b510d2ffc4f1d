import Policies
import Testing
@testable import Policies

/// A small seeded uniform source for RS (xorshift64*, top 53 bits → [0, 1)).
private struct TestUniform {
    var state: UInt64
    mutating func next() -> Double {
        state ^= state >> 12; state ^= state << 25; state ^= state >> 27
        return Double((state &* 2_685_821_657_736_338_717) >> 11) * 0x1p-53
    }
}

/// Pearson correlation of two equally long series.
private func pearson(_ a: [Double], _ b: [Double]) -> Double {
    let n = Double(a.count)
    let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for (x, y) in zip(a, b) { sab += (x - ma) * (y - mb); saa += (x - ma) * (x - ma); sbb += (y - mb) * (y - mb) }
    return sab / (saa * sbb).squareRoot()
}

extension ConsolidationTests {
    @Suite("VM selection policies (CloudSimPlanetLab.md §6 step 3, §10.1)")
    struct Selection {

        @Test("MMT: least RAM; ties go to the first VM in the host's list")
        func mmt() {
            let mmt = MinimumMigrationTime()
            #expect(mmt.selectVM(from: VMCandidateArrays(ramMB: [1740, 613, 870, 613])) == 1)
            #expect(mmt.selectVM(from: VMCandidateArrays(ramMB: [1740, 1740, 1740])) == 0, "types 1 and 2 both have 1740 MB")
            #expect(mmt.selectVM(from: VMCandidateArrays(ramMB: [870, 1740, 613])) == 2)
            #expect(mmt.selectVM(from: VMCandidateArrays(ramMB: [])) == nil)
        }

        @Test("MU: least requested MIPS / MIPS, computed as (u·MIPS)/MIPS; ties go to the first")
        func mu() {
            let mu = MinimumUtilization()
            // 0.3·2500 / 2500, 0.2·1000 / 1000, 0.25·500 / 500 → the 1000-MIPS VM
            let c = VMCandidateArrays(
                ramMB: [870, 1740, 613], requestedMips: [0.3 * 2500, 0.2 * 1000, 0.25 * 500],
                mips: [2500, 1000, 500])
            #expect(mu.selectVM(from: c) == 1)
            // 500/2500 = 200/1000 = 0.2: the first wins
            let tie = VMCandidateArrays(ramMB: [870, 1740], requestedMips: [500, 200], mips: [2500, 1000])
            #expect(mu.selectVM(from: tie) == 0)
            #expect(mu.selectVM(from: VMCandidateArrays(ramMB: [])) == nil)
        }

        @Test("RS: ⌊u·n⌋ from the caller's stream; the same seed gives the same choices")
        func rs() {
            let rs = RandomSelection()
            let four = VMCandidateArrays(ramMB: [1, 2, 3, 4])
            #expect(rs.selectVM(from: four, uniform: { 0.0 }) == 0)
            #expect(rs.selectVM(from: four, uniform: { 0.5 }) == 2)  // ⌊0.5·4⌋
            #expect(rs.selectVM(from: four, uniform: { 0.999 }) == 3)  // ⌊3.996⌋
            func run(seed: UInt64) -> [Int] {
                var g = TestUniform(state: seed)
                return (0..<50).map { k in
                    rs.selectVM(
                        from: VMCandidateArrays(ramMB: Array(repeating: 870, count: 1 + k % 7)),
                        uniform: { g.next() })!
                }
            }
            #expect(run(seed: 42) == run(seed: 42))
            #expect(run(seed: 42) != run(seed: 43))
            var drawn = 0
            #expect(
                rs.selectVM(
                    from: VMCandidateArrays(ramMB: []),
                    uniform: {
                        drawn += 1; return 0.5
                    }) == nil)
            #expect(drawn == 0, "no draw without candidates")
        }

        // MARK: MC

        @Test("OLS R² replica (commons-math QR): y on one regressor is Pearson r² = 0.64")
        func olsRSquaredHand() {
            // x = 1…4, y = 1, 3, 2, 4: Sxy = 2.25 − 0.25 − 0.25 + 2.25 = 4, Sxx = Syy = 5 → r² = 16/25
            let r2 = CloudSimMath.olsRSquared(y: [0.1, 0.3, 0.2, 0.4], regressors: [[0.1, 0.2, 0.3, 0.4]])
            #expect(abs(r2! - 16.0 / 25) < 1e-12)
            // An exact fit with two regressors: y = x1 + x2 → R² = 1
            let exact = CloudSimMath.olsRSquared(
                y: [0.3, 0.5, 0.4, 0.9],
                regressors: [[0.1, 0.3, 0.2, 0.5], [0.2, 0.2, 0.2, 0.4]])
            #expect(abs(exact! - 1) < 1e-12)
            // Not enough observations for the predictors (m < p + 1), or no regressor → nil
            #expect(CloudSimMath.olsRSquared(y: [0.1, 0.2], regressors: [[0.3, 0.1], [0.2, 0.5]]) == nil)
            #expect(CloudSimMath.olsRSquared(y: [0.1, 0.2], regressors: []) == nil)
        }

        @Test("MC picks the VM whose history the others explain best (largest R²)")
        func mcChoice() {
            let h: [[Double]] = [[0.1, 0.3, 0.2, 0.5, 0.4, 0.6], [0.5, 0.1, 0.4, 0.2, 0.3, 0.1], [0.2, 0.5, 0.5, 0.9, 0.7, 1.0]]
            let c = VMCandidateArrays(ramMB: [1740, 613, 870], histories: h)
            // Two-regressor R² from pairwise correlations: (r_y1² + r_y2² − 2·r_y1·r_y2·r_12) / (1 − r_12²)
            func expected(_ i: Int) -> Double {
                let o = (0..<3).filter { $0 != i }
                let a = pearson(h[i], h[o[0]]), b = pearson(h[i], h[o[1]]), r12 = pearson(h[o[0]], h[o[1]])
                return (a * a + b * b - 2 * a * b * r12) / (1 - r12 * r12)
            }
            let r2 = MaximumCorrelation().coefficientsOfDetermination(c)!
            for i in 0..<3 { #expect(abs(r2[i] - expected(i)) < 1e-9) }
            #expect(expected(0) > expected(2) + 0.005 && expected(2) > expected(1))  // 0.974 > 0.968 > 0.680
            #expect(MaximumCorrelation().selectVM(from: c) == 0)
            #expect(MinimumMigrationTime().selectVM(from: c) == 1, "not the fallback's choice")
        }

        @Test("MC falls back to MMT when the regression cannot be fitted")
        func mcFallback() {
            let mc = MaximumCorrelation()
            // Three VMs, two history values: fewer observations than predictors + 1 → MMT (613 MB, index 2)
            let short = VMCandidateArrays(ramMB: [1740, 870, 613], histories: [[0.1, 0.2], [0.3, 0.1], [0.5, 0.4]])
            #expect(mc.coefficientsOfDetermination(short) == nil)
            #expect(mc.selectVM(from: short) == 2)
            // Histories truncated to the shortest: 2 values again, even though two VMs have 6.
            let mixed = VMCandidateArrays(
                ramMB: [1740, 870, 613],
                histories: [[0.1, 0.3, 0.2, 0.5, 0.4, 0.6], [0.3, 0.1], [0.5, 0.1, 0.4, 0.2, 0.3, 0.1]])
            #expect(mc.selectVM(from: mixed) == 2)
            // An all-zero history makes the design exactly singular → MMT (index 1)
            let zero = VMCandidateArrays(
                ramMB: [1740, 613, 870],
                histories: [[0.1, 0.3, 0.2, 0.5], [0, 0, 0, 0], [0.5, 0.1, 0.4, 0.3]])
            #expect(mc.selectVM(from: zero) == 1)
            // A single candidate (CloudSim: NoDataException → MMT) and none
            #expect(mc.selectVM(from: VMCandidateArrays(ramMB: [870], histories: [[0.5, 0.4, 0.3]])) == 0)
            #expect(mc.selectVM(from: VMCandidateArrays(ramMB: [])) == nil)
        }

        @Test("MC returns index 0 when no R² is positive (the maximum starts at Double.MIN_VALUE)")
        func mcNoPositive() {
            // Centred histories (±0.25) with Σ products 0: each regression explains nothing, R² = 0 exactly.
            let c = VMCandidateArrays(
                ramMB: [1740, 613],
                histories: [[0.75, 0.25, 0.75, 0.25], [0.75, 0.75, 0.25, 0.25]])
            let r2 = MaximumCorrelation().coefficientsOfDetermination(c)!
            #expect(r2.allSatisfy { $0 <= Double.leastNonzeroMagnitude })
            #expect(MaximumCorrelation().selectVM(from: c) == 0)
            #expect(MinimumMigrationTime().selectVM(from: c) == 1, "so it is not the fallback")
        }
    }

    @Suite("Consolidation registry")
    struct Registry {

        @Test("CloudSim's names, unique, in registry order")
        func names() {
            #expect(ConsolidationRegistry.builtInDetectors.map(\.name) == ["thr", "iqr", "mad", "lr", "lrr"])
            #expect(ConsolidationRegistry.builtInSelection.map(\.name) == ["mmt", "mu", "mc", "rs"])
            #expect(Set(ConsolidationRegistry.detectorNames).count == ConsolidationRegistry.detectors.count)
        }

        @Test("Defaults are CloudSim's example parameters")
        func defaults() throws {
            let lr = ConsolidationRegistry.makeDetector("lr") as? LocalRegressionDetector
            #expect(lr?.safety == 1.2 && lr?.schedulingIntervalS == 300 && lr?.window == 10 && lr?.weighted == false)
            #expect(lr?.fallback.threshold == 0.7)
            #expect((ConsolidationRegistry.makeDetector("thr") as? ThresholdDetector)?.threshold == 0.8)
            #expect((ConsolidationRegistry.makeDetector("iqr") as? IQRDetector)?.safety == 1.5)
            #expect((ConsolidationRegistry.makeDetector("mad") as? MADDetector)?.safety == 2.5)
            let w = ConsolidationRegistry.makeDetector("lrr", parameters: ["weighted": .flag(true), "safety": .number(1.1)])
            #expect((w as? RobustLocalRegressionDetector)?.weighted == true)
            #expect((w as? RobustLocalRegressionDetector)?.safety == 1.1)
            for e in ConsolidationRegistry.builtInDetectors {
                for p in e.parameters {
                    let d = try #require(p.defaultValue, "\(e.name).\(p.name) has a default")
                    #expect(e.problems([p.name: d]).isEmpty, "\(e.name).\(p.name)")
                }
            }
        }

        @Test("Parameter problems are reported, every one")
        func problems() {
            let lr = ConsolidationRegistry.detectors.first { $0.name == "lr" }!
            let p = lr.problems(["safty": .number(1), "weighted": .number(1), "window": .number(2.5), "safety": .number(-1)])
            #expect(p.count == 4)
            #expect(p.contains { $0.contains("unknown parameter 'safty'") && $0.contains("safety") })
            #expect(p.contains { $0.contains("weighted") && $0.contains("true or false") })
            #expect(ConsolidationRegistry.makeDetector("lr", parameters: ["safety": .number(-1)]) == nil)
            #expect(ConsolidationRegistry.makeDetector("nope") == nil)
            #expect(ConsolidationRegistry.makeSelectionPolicy("nope") == nil)
        }

        @Test("Conformance: every detector is deterministic and decides on any history length")
        func detectorConformance() {
            let histories: [[Double]] = [
                [], [0, 0], Array(repeating: 0.5, count: 9),
                (0..<30).map { 0.3 + 0.02 * Double($0 % 7) }
            ]
            for e in ConsolidationRegistry.builtInDetectors {
                guard let d = e.make([:]) else { Issue.record("\(e.name): defaults do not make a detector"); continue }
                #expect(d.name == e.name)
                for h in histories {
                    for u in [0.0, 0.75, 1.2] {
                        func run() -> OverloadDecision {
                            h.withUnsafeBufferPointer {
                                d.evaluate(
                                    HostHistoryView(
                                        history: $0, requestedMips: u * 3720, capacityMips: 3720,
                                        maxMigrationTimeS: 27.84))
                            }
                        }
                        let a = run(), b = run()
                        #expect(a.overloaded == b.overloaded && (a.metric == b.metric || a.metric.isNaN && b.metric.isNaN))
                        if h.count < 9 && e.name != "thr" { #expect(a.usedFallback && a.overloaded == (u > 0.7)) }
                    }
                }
            }
        }

        @Test("Conformance: every selection policy returns an index in range, nil for no candidates")
        func selectionConformance() {
            var histories: [[Double]] = []
            for v in 0..<4 {
                var h: [Double] = []
                for k in 0..<12 { h.append(0.1 + 0.05 * Double((k * (v + 2)) % 9)) }
                histories.append(h)
            }
            let c = VMCandidateArrays(
                ramMB: [870, 1740, 613, 500], requestedMips: [500, 900, 100, 250],
                mips: [2500, 2000, 1000, 500], histories: histories)
            for e in ConsolidationRegistry.builtInSelection {
                guard let p = e.make() else { Issue.record("\(e.name) makes nothing"); continue }
                #expect(p.name == e.name)
                var g = TestUniform(state: 7)
                let i = p.selectVM(from: c, uniform: { g.next() })
                #expect(i.map { (0..<4).contains($0) } == true, "\(e.name)")
                #expect(p.selectVM(from: VMCandidateArrays(ramMB: []), uniform: { 0.5 }) == nil)
            }
        }
    }
}
