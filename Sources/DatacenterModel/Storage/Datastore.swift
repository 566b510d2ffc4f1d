/// A datastore: a tier of storage with redundancy and data reduction, holding VM groups.
///
/// Capacity at day t (B4's decomposition, `DomainModels.md`):
/// physical = [ Σ thick/thin data ÷ (dedupRatio × compressionRatio) + replicas (one per parent
/// image on this datastore) + deltas + snapshots + swap files ] × RAID factor ÷ (1 −
/// free-space headroom).
/// Dedup and compression apply to the thick/thin VM disk data only, as B4 writes it.
/// Sources for the ratios: B4 — vSAN dedup+compression (all-flash), planners take a
/// dedup+compression ratio of 1.0–4.0 (Google Migration Center); Jin & Miller (SYSTOR 2009) on
/// VM-image dedup. Defaults 1 (no reduction). Units: GB = 10^9 bytes, time in days.
public struct Datastore: Sendable, Equatable {
    /// Datastore name.
    public var name: String
    /// Storage class and its price.
    public var tier: StorageTier
    /// Redundancy.
    public var raid: RAIDLevel
    /// Deduplication ratio (logical ÷ stored), ≥ 1.
    public var dedupRatio: Double
    /// Compression ratio (logical ÷ stored), ≥ 1.
    public var compressionRatio: Double
    /// Share of the pool's raw capacity kept free, 0..<1 (`storage.free_space_headroom`): a
    /// thin pool is not filled to the brim, so raw capacity = what the data needs ÷ (1 −
    /// headroom). Thin provisioning "can drive utilization to 80–90%" (`DomainModels.md` B4):
    /// the decoder's default for thin pools is 0.15, the middle of that range; 0 for thick
    /// (a thick disk is allocated whole when it is created).
    public var freeSpaceHeadroom: Double = 0

    /// A datastore on `tier` with `raid` (default none) and dedup/compression ratios (≥ 1, default 1).
    /// - Precondition: `check` passes.
    public init(name: String, tier: StorageTier, raid: RAIDLevel = .none, dedupRatio: Double = 1, compressionRatio: Double = 1) {
        self.name = name; self.tier = tier; self.raid = raid
        self.dedupRatio = dedupRatio; self.compressionRatio = compressionRatio
        let problem = Self.check(raid: raid, dedupRatio: dedupRatio, compressionRatio: compressionRatio)
        precondition(problem == nil, problem ?? "")
    }

    /// Nil if valid, else what is wrong (e.g. a dedup ratio below 1).
    public static func check(raid: RAIDLevel, dedupRatio: Double, compressionRatio: Double) -> String? {
        if let r = RAIDLevel.check(raid) { return "raid." + r }
        if !(dedupRatio >= 1 && dedupRatio.isFinite) {
            return "dedupRatio: expected a finite ratio >= 1 (logical bytes per stored byte), found \(dedupRatio)"
        }
        if !(compressionRatio >= 1 && compressionRatio.isFinite) {
            return "compressionRatio: expected a finite ratio >= 1 (logical bytes per stored byte), found \(compressionRatio)"
        }
        return nil
    }

    /// Capacity used by `groups` on this datastore at day `t` ≥ 0.
    /// - Complexity: O(groups).
    public func usage(of groups: [VMStorageGroup], atDay t: Double) -> StorageUsage {
        var u = StorageUsage()
        var replicas: [String: Double] = [:]
        for g in groups {
            let n = Double(g.count)
            u.provisionedGB += n * g.diskGB
            switch g.provisioning {
            case .thick, .thin:
                u.vmDiskGB += n * g.allocatedDiskGBPerVM(atDay: t)
            case let .linkedClone(image, replica, _, _):
                if g.count > 0 { replicas[image] = max(replicas[image] ?? 0, replica) }
                u.deltaGB += n * g.allocatedDiskGBPerVM(atDay: t)
            }
            u.snapshotGB += n * g.snapshotGBPerVM
            u.swapGB += n * g.swapFileGBPerVM
        }
        u.replicaGB = replicas.keys.sorted().reduce(0) { $0 + replicas[$1]! }  // sorted: a stable sum
        let reduced = u.vmDiskGB / (dedupRatio * compressionRatio)
        u.physicalGB = (reduced + u.replicaGB + u.deltaGB + u.snapshotGB + u.swapGB) * raid.overheadFactor / (1 - freeSpaceHeadroom)
        u.purchaseCost = u.physicalGB * tier.pricePerGB
        return u
    }
}
