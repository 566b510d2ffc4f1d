/// One VM's memory as the host sees it at one instant (input of `MemoryOvercommit`).
///
/// Units: MiB. Valid: 0 ≤ activeMiB ≤ configuredMiB (active is clamped), 0 ≤ reservationMiB ≤
/// configuredMiB, overheadMiB ≥ 0.
public struct VMMemoryDemand: Sendable, Equatable {
    /// Configured RAM, MiB. ASSUMPTION: the guest has touched all of it (a long-running guest
    /// uses free memory as page cache), so without reclamation the host backs all of it.
    public var configuredMiB: Double
    /// Active memory (recently touched), MiB — e.g. a trace's memory usage.
    public var activeMiB: Double
    /// Hypervisor overhead for this VM, MiB (never reclaimed; `VMMemoryOverhead`).
    public var overheadMiB: Double
    /// Memory reservation, MiB: never ballooned, compressed or swapped.
    public var reservationMiB: Double

    /// A VM's memory at one instant, MiB.
    public init(configuredMiB: Double, activeMiB: Double, overheadMiB: Double = 0, reservationMiB: Double = 0) {
        self.configuredMiB = configuredMiB; self.activeMiB = activeMiB
        self.overheadMiB = overheadMiB; self.reservationMiB = reservationMiB
    }

    /// Nil if valid, else what is wrong (naming the field).
    public static func check(_ d: VMMemoryDemand) -> String? {
        if !(d.configuredMiB >= 0 && d.configuredMiB.isFinite) { return "configuredMiB: expected finite MiB >= 0, found \(d.configuredMiB)" }
        if !(d.activeMiB >= 0 && d.activeMiB.isFinite) { return "activeMiB: expected finite MiB >= 0, found \(d.activeMiB)" }
        if !(d.overheadMiB >= 0 && d.overheadMiB.isFinite) { return "overheadMiB: expected finite MiB >= 0, found \(d.overheadMiB)" }
        if !(d.reservationMiB >= 0 && d.reservationMiB <= d.configuredMiB) {
            return "reservationMiB: expected 0...configuredMiB (\(d.configuredMiB)), found \(d.reservationMiB)"
        }
        return nil
    }
}

/// What reclamation took from one VM, MiB, and its resulting performance factor.
public struct VMReclamation: Sendable, Equatable {
    /// Freed by page sharing (intra-VM, inter-VM or KSM).
    public var sharedMiB: Double = 0
    /// Freed by the balloon (or Hyper-V Dynamic Memory).
    public var balloonedMiB: Double = 0
    /// Guest memory held compressed in the compression cache (before compression).
    public var compressedPagesMiB: Double = 0
    /// Freed by compression: compressedPagesMiB × (1 − 1/compressionRatio).
    public var compressedMiB: Double = 0
    /// Swapped out by the hypervisor.
    public var swappedMiB: Double = 0
    /// Probability that an access to active memory hits a compressed page (0...1).
    public var compressedAccessFraction: Double = 0
    /// Probability that an access to active memory hits a swapped page (0...1).
    public var swappedAccessFraction: Double = 0
    /// Throughput multiplier in (0, 1]: 1 / (1 + αc·compressedAccessFraction + αs·swappedAccessFraction).
    public var performanceFactor: Double = 1

    /// Memory reclaimed from this VM by every technique, MiB.
    public var reclaimedMiB: Double { sharedMiB + balloonedMiB + compressedMiB + swappedMiB }
}

/// The outcome of `MemoryOvercommit.reclaim` for one host at one instant.
public struct MemoryOvercommitResult: Sendable, Equatable {
    /// minFree of the host, MiB.
    public var minFreeMiB: Double
    /// Free memory before reclamation: physical − reservation − Σ(configured + overhead), MiB
    /// (negative when overcommitted).
    public var freeBeforeMiB: Double
    /// Free memory after reclamation, MiB (negative = `shortfallMiB` unbacked).
    public var freeAfterMiB: Double
    /// Memory state before reclamation.
    public var stateBefore: ESXiMemoryState
    /// Memory state after reclamation.
    public var stateAfter: ESXiMemoryState
    /// Freed by page sharing on the host, MiB.
    public var sharedMiB: Double
    /// Freed by ballooning (or Dynamic Memory), MiB.
    public var balloonedMiB: Double
    /// Freed by compression (pages × (1 − 1/ratio)), MiB.
    public var compressedMiB: Double
    /// Swapped out by the hypervisor, MiB.
    public var swappedMiB: Double
    /// Demand the enabled techniques could not back, MiB: max(0, −freeAfterMiB).
    public var shortfallMiB: Double
    /// Per VM, in input order.
    public var vms: [VMReclamation]
    /// Host throughput multiplier in (0, 1]: 1 / (1 + αc·C + αs·S), C and S the fractions of the
    /// host's active memory accesses that hit compressed or swapped pages.
    public var performanceFactor: Double

    /// Reclaimed by every technique, MiB.
    public var reclaimedMiB: Double { sharedMiB + balloonedMiB + compressedMiB + swappedMiB }
    /// True when the host had to compress or swap (the SLA-relevant case).
    public var compressedOrSwapped: Bool { compressedMiB > 0 || swappedMiB > 0 }
}
