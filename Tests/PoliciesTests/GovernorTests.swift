import Policies
import Testing
@testable import Policies

/// Five P-states, 3000 down to 1000 MHz.
private let f: [Double] = [3000, 2500, 2000, 1500, 1000]
/// SimGrid's example table, 100/50/20.
private let simGrid: [Double] = [100, 50, 20]

@Suite("DVFS governors: hand-computed decisions")
struct GovernorTests {
    @Test("performance stays at P-state 0 and powersave at the last, whatever the load")
    func fixed() {
        for load in [0.0, 0.5, 1.0] {
            #expect(PerformanceGovernor().next(.at(3, f), load: load, frequenciesMHz: f) == .at(0, f))
            #expect(PowersaveGovernor().next(.at(0, f), load: load, frequenciesMHz: f) == .at(4, f))
        }
        #expect(PowersaveGovernor().highestPState(f) == 4, "placement sees the lowest P-state's capacity")
        #expect(PerformanceGovernor().highestPState(f) == 0)
    }

    @Test("ondemand: load above up_threshold (80%) goes straight to the highest frequency")
    func ondemandUp() {
        let g = OndemandGovernor()
        #expect(g.next(.at(3, f), load: 0.85, frequenciesMHz: f) == .at(0, f))
        #expect(g.next(.at(0, f), load: 0.9, frequenciesMHz: f) == .at(0, f))
        #expect(g.next(.at(4, f), load: 0.81, frequenciesMHz: f) == .at(0, f))
    }

    @Test("ondemand: below up_threshold − down_differential (70%) the lowest frequency ≥ load·f_cur/0.7")
    func ondemandDown() {
        let g = OndemandGovernor()
        // 0.5 × 3000 / 0.7 = 2142.9 MHz → lowest table frequency at or above: 2500 (P1)
        #expect(g.next(.at(0, f), load: 0.5, frequenciesMHz: f) == .at(1, f))
        // at 2500 the same work is a load of 0.6: 0.6 × 2500 / 0.7 = 2142.9 again → stays: a fixed point
        #expect(g.next(.at(1, f), load: 0.6, frequenciesMHz: f) == .at(1, f))
        // 0.2 × 3000 / 0.7 = 857 MHz, below f_min → 1000 (P4)
        #expect(g.next(.at(0, f), load: 0.2, frequenciesMHz: f) == .at(4, f))
        // 0.42 × 2500 / 0.7 = 1500 exactly → 1500 (P3), not 2000
        #expect(g.next(.at(1, f), load: 0.42, frequenciesMHz: f) == .at(3, f))
    }

    @Test("ondemand: between 70% and 80% nothing changes; down_differential 0 gives f ≥ load·f_cur/up_threshold")
    func ondemandBand() {
        let g = OndemandGovernor()
        #expect(g.next(.at(0, f), load: 0.75, frequenciesMHz: f) == .at(0, f))
        #expect(g.next(.at(2, f), load: 0.7, frequenciesMHz: f) == .at(2, f))
        #expect(g.next(.at(2, f), load: 0.8, frequenciesMHz: f) == .at(2, f), "80% is not above 80%")
        // 0.5 × 3000 / 0.8 = 1875 → 2000 (P2)
        #expect(OndemandGovernor(downDifferential: 0).next(.at(0, f), load: 0.5, frequenciesMHz: f) == .at(2, f))
    }

    @Test("ondemand reaches a fixed point within two samples at any constant demand")
    func ondemandSettles() {
        let g = OndemandGovernor()
        for i in 0...100 {
            let demand = Double(i) / 100 * 3000  // MHz-equivalents of work
            for start in 0..<f.count {
                var s = GovernorState.at(start, f)
                for _ in 0..<2 { s = g.next(s, load: min(1, demand / f[s.pstate]), frequenciesMHz: f) }
                #expect(g.next(s, load: min(1, demand / f[s.pstate]), frequenciesMHz: f) == s, "demand \(demand) from P\(start)")
            }
        }
    }

    @Test("conservative: 5% of f_max per sample; up resolves to the highest frequency ≤ the request, down to the lowest ≥")
    func conservativeSteps() {
        let g = ConservativeGovernor()
        // Up from 1000 MHz in steps of 150 MHz (5% of 3000): 1150, 1300, 1450 stay at 1000; 1600 → 1500
        var s = GovernorState.at(4, f)
        var seen: [GovernorState] = []
        for _ in 0..<4 { s = g.next(s, load: 0.9, frequenciesMHz: f); seen.append(s) }
        #expect(seen.map(\.pstate) == [4, 4, 4, 3])
        #expect(abs(seen[3].requestedMHz - 1600) < 1e-9)
        // Down from 3000 with no load: 2850, 2700, 2550 stay at 3000 (lowest ≥), 2400 → 2500
        s = .at(0, f)
        seen = []
        for _ in 0..<4 { s = g.next(s, load: 0.0, frequenciesMHz: f); seen.append(s) }
        #expect(seen.map(\.pstate) == [0, 0, 0, 1])
        #expect(abs(seen[3].requestedMHz - 2400) < 1e-9)
    }

    @Test("conservative on SimGrid's 100/50/20 table: 20 → 50 at the 6th sample up, 100 → 50 at the 10th down")
    func conservativeSimGrid() {
        let g = ConservativeGovernor()
        var s = GovernorState.at(2, simGrid)
        var pstates: [Int] = []
        for _ in 0..<6 { s = g.next(s, load: 0.9, frequenciesMHz: simGrid); pstates.append(s.pstate) }
        #expect(pstates == [2, 2, 2, 2, 2, 1])
        s = .at(0, simGrid)
        pstates = []
        for _ in 0..<10 { s = g.next(s, load: 0.1, frequenciesMHz: simGrid); pstates.append(s.pstate) }
        #expect(pstates == [0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    }

    @Test("conservative: between down_threshold and up_threshold nothing changes; the request stops at f_max and f_min")
    func conservativeBounds() {
        let g = ConservativeGovernor()
        #expect(g.next(.at(2, f), load: 0.5, frequenciesMHz: f) == .at(2, f))
        #expect(g.next(.at(2, f), load: 0.2, frequenciesMHz: f) == .at(2, f), "20% is not below 20%")
        let nearTop = GovernorState(pstate: 0, requestedMHz: 2950)
        #expect(g.next(nearTop, load: 0.9, frequenciesMHz: f) == .at(0, f))
        #expect(g.next(.at(0, f), load: 0.9, frequenciesMHz: f) == .at(0, f))
        let nearBottom = GovernorState(pstate: 4, requestedMHz: 1100)
        #expect(g.next(nearBottom, load: 0.1, frequenciesMHz: f) == .at(4, f))
        #expect(g.next(.at(4, f), load: 0.1, frequenciesMHz: f) == .at(4, f))
    }

    @Test("parameters are validated with the key at fault")
    func checks() {
        #expect(OndemandGovernor.check(upThreshold: 0, downDifferential: 0)?.hasPrefix("up_threshold:") == true)
        #expect(OndemandGovernor.check(upThreshold: 0.8, downDifferential: 0.8)?.hasPrefix("down_differential:") == true)
        #expect(ConservativeGovernor.check(upThreshold: 0.5, downThreshold: 0.5, freqStep: 0.05)?.hasPrefix("down_threshold:") == true)
        #expect(ConservativeGovernor.check(upThreshold: 0.8, downThreshold: 0.2, freqStep: 0)?.hasPrefix("freq_step:") == true)
        #expect(GovernorRegistry.make("conservative", parameters: ["down_threshold": 0.9]) == nil)
        #expect(GovernorRegistry.make("ondemand", parameters: ["freq_step": 0.1]) == nil, "not an ondemand tunable")
        #expect(GovernorRegistry.make("schedutil") == nil)
    }

    @Test("the registry lists Linux's four governors, with Linux's defaults")
    func registry() {
        #expect(GovernorRegistry.names == ["performance", "powersave", "ondemand", "conservative"])
        let od = GovernorRegistry.make("ondemand") as? OndemandGovernor
        #expect(od == OndemandGovernor(upThreshold: 0.8, downDifferential: 0.1))
        let cs = GovernorRegistry.make("conservative", parameters: ["freq_step": 0.1]) as? ConservativeGovernor
        #expect(cs == ConservativeGovernor(upThreshold: 0.8, downThreshold: 0.2, freqStep: 0.1))
    }

    @Test(
        "conformance: every registered governor stays within [highest allowed P-state, last] and [f_min, f_max]",
        arguments: GovernorRegistry.all.map(\.name))
    func conformance(name: String) throws {
        let g = try #require(GovernorRegistry.make(name))
        #expect(g.name == name)
        for table in [f, simGrid, [2400.0]] {
            let top = g.highestPState(table)
            let initial = g.initialState(table)
            #expect(initial.pstate >= top && initial.pstate < table.count)
            for start in 0..<table.count {
                var s = GovernorState.at(max(start, top), table)
                for i in 0...40 {
                    let load = Double((i * 37) % 101) / 100
                    let n = g.next(s, load: load, frequenciesMHz: table)
                    #expect(n.pstate >= top && n.pstate < table.count)
                    #expect(n.requestedMHz >= table[table.count - 1] && n.requestedMHz <= table[0])
                    if !g.followsLoad { #expect(n == initial, "a fixed governor never moves") }
                    s = n
                }
            }
        }
    }
}
