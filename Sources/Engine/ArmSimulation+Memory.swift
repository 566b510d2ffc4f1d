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
        hVMs[h].append(Int32(vm))
        hConfiguredMiB[h] += vmConfiguredMiB(vm) + vmOverheadMiB(vm)
        markMemDirty(h)
    }

    /// Removes a VM from the memory its host backs.
    mutating func memRemove(vm: Int, host h: Int) {
        if let i = hVMs[h].firstIndex(of: Int32(vm)) {
            hVMs[h].swapAt(i, hVMs[h].count - 1)
            hVMs[h].removeLast()
        }
        if hVMs[h].isEmpty {
            hConfiguredMiB[h] = 0   // no drift from repeated additions
        } else {
            hConfiguredMiB[h] -= vmConfiguredMiB(vm) + vmOverheadMiB(vm)
        }
        markMemDirty(h)
    }

    @inline(__always) func vmConfiguredMiB(_ vm: Int) -> Double { Double(groups[Int(vmGroup[vm])].type.ramMiB) }
    @inline(__always) func vmOverheadMiB(_ vm: Int) -> Double {
        Double(vmRequest[vm].ramMiB - groups[Int(vmGroup[vm])].type.ramMiB)
    }

    @inline(__always) mutating func markMemDirty(_ h: Int) {
        if !hMemDirty[h] { hMemDirty[h] = true; memDirtyList.append(Int32(h)) }
    }

    /// Re-evaluates reclamation on every host whose memory changed at this instant.
    mutating func refreshDirtyMemory() {
        guard let mem = arm.memory else { return }
        // Sorted, so the order of floating-point sums does not depend on event order.
        memDirtyList.sort()
        for h32 in memDirtyList {
            let h = Int(h32)
            hMemDirty[h] = false
            reclaim(host: h, settings: mem)
        }
        memDirtyList.removeAll(keepingCapacity: true)
    }

    /// Evaluates `MemoryOvercommit.reclaim` on one host and stores its outcome from now on.
    mutating func reclaim(host h: Int, settings mem: MemorySettings) {
        touch(h)
        let reservation = hostReservationMiB
        let physical = Double(arm.hostTypes[Int(hType[h])].ramMiB) + reservation
        let minFree = mem.model.minFreeOverrideMiB ?? ESXiMemoryState.minFreeMiB(physicalMiB: physical)
        let free0 = physical - reservation - hConfiguredMiB[h]
        var shared = 0.0, ballooned = 0.0, compressed = 0.0, swapped = 0.0, shortfall = 0.0
        var perf = 1.0, hard = false
        if free0 < mem.model.thresholds.clear * minFree && !hVMs[h].isEmpty {
            var demands: [VMMemoryDemand] = []
            demands.reserveCapacity(hVMs[h].count)
            for vm32 in hVMs[h].sorted() {
                let vm = Int(vm32)
                let conf = vmConfiguredMiB(vm)
                demands.append(VMMemoryDemand(configuredMiB: conf, activeMiB: min(conf, max(0, vmActiveMiB[vm])),
                                              overheadMiB: vmOverheadMiB(vm)))
            }
            let r = mem.model.reclaim(physicalMiB: physical, hypervisorReservationMiB: reservation,
                                      vms: demands, techniques: mem.techniques)
            shared = r.sharedMiB; ballooned = r.balloonedMiB; compressed = r.compressedMiB
            swapped = r.swappedMiB; shortfall = r.shortfallMiB; perf = r.performanceFactor
            hard = r.compressedOrSwapped
        }
        memReclaimedNowMiB += (shared + ballooned + compressed + swapped) - hReclaimedMiB[h]
        memShortfallNowMiB += shortfall - hShortfallMiB[h]
        hSharedMiB[h] = shared; hBalloonedMiB[h] = ballooned; hCompressedMiB[h] = compressed
        hSwappedMiB[h] = swapped; hShortfallMiB[h] = shortfall; hPerfFactor[h] = perf; hMemHard[h] = hard
        hReclaimedMiB[h] = shared + ballooned + compressed + swapped
        if memReclaimedNowMiB > memReclaimedMaxMiB { memReclaimedMaxMiB = memReclaimedNowMiB }
        if memShortfallNowMiB > memShortfallMaxMiB { memShortfallMaxMiB = memShortfallNowMiB }
    }

    /// The hypervisor's host memory reservation as the decoder took it off the host type, MiB.
    var hostReservationMiB: Double { (arm.hypervisorProfile?.hostReservationMiB ?? 0).rounded(.up) }

    /// Integrates a host's reclamation figures over `dt` seconds (called by `touch`).
    @inline(__always) mutating func integrateMemory(_ h: Int, dt: Double, servedMIPS: Double, on: Bool) {
        memSharedMiBS += hSharedMiB[h] * dt
        memBalloonedMiBS += hBalloonedMiB[h] * dt
        memCompressedMiBS += hCompressedMiB[h] * dt
        memSwappedMiBS += hSwappedMiB[h] * dt
        if on {
            memLossMIPSS += servedMIPS * (1 - hPerfFactor[h]) * dt
            if hMemHard[h] { memHardS += dt }
        }
    }

    /// The run's memory figures (`MemoryFigures`).
    func memoryFigures(onS: Double, demandS: Double) -> MemoryFigures {
        guard memOn else { return MemoryFigures() }
        let s = settings.duration.seconds
        let gib = 1024.0
        var f = MemoryFigures()
        if s > 0 {
            f.sharedGiBMean = memSharedMiBS / s / gib
            f.balloonedGiBMean = memBalloonedMiBS / s / gib
            f.compressedGiBMean = memCompressedMiBS / s / gib
            f.swappedGiBMean = memSwappedMiBS / s / gib
        }
        f.reclaimedGiBMax = memReclaimedMaxMiB / gib
        f.shortfallGiBMax = memShortfallMaxMiB / gib
        f.compressSwapTimePct = onS > 0 ? 100 * memHardS / onS : 0
        f.perfLossPct = demandS > 0 ? 100 * memLossMIPSS / demandS : 0
        return f
    }
}
