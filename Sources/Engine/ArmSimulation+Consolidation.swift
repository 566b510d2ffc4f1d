import SimKernel
import DatacenterModel
import Policies
import Stochastic

/// Per-arm state of dynamic consolidation (`arm.consolidation`): the VMs' utilization
/// histories and the scratch of one round. Nil on `ArmSimulation` unless the arm consolidates.
struct ConsolidationState {
    /// History length per VM, values (CloudSim's `PowerVm.HISTORY_LENGTH`).
    static let historyLength = 30
    let settings: ConsolidationSettings
    /// Rounds recorded so far; the newest history value of a VM is at slot (rounds − 1) mod L.
    var rounds = 0
    /// Per VM, a ring of `historyLength` utilizations (demand / the VM's capacity, uncapped).
    var vmHist: [Double]
    var vmHistCount: [Int32]
    /// Per VM: its capacity (vCPUs × MIPS per vCPU) and configured RAM, MiB.
    let vmCapMips: [Double]
    let vmRamMiB: [Int]
    /// The selection policy's uniform numbers (RS), seeded by the scenario seed.
    let stream: RandomStream

    // One round's scratch (sized once).
    /// Host utilization histories, newest first, as fractions of the host's capacity.
    var hostHist: [Double]
    /// Projected CPU demand per host (hypervisor overhead included), MIPS.
    var proj: [Double]
    /// Largest configured RAM among each host's VMs, MiB.
    var maxRamMiB: [Int]
    /// Settled VMs per host in id order (CSR: `listStart[h]..<listStart[h + 1]` in `list`).
    var listStart: [Int32]
    var list: [Int32]
    var selected: [Bool]
    var overloaded: [Bool]
    /// Hosts that received VMs this round or were emptied by the underload step.
    var touched: [Bool]
    var index: PowerAwareTargetIndex
    var histScratch: [Double]
    /// The index classes (cluster × host type) of each cluster: a VM moves within its cluster.
    let clusterClasses: [[Int]]
    var candidateScratch: [Int] = []
    var endsScratch: [Double] = []
    /// The least reservation among the VMs of the current phase (CPU milli-MIPS, RAM MiB).
    var minCpu: Int64 = 0
    var minRamMiB: Int64 = 0
    /// The detector's linear form (LR), which refuses targets cheaply where it is certain.
    var linearForm: LinearOverloadForm? = nil
    /// Per host, the form's sums of its own history (valid while `formValid`; `addHistory`
    /// and each round's rebuild invalidate them).
    var formSums: [LinearOverloadForm.Sums] = []
    var formValid: [Bool] = []
    /// Per host, the search (`findTarget` call) that last tested it and whether it passed.
    var testedIn: [UInt32] = []
    var passed: [Bool] = []
    var search: UInt32 = 0
}

/// Dynamic consolidation in `ArmSimulation` (`arm.consolidation`): the research policies of
/// Beloglazov & Buyya (CCPE 24(13), 2012) on the event-driven engine, with the arm's own
/// hypervisor overhead, reservations, memory reclamation, DVFS, boot delays, power-off and
/// live-migration model.
///
/// Every `interval` from t = interval, after the instant's departures, arrivals and workload
/// steps:
/// 1. **History.** Each placed VM records its utilization, demand / (vCPUs × MIPS per vCPU),
///    uncapped, in a ring of the 30 newest values. A host's history is the sum over the VMs it
///    carries (a VM in flight on both hosts) of the VM's values × its capacity × (1 + the
///    hypervisor's CPU overhead) / the host's capacity, aligned at the newest value.
/// 2. **Overload.** On every host that is on, holds settled VMs and sends and receives no
///    move, the detector reads that history, the host's CPU demand (overhead included; a VM in
///    flight counts on both hosts) against its capacity (the capacity placement reserves
///    against: nominal, or with DVFS the governor's highest P-state), and the longest
///    migration time of its VMs, configured RAM / the host's NIC rate (RAM over bandwidth,
///    the estimate LR and LRR add to their horizon).
/// 3. **Selection.** On each overloaded host, in id order, the policy picks among its settled
///    VMs (in id order) until the detector, re-run without the picked VMs, says not overloaded.
/// 4. **Placement.** The picked VMs, by decreasing demand (ties by id), go to the host of their
///    own cluster (vMotion's domain; CloudSim's datacenter is one cluster) whose
///    power rises least with the VM's demand (`PowerAwareTargetIndex`: the power curve
///    placement sees; a powered-off host counts from its off power and is booted, and the move
///    waits for its boot), among hosts that are not overloaded this round, whose reservation
///    (CPU × overcommit, RAM + overhead) fits the VM, whose projected demand stays within
///    capacity, and for which the detector, run with the VM added, says not overloaded. A VM
///    that fits nowhere stays.
/// 5. **Underload** (unless `underload: false`). Hosts that are on, quiet, hold settled VMs, are
///    below 100% and were neither overloaded nor a target this round, from the least loaded
///    (projected demand / capacity, then id): all their VMs are placed as in 4, but only on
///    other powered hosts that hold VMs and were not emptied this round; if every VM finds a
///    host the moves are kept (their targets are no longer emptied), else none is.
/// 6. **Moves** are live migrations as `arm.migration` says (`ArmSimulation+Migration.swift`),
///    reserved on their targets at once. A host whose last VM has left is switched off when
///    `power_off_idle_hosts` is true.
///
/// Consolidation is not combined with DPM or DRS (both move VMs by rules of their own), with
/// services or with cloud bursting; decoding refuses those arms.
extension ArmSimulation {
    /// Rounds run after the instant's workload steps and service steps.
    static let pConsolidate: Int16 = 7

    /// Sets up the per-VM arrays (called from `init` when the arm consolidates).
    mutating func setUpConsolidation(_ c: ConsolidationSettings, seed: UInt64) {
        let nVM = vmHost.count, n = hState.count, L = ConsolidationState.historyLength
        var cap: [Double] = [], ram: [Int] = []
        cap.reserveCapacity(nVM); ram.reserveCapacity(nVM)
        for g in groups {
            for _ in 0..<g.count { cap.append(g.type.cpuCapacityMips); ram.append(Int(g.type.ramMiB)) }
        }
        // one index class per (cluster, host type): VMs move within their cluster
        let types = arm.hostTypes
        var classOf: [Int32] = [], classKeys: [Int: Int] = [:], classType: [Int] = []
        var clusterClasses = Array(repeating: [Int](), count: max(1, arm.clusterNames.count))
        for h in 0..<n {
            let key = arm.hosts[h].cluster * types.count + Int(hType[h])
            if classKeys[key] == nil {
                classKeys[key] = classType.count
                clusterClasses[arm.hosts[h].cluster].append(classType.count)
                classType.append(Int(hType[h]))
            }
            classOf.append(Int32(classKeys[key]!))
        }
        consolidation = ConsolidationState(
            settings: c, vmHist: Array(repeating: 0, count: nVM * L), vmHistCount: Array(repeating: 0, count: nVM),
            vmCapMips: cap, vmRamMiB: ram,
            stream: RandomStream(seed: seed, purpose: StreamPurpose.selection, entity: 1),
            hostHist: Array(repeating: 0, count: n * L), proj: Array(repeating: 0, count: n),
            maxRamMiB: Array(repeating: 0, count: n), listStart: Array(repeating: 0, count: n + 1), list: [],
            selected: Array(repeating: false, count: nVM), overloaded: Array(repeating: false, count: n),
            touched: Array(repeating: false, count: n),
            index: PowerAwareTargetIndex(
                typeOfHost: classOf,
                capacityMips: classType.map { Self.placementCapacityMips(types[$0], arm.dvfs) },
                power: classType.map { Self.placementPowerModel(types[$0], arm.dvfs) },
                offW: classType.map { types[$0].offW }),
            histScratch: Array(repeating: 0, count: L), clusterClasses: clusterClasses,
            linearForm: c.detector.linearForm, formSums: Array(repeating: .init(), count: n),
            formValid: Array(repeating: false, count: n), testedIn: Array(repeating: 0, count: n),
            passed: Array(repeating: false, count: n))
    }

    /// One consolidation round (steps 1–6 of the extension's doc), then the next is scheduled.
    mutating func consolidate() {
        guard var c = consolidation else { return }
        consolidation = nil  // worked on as a local value: no copy of its arrays
        defer {
            consolidation = c
            let next = loop.now + c.settings.interval
            if next < end { loop.schedule(.consolidate, at: next, priority: Self.pConsolidate) }
        }
        let n = hState.count, nVM = vmHost.count, L = ConsolidationState.historyLength
        let detector = c.settings.detector
        let readsHistory = detector.readsHistory

        // 1. histories
        let slot = c.rounds % L
        c.rounds += 1
        for vm in 0..<nVM where vmHost[vm] >= 0 {
            c.vmHist[vm * L + slot] = vmDemand[vm] / c.vmCapMips[vm]
            if c.vmHistCount[vm] < L { c.vmHistCount[vm] += 1 }
        }
        // settled VMs per host (CSR, id order), projected demand, longest RAM, host histories
        for h in 0...n { c.listStart[h] = 0 }
        for vm in 0..<nVM where vmHost[vm] >= 0 && migState.vmPlannedTarget[vm] < 0 && migState.vmMigratingFrom[vm] < 0 {
            c.listStart[Int(vmHost[vm]) + 1] += 1
        }
        for h in 0..<n { c.listStart[h + 1] += c.listStart[h] }
        c.list = Array(repeating: 0, count: Int(c.listStart[n]))
        var fill = Array(c.listStart[0..<n])
        for h in 0..<n { c.proj[h] = max(0, hDemand[h]); c.maxRamMiB[h] = 0; c.overloaded[h] = false; c.touched[h] = false }
        if readsHistory { for i in 0..<(n * L) { c.hostHist[i] = 0 } }
        for h in 0..<n { c.formValid[h] = false }
        for vm in 0..<nVM where vmHost[vm] >= 0 {
            let h = Int(vmHost[vm]), src = Int(migState.vmMigratingFrom[vm])
            if migState.vmPlannedTarget[vm] < 0 && src < 0 {
                c.list[Int(fill[h])] = Int32(vm)
                fill[h] += 1
            }
            if c.vmRamMiB[vm] > c.maxRamMiB[h] { c.maxRamMiB[h] = c.vmRamMiB[vm] }
            if readsHistory { addHistory(&c, vm: vm, host: h, sign: 1) }
            if src >= 0 {
                if c.vmRamMiB[vm] > c.maxRamMiB[src] { c.maxRamMiB[src] = c.vmRamMiB[vm] }
                if readsHistory { addHistory(&c, vm: vm, host: src, sign: 1) }
            }
        }

        // 2. overload detection, 3. selection
        var picked: [Int] = []
        for h in 0..<n where hState[h] == Self.on && quiet(h) && c.listStart[h + 1] > c.listStart[h] {
            guard overloadedNow(&c, h, extra: nil) else { continue }
            c.overloaded[h] = true
            while true {
                var ids: [Int32] = []
                for i in Int(c.listStart[h])..<Int(c.listStart[h + 1]) where !c.selected[Int(c.list[i])] { ids.append(c.list[i]) }
                if ids.isEmpty { break }
                let view = ConsolidationCandidates(
                    ids: ids, ramMiB: c.vmRamMiB, demand: vmDemand, capMips: c.vmCapMips,
                    hist: c.vmHist, histCount: c.vmHistCount, newestSlot: slot)
                let stream = c.stream
                guard let i = c.settings.selection.selectVM(from: view, uniform: { stream.uniform() }) else { break }
                let vm = Int(ids[i])
                c.selected[vm] = true
                picked.append(vm)
                takeOff(&c, vm: vm, host: h)
                if !overloadedNow(&c, h, extra: nil) { break }
            }
        }

        // 4. placement of the picked VMs: every powered host not overloaded, and off hosts
        var moves: [PlannedMove] = []
        var sourceOf: [Int: Int] = [:]
        if !picked.isEmpty {
            c.index.removeAll()
            setMinimumRequest(&c, picked)
            for h in 0..<n where !c.overloaded[h] && roomForSome(c, h) {
                if hState[h] == Self.off { c.index.insertOff(h) } else { c.index.insertPowered(h, demandMips: c.proj[h]) }
            }
            let dem = vmDemand
            picked.sort { dem[$0] != dem[$1] ? dem[$0] > dem[$1] : $0 < $1 }
            for vm in picked {
                let src = Int(vmHost[vm])
                c.selected[vm] = false
                if let t = findTarget(&c, vm: vm, includeOff: true) {
                    if hState[t] == Self.off {
                        // woken now; the move waits for the boot (`startNextMove`)
                        bootHost(t)
                        c.index.remove(t)
                        c.index.insertPowered(t, demandMips: c.proj[t])
                    }
                    putOn(&c, vm: vm, host: t)
                    c.touched[t] = true
                    moves.append(PlannedMove(vm: Int32(vm), target: Int32(t)))
                    sourceOf[vm] = src
                } else {
                    putBack(&c, vm: vm, host: src)
                }
            }
        }

        // 5. underload
        if c.settings.underload {
            var order: [Int] = []
            for h in 0..<n
            where hState[h] == Self.on && quiet(h) && !c.overloaded[h] && !c.touched[h]
                && c.listStart[h + 1] > c.listStart[h] && c.proj[h] < hCapacity[h]
            {
                order.append(h)
            }
            if !order.isEmpty {
                let cap = hCapacity, proj = c.proj
                order.sort { a, b in
                    let ua = proj[a] / cap[a], ub = proj[b] / cap[b]
                    return ua != ub ? ua < ub : a < b
                }
                c.index.removeAll()
                var all: [Int] = []
                for h in order { for i in Int(c.listStart[h])..<Int(c.listStart[h + 1]) { all.append(Int(c.list[i])) } }
                setMinimumRequest(&c, all)
                for h in 0..<n where hState[h] != Self.off && !c.overloaded[h] && placement.vmCount[h] > 0 && roomForSome(c, h) {
                    c.index.insertPowered(h, demandMips: c.proj[h])
                }
                var emptied = Array(repeating: false, count: n)
                for h in order where !c.touched[h] && !emptied[h] {
                    c.index.remove(h)
                    emptied[h] = true
                    let dem = vmDemand
                    var vms: [Int] = []
                    for i in Int(c.listStart[h])..<Int(c.listStart[h + 1]) { vms.append(Int(c.list[i])) }
                    vms.sort { dem[$0] != dem[$1] ? dem[$0] > dem[$1] : $0 < $1 }
                    var placed: [(vm: Int, target: Int)] = []
                    for vm in vms {
                        guard let t = findTarget(&c, vm: vm, includeOff: false) else { break }
                        putOn(&c, vm: vm, host: t)
                        placed.append((vm, t))
                    }
                    if placed.count < vms.count {
                        for p in placed.reversed() { takeOff(&c, vm: p.vm, host: p.target); unreserve(vm: p.vm, on: p.target) }
                        for p in placed {
                            let t = p.target
                            if c.index.contains(t) {
                                c.index.update(t, demandMips: c.proj[t])
                            } else if roomForSome(c, t) {
                                c.index.insertPowered(t, demandMips: c.proj[t])
                            }
                        }
                        continue
                    }
                    for p in placed {
                        c.touched[p.target] = true
                        moves.append(PlannedMove(vm: Int32(p.vm), target: Int32(p.target)))
                        sourceOf[p.vm] = h
                        c.proj[h] -= vmDemand[p.vm] * overheadFactor
                    }
                }
            }
        }

        // 6. moves: queue each source's moves and start them
        guard !moves.isEmpty else { return }
        var bySource: [Int: [PlannedMove]] = [:]
        for m in moves { bySource[sourceOf[Int(m.vm)]!, default: []].append(m) }
        for s in bySource.keys.sorted() {
            commit(bySource[s]!, from: s)
            startNextMove(from: s)
        }
        refreshDirtyPower()
    }

    // MARK: tentative changes within a round

    /// Adds (sign 1) or removes (−1) a VM's history on a host's history.
    func addHistory(_ c: inout ConsolidationState, vm: Int, host h: Int, sign: Double) {
        let L = ConsolidationState.historyLength
        let k = Int(c.vmHistCount[vm])
        guard k > 0 else { return }
        let f = sign * c.vmCapMips[vm] * overheadFactor / hCapacity[h]
        let newest = (c.rounds - 1) % L
        c.formValid[h] = false
        for age in 0..<k {
            var s = newest - age
            if s < 0 { s += L }
            c.hostHist[h * L + age] += c.vmHist[vm * L + s] * f
        }
    }

    /// `vm` leaves host h's projection (selected or rolled back).
    func takeOff(_ c: inout ConsolidationState, vm: Int, host h: Int) {
        c.proj[h] -= vmDemand[vm] * overheadFactor
        if c.settings.detector.readsHistory { addHistory(&c, vm: vm, host: h, sign: -1) }
        if c.vmRamMiB[vm] == c.maxRamMiB[h] {
            var m = 0
            for i in Int(c.listStart[h])..<Int(c.listStart[h + 1]) {
                let v = Int(c.list[i])
                if v != vm && !c.selected[v] && c.vmRamMiB[v] > m { m = c.vmRamMiB[v] }
            }
            c.maxRamMiB[h] = m
        }
        c.index.update(h, demandMips: c.proj[h])
    }

    /// A picked VM that found no target goes back into its host's projection.
    func putBack(_ c: inout ConsolidationState, vm: Int, host h: Int) {
        c.proj[h] += vmDemand[vm] * overheadFactor
        if c.settings.detector.readsHistory { addHistory(&c, vm: vm, host: h, sign: 1) }
        if c.vmRamMiB[vm] > c.maxRamMiB[h] { c.maxRamMiB[h] = c.vmRamMiB[vm] }
    }

    /// `vm` goes to target t: reserved at once, projected there; t leaves the index when no VM
    /// of the phase can fit any more.
    mutating func putOn(_ c: inout ConsolidationState, vm: Int, host t: Int) {
        reserve(vm: vm, on: t)
        c.proj[t] += vmDemand[vm] * overheadFactor
        if c.settings.detector.readsHistory { addHistory(&c, vm: vm, host: t, sign: 1) }
        if c.vmRamMiB[vm] > c.maxRamMiB[t] { c.maxRamMiB[t] = c.vmRamMiB[vm] }
        if roomForSome(c, t) { c.index.update(t, demandMips: c.proj[t]) } else { c.index.remove(t) }
    }

    /// The least CPU and RAM reservation among `vms`, for `roomForSome`.
    func setMinimumRequest(_ c: inout ConsolidationState, _ vms: [Int]) {
        var cpu = Int64.max, ram = Int64.max
        for vm in vms { cpu = min(cpu, vmRequest[vm].cpu); ram = min(ram, vmRequest[vm].ramMiB) }
        c.minCpu = cpu; c.minRamMiB = ram
    }

    /// Whether host h's free reservation could take the smallest VM of the phase: hosts that
    /// cannot are left out of the index (free room only shrinks within a phase), so a full
    /// estate is not searched VM after VM.
    func roomForSome(_ c: ConsolidationState, _ h: Int) -> Bool {
        placement.cpuFree[h] >= c.minCpu && placement.ramFree[h] >= c.minRamMiB
    }

    /// The detector's verdict on host h as projected, with `extra` added when given.
    func overloadedNow(_ c: inout ConsolidationState, _ h: Int, extra: Int?) -> Bool {
        Self.overloaded(
            &c, h, extra: extra, demand: vmDemand, overhead: overheadFactor, capacityMips: hCapacity[h],
            nicBytesPerS: nicBytesPerS(h))
    }

    /// `overloadedNow` from explicit inputs (no access to the simulation, so the target
    /// search's per-host test does not copy it): host h's capacity, MIPS, and NIC rate, bytes/s.
    static func overloaded(
        _ c: inout ConsolidationState, _ h: Int, extra: Int?, demand: [Double], overhead: Double, capacityMips cap: Double,
        nicBytesPerS rate: Double
    ) -> Bool {
        let L = ConsolidationState.historyLength
        let detector = c.settings.detector
        var requested = c.proj[h]
        var ram = c.maxRamMiB[h]
        if let e = extra {
            requested += demand[e] * overhead
            ram = max(ram, c.vmRamMiB[e])
        }
        let tm = rate.isInfinite ? 0 : Double(ram) * 1_048_576 / rate
        var count = 0
        if detector.readsHistory {
            let f = extra.map { c.vmCapMips[$0] * overhead / cap } ?? 0
            // oldest first: scratch[L − 1 − age]
            let newest = (c.rounds - 1) % L
            for age in 0..<L { c.histScratch[L - 1 - age] = summedHistory(c, h, age: age, vm: extra, scale: f, newest: newest) }
            count = L
        }
        return c.histScratch.withUnsafeBufferPointer { buf in
            detector.isOverloaded(
                HostHistoryView(
                    history: UnsafeBufferPointer(rebasing: buf[0..<count]), requestedMips: requested,
                    capacityMips: cap, maxMigrationTimeS: tm))
        }
    }

    /// The power-aware target for `vm` (step 4 of the doc), or nil: the least rise, rounded to
    /// the nanowatt (then the lowest id), among the hosts the index offers — per type and
    /// piece of the power curve, the least and the most loaded host that passes every test:
    /// free reservation, not the VM's own host, projected demand within capacity, and the
    /// detector with the VM added (`refuses`).
    ///
    /// Before issue 17 the index offered the extremes among hosts whose reservation fitted, and
    /// a host failing a later test was set aside and the search redone, one refusal at a time:
    /// on a 30,000-host day 11 refusals per search (3.1 at 10,000), the part of the work that
    /// grew with the estate. Testing in the index's walk gives each piece its extremes among
    /// the hosts that pass at once (so a refused extreme no longer hides the next one).
    mutating func findTarget(_ c: inout ConsolidationState, vm: Int, includeOff: Bool) -> Int? {
        let delta = vmDemand[vm] * overheadFactor
        let r = vmRequest[vm]
        let home = Int(vmHost[vm])
        var cands = c.candidateScratch
        var ends = c.endsScratch
        let pl = placement
        let cap = hCapacity, types = arm.hostTypes, typeOf = hType, demand = vmDemand, overhead = overheadFactor
        c.search &+= 1
        if c.search == 0 {
            // the stamps wrapped: forget them all
            for h in c.testedIn.indices { c.testedIn[h] = 0 }
            c.search = 1
        }
        let search = c.search
        let vmSums = c.linearForm.map { Self.vmFormSums(&c, $0, vm: vm) }
        // the index as a value: the tests below write c's scratch, not the index
        let index = c.index
        cands.removeAll(keepingCapacity: true)
        index.candidates(
            deltaMips: delta, includeOff: includeOff, classes: c.clusterClasses[arm.hosts[home].cluster],
            ends: &ends, into: &cands
        ) { h in
            guard pl.fits(r, on: h), h != home, c.proj[h] + delta <= cap[h] else { return false }
            if c.testedIn[h] != search {
                c.testedIn[h] = search
                c.passed[h] = !Self.refuses(
                    &c, h, vm: vm, vmSums: vmSums, demand: demand, overhead: overhead, capacityMips: cap[h],
                    nicBytesPerS: Self.nicBytesPerS(gbps: types[Int(typeOf[h])].nicGbps))
            }
            return c.passed[h]
        }
        var best = -1
        var bestRise = Double.infinity
        for h in cands {
            // rises equal to the nanowatt are ties (a linear curve's equal rises differ by rounding)
            let rise = (index.riseW(h, deltaMips: delta) * 1e9).rounded()
            if rise < bestRise || (rise == bestRise && h < best) { best = h; bestRise = rise }
        }
        c.candidateScratch = cands
        c.endsScratch = ends
        return best >= 0 ? best : nil
    }

    /// Whether the detector calls host h overloaded with `vm` added (`overloadedNow`). Where
    /// the detector has a linear form (LR) and the form is certain either way, the form
    /// decides from the host's and the VM's sums: the same verdict in O(1).
    /// Host h's history value `age` rounds back (0: the newest) with `vm`'s value times `f`
    /// added (none if nil), as the detector is given it; `newest` is the ring slot of the
    /// newest value, `(rounds − 1) mod L`.
    @inline(__always) static func summedHistory(
        _ c: borrowing ConsolidationState, _ h: Int, age: Int, vm: Int?, scale f: Double, newest: Int
    ) -> Double {
        let L = ConsolidationState.historyLength
        var x = c.hostHist[h * L + age]
        if let vm, age < Int(c.vmHistCount[vm]) {
            var s = newest - age
            if s < 0 { s += L }
            x += c.vmHist[vm * L + s] * f
        }
        return x
    }

    /// Inputs as `overloaded`'s (`nicBytesPerS` must be `nicBytesPerS(h)`).
    static func refuses(
        _ c: inout ConsolidationState, _ h: Int, vm: Int, vmSums: LinearOverloadForm.Sums?, demand: [Double], overhead: Double,
        capacityMips: Double, nicBytesPerS rate: Double
    ) -> Bool {
        if let form = c.linearForm, let vmSums,
            let verdict = certainVerdict(
                &c, form, h, vm: vm, vmSums: vmSums, overhead: overhead, capacityMips: capacityMips, nicBytesPerS: rate)
        {
            return verdict
        }
        return overloaded(&c, h, extra: vm, demand: demand, overhead: overhead, capacityMips: capacityMips, nicBytesPerS: rate)
    }

    /// The linear form's sums of `vm`'s own history (unscaled; `certainVerdict` scales
    /// them by VM MIPS / host MIPS as `overloaded` does each value).
    static func vmFormSums(_ c: inout ConsolidationState, _ form: LinearOverloadForm, vm: Int) -> LinearOverloadForm.Sums {
        let L = ConsolidationState.historyLength, w = min(form.window, L)
        let k = Int(c.vmHistCount[vm])
        let newest = (c.rounds - 1) % L
        for i in 0..<w {
            let age = w - 1 - i
            var s = newest - age
            if s < 0 { s += L }
            c.histScratch[i] = age < k ? c.vmHist[vm * L + s] : 0
        }
        return c.histScratch.withUnsafeBufferPointer { form.sums(newest: UnsafeBufferPointer(rebasing: $0[0..<w])) }
    }

    /// The linear form's verdict on host h with `vm` added where it is certain
    /// (`LinearOverloadForm.certainVerdict`) and the history is long enough for the form, not
    /// its fallback, to decide (checked on the history summed as `overloaded` sums it), else
    /// nil. The host's own sums are kept until its history changes.
    static func certainVerdict(
        _ c: inout ConsolidationState, _ form: LinearOverloadForm, _ h: Int, vm: Int, vmSums: LinearOverloadForm.Sums,
        overhead: Double, capacityMips: Double, nicBytesPerS rate: Double
    ) -> Bool? {
        let L = ConsolidationState.historyLength, w = form.window
        guard c.settings.detector.readsHistory, w >= 1, w <= L else { return nil }
        let f = c.vmCapMips[vm] * overhead / capacityMips
        // at least w values once the zeros at the oldest end are trimmed
        let newest = (c.rounds - 1) % L
        var age = L - 1
        while age >= w - 1 && summedHistory(c, h, age: age, vm: vm, scale: f, newest: newest) == 0 { age -= 1 }
        guard age >= w - 1 else { return nil }
        if !c.formValid[h] {
            for i in 0..<w { c.histScratch[i] = c.hostHist[h * L + w - 1 - i] }
            c.formSums[h] = c.histScratch.withUnsafeBufferPointer { form.sums(newest: UnsafeBufferPointer(rebasing: $0[0..<w])) }
            c.formValid[h] = true
        }
        let ram = max(c.maxRamMiB[h], c.vmRamMiB[vm])
        let tm = rate.isInfinite ? 0 : Double(ram) * 1_048_576 / rate
        return form.certainVerdict(host: c.formSums[h], vm: vmSums, scale: f, maxMigrationTimeS: tm)
    }
}

/// A host's candidate VMs for selection, over the round's arrays (`VMCandidateList`).
struct ConsolidationCandidates: VMCandidateList {
    let ids: [Int32]
    let ramMiB: [Int]
    let demand: [Double]
    let capMips: [Double]
    let hist: [Double]
    let histCount: [Int32]
    let newestSlot: Int
    var count: Int { ids.count }
    func ramMB(_ i: Int) -> Int { ramMiB[Int(ids[i])] }
    func requestedMips(_ i: Int) -> Double { demand[Int(ids[i])] }
    func mips(_ i: Int) -> Double { capMips[Int(ids[i])] }
    func historyCount(_ i: Int) -> Int { Int(histCount[Int(ids[i])]) }
    func history(_ i: Int, age: Int) -> Double {
        let L = ConsolidationState.historyLength
        var s = newestSlot - age
        if s < 0 { s += L }
        return hist[Int(ids[i]) * L + s]
    }
}
