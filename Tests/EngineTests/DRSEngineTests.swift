import TestSupport
import Testing
import SimKernel
import DatacenterModel
import Policies
import Workloads
@testable import Engine

/// 1 core of 1,000 MIPS, 8 GiB, 1 Gb/s, linear 100 → 200 W.
private let host = HostType(
    name: "h", cores: 1, coreMips: 1000, ramMiB: 8192, nicGbps: 1,
    power: LinearPowerModel(idleW: 100, maxW: 200))

/// Two hosts of one cluster kept on; first-fit packs VMs 0–3 (250 MIPS reserved each) on host 0
/// and VM 4 on host 1. Every VM demands 80% of its 250 MIPS: loads 0.8 and 0.2.
private func run(drs: DRSSettings?, hours: Int64 = 1) -> (ArmResult, ArmSimulation) {
    var a = ArmConfig(
        name: "drs", isBaseline: false, hostTypes: [host],
        hosts: [HostSlot(typeIndex: 0, cluster: 0, rack: 0), HostSlot(typeIndex: 0, cluster: 0, rack: 0)],
        clusterNames: ["c0"], rackNames: ["r0"], hypervisor: .none, placement: FirstFit(),
        powerOffIdleHosts: false)
    a.drs = drs
    let g = [
        VMGroup(
            name: "g", count: 5, type: VMType(vcpus: 1, mipsPerVcpu: 250, ramMiB: 1024),
            workload: MemberTable(Array(repeating: [0.8], count: 5)))
    ]
    var sim = ArmSimulation(arm: a, groups: g, settings: RunSettings(duration: .seconds(hours * 3600), samplingInterval: .seconds(Int64(300))))
    let r = sim.run()
    return (r, sim)
}

@Suite("DRS in the virtsim engine: a hand-computed imbalance")
struct DRSEngineTests {
    @Test("loads 0.8 / 0.2 (CHLSD 0.3, priority 2) at threshold 3: one move at 5 min to 0.6 / 0.4 (CHLSD 0.1 ≤ 0.2/√2)")
    func oneMove() {
        let (r, sim) = run(drs: DRSSettings())
        #expect(sim.drsLog.count == 1)
        let e = sim.drsLog[0]
        #expect(e.timeS == 300 && e.cluster == 0)
        #expect(abs(e.chlsdBefore - 0.3) < 1e-12 && abs(e.chlsdAfter - 0.1) < 1e-12)
        #expect(e.moves.map { [$0.vm, $0.source, $0.target] } == [[0, 0, 1]])
        #expect(e.moves.first?.priority == 2)
        #expect(r.migrations == 1)
        // Settled: 600 and 400 MIPS.
        #expect(abs(sim.hDemand[0] - 600) < 1e-9 && abs(sim.hDemand[1] - 400) < 1e-9)
        #expect(sim.vmHost[0] == 1)
    }

    @Test("threshold 1 applies only mandatory moves: none")
    func thresholdOne() {
        let (r, sim) = run(drs: DRSSettings(threshold: 1))
        #expect(sim.drsLog.isEmpty && r.migrations == 0)
    }

    @Test("without drs nothing moves; the same run with drs spends energy on the move")
    func off() {
        let (plain, _) = run(drs: nil)
        let (balanced, _) = run(drs: DRSSettings())
        #expect(plain.migrations == 0)
        // Linear power: the same total demand costs the same power on two on hosts, so the
        // difference is the copy (the VM counted on both hosts for 8.59 s) and α·V + β.
        let moveS = 1_073_741_824.0 / 125e6
        let copyJ = 200.0 / 1000 * 100 * moveS  // 200 MIPS more on the target: 0.2 × 100 W
        let energyJ = 0.512 * 1073.741824 + 20.165
        #expect(abs((balanced.itEnergyKWh - plain.itEnergyKWh) * 3.6e6 - (copyJ + energyJ)) < 1e-3)
    }
}
