import Testing
import SimKernel
import DatacenterModel
import Policies
import Workloads
@testable import Engine

/// Every member demands `cpu` of its vCPU and `memory` of its RAM, always.
private final class Flat: WorkloadSource {
    let cpu: Double, memory: Double
    init(cpu: Double, memory: Double) { self.cpu = cpu; self.memory = memory }
    var step: SimDuration? { nil }
    var memberLimit: Int? { nil }
    func demand(member: Int, step k: Int) -> Demand { Demand(cpu: cpu, memory: memory) }
}

/// 1 core of 1,000 MIPS, 4,096 MiB, linear 100 → 200 W.
private let host = HostType(
    name: "h", cores: 1, coreMips: 1000, ramMiB: 4096,
    power: LinearPowerModel(idleW: 100, maxW: 200))

/// One host; minFree fixed at 400 MiB so the thresholds are round: clear 400, soft 256, hard 128.
private func memoryArm(overcommit: Double, techniques: MemoryReclamation) -> ArmConfig {
    var a = ArmConfig(
        name: "mem", isBaseline: false, hostTypes: [host], hosts: [HostSlot(typeIndex: 0, cluster: 0, rack: 0)],
        clusterNames: ["c0"], rackNames: ["r0"], hypervisor: .none, placement: FirstFit())
    a.memory = MemorySettings(overcommit: overcommit, techniques: techniques, model: MemoryOvercommit(minFreeOverrideMiB: 400))
    return a
}

/// VMs of 1 vCPU × 300 MIPS and 2,048 MiB.
private func group(_ n: Int, cpu: Double, memory: Double, departure: SimTime? = nil) -> VMGroup {
    VMGroup(
        name: "g", count: n, type: VMType(vcpus: 1, mipsPerVcpu: 300, ramMiB: 2048),
        workload: Flat(cpu: cpu, memory: memory), departure: departure)
}

private func run(_ arm: ArmConfig, _ groups: [VMGroup]) -> ArmResult {
    var sim = ArmSimulation(arm: arm, groups: groups, settings: RunSettings(duration: .seconds(Int64(3600)), samplingInterval: .seconds(Int64(600))))
    return sim.run()
}

@Suite("Memory reclamation in the virtsim engine: hand-computed micro-scenarios")
struct MemoryEngineTests {
    @Test("a full host shares, then balloons idle memory back to minFree; no penalty")
    func shareThenBalloon() {
        // Two 2,048-MiB VMs fill the 4,096-MiB host: free₀ = 0 < 400 (clear) → intra-VM sharing
        // frees 5% × 2,048 × 2 = 204.8 → free₁ = 204.8 < 256 (soft) → the balloon takes
        // 400 − 204.8 = 195.2 MiB from idle memory (each VM: min(2048 − 512 − 102.4, 0.65 × 2048)
        // = 1,331.2 of potential, the same for both → 97.6 each). Constant for the hour.
        let r = run(
            memoryArm(overcommit: 1, techniques: [.pageSharingIntraVM, .ballooning, .compression, .swapping]),
            [group(2, cpu: 0.5, memory: 0.25)])
        #expect(r.vmsUnplaced == 0)
        #expect(abs(r.memory.sharedGiBMean - 204.8 / 1024) < 1e-9)
        #expect(abs(r.memory.balloonedGiBMean - 195.2 / 1024) < 1e-9)
        #expect(r.memory.compressedGiBMean == 0 && r.memory.swappedGiBMean == 0)
        #expect(abs(r.memory.reclaimedGiBMax - 400.0 / 1024) < 1e-9)
        #expect(r.memory.perfLossPct == 0 && r.memory.compressSwapTimePct == 0)
    }

    @Test("placement may overcommit RAM by the ratio; without it the third VM is rejected")
    func overcommitRatio() {
        let techniques: MemoryReclamation = [.swapping]
        #expect(run(memoryArm(overcommit: 1, techniques: techniques), [group(3, cpu: 0.3, memory: 1)]).vmsUnplaced == 1)
        #expect(run(memoryArm(overcommit: 1.5, techniques: techniques), [group(3, cpu: 0.3, memory: 1)]).vmsUnplaced == 0)
    }

    @Test("swapping active memory slows the host: loss = demand × (1 − 1/(1 + 10·s)), and it shrinks when a VM leaves")
    func swapPenaltyAndDeparture() {
        // Three fully active 2,048-MiB VMs on 4,096 MiB (ratio 1.5), swapping only:
        // free₀ = −2,048 < 128 (hard) → swap 400 + 2,048 = 2,448 MiB, 816 per VM; an access hits
        // a swapped page with s = 816 / 2,048 → factor 1 / (1 + 10 s). CPU: 3 × 90 MIPS.
        // At 30 min one VM leaves: free₀ = 0 → swap 400, 200 per VM, s = 200 / 2,048.
        // (The group departs as a whole, so two groups: one of 2 VMs, one leaving.)
        let arm = memoryArm(overcommit: 1.5, techniques: [.swapping])
        let r = run(arm, [group(2, cpu: 0.3, memory: 1), group(1, cpu: 0.3, memory: 1, departure: .zero + SimDuration.seconds(Int64(1800)))])
        let f1 = 1 / (1 + 10 * (816.0 / 2048)), f2 = 1 / (1 + 10 * (200.0 / 2048))
        let loss1: Double = 270 * (1 - f1) * 1800
        let loss2: Double = 180 * (1 - f2) * 1800
        let loss = loss1 + loss2
        let demand: Double = (270.0 + 180.0) * 1800
        #expect(abs(r.memory.perfLossPct - 100 * loss / demand) < 1e-9)
        let swappedMeanMiB: Double = 2448.0 * 0.5 + 400.0 * 0.5
        #expect(abs(r.memory.swappedGiBMean - swappedMeanMiB / 1024) < 1e-9)
        #expect(abs(r.memory.reclaimedGiBMax - 2448.0 / 1024) < 1e-9)
        #expect(abs(r.memory.compressSwapTimePct - 100) < 1e-9)
        #expect(r.memory.shortfallGiBMax == 0)
        // The CPU itself was never short: the loss is memory's alone.
        #expect(r.cpuDemandUnmetPct == 0)
    }

    @Test("memory no technique can back is reported as shortfall")
    func shortfall() {
        // Ballooning only, fully active VMs: nothing idle to take → free stays −2,048 MiB.
        let r = run(memoryArm(overcommit: 1.5, techniques: [.ballooning]), [group(3, cpu: 0.3, memory: 1)])
        #expect(abs(r.memory.shortfallGiBMax - 2048.0 / 1024) < 1e-9)
        #expect(r.memory.reclaimedGiBMax == 0)
    }

    @Test("an arm without memory settings reports zeros and reserves configured RAM only")
    func off() {
        var arm = memoryArm(overcommit: 1, techniques: [])
        arm.memory = nil
        let r = run(arm, [group(3, cpu: 0.3, memory: 1)])
        #expect(r.memory == MemoryFigures())
        #expect(r.vmsUnplaced == 1)
    }
}
