import Testing
@testable import CloudSimEngine
import DatacenterModel
import Policies
import Workloads
import TestSupport

@Suite("CloudSim engine: per-host interval utilization and RAM peaks (read-only figures)")
struct CloudSimHostFiguresTests {
    static let host = CloudSimHostType(
        name: "h", pes: 1, peMips: 1000, ramMB: 4096, bwKbps: 1_000_000,
        power: SpecPowerModel(tableW: (0...10).map { 100 + 10 * Double($0) }))

    @Test("one VM at a constant 50% of a 1,000-MIPS host for an hour: every active interval at 50%, RAM 1,024 of 4,096 MB")
    func constantHalfLoad() {
        let vm = CloudSimVMType(name: "v", mips: 1000, ramMB: 1024, bwKbps: 100_000)
        let exp = CloudSimExperiment(
            name: "half", hostTypes: [Self.host], hosts: [0, 0],
            groups: [CloudSimVMGroup(type: vm, count: 1, workload: MemberTable([[0.5]]))],
            allocation: .dvfs, durationS: 3600)
        var sim = CloudSimSimulation(exp)
        let r = sim.run()
        #expect(r.hostUtil.intervals == r.samples.count)
        let on = r.hostUtil.sortedFractions(host: 0)
        // samples at 300.1 s, 600.1 s, …, 3,300.1 s (11); the host's first allocation is
        // written at 300.1 s (the cloudlet starts at the 0.1-s update with nothing allocated
        // yet), so the first interval has no active time and the 10 after it are active throughout
        #expect(r.samples.count == 11 && r.samples[0].time == 300.1)
        #expect(on.count == 10)
        #expect(on.allSatisfy { abs($0 - 0.5) <= 0.5 / 65534 })
        #expect(r.hostUtil.sortedFractions(host: 1).isEmpty)
        #expect(r.hostRamReservedMaxMB == [1024, 0])
        #expect(r.hostsUsedMaxByType == [1])
    }

    @Test("random days under consolidation: the time-weighted mean lies within the interval figures' range; per-type peaks sum to at least the peak")
    func randomDays() {
        for seed: UInt64 in [3, 7] {
            let exp = CloudSimIndexTests.experiment(seed: seed, vms: 40, hosts: 30, allocation: CloudSimIndexTests.policies[0].1)
            var sim = CloudSimSimulation(exp)
            let r = sim.run()
            let lo = r.hostUtil.pooledQuantile(0)!, hi = r.hostUtil.pooledQuantile(1)!
            #expect(lo <= r.cpuUtilMean + 1e-4 && r.cpuUtilMean <= hi + 1e-4)
            #expect(r.hostsUsedMaxByType.reduce(0, +) >= r.hostsUsedMax)
            #expect(r.hostsUsedMaxByType.allSatisfy { $0 <= 15 })
        }
    }
}
