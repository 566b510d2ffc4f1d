import DatacenterModel

/// A request to place one VM: what it reserves on a host.
public struct PlacementRequest: Sendable {
    /// The VM's id (ties in batch ordering break by ascending id).
    public var vmId: Int
    /// CPU reserved, milli-MIPS (integer, so comparisons are exact and runs reproduce).
    public var cpu: Int64
    /// Memory reserved incl. hypervisor overhead, MiB.
    public var ramMiB: Int64

    public init(vmId: Int, cpu: Int64, ramMiB: Int64) { self.vmId = vmId; self.cpu = cpu; self.ramMiB = ramMiB }
}

/// The free capacity of every host of one arm, with the indexes placement policies query.
/// Owned by the engine; policies read it and the engine commits their choice.
public final class PlacementState {
    /// Allocatable CPU per host, milli-MIPS (capacity × CPU overcommit ratio).
    public let cpuTotal: [Int64]
    public let ramTotal: [Int64]
    public private(set) var cpuFree: [Int64]
    public private(set) var ramFree: [Int64]
    public private(set) var vmCount: [Int32]
    /// The least free RAM each host has had at any instant, MiB (`ramTotal − ramFreeMin` is
    /// the most RAM ever reserved on it); requests of no VM (vmId < 0, such as DPM's
    /// temporary block of a host) do not count.
    public private(set) var ramFreeMin: [Int64]
    /// Physical CPU capacity per host, milli-MIPS (for utilization-based policies).
    public let cpuPhysical: [Int64]
    /// Power model per host (shared values, one per host type).
    public let power: [any PowerModel]
    /// Off power per host, W.
    public let offW: [Double]
    /// Whether each host is powered (on or booting); set with `setPowered`.
    public private(set) var powered: [Bool]

    public private(set) var sorted: SortedHostIndex
    public private(set) var firstFit: FirstFitTree
    /// Hosts grouped by identical state, for power-aware best fit.
    var classes: PlacementClassIndex
    /// Per host, its host class (`init`'s `hostClass`).
    let hostClass: [Int32]

    public var hostCount: Int { cpuTotal.count }

    /// - Parameter hostClass: per host, a class number: hosts of one class must have the same
    ///   CPU and RAM totals, physical CPU, power model and off power (the engine passes the
    ///   host type). nil: every host is a class of its own. Power-aware best fit evaluates one
    ///   host per class and state (`PlacementClassIndex`).
    public init(
        cpuTotal: [Int64], ramTotal: [Int64], cpuPhysical: [Int64], power: [any PowerModel], offW: [Double],
        hostClass: [Int32]? = nil
    ) {
        precondition(
            cpuTotal.count == ramTotal.count && cpuTotal.count == cpuPhysical.count
                && cpuTotal.count == power.count && cpuTotal.count == offW.count)
        let cls = hostClass ?? (0..<cpuTotal.count).map { Int32($0) }
        precondition(cls.count == cpuTotal.count)
        var first: [Int32: Int] = [:]
        for h in cls.indices {
            let f = first[cls[h], default: h]
            first[cls[h]] = f
            precondition(
                cpuTotal[f] == cpuTotal[h] && ramTotal[f] == ramTotal[h] && cpuPhysical[f] == cpuPhysical[h]
                    && offW[f] == offW[h], "hosts \(f) and \(h) of one host class differ")
        }
        self.hostClass = cls
        classes = PlacementClassIndex(
            initial: cls.indices.map { .init(hostClass: cls[$0], powered: false, cpuFree: cpuTotal[$0], ramFree: ramTotal[$0]) })
        self.cpuTotal = cpuTotal; self.ramTotal = ramTotal; self.cpuPhysical = cpuPhysical
        self.power = power; self.offW = offW
        cpuFree = cpuTotal; ramFree = ramTotal; ramFreeMin = ramTotal
        vmCount = Array(repeating: 0, count: cpuTotal.count)
        powered = Array(repeating: false, count: cpuTotal.count)
        sorted = SortedHostIndex(
            keys: (0..<cpuTotal.count).map {
                SortedHostIndex.Key(cpuFree: cpuTotal[$0], ramFree: ramTotal[$0], id: Int32($0))
            })
        firstFit = FirstFitTree(count: cpuTotal.count)
        for h in 0..<cpuTotal.count {
            firstFit.update(id: h, cpuFree: cpuTotal[h], ramFree: ramTotal[h], empty: true)
        }
    }

    @inlinable public func fits(_ r: PlacementRequest, on h: Int) -> Bool {
        cpuFree[h] >= r.cpu && ramFree[h] >= r.ramMiB
    }

    /// Reserves `r` on host `h` (must fit).
    public func allocate(_ r: PlacementRequest, on h: Int) {
        precondition(fits(r, on: h), "allocation does not fit")
        change(h, cpu: -r.cpu, ram: -r.ramMiB, vms: 1)
        if r.vmId >= 0 && ramFree[h] < ramFreeMin[h] { ramFreeMin[h] = ramFree[h] }
    }

    /// Releases a reservation made by `allocate`.
    public func release(_ r: PlacementRequest, on h: Int) {
        change(h, cpu: r.cpu, ram: r.ramMiB, vms: -1)
    }

    private func change(_ h: Int, cpu: Int64, ram: Int64, vms: Int32) {
        sorted.remove(.init(cpuFree: cpuFree[h], ramFree: ramFree[h], id: Int32(h)))
        cpuFree[h] += cpu; ramFree[h] += ram; vmCount[h] += vms
        sorted.insert(.init(cpuFree: cpuFree[h], ramFree: ramFree[h], id: Int32(h)))
        firstFit.update(id: h, cpuFree: cpuFree[h], ramFree: ramFree[h], empty: vmCount[h] == 0)
        classes.move(h, to: stateKey(h))
    }

    /// Sets whether host h is powered (on or booting).
    public func setPowered(_ h: Int, _ isPowered: Bool) {
        powered[h] = isPowered
        classes.move(h, to: stateKey(h))
    }

    private func stateKey(_ h: Int) -> PlacementClassIndex.Key {
        .init(hostClass: hostClass[h], powered: powered[h], cpuFree: cpuFree[h], ramFree: ramFree[h])
    }

    /// The lowest-id host of every state class (same host class, powered flag, free CPU and
    /// free RAM), in no particular order: hosts of one state class look the same to any
    /// search over these numbers and the host class's models.
    public func stateClassRepresentatives() -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(classes.live.count)
        let live = classes.live
        for c in live { out.append(classes.lowestHost(ofClass: c)) }
        return out
    }

    /// Reserved fraction of the host's physical CPU (may exceed 1 with CPU overcommit).
    @inlinable public func allocatedFraction(_ h: Int, adding extra: Int64 = 0) -> Double {
        Double(cpuTotal[h] - cpuFree[h] + extra) / Double(cpuPhysical[h])
    }
}
