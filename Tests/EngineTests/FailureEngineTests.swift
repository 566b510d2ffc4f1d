import Testing
import SimKernel
import DatacenterModel
import Policies
import Stochastic
import Workloads
@testable import Engine

/// An arm of `n` hosts of `linear100to200` (1 core × 1000 MIPS, 4 GiB, 100→200 W, off 0 W) in
/// one host group with `failures`, placing first fit; idle hosts stay on unless `powerOffIdle`.
func failingArm(hosts n: Int, failures: HostFailureSettings?, powerOffIdle: Bool = false) -> ArmConfig {
    let groups = [HostGroupSpec(typeIndex: 0, cluster: "c0", hostsPerRack: 40, count: n, failures: failures)]
    let layout = HostLayout(groups, interleave: false)
    var a = ArmConfig(
        name: "f", isBaseline: false, hostTypes: [linear100to200], hosts: layout.slots, clusterNames: layout.clusters,
        rackNames: layout.racks, hypervisor: .none, placement: FirstFit(), cpuOvercommit: 1, powerOffIdleHosts: powerOffIdle)
    a.hostGroups = groups
    return a
}

/// `count` VMs of 1 vCPU × 500 MIPS (two fill a host), 1 GiB, at 100% CPU.
func halfHostVMs(_ name: String, _ count: Int, _ priority: RestartPriority = .medium) -> VMGroup {
    var g = VMGroup(
        name: name, count: count, type: VMType(vcpus: 1, mipsPerVcpu: 500, ramMiB: 1024), workload: TableWorkload([1], stepS: nil))
    g.restartPriority = priority
    return g
}

func schedule(_ entries: [(host: Int, atS: Double, repairS: Double)], delayS: Double) -> HostFailureSettings {
    HostFailureSettings(model: .schedule(entries.map { ScheduledFailure(host: $0.host, atS: $0.atS, repairS: $0.repairS) }), restartDelayS: delayS)
}

@Suite("Host failures and HA restarts: hand-computed")
struct FailureEngineTests {
    @Test("restart delay: host 0 fails at 600 s, its 2 VMs run again on host 1 after exactly 120 s — 240 VM-s down")
    func restartDelay() throws {
        let a = failingArm(hosts: 2, failures: schedule([(0, 600, 1800)], delayS: 120))
        var sim = ArmSimulation(arm: a, groups: [halfHostVMs("g", 2)], settings: oneHour)
        let r = sim.run()
        let f = try #require(r.failures)
        #expect(f.hostFailures == 1 && f.vmFailures == 2 && f.vmRestarts == 2 && f.vmsNotRestarted == 0)
        #expect(abs(f.vmDowntimeH - 240.0 / 3600) < 1e-12)
        #expect(f.haWaitVMH == 0 && f.haShortVcpusMax == 0 && f.haShortRAMGiBMax == 0)
        #expect(sim.vmHost == [1, 1])
        // host 0: 600 s at 200 W, down 1800 s at 0 W, back on idle 1200 s at 100 W;
        // host 1: idle 720 s at 100 W, then both VMs 2880 s at 200 W
        let host0: Double = 200 * 600 + 100 * 1200
        let host1: Double = 100 * 720 + 200 * 2880
        #expect(abs(r.itEnergyKWh - (host0 + host1) / 3_600_000) < 1e-12)
        #expect(r.hostShutdowns == 0)  // a failure is not a shutdown
    }

    @Test("restart order: high-priority VMs take the one free slot before low ones with lower ids; the rest wait for repairs")
    func priorityOrderAndWaiting() throws {
        // ids: low 0, 1 on host 0; high 2, 3 on host 1; filler 4 on host 2 (one slot left there)
        let groups = [halfHostVMs("low", 2, .low), halfHostVMs("high", 2, .high), halfHostVMs("filler", 1)]
        let a = failingArm(hosts: 3, failures: schedule([(0, 600, 1200), (1, 600, 2400)], delayS: 60))
        var sim = ArmSimulation(arm: a, groups: groups, settings: oneHour)
        let r = sim.run()
        let f = try #require(r.failures)
        // 660 s: high 2 → host 2; high 3, low 0, low 1 wait (3 vCPUs, 3 GiB short)
        // 1800 s (host 0 repaired): high 3 and low 0 → host 0; 3000 s (host 1 repaired): low 1 → host 1
        #expect(sim.vmHost == [0, 1, 2, 0, 2])
        #expect(f.hostFailures == 2 && f.vmFailures == 4 && f.vmRestarts == 4 && f.vmsNotRestarted == 0)
        #expect(f.haShortVcpusMax == 3 && f.haShortRAMGiBMax == 3)
        #expect(abs(f.vmDowntimeH - (60.0 + 1200 + 1200 + 2400) / 3600) < 1e-12)
        #expect(abs(f.haWaitVMH - (1140.0 + 1140 + 2340) / 3600) < 1e-12)
    }

    @Test("no room: the VMs of the only host wait to the end and count as not restarted; disabled VMs are never tried")
    func waitingToTheEnd() throws {
        let a = failingArm(hosts: 1, failures: schedule([(0, 1800, 7200)], delayS: 60))
        let r = simulateArm(a, groups: [halfHostVMs("g", 1), halfHostVMs("off", 1, .disabled)], settings: oneHour)
        let f = try #require(r.failures)
        #expect(f.vmFailures == 2 && f.vmRestarts == 0 && f.vmsNotRestarted == 2)
        #expect(abs(f.vmDowntimeH - 2 * 1800.0 / 3600) < 1e-12)
        #expect(abs(f.haWaitVMH - 1740.0 / 3600) < 1e-12)  // the disabled VM never waits for room
        #expect(f.haShortVcpusMax == 1 && f.haShortRAMGiBMax == 1)
    }

    @Test("a departing group stops its down VMs' downtime and wait at its departure")
    func departureWhileWaiting() throws {
        let a = failingArm(hosts: 1, failures: schedule([(0, 600, 7200)], delayS: 60))
        var g = halfHostVMs("g", 2)
        g.departure = .seconds(1200.0)
        let f = try #require(simulateArm(a, groups: [g], settings: oneHour).failures)
        #expect(abs(f.vmDowntimeH - 2 * 600.0 / 3600) < 1e-12)
        #expect(abs(f.haWaitVMH - 2 * 540.0 / 3600) < 1e-12)
        #expect(f.vmsNotRestarted == 0)
    }

    @Test("a restart onto an off host waits for its boot: the VM is down for delay + boot time")
    func restartBootsAnOffHost() throws {
        var a = failingArm(hosts: 2, failures: schedule([(0, 600, 1800)], delayS: 30), powerOffIdle: true)
        a.hostTypes[0].bootTimeS = 90
        let f = try #require(simulateArm(a, groups: [halfHostVMs("g", 1)], settings: oneHour).failures)
        #expect(f.vmRestarts == 1)
        #expect(abs(f.vmDowntimeH - 120.0 / 3600) < 1e-12)
    }

    @Test("a host that fails while booting for a restarted VM: the VM's downtime runs on, not counted twice")
    func failureDuringRestartBoot() throws {
        // host 0 fails at 600 s; its VM restarts at 630 s onto off host 1, which boots 90 s;
        // host 1 fails at 660 s (before the boot ends) and is back at 1200 s (off, then booted
        // again for the waiting VM: 1200 + 90 s); host 0 is repaired at 2400 s
        var a = failingArm(hosts: 2, failures: schedule([(0, 600, 1800), (1, 660, 540)], delayS: 30), powerOffIdle: true)
        a.hostTypes[0].bootTimeS = 90
        let f = try #require(simulateArm(a, groups: [halfHostVMs("g", 1)], settings: oneHour).failures)
        #expect(f.vmFailures == 2 && f.vmRestarts == 2)
        #expect(abs(f.vmDowntimeH - (1290.0 - 600) / 3600) < 1e-12)
    }

    @Test("common random numbers: host k's failure times depend on (seed, group, k) only — an extra host changes none of them")
    func commonRandomNumbers() throws {
        let fails = HostFailureSettings(model: .exponential(mtbfH: 2, mttrH: 0.5), restartDelayS: 60)
        let day = RunSettings(duration: .seconds(Int64(48 * 3600)), samplingInterval: .seconds(Int64(3600)))
        var n = ArmSimulation(arm: failingArm(hosts: 2, failures: fails), groups: [halfHostVMs("g", 2)], settings: day, seed: 7)
        var n1 = ArmSimulation(arm: failingArm(hosts: 3, failures: fails), groups: [halfHostVMs("g", 2)], settings: day, seed: 7)
        _ = n.run()
        _ = n1.run()
        let shared = n1.failure!.log.filter { $0.host < 2 }
        #expect(n.failure!.log.map(\.atUs) == shared.map(\.atUs))
        #expect(n.failure!.log.map(\.host) == shared.map(\.host))
        #expect(n.failure!.log.count > 10)  // ~48 h / 2.5 h per cycle × 2 hosts
        // host 0's first failure is the first exponential draw of its own stream
        let s = RandomStream(seed: 7, purpose: StreamPurpose.hostFailures, entity: 0)
        s.reset(seed: 7, purpose: StreamPurpose.hostFailures, entity: 0, counter: 0)
        let firstUs = Int64((s.exponential(mean: 2 * 3600) * 1_000_000).rounded())
        #expect(n.failure!.log.first { $0.host == 0 }?.atUs == firstUs)
        // another seed, other failures
        var other = ArmSimulation(arm: failingArm(hosts: 2, failures: fails), groups: [halfHostVMs("g", 2)], settings: day, seed: 8)
        _ = other.run()
        #expect(other.failure!.log.map(\.atUs) != n.failure!.log.map(\.atUs))
    }

    @Test("no failures configured: no figures, and the run is the run without the feature")
    func noFailures() {
        let r = simulateArm(failingArm(hosts: 2, failures: nil), groups: [halfHostVMs("g", 2)], settings: oneHour)
        #expect(r.failures == nil)
        #expect(abs(r.itEnergyKWh - (200.0 + 100) / 1000) < 1e-12)
    }
}
