import DatacenterModel
import Engine

/// Keys of an arm's `memory` mapping, for documentation.
let memoryKeys = [
    "enabled", "overcommit", "techniques", "sharing_intra_vm_fraction", "sharing_inter_vm_fraction",
    "balloon_max_fraction", "compression_ratio", "compression_cache_fraction",
    "compression_penalty", "swap_penalty", "min_free"
]

/// Reads an arm's `memory:` — memory overcommit and reclamation at run time (`MemorySettings`,
/// model `MemoryOvercommit`, `DomainModels.md` B3):
///
///     memory: {overcommit: 1.5, techniques: [page-sharing-intra-vm, ballooning, compression, swapping],
///              sharing_intra_vm_fraction: 0.05, sharing_inter_vm_fraction: 0.20,
///              balloon_max_fraction: 0.65, compression_ratio: 2, compression_cache_fraction: 0.10,
///              compression_penalty: 1, swap_penalty: 10, min_free: 1 GiB}
///
/// Every key is optional; the values shown are the defaults, except `techniques`, which
/// defaults to the hypervisor profile's default set (ESXi: intra-VM sharing, balloon,
/// compression, swapping; KVM: KSM, balloon, swapping; Hyper-V: Dynamic Memory; Xen: balloon)
/// and must be a subset of what the profile has; `min_free` defaults to ESXi's sliding-scale
/// formula. An arm whose hypervisor is a profile with reclamation techniques gets these
/// defaults without a `memory` key; `memory: ~` or `enabled: false` turns reclamation off.
/// - Returns: `.some(nil)` for "no reclamation", nil when invalid (issues recorded).
func decodeMemory(_ arm: NodeReader, profile: HypervisorProfile?, cloudSimProfile: Bool) -> MemorySettings?? {
    let node = arm.child("memory")
    if let node, node.isNull { return .some(nil) }
    guard let r = node else {
        // No key: a hypervisor profile reclaims with its defaults.
        guard !cloudSimProfile, let p = profile, !p.defaultReclamation.isEmpty else { return .some(nil) }
        return .some(MemorySettings(techniques: p.defaultReclamation))
    }
    guard r.expectMapping() else { return nil }
    let enabled = r.bool("enabled", or: true)
    let overcommit = r.double("overcommit", range: 1...100, or: 1)
    var techniques = profile?.defaultReclamation ?? []
    var ok = true
    if let list = r.sequence("techniques") {
        let names = MemoryReclamation.named.map(\.name)
        techniques = []
        for item in list {
            guard let n = item.enumValue(allowed: names), let t = MemoryReclamation.named.first(where: { $0.name == n }) else { ok = false; continue }
            if let p = profile, !p.availableReclamation.contains(t.technique) {
                item.issue("\(p.name) has no \(n); its techniques are: \(p.availableReclamation)")
                ok = false
                continue
            }
            techniques.insert(t.technique)
        }
    }
    let d = MemoryOvercommit()
    let intra = r.double("sharing_intra_vm_fraction", range: 0...1, or: d.intraVMSharingFraction)
    let inter = r.double("sharing_inter_vm_fraction", range: 0...1, or: d.interVMSharingFraction)
    let balloon = r.double("balloon_max_fraction", range: 0...1, or: d.balloonMaxFraction)
    let ratio = r.double("compression_ratio", range: 1...1000, or: d.compressionRatio)
    let cache = r.double("compression_cache_fraction", range: 0...1, or: d.compressionCacheFraction)
    let cPenalty = r.double("compression_penalty", range: 0...1e6, or: d.compressionPenalty)
    let sPenalty = r.double("swap_penalty", range: 0...1e6, or: d.swapPenalty)
    let minFree = r.bytes("min_free")
    r.finish()
    guard ok else { return nil }
    if cloudSimProfile && enabled {
        r.issue("memory applies to arms of the virtsim profile only")
        return nil
    }
    guard enabled else { return .some(nil) }
    guard let p = profile, !p.availableReclamation.isEmpty else {
        r.issue(
            "memory reclamation needs a hypervisor profile with reclamation techniques (hypervisor: esxi, hyper-v, xen or kvm, or {profile: …}); this arm's hypervisor (\(profile?.name ?? "generic")) has none"
        )
        return nil
    }
    _ = p
    if overcommit > 1 && techniques.isEmpty {
        (r.child("overcommit") ?? r).issue("overcommit \(overcommit) > 1 needs at least one reclamation technique; techniques is empty")
        return nil
    }
    let model = MemoryOvercommit(
        intraVMSharingFraction: intra, interVMSharingFraction: inter, balloonMaxFraction: balloon,
        compressionRatio: ratio, compressionCacheFraction: cache, compressionPenalty: cPenalty,
        swapPenalty: sPenalty, minFreeOverrideMiB: minFree.map { Double($0) / 1_048_576 })
    let s = MemorySettings(overcommit: overcommit, techniques: techniques, model: model)
    if let problem = s.check() { r.issue(problem); return nil }
    return .some(s)
}
