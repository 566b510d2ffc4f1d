import SimKernel
import DatacenterModel
import Policies
import Workloads

/// Distributed Power Management in `ArmSimulation`: evaluation, evacuation by live migration,
/// standby and wake-up (semantics on `ArmSimulation`; decisions by `DPMPolicyModel`, after
/// Broadcom KB 310527 — `DomainModels.md` B5).
extension ArmSimulation {
    // MARK: demand bookkeeping

    /// Active memory of a VM, MiB: `fraction` × configured RAM + its hypervisor memory overhead.
    func activeMemoryMiB(vm: Int, group gi: Int, fraction: Double) -> Double {
        let ram = groups[gi].type.ramMiB
        return fraction * Double(ram) + Double(vmRequest[vm].ramMiB - ram)
    }

    /// A workload step of one VM under DPM: CPU and memory on its host, and on the source host
    /// too while the VM is in flight.
    mutating func stepDPM(vm: Int, host h: Int, group gi: Int, cpu d: Double, memoryFraction: Double) {
        let mem = activeMemoryMiB(vm: vm, group: gi, fraction: memoryFraction)
        let dMem = mem - migState.vmMem[vm]
        migState.vmMem[vm] = mem
        migState.hMem[h] += dMem
        let src = Int(migState.vmMigratingFrom[vm])
        if src >= 0 { migState.hMem[src] += dMem }
        if memOn {
            let active = memoryFraction * Double(groups[gi].type.ramMiB)
            if active != memState.vmActiveMiB[vm] {
                memState.vmActiveMiB[vm] = active
                markMemDirty(h)
                if src >= 0 { markMemDirty(src) }
            }
        }
        let delta = d - vmDemand[vm]
        if delta == 0 { return }
        touch(h)
        vmDemand[vm] = d
        hDemand[h] += delta * overheadFactor
        markDirty(h)
        if src >= 0 {
            touch(src)
            hDemand[src] += delta * overheadFactor
            markDirty(src)
        }
    }

    /// Before a VM departs: drops its planned move (and the reservation on the target) or ends
    /// its flight (releasing the source), and takes its memory off its host.
    mutating func departDPM(vm: Int) {
        let planned = Int(migState.vmPlannedTarget[vm])
        if planned >= 0 {
            migState.vmPlannedTarget[vm] = -1
            unreserve(vm: vm, on: planned)
        }
        let src = Int(migState.vmMigratingFrom[vm])
        if src >= 0 {
            advanceFlights(src)
            touch(src)
            removeFlight(vm: vm, source: src)
            migState.vmMigratingFrom[vm] = -1
            migState.hIncoming[Int(vmHost[vm])] -= 1
            leaveSource(vm: vm, source: src)
            // The freed slot is filled (and the evacuation finished) by a pass at this instant.
            kickFlights(src)
        }
        migState.hMem[Int(vmHost[vm])] -= migState.vmMem[vm]
        migState.vmMem[vm] = 0
    }

    /// Reserves a VM's CPU and RAM on a migration target.
    mutating func reserve(vm: Int, on h: Int) {
        placement.allocate(vmRequest[vm], on: h)
        migState.hIncoming[h] += 1
        if placement.vmCount[h] == 1 { hostGainedVMs(h) }
    }

    /// Undoes `reserve` for a move that will not happen.
    mutating func unreserve(vm: Int, on h: Int) {
        placement.release(vmRequest[vm], on: h)
        migState.hIncoming[h] -= 1
        if placement.vmCount[h] == 0 { hostLostVMs(h) }
    }

    /// A VM's reservation and demand leave its migration source (the copy is over).
    mutating func leaveSource(vm: Int, source s: Int) {
        placement.release(vmRequest[vm], on: s)
        if memOn { memRemove(vm: vm, host: s) }
        hDemand[s] -= vmDemand[vm] * overheadFactor
        migState.hMem[s] -= migState.vmMem[vm]
        if placement.vmCount[s] == 0 {
            hostLostVMs(s)
            hDemand[s] = 0; migState.hMem[s] = 0  // no drift from repeated additions
        }
        markDirty(s)
    }

    /// All moves leaving `s` are done: an evacuated host goes to standby if it is empty.
    mutating func finishOutgoing(_ s: Int) {
        let empty = placement.vmCount[s] == 0
        if migState.hEvacuating[s] {
            migState.hEvacuating[s] = false
            if empty {
                if hState[s] != Self.off {
                    setState(s, Self.off)
                    dpmLog.append(DPMLogEntry(timeS: loop.now.seconds, host: s, action: .powerOff))
                }
            } else {
                dpmLog.append(DPMLogEntry(timeS: loop.now.seconds, host: s, action: .stayedOn))
            }
        } else if empty && arm.powerOffIdleHosts && hState[s] == Self.on {
            setState(s, Self.off)
        }
    }

    // MARK: evaluation

    /// Whether `h` is idle on the migration side: nothing queued, in flight or incoming.
    func quiet(_ h: Int) -> Bool {
        migState.hFlights[h].isEmpty && migState.hMoveNext[h] >= migState.hMoves[h].count && migState.hIncoming[h] == 0
    }

    /// One DPM pass: observe, wake, evacuate, relieve; then schedules the next pass.
    mutating func evaluateDPM() {
        guard var model = dpmModel, let cfg = arm.dpm else { return }
        let n = hState.count
        let now = loop.now
        var samples: [DPMHostSample] = []
        samples.reserveCapacity(n)
        for h in 0..<n {
            let on = hState[h] != Self.off
            samples.append(
                DPMHostSample(
                    id: h, isOn: on, cpuDemand: on ? max(0, hDemand[h]) : 0, cpuCapacity: hCapacity[h],
                    memoryDemandMiB: on ? max(0, migState.hMem[h]) : 0, memoryCapacityMiB: migState.hMemCap[h]))
        }
        let decision = model.observe(now: now, hosts: samples)
        dpmModel = model
        let upper = model.upperEdge, target = model.target

        // Wake standby hosts.
        for h in decision.powerOn where hState[h] == Self.off {
            bootHost(h)
            dpmLog.append(DPMLogEntry(timeS: now.seconds, host: h, action: .powerOn))
        }

        var standby = Array(repeating: false, count: n)
        for h in decision.powerOff { standby[h] = true }
        var hot: [Int] = []
        for h in 0..<n
        where hState[h] == Self.on && !migState.hEvacuating[h] && !standby[h] && quiet(h)
            && (hDemand[h] > upper * hCapacity[h] || migState.hMem[h] > upper * migState.hMemCap[h])
        {
            hot.append(h)
        }
        if !decision.powerOff.isEmpty || !hot.isEmpty {
            planMoves(powerOff: decision.powerOff, standby: standby, hot: hot, upper: upper, target: target)
        }
        refreshDirtyPower()
        let next = now + cfg.interval
        if next < end { loop.schedule(.dpmEvaluate, at: next, priority: Self.pDPM) }
    }

    /// Plans evacuations of the hosts DPM chose for standby and relief of hot hosts, reserving
    /// every target in the placement index, then starts the first move of each source.
    mutating func planMoves(powerOff: [Int], standby chosen: [Bool], hot: [Int], upper: Double, target: Double) {
        var standby = chosen
        let n = hState.count
        // VMs settled on each host (not queued, not in flight), in id order.
        var vmsOn = Array(repeating: [Int](), count: n)
        for vm in 0..<vmHost.count where vmHost[vm] >= 0 && migState.vmPlannedTarget[vm] < 0 && migState.vmMigratingFrom[vm] < 0 {
            vmsOn[Int(vmHost[vm])].append(vm)
        }
        // Demand each host will carry once the planned moves have arrived.
        var projCPU = hDemand, projMem = migState.hMem
        // Hosts that cannot receive VMs in this pass are blocked in the placement index.
        var blocks: [(Int, PlacementRequest)] = []
        for h in 0..<n where !(hState[h] == Self.on && !migState.hEvacuating[h] && !standby[h]) {
            blocks.append(block(h))
        }
        var sources: [Int] = []

        for c in powerOff {
            guard hState[c] == Self.on, !migState.hEvacuating[c], quiet(c) else { continue }
            var vms = vmsOn[c]
            if arm.placement.placesDecreasing { sortDecreasing(&vms) }
            var planned: [PlannedMove] = []
            var ok = true
            for vm in vms {
                guard let t = chooseTarget(vm: vm, cap: upper, projCPU: projCPU, projMem: projMem) else { ok = false; break }
                reserve(vm: vm, on: t)
                projCPU[t] += vmDemand[vm] * overheadFactor
                projMem[t] += migState.vmMem[vm]
                planned.append(PlannedMove(vm: Int32(vm), target: Int32(t)))
            }
            if !ok {
                for m in planned.reversed() {
                    let vm = Int(m.vm), t = Int(m.target)
                    unreserve(vm: vm, on: t)
                    projCPU[t] -= vmDemand[vm] * overheadFactor
                    projMem[t] -= migState.vmMem[vm]
                }
                dpmLog.append(DPMLogEntry(timeS: loop.now.seconds, host: c, action: .evacuationFailed, vms: vms.count))
                // It stays on, so later candidates may move their VMs to it.
                standby[c] = false
                if let i = blocks.firstIndex(where: { $0.0 == c }) { unblock(blocks.remove(at: i)) }
                continue
            }
            migState.hEvacuating[c] = true
            commit(planned, from: c)
            sources.append(c)
            dpmLog.append(DPMLogEntry(timeS: loop.now.seconds, host: c, action: .evacuate, vms: planned.count))
        }

        for h in hot where hState[h] == Self.on && !migState.hEvacuating[h] && quiet(h) {
            let own = block(h)
            var cpu = hDemand[h], mem = migState.hMem[h]
            let dem = vmDemand
            let vms = vmsOn[h].sorted { dem[$0] != dem[$1] ? dem[$0] > dem[$1] : $0 < $1 }
            var planned: [PlannedMove] = []
            for vm in vms {
                if cpu <= target * hCapacity[h] && mem <= target * migState.hMemCap[h] { break }
                guard let t = chooseTarget(vm: vm, cap: target, projCPU: projCPU, projMem: projMem) else { continue }
                reserve(vm: vm, on: t)
                let dc = vmDemand[vm] * overheadFactor
                projCPU[t] += dc; projMem[t] += migState.vmMem[vm]
                cpu -= dc; mem -= migState.vmMem[vm]
                planned.append(PlannedMove(vm: Int32(vm), target: Int32(t)))
            }
            unblock(own)
            if planned.isEmpty { continue }
            commit(planned, from: h)
            sources.append(h)
            dpmLog.append(DPMLogEntry(timeS: loop.now.seconds, host: h, action: .relieve, vms: planned.count))
        }

        for b in blocks.reversed() { unblock(b) }
        for s in sources { startNextMove(from: s) }
        // An evacuated host without VMs goes off at once (`startNextMove` → `finishOutgoing`).
    }

    /// Queues `planned` on the source's NIC.
    mutating func commit(_ planned: [PlannedMove], from s: Int) {
        for m in planned { migState.vmPlannedTarget[Int(m.vm)] = m.target }
        migState.hMoves[s] = planned
        migState.hMoveNext[s] = 0
    }

    /// The host the arm's placement policy picks for `vm` among the hosts not blocked, whose
    /// projected CPU and memory demand with the VM stay ≤ `cap` × capacity; nil if none.
    /// Hosts that the policy picks but the cap rejects are blocked while the search goes on.
    mutating func chooseTarget(vm: Int, cap: Double, projCPU: [Double], projMem: [Double]) -> Int? {
        let r = vmRequest[vm]
        let addCPU = vmDemand[vm] * overheadFactor, addMem = migState.vmMem[vm]
        var tried: [(Int, PlacementRequest)] = []
        var found: Int? = nil
        while let t = arm.placement.selectHost(for: r, in: placement) {
            if hState[t] == Self.on && !migState.hEvacuating[t] && vmHost[vm] != Int32(t)
                && projCPU[t] + addCPU <= cap * hCapacity[t] && projMem[t] + addMem <= cap * migState.hMemCap[t]
            {
                found = t
                break
            }
            tried.append(block(t))
        }
        for b in tried.reversed() { unblock(b) }
        return found
    }

    /// Takes all free CPU and RAM of `h` in the placement index, so no VM fits there (VMs
    /// have RAM ≥ 1 MiB); `unblock` gives it back. Placement policies stay unchanged.
    func block(_ h: Int) -> (Int, PlacementRequest) {
        let r = PlacementRequest(vmId: -1, cpu: placement.cpuFree[h], ramMiB: placement.ramFree[h])
        placement.allocate(r, on: h)
        return (h, r)
    }

    func unblock(_ b: (Int, PlacementRequest)) {
        placement.release(b.1, on: b.0)
    }
}
