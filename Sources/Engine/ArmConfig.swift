import SimKernel
import DatacenterModel
import Policies
import Workloads
import CloudSimEngine

/// One physical host of an arm: its type and where it sits.
public struct HostSlot: Sendable {
    /// Index into `ArmConfig.hostTypes`.
    public var typeIndex: Int
    /// Index into `ArmConfig.clusterNames`.
    public var cluster: Int
    /// Index into `ArmConfig.rackNames`.
    public var rack: Int
    /// Index into `ArmConfig.hostGroups` of the group the host belongs to (0 for hosts laid
    /// out by hand).
    public var group: Int
    /// The host's index within its group, 0-based (its failure stream, `HostFailureSettings`).
    public var member: Int
    public init(typeIndex: Int, cluster: Int, rack: Int, group: Int = 0, member: Int = 0) {
        self.typeIndex = typeIndex; self.cluster = cluster; self.rack = rack; self.group = group; self.member = member
    }
}

/// One arm of a scenario: a datacenter (hosts, hypervisor, placement) that runs the
/// scenario's VMs. All arms of a scenario see the same workload streams.
public struct ArmConfig {
    public var name: String
    /// The estate before consolidation: savings are computed against it.
    public var isBaseline: Bool
    public var hostTypes: [HostType]
    public var hosts: [HostSlot]
    public var clusterNames: [String]
    public var rackNames: [String]
    public var hypervisor: Hypervisor
    public var placement: any PlacementPolicy
    /// Allocatable CPU = physical CPU × this ratio, ≥ 1 allows CPU overcommit (vCPU:pCPU).
    public var cpuOvercommit: Double
    /// Whether hosts that hold no VM are powered off (true) or stay on, idle (false).
    public var powerOffIdleHosts: Bool
    /// Set for arms of the `cloudsim-3.0.3` profile, which run on the
    /// CloudSim-semantics engine (`CloudSimSimulation`) instead of `ArmSimulation`.
    public var cloudSim: CloudSimArmSettings? = nil
    /// Hypervisor memory overhead per VM for each VM group (MiB), when it depends on the VM's
    /// size (hypervisor profiles); nil = `hypervisor.memoryOverheadMiBPerVM` for every VM.
    public var memoryOverheadMiBPerGroup: [Int64]? = nil
    /// The hypervisor profile the arm was built from (licence rule, reclamation), if any.
    public var hypervisorProfile: HypervisorProfile? = nil
    /// Distributed Power Management (`virtsim` profile only); nil = none (scenario key `dpm`).
    public var dpm: DPMSettings? = nil
    /// DVFS: a cpufreq governor over the host types' P-states (`virtsim` profile only); nil =
    /// none, every host at its nominal capacity (scenario key `dvfs`).
    public var dvfs: DVFSSettings? = nil
    /// DRS-like load balancing (`virtsim` profile only); nil = none (scenario key `drs`).
    public var drs: DRSSettings? = nil
    /// Memory overcommit and reclamation (`virtsim` profile only); nil = none: placement
    /// reserves configured RAM and nothing is reclaimed (scenario key `memory`).
    public var memory: MemorySettings? = nil
    /// How live migrations move memory, how many run at once and what they cost (scenario key
    /// `migration`; used by DPM and DRS moves).
    public var migration = MigrationSettings()
    /// Per service (scenario order), a fixed replica count instead of the autoscaler (scenario
    /// key `service_replicas`); missing or nil = autoscaled.
    public var serviceReplicas: [Int?] = []
    /// Dynamic consolidation (scenario key `consolidation` on the `virtsim` profile); nil = none.
    public var consolidation: ConsolidationSettings? = nil
    /// Hybrid-cloud bursting (scenario key `cloud`); nil = none: a VM that fits nowhere is rejected.
    public var cloud: CloudBurstSettings? = nil
    /// Which replicas a scale-down removes first (scenario key `scale_down_order`).
    public var scaleDownOrder: ScaleDownOrder = .kubernetes
    /// The arm's `host_groups` as written, from which `hosts`, `clusterNames` and `rackNames`
    /// are laid out (``HostLayout``); automatic sizing lays them out again at other counts.
    public var hostGroups: [HostGroupSpec] = []
    /// `host_order: interleaved` (true) or `grouped` (false, the default).
    public var interleaveHosts = false
    /// The host group whose count is sized automatically (`count: auto`), nil = fixed counts.
    public var autoSizedGroup: Int? = nil
    /// Targets of automatic sizing (arm key `sizing:`; only with `count: auto`).
    public var sizing = SizingSettings()
    /// HA failover reserve (arm key `ha:`), nil = none.
    public var ha: HASettings? = nil
    /// Stop the run at the first VM left unplaced (not a scenario key): automatic sizing's
    /// trial runs set it, since such a count fails whatever the rest of the run shows. The
    /// result then covers the run up to that instant only.
    public var stopAtFirstUnplacedVM = false

    /// Per service, the arm's override of its scaler settings (scenario key `service_scaler`);
    /// missing or nil = the service's own.
    public var serviceScalers: [KEDAScaler.Settings?] = []

    /// Whether every host of the pool is bought (and priced): the baseline (the estate as it
    /// stands), an arm that keeps idle hosts on (every host runs) and a dedicated placement
    /// (one server per workload). Other arms buy the hosts they need (`computeEconomics`).
    public var buysWholePool: Bool { isBaseline || !powerOffIdleHosts || placement.name == Dedicated.name }

    /// The scaler settings of service `i` on this arm.
    public func scalerSettings(service i: Int, _ spec: ServiceSpec) -> KEDAScaler.Settings {
        (i < serviceScalers.count ? serviceScalers[i] : nil) ?? spec.scaler
    }

    /// Replica VM ids the engine reserves for service `i`: twice the most replicas it can have at
    /// once (draining replicas keep theirs while new ones start; Kubernetes does not count
    /// terminating pods against a Deployment's replicas).
    public func replicaIds(service i: Int, _ spec: ServiceSpec) -> Int {
        2 * (fixedReplicas(service: i) ?? scalerSettings(service: i, spec).maxReplicas)
    }

    /// The fixed replica count of service `i`, or nil when it is autoscaled.
    public func fixedReplicas(service i: Int) -> Int? { i < serviceReplicas.count ? serviceReplicas[i] : nil }

    public init(
        name: String, isBaseline: Bool, hostTypes: [HostType], hosts: [HostSlot],
        clusterNames: [String], rackNames: [String], hypervisor: Hypervisor,
        placement: any PlacementPolicy, cpuOvercommit: Double = 1, powerOffIdleHosts: Bool = true
    ) {
        self.name = name; self.isBaseline = isBaseline; self.hostTypes = hostTypes; self.hosts = hosts
        self.clusterNames = clusterNames; self.rackNames = rackNames; self.hypervisor = hypervisor
        self.placement = placement; self.cpuOvercommit = cpuOvercommit; self.powerOffIdleHosts = powerOffIdleHosts
    }
}

/// A group of identical VMs driven by one workload source.
public struct VMGroup {
    public var name: String
    public var count: Int
    public var type: VMType
    public var workload: any WorkloadSource
    /// vSphere HA restart priority of the group's VMs after a host failure (medium, vSphere's
    /// default, unless given).
    public var restartPriority: RestartPriority = .medium
    /// Arrival of every VM of the group (placed at this instant).
    public var arrival: SimTime
    /// Departure of every VM of the group, nil = stays to the end.
    public var departure: SimTime?

    public init(
        name: String, count: Int, type: VMType, workload: any WorkloadSource,
        arrival: SimTime = .zero, departure: SimTime? = nil
    ) {
        self.name = name; self.count = count; self.type = type; self.workload = workload
        self.arrival = arrival; self.departure = departure
    }
}

/// What every arm of a run shares.
public struct RunSettings: Sendable {
    /// Simulated span.
    public var duration: SimDuration
    /// Interval of `timeseries.csv` rows.
    public var samplingInterval: SimDuration
    /// Told how far a run has got: `(simulated s, duration s)`, once with 0 when a run starts
    /// (each sizing trial is a run), then at every `timeseries.csv` sample (the event engine) or
    /// scheduling round (the `cloudsim-3.0.3` profile). Nil (the default) costs nothing. It
    /// changes no result: `virtsim run --progress` and `virtsim serve` read it.
    public var progress: (@Sendable (_ simulatedS: Double, _ durationS: Double) -> Void)?
    public init(duration: SimDuration, samplingInterval: SimDuration) {
        self.duration = duration; self.samplingInterval = samplingInterval
    }
}

/// How a CloudSim-profile arm allocates and which quirks it keeps.
public struct CloudSimArmSettings: Sendable {
    public var profile: String
    public var allocation: CloudSimAllocation
    public var quirks: CloudSimQuirks
    public var schedulingIntervalS: Double
    public init(profile: String, allocation: CloudSimAllocation, quirks: CloudSimQuirks, schedulingIntervalS: Double = 300) {
        self.profile = profile; self.allocation = allocation; self.quirks = quirks; self.schedulingIntervalS = schedulingIntervalS
    }
}
