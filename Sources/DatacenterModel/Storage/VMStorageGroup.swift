/// A group of identical VMs' storage: disks, provisioning, snapshots and swap files.
///
/// Units: disk in GB (10^9 bytes), RAM in MiB, time in days. Source: `DomainModels.md` B4's
/// decomposition (swap files = configured RAM − reservation per VM; snapshots; provisioning).
public struct VMStorageGroup: Sendable, Equatable {
    /// Group name (for reports).
    public var name: String
    /// VMs in the group, ≥ 0.
    public var count: Int
    /// Provisioned virtual disk per VM, GB, ≥ 0.
    public var diskGB: Double
    /// Thick, thin or linked clone.
    public var provisioning: DiskProvisioning
    /// Snapshot space per VM as a fraction of its provisioned disk, ≥ 0 (0 = no snapshots).
    public var snapshotFraction: Double
    /// Configured RAM per VM, MiB, ≥ 0 (sizes the hypervisor swap file).
    public var ramMiB: Double
    /// Memory reservation per VM, MiB, 0...ramMiB (the swap file is RAM − reservation).
    public var ramReservationMiB: Double
    /// Whether the hypervisor keeps a swap file per VM (ESXi's .vswp; false on bare metal).
    public var swapFiles: Bool

    /// A group of `count` VMs with `diskGB` each (thick by default, no snapshots, swap files on).
    /// - Precondition: `check` passes.
    public init(
        name: String, count: Int, diskGB: Double, provisioning: DiskProvisioning = .thick,
        snapshotFraction: Double = 0, ramMiB: Double = 0, ramReservationMiB: Double = 0,
        swapFiles: Bool = true
    ) {
        self.name = name; self.count = count; self.diskGB = diskGB; self.provisioning = provisioning
        self.snapshotFraction = snapshotFraction; self.ramMiB = ramMiB
        self.ramReservationMiB = ramReservationMiB; self.swapFiles = swapFiles
        let problem = Self.check(self)
        precondition(problem == nil, problem ?? "")
    }

    /// Nil if valid, else the first problem, naming the field.
    public static func check(_ g: VMStorageGroup) -> String? {
        if g.count < 0 { return "count: expected >= 0 VMs, found \(g.count)" }
        if !(g.diskGB >= 0 && g.diskGB.isFinite) { return "diskGB: expected finite GB >= 0, found \(g.diskGB)" }
        if let p = DiskProvisioning.check(g.provisioning) { return "provisioning." + p }
        if !(g.snapshotFraction >= 0 && g.snapshotFraction.isFinite) {
            return "snapshotFraction: expected a finite fraction of the disk >= 0, found \(g.snapshotFraction)"
        }
        if !(g.ramMiB >= 0 && g.ramMiB.isFinite) { return "ramMiB: expected finite MiB >= 0, found \(g.ramMiB)" }
        if !(g.ramReservationMiB >= 0 && g.ramReservationMiB <= g.ramMiB) {
            return "ramReservationMiB: expected 0...ramMiB (\(g.ramMiB)), found \(g.ramReservationMiB)"
        }
        return nil
    }

    /// Bytes in a MiB over bytes in a GB: 1,048,576 / 10^9.
    public static let gbPerMiB = 1_048_576.0 / 1_000_000_000

    /// Swap file per VM, GB: (ramMiB − ramReservationMiB) × 1,048,576 / 10^9; 0 without swap files.
    public var swapFileGBPerVM: Double { swapFiles ? (ramMiB - ramReservationMiB) * Self.gbPerMiB : 0 }

    /// Guest data allocated per VM at day `t` (thick: disk; thin: used fraction × disk; linked
    /// clone: its delta disk — the replica is counted per datastore), GB.
    public func allocatedDiskGBPerVM(atDay t: Double) -> Double {
        switch provisioning {
        case .thick: return diskGB
        case let .thin(u, g): return diskGB * min(1, u + g * max(0, t))
        case let .linkedClone(_, _, delta, growth): return min(diskGB, delta + growth * max(0, t))
        }
    }

    /// Snapshot space per VM, GB: snapshotFraction × provisioned disk.
    public var snapshotGBPerVM: Double { snapshotFraction * diskGB }
}
