/// How a hypervisor is licensed: what one licence unit is.
///
/// Source: `DomainModels.md` B7 (licensing history: vSphere 4 per physical CPU, 2009;
/// 2024+ Broadcom per-core subscription with a 16-core minimum per CPU and a reported 72-core
/// order floor) and the framing of Hyper-V as "virtualization included in the OS".
/// List prices vary and are inputs (`HypervisorLicensing`), not constants.
public enum LicenceRule: Sendable, Equatable, CustomStringConvertible {
    /// One unit per populated CPU socket (vSphere 4, 2009).
    case perSocket
    /// One unit per physical core, each CPU counted as at least `minimumCoresPerCPU` cores
    /// (Broadcom 2024+: 16), and an order as at least `minimumCoresPerOrder` cores (reported
    /// as 72 in B7, unverified; 0 = no floor, the default).
    case perCore(minimumCoresPerCPU: Int, minimumCoresPerOrder: Int)
    /// The hypervisor comes with the host OS licence (Hyper-V in Windows Server): no
    /// hypervisor licence unit. The OS licence itself is outside the hypervisor comparison
    /// (a bare-metal Windows estate pays it too).
    case bundledWithOS
    /// No licence cost (Xen Project, KVM, bare metal).
    case free

    /// Broadcom's 2024+ rule: per core, at least 16 cores per CPU, no order floor (B7).
    public static let perCoreMinimum16 = LicenceRule.perCore(minimumCoresPerCPU: 16, minimumCoresPerOrder: 0)

    /// Nil if the rule's constants are valid, else what is wrong.
    public static func check(_ rule: LicenceRule) -> String? {
        if case let .perCore(perCPU, perOrder) = rule {
            if perCPU < 0 { return "minimumCoresPerCPU: expected >= 0, found \(perCPU)" }
            if perOrder < 0 { return "minimumCoresPerOrder: expected >= 0, found \(perOrder)" }
        }
        return nil
    }

    /// Licence units for `hosts` servers of `socketsPerHost` CPUs with `coresPerSocket` cores.
    /// - perSocket: hosts × sockets;
    /// - perCore: max(hosts × sockets × max(coresPerSocket, minimumCoresPerCPU), minimumCoresPerOrder)
    ///   (no floor when hosts = 0);
    /// - bundledWithOS, free: 0.
    public func units(hosts: Int, socketsPerHost: Int, coresPerSocket: Int) -> Int {
        switch self {
        case .perSocket:
            return hosts * socketsPerHost
        case let .perCore(perCPU, perOrder):
            let cores = hosts * socketsPerHost * max(coresPerSocket, perCPU)
            return hosts == 0 ? 0 : max(cores, perOrder)
        case .bundledWithOS, .free:
            return 0
        }
    }

    /// `per-socket`, `per-core (min N per CPU)`, `bundled-with-os`, `free`.
    public var description: String {
        switch self {
        case .perSocket: return "per-socket"
        case let .perCore(perCPU, perOrder):
            return "per-core (min \(perCPU) per CPU" + (perOrder > 0 ? ", \(perOrder) per order)" : ")")
        case .bundledWithOS: return "bundled-with-os"
        case .free: return "free"
        }
    }
}
