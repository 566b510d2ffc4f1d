/// Power state of a VM as the inventory records it.
public enum PowerState: String, Sendable, Equatable {
    case on, off, suspended
}

/// A VM (or, in a generic inventory of physical servers, a server's workload) in canonical
/// units: the `vms` table of the canonical inventory (PlannerPractice.md, A4). Sizes are MiB,
/// converted once at import; utilisation is percent of the VM's vCPUs (or the server's cores).
public struct VMRecord: Sendable, Equatable {
    /// The VM's (or server's) name.
    public var name: String
    /// `rvtools` or `generic`.
    public var source: String
    /// The vCenter it was read from (RVTools `VI SDK Server`), empty when unknown; with the name,
    /// the natural key (A5).
    public var viServer = ""
    public var powerState: PowerState = .on
    public var isTemplate = false
    public var isSRMPlaceholder = false
    /// vCPUs (a physical server: its cores).
    public var vcpus: Int
    /// Sockets of a physical server (generic `sockets`), nil when not given.
    public var sockets: Int? = nil
    /// MHz of one vCPU (the clock of the host it runs on, or the server's core clock); nil when
    /// the inventory does not say (the importer then states a default).
    public var cpuMHz: Double?
    /// Configured memory, MiB.
    public var memMiB: Int64
    /// Disk provisioned and in use, MiB.
    public var diskProvisionedMiB: Double = 0
    public var diskUsedMiB: Double = 0
    /// Guest OS (RVTools: VMware Tools' name, else the configuration file's; A5).
    public var guestOS = ""
    /// Host, cluster and datacenter it runs on (RVTools), empty when unknown.
    public var host = ""
    public var cluster = ""
    public var datacenter = ""
    /// Server model (generic inventories of physical servers), empty for VMs.
    public var serverModel = ""
    /// CPU utilisation, mean and 95th percentile, percent; nil when the inventory has none.
    public var cpuAvgPct: Double?
    public var cpuP95Pct: Double?
    /// Active memory, percent of `memMiB`; nil when unknown.
    public var memActivePct: Double?
    /// A per-VM time-series file named by the inventory (generic `trace_file`), as written.
    public var traceFile = ""
    /// Where the row is: file and 1-based line.
    public var file = ""
    public var line = 0

    public init(name: String, source: String, vcpus: Int, memMiB: Int64) {
        self.name = name
        self.source = source
        self.vcpus = vcpus
        self.memMiB = memMiB
    }
}

/// A host of the current (already virtual) estate, from RVTools' vHost tab: the `hosts` table of
/// the canonical inventory (A4).
public struct HostRecord: Sendable, Equatable {
    public var host: String
    public var cluster = ""
    public var datacenter = ""
    public var viServer = ""
    public var vendor = ""
    /// Server model (`Model`), e.g. "ProLiant DL380 Gen10".
    public var model = ""
    public var cpuModel = ""
    /// Sockets (`# CPU`) and cores in all (`# Cores`).
    public var sockets: Int
    public var cores: Int
    /// Core clock (`Speed`), MHz.
    public var cpuMHz: Double
    /// Memory (`# Memory`), MiB.
    public var memMiB: Int64
    public var file = ""
    public var line = 0

    public init(host: String, sockets: Int, cores: Int, cpuMHz: Double, memMiB: Int64) {
        self.host = host
        self.sockets = sockets
        self.cores = cores
        self.cpuMHz = cpuMHz
        self.memMiB = memMiB
    }
}
