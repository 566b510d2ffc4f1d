import TestSupport
import Testing
import SimKernel
import DatacenterModel
import Policies
import Workloads
@testable import Engine

/// 1 core of 1,000 MIPS, 16 GiB, linear 100 → 200 W, 5 W off; NIC as given.
private func hostType(_ name: String, nicGbps: Double) -> HostType {
    HostType(
        name: name, cores: 1, coreMips: 1000, ramMiB: 16_384, nicGbps: nicGbps,
        power: LinearPowerModel(idleW: 100, maxW: 200), offW: 5)
}

/// Three hosts, worst-fit, DPM with KB 310527's defaults: at 40 min DPM evacuates host 0.
/// Host 0 has a 1 Gb/s NIC; hosts 1 and 2 have `targetGbps`.
private func arm(targetGbps: Double, migration: MigrationSettings) -> ArmConfig {
    var a = ArmConfig(
        name: "mig", isBaseline: false,
        hostTypes: [hostType("fast", nicGbps: 1), hostType("slow", nicGbps: targetGbps)],
        hosts: [
            HostSlot(typeIndex: 0, cluster: 0, rack: 0), HostSlot(typeIndex: 1, cluster: 0, rack: 0),
            HostSlot(typeIndex: 1, cluster: 0, rack: 0)
        ],
        clusterNames: ["c0"], rackNames: ["r0"], hypervisor: .none, placement: WorstFit())
    a.dpm = DPMSettings(haReserveHosts: 1)
    a.migration = migration
    return a
}

/// `n` VMs of 1 vCPU × 100 MIPS at `cpu` of it, `ramMiB` each (worst-fit: VM i on host i mod 3).
private func vms(_ n: Int, cpu: Double, ramMiB: Int64) -> [VMGroup] {
    [
        VMGroup(
            name: "g", count: n, type: VMType(vcpus: 1, mipsPerVcpu: 100, ramMiB: ramMiB),
            workload: MemberTable(Array(repeating: [cpu], count: n)))
    ]
}

private func run(_ a: ArmConfig, _ g: [VMGroup]) -> (ArmResult, [DPMLogEntry]) {
    var sim = ArmSimulation(arm: a, groups: g, settings: RunSettings(duration: .seconds(Int64(3600)), samplingInterval: .seconds(Int64(300))))
    let r = sim.run()
    return (r, sim.dpmLog)
}

/// Seconds rounded to the engine's microsecond.
private func us(_ s: Double) -> Double { (s * 1_000_000).rounded() / 1_000_000 }

private let gib = 1_073_741_824.0

@Suite("Live migration in the virtsim engine: bandwidth sharing, vMotion limits, pre-copy, energy")
struct MigrationEngineTests {
    /// When host 0 (three 1-GiB VMs) is empty and off.
    func powerOffS(targetGbps: Double, _ m: MigrationSettings) -> Double? {
        let (_, log) = run(arm(targetGbps: targetGbps, migration: m), vms(9, cpu: 0.2, ramMiB: 1024))
        #expect(log.first == DPMLogEntry(timeS: 2400, host: 0, action: .evacuate, vms: 3))
        return log.first { $0.action == .powerOff }?.timeS
    }

    @Test("three moves at once share the source NIC: 1 GiB at min(1 Gb/s ÷ 3, 0.5 Gb/s) each, all done at 25.77 s")
    func concurrentShare() {
        // 125,000,000 B/s ÷ 3 = 41,666,666.7 B/s < 62,500,000 (the targets' 0.5 Gb/s).
        #expect(powerOffS(targetGbps: 0.5, MigrationSettings()) == 2400 + us(gib / (125e6 / 3)))
    }

    @Test("one move at a time (max_per_host 1) is limited by the slower target NIC: 3 × 17.18 s")
    func serial() {
        let one = us(gib / 62.5e6)
        #expect(powerOffS(targetGbps: 0.5, MigrationSettings(maxPerHost: 1)) == 2400 + 3 * one)
    }

    @Test("a NIC limit of 2: two moves at 0.5 Gb/s, then the third alone, still capped by its target")
    func nicLimit() {
        let one = us(gib / 62.5e6)
        #expect(powerOffS(targetGbps: 0.5, MigrationSettings(maxPerNIC1GbE: 2)) == 2400 + 2 * one)
    }

    @Test("with equal NICs processor sharing conserves the link: the evacuation takes 3 GiB ÷ 1 Gb/s either way")
    func conservation() {
        #expect(powerOffS(targetGbps: 1, MigrationSettings()) == 2400 + us(3 * gib / 125e6))
        #expect(powerOffS(targetGbps: 1, MigrationSettings(maxPerHost: 1)) == 2400 + 3 * us(gib / 125e6))
    }

    @Test("pre-copy of a busy 4-GiB VM over 1 Gb/s (80 MB/s dirty at 100% CPU): the issue's 16 rounds, 11.92 GB, 95.4 s, 27 ms")
    func preCopy() {
        let m = MigrationSettings(model: .preCopy(dirtyRateBytesPerS: 80e6, dirtyScalesWithCPU: true, maxDowntimeS: 0.030, maxRounds: 30))
        // Three 4-GiB VMs at 100% of their 100 MIPS: 10% per host; DPM evacuates host 0.
        let (r, log) = run(arm(targetGbps: 1, migration: m), vms(3, cpu: 1, ramMiB: 4096))
        let pc = PreCopyMigration(ramBytes: 4 * gib, bandwidthBytesPerS: 125e6, dirtyRateBytesPerS: 80e6).run()
        #expect(pc.rounds == 16 && abs(pc.bytesSent / 1e9 - 11.92) < 0.01 && abs(pc.durationS - 95.4) < 0.1)
        #expect(abs(pc.downtimeS - 0.027) < 0.001)
        #expect(log.first { $0.action == .powerOff }?.timeS == 2400 + us(pc.durationS))
        #expect(r.migrations == 1)
        #expect(abs(r.migrationTrafficGB - pc.bytesSent / 1e9) < 1e-9)
        #expect(abs(r.migrationDowntimeS - pc.downtimeS) < 1e-12)
        // PDM: the VM's 100 MIPS lost for the pause, over all demanded CPU (300 MIPS for the
        // hour, plus the VM counted on both hosts while in flight).
        let demand = 300.0 * 3600 + 100 * us(pc.durationS)
        #expect(abs(r.pdmPct - 100 * 100 * pc.downtimeS / demand) < 1e-9)
        // Energy: α·V + β for the 11.92 GB sent.
        #expect(abs(r.migrationEnergyKWh - (0.512e-6 * pc.bytesSent + 20.165) / 3.6e6) < 1e-12)
    }

    @Test("an idle VM dirties nothing when the dirty rate scales with CPU: one round, RAM/bandwidth")
    func idleVMOneRound() {
        let m = MigrationSettings(
            model: .preCopy(dirtyRateBytesPerS: 80e6, dirtyScalesWithCPU: true, maxDowntimeS: 0.030, maxRounds: 30),
            energy: nil)
        let (r, _) = run(arm(targetGbps: 1, migration: m), vms(3, cpu: 0, ramMiB: 4096))
        #expect(r.migrations == 1)
        #expect(abs(r.migrationTrafficGB - 4 * gib / 1e9) < 1e-9)
        #expect(r.migrationDowntimeS == 0 && r.migrationEnergyKWh == 0)
    }
}
