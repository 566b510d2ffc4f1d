import SimKernel
import DatacenterModel
import Policies
import Stochastic

/// Host failures and HA restarts (`arms[].host_groups[].failures`, VM groups'
/// `restart_priority`; <doc:HostFailures>).
///
/// - A host fails at the instants its group's `failures:` gives (`HostFailureSettings`):
///   exponential times between failures counted from its last repair, or a schedule. A failed
///   host draws its type's off power (`off_w`), is not counted as powered and takes no VM; a
///   boot under way is cancelled. Every VM on it goes down at that instant (it leaves the host:
///   its reservation and demand go).
/// - After the failed host's `restart_delay` its VMs are restarted, without admission control,
///   on the capacity left: in restart-priority order (highest first; `disabled` VMs are never
///   restarted), within a priority by ascending VM id (scenario order of the VM groups, then
///   member). Each VM is placed by the arm's placement policy among the surviving hosts as an
///   arrival is (an off host is booted, and the VM is down until the boot ends); a VM that
///   fits nowhere waits, while later VMs may still take the room left, as vSphere HA places
///   "continuing to those with lower priority until … no more cluster capacity is available".
/// - Waiting VMs are tried again, in the same order, whenever capacity frees: a repair, a VM
///   group's departure. A VM whose group departs while it is down stops counting then.
/// - A repaired host comes back empty: off with `power_off_idle_hosts` (placement may use it
///   as any off host), else on. Nothing is moved back onto it (this engine refuses failures
///   together with DPM, DRS and consolidation, which would rebalance).
/// - The figures (`FailureFigures`): failures, VMs taken down and restarted, VM downtime
///   (from failure to running again, or to departure or the end of the run), VM-hours waiting
///   for room beyond the restart delay, and the peak vCPUs and RAM waiting for room.
struct FailureState {
    /// Whether each host is down (failed, not yet repaired).
    var failed: [Bool]
    /// Failures each host has had (the counter of its failure stream).
    var cycles: [UInt32]
    /// The block that keeps placement off a failed host (`block`), by host.
    var blocks: [PlacementRequest?]
    /// Per host, its failures in time order (schedule model; empty for exponential hosts).
    var schedules: [[ScheduledFailure]]
    /// When each VM went down, µs; nil while it is up.
    var downSinceUs: [Int64?]
    /// VMs within their restart delay: (VM, instant it may restart, µs).
    var pending: [(vm: Int, readyUs: Int64)] = []
    /// VMs past their restart delay that found no room: VM → instant it became ready, µs.
    var waiting: [Int: Int64] = [:]
    /// vCPUs and RAM (MiB, with hypervisor overhead) of the VMs in `waiting`.
    var waitingVcpus = 0, waitingRAMMiB: Int64 = 0
    /// The failure stream (reset per draw) and the scenario seed it is derived from.
    let stream: RandomStream
    let seed: UInt64
    var figures = FailureFigures()
    /// VMs restarted onto a booting host, by the instant they run (µs, later than their
    /// restart): their downtime is counted to then, and is taken back if the host fails first.
    var upLaterUs: [Int: Int64] = [:]
    /// Every failure in order: (host, instant, µs); the common-random-numbers test compares it across arms.
    var log: [(host: Int, atUs: Int64)] = []
}

/// What host failures did in one arm (`failures.csv`; <doc:HostFailures>).
public struct FailureFigures: Sendable, Equatable {
    /// Host failures during the run.
    public var hostFailures = 0
    /// VMs taken down by those failures (a VM down twice counts twice).
    public var vmFailures = 0
    /// VMs restarted on another host.
    public var vmRestarts = 0
    /// Σ over VMs of the time from failure to running again (or to its departure or the end of
    /// the run, if it never ran again), h.
    public var vmDowntimeH = 0.0
    /// Σ over VMs of the time spent waiting for room after the restart delay, h.
    public var haWaitVMH = 0.0
    /// VMs down at the end of the run that found no room or have restart priority `disabled`
    /// (VMs still within their restart delay at the end are not counted).
    public var vmsNotRestarted = 0
    /// The most vCPUs waiting for room at any instant (capacity short for HA restarts).
    public var haShortVcpusMax = 0
    /// The most RAM (configured + hypervisor overhead) waiting for room at any instant, GiB.
    public var haShortRAMGiBMax = 0.0
    public init() {}
}

extension ArmSimulation {
    static let pFailure: Int16 = 1, pRepair: Int16 = 2, pRestart: Int16 = 3

    /// Sets up failures when a host group has `failures:` (before `run` schedules events).
    mutating func setUpFailures(seed: UInt64) {
        guard arm.hasFailures else { return }
        precondition(
            !trackMem && cloud == nil && dvfs == nil && services.isEmpty,
            "host failures are not combined with DPM, DRS, consolidation, memory reclamation, DVFS, cloud bursting or services")
        let n = arm.hosts.count
        var schedules = Array(repeating: [ScheduledFailure](), count: n)
        for (h, slot) in arm.hosts.enumerated() {
            if case .schedule(let list)? = arm.hostGroups[slot.group].failures?.model {
                schedules[h] = list.filter { $0.host == slot.member }.sorted { $0.atS < $1.atS }
            }
        }
        failure = FailureState(
            failed: Array(repeating: false, count: n), cycles: Array(repeating: 0, count: n),
            blocks: Array(repeating: nil, count: n), schedules: schedules,
            downSinceUs: Array(repeating: nil, count: vmHost.count),
            stream: RandomStream(seed: seed, purpose: StreamPurpose.hostFailures, entity: 0), seed: seed)
    }

    /// Schedules every host's first failure.
    mutating func scheduleFirstFailures() {
        guard failure != nil else { return }
        for h in arm.hosts.indices { scheduleNextFailure(h) }
    }

    /// The failure settings of host h's group.
    func failureSettings(_ h: Int) -> HostFailureSettings? { arm.hostGroups[arm.hosts[h].group].failures }

    /// Draws an exponential duration (mean `meanH` hours) from host h's stream at `counter`, µs ≥ 1.
    mutating func drawFailureUs(_ h: Int, meanH: Double, counter: UInt64) -> Int64 {
        let slot = arm.hosts[h]
        let s = failure!.stream
        s.reset(seed: failure!.seed, purpose: StreamPurpose.hostFailures, entity: UInt64(slot.group) << 32 | UInt64(slot.member), counter: counter)
        return max(1, Int64((s.exponential(mean: meanH * 3600) * 1_000_000).rounded()))
    }

    /// Schedules host h's next failure (after its last repair), if it falls within the run.
    mutating func scheduleNextFailure(_ h: Int) {
        guard let f = failureSettings(h) else { return }
        let k = Int(failure!.cycles[h])
        let atUs: Int64
        switch f.model {
        case .exponential(let mtbf, _):
            atUs = loop.now.microseconds + drawFailureUs(h, meanH: mtbf, counter: 2 * UInt64(k))
        case .schedule:
            let list = failure!.schedules[h]
            guard k < list.count else { return }
            atUs = Int64((list[k].atS * 1_000_000).rounded())
        }
        let at = SimTime(microseconds: max(atUs, loop.now.microseconds))
        if at <= end { loop.schedule(.hostFailed(Int32(h)), at: at, priority: Self.pFailure) }
    }

    /// Host h fails: its VMs go down and wait `restart_delay`; the host is blocked in the
    /// placement index until its repair.
    mutating func hostFailed(_ h: Int) {
        guard let f = failureSettings(h) else { return }
        touch(h)
        if let ev = hBootEvent[h] { loop.cancel(ev); hBootEvent[h] = nil }
        setState(h, Self.off, countShutdown: false)
        let nowUs = loop.now.microseconds
        let readyUs = nowUs + Int64((f.restartDelayS * 1_000_000).rounded())
        var anyPending = false
        for vm in vmHost.indices where vmHost[vm] == Int32(h) {
            if let up = failure!.upLaterUs.removeValue(forKey: vm), up > nowUs {
                failure!.figures.vmDowntimeH -= Double(up - nowUs) / 3.6e9  // it never ran here
            }
            releaseVM(vm, from: h)
            failure!.downSinceUs[vm] = nowUs
            failure!.figures.vmFailures += 1
            if restartPriority(vm).rank != nil {
                failure!.pending.append((vm, readyUs))
                anyPending = true
            }
        }
        failure!.failed[h] = true
        failure!.figures.hostFailures += 1
        failure!.blocks[h] = block(h).1
        failure!.log.append((h, loop.now.microseconds))
        let k = UInt64(failure!.cycles[h])
        let repairUs: Int64
        switch f.model {
        case .exponential(_, let mttr): repairUs = drawFailureUs(h, meanH: mttr, counter: 2 * k + 1)
        case .schedule: repairUs = max(1, Int64((failure!.schedules[h][Int(k)].repairS * 1_000_000).rounded()))
        }
        failure!.cycles[h] += 1
        let repairAt = loop.now + SimDuration(microseconds: repairUs)
        if repairAt <= end { loop.schedule(.hostRepaired(Int32(h)), at: repairAt, priority: Self.pRepair) }
        let restartAt = SimTime(microseconds: readyUs)
        if anyPending && restartAt <= end { loop.schedule(.haRestart, at: restartAt, priority: Self.pRestart) }
        refreshDirtyPower()
    }

    /// Host h is repaired: back empty (off with `power_off_idle_hosts`, else on); waiting VMs
    /// are tried again and its next failure is drawn.
    mutating func hostRepaired(_ h: Int) {
        if let b = failure!.blocks[h] { placement.release(b, on: h); failure!.blocks[h] = nil }
        failure!.failed[h] = false
        if !arm.powerOffIdleHosts { setState(h, Self.on) }
        scheduleNextFailure(h)
        retryRestarts()
        refreshDirtyPower()
    }

    /// The restart delay of the VMs that became ready now has passed.
    mutating func haRestart() {
        let nowUs = loop.now.microseconds
        var still: [(vm: Int, readyUs: Int64)] = []
        for p in failure!.pending {
            if p.readyUs <= nowUs { addWaiting(p.vm, since: p.readyUs) } else { still.append(p) }
        }
        failure!.pending = still
        retryRestarts()
        refreshDirtyPower()
    }

    func restartPriority(_ vm: Int) -> RestartPriority {
        groups[groupOf(vm)].restartPriority
    }

    /// The VM group of a group VM (not a service replica: the engine refuses failures with services).
    func groupOf(_ vm: Int) -> Int {
        var lo = 0, hi = groupFirstVM.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if groupFirstVM[mid] <= vm { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    mutating func addWaiting(_ vm: Int, since us: Int64) {
        failure!.waiting[vm] = us
        failure!.waitingVcpus += groups[groupOf(vm)].type.vcpus
        failure!.waitingRAMMiB += vmRequest[vm].ramMiB
    }

    mutating func removeWaiting(_ vm: Int) -> Int64? {
        guard let since = failure!.waiting.removeValue(forKey: vm) else { return nil }
        failure!.waitingVcpus -= groups[groupOf(vm)].type.vcpus
        failure!.waitingRAMMiB -= vmRequest[vm].ramMiB
        return since
    }

    /// Tries every waiting VM, in restart order (priority, then VM id); those that find no
    /// room keep waiting. Updates the peak capacity short.
    mutating func retryRestarts() {
        guard failure != nil else { return }
        let order = failure!.waiting.keys.sorted { a, b in
            let ra = restartPriority(a).rank!, rb = restartPriority(b).rank!
            return ra != rb ? ra < rb : a < b
        }
        let nowUs = loop.now.microseconds
        for vm in order where restartVM(vm) {
            let since = removeWaiting(vm)!
            failure!.figures.haWaitVMH += Double(nowUs - since) / 3.6e9
        }
        failure!.figures.haShortVcpusMax = max(failure!.figures.haShortVcpusMax, failure!.waitingVcpus)
        failure!.figures.haShortRAMGiBMax = max(failure!.figures.haShortRAMGiBMax, Double(failure!.waitingRAMMiB) / 1024)
    }

    /// Places a down VM by the arm's placement policy with its current workload demand; false
    /// if it fits nowhere. Its downtime ends now, or when the chosen (booting) host is up.
    mutating func restartVM(_ vm: Int) -> Bool {
        guard let h = arm.placement.selectHost(for: vmRequest[vm], in: placement) else { return false }
        let gi = groupOf(vm)
        let g = groups[gi]
        let k = g.workload.step.map { s in Int((loop.now - g.arrival).microseconds / s.microseconds) } ?? 0
        let d = g.workload.demand(member: vm - groupFirstVM[gi], step: k).cpu * g.type.cpuCapacityMips
        occupy(h, by: vm, cpuDemand: d)
        powerUp(h, forArrivalAt: false)
        let upUs = hState[h] == Self.booting ? min(hBootEndUs[h], end.microseconds) : loop.now.microseconds
        if upUs > loop.now.microseconds { failure!.upLaterUs[vm] = upUs }
        endDowntime(vm, atUs: upUs)
        failure!.figures.vmRestarts += 1
        return true
    }

    mutating func endDowntime(_ vm: Int, atUs: Int64) {
        guard let since = failure!.downSinceUs[vm] else { return }
        failure!.figures.vmDowntimeH += Double(atUs - since) / 3.6e9
        failure!.downSinceUs[vm] = nil
    }

    /// A VM of a departing group that is down: its downtime and wait stop now.
    mutating func departWhileDown(_ vm: Int) {
        guard failure?.downSinceUs[vm] != nil else { return }
        let nowUs = loop.now.microseconds
        if let since = removeWaiting(vm) { failure!.figures.haWaitVMH += Double(nowUs - since) / 3.6e9 }
        failure!.pending.removeAll { $0.vm == vm }
        endDowntime(vm, atUs: nowUs)
    }

    /// The figures at the end of the run: VMs still down count their downtime to the end.
    func failureFigures() -> FailureFigures? {
        guard var f = failure else { return nil }
        let endUs = end.microseconds
        for vm in f.downSinceUs.indices {
            guard let since = f.downSinceUs[vm] else { continue }
            f.figures.vmDowntimeH += Double(endUs - since) / 3.6e9
            if restartPriority(vm).rank == nil { f.figures.vmsNotRestarted += 1 }
        }
        for (_, since) in f.waiting {
            f.figures.haWaitVMH += Double(endUs - since) / 3.6e9
            f.figures.vmsNotRestarted += 1
        }
        return f.figures
    }
}
