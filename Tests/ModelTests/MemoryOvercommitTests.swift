import Testing
import TestSupport
@testable import DatacenterModel

@Suite("Memory overcommit")
struct MemoryOvercommitTests {
    /// Host of 32,000 MiB, no hypervisor reservation, minFree fixed at 1,000 MiB so the
    /// thresholds are 1000 (clear), 640 (soft), 320 (hard), 160 (low).
    let model = MemoryOvercommit(minFreeOverrideMiB: 1000)
    let esxi = HypervisorProfile.esxi.defaultReclamation

    func run(_ vms: [VMMemoryDemand], _ t: MemoryReclamation? = nil, model m: MemoryOvercommit? = nil) -> MemoryOvercommitResult {
        (m ?? model).reclaim(physicalMiB: 32000, hypervisorReservationMiB: 0, vms: vms, techniques: t ?? esxi)
    }

    func near(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool { abs(a - b) <= tol }

    @Test("minFree: 899 MiB for the first 28 GiB + 1% of the rest; the sliding scale below 28 GiB")
    func minFree() {
        #expect(ESXiMemoryState.minFreeMiB(physicalMiB: 131_072) == 899 + 0.01 * (131_072 - 28_672))  // 1923
        #expect(ESXiMemoryState.minFreeMiB(physicalMiB: 131_072) == 1923)
        #expect(ESXiMemoryState.minFreeMiB(physicalMiB: 28_672) == 899)
        #expect(near(ESXiMemoryState.minFreeMiB(physicalMiB: 16_384), 0.06 * 4096 + 0.04 * 8192 + 0.02 * 4096))  // 655.36
        var previous = 0.0
        for p in stride(from: 0.0, through: 300_000, by: 512) {
            let m = ESXiMemoryState.minFreeMiB(physicalMiB: p)
            #expect(m >= previous)
            previous = m
        }
    }

    @Test("states: high at 100% of minFree, clear below it, soft below 64%, hard below 32%, low below 16%")
    func states() {
        func s(_ f: Double) -> ESXiMemoryState { .state(freeMiB: f, minFreeMiB: 1000) }
        #expect(s(1000) == .high)
        #expect(s(999.9) == .clear)
        #expect(s(639.9) == .soft)
        #expect(s(319.9) == .hard)
        #expect(s(159.9) == .low)
        #expect(s(-5) == .low)
    }

    @Test("high: free memory above minFree, nothing is reclaimed")
    func high() {
        // 3 × (8000 + 100) = 24,300 of 32,000: 7,700 free.
        let r = run(Array(repeating: VMMemoryDemand(configuredMiB: 8000, activeMiB: 4000, overheadMiB: 100), count: 3))
        #expect(r.freeBeforeMiB == 32000 - 3 * 8100)
        #expect(r.stateBefore == .high && r.reclaimedMiB == 0 && r.performanceFactor == 1)
    }

    @Test("clear: intra-VM page sharing frees 5% of configured memory and nothing else")
    func clear() {
        // 4 × 7,800 = 31,200: 800 free < 1000 -> clear; sharing 4 × 0.05 × 7800 = 1,560.
        let r = run(Array(repeating: VMMemoryDemand(configuredMiB: 7800, activeMiB: 4000), count: 4))
        #expect(r.stateBefore == .clear)
        #expect(near(r.sharedMiB, 4 * 0.05 * 7800))
        #expect(r.balloonedMiB == 0 && r.compressedMiB == 0 && r.swappedMiB == 0)
        #expect(near(r.freeAfterMiB, 800 + 1560) && r.stateAfter == .high)
    }

    @Test("inter-VM sharing (opt-in) and KSM use the 20% inter-VM fraction")
    func interVM() {
        let vms = Array(repeating: VMMemoryDemand(configuredMiB: 7800, activeMiB: 4000), count: 4)
        #expect(near(run(vms, [.pageSharingIntraVM, .pageSharingInterVM]).sharedMiB, 4 * 0.20 * 7800))
        #expect(near(run(vms, HypervisorProfile.kvm.defaultReclamation).sharedMiB, 4 * 0.20 * 7800))
        #expect(run(vms, HypervisorProfile.hyperV.defaultReclamation).sharedMiB == 0, "Hyper-V does not dedupe memory")
    }

    @Test("soft: after sharing, the balloon takes idle memory back to minFree")
    func soft() {
        // 4 × (8000 + 250) = 33,000: free −1,000. Sharing 4 × 400 = 1,600 -> free 600 < 640 (soft).
        // Balloon need 1000 − 600 = 400, spread over equal potentials min(8000−4000−400, 0.65×8000, 7600) = 3600.
        let r = run(Array(repeating: VMMemoryDemand(configuredMiB: 8000, activeMiB: 4000, overheadMiB: 250), count: 4))
        #expect(r.freeBeforeMiB == -1000 && r.stateBefore == .low)
        #expect(near(r.sharedMiB, 1600))
        #expect(near(r.balloonedMiB, 1000 - 600))
        #expect(r.vms.allSatisfy { near($0.balloonedMiB, 100) })
        #expect(r.compressedMiB == 0 && r.swappedMiB == 0 && r.performanceFactor == 1)
        #expect(near(r.freeAfterMiB, 1000) && r.stateAfter == .high)
    }

    @Test("hard: compression reclaims what the balloon cannot, and costs performance")
    func hardCompression() {
        // 4 × (8000 + 500) = 34,000: free −2,000. Sharing 1,600 -> −400. Balloon: only
        // 8000 − 7500 − 400 = 100 idle per VM -> 400 -> free 0 < 320 (hard).
        // Need 1000 − 0 = 1,000 by compression (2:1): at most min(7500, 0.10 × 8000 × 2) × 0.5 = 800 per VM.
        let r = run(Array(repeating: VMMemoryDemand(configuredMiB: 8000, activeMiB: 7500, overheadMiB: 500), count: 4))
        #expect(near(r.sharedMiB, 1600) && near(r.balloonedMiB, 400))
        #expect(near(r.compressedMiB, 1000) && r.swappedMiB == 0)
        #expect(r.vms.allSatisfy { near($0.compressedPagesMiB, 500) })  // 250 freed each at 2:1
        // Resident 8000 − 400 − 100 = 7,500; 500 of it compressed: 1 / (1 + 1 × 500/7500) = 15/16.
        #expect(near(r.performanceFactor, 1 / (1 + 500.0 / 7500)))
        #expect(near(r.performanceFactor, 0.9375) && r.compressedOrSwapped)
    }

    @Test("hard: when the compression cache is full, the hypervisor swaps the rest")
    func hardSwap() {
        // 4 × 10,000 = 40,000: free −8,000. Sharing 1,600, balloon 400 -> −6,000; need 7,000.
        // Compression frees 4 × 800 = 3,200 (4 × 1,600 MiB of pages); swapping the other 3,800 (950 per VM).
        let r = run(Array(repeating: VMMemoryDemand(configuredMiB: 8000, activeMiB: 7500, overheadMiB: 2000), count: 4))
        #expect(near(r.compressedMiB, 3200))
        #expect(near(r.swappedMiB, 7000 - 3200))
        #expect(near(r.freeAfterMiB, 1000) && r.shortfallMiB == 0)
        // Accesses: 1600/7500 compressed, 950/7500 swapped -> 1 / (1 + 1600/7500 + 10 × 950/7500).
        #expect(near(r.performanceFactor, 1 / (1 + 1600.0 / 7500 + 10 * 950.0 / 7500)))
        #expect(r.vms.allSatisfy { near($0.swappedAccessFraction, 950.0 / 7500) })
    }

    @Test("Hyper-V (Dynamic Memory only) cannot back an overcommitted host: the rest is a shortfall")
    func noSwap() {
        // 40,000 on 32,000: free −8,000; Dynamic Memory takes the idle 500 per VM -> −6,000.
        let r = run(
            Array(repeating: VMMemoryDemand(configuredMiB: 8000, activeMiB: 7500, overheadMiB: 2000), count: 4),
            HypervisorProfile.hyperV.defaultReclamation)
        #expect(r.sharedMiB == 0 && near(r.balloonedMiB, 4 * 500) && r.compressedMiB == 0 && r.swappedMiB == 0)
        #expect(near(r.shortfallMiB, 6000) && r.stateAfter == .low && r.performanceFactor == 1)
    }

    @Test("a reservation protects a VM from ballooning, compression and swapping")
    func reservation() {
        let vms = [
            VMMemoryDemand(configuredMiB: 8000, activeMiB: 1000, overheadMiB: 2000, reservationMiB: 8000),
            VMMemoryDemand(configuredMiB: 8000, activeMiB: 1000, overheadMiB: 2000)
        ]
        let r = model.reclaim(physicalMiB: 16000, hypervisorReservationMiB: 0, vms: vms, techniques: esxi)
        #expect(r.vms[0].balloonedMiB == 0 && r.vms[0].compressedPagesMiB == 0 && r.vms[0].swappedMiB == 0)
        #expect(r.vms[1].balloonedMiB > 0)
    }

    @Test("the hypervisor's reservation comes off the host before the VMs")
    func hostReservation() {
        let vms = [VMMemoryDemand(configuredMiB: 30000, activeMiB: 30000)]
        let r = model.reclaim(physicalMiB: 32000, hypervisorReservationMiB: 2048, vms: vms, techniques: [])
        #expect(r.freeBeforeMiB == 32000 - 2048 - 30000)
        #expect(r.shortfallMiB == 2048 - 2000)
    }

    @Test("properties over random hosts: reclaimed amounts add up, stay within each VM, penalty in (0, 1]")
    func properties() {
        var rng = SplitMix64(state: 4)
        let techniqueSets =
            HypervisorProfileRegistry.all.map(\.defaultReclamation)
            + [[.pageSharingIntraVM, .pageSharingInterVM, .ballooning, .compression, .swapping]]
        for _ in 0..<500 {
            let n = Int(rng.next() % 12) + 1
            let vms = (0..<n).map { _ -> VMMemoryDemand in
                let c = rng.uniform(256, 16384)
                return VMMemoryDemand(
                    configuredMiB: c, activeMiB: rng.uniform(0, c), overheadMiB: rng.uniform(0, 300),
                    reservationMiB: rng.uniform(0, 1) < 0.3 ? rng.uniform(0, c) : 0)
            }
            let techniques = techniqueSets[Int(rng.next() % UInt64(techniqueSets.count))]
            let r = MemoryOvercommit().reclaim(
                physicalMiB: rng.uniform(8192, 131_072), hypervisorReservationMiB: rng.uniform(0, 2048),
                vms: vms, techniques: techniques)
            #expect(abs(r.freeAfterMiB - (r.freeBeforeMiB + r.reclaimedMiB)) < 1e-6)
            #expect(abs(r.reclaimedMiB - r.vms.reduce(0) { $0 + $1.reclaimedMiB }) < 1e-6)
            #expect(r.performanceFactor > 0 && r.performanceFactor <= 1)
            #expect(r.stateAfter <= r.stateBefore, "reclamation never makes the state worse")
            for (vm, x) in zip(vms, r.vms) {
                #expect(x.sharedMiB >= 0 && x.balloonedMiB >= 0 && x.compressedPagesMiB >= 0 && x.swappedMiB >= 0)
                #expect(x.balloonedMiB + x.compressedPagesMiB + x.swappedMiB <= max(0, vm.configuredMiB - x.sharedMiB - vm.reservationMiB) + 1e-6)
                #expect(x.performanceFactor > 0 && x.performanceFactor <= 1)
            }
            if !techniques.contains(.swapping) && !techniques.contains(.compression) { #expect(r.performanceFactor == 1) }
        }
    }

    @Test("invalid parameters are rejected with a message naming the parameter")
    func checks() {
        #expect(MemoryOvercommit.check(MemoryOvercommit()) == nil)
        var m = MemoryOvercommit()
        m.compressionRatio = 0.5
        #expect(MemoryOvercommit.check(m) == "compressionRatio: expected a finite ratio >= 1, found 0.5")
        m = MemoryOvercommit()
        m.balloonMaxFraction = 1.2
        #expect(MemoryOvercommit.check(m) == "balloonMaxFraction: expected a fraction 0...1, found 1.2")
        #expect(
            VMMemoryDemand.check(VMMemoryDemand(configuredMiB: 100, activeMiB: 10, reservationMiB: 200))?
                .hasPrefix("reservationMiB:") == true)
    }
}
