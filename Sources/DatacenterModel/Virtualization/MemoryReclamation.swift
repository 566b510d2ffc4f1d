/// The memory-reclamation techniques a hypervisor has, as a set.
///
/// Sources (`DomainModels.md` B3): ESX mechanisms — ballooning,
/// content-based page sharing — Waldspurger, OSDI 2002; compression and hypervisor swapping —
/// vSphere 6 memory states (running-system.com, jgriffiths.org); inter-VM page sharing off by
/// default since the ESXi updates of Q4 2014/Q1 2015 (Broadcom KB 318959); KVM: KSM +
/// virtio-balloon; Hyper-V: Dynamic Memory (balloon), no memory dedup (Altaro); Xen: balloon.
public struct MemoryReclamation: OptionSet, Sendable, Hashable, CustomStringConvertible {
    /// The bit set.
    public let rawValue: UInt8
    /// A set from its bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Transparent page sharing of identical pages inside one VM (ESXi's default since 2014/15).
    public static let pageSharingIntraVM = MemoryReclamation(rawValue: 1 << 0)
    /// Transparent page sharing across VMs (ESXi: an opt-in since 2014/15, salting; B3).
    public static let pageSharingInterVM = MemoryReclamation(rawValue: 1 << 1)
    /// A balloon driver in the guest frees the pages the guest values least (Waldspurger 2002).
    public static let ballooning = MemoryReclamation(rawValue: 1 << 2)
    /// ESXi memory compression into a per-VM compression cache (vSphere 4.1+; B3).
    public static let compression = MemoryReclamation(rawValue: 1 << 3)
    /// Hypervisor-level swapping of guest memory to a swap file.
    public static let swapping = MemoryReclamation(rawValue: 1 << 4)
    /// Linux Kernel Samepage Merging: content-based merging across VMs (KVM; B3).
    public static let ksm = MemoryReclamation(rawValue: 1 << 5)
    /// Hyper-V Dynamic Memory: hot-add plus a balloon (B3).
    public static let dynamicMemory = MemoryReclamation(rawValue: 1 << 6)

    /// Every technique with its name, in a stable order (for listings and reports).
    public static let named: [(name: String, technique: MemoryReclamation)] = [
        ("page-sharing-intra-vm", .pageSharingIntraVM), ("page-sharing-inter-vm", .pageSharingInterVM),
        ("ballooning", .ballooning), ("compression", .compression), ("swapping", .swapping),
        ("ksm", .ksm), ("dynamic-memory", .dynamicMemory)
    ]

    /// True if any page-sharing technique that shares across VMs is in the set (inter-VM TPS or KSM).
    public var sharesAcrossVMs: Bool { !isDisjoint(with: [.pageSharingInterVM, .ksm]) }
    /// True if any page-sharing technique is in the set.
    public var sharesPages: Bool { !isDisjoint(with: [.pageSharingIntraVM, .pageSharingInterVM, .ksm]) }
    /// True if a balloon (ESX/KVM/Xen balloon or Hyper-V Dynamic Memory) is in the set.
    public var balloons: Bool { !isDisjoint(with: [.ballooning, .dynamicMemory]) }

    /// The names of the members, comma-separated, in the order of `named` ("none" if empty).
    public var description: String {
        let names = Self.named.filter { contains($0.technique) }.map(\.name)
        return names.isEmpty ? "none" : names.joined(separator: ",")
    }
}
