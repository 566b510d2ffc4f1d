import Stochastic

/// Everything one arm's run measured.
public struct ArmResult: Sendable {
    public var arm: String
    public var isBaseline: Bool
    public var hostsTotal: Int
    /// Largest number of hosts holding at least one VM at any instant.
    public var hostsUsedMax: Int
    /// VMs that arrived (placed or not).
    public var vms: Int
    /// VMs that found no host and were rejected.
    public var vmsUnplaced: Int
    /// The most VMs running at once, on premises or in the cloud, each VM once (a migrating
    /// VM, a burst VM, a service replica): the OS instances an administrator manages
    /// (`computeEconomics`). Set by both engines.
    public var vmsConcurrentMax = 0
    public var simHours: Double
    /// IT energy of all hosts (on, booting and off power), kWh.
    public var itEnergyKWh: Double
    public var itPowerMeanW: Double
    /// Mean CPU utilization of powered-on hosts, time-weighted, percent.
    public var cpuUtilMeanPct: Double
    /// Time-weighted mean number of powered (on or booting) hosts.
    public var hostsOnMean: Double
    public var migrations: Int
    public var hostBoots: Int
    /// Share of demanded CPU (MIPS·s) that hosts could not serve (overloaded), percent.
    public var cpuDemandUnmetPct: Double
    /// Time-weighted mean CPU frequency of powered-on hosts relative to their P-state 0
    /// (nominal), percent; 100 without DVFS.
    public var cpuFreqMeanPct: Double = 100
    /// Events the kernel handled.
    public var events: Int
    /// SLA time per active host, percent: time hosts were on with demand above what they
    /// could serve, over the time hosts were on (CloudSim's SLATAH).
    public var slatahPct: Double = 0
    /// Performance degradation due to migrations, percent (CloudSim's PDM).
    public var pdmPct: Double = 0
    /// SLATAH × PDM as fractions (CloudSim's SLAV).
    public var slav: Double { slatahPct / 100 * pdmPct / 100 }
    /// Energy × SLAV, kWh (Beloglazov & Buyya's ESV).
    public var esv: Double { itEnergyKWh * slav }
    /// Active → inactive transitions of hosts.
    public var hostShutdowns: Int = 0
    /// (demanded − served) / demanded CPU over all VMs, percent.
    public var overallSlaViolationPct: Double = 0
    /// VMs removed during the run by a profile rule (CloudSim's zero-demand drop).
    public var vmsDropped: Int = 0
    /// Energy of live migrations beyond the hosts' power (α·bytes + β each), kWh; included in
    /// `itEnergyKWh`.
    public var migrationEnergyKWh = 0.0
    /// Bytes sent by finished live migrations, GB (10⁹ bytes).
    public var migrationTrafficGB = 0.0
    /// Σ stop-and-copy pauses of finished live migrations, s.
    public var migrationDowntimeS = 0.0
    /// Memory reclaimed per technique and its SLA cost (zero without `arm.memory`).
    public var memory = MemoryFigures()
    /// Facility, storage and cost figures (set after the run by the scenario layer).
    public var economics = ArmEconomicsFigures()
    /// Event-driven services: one entry per service, scenario order (`services.csv`).
    public var services: [ServiceFigures] = []
    /// All services together (requests and latencies pooled): the summary's `svc_*` columns.
    public var servicesAll = ServiceFigures(service: "all", scaling: "")
    /// The hybrid-cloud cluster (zero without `arm.cloud`).
    public var cloud = CloudFigures()
    /// Host failures and HA restarts, nil when no host group has `failures:` (`failures.csv`).
    public var failures: FailureFigures? = nil
    /// What automatic sizing found (`count: auto`), nil for fixed counts.
    public var sizing: SizingOutcome? = nil
    /// Services at every sampling instant (`services_timeseries.csv`).
    public var serviceSamples: [ServiceSample] = []

    public var timeseries: [TimeseriesRow]
    public var hosts: [HostRow]

    /// Per host type (index into the arm's `hostTypes`), the largest number of hosts of that
    /// type holding at least one VM at any instant (each type's own peak; the types may peak
    /// at different instants, so the sum may exceed `hostsUsedMax`).
    public var hostsUsedMaxByType: [Int] = []
    /// Every host's CPU utilization in every sampling interval (`IntervalUtilization`): the
    /// time-weighted mean over the part of the interval the host was on; intervals in which
    /// the host was off throughout are not counted. Kept whole, so any percentile can be read
    /// after the run (`hostCPUUtilPercentileMaxPct`). Event engine: the intervals of
    /// `sampling`; CloudSim engine: its scheduling intervals (300 s), with "on" = active
    /// (allocated MIPS > 0) and utilization = allocated / capacity as CloudSim stores it.
    public var hostCPUUtil = IntervalUtilization(hosts: 0)

    /// The p-th percentile (p ∈ [0, 100]) of host CPU utilization over every (host,
    /// interval) pair with the host on, percent; nil if no host was ever on. Percentile as
    /// `IntervalUtilization` defines it (GSL's, linear between order statistics).
    /// `summary.csv`'s `cpu_util_p95_pct` is p = 95.
    public func cpuUtilPercentilePct(_ p: Double = 95) -> Double? {
        hostCPUUtil.pooledQuantile(p / 100).map { 100 * $0 }
    }

    /// The largest, over hosts, of each host's p-th percentile (p ∈ [0, 100]) of its CPU
    /// utilization over the sampling intervals it was on in, percent; nil if no host was
    /// ever on. "Each host's CPU at the p-th percentile over time stays under a target T"
    /// holds iff this is ≤ T. Any p can be asked after the run (the series is kept whole);
    /// resolution 1/65534 of full load (`IntervalUtilization`).
    /// - Complexity: O(H · I log I) for H hosts and I intervals.
    public func hostCPUUtilPercentileMaxPct(_ p: Double = 95) -> Double? {
        hostCPUUtil.maxHostQuantile(p / 100).map { 100 * $0 }
    }

    /// CPU ready and the performance loss it implies (`CPUContention.md`; set by both engines
    /// from `hostCPUUtil`, `fillHostFigures`).
    public var cpuReady = CPUReadyFigures()
    /// Schedulable hardware threads of each host, by host id (`HostType.schedulableThreads`).
    public var hostThreads: [Int] = []
}

/// One sampling interval, ending at `timeS`.
public struct TimeseriesRow: Sendable {
    public var timeS: Double
    /// Hosts powered (on or booting) at the end of the interval.
    public var hostsOn: Int
    /// VMs running on powered-on hosts at the end of the interval.
    public var vmsRunning: Int
    /// Mean IT power over the interval: energy / interval, W.
    public var itPowerW: Double
    /// Mean CPU utilization over the interval of hosts that were on, weighted by on-time, percent.
    public var cpuUtilMeanPct: Double
}

/// One host's totals.
public struct HostRow: Sendable {
    public var hostId: Int
    public var cluster: String
    public var rack: String
    public var hostType: String
    public var energyKWh: Double
    public var cpuUtilMeanPct: Double
    public var hoursOn: Double
    public var boots: Int
    /// The 95th percentile of the host's CPU utilization over the sampling intervals it was
    /// on in (each interval's time-weighted mean while on; `ArmResult.hostCPUUtil`),
    /// percent; nil if it was never on.
    public var cpuUtilP95Pct: Double? = nil
    /// The largest of those interval means (the 100th percentile), percent; nil if never on.
    public var cpuUtilMaxPct: Double? = nil
    /// The most memory reserved on the host at any instant (configured RAM + hypervisor
    /// overhead of the VMs placed on it, incl. VMs arriving by migration) over the host
    /// type's RAM, percent; may exceed 100 with memory overcommit.
    public var memReservedMaxPct: Double = 0
    /// The host's CPU ready fraction (`CPUContention`), mean and 95th percentile over the
    /// sampling intervals it was on in, percent; nil if it was never on.
    public var cpuReadyMeanPct: Double? = nil
    public var cpuReadyP95Pct: Double? = nil
}
