import TestSupport
import Testing
import SimKernel
import DatacenterModel
import Policies
import Workloads
@testable import Engine

/// 1 core of 1,000 MIPS, 4 GiB, 1 Gb/s NIC; linear 100 → 200 W; 5 W off; boot 120 s at 150 W.
private let host = HostType(
    name: "h", cores: 1, coreMips: 1000, ramMiB: 4096, nicGbps: 1,
    power: LinearPowerModel(idleW: 100, maxW: 200), offW: 5, bootTimeS: 120, bootPowerW: 150)

private func dpmArm(hosts n: Int, dpm: DPMSettings?) -> ArmConfig {
    var a = ArmConfig(
        name: "dpm", isBaseline: false, hostTypes: [host],
        hosts: (0..<n).map { _ in HostSlot(typeIndex: 0, cluster: 0, rack: 0) },
        clusterNames: ["c0"], rackNames: ["r0"], hypervisor: .none, placement: WorstFit(),
        cpuOvercommit: 1, powerOffIdleHosts: true)
    a.dpm = dpm
    return a
}

/// VMs of 1 vCPU × `mips` and 1 GiB (1,073,741,824 B: 8.589934592 s over 1 Gb/s).
private func vms(_ table: [[Double]], mips: Double = 500) -> [VMGroup] {
    [VMGroup(name: "g", count: table.count, type: VMType(vcpus: 1, mipsPerVcpu: mips, ramMiB: 1024), workload: MemberTable(table))]
}

private func run(_ arm: ArmConfig, _ groups: [VMGroup], hours: Int64) -> (ArmResult, [DPMLogEntry]) {
    var sim = ArmSimulation(
        arm: arm, groups: groups,
        settings: RunSettings(duration: .seconds(hours * 3600), samplingInterval: .seconds(Int64(300))))
    let r = sim.run()
    return (r, sim.dpmLog)
}

private func hostsOn(_ r: ArmResult, atS t: Double) -> Int? { r.timeseries.first { $0.timeS == t }?.hostsOn }

/// 1 GiB over 1 Gb/s (125,000,000 B/s), rounded to the microsecond.
private let moveS = 8.589935

@Suite("DPM in the virtsim engine: hand-computed micro-scenarios")
struct DPMEngineTests {
    @Test("a host below the band goes off 40 min after the first low sample (not at 35), once its VM has migrated")
    func fortyMinutes() {
        // Three hosts at 10% (one 100-MIPS VM each, spread by worst-fit). At t = 40 min DPM picks
        // host 0 (N+1 allows one off: 300 MIPS on 2 hosts = 15%, on 1 host = 30% ≤ 81%).
        let (r, log) = run(dpmArm(hosts: 3, dpm: DPMSettings(haReserveHosts: 1)), vms([[0.2], [0.2], [0.2]]), hours: 1)
        #expect(
            log == [
                DPMLogEntry(timeS: 2400, host: 0, action: .evacuate, vms: 1),
                DPMLogEntry(timeS: 2400 + moveS, host: 0, action: .powerOff)
            ])
        #expect(r.migrations == 1)
        #expect(hostsOn(r, atS: 2100) == 3)  // 35 min: still on
        #expect(hostsOn(r, atS: 2400) == 3)  // 40 min: the row closes before DPM acts
        #expect(hostsOn(r, atS: 2700) == 2)
        // Host 0: 110 W until its VM has left (the VM counts on both hosts in flight), then 5 W;
        // plus half the move's energy, α·bytes + β = 0.512 J/MB × 1,073.741824 MB + 20.165 J.
        let halfMoveJ = (0.512 * 1073.741824 + 20.165) / 2
        #expect(abs(r.hosts[0].hoursOn - (2400 + moveS) / 3600) < 1e-12)
        #expect(abs(r.hosts[0].energyKWh - (110 * (2400 + moveS) + 5 * (3600 - 2400 - moveS) + halfMoveJ) / 3.6e6) < 1e-12)
        // Host 1 (the worst-fit target): 110 W, then 120 W from the start of the move, + half the move.
        #expect(abs(r.hosts[1].energyKWh - (110 * 2400 + 120 * 1200 + halfMoveJ) / 3.6e6) < 1e-12)
        #expect(abs(r.migrationEnergyKWh - 2 * halfMoveJ / 3.6e6) < 1e-15)
        #expect(abs(r.migrationTrafficGB - 1.073741824) < 1e-12 && r.migrationDowntimeS == 0 && r.pdmPct == 0)
        #expect(r.hostShutdowns == 1 && r.hostBoots == 0)
    }

    @Test("a host whose VMs fit nowhere else is not evacuated and stays on")
    func cannotEvacuate() {
        // Each VM reserves a whole host (1,000 MIPS): no other host has room.
        let (r, log) = run(dpmArm(hosts: 3, dpm: DPMSettings(haReserveHosts: 1)), vms([[0.1], [0.1], [0.1]], mips: 1000), hours: 1)
        #expect(log == [DPMLogEntry(timeS: 2400, host: 0, action: .evacuationFailed, vms: 1)])
        #expect(r.migrations == 0)
        #expect(r.timeseries.allSatisfy { $0.hostsOn == 3 })
    }

    @Test("the N+1 reserve: 1,200 MIPS on 1,000-MIPS hosts keeps 3 hosts on (2 without a reserve), and a rise wakes one at once")
    func haReserve() {
        // Four hosts at 30%. N+1: host 0 off leaves 3 (40%; reserve 1,200/2,000 = 60%); host 1
        // off would leave a reserve of 1,200/1,000. N+0 turns off hosts 0 and 1 (60% on 2).
        // After 2 h every VM goes to 90%: 1,800 MIPS on 3 hosts minus one = 90% > 81%.
        let table = Array(repeating: Array(repeating: 0.6, count: 24) + [0.9], count: 4)
        let (r1, log1) = run(dpmArm(hosts: 4, dpm: DPMSettings(haReserveHosts: 1)), vms(table), hours: 3)
        let (r0, _) = run(dpmArm(hosts: 4, dpm: DPMSettings(haReserveHosts: 0)), vms(table), hours: 2)
        #expect(r1.timeseries.allSatisfy { $0.hostsOn >= 2 })
        #expect(r1.timeseries.filter { $0.timeS <= 7200 }.map(\.hostsOn).min() == 3)
        #expect(r0.timeseries.map(\.hostsOn).min() == 2)
        #expect(r0.migrations == 2 && r1.migrations >= 1)
        // The reserve is restored at the first pass after the rise, without the 5-min window.
        #expect(log1.contains(DPMLogEntry(timeS: 7200, host: 0, action: .powerOn)))
        #expect(hostsOn(r1, atS: 7500) == 4)
    }

    @Test("a host above the band for 5 min wakes a standby host: boot time at boot power, then idle")
    func powerOn() {
        // No reserve. Two hosts at 30% until 30 min; then host 0 at 90% (> 81%), host 1 at 60%:
        // 1,500 MIPS on 2,000 = 75% > 63%, so after 5 min above the band (t = 35 min) DPM wakes
        // host 2 (1,500/3,000 = 50%). Each VM reserves a whole host, so nothing moves.
        let table = [Array(repeating: 0.3, count: 6) + [0.9], Array(repeating: 0.3, count: 6) + [0.6]]
        let (r, log) = run(dpmArm(hosts: 3, dpm: DPMSettings(haReserveHosts: 0)), vms(table, mips: 1000), hours: 1)
        #expect(log == [DPMLogEntry(timeS: 2100, host: 2, action: .powerOn)])
        #expect(r.hostBoots == 1 && r.hosts[2].boots == 1 && r.migrations == 0)
        #expect(hostsOn(r, atS: 2100) == 2)
        #expect(hostsOn(r, atS: 2400) == 3)  // booting counts as powered
        // Host 2: 5 W off for 35 min, 150 W × 120 s booting, then 100 W idle on.
        #expect(abs(r.hosts[2].energyKWh - (5 * 2100 + 150 * 120 + 100 * (3600 - 2220)) / 3.6e6) < 1e-12)
        #expect(abs(r.hosts[2].hoursOn - (3600 - 2220) / 3600.0) < 1e-12)
        // The 35–40 min row: hosts 0 and 1 (190 W + 160 W) and host 2 booting 2 min, idle 3 min.
        let row = r.timeseries.first { $0.timeS == 2400 }!
        #expect(abs(row.itPowerW - (190 + 160 + (150 * 120 + 100 * 180) / 300.0)) < 1e-9)
    }

    @Test("bookkeeping stays exact when VMs depart while queued for or in the middle of a migration")
    func departuresDuringMigration() {
        // 4 hosts, 3 VMs each (ids: leaving 0–3, staying 4–7, leaving 8–11; worst-fit puts VMs
        // i, i+4, i+8 on host i), 100 MIPS at 50%: 15% per host. At 40 min DPM (N+1) picks
        // hosts 0 and 1. A 0.01-Gb/s NIC makes each move take 859 s, so the departures at
        // t = 2,500 s catch one VM in flight and one queued.
        var h = host
        h.nicGbps = 0.01
        var a = dpmArm(hosts: 4, dpm: DPMSettings(haReserveHosts: 1))
        a.hostTypes = [h]
        // One move at a time per host (in or out), as the timeline below assumes.
        a.migration = MigrationSettings(maxPerHost: 1)
        let type = VMType(vcpus: 1, mipsPerVcpu: 100, ramMiB: 1024)
        let groups = [
            VMGroup(
                name: "leave-a", count: 4, type: type, workload: MemberTable(Array(repeating: [0.5], count: 4)),
                departure: SimTime(microseconds: 2_500_000_000)),
            VMGroup(name: "stay", count: 4, type: type, workload: MemberTable(Array(repeating: [0.5], count: 4))),
            VMGroup(
                name: "leave-b", count: 4, type: type, workload: MemberTable(Array(repeating: [0.5], count: 4)),
                departure: SimTime(microseconds: 2_500_000_000))
        ]
        var sim = ArmSimulation(
            arm: a, groups: groups,
            settings: RunSettings(duration: .seconds(Int64(4 * 3600)), samplingInterval: .seconds(Int64(300))))
        let r = sim.run()
        // Host 0's three VMs do not fit (4-GiB hosts hold four 1-GiB VMs; hosts 2 and 3 have room
        // for one each), so it stays on and takes one of host 1's. Host 1 sends VM 1 (in flight
        // at 2,500 s when it leaves, which frees the NIC at once), then VM 5 from 2,500 s for
        // 858.993459 s; VM 9 left while queued. Host 1 is off at 3,358.993459 s.
        #expect(
            Array(sim.dpmLog.prefix(3)) == [
                DPMLogEntry(timeS: 2400, host: 0, action: .evacuationFailed, vms: 3),
                DPMLogEntry(timeS: 2400, host: 1, action: .evacuate, vms: 3),
                DPMLogEntry(timeS: 3358.993459, host: 1, action: .powerOff)
            ])
        #expect(sim.placement.vmCount.reduce(0, +) == 4)
        #expect(
            sim.migState.hIncoming.allSatisfy { $0 == 0 } && sim.migState.hFlights.allSatisfy { $0.isEmpty } && sim.migState.hMoveCount.allSatisfy { $0 == 0 })
        #expect(sim.migState.vmPlannedTarget.allSatisfy { $0 < 0 } && sim.migState.vmMigratingFrom.allSatisfy { $0 < 0 })
        for hh in 0..<4 {
            let expected = (0..<12).filter { sim.vmHost[$0] == Int32(hh) }.reduce(0.0) { $0 + sim.vmDemand[$1] }
            #expect(abs(sim.hDemand[hh] - expected) < 1e-9, "host \(hh)")
            #expect(Int(sim.placement.vmCount[hh]) == (0..<12).filter { sim.vmHost[$0] == Int32(hh) }.count)
            #expect((sim.hState[hh] == ArmSimulation.off) == (sim.placement.vmCount[hh] == 0))
        }
        #expect(r.timeseries.last?.vmsRunning == 4)
        #expect(r.timeseries.allSatisfy { $0.hostsOn >= 2 })
    }

    @Test("a host above the band is relieved: VMs migrate to on hosts that stay at or below the target (63%)")
    func relief() {
        // Host 0 carries two 500-MIPS VMs at 90% (900 MIPS: 90%), host 1 one at 10% (5%): N+0,
        // 950 MIPS on 2,000 = 47.5% ≤ 63%, so DPM wakes nothing; relief moves a VM to host 1
        // (45 + 5 = 50% ≤ 63%) at the first pass.
        var a = dpmArm(hosts: 2, dpm: DPMSettings(haReserveHosts: 0))
        a.placement = FirstFit()
        let (r, log) = run(a, vms([[0.9], [0.9], [0.1]]), hours: 1)
        // first-fit: VMs 0 and 1 on host 0, VM 2 on host 1.
        #expect(log.first == DPMLogEntry(timeS: 0, host: 0, action: .relieve, vms: 1))
        #expect(r.migrations == 1)
        #expect(r.cpuDemandUnmetPct == 0)
    }
}
