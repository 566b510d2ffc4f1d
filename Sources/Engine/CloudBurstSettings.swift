import DatacenterModel

/// Hybrid-cloud bursting (scenario key `cloud`, `DomainModels.md` B7 and C.2 item 4): VMs that
/// no on-premises host can take run on a dedicated-host cloud cluster billed per host-hour —
/// VMware Cloud on AWS or Azure VMware Solution style — instead of being rejected.
///
/// Host shapes from B7: VMC on AWS i3.metal, 36 cores at 2.3 GHz, 512 GiB (production
/// minimum 2 hosts); i3en.metal 96 cores (HT), 768 GiB; i4i.metal 128 cores (HT), 1,024 GiB;
/// Azure VMware Solution AV36, 2 × 18 cores, 576 GB (examples use 3-host clusters). Prices
/// are published per region and term: inputs, with no default.
public struct CloudBurstSettings: Sendable, Equatable {
    /// A label for reports (e.g. `vmc-aws`).
    public var provider: String
    /// Capacity of one cloud host: CPU (cores × MIPS per core) and RAM.
    public var hostCores: Int
    public var hostCoreMips: Double
    public var hostRAMMiB: Int64
    /// Hosts the cluster keeps while it exists (the provider's minimum cluster), ≥ 1.
    public var minHosts: Int
    /// Most hosts the cluster may grow to, ≥ minHosts.
    public var maxHosts: Int
    /// Time from asking for a host to running VMs on it, s ≥ 0 (an input: provisioning
    /// times are not published as constants).
    public var provisionS: Double
    /// An empty host beyond the minimum is released after this long without VMs, and the
    /// whole cluster once it has held no VM this long, s ≥ 0.
    public var releaseAfterS: Double
    /// Price per host-hour, USD ≥ 0 (billed from the request until the release).
    public var hostUSDPerHour: Double
    /// Allocatable CPU = physical × this (vCPU:pCPU), ≥ 1.
    public var cpuOvercommit: Double
    /// Billing granularity, s ≥ 0: each host's billed time is rounded up to a multiple of it
    /// (0: billed exactly; 3600: by started hour). The provider's rule is an input.
    public var billingIncrementS: Double = 0

    public init(
        provider: String, hostCores: Int, hostCoreMips: Double, hostRAMMiB: Int64, minHosts: Int, maxHosts: Int,
        provisionS: Double, releaseAfterS: Double, hostUSDPerHour: Double, cpuOvercommit: Double = 1
    ) {
        self.provider = provider; self.hostCores = hostCores; self.hostCoreMips = hostCoreMips; self.hostRAMMiB = hostRAMMiB
        self.minHosts = minHosts; self.maxHosts = maxHosts; self.provisionS = provisionS; self.releaseAfterS = releaseAfterS
        self.hostUSDPerHour = hostUSDPerHour; self.cpuOvercommit = cpuOvercommit
    }

    /// Nil if valid, else what is wrong (field names as in the scenario).
    public func check() -> String? {
        if hostCores < 1 { return "host.cores: expected an integer ≥ 1" }
        if !(hostCoreMips > 0 && hostCoreMips.isFinite) { return "host.core_mips: expected MIPS > 0" }
        if hostRAMMiB < 1 { return "host.ram: expected at least 1 MiB" }
        if minHosts < 1 { return "min_hosts: expected an integer ≥ 1, found \(minHosts)" }
        if maxHosts < minHosts { return "max_hosts: expected an integer ≥ min_hosts (\(minHosts)), found \(maxHosts)" }
        // ten years bound both: beyond any run, and within the engine's µs clock
        if !(provisionS >= 0 && provisionS <= 315_576_000) { return "provision_time: expected a duration between 0 and 10 years" }
        if !(releaseAfterS >= 0 && releaseAfterS <= 315_576_000) { return "release_after: expected a duration between 0 and 10 years" }
        if !(hostUSDPerHour >= 0 && hostUSDPerHour.isFinite) { return "host_usd_per_hour: expected a price ≥ 0" }
        if !(cpuOvercommit >= 1 && cpuOvercommit.isFinite) { return "cpu_overcommit: expected a ratio ≥ 1" }
        if !(billingIncrementS >= 0 && billingIncrementS <= 315_576_000) { return "billing_increment: expected a duration between 0 and 10 years" }
        return nil
    }
}

/// What an arm's cloud cluster did, for summary.csv.
public struct CloudFigures: Sendable, Equatable {
    /// VMs (and service replicas) that ran in the cloud because no on-premises host could take them.
    public var vmsBurst = 0
    /// Host-hours billed, h.
    public var hostHours = 0.0
    /// Most cloud hosts at once.
    public var hostsMax = 0
    /// Σ over burst VMs of the wait for their cloud host (provisioning) up to their departure
    /// or the run's end, VM-hours: work that started late.
    public var vmWaitHours = 0.0
    public init() {}
}
