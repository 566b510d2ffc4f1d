import SimKernel
import DatacenterModel
import Policies
import Workloads
import Stochastic

/// Simulates one arm: VM groups arrive, are placed, follow their workloads and depart; hosts
/// boot, run and power off; energy is integrated exactly at every change of a host's power.
///
/// Hot data lives in contiguous arrays indexed by host and VM id (structure of arrays), so
/// 100k hosts and 1M VMs cost no allocation per event.
///
/// Semantics (v1):
/// - Demand of a VM in a workload step is `demand.cpu × vCPUs × MIPS per vCPU`; a host's CPU
///   demand is the sum over its VMs × (1 + hypervisor CPU overhead); its utilization is
///   demand / physical capacity, capped at 1; demand above capacity is counted as unmet.
/// - Placement reserves vCPUs × MIPS (against capacity × CPU overcommit) and configured RAM +
///   hypervisor memory overhead per VM.
/// - VMs that arrive at t = 0 form the initial estate: the hosts chosen for them start on,
///   without booting. A VM arriving later on an off host waits for it to boot (boot time and
///   boot power of its host type) and runs from then on.
/// - With `powerOffIdleHosts`, hosts that hold no VM are off (off power) from t = 0 and are
///   switched off, instantly, when their last VM departs; otherwise they stay on, idle.
/// - A VM that fits nowhere is rejected and counted in `vmsUnplaced`.
///
/// Distributed Power Management (`arm.dpm`, vSphere DPM after Broadcom KB 310527,
/// `DomainModels.md` B5; the rules of the decision are on `DPMPolicyModel`):
/// - Every `interval` (from t = 0, after the instant's arrivals and workload steps) the engine
///   gives the policy every host's CPU demand (with hypervisor overhead) and active memory
///   (workload memory fraction × configured RAM + per-VM hypervisor overhead, MiB) against its
///   capacity; booting hosts and hosts still being evacuated count as on, off hosts as
///   standby.
/// - Power off: each chosen host (in the policy's order) is evacuated first. Its VMs (largest
///   CPU reservation first if the placement policy places decreasing, else by id) go to hosts
///   chosen by the arm's placement policy among hosts that are on (not booting), not being
///   evacuated and not (still) chosen for standby in the same pass, such that the target's
///   CPU and memory demand stay ≤ the band's upper edge (81%). Targets are reserved at once in
///   the placement index (CPU, RAM), so arrivals cannot take the room. If some VM fits nowhere
///   the host is not touched and stays on (and may then receive the VMs of the next chosen
///   hosts). Otherwise its VMs migrate one after another over its NIC; when the last has left
///   it is switched off (off power, a standby host).
/// - Power on: a chosen standby host boots (its type's `boot_time` at `boot_power_w`, counted
///   in `hostBoots`) and is then on. Nothing is moved onto it at once; from the next
///   evaluation it is a migration target, and arrivals may use it as placement decides.
/// - Relief (the move half of a power-on recommendation, as DRS would do it): at every
///   evaluation, each on host above the upper edge (and not already sending or receiving
///   VMs) migrates VMs (largest CPU demand first) to other on hosts, chosen as above, whose
///   demand stays ≤ the target (63%), until it is at or below the target or no VM fits
///   elsewhere. Without it a host woken for a hot host would stay empty.
/// - Moves are live migrations as `arm.migration` says (RAM / bandwidth or pre-copy, shared
///   NICs, vCenter's concurrency limits, energy and pauses; `ArmSimulation+Migration.swift`).
///   While a VM is in flight its CPU and memory demand count on both hosts (the copy's cost
///   shows in both hosts' power) and its reservation is held on both. Each move counts in
///   `migrations` when it starts.
/// - The policy's HA reserve (N + R) only limits power-offs and forces power-ons; DPM never
///   turns off a host it has not emptied.
///
/// DRS (`arm.drs`), memory reclamation (`arm.memory`) and live migration (`arm.migration`) are
/// described on their extensions: `ArmSimulation+DRS.swift`, `ArmSimulation+Memory.swift`,
/// `ArmSimulation+Migration.swift`.
///
/// DVFS (`arm.dvfs`): P-states, governor sampling and the capacity placement and SLA see are
/// described on the extension in `ArmSimulation+DVFS.swift`.
///
/// Host failures and HA restarts (host groups' `failures`, VM groups' restart priority) are
/// described on the extension in `ArmSimulation+Failures.swift`.
public struct ArmSimulation {
    enum Event {
        case sample
        case groupArrival(Int32)
        case groupDeparture(Int32)
        case workloadStep(group: Int32, step: Int32)
        case hostBooted(Int32)
        case dpmEvaluate
        case drsEvaluate
        /// The next of the live migrations leaving this source host finishes (or a slot freed up).
        case migrationDone(Int32)
        /// An instant of the DVFS sampling grid (`ArmSimulation+DVFS.swift`).
        case dvfsTick
        /// A service's autoscaler step (`ArmSimulation+Services.swift`).
        case serviceTick(Int32)
        /// A cloud host's release timer (`ArmSimulation+Cloud.swift`).
        case cloudRelease(Int32)
        /// A dynamic-consolidation round (`ArmSimulation+Consolidation.swift`).
        case consolidate
        /// A host fails; it is repaired; the restart delay of failed VMs has passed
        /// (`ArmSimulation+Failures.swift`).
        case hostFailed(Int32)
        case hostRepaired(Int32)
        case haRestart
    }

    // Priorities at one instant: close the sampling interval first, then free capacity,
    // then bring hosts up, then place arrivals, then change demands.
    // Migrations end with departures (both free capacity); DPM decides last, on the new demands.
    static let pSample: Int16 = 0, pDeparture: Int16 = 1, pBooted: Int16 = 2, pArrival: Int16 = 3, pStep: Int16 = 4
    static let pMigrationDone: Int16 = 1, pDPM: Int16 = 5, pDRS: Int16 = 6
    /// Services scale after the instant's workload steps, before DPM decides.
    static let pService: Int16 = 4

    static let off: UInt8 = 0, booting: UInt8 = 1, on: UInt8 = 2

    let arm: ArmConfig
    let groups: [VMGroup]
    let settings: RunSettings
    let end: SimTime
    var loop = EventLoop<Event>()
    let placement: PlacementState
    let overheadFactor: Double

    // Hosts (structure of arrays).
    var hState: [UInt8]
    let hCapacity: [Double]
    var hDemand: [Double]
    var hPower: [Double]
    var hLast: [Int64]
    var hEnergyJ: [Double]
    var hOnS: [Double]
    var hUtilS: [Double]
    var hDemandS: [Double]
    var hUnmetS: [Double]
    var hBoots: [Int32]
    var hOverS: [Double]
    var shutdowns = 0
    var hBootEvent: [EventHandle?]
    /// When each booting host is up, µs (valid while booting).
    var hBootEndUs: [Int64]
    var hDirty: [Bool]
    var dirtyList: [Int32] = []
    let hType: [Int32]

    // VMs.
    let groupFirstVM: [Int]
    var vmHost: [Int32]
    var vmDemand: [Double]
    var vmRequest: [PlacementRequest] = []

    // Counters.
    var hostsWithVMs = 0
    var hostsUsedMax = 0
    /// Per host type: hosts holding VMs now, and the most at any instant.
    var typeWithVMs: [Int]
    var typeWithVMsMax: [Int]
    var vmsArrived = 0
    var vmsUnplaced = 0
    var vmsRunning = 0
    /// VMs placed (on premises or in the cloud) and not departed, and their peak.
    var vmsLive = 0, vmsLiveMax = 0
    var hostsPowered = 0
    var poweredLevel = TimeWeighted()
    var lastSampleTime = SimTime.zero
    var lastSampleEnergyJ = 0.0
    var lastSampleOnS = 0.0
    var lastSampleUtilS = 0.0
    var timeseries: [TimeseriesRow] = []
    /// Per host, its on-time and utilization integrals at the last sample, s.
    var hSampleOnS: [Double]
    var hSampleUtilS: [Double]
    /// Every host's CPU utilization per sampling interval (`ArmResult.hostCPUUtil`).
    var hostCPUUtil: IntervalUtilization

    // DPM (arrays empty unless `arm.dpm` is set).
    let dpmOn: Bool
    var dpmModel: DPMPolicyModel?
    /// Live-migration bookkeeping, with per-VM and per-host memory demand (`ArmSimulation+Migration.swift`;
    /// empty unless `trackMem`).
    var migState = MigrationState()
    var migrations = 0
    /// Whether per-VM memory and the migration bookkeeping above are kept (DPM or memory reclamation).
    let trackMem: Bool

    // Memory reclamation (arrays empty unless `arm.memory` is set; `ArmSimulation+Memory.swift`).
    let memOn: Bool
    /// Memory reclamation state (`ArmSimulation+Memory.swift`; empty unless `memOn`).
    var memState = MemoryState()
    /// What DPM did, in order.
    public internal(set) var dpmLog: [DPMLogEntry] = []
    /// What DRS did, in order (passes with moves only).
    public internal(set) var drsLog: [DRSLogEntry] = []
    /// CPU capacity at each host's current P-state, MIPS (= `hCapacity` without DVFS).
    var hCapNow: [Double] = []
    /// DVFS state (nil unless `arm.dvfs` is set; `ArmSimulation+DVFS.swift`).
    var dvfs: DVFSState? = nil
    /// Event-driven services (`ArmSimulation+Services.swift`); their replica VMs follow the groups' VMs.
    var services: [ServiceRuntime] = []
    /// The hybrid-cloud cluster (nil unless `arm.cloud` is set; `ArmSimulation+Cloud.swift`).
    var cloud: CloudState? = nil
    var serviceSamples: [ServiceSample] = []
    /// Dynamic consolidation (nil unless `arm.consolidation` is set; `ArmSimulation+Consolidation.swift`).
    var consolidation: ConsolidationState? = nil
    /// Host failures and HA restarts (nil unless a host group has `failures:`; `ArmSimulation+Failures.swift`).
    var failure: FailureState? = nil
    /// Called with the state after the run's set-up, after every event and once at the end
    /// (`ArmObservation`), for property tests; nil (the default) costs one branch per event.
    public var observer: ((ArmObservation) -> Void)? = nil

    /// Prepares an arm's run. `groups` and `settings` are shared by every arm of a scenario.
    /// - Parameters:
    ///   - services: the scenario's event-driven services (their replicas are VMs after the
    ///     groups' VMs); `seed` seeds their request streams.
    public init(arm: ArmConfig, groups: [VMGroup], settings: RunSettings, services: [ServiceSpec] = [], seed: UInt64 = 0) {
        self.arm = arm
        self.groups = groups
        self.settings = settings
        self.end = SimTime.zero + settings.duration
        self.overheadFactor = 1 + arm.hypervisor.cpuOverhead
        let n = arm.hosts.count
        let types = arm.hostTypes
        hType = arm.hosts.map { Int32($0.typeIndex) }
        hCapacity = arm.hosts.map { Self.placementCapacityMips(types[$0.typeIndex], arm.dvfs) }
        let physical = hCapacity.map { Int64(($0 * 1000).rounded()) }
        placement = PlacementState(
            cpuTotal: hCapacity.map { Int64(($0 * 1000 * arm.cpuOvercommit).rounded(.down)) },
            ramTotal: arm.hosts.map { Int64((Double(types[$0.typeIndex].ramMiB) * (arm.memory?.overcommit ?? 1)).rounded(.down)) },
            cpuPhysical: physical,
            power: arm.hosts.map { Self.placementPowerModel(types[$0.typeIndex], arm.dvfs) },
            offW: arm.hosts.map { types[$0.typeIndex].offW }, hostClass: hType)
        hState = Array(repeating: Self.off, count: n)
        hDemand = Array(repeating: 0, count: n)
        hPower = arm.hosts.map { types[$0.typeIndex].offW }
        hLast = Array(repeating: 0, count: n)
        hEnergyJ = Array(repeating: 0, count: n)
        hOnS = Array(repeating: 0, count: n)
        hUtilS = Array(repeating: 0, count: n)
        hDemandS = Array(repeating: 0, count: n)
        hUnmetS = Array(repeating: 0, count: n)
        hBoots = Array(repeating: 0, count: n)
        hOverS = Array(repeating: 0, count: n)
        hBootEvent = Array(repeating: nil, count: n)
        hBootEndUs = Array(repeating: 0, count: n)
        hDirty = Array(repeating: false, count: n)
        hSampleOnS = Array(repeating: 0, count: n)
        hSampleUtilS = Array(repeating: 0, count: n)
        hostCPUUtil = IntervalUtilization(hosts: n)
        typeWithVMs = Array(repeating: 0, count: types.count)
        typeWithVMsMax = typeWithVMs
        var first: [Int] = []
        var total = 0
        for g in groups { first.append(total); total += g.count }
        groupFirstVM = first
        let groupVMs = total
        for (i, spec) in services.enumerated() { total += arm.replicaIds(service: i, spec) }
        vmHost = Array(repeating: -1, count: total)
        vmDemand = Array(repeating: 0, count: total)
        vmRequest.reserveCapacity(total)
        if let m = arm.memory {
            precondition(m.check() == nil, m.check() ?? "")
            memOn = true
            memState = MemoryState(vms: total, hosts: n)
        } else {
            memOn = false
        }
        if let d = arm.dpm {
            precondition(d.check() == nil, d.check() ?? "")
            dpmModel = d.makeModel()
        }
        dpmOn = arm.dpm != nil
        trackMem = dpmOn || memOn || arm.drs != nil || arm.consolidation != nil
        if trackMem {
            migState = MigrationState(groups: groups, vms: total, hosts: n, hostRAMMiB: arm.hosts.map { Double(types[$0.typeIndex].ramMiB) })
        }
        for (gi, g) in groups.enumerated() {
            let cpu = Int64((g.type.cpuCapacityMips * 1000).rounded())
            let memOverhead = arm.memoryOverheadMiBPerGroup?[gi] ?? arm.hypervisor.memoryOverheadMiBPerVM
            for m in 0..<g.count {
                vmRequest.append(PlacementRequest(vmId: first[gi] + m, cpu: cpu, ramMiB: g.type.ramMiB + memOverhead))
            }
        }
        setUpServices(services, firstVM: groupVMs, seed: seed)
        if let c = arm.cloud {
            precondition(c.check() == nil && !trackMem, c.check() ?? "cloud bursting is not combined with DPM, DRS or memory reclamation")
            cloud = CloudState(
                settings: c, vmHost: Array(repeating: -1, count: total),
                vmBurstS: Array(repeating: 0, count: total), vmReadyS: Array(repeating: 0, count: total))
        }
        setUpDVFS()
        if let c = arm.consolidation { setUpConsolidation(c, seed: seed) }
        setUpFailures(seed: seed)
    }

    /// Runs the arm to the end of the scenario and returns what it measured.
    public mutating func run() -> ArmResult {
        if !arm.powerOffIdleHosts {
            for h in 0..<hState.count { setState(h, Self.on) }
        }
        for (gi, g) in groups.enumerated() where g.arrival <= end {
            loop.schedule(.groupArrival(Int32(gi)), at: g.arrival, priority: Self.pArrival)
            if let d = g.departure, d <= end {
                loop.schedule(.groupDeparture(Int32(gi)), at: d, priority: Self.pDeparture)
            }
        }
        settings.progress?(0, end.seconds)
        scheduleNextSample(after: .zero)
        if dpmOn { loop.schedule(.dpmEvaluate, at: .zero, priority: Self.pDPM) }
        if let d = arm.drs, SimTime.zero + d.interval < end { loop.schedule(.drsEvaluate, at: .zero + d.interval, priority: Self.pDRS) }
        for i in services.indices { loop.schedule(.serviceTick(Int32(i)), at: .zero, priority: Self.pService) }
        if let c = arm.consolidation, SimTime.zero + c.interval < end {
            loop.schedule(.consolidate, at: .zero + c.interval, priority: Self.pConsolidate)
        }
        scheduleFirstFailures()
        observer?(observation())
        while !(arm.stopAtFirstUnplacedVM && vmsUnplaced > 0), let e = loop.next(until: end) {
            switch e {
            case .sample: sample()
            case .groupArrival(let g): arrive(group: Int(g))
            case .groupDeparture(let g): depart(group: Int(g))
            case .workloadStep(let g, let k): step(group: Int(g), step: Int(k))
            case .hostBooted(let h): booted(host: Int(h))
            case .dpmEvaluate: evaluateDPM()
            case .drsEvaluate: evaluateDRS()
            case .migrationDone(let h): migrationDone(source: Int(h))
            case .dvfsTick: dvfsTick()
            case .serviceTick(let i): serviceTick(Int(i))
            case .cloudRelease(let h): cloudRelease(Int(h))
            case .consolidate: consolidate()
            case .hostFailed(let h): hostFailed(Int(h))
            case .hostRepaired(let h): hostRepaired(Int(h))
            case .haRestart: haRestart()
            }
            if let o = observer { o(observation()) }
        }
        for h in 0..<hState.count { touch(h) }
        observer?(observation())
        return result()
    }

    // MARK: host bookkeeping

    /// Integrates the host's energy and utilization from its last change to now.
    @inline(__always) mutating func touch(_ h: Int) {
        let now = loop.now.microseconds
        let dtUs = now - hLast[h]
        guard dtUs > 0 else { return }
        let dt = Double(dtUs) / 1_000_000
        hEnergyJ[h] += hPower[h] * dt
        if hState[h] == Self.on {
            hOnS[h] += dt
            let d = hDemand[h], c = hCapNow[h]
            hUtilS[h] += (d < c ? d / c : 1) * dt
            hDemandS[h] += d * dt
            if d > c { hUnmetS[h] += (d - c) * dt; hOverS[h] += dt }
            if memOn { integrateMemory(h, dt: dt, servedMIPS: d < c ? d : c, on: true) }
        } else if memOn {
            integrateMemory(h, dt: dt, servedMIPS: 0, on: false)
        }
        hLast[h] = now
    }

    @inline(__always) mutating func markDirty(_ h: Int) {
        if !hDirty[h] { hDirty[h] = true; dirtyList.append(Int32(h)) }
    }

    mutating func refreshDirtyPower() {
        if memOn && !memState.memDirtyList.isEmpty { refreshDirtyMemory() }
        for h32 in dirtyList {
            let h = Int(h32)
            hDirty[h] = false
            refreshPower(h)
        }
        dirtyList.removeAll(keepingCapacity: true)
    }

    @inline(__always) mutating func refreshPower(_ h: Int) {
        if dvfs != nil { hPower[h] = dvfsPowerW(h); return }
        let t = arm.hostTypes[Int(hType[h])]
        switch hState[h] {
        case Self.on:
            let d = hDemand[h], c = hCapacity[h]
            hPower[h] = t.power.powerW(utilization: d < c ? d / c : 1)
        case Self.booting: hPower[h] = t.bootPowerW
        default: hPower[h] = t.offW
        }
    }

    /// Changes a host's power state at `now` (after integrating up to now). A host that goes
    /// off counts in `hostShutdowns` unless `countShutdown` is false (a failure).
    mutating func setState(_ h: Int, _ s: UInt8, countShutdown: Bool = true) {
        touch(h)
        let wasPowered = hState[h] != Self.off
        let isPowered = s != Self.off
        // VMs reserved here by a planned move still run on their source
        let incoming = trackMem ? Int(migState.hIncoming[h]) : 0
        if hState[h] == Self.on { vmsRunning -= Int(placement.vmCount[h]) - incoming }
        hState[h] = s
        if s == Self.on { vmsRunning += Int(placement.vmCount[h]) - incoming }
        if wasPowered != isPowered {
            if !isPowered && countShutdown { shutdowns += 1 }
            hostsPowered += isPowered ? 1 : -1
            poweredLevel.set(Double(hostsPowered), at: loop.now)
            placement.setPowered(h, isPowered)
        }
        refreshPower(h)
    }

    // MARK: events

    mutating func arrive(group gi: Int) {
        let g = groups[gi]
        let first = groupFirstVM[gi]
        var order = Array(first..<(first + g.count))
        if arm.placement.placesDecreasing { sortDecreasing(&order) }
        let initial = loop.now == .zero
        let vmCap = g.type.cpuCapacityMips
        for vm in order {
            let dm = g.workload.demand(member: vm - first, step: 0)
            guard let h = placeVM(vm, cpuDemand: dm.cpu * vmCap) else { continue }
            if trackMem {
                let mem = activeMemoryMiB(vm: vm, group: gi, fraction: dm.memory)
                migState.vmMem[vm] = mem
                migState.hMem[h] += mem
            }
            if memOn {
                memState.vmActiveMiB[vm] = dm.memory * Double(g.type.ramMiB)
                memAdd(vm: vm, host: h)
            }
            powerUp(h, forArrivalAt: initial)
        }
        refreshDirtyPower()
        if let s = g.workload.step, g.departure.map({ g.arrival + s < $0 }) ?? true {
            loop.schedule(.workloadStep(group: Int32(gi), step: 1), at: g.arrival + s, priority: Self.pStep)
        }
    }

    /// Places an arriving VM with its first CPU demand (MIPS) by the arm's placement policy:
    /// reserves it on the host and adds its demand. Nil (counted in `vmsUnplaced`) if it fits
    /// nowhere on premises (a counted VM may then have gone to the cloud, `burstToCloud`). The
    /// caller then powers the host up (`powerUp`).
    /// - Parameter counted: whether the VM counts in `vms` and `vmsUnplaced` (a service's
    ///   replicas do not: their starts are in `services.csv`, and a refused one is retried at
    ///   the next step and shows in its service's `replicasShortMax`).
    mutating func placeVM(_ vm: Int, cpuDemand d: Double, counted: Bool = true) -> Int? {
        if counted { vmsArrived += 1 }
        let r = vmRequest[vm]
        guard let h = arm.placement.selectHost(for: r, in: placement) else {
            // a counted VM (of a group) bursts to the cloud, if the arm has one, and runs there
            if counted && burstToCloud(vm) == nil { vmsUnplaced += 1 }
            return nil
        }
        occupy(h, by: vm, cpuDemand: d)
        return h
    }

    /// Reserves `vm` on host h (it must fit) and adds its CPU demand (MIPS): a placement or a restart.
    mutating func occupy(_ h: Int, by vm: Int, cpuDemand d: Double) {
        touch(h)
        placement.allocate(vmRequest[vm], on: h)
        vmHost[vm] = Int32(h)
        if placement.vmCount[h] == 1 { hostGainedVMs(h) }
        vmStarted()
        vmDemand[vm] = d
        hDemand[h] += d * overheadFactor
    }

    /// A VM started (placed on premises or in the cloud): counts it live, with the peak.
    @inline(__always) mutating func vmStarted() {
        vmsLive += 1
        if vmsLive > vmsLiveMax { vmsLiveMax = vmsLive }
    }

    /// Counts host h as holding VMs (its first VM was placed or reserved on it), with the peaks.
    @inline(__always) mutating func hostGainedVMs(_ h: Int) {
        hostsWithVMs += 1
        if hostsWithVMs > hostsUsedMax { hostsUsedMax = hostsWithVMs }
        let t = Int(hType[h])
        typeWithVMs[t] += 1
        if typeWithVMs[t] > typeWithVMsMax[t] { typeWithVMsMax[t] = typeWithVMs[t] }
    }

    /// Host h holds no VM any more (its last reservation was released).
    @inline(__always) mutating func hostLostVMs(_ h: Int) {
        hostsWithVMs -= 1
        typeWithVMs[Int(hType[h])] -= 1
    }

    /// After a VM was placed on h: counts it as running on an on host, or switches an off
    /// host on — at once in the initial estate (or with no boot time), else it boots.
    mutating func powerUp(_ h: Int, forArrivalAt initial: Bool) {
        switch hState[h] {
        case Self.on:
            vmsRunning += 1
        case Self.off:
            if initial { setState(h, Self.on) } else { bootHost(h) }
        default: break
        }
        markDirty(h)
    }

    /// Orders VMs as a decreasing placement policy places them: largest CPU reservation first,
    /// then largest RAM, then lowest id.
    func sortDecreasing(_ vms: inout [Int]) {
        let req = vmRequest
        vms.sort { a, b in
            let ra = req[a], rb = req[b]
            if ra.cpu != rb.cpu { return ra.cpu > rb.cpu }
            if ra.ramMiB != rb.ramMiB { return ra.ramMiB > rb.ramMiB }
            return a < b
        }
    }

    /// Boots an off host (its type's boot time at boot power; at once with no boot time).
    mutating func bootHost(_ h: Int) {
        let bootUs = Int64((arm.hostTypes[Int(hType[h])].bootTimeS * 1_000_000).rounded())
        if bootUs == 0 {
            setState(h, Self.on)
        } else {
            setState(h, Self.booting)
            hBoots[h] += 1
            hBootEndUs[h] = loop.now.microseconds + bootUs
            hBootEvent[h] = loop.schedule(.hostBooted(Int32(h)), at: loop.now + SimDuration(microseconds: bootUs), priority: Self.pBooted)
        }
    }

    mutating func step(group gi: Int, step k: Int) {
        let g = groups[gi]
        let first = groupFirstVM[gi]
        let vmCap = g.type.cpuCapacityMips
        let src = g.workload
        for m in 0..<g.count {
            let vm = first + m
            let h32 = vmHost[vm]
            if h32 < 0 { continue }
            let h = Int(h32)
            let dm = src.demand(member: m, step: k)
            let d = dm.cpu * vmCap
            if trackMem {
                stepDPM(vm: vm, host: h, group: gi, cpu: d, memoryFraction: dm.memory)
                continue
            }
            setCPUDemand(vm, on: h, d)
        }
        refreshDirtyPower()
        if let s = g.workload.step {
            let next = g.arrival + s * Int64(k + 1)
            if next <= end && (g.departure.map { next < $0 } ?? true) {
                loop.schedule(.workloadStep(group: Int32(gi), step: Int32(k + 1)), at: next, priority: Self.pStep)
            }
        }
    }

    /// Sets the CPU demand (MIPS) of `vm` on its host h; the caller refreshes power
    /// (`refreshDirtyPower`) once its batch of changes is done.
    @inline(__always) mutating func setCPUDemand(_ vm: Int, on h: Int, _ d: Double) {
        let delta = d - vmDemand[vm]
        guard delta != 0 else { return }
        touch(h)
        vmDemand[vm] = d
        hDemand[h] += delta * overheadFactor
        markDirty(h)
    }

    mutating func depart(group gi: Int) {
        let g = groups[gi]
        let first = groupFirstVM[gi]
        for vm in first..<(first + g.count) {
            let h32 = vmHost[vm]
            if h32 < 0 {
                if cloud != nil { leaveCloud(vm) }
                if failure != nil { departWhileDown(vm) }
                continue
            }
            let h = Int(h32)
            if trackMem { departDPM(vm: vm) }
            if memOn { memRemove(vm: vm, host: h) }
            releaseVM(vm, from: h)
        }
        if failure != nil { retryRestarts() }
        refreshDirtyPower()
    }

    /// A VM leaves host h: its reservation and demand go; an emptied host is switched off
    /// with `powerOffIdleHosts` (a boot under way is cancelled) — unless `keepOn`, where the
    /// caller switches it off later if it is still empty (`powerOffIfIdle`).
    mutating func releaseVM(_ vm: Int, from h: Int, keepOn: Bool = false) {
        touch(h)
        placement.release(vmRequest[vm], on: h)
        vmHost[vm] = -1
        hDemand[h] -= vmDemand[vm] * overheadFactor
        vmDemand[vm] = 0
        vmsLive -= 1
        if hState[h] == Self.on { vmsRunning -= 1 }
        if placement.vmCount[h] == 0 {
            hostLostVMs(h)
            hDemand[h] = 0  // no drift from repeated additions
            if trackMem { migState.hMem[h] = 0 }
            if !keepOn { powerOffIfIdle(h) }
        }
        markDirty(h)
    }

    /// Switches host h off (cancelling a boot under way) if it holds no VM, is not off and
    /// the arm powers idle hosts off.
    mutating func powerOffIfIdle(_ h: Int) {
        guard arm.powerOffIdleHosts && placement.vmCount[h] == 0 && hState[h] != Self.off else { return }
        if let ev = hBootEvent[h] { loop.cancel(ev); hBootEvent[h] = nil }
        setState(h, Self.off)
        markDirty(h)
    }

    mutating func booted(host h: Int) {
        hBootEvent[h] = nil
        setState(h, Self.on)
        // moves to this host waited for its boot (consolidation wakes targets)
        if trackMem && !migState.waitingList.isEmpty {
            retryWaiting()
            refreshDirtyPower()
        }
    }

    // MARK: sampling

    mutating func scheduleNextSample(after t: SimTime) {
        guard t < end else { return }
        var next = t + settings.samplingInterval
        if next > end { next = end }
        loop.schedule(.sample, at: next, priority: Self.pSample)
    }

    mutating func sample() {
        var energy = 0.0, onS = 0.0, utilS = 0.0
        hostCPUUtil.appendInterval()
        for h in 0..<hState.count {
            touch(h)
            energy += hEnergyJ[h]; onS += hOnS[h]; utilS += hUtilS[h]
            let hostOnS = hOnS[h] - hSampleOnS[h]
            if hostOnS > 0 { hostCPUUtil.set(host: h, fraction: (hUtilS[h] - hSampleUtilS[h]) / hostOnS) }
            hSampleOnS[h] = hOnS[h]; hSampleUtilS[h] = hUtilS[h]
        }
        let now = loop.now
        let span = (now - lastSampleTime).seconds
        let dOn = onS - lastSampleOnS
        timeseries.append(
            TimeseriesRow(
                timeS: now.seconds,
                hostsOn: hostsPowered,
                vmsRunning: vmsRunning,
                itPowerW: span > 0 ? (energy - lastSampleEnergyJ) / span : 0,
                cpuUtilMeanPct: dOn > 0 ? 100 * (utilS - lastSampleUtilS) / dOn : 0))
        lastSampleTime = now; lastSampleEnergyJ = energy; lastSampleOnS = onS; lastSampleUtilS = utilS
        if !services.isEmpty { sampleServices() }
        settings.progress?(now.seconds, end.seconds)
        scheduleNextSample(after: now)
    }

    // MARK: results

    func result() -> ArmResult {
        let seconds = settings.duration.seconds
        let energyJ = hEnergyJ.reduce(0, +)
        let onS = hOnS.reduce(0, +)
        let utilS = hUtilS.reduce(0, +)
        let demandS = hDemandS.reduce(0, +)
        let unmetS = hUnmetS.reduce(0, +)
        let overS = hOverS.reduce(0, +)
        var rows: [HostRow] = []
        rows.reserveCapacity(hState.count)
        for h in 0..<hState.count {
            let slot = arm.hosts[h]
            rows.append(
                HostRow(
                    hostId: h, cluster: arm.clusterNames[slot.cluster], rack: arm.rackNames[slot.rack],
                    hostType: arm.hostTypes[slot.typeIndex].name,
                    energyKWh: hEnergyJ[h] / 3_600_000,
                    cpuUtilMeanPct: hOnS[h] > 0 ? 100 * hUtilS[h] / hOnS[h] : 0,
                    hoursOn: hOnS[h] / 3600, boots: Int(hBoots[h]),
                    memReservedMaxPct: 100 * Double(placement.ramTotal[h] - placement.ramFreeMin[h])
                        / Double(arm.hostTypes[slot.typeIndex].ramMiB)))
        }
        var r = ArmResult(
            arm: arm.name, isBaseline: arm.isBaseline, hostsTotal: hState.count, hostsUsedMax: hostsUsedMax,
            vms: vmsArrived, vmsUnplaced: vmsUnplaced, simHours: seconds / 3600,
            itEnergyKWh: energyJ / 3_600_000, itPowerMeanW: seconds > 0 ? energyJ / seconds : 0,
            cpuUtilMeanPct: onS > 0 ? 100 * utilS / onS : 0,
            hostsOnMean: poweredLevel.mean(upTo: end),
            migrations: migrations, hostBoots: Int(hBoots.reduce(0, +)),
            cpuDemandUnmetPct: demandS > 0 ? 100 * unmetS / demandS : 0,
            events: loop.eventsHandled, timeseries: timeseries, hosts: rows)
        r.slatahPct = onS > 0 ? 100 * overS / onS : 0
        r.pdmPct = demandS > 0 ? 100 * migState.migrationLossMIPSS / demandS : 0
        r.migrationEnergyKWh = migState.migrationEnergyJ / 3_600_000
        r.migrationTrafficGB = migState.migrationBytes / 1e9
        r.migrationDowntimeS = migState.migrationDowntimeS
        r.overallSlaViolationPct = r.cpuDemandUnmetPct
        r.hostShutdowns = shutdowns
        r.memory = memoryFigures(onS: onS, demandS: demandS)
        r.cpuFreqMeanPct = dvfsFreqMeanPct(onS: onS)
        (r.services, r.servicesAll) = serviceFigures()
        r.cloud = cloudFigures()
        r.serviceSamples = serviceSamples
        r.hostsUsedMaxByType = typeWithVMsMax
        r.vmsConcurrentMax = vmsLiveMax
        r.hostCPUUtil = hostCPUUtil
        r.failures = failureFigures()
        r.fillHostFigures(types: arm.hostTypes, typeOfHost: arm.hosts.map(\.typeIndex))
        return r
    }
}

/// Runs one arm (convenience).
public func simulateArm(_ arm: ArmConfig, groups: [VMGroup], settings: RunSettings, services: [ServiceSpec] = [], seed: UInt64 = 0) -> ArmResult {
    var sim = ArmSimulation(arm: arm, groups: groups, settings: settings, services: services, seed: seed)
    return sim.run()
}
