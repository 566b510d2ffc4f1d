/// Memory overcommit on one host at one instant: how much each reclamation technique takes,
/// following ESXi's free-memory states, and what it costs in performance.
///
/// A pure function of its inputs (`reclaim`), to be evaluated by the engine at every change
/// of the VMs' active memory. Units: MiB.
///
/// Model (ESXi's states, B3, applied to every hypervisor with the techniques it has —
/// ASSUMPTION for KVM, Xen and Hyper-V, whose triggers differ):
/// 1. free₀ = physical − hypervisor reservation − Σ (configured + overhead). minFree from
///    `ESXiMemoryState.minFreeMiB` (or `minFreeOverrideMiB`).
/// 2. Clear (free₀ < 100% minFree): page sharing frees its whole potential, s × configured per
///    VM (sharing, once triggered, collapses every duplicate). s = `interVMSharingFraction`
///    with inter-VM sharing or KSM enabled, else `intraVMSharingFraction` with intra-VM sharing.
/// 3. Soft (free₁ < 64% minFree): the balloon reclaims up to minFree − free₁ (back to the
///    clear threshold — ASSUMPTION on ESXi's target), from idle memory only: per VM at most
///    min(configured − active − shared, balloonMaxFraction × configured, configured − shared −
///    reservation), the total spread in proportion to those potentials.
/// 4. Hard (free₂ < 32% minFree): compression, then swapping, reclaim up to minFree − free₂
///    from each VM's remaining unreserved memory E = configured − shared − ballooned −
///    reservation. Compression keeps pages at 1/compressionRatio of their size in a cache of
///    at most compressionCacheFraction × configured, so it frees at most
///    min(E, cache × configured × ratio) × (1 − 1/ratio) per VM; swapping takes what remains
///    of E. Both spread in proportion to the per-VM potentials.
/// 5. Low (free₃ < 16% minFree): ESXi also blocks allocations; reported as `stateAfter`.
/// Penalty (documented model, ASSUMPTION): pages to compress or swap are chosen at random
/// (ESX's randomized swap selection, Waldspurger OSDI 2002), and balloon and sharing took idle
/// pages, so an access to active memory hits a compressed page with probability
/// c = compressedPages / (configured − shared − ballooned), a swapped one with
/// s = swapped / (configured − shared − ballooned); the VM runs at 1 / (1 + αc·c + αs·s).
/// αc = 1 (all-active-compressed halves throughput) and αs = 10 (swapping an order of magnitude
/// worse than compression) are ASSUMPTIONS; the reference has no penalty figures.
public struct MemoryOvercommit: Sendable, Equatable {
    /// Fraction of configured memory freed by intra-VM page sharing, 0...1. Default 0.05:
    /// ASSUMPTION from B3's "a more diverse workload might result in savings of less than five
    /// percent" (vSphere 4.1 docs), taken as the intra-VM-only figure.
    public var intraVMSharingFraction: Double
    /// Fraction freed when sharing across VMs (inter-VM TPS or KSM), 0...1. Default 0.20: B3's
    /// homelab 55 → 44.8 GB (~20%) after re-enabling inter-VM sharing and "<20% if that" for
    /// VDI with large pages; "> 30%" is possible for nearly identical VMs.
    public var interVMSharingFraction: Double
    /// Largest fraction of a VM's configured memory the balloon may take, 0...1. Default 0.65:
    /// ESXi's `Mem.CtlMaxPercent` default — ASSUMPTION (not in the reference).
    public var balloonMaxFraction: Double
    /// Compression ratio of a compressed page, ≥ 1. Default 2: ESXi keeps a 4 KB page
    /// compressed only if it fits in 2 KB — ASSUMPTION (not in the reference).
    public var compressionRatio: Double
    /// Compression cache size as a fraction of the VM's configured memory, 0...1. Default 0.10
    /// (B3: "compression cache default 10% of VM memory").
    public var compressionCacheFraction: Double
    /// Slowdown if every active access hit a compressed page, ≥ 0. Default 1 (ASSUMPTION).
    public var compressionPenalty: Double
    /// Slowdown if every active access hit a swapped page, ≥ 0. Default 10 (ASSUMPTION).
    public var swapPenalty: Double
    /// State thresholds as fractions of minFree (B3).
    public var thresholds: MemoryStateThresholds
    /// minFree to use instead of ESXi's formula, MiB (nil = the formula).
    public var minFreeOverrideMiB: Double?

    /// A model with the documented defaults (see each parameter).
    /// - Precondition: `check` passes.
    public init(
        intraVMSharingFraction: Double = 0.05, interVMSharingFraction: Double = 0.20,
        balloonMaxFraction: Double = 0.65, compressionRatio: Double = 2,
        compressionCacheFraction: Double = 0.10, compressionPenalty: Double = 1,
        swapPenalty: Double = 10, thresholds: MemoryStateThresholds = .esxi,
        minFreeOverrideMiB: Double? = nil
    ) {
        self.intraVMSharingFraction = intraVMSharingFraction; self.interVMSharingFraction = interVMSharingFraction
        self.balloonMaxFraction = balloonMaxFraction; self.compressionRatio = compressionRatio
        self.compressionCacheFraction = compressionCacheFraction; self.compressionPenalty = compressionPenalty
        self.swapPenalty = swapPenalty; self.thresholds = thresholds; self.minFreeOverrideMiB = minFreeOverrideMiB
        let problem = Self.check(self)
        precondition(problem == nil, problem ?? "")
    }

    /// Nil if the parameters are valid, else the first problem, naming the parameter.
    public static func check(_ m: MemoryOvercommit) -> String? {
        func fraction(_ name: String, _ x: Double) -> String? {
            x >= 0 && x <= 1 ? nil : "\(name): expected a fraction 0...1, found \(x)"
        }
        if let e = fraction("intraVMSharingFraction", m.intraVMSharingFraction) { return e }
        if let e = fraction("interVMSharingFraction", m.interVMSharingFraction) { return e }
        if let e = fraction("balloonMaxFraction", m.balloonMaxFraction) { return e }
        if let e = fraction("compressionCacheFraction", m.compressionCacheFraction) { return e }
        if !(m.compressionRatio >= 1 && m.compressionRatio.isFinite) {
            return "compressionRatio: expected a finite ratio >= 1, found \(m.compressionRatio)"
        }
        if !(m.compressionPenalty >= 0 && m.compressionPenalty.isFinite) {
            return "compressionPenalty: expected a finite slowdown >= 0, found \(m.compressionPenalty)"
        }
        if !(m.swapPenalty >= 0 && m.swapPenalty.isFinite) {
            return "swapPenalty: expected a finite slowdown >= 0, found \(m.swapPenalty)"
        }
        if let t = MemoryStateThresholds.check(m.thresholds) { return t }
        if let f = m.minFreeOverrideMiB, !(f >= 0 && f.isFinite) {
            return "minFreeOverrideMiB: expected finite MiB >= 0, found \(f)"
        }
        return nil
    }

    /// Reclamation on a host with `physicalMiB` of RAM of which the hypervisor keeps
    /// `hypervisorReservationMiB`, running `vms`, with the techniques `techniques` enabled.
    /// - Precondition: every `VMMemoryDemand.check` passes; physicalMiB ≥ 0.
    /// - Complexity: O(VMs).
    public func reclaim(
        physicalMiB: Double, hypervisorReservationMiB: Double, vms: [VMMemoryDemand],
        techniques: MemoryReclamation
    ) -> MemoryOvercommitResult {
        let minFree = minFreeOverrideMiB ?? ESXiMemoryState.minFreeMiB(physicalMiB: physicalMiB)
        let n = vms.count
        let conf = vms.map(\.configuredMiB)
        let active = vms.map { min($0.activeMiB, $0.configuredMiB) }
        var out = [VMReclamation](repeating: VMReclamation(), count: n)
        let free0 = physicalMiB - hypervisorReservationMiB - vms.reduce(0) { $0 + $1.configuredMiB + $1.overheadMiB }
        var free = free0
        func state(_ f: Double) -> ESXiMemoryState { .state(freeMiB: f, minFreeMiB: minFree, thresholds: thresholds) }

        // 1. Page sharing (clear and below): its whole potential.
        let s =
            techniques.sharesAcrossVMs
            ? interVMSharingFraction
            : (techniques.contains(.pageSharingIntraVM) ? intraVMSharingFraction : 0)
        if s > 0 && free < thresholds.clear * minFree {
            for i in 0..<n { out[i].sharedMiB = s * conf[i]; free += out[i].sharedMiB }
        }
        // 2. Ballooning (soft and below), idle memory only, back to the clear threshold.
        if techniques.balloons && free < thresholds.soft * minFree {
            let potential = (0..<n).map { i in
                max(
                    0,
                    min(
                        conf[i] - active[i] - out[i].sharedMiB, balloonMaxFraction * conf[i],
                        conf[i] - out[i].sharedMiB - vms[i].reservationMiB))
            }
            let taken = Self.spread(need: thresholds.clear * minFree - free, over: potential)
            for i in 0..<n { out[i].balloonedMiB = taken[i]; free += taken[i] }
        }
        // 3. Compression, then swapping (hard and below).
        if free < thresholds.hard * minFree
            && (techniques.contains(.compression) || techniques.contains(.swapping))
        {
            var need = thresholds.clear * minFree - free
            var eligible = (0..<n).map { i in
                max(0, conf[i] - out[i].sharedMiB - out[i].balloonedMiB - vms[i].reservationMiB)
            }
            if techniques.contains(.compression) && compressionRatio > 1 {
                let keep = 1 - 1 / compressionRatio
                let potential = (0..<n).map { i in
                    min(eligible[i], compressionCacheFraction * conf[i] * compressionRatio) * keep
                }
                let freed = Self.spread(need: need, over: potential)
                for i in 0..<n {
                    out[i].compressedMiB = freed[i]
                    out[i].compressedPagesMiB = freed[i] / keep
                    eligible[i] -= out[i].compressedPagesMiB
                    free += freed[i]; need -= freed[i]
                }
            }
            if techniques.contains(.swapping) {
                let swapped = Self.spread(need: need, over: eligible.map { max(0, $0) })
                for i in 0..<n { out[i].swappedMiB = swapped[i]; free += swapped[i] }
            }
        }
        // Penalty.
        var hostActive = 0.0, hostCompressedAccess = 0.0, hostSwappedAccess = 0.0
        for i in 0..<n {
            let resident = conf[i] - out[i].sharedMiB - out[i].balloonedMiB
            if resident > 0 {
                out[i].compressedAccessFraction = min(1, out[i].compressedPagesMiB / resident)
                out[i].swappedAccessFraction = min(1, out[i].swappedMiB / resident)
            }
            out[i].performanceFactor =
                1
                / (1 + compressionPenalty * out[i].compressedAccessFraction
                    + swapPenalty * out[i].swappedAccessFraction)
            hostActive += active[i]
            hostCompressedAccess += active[i] * out[i].compressedAccessFraction
            hostSwappedAccess += active[i] * out[i].swappedAccessFraction
        }
        let hostFactor =
            hostActive > 0
            ? 1 / (1 + (compressionPenalty * hostCompressedAccess + swapPenalty * hostSwappedAccess) / hostActive)
            : 1
        return MemoryOvercommitResult(
            minFreeMiB: minFree, freeBeforeMiB: free0, freeAfterMiB: free,
            stateBefore: state(free0), stateAfter: state(free),
            sharedMiB: out.reduce(0) { $0 + $1.sharedMiB }, balloonedMiB: out.reduce(0) { $0 + $1.balloonedMiB },
            compressedMiB: out.reduce(0) { $0 + $1.compressedMiB }, swappedMiB: out.reduce(0) { $0 + $1.swappedMiB },
            shortfallMiB: max(0, -free), vms: out, performanceFactor: hostFactor)
    }

    /// min(need, Σ potential) spread over the items in proportion to `potential`.
    static func spread(need: Double, over potential: [Double]) -> [Double] {
        let total = potential.reduce(0, +)
        guard need > 0, total > 0 else { return potential.map { _ in 0 } }
        let f = min(1, need / total)
        return potential.map { $0 * f }
    }
}
