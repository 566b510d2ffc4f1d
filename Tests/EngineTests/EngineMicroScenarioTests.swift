import Testing
import SimKernel
import DatacenterModel
import Policies
import Workloads
@testable import Engine

/// A workload whose CPU demand per step is read from a table (the same for every member).
final class TableWorkload: WorkloadSource {
    let values: [Double]
    let step: SimDuration?
    var memberLimit: Int? { nil }
    init(_ values: [Double], stepS: Int64?) { self.values = values; self.step = stepS.map { .seconds($0) } }
    func demand(member: Int, step k: Int) -> Demand { Demand(cpu: values[min(k, values.count - 1)], memory: 0) }
}

let linear100to200 = HostType(
    name: "lin", cores: 1, coreMips: 1000, ramMiB: 4096,
    power: LinearPowerModel(idleW: 100, maxW: 200))

func arm(
    _ name: String = "a", types: [HostType] = [linear100to200], hosts n: Int, placement: any PlacementPolicy = BestFitDecreasing(),
    hypervisor: Hypervisor = .none, powerOffIdle: Bool = true, baseline: Bool = false
) -> ArmConfig {
    ArmConfig(
        name: name, isBaseline: baseline, hostTypes: types,
        hosts: (0..<n).map { _ in HostSlot(typeIndex: 0, cluster: 0, rack: 0) },
        clusterNames: ["c0"], rackNames: ["r0"], hypervisor: hypervisor, placement: placement,
        cpuOvercommit: 1, powerOffIdleHosts: powerOffIdle)
}

let oneHour = RunSettings(duration: .seconds(Int64(3600)), samplingInterval: .seconds(Int64(300)))

@Suite("Engine: hand-computed micro-scenarios")
struct EngineMicroScenarioTests {
    @Test("one host, linear 100→200 W, 50% load for 1 h = 0.15 kWh")
    func halfLoadOneHour() {
        let g = VMGroup(
            name: "g", count: 1, type: VMType(vcpus: 1, mipsPerVcpu: 1000, ramMiB: 1024),
            workload: TableWorkload([0.5], stepS: nil))
        let r = simulateArm(arm(hosts: 1), groups: [g], settings: oneHour)
        #expect(abs(r.itEnergyKWh - 0.15) < 1e-12)
        #expect(abs(r.itPowerMeanW - 150) < 1e-9)
        #expect(abs(r.cpuUtilMeanPct - 50) < 1e-9)
        #expect(r.timeseries.count == 12)
        #expect(r.timeseries.allSatisfy { abs($0.itPowerW - 150) < 1e-9 && $0.hostsOn == 1 && $0.vmsRunning == 1 })
    }

    @Test("demand changing mid-run: 20% for 30 min then 80% for 30 min on 100→200 W = (120+180)/2 W·h")
    func stepChange() {
        let g = VMGroup(
            name: "g", count: 1, type: VMType(vcpus: 1, mipsPerVcpu: 1000, ramMiB: 1024),
            workload: TableWorkload([0.2, 0.8], stepS: 1800))
        let r = simulateArm(arm(hosts: 1), groups: [g], settings: oneHour)
        #expect(abs(r.itEnergyKWh - (120.0 * 0.5 + 180.0 * 0.5) / 1000) < 1e-12)
        #expect(abs(r.timeseries[5].itPowerW - 120) < 1e-9)
        #expect(abs(r.timeseries[6].itPowerW - 180) < 1e-9)
    }

    @Test("hypervisor CPU overhead scales host demand: 40% guest load + 10% overhead = 44% utilization")
    func overhead() {
        let g = VMGroup(
            name: "g", count: 1, type: VMType(vcpus: 1, mipsPerVcpu: 1000, ramMiB: 1024),
            workload: TableWorkload([0.4], stepS: nil))
        let hv = Hypervisor(name: "hv", cpuOverhead: 0.1, memoryOverheadMiBPerVM: 0)
        let r = simulateArm(arm(hosts: 1, hypervisor: hv), groups: [g], settings: oneHour)
        #expect(abs(r.cpuUtilMeanPct - 44) < 1e-9)
        #expect(abs(r.itEnergyKWh - 0.144) < 1e-12)
    }

    @Test("two hosts consolidated to one: two 30% VMs of half a host each on one host = 130 W, other host off")
    func twoToOne() {
        let vm = VMType(vcpus: 1, mipsPerVcpu: 500, ramMiB: 1024)
        let g = VMGroup(name: "g", count: 2, type: vm, workload: TableWorkload([0.3], stepS: nil))
        // dedicated: each VM on its own host: 2 × (100 + 100·0.15) = 230 W
        let base = simulateArm(arm(hosts: 2, placement: Dedicated(), baseline: true), groups: [g], settings: oneHour)
        #expect(base.hostsUsedMax == 2)
        #expect(abs(base.itPowerMeanW - 230) < 1e-9)
        // consolidated: both on host 0 at 30% total: 130 W; host 1 off at 0 W
        let cons = simulateArm(arm(hosts: 2), groups: [g], settings: oneHour)
        #expect(cons.hostsUsedMax == 1)
        #expect(abs(cons.itPowerMeanW - 130) < 1e-9)
        #expect(cons.hosts[1].hoursOn == 0)
    }

    @Test("off power is drawn by idle hosts that are off; idle hosts left on draw idle power")
    func offPower() {
        var t = linear100to200
        t.offW = 8
        let g = VMGroup(
            name: "g", count: 1, type: VMType(vcpus: 1, mipsPerVcpu: 1000, ramMiB: 1024),
            workload: TableWorkload([0], stepS: nil))
        let off = simulateArm(arm(types: [t], hosts: 3), groups: [g], settings: oneHour)
        #expect(abs(off.itPowerMeanW - (100 + 8 + 8)) < 1e-9)
        let on = simulateArm(arm(types: [t], hosts: 3, powerOffIdle: false), groups: [g], settings: oneHour)
        #expect(abs(on.itPowerMeanW - 300) < 1e-9)
        #expect(abs(on.hostsOnMean - 3) < 1e-12)
    }

    @Test("boot energy: a VM arriving at 10 min on an off host waits 120 s at 150 W, then runs")
    func bootEnergy() {
        var t = linear100to200
        t.bootTimeS = 120; t.bootPowerW = 150; t.offW = 5
        let g = VMGroup(
            name: "g", count: 1, type: VMType(vcpus: 1, mipsPerVcpu: 1000, ramMiB: 1024),
            workload: TableWorkload([1.0], stepS: nil), arrival: SimTime.zero + .seconds(Int64(600)))
        let r = simulateArm(arm(types: [t], hosts: 1), groups: [g], settings: oneHour)
        // 600 s off at 5 W + 120 s booting at 150 W + 2880 s at 200 W
        let expectedJ = 600.0 * 5 + 120 * 150 + 2880 * 200
        #expect(abs(r.itEnergyKWh * 3_600_000 - expectedJ) < 1e-6)
        #expect(r.hostBoots == 1)
        #expect(r.timeseries[1].vmsRunning == 0 && r.timeseries[1].hostsOn == 0)  // ends at 600 s
        #expect(r.timeseries[2].hostsOn == 1 && r.timeseries[2].vmsRunning == 1)  // 900 s: booted at 720 s
        // interval 600..900 s: 120 s at 150 W + 180 s at 200 W
        #expect(abs(r.timeseries[2].itPowerW - (120.0 * 150 + 180 * 200) / 300) < 1e-9)
    }

    @Test("departure powers the emptied host off; vms_running follows")
    func departure() {
        var t = linear100to200
        t.offW = 0
        let vm = VMType(vcpus: 1, mipsPerVcpu: 1000, ramMiB: 1024)
        let stay = VMGroup(name: "stay", count: 1, type: vm, workload: TableWorkload([0.5], stepS: nil))
        let leave = VMGroup(
            name: "leave", count: 1, type: vm, workload: TableWorkload([0.5], stepS: nil),
            departure: SimTime.zero + .seconds(Int64(1800)))
        let r = simulateArm(arm(types: [t], hosts: 2), groups: [stay, leave], settings: oneHour)
        #expect(abs(r.itEnergyKWh - (0.15 + 0.075)) < 1e-12)
        #expect(r.timeseries[5].vmsRunning == 2 && r.timeseries[6].vmsRunning == 1)
        #expect(r.timeseries[6].hostsOn == 1)
        #expect(r.hostsUsedMax == 2)
    }

    @Test("a VM that fits nowhere is rejected and counted, not silently dropped")
    func unplaced() {
        let g = VMGroup(
            name: "g", count: 3, type: VMType(vcpus: 1, mipsPerVcpu: 600, ramMiB: 1024),
            workload: TableWorkload([0.5], stepS: nil))
        let r = simulateArm(arm(hosts: 2), groups: [g], settings: oneHour)
        #expect(r.vms == 3 && r.vmsUnplaced == 1)
    }

    @Test("overload: demand above capacity caps utilization at 100% and is counted as unmet")
    func overload() {
        var a = arm(hosts: 1)
        a.cpuOvercommit = 2
        let g = VMGroup(
            name: "g", count: 2, type: VMType(vcpus: 1, mipsPerVcpu: 1000, ramMiB: 1024),
            workload: TableWorkload([0.75], stepS: nil))
        let r = simulateArm(a, groups: [g], settings: oneHour)
        #expect(abs(r.cpuUtilMeanPct - 100) < 1e-9)
        #expect(abs(r.cpuDemandUnmetPct - 100 * 500.0 / 1500) < 1e-9)
        #expect(abs(r.itPowerMeanW - 200) < 1e-9)
    }
}

@Suite("Engine: per-host CPU percentiles and memory peaks")
struct HostFiguresTests {
    /// Host 0 runs a VM at 5%, 10%, …, 60% in the twelve 5-min intervals of an hour; host 1 a
    /// VM at a constant 80% that departs at 1,950 s (host 1 then off: on 150 s of interval 7,
    /// off in intervals 8–12).
    static func run() -> ArmResult {
        let vm = VMType(vcpus: 1, mipsPerVcpu: 1000, ramMiB: 1024)
        let ramp = VMGroup(name: "ramp", count: 1, type: vm, workload: TableWorkload((1...12).map { 0.05 * Double($0) }, stepS: 300))
        let flat = VMGroup(name: "flat", count: 1, type: vm, workload: TableWorkload([0.8], stepS: nil), departure: SimTime.zero + .seconds(Int64(1950)))
        return simulateArm(arm(hosts: 3, placement: Dedicated()), groups: [ramp, flat], settings: oneHour)
    }

    @Test("each host's p95 and max over the intervals it was on; the summary's p95 over all (host, interval) pairs")
    func percentiles() throws {
        let r = Self.run()
        let tol = 1e-3  // percent; stored at 1/65534 of full load
        #expect(r.hostCPUUtil.intervals == 12)
        // host 0: sorted 5…60 (n = 12): index 0.95·11 = 10.45 → 55 + 0.45·5
        #expect(abs(try #require(r.hosts[0].cpuUtilP95Pct) - (55 + 0.45 * 5)) < tol)
        #expect(abs(try #require(r.hosts[0].cpuUtilMaxPct) - 60) < tol)
        // host 1: 7 on intervals (the 7th partly) at 80%
        #expect(r.hostCPUUtil.sortedFractions(host: 1).count == 7)
        #expect(abs(try #require(r.hosts[1].cpuUtilP95Pct) - 80) < tol)
        // host 2 never on: empty, not 0
        #expect(r.hosts[2].cpuUtilP95Pct == nil && r.hosts[2].cpuUtilMaxPct == nil)
        // pooled {5…60, 80 ×7}, n = 19: p50 → x[9] = 50; p60 → index 10.8 → 55 + 0.8·5
        #expect(abs(try #require(r.cpuUtilPercentilePct(50)) - 50) < tol)
        #expect(abs(try #require(r.cpuUtilPercentilePct(60)) - (55 + 0.8 * 5)) < tol)
        #expect(abs(try #require(r.cpuUtilPercentilePct()) - 80) < tol)
        // max over hosts of each host's p50: host 0 (30 + 0.5·5), host 1 80
        #expect(abs(try #require(r.hostCPUUtilPercentileMaxPct(50)) - 80) < tol)
        #expect(abs(try #require(r.hostCPUUtil.quantile(host: 0, 0.5)) * 100 - 32.5) < tol)
    }

    @Test("memory reserved at the peak over host RAM: 1 GiB VM on a 4 GiB host = 25%, kept after it leaves; per-type peak of used hosts")
    func memoryAndPeaks() {
        let r = Self.run()
        #expect(r.hosts[0].memReservedMaxPct == 25)
        #expect(r.hosts[1].memReservedMaxPct == 25)
        #expect(r.hosts[2].memReservedMaxPct == 0)
        #expect(r.hostsUsedMaxByType == [2])
    }
}
