import Testing
@testable import DatacenterModel

/// SimGrid's documented example (`src/plugins/host_energy.cpp`): pstates 100/50/20 Mflop/s with
/// Idle:Epsilon:AllCores 95:120:200, 93:115:170, 90:110:150 W (Idle and AllCores used).
private let simGrid = PStateTable(
    frequenciesMHz: [100, 50, 20],
    power: .explicit(idleW: [95, 93, 90], maxW: [200, 170, 150]))
private let linear = LinearPowerModel(idleW: 100, maxW: 200)

@Suite("P-state tables")
struct PStateTableTests {
    @Test("capacity is proportional to frequency: 100/50/20 MHz give 1, 0.5, 0.2 of P-state 0")
    func capacity() {
        #expect(simGrid.capacityFractions == [1, 0.5, 0.2])
        #expect(simGrid.count == 3)
    }

    @Test("explicit form (SimGrid's example): P_k(u) = idle_k + (max_k - idle_k)·u")
    func explicitPower() {
        #expect(simGrid.powerW(pstate: 0, utilization: 0, base: linear) == 95)
        #expect(simGrid.powerW(pstate: 0, utilization: 1, base: linear) == 200)
        #expect(simGrid.powerW(pstate: 1, utilization: 0.5, base: linear) == 93 + 77 * 0.5)  // 131.5 W
        #expect(simGrid.powerW(pstate: 2, utilization: 0.25, base: linear) == 90 + 60 * 0.25)  // 105 W
        #expect(simGrid.powerW(pstate: 2, utilization: 1.7, base: linear) == 150, "clamped at 100%")
        #expect(simGrid.powerW(pstate: 1, utilization: -0.2, base: linear) == 93, "clamped at 0%")
    }

    @Test("derived form: P_k(u) = idle + (P(u) - idle)·(f_k/f_0)^3 — half the frequency, an eighth of the dynamic power")
    func derivedCubic() {
        let t = PStateTable(frequenciesMHz: [2000, 1000], power: .derived(exponent: 3))
        // linear 100 → 200 W at u = 0.8: dynamic 80 W at P0, 80 × 0.125 = 10 W at P1
        #expect(t.powerW(pstate: 0, utilization: 0.8, base: linear) == 180)
        #expect(t.powerW(pstate: 1, utilization: 0.8, base: linear) == 110)
        #expect(t.maxW(pstate: 1, base: linear) == 112.5)
        #expect(t.idleW(pstate: 1, base: linear) == 100, "idle power does not scale")
    }

    @Test("derived form: the exponent is an input (1: dynamic power ∝ f; 0: frequency changes capacity only)")
    func derivedExponent() {
        let one = PStateTable(frequenciesMHz: [2000, 1000], power: .derived(exponent: 1))
        #expect(one.powerW(pstate: 1, utilization: 0.8, base: linear) == 100 + 80 * 0.5)
        let zero = PStateTable(frequenciesMHz: [2000, 1000], power: .derived(exponent: 0))
        #expect(zero.powerW(pstate: 1, utilization: 0.8, base: linear) == 180)
        #expect(PStateTable.defaultExponent == 3)
    }

    @Test("derived form over a SPECpower curve keeps its shape in u: HP ML110 G4 at 35%, half frequency")
    func derivedSpec() {
        let spec = SpecPowerModel(tableW: SpecPowerLibrary.table(named: "hp-ml110-g4")!)
        let t = PStateTable(frequenciesMHz: [2130, 1065], power: .derived(exponent: 3))
        // P(0.35) = 97.75 W, idle 86 W: 86 + 11.75 / 8 = 87.46875 W
        #expect(abs(t.powerW(pstate: 1, utilization: 0.35, base: spec) - 87.46875) < 1e-12)
    }

    @Test("validation names the key and what was expected")
    func validation() {
        let ok = PStateTable.Power.derived(exponent: 3)
        #expect(PStateTable.check(frequenciesMHz: [100, 50], power: ok) == nil)
        #expect(PStateTable.check(frequenciesMHz: [], power: ok)?.hasPrefix("frequencies_mhz:") == true)
        #expect(PStateTable.check(frequenciesMHz: [100, 100], power: ok)?.contains("strictly decreasing") == true)
        #expect(PStateTable.check(frequenciesMHz: [50, 100], power: ok)?.contains("strictly decreasing") == true)
        #expect(PStateTable.check(frequenciesMHz: [100, 0], power: ok)?.hasPrefix("frequencies_mhz[1]:") == true)
        #expect(PStateTable.check(frequenciesMHz: [100], power: .derived(exponent: -1))?.hasPrefix("exponent:") == true)
        #expect(
            PStateTable.check(frequenciesMHz: [100, 50], power: .explicit(idleW: [95], maxW: [200, 170]))?
                .hasPrefix("idle_w: expected one value per P-state (2), found 1") == true)
        #expect(
            PStateTable.check(frequenciesMHz: [100, 50], power: .explicit(idleW: [95, 93], maxW: [200, 90]))?
                .hasPrefix("max_w[1]: expected finite watts ≥ idle_w[1] (93.0), found 90.0") == true)
        #expect(PStateTable.check(frequenciesMHz: [100], power: .explicit(idleW: [-1], maxW: [200]))?.hasPrefix("idle_w[0]:") == true)
    }

    @Test("an embedded hypervisor lowers explicit P-state powers (floored at 0 W); the derived form follows the host's power model")
    func embedded() {
        let low = simGrid.lowered(byW: 12)
        #expect(low.powerW(pstate: 1, utilization: 0, base: linear) == 81)
        #expect(low.powerW(pstate: 2, utilization: 1, base: linear) == 138)
        let derived = PStateTable(frequenciesMHz: [2, 1], power: .derived(exponent: 3))
        #expect(derived.lowered(byW: 12) == derived)
        var host = HostType(name: "h", cores: 1, coreMips: 1000, ramMiB: 1024, power: linear)
        host.pstates = simGrid
        #expect(EmbeddedHypervisor().apply(to: host).pstates == low)
    }

    @Test(
        "laws of every P-state: p(0) = idle, p(1) = max, monotone in u; derived: a lower frequency never draws more",
        arguments: [
            simGrid, PStateTable(frequenciesMHz: [3066, 2400, 1600], power: .derived(exponent: 3)),
            PStateTable(frequenciesMHz: [3066, 2400, 1600], power: .derived(exponent: 1.7))
        ])
    func laws(table: PStateTable) {
        let base = SpecPowerModel(tableW: SpecPowerLibrary.table(named: "ibm-x3550-x5675")!)
        for k in 0..<table.count {
            let m = PStatePowerModel(table: table, pstate: k, base: base)
            #expect(m.powerW(utilization: 0) == m.idleW)
            #expect(m.powerW(utilization: 1) == m.maxW)
            var prev = -Double.infinity
            for i in 0...200 {
                let u = Double(i) / 200
                let p = m.powerW(utilization: u)
                #expect(p >= prev && p.isFinite && p >= m.idleW && p <= m.maxW)
                prev = p
                if case .derived = table.power, k > 0 {
                    #expect(p <= table.powerW(pstate: k - 1, utilization: u, base: base))
                }
            }
        }
    }
}
