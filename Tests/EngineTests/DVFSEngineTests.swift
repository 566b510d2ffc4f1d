import Testing
import SimKernel
import DatacenterModel
import Policies
import Workloads
@testable import Engine

/// 1 core of 1,000 MIPS, linear 100 → 200 W, two P-states 2000/1000 MHz with derived power
/// (dynamic part × (f/f0)³): P1 has 500 MIPS and draws 100 + 12.5·u W.
private let twoStep: HostType = {
    var t = HostType(name: "dvfs", cores: 1, coreMips: 1000, ramMiB: 8192, power: LinearPowerModel(idleW: 100, maxW: 200))
    t.pstates = PStateTable(frequenciesMHz: [2000, 1000], power: .derived(exponent: 3))
    return t
}()

/// Three P-states 2000/1500/1000 MHz (1000, 750, 500 MIPS), derived power.
private let threeStep: HostType = {
    var t = twoStep
    t.pstates = PStateTable(frequenciesMHz: [2000, 1500, 1000], power: .derived(exponent: 3))
    return t
}()

/// SimGrid's example: 100/50/20 with Idle/AllCores 95/200, 93/170, 90/150 W (1000, 500, 200 MIPS).
private let simGridHost: HostType = {
    var t = twoStep
    t.pstates = PStateTable(frequenciesMHz: [100, 50, 20], power: .explicit(idleW: [95, 93, 90], maxW: [200, 170, 150]))
    return t
}()

private func dvfsArm(
    _ type: HostType, hosts n: Int, governor: any DVFSGovernor, intervalS: Int64 = 10,
    overcommit: Double = 1
) -> ArmConfig {
    var a = arm(types: [type], hosts: n)
    a.cpuOvercommit = overcommit
    a.dvfs = DVFSSettings(governor: governor, interval: .seconds(intervalS))
    return a
}

private func vms(_ count: Int, mips: Double, demand: [Double], stepS: Int64? = nil) -> [VMGroup] {
    [
        VMGroup(
            name: "g", count: count, type: VMType(vcpus: 1, mipsPerVcpu: mips, ramMiB: 1024),
            workload: TableWorkload(demand, stepS: stepS))
    ]
}

private func run(_ a: ArmConfig, _ g: [VMGroup]) -> (ArmResult, DVFSState?) {
    var sim = ArmSimulation(arm: a, groups: g, settings: oneHour)
    let r = sim.run()
    return (r, sim.dvfs)
}

@Suite("DVFS in the virtsim engine: hand-computed micro-scenarios")
struct DVFSEngineTests {
    @Test("powersave vs performance: placement sees the lowest P-state's capacity, SLA and power the current one")
    func powersaveVersusPerformance() {
        // Three VMs reserving 500 MIPS each, each demanding 60% (300 MIPS); CPU overcommit 2.
        let g = vms(3, mips: 500, demand: [0.6])
        // performance: 2000 MIPS reservable per host, all three on host 0: 900 of 1000 MIPS, 190 W.
        let (perf, ps) = run(dvfsArm(twoStep, hosts: 2, governor: PerformanceGovernor(), overcommit: 2), g)
        #expect(perf.hostsUsedMax == 1)
        #expect(abs(perf.itEnergyKWh - 0.190) < 1e-12)
        #expect(perf.cpuDemandUnmetPct == 0)
        #expect(perf.cpuFreqMeanPct == 100)
        #expect(ps?.samples == 0, "a fixed governor never samples")
        // powersave: 500 × 2 = 1000 MIPS reservable per host, so two VMs on host 0 (600 MIPS on
        // 500: 100 unmet, u = 1, 112.5 W) and one on host 1 (300 on 500: u = 0.6, 107.5 W).
        let (save, ss) = run(dvfsArm(twoStep, hosts: 2, governor: PowersaveGovernor(), overcommit: 2), g)
        #expect(save.hostsUsedMax == 2)
        #expect(abs(save.itEnergyKWh - (112.5 + 107.5) / 1000) < 1e-12)
        #expect(abs(save.cpuDemandUnmetPct - 100 * 100.0 / 900) < 1e-9)
        #expect(abs(save.slatahPct - 50) < 1e-9, "host 0 overloaded all the time, host 1 never")
        #expect(abs(save.cpuUtilMeanPct - 80) < 1e-9, "(100% + 60%) / 2 of the 500-MIPS capacity")
        #expect(abs(save.cpuFreqMeanPct - 50) < 1e-9)
        #expect(ss?.samples == 0)
    }

    @Test("ondemand: down to f_min 10 s after start, back to f_max 10 s after a rise; the lag is unmet demand")
    func ondemandTimeline() {
        // One 1000-MIPS VM: 30% for 30 min, then 90%. Sampling every 10 s.
        let g = vms(1, mips: 1000, demand: [0.3, 0.9], stepS: 1800)
        let (r, s) = run(dvfsArm(threeStep, hosts: 1, governor: OndemandGovernor()), g)
        // t = 0: P0 (1000 MIPS), u = 0.3, 130 W. t = 10 s: 0.3 × 2000 / 0.7 = 857 MHz < f_min → P2
        // (500 MIPS): u = 0.6, 100 + 60 × 0.125 = 107.5 W; at 20 s 0.6 × 1000 / 0.7 = 857 → stays.
        // t = 1800 s: 900 MIPS on 500: u = 1, 112.5 W, 400 MIPS unmet. t = 1810 s: load 1 > 0.8 → P0:
        // u = 0.9, 190 W; at 1820 s load 0.9 → stays.
        let joules: Double = 10 * 130 + 1790 * 107.5 + 10 * 112.5 + 1790 * 190
        #expect(abs(r.itEnergyKWh * 3_600_000 - joules) < 1e-6)
        let unmet: Double = 400 * 10, demanded: Double = 300 * 1800 + 900 * 1800
        #expect(abs(r.cpuDemandUnmetPct - 100 * unmet / demanded) < 1e-9)
        let freqS: Double = 10 * 1 + 1790 * 0.5 + 10 * 0.5 + 1790 * 1
        #expect(abs(r.cpuFreqMeanPct - 100 * freqS / 3600) < 1e-9)
        #expect(s?.pstateChanges == 2)
        #expect(s?.samples == 4, "samples at 10, 20, 1810 and 1820 s only")
    }

    @Test("conservative: 5% steps of f_max, one per sample — 100 → 50 MHz at the 10th sample, back at the 10th")
    func conservativeRamp() {
        // SimGrid's table. One 1000-MIPS VM at 15% (150 MIPS) for 30 min, then 45%.
        let g = vms(1, mips: 1000, demand: [0.15, 0.45], stepS: 1800)
        let (r, s) = run(dvfsArm(simGridHost, hosts: 1, governor: ConservativeGovernor()), g)
        // Load 0.15 < 0.2 at P0: requests 95, 90, …, 50 at 10, 20, …, 100 s → P1 (500 MIPS) at 100 s,
        // where the load is 0.3 (in the band). At 1800 s 450 MIPS on 500 is 0.9 > 0.8: requests 55, …,
        // 100 at 1810, …, 1900 s → P0 at 1900 s, load 0.45.
        // Power: P0 at 0.15: 95 + 105 × 0.15 = 110.75 W; P1 at 0.3: 93 + 77 × 0.3 = 116.1 W;
        //        P1 at 0.9: 93 + 77 × 0.9 = 162.3 W; P0 at 0.45: 95 + 105 × 0.45 = 142.25 W.
        let joules: Double = 100 * 110.75 + 1700 * 116.1 + 100 * 162.3 + 1700 * 142.25
        #expect(abs(r.itEnergyKWh * 3_600_000 - joules) < 1e-6)
        #expect(r.cpuDemandUnmetPct == 0)
        let freqS: Double = 100 * 1 + 1800 * 0.5 + 1700 * 1
        #expect(abs(r.cpuFreqMeanPct - 100 * freqS / 3600) < 1e-9)
        #expect(s?.pstateChanges == 2)
        #expect(s?.samples == 22, "10 steps down + 1 settling sample, 10 steps up + 1")
    }

    @Test("a constant load costs at most two samples per host, whatever the interval (10 ms here)")
    func samplesAreFew() {
        let g = vms(4, mips: 250, demand: [0.5])
        var a = dvfsArm(threeStep, hosts: 4, governor: OndemandGovernor())
        a.dvfs = DVFSSettings(governor: OndemandGovernor())  // default interval, 10 ms
        #expect(a.dvfs?.interval == SimDuration(microseconds: 10_000))
        let (r, s) = run(a, g)
        // All four VMs on host 0: 500 of 1000 MIPS, load 0.5 → 0.5 × 2000 / 0.7 = 1429 MHz → 1500 (P1,
        // 750 MIPS). There the load is 2/3: 2/3 × 1500 / 0.7 = 1429 MHz → P1 again, settled.
        #expect(s?.samples == 2)
        #expect(r.events < 30)
        // 10 ms at P0 (u = 0.5, 150 W), then P1: u = 2/3, dynamic 66.7 × 0.421875 W.
        let p1 = 100 + 100 * (500.0 / 750) * 0.421875
        let joules: Double = 0.01 * 150 + 3599.99 * p1
        #expect(abs(r.itEnergyKWh * 3_600_000 - joules) < 1e-6)
    }

    @Test("performance on a derived table draws what the arm without dvfs draws")
    func performanceMatchesNoDVFS() {
        let g = vms(3, mips: 300, demand: [0.2, 0.7, 0.4], stepS: 900)
        let plain = simulateArm(arm(types: [twoStep], hosts: 2), groups: g, settings: oneHour)
        let (perf, _) = run(dvfsArm(twoStep, hosts: 2, governor: PerformanceGovernor()), g)
        #expect(abs(perf.itEnergyKWh - plain.itEnergyKWh) < 1e-12)
        #expect(perf.cpuUtilMeanPct == plain.cpuUtilMeanPct)
        #expect(plain.cpuFreqMeanPct == 100)
    }

    @Test("a host switched off loses its P-state and boots into the governor's initial one")
    func offAndOn() {
        // Host off (5 W) until a VM arrives at 10 min; it boots 120 s at 150 W, then powersave: P1.
        var t = twoStep
        t.offW = 5; t.bootTimeS = 120; t.bootPowerW = 150
        let g = [
            VMGroup(
                name: "g", count: 1, type: VMType(vcpus: 1, mipsPerVcpu: 400, ramMiB: 1024),
                workload: TableWorkload([1.0], stepS: nil), arrival: SimTime.zero + .seconds(Int64(600)))
        ]
        let (r, _) = run(dvfsArm(t, hosts: 1, governor: PowersaveGovernor()), g)
        // 600 s × 5 W + 120 s × 150 W + 2880 s × (100 + 12.5 × 0.8) W
        let joules: Double = 600 * 5 + 120 * 150 + 2880 * 110
        #expect(abs(r.itEnergyKWh * 3_600_000 - joules) < 1e-6)
        #expect(abs(r.cpuFreqMeanPct - 50) < 1e-9, "only on-time counts")
    }
}
