import SimKernel
import DatacenterModel

/// Memory reclamation in `ArmSimulation` (`arm.memory`; model `MemoryOvercommit`, ESXi's
/// free-memory states, `DomainModels.md` B3).
///
/// - Each host keeps the list of VMs whose memory it backs (a VM in flight counts on both
///   hosts, like its CPU). A VM's active memory is its workload's memory fraction × its
///   configured RAM, updated at every workload step.
/// - Whenever a host's VMs or their active memory change, at the end of that instant, the
///   engine evaluates `MemoryOvercommit.reclaim` for the host: physical RAM (the host type's
///   RAM plus the hypervisor's reservation), every VM's configured RAM, active memory and
///   per-VM overhead, and the arm's techniques. While free memory stays at or above minFree
///   nothing is reclaimed and the model is not called (the result would be all zeros).
/// - What each technique holds, the memory no technique could back (shortfall), the state
///   after reclamation and the host's performance factor stay constant until the next
///   evaluation and are integrated over time like energy.
/// - SLA impact: while a powered-on host compresses or swaps, the CPU demand it serves is
///   slowed by its performance factor f; demand × (1 − f) counts as lost
///   (`memory_perf_loss_pct`). It is reported beside, not inside, `cpu_demand_unmet_pct`
///   (CPU contention), so the two causes stay apart.
extension ArmSimulation {
    /// Adds a VM to the memory its host backs.
    mutating func memAdd(vm: Int, host h: Int) {
        memState.hVMs[h].append(Int32(vm))
        memState.hConfiguredMiB[h] += vmConfiguredMiB(vm) + vmOverheadMiB(vm)
        markMemDirty(h)
    }

    /// Removes a VM from the memory its host backs.
    mutating func memRemove(vm: Int, host h: Int) {
        if let i = memState.hVMs[h].firstIndex(of: Int32(vm)) {
            memState.hVMs[h].swapAt(i, memState.hVMs[h].count - 1)
            memState.hVMs[h].removeLast()
        }
        if memState.hVMs[h].isEmpty {
            memState.hConfiguredMiB[h] = 0  // no drift from repeated additions
        } else {
            memState.hConfiguredMiB[h] -= vmConfiguredMiB(vm) + vmOverheadMiB(vm)
        }
        markMemDirty(h)
    }

    @inline(__always) func vmConfiguredMiB(_ vm: Int) -> Double { Double(groups[Int(migState.vmGroup[vm])].type.ramMiB) }
    @inline(__always) func vmOverheadMiB(_ vm: Int) -> Double {
        Double(vmRequest[vm].ramMiB - groups[Int(migState.vmGroup[vm])].type.ramMiB)
    }

    @inline(__always) mutating func markMemDirty(_ h: Int) {
        if !memState.hMemDirty[h] { memState.hMemDirty[h] = true; memState.memDirtyList.append(Int32(h)) }
    }

    /// Re-evaluates reclamation on every host whose memory changed at this instant.
    mutating func refreshDirtyMemory() {
        guard let mem = arm.memory else { return }
        // Sorted, so the order of floating-point sums does not depend on event order.
        memState.memDirtyList.sort()
        for h32 in memState.memDirtyList {
            let h = Int(h32)
            memState.hMemDirty[h] = false
            reclaim(host: h, settings: mem)
        }
        memState.memDirtyList.removeAll(keepingCapacity: true)
    }

    /// Evaluates `MemoryOvercommit.reclaim` on one host and stores its outcome from now on.
    mutating func reclaim(host h: Int, settings mem: MemorySettings) {
        touch(h)
        let reservation = hostReservationMiB
        let physical = Double(arm.hostTypes[Int(hType[h])].ramMiB) + reservation
        let minFree = mem.model.minFreeOverrideMiB ?? ESXiMemoryState.minFreeMiB(physicalMiB: physical)
        let free0 = physical - reservation - memState.hConfiguredMiB[h]
        var shared = 0.0, ballooned = 0.0, compressed = 0.0, swapped = 0.0, shortfall = 0.0
        var perf = 1.0, hard = false
        if free0 < mem.model.thresholds.clear * minFree && !memState.hVMs[h].isEmpty {
            var demands: [VMMemoryDemand] = []
            demands.reserveCapacity(memState.hVMs[h].count)
            for vm32 in memState.hVMs[h].sorted() {
                let vm = Int(vm32)
                let conf = vmConfiguredMiB(vm)
                demands.append(
                    VMMemoryDemand(
                        configuredMiB: conf, activeMiB: min(conf, max(0, memState.vmActiveMiB[vm])),
                        overheadMiB: vmOverheadMiB(vm)))
            }
            let r = mem.model.reclaim(
                physicalMiB: physical, hypervisorReservationMiB: reservation,
                vms: demands, techniques: mem.techniques)
            shared = r.sharedMiB; ballooned = r.balloonedMiB; compressed = r.compressedMiB
            swapped = r.swappedMiB; shortfall = r.shortfallMiB; perf = r.performanceFactor
            hard = r.compressedOrSwapped
        }
        memState.memReclaimedNowMiB += (shared + ballooned + compressed + swapped) - memState.hReclaimedMiB[h]
        memState.memShortfallNowMiB += shortfall - memState.hShortfallMiB[h]
        memState.hSharedMiB[h] = shared; memState.hBalloonedMiB[h] = ballooned; memState.hCompressedMiB[h] = compressed
        memState.hSwappedMiB[h] = swapped; memState.hShortfallMiB[h] = shortfall; memState.hPerfFactor[h] = perf; memState.hMemHard[h] = hard
        memState.hReclaimedMiB[h] = shared + ballooned + compressed + swapped
        if memState.memReclaimedNowMiB > memState.memReclaimedMaxMiB { memState.memReclaimedMaxMiB = memState.memReclaimedNowMiB }
        if memState.memShortfallNowMiB > memState.memShortfallMaxMiB { memState.memShortfallMaxMiB = memState.memShortfallNowMiB }
    }

    /// The hypervisor's host memory reservation as the decoder took it off the host type, MiB.
    var hostReservationMiB: Double { (arm.hypervisorProfile?.hostReservationMiB ?? 0).rounded(.up) }

    /// Integrates a host's reclamation figures over `dt` seconds (called by `touch`).
    @inline(__always) mutating func integrateMemory(_ h: Int, dt: Double, servedMIPS: Double, on: Bool) {
        memState.memSharedMiBS += memState.hSharedMiB[h] * dt
        memState.memBalloonedMiBS += memState.hBalloonedMiB[h] * dt
        memState.memCompressedMiBS += memState.hCompressedMiB[h] * dt
        memState.memSwappedMiBS += memState.hSwappedMiB[h] * dt
        if on {
            memState.memLossMIPSS += servedMIPS * (1 - memState.hPerfFactor[h]) * dt
            if memState.hMemHard[h] { memState.memHardS += dt }
        }
    }

    /// The run's memory figures (`MemoryFigures`).
    func memoryFigures(onS: Double, demandS: Double) -> MemoryFigures {
        guard memOn else { return MemoryFigures() }
        let s = settings.duration.seconds
        let gib = 1024.0
        var f = MemoryFigures()
        if s > 0 {
            f.sharedGiBMean = memState.memSharedMiBS / s / gib
            f.balloonedGiBMean = memState.memBalloonedMiBS / s / gib
            f.compressedGiBMean = memState.memCompressedMiBS / s / gib
            f.swappedGiBMean = memState.memSwappedMiBS / s / gib
        }
        f.reclaimedGiBMax = memState.memReclaimedMaxMiB / gib
        f.shortfallGiBMax = memState.memShortfallMaxMiB / gib
        f.compressSwapTimePct = onS > 0 ? 100 * memState.memHardS / onS : 0
        f.perfLossPct = demandS > 0 ? 100 * memState.memLossMIPSS / demandS : 0
        return f
    }
}

/// Memory-reclamation state of an arm (`arm.memory`): which VMs each host backs, what each
/// technique holds now, and the time integrals the results report. Empty unless `memOn`.
struct MemoryState {
    /// Active memory per VM, MiB (workload memory fraction × configured RAM).
    var vmActiveMiB: [Double] = []
    /// VMs whose memory each host backs (a VM in flight is on both hosts).
    var hVMs: [[Int32]] = []
    /// Σ (configured RAM + overhead) of `hVMs`, MiB.
    var hConfiguredMiB: [Double] = []
    var hMemDirty: [Bool] = []
    var memDirtyList: [Int32] = []
    /// Per host, MiB: shared, ballooned, compressed, swapped, short and reclaimed in all.
    var hSharedMiB: [Double] = [], hBalloonedMiB: [Double] = [], hCompressedMiB: [Double] = []
    var hSwappedMiB: [Double] = [], hShortfallMiB: [Double] = [], hReclaimedMiB: [Double] = []
    /// Per host: the fraction of CPU work that gets done (compression and swap penalties), and
    /// whether the host is in the hard state.
    var hPerfFactor: [Double] = []
    var hMemHard: [Bool] = []
    /// Time integrals (MiB·s, MIPS·s, s) and current and largest reclaimed and short memory, MiB.
    var memSharedMiBS = 0.0, memBalloonedMiBS = 0.0, memCompressedMiBS = 0.0, memSwappedMiBS = 0.0
    var memLossMIPSS = 0.0, memHardS = 0.0
    var memReclaimedNowMiB = 0.0, memReclaimedMaxMiB = 0.0, memShortfallNowMiB = 0.0, memShortfallMaxMiB = 0.0

    /// Nothing tracked.
    init() {}

    /// Sized for `vms` VMs and `hosts` hosts.
    init(vms total: Int, hosts n: Int) {
        vmActiveMiB = Array(repeating: 0, count: total)
        hVMs = Array(repeating: [], count: n)
        hConfiguredMiB = Array(repeating: 0, count: n)
        hMemDirty = Array(repeating: false, count: n)
        let zeros = [Double](repeating: 0, count: n)
        hSharedMiB = zeros; hBalloonedMiB = zeros; hCompressedMiB = zeros
        hSwappedMiB = zeros; hShortfallMiB = zeros; hReclaimedMiB = zeros
        hPerfFactor = Array(repeating: 1, count: n)
        hMemHard = Array(repeating: false, count: n)
    }
}
