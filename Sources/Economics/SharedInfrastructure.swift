import DatacenterModel
import Engine

/// The shared infrastructure of one arm: the storage array its datastore lives on
/// (`storage.array`) and the switches its hosts connect to (`network`); nil = not modelled.
/// Off unless configured, so a scenario without the keys keeps its figures.
public struct SharedInfrastructureSpec: Sendable, Equatable {
    /// Sized from the datastore's raw capacity (`StorageArray`); needs `storage:`.
    public var storageArray: StorageArray? = nil
    /// Sized from the hosts bought (`NetworkSwitches`).
    public var network: NetworkSwitches? = nil
    public init(storageArray: StorageArray? = nil, network: NetworkSwitches? = nil) {
        self.storageArray = storageArray; self.network = network
    }
}

extension SharedInfrastructureSpec {
    /// The array for `storage`'s raw capacity (none without a storage model) and the
    /// switches for `hostsBought` hosts.
    public func sized(storage: StorageUsage?, hostsBought: Int) -> SharedInfrastructureFigures {
        SharedInfrastructureFigures(
            storageArray: storage.flatMap { s in storageArray.map { $0.sized(rawGB: s.physicalGB) } },
            network: network?.sized(hosts: hostsBought))
    }
}

/// Every VM group's disks on the arm's datastore at the end of `hours`, or nil when the arm has
/// no storage model (`ArmEconomicsSpec.datastore`). Linked clones apply to the named groups;
/// swap files to virtualized arms only (no hypervisor, no VM swap files).
public func armStorageUsage(_ arm: ArmConfig, groups: [VMGroup], _ e: ArmEconomicsSpec, hours: Double) -> StorageUsage? {
    guard let ds = e.datastore else { return nil }
    let storageGroups = groups.map { g in
        VMStorageGroup(
            name: g.name, count: g.count, diskGB: g.type.diskGB,
            provisioning: e.linkedCloneGroups.contains(g.name) ? (e.linkedClone ?? e.provisioning) : e.provisioning,
            snapshotFraction: e.snapshotFraction, ramMiB: Double(g.type.ramMiB),
            swapFiles: e.swapFiles && !arm.isBareMetal)
    }
    return ds.usage(of: storageGroups, atDay: hours / 24)
}

extension ArmResult {
    /// Adds a constant `powerW` (≥ 0) to the arm's IT power: every timeseries interval's mean
    /// power, the mean IT power, and the IT energy by `powerW` × the simulated hours.
    public mutating func addConstantITPower(_ powerW: Double) {
        guard powerW > 0 else { return }
        for k in timeseries.indices { timeseries[k].itPowerW += powerW }
        itPowerMeanW += powerW
        itEnergyKWh += powerW * simHours / 1000
    }
}

/// Sizes every arm's storage array and switches (`SharedInfrastructureSpec.sized`: the array
/// for its storage's raw GB at the end of `hours`, the switches for the hosts it buys) and adds
/// their constant power to its IT power in `results` (`addConstantITPower`). Returns, per arm
/// (parallel to `arms`), its storage usage (nil without a storage model) and the figures.
public func addSharedInfrastructure(
    arms: [ArmConfig], groups: [VMGroup], economics: [ArmEconomicsSpec], hours: Double, to results: inout [ArmResult]
) -> [(storage: StorageUsage?, figures: SharedInfrastructureFigures)] {
    arms.indices.map { i in
        guard i < results.count, i < economics.count else { return (nil, SharedInfrastructureFigures()) }
        let storage = armStorageUsage(arms[i], groups: groups, economics[i], hours: hours)
        let figures = economics[i].infrastructure.sized(storage: storage, hostsBought: hostsBought(arms[i], results[i]).reduce(0, +))
        results[i].addConstantITPower(figures.powerW)
        return (storage, figures)
    }
}
