/// Hypervisor model, v1: the costs that change how many VMs fit on a host and how much
/// CPU they burn. Profiles for ESXi, Hyper-V, Xen and KVM (memory reclamation, licences,
/// embedded installs) come in a later issue.
///
/// - `cpuOverhead`: extra host CPU per unit of guest CPU demand, fraction 0...1. Measured
///   CPU overheads of modern hardware-assisted hypervisors are small for CPU-bound work
///   (≈ 0–5%: Felter et al. 2014, IBM RC25482; Hwang et al., IM 2013), larger for I/O.
/// - `memoryOverheadMiBPerVM`: host memory reserved per VM beyond its configured RAM
///   (ESXi's per-VM overhead is tens to a few hundred MiB depending on vCPUs and RAM,
///   `DomainModels.md` B3).
public struct Hypervisor: Sendable, Equatable {
    public var name: String
    public var cpuOverhead: Double
    public var memoryOverheadMiBPerVM: Int64

    public init(name: String, cpuOverhead: Double, memoryOverheadMiBPerVM: Int64) {
        self.name = name; self.cpuOverhead = cpuOverhead; self.memoryOverheadMiBPerVM = memoryOverheadMiBPerVM
    }

    /// Bare metal: the workload runs directly on the server (the baseline estate).
    public static let none = Hypervisor(name: "none", cpuOverhead: 0, memoryOverheadMiBPerVM: 0)
}
