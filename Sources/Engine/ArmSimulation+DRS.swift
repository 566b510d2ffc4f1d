import Policies
import SimKernel
import DatacenterModel

/// One DRS pass of one cluster, for tests and logs.
public struct DRSLogEntry: Sendable, Equatable {
    public var timeS: Double
    public var cluster: Int
    /// Current host load standard deviation before and after the pass's moves (projected).
    public var chlsdBefore: Double
    public var chlsdAfter: Double
    /// The moves started, as (VM, source host, target host).
    public var moves: [DRSMove]
}

/// The DRS-like balancer in `ArmSimulation` (`arm.drs`; decisions by `DRSBalancerModel`,
/// pre-7.0 DRS after VMware KB 1007485, `DomainModels.md` B5).
///
/// - Every `interval` from t = interval (after DPM, when both run at the same instant) each
///   cluster is balanced on its own. Hosts that take part: on (not booting, standby or being
///   evacuated). Host load = CPU demand (with hypervisor overhead, including VMs in flight) /
///   capacity; reservations (CPU × overcommit, RAM) from the placement index.
/// - Movable VMs: settled ones (not queued, not in flight) on hosts that are not sending
///   moves already. Loads stay ≤ DPM's upper edge (81%) when DPM is on, else ≤ 100%.
/// - Each chosen move reserves the VM on its target at once and is queued on its source's NIC
///   like DPM's moves (`ArmSimulation+Migration.swift`: bandwidth, vMotion limits, pre-copy,
///   energy).
extension ArmSimulation {
    mutating func evaluateDRS() {
        guard let cfg = arm.drs else { return }
        let model = cfg.makeModel()
        let n = hState.count
        let upper = dpmModel?.upperEdge ?? 1
        var sendingOrQueued = Array(repeating: false, count: n)
        for h in 0..<n { sendingOrQueued[h] = !migState.hFlights[h].isEmpty || migState.hMoveNext[h] < migState.hMoves[h].count }
        var vmsOnHost = Array(repeating: [Int](), count: n)
        for vm in 0..<vmHost.count where vmHost[vm] >= 0 && migState.vmPlannedTarget[vm] < 0 && migState.vmMigratingFrom[vm] < 0 {
            vmsOnHost[Int(vmHost[vm])].append(vm)
        }
        for c in 0..<arm.clusterNames.count {
            var hosts: [DRSHost] = []
            var vms: [DRSVM] = []
            for h in 0..<n where arm.hosts[h].cluster == c && hState[h] == Self.on && !migState.hEvacuating[h] {
                hosts.append(
                    DRSHost(
                        id: h, cpuCapacity: hCapacity[h], cpuDemand: max(0, hDemand[h]),
                        cpuReservable: Double(placement.cpuTotal[h]),
                        cpuReserved: Double(placement.cpuTotal[h] - placement.cpuFree[h]),
                        memoryReservableMiB: Double(placement.ramTotal[h]),
                        memoryReservedMiB: Double(placement.ramTotal[h] - placement.ramFree[h])))
                for vm in vmsOnHost[h] {
                    vms.append(
                        DRSVM(
                            id: vm, host: h, cpuDemand: vmDemand[vm] * overheadFactor,
                            cpuReservation: Double(vmRequest[vm].cpu), memoryReservationMiB: Double(vmRequest[vm].ramMiB),
                            movable: !sendingOrQueued[h]))
                }
            }
            guard hosts.count >= 2 else { continue }
            let pass = model.balance(hosts: hosts, vms: vms, loadCap: upper)
            guard !pass.moves.isEmpty else { continue }
            var bySource: [Int: [PlannedMove]] = [:]
            for m in pass.moves {
                reserve(vm: m.vm, on: m.target)
                bySource[m.source, default: []].append(PlannedMove(vm: Int32(m.vm), target: Int32(m.target)))
            }
            for s in bySource.keys.sorted() {
                commit(bySource[s]!, from: s)
                startNextMove(from: s)
            }
            drsLog.append(
                DRSLogEntry(
                    timeS: loop.now.seconds, cluster: c, chlsdBefore: pass.chlsdBefore,
                    chlsdAfter: pass.chlsdAfter, moves: pass.moves))
        }
        refreshDirtyPower()
        let next = loop.now + cfg.interval
        if next < end { loop.schedule(.drsEvaluate, at: next, priority: Self.pDRS) }
    }
}
