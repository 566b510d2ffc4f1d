import TestSupport
import Testing
import Foundation
import SimKernel
import DatacenterModel
import Policies
import Workloads
@testable import Engine

/// Two hosts of `linear100to200` (1000 MIPS, 100 → 200 W), off at 0 W, worst fit (so the two
/// VMs start on different hosts), CPU reservations overcommitted 2:1, instant moves (NIC 0)
/// with no migration energy: every figure below is computed by hand.
private func twoHostArm(_ detector: any OverloadDetector, underload: Bool = true) -> ArmConfig {
    var a = arm(hosts: 2, placement: WorstFit())
    a.cpuOvercommit = 2
    var t = linear100to200
    t.nicGbps = 0
    a.hostTypes = [t]
    a.migration.energy = nil
    a.consolidation = ConsolidationSettings(
        detector: detector, selection: MinimumMigrationTime(),
        interval: .seconds(300.0), underload: underload)
    return a
}

private func vms(_ demands: [[Double]], ramMiB: Int64 = 1024) -> VMGroup {
    VMGroup(
        name: "g", count: demands.count, type: VMType(vcpus: 1, mipsPerVcpu: 1000, ramMiB: ramMiB),
        workload: MemberTable(demands))
}

@Suite("Dynamic consolidation on the event engine")
struct ConsolidationEngineTests {
    @Test("underload: at 300 s the 20% host's VM moves to the 30% host, which it leaves off: 0.158333 kWh over 1 h")
    func underloadTwoHosts() {
        let r = simulateArm(twoHostArm(ThresholdDetector(threshold: 0.8)), groups: [vms([[0.3], [0.2]])], settings: oneHour)
        // 0–300 s: P(0.3) + P(0.2) = 130 + 120 W; 300–3600 s: P(0.5) = 150 W on host 0, host 1 off at 0 W
        let joules = 250.0 * 300 + 150.0 * 3300
        #expect(abs(r.itEnergyKWh - joules / 3_600_000) < 1e-12, "\(r.itEnergyKWh)")
        #expect(r.migrations == 1)
        #expect(r.hostShutdowns == 1)
        #expect(r.hosts[1].hoursOn == 300.0 / 3600)
        #expect(r.timeseries.last?.hostsOn == 1 && r.timeseries.last?.vmsRunning == 2)
    }

    @Test("VMs move within their cluster: with the two hosts in different clusters nothing moves")
    func withinCluster() {
        var a = twoHostArm(ThresholdDetector(threshold: 0.8))
        a.clusterNames = ["c0", "c1"]
        a.hosts[1].cluster = 1
        let r = simulateArm(a, groups: [vms([[0.3], [0.2]])], settings: oneHour)
        #expect(r.migrations == 0)
        #expect(abs(r.itEnergyKWh - 0.25) < 1e-12)
    }

    @Test("underload off: nothing moves, both hosts stay on: (130 + 120) W × 1 h")
    func underloadOff() {
        let r = simulateArm(
            twoHostArm(ThresholdDetector(threshold: 0.8), underload: false), groups: [vms([[0.3], [0.2]])],
            settings: oneHour)
        #expect(r.migrations == 0)
        #expect(abs(r.itEnergyKWh - 0.25) < 1e-12)
    }

    @Test("overload: THR 0.8 on a host at 90% (VMs of 50% and 40%) moves the smaller-RAM VM (MMT) to the other, booting it")
    func overloadMovesMMT() {
        // both VMs start on host 0 (first fit, reservations 2:1); host 1 is off
        var a = twoHostArm(ThresholdDetector(threshold: 0.8))
        a.placement = FirstFit()
        var t = a.hostTypes[0]
        t.bootTimeS = 60
        t.bootPowerW = 150
        a.hostTypes = [t]
        let g0 = VMGroup(name: "big", count: 1, type: VMType(vcpus: 1, mipsPerVcpu: 1000, ramMiB: 2048), workload: MemberTable([[0.5]]))
        let g1 = VMGroup(name: "small", count: 1, type: VMType(vcpus: 1, mipsPerVcpu: 1000, ramMiB: 1024), workload: MemberTable([[0.4]]))
        var sim = ArmSimulation(arm: a, groups: [g0, g1], settings: oneHour)
        let r = sim.run()
        #expect(r.migrations == 1)
        #expect(r.hostBoots == 1)
        // the VM with less RAM (MMT) left: it runs on host 1 from its boot at 360 s (instant move)
        #expect(sim.vmHost == [0, 1])
        // host 0: P(0.9) = 190 W until 360 s, then P(0.5) = 150 W; host 1: off 0–300 s, boots 300–360 s
        // at 150 W, then P(0.4) = 140 W
        let joules = 190.0 * 360 + 150.0 * 3240 + 150.0 * 60 + 140.0 * 3240
        #expect(abs(r.itEnergyKWh - joules / 3_600_000) < 1e-12, "\(r.itEnergyKWh)")
        #expect(r.cpuDemandUnmetPct == 0)
    }

    @Test("a VM that fits nowhere stays on its overloaded host")
    func noTargetStays() {
        var a = twoHostArm(ThresholdDetector(threshold: 0.8))
        a.placement = FirstFit()
        // host 1's RAM is too small for either VM (host RAM 4096: the 3000-MiB VM fills host 1 as a block)
        let g0 = VMGroup(name: "a", count: 1, type: VMType(vcpus: 1, mipsPerVcpu: 1000, ramMiB: 3000), workload: MemberTable([[0.5]]))
        let g1 = VMGroup(name: "b", count: 1, type: VMType(vcpus: 1, mipsPerVcpu: 1000, ramMiB: 1000), workload: MemberTable([[0.45]]))
        let g2 = VMGroup(name: "c", count: 1, type: VMType(vcpus: 2, mipsPerVcpu: 1000, ramMiB: 4000), workload: MemberTable([[0.0]]))
        var sim = ArmSimulation(arm: a, groups: [g0, g1, g2], settings: oneHour)
        let r = sim.run()
        #expect(sim.vmHost == [0, 0, 1])
        #expect(r.migrations == 0)
    }
}

/// LR as it is, but stating no linear form: the target search then runs the detector on every
/// host it tests.
private struct LRWithoutForm: OverloadDetector {
    let lr: LocalRegressionDetector
    var name: String { "lr-without-form" }
    var readsHistory: Bool { true }
    func evaluate(_ host: HostHistoryView) -> OverloadDecision { lr.evaluate(host) }
}

@Suite("Dynamic consolidation: LR's linear form changes no choice")
struct ConsolidationLinearFormTests {
    /// 40 SPECpower hosts (CloudSim's HP ML110 G4 and G5 curves), 100 VMs with random walks of
    /// utilization over 6 h: the history passes LR's 10 values, so the form decides many tests.
    @Test("LR with its linear form and without it: the same moves, energy and final placement over 3 seeds", arguments: [1, 2, 3])
    func sameChoices(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        let g4 = HostType(
            name: "g4", cores: 2, coreMips: 1860, ramMiB: 16384,
            power: SpecPowerModel(tableW: [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117]))
        let g5 = HostType(
            name: "g5", cores: 2, coreMips: 2660, ramMiB: 16384,
            power: SpecPowerModel(tableW: [93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135]))
        let demands: [[Double]] = (0..<100).map { _ in
            var u = rng.uniform(0.2, 1)
            return (0..<72).map { _ in
                u = min(1, max(0, u + rng.uniform(-0.2, 0.2)))
                return (u * 100).rounded() / 100
            }
        }
        func run(_ detector: any OverloadDetector) -> (ArmResult, [Int32]) {
            var a = arm(types: [g4, g5], hosts: 40, placement: PowerAwareBestFitDecreasing())
            for h in 20..<40 { a.hosts[h].typeIndex = 1 }
            a.consolidation = ConsolidationSettings(
                detector: detector, selection: MinimumMigrationTime(), interval: .seconds(300.0), underload: true)
            let g = VMGroup(
                name: "g", count: 100, type: VMType(vcpus: 1, mipsPerVcpu: 1000, ramMiB: 870), workload: MemberTable(demands))
            var sim = ArmSimulation(arm: a, groups: [g], settings: RunSettings(duration: .seconds(Int64(6 * 3600)), samplingInterval: .seconds(Int64(300))))
            let r = sim.run()
            return (r, sim.vmHost)
        }
        let lr = LocalRegressionDetector(safety: 1.2, weighted: true)
        let (withForm, placedWith) = run(lr)
        let (withoutForm, placedWithout) = run(LRWithoutForm(lr: lr))
        #expect(withForm.migrations > 0)
        #expect(withForm.migrations == withoutForm.migrations)
        #expect(withForm.itEnergyKWh == withoutForm.itEnergyKWh)
        #expect(withForm.hostBoots == withoutForm.hostBoots)
        #expect(placedWith == placedWithout)
    }
}
