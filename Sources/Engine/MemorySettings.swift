import DatacenterModel

/// Memory overcommit of a `virtsim`-profile arm (scenario key `memory:` of an arm): how much
/// configured RAM placement may put on a host, and which reclamation techniques the host uses
/// when the VMs' memory does not fit.
///
/// The engine evaluates `MemoryOvercommit.reclaim` on a host whenever its VMs or their active
/// memory change (semantics on `ArmSimulation`); the model's parameters and their sources are
/// on `MemoryOvercommit` (`DomainModels.md` B3).
public struct MemorySettings: Sendable, Equatable {
    /// Allocatable RAM = host RAM (after the hypervisor's reservation) × this ratio, ≥ 1.
    /// Placement reserves configured RAM + per-VM overhead against it. Default 1 (no
    /// overcommit: reclamation then acts only when free memory falls below minFree).
    public var overcommit: Double
    /// The techniques the hosts use (a subset of what the hypervisor has).
    public var techniques: MemoryReclamation
    /// The reclamation model and its parameters.
    public var model: MemoryOvercommit

    /// Settings with the documented defaults of `MemoryOvercommit`.
    public init(overcommit: Double = 1, techniques: MemoryReclamation, model: MemoryOvercommit = MemoryOvercommit()) {
        self.overcommit = overcommit; self.techniques = techniques; self.model = model
    }

    /// Nil if valid, else the first problem, naming the field.
    public func check() -> String? {
        if !(overcommit >= 1 && overcommit.isFinite) { return "overcommit: expected a finite ratio >= 1, found \(overcommit)" }
        return MemoryOvercommit.check(model)
    }
}

/// Memory reclaimed and its cost over one arm's run (all zero when the arm has no
/// reclamation). Means are time-weighted over the run, summed over hosts.
public struct MemoryFigures: Sendable, Equatable {
    /// Mean memory freed by page sharing (intra-VM, inter-VM or KSM), GiB.
    public var sharedGiBMean = 0.0
    /// Mean memory freed by ballooning (or Hyper-V Dynamic Memory), GiB.
    public var balloonedGiBMean = 0.0
    /// Mean memory freed by compression, GiB.
    public var compressedGiBMean = 0.0
    /// Mean memory swapped out by the hypervisor, GiB.
    public var swappedGiBMean = 0.0
    /// Largest memory reclaimed by all techniques at any instant, summed over hosts, GiB.
    public var reclaimedGiBMax = 0.0
    /// Largest memory no technique could back at any instant (host overcommitted beyond its
    /// techniques), summed over hosts, GiB.
    public var shortfallGiBMax = 0.0
    /// Share of host-on time during which the host held compressed or swapped memory, percent.
    public var compressSwapTimePct = 0.0
    /// Share of demanded CPU lost to the compression and swapping slowdown, percent:
    /// Σ served demand × (1 − performance factor) / Σ demand (`MemoryOvercommit`).
    public var perfLossPct = 0.0
}
