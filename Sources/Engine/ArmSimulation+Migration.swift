import SimKernel
import DatacenterModel

/// Live migration in `ArmSimulation`: every move the engine makes (DPM evacuation and relief,
/// DRS balancing), after `arm.migration` (`MigrationSettings`, `DomainModels.md` B6).
///
/// - Queues: each source host sends its planned moves in order. A move starts when the source
///   has a free slot — fewer than min(`maxPerHost`, 4 on a NIC below 10 Gb/s or 8 at 10 Gb/s
///   and above) moves in flight out of it, and fewer than `maxPerHost` moves in or out in all —
///   and its target has fewer than `maxPerHost` moves in flight (vCenter's vMotion limits).
///   A move whose target is full waits, and the moves behind it wait too (FIFO); they are
///   retried whenever any move finishes.
/// - Bandwidth: the moves leaving one host share its NIC equally (processor sharing); a move
///   runs at min(source NIC / moves in flight out of the source, target NIC) bytes/s, and its
///   rate changes whenever a move starts or ends on its source. A NIC of 0 Gb/s moves at once.
/// - Bytes: RAM/bandwidth sends configured RAM once, no pause. Pre-copy runs
///   `PreCopyMigration` at the move's start with its rate at that instant and the VM's dirty
///   rate (× its CPU utilization when it scales with CPU): its total traffic is what the move
///   sends, and its stop-and-copy pause is the VM's downtime.
/// - While in flight a VM's CPU demand, memory and reservation count on both hosts. At the end
///   the source releases them; `migrations` counts moves when they start.
/// - Cost: E = α·bytes + β (`MigrationEnergyModel`) is added half to each host's energy at the
///   end of the move; the VM's CPU demand × its pause is lost service, reported as PDM
///   (`pdm_pct`, percent of all demanded CPU).
extension ArmSimulation {
    /// Bytes/s of host h's NIC (`nicBytesPerS(gbps:)`).
    @inline(__always) func nicBytesPerS(_ h: Int) -> Double {
        Self.nicBytesPerS(gbps: arm.hostTypes[Int(hType[h])].nicGbps)
    }

    /// Bytes/s of a NIC of `gbps` (10⁹ bits/s ÷ 8); infinite for 0 Gb/s (instant moves).
    @inline(__always) static func nicBytesPerS(gbps g: Double) -> Double {
        g > 0 ? g * 1e9 / 8 : .infinity
    }

    /// Rate of `vm`'s move from `s` while `k` moves leave `s`, bytes/s.
    @inline(__always) func moveRate(vm: Int, source s: Int, count k: Int) -> Double {
        min(nicBytesPerS(s) / Double(max(1, k)), nicBytesPerS(Int(vmHost[vm])))
    }

    /// Brings the bytes left of the moves leaving `s` up to now.
    mutating func advanceFlights(_ s: Int) {
        let now = loop.now.microseconds
        let dtUs = now - migState.hFlightUpdateUs[s]
        migState.hFlightUpdateUs[s] = now
        guard dtUs > 0 else { return }
        let dt = Double(dtUs) / 1_000_000
        let k = migState.hFlights[s].count
        for vm32 in migState.hFlights[s] {
            let vm = Int(vm32)
            let rate = moveRate(vm: vm, source: s, count: k)
            migState.vmBytesLeft[vm] = rate.isInfinite ? 0 : max(0, migState.vmBytesLeft[vm] - rate * dt)
        }
    }

    /// Schedules the next completion among the moves leaving `s` (replacing any earlier one).
    mutating func scheduleFlights(_ s: Int) {
        if let e = migState.hFlightEvent[s] { loop.cancel(e); migState.hFlightEvent[s] = nil }
        guard !migState.hFlights[s].isEmpty else { return }
        let k = migState.hFlights[s].count
        var soonest = Double.infinity
        for vm32 in migState.hFlights[s] {
            let vm = Int(vm32)
            let rate = moveRate(vm: vm, source: s, count: k)
            let t = rate.isInfinite ? 0 : migState.vmBytesLeft[vm] / rate
            if t < soonest { soonest = t }
        }
        let us = Int64((soonest * 1_000_000).rounded())
        migState.hFlightEvent[s] = loop.schedule(
            .migrationDone(Int32(s)), at: loop.now + SimDuration(microseconds: max(0, us)),
            priority: Self.pMigrationDone)
    }

    /// A pass over `s`'s moves at this instant (after a departure freed a slot).
    mutating func kickFlights(_ s: Int) {
        if let e = migState.hFlightEvent[s] { loop.cancel(e) }
        migState.hFlightEvent[s] = loop.schedule(.migrationDone(Int32(s)), at: loop.now, priority: Self.pMigrationDone)
    }

    /// Takes `vm` off the moves in flight from `s` (bytes must be up to date).
    mutating func removeFlight(vm: Int, source s: Int) {
        if let i = migState.hFlights[s].firstIndex(of: Int32(vm)) { migState.hFlights[s].remove(at: i) }
        migState.hMoveCount[s] -= 1
        migState.hMoveCount[Int(vmHost[vm])] -= 1
    }

    /// Starts queued moves leaving `s` while slots are free, skipping moves whose VM has
    /// departed; when nothing is queued or in flight, finishes the host's evacuation.
    mutating func startNextMove(from s: Int) {
        advanceFlights(s)
        let mig = arm.migration
        let nicLimit = mig.maxConcurrent(nicGbps: arm.hostTypes[Int(hType[s])].nicGbps)
        var started: [Int] = []
        while migState.hMoveNext[s] < migState.hMoves[s].count {
            let m = migState.hMoves[s][migState.hMoveNext[s]]
            let vm = Int(m.vm), t = Int(m.target)
            guard migState.vmPlannedTarget[vm] == m.target, vmHost[vm] == Int32(s) else { migState.hMoveNext[s] += 1; continue }
            if migState.hFlights[s].count >= nicLimit || Int(migState.hMoveCount[s]) >= mig.maxPerHost { break }
            // a target still booting (woken by consolidation) or full: wait (FIFO)
            if Int(migState.hMoveCount[t]) >= mig.maxPerHost || hState[t] != Self.on {
                if !migState.hWaiting[s] { migState.hWaiting[s] = true; migState.waitingList.append(Int32(s)) }
                break
            }
            migState.hMoveNext[s] += 1
            migState.vmPlannedTarget[vm] = -1
            touch(t)
            vmHost[vm] = m.target
            migState.vmMigratingFrom[vm] = Int32(s)
            migState.hFlights[s].append(m.vm)
            migState.hMoveCount[s] += 1
            migState.hMoveCount[t] += 1
            hDemand[t] += vmDemand[vm] * overheadFactor
            migState.hMem[t] += migState.vmMem[vm]
            if memOn { memAdd(vm: vm, host: t) }
            markDirty(t)
            migrations += 1
            started.append(vm)
        }
        // Bytes of the new moves, at the rate they start with (all of this instant's starts in).
        let k = migState.hFlights[s].count
        for vm in started {
            let rate = moveRate(vm: vm, source: s, count: k)
            var bytes = migState.vmRamBytes[vm], pause = 0.0
            if case .preCopy(let dirty, let scales, let maxDown, let rounds) = mig.model, rate.isFinite {
                let cap = groups[Int(migState.vmGroup[vm])].type.cpuCapacityMips
                let util = cap > 0 ? min(1, max(0, vmDemand[vm] / cap)) : 0
                let run = PreCopyMigration(
                    ramBytes: bytes, bandwidthBytesPerS: rate,
                    dirtyRateBytesPerS: scales ? dirty * util : dirty,
                    maxDowntimeS: maxDown, maxRounds: rounds
                ).run()
                bytes = run.bytesSent
                pause = run.downtimeS
            }
            migState.vmBytesLeft[vm] = bytes
            migState.vmMoveBytes[vm] = bytes
            migState.vmMoveDowntimeS[vm] = pause
        }
        if migState.hMoveNext[s] >= migState.hMoves[s].count && migState.hFlights[s].isEmpty {
            migState.hMoves[s] = []
            migState.hMoveNext[s] = 0
            if let e = migState.hFlightEvent[s] { loop.cancel(e); migState.hFlightEvent[s] = nil }
            finishOutgoing(s)
        } else {
            scheduleFlights(s)
        }
    }

    /// Moves leaving `s` that are done by now end; free slots are filled.
    mutating func migrationDone(source s: Int) {
        migState.hFlightEvent[s] = nil
        advanceFlights(s)
        let k = migState.hFlights[s].count
        var done: [Int] = []
        for vm32 in migState.hFlights[s] {
            let vm = Int(vm32)
            let rate = moveRate(vm: vm, source: s, count: k)
            // Completion times are rounded to the microsecond: a microsecond's worth is done.
            if rate.isInfinite || migState.vmBytesLeft[vm] <= rate * 1e-6 { done.append(vm) }
        }
        done.sort()
        for vm in done { finishMove(vm: vm, source: s) }
        startNextMove(from: s)
        if !done.isEmpty && !migState.waitingList.isEmpty { retryWaiting() }
        refreshDirtyPower()
    }

    /// Ends `vm`'s move from `s`: the source lets go, the move's energy and pause are counted.
    mutating func finishMove(vm: Int, source s: Int) {
        let t = Int(vmHost[vm])
        touch(s)
        removeFlight(vm: vm, source: s)
        migState.vmMigratingFrom[vm] = -1
        migState.hIncoming[t] -= 1
        let bytes = migState.vmMoveBytes[vm], pause = migState.vmMoveDowntimeS[vm]
        migState.migrationBytes += bytes
        if let e = arm.migration.energy {
            let j = e.energyJ(bytesTransferred: bytes)
            migState.migrationEnergyJ += j
            touch(t)
            hEnergyJ[s] += j / 2
            hEnergyJ[t] += j / 2
        }
        if pause > 0 {
            migState.migrationDowntimeS += pause
            migState.migrationLossMIPSS += vmDemand[vm] * overheadFactor * pause
        }
        leaveSource(vm: vm, source: s)
    }

    /// Sources whose next move waited for a full target try again.
    mutating func retryWaiting() {
        let list = migState.waitingList.sorted()
        migState.waitingList.removeAll(keepingCapacity: true)
        for s32 in list {
            let s = Int(s32)
            migState.hWaiting[s] = false
            startNextMove(from: s)
        }
    }
}

/// Live-migration bookkeeping of an arm (used by DPM, DRS and consolidation moves), with the
/// per-VM and per-host memory demand those decisions read. Empty unless the arm moves VMs or
/// reclaims memory (`ArmSimulation.trackMem`).
struct MigrationState {
    /// Group of each VM.
    var vmGroup: [Int32] = []
    /// Active memory per VM, MiB (workload memory fraction × RAM + hypervisor overhead).
    var vmMem: [Double] = []
    /// Configured RAM per VM, bytes (what a live migration sends).
    var vmRamBytes: [Double] = []
    /// Planned (queued) migration target per VM, -1 if none.
    var vmPlannedTarget: [Int32] = []
    /// Source host of a VM in flight, -1 if none (its `vmHost` is already the target).
    var vmMigratingFrom: [Int32] = []
    /// Active memory per host, MiB, and RAM per host, MiB.
    var hMem: [Double] = []
    var hMemCap: [Double] = []
    /// Hosts DPM is emptying for standby.
    var hEvacuating: [Bool] = []
    /// Each host's queue of planned moves and the next to start.
    var hMoves: [[PlannedMove]] = []
    var hMoveNext: [Int] = []
    /// VMs in flight leaving each host.
    var hFlights: [[Int32]] = []
    /// Moves in flight per host, sending and receiving (vCenter's host limit).
    var hMoveCount: [Int32] = []
    /// Time the bytes left of a host's outgoing flights were last brought up to date, µs.
    var hFlightUpdateUs: [Int64] = []
    var hFlightEvent: [EventHandle?] = []
    /// Hosts whose next move waits for a slot on (or the boot of) its target.
    var hWaiting: [Bool] = []
    var waitingList: [Int32] = []
    /// Bytes still to send per VM in flight, its move's total bytes and pause (s).
    var vmBytesLeft: [Double] = [], vmMoveBytes: [Double] = [], vmMoveDowntimeS: [Double] = []
    /// Planned or in-flight migrations towards each host.
    var hIncoming: [Int32] = []
    /// Energy of finished moves, J; Σ VM CPU demand × stop-and-copy pause, MIPS·s (CloudSim's
    /// PDM numerator); Σ pauses, s; bytes sent.
    var migrationEnergyJ = 0.0
    var migrationLossMIPSS = 0.0
    var migrationDowntimeS = 0.0
    var migrationBytes = 0.0

    /// Nothing tracked.
    init() {}

    /// Sized for `vms` VMs (the groups' first, then service replicas) and `hosts` hosts.
    init(groups: [VMGroup], vms total: Int, hosts n: Int, hostRAMMiB: [Double]) {
        vmGroup = groups.enumerated().flatMap { gi, g in Array(repeating: Int32(gi), count: g.count) }
        vmMem = Array(repeating: 0, count: total)
        vmRamBytes = groups.flatMap { g in Array(repeating: Double(g.type.ramMiB) * 1_048_576, count: g.count) }
        vmPlannedTarget = Array(repeating: -1, count: total)
        vmMigratingFrom = Array(repeating: -1, count: total)
        hMem = Array(repeating: 0, count: n)
        hMemCap = hostRAMMiB
        hEvacuating = Array(repeating: false, count: n)
        hMoves = Array(repeating: [], count: n)
        hMoveNext = Array(repeating: 0, count: n)
        hFlights = Array(repeating: [], count: n)
        hMoveCount = Array(repeating: 0, count: n)
        hFlightUpdateUs = Array(repeating: 0, count: n)
        hFlightEvent = Array(repeating: nil, count: n)
        hWaiting = Array(repeating: false, count: n)
        vmBytesLeft = Array(repeating: 0, count: total)
        vmMoveBytes = Array(repeating: 0, count: total)
        vmMoveDowntimeS = Array(repeating: 0, count: total)
        hIncoming = Array(repeating: 0, count: n)
    }
}
