/// Capacity of a datastore (or a sum of datastores) at one instant, in GB (10^9 bytes).
///
/// - provisioned: the disk capacity promised to the VMs (Σ count × disk size).
/// - allocated: what the datastore holds before data reduction and redundancy: VM disk data
///   (thick/thin) + replicas + deltas + snapshots + swap files.
/// - physical: raw capacity after dedup/compression (on thick/thin disk data only, as B4's
///   decomposition writes it) and RAID/FTT overhead.
public struct StorageUsage: Sendable, Equatable {
    /// Σ count × provisioned disk, GB.
    public var provisionedGB: Double = 0
    /// Thick/thin guest data, GB (before data reduction).
    public var vmDiskGB: Double = 0
    /// Linked-clone replicas, one per parent image per datastore, GB.
    public var replicaGB: Double = 0
    /// Linked-clone delta disks, GB.
    public var deltaGB: Double = 0
    /// Snapshots, GB.
    public var snapshotGB: Double = 0
    /// Hypervisor swap files, GB.
    public var swapGB: Double = 0
    /// Raw capacity, GB.
    public var physicalGB: Double = 0
    /// Purchase value of the raw capacity at the datastores' tier prices (Σ physical × $/GB).
    public var purchaseCost: Double = 0

    /// All capacities zero.
    public init() {}

    /// vmDisk + replicas + deltas + snapshots + swap, GB.
    public var allocatedGB: Double { vmDiskGB + replicaGB + deltaGB + snapshotGB + swapGB }

    /// Field-by-field sum (several datastores of an arm).
    public static func + (a: StorageUsage, b: StorageUsage) -> StorageUsage {
        var s = StorageUsage()
        s.provisionedGB = a.provisionedGB + b.provisionedGB; s.vmDiskGB = a.vmDiskGB + b.vmDiskGB
        s.replicaGB = a.replicaGB + b.replicaGB; s.deltaGB = a.deltaGB + b.deltaGB
        s.snapshotGB = a.snapshotGB + b.snapshotGB; s.swapGB = a.swapGB + b.swapGB
        s.physicalGB = a.physicalGB + b.physicalGB; s.purchaseCost = a.purchaseCost + b.purchaseCost
        return s
    }
}
