/// A physical server model: capacity, power curve and power-state behaviour.
///
/// Units: CPU capacity in MIPS per core (any consistent CPU unit — MHz works too — as long
/// as hosts and VMs use the same one), memory in MiB, storage in GB, NIC in Gb/s, power in W,
/// times in seconds.
public struct HostType: Sendable {
    public var name: String
    /// Physical cores, ≥ 1.
    public var cores: Int
    /// Capacity of one core, MIPS (or MHz), > 0.
    public var coreMips: Double
    /// Installed memory, MiB, ≥ 1.
    public var ramMiB: Int64
    /// Local storage, GB (10^9 bytes), ≥ 0. Not a placement constraint in v1.
    public var storageGB: Double
    /// NIC bandwidth, Gb/s, ≥ 0 (used by live-migration models in a later issue).
    public var nicGbps: Double
    /// Power while on, as a function of CPU utilization.
    public var power: any PowerModel
    /// Power drawn while off (BMC, standby supply), W, ≥ 0. Typical: 0–10 W
    /// (DCSim models suspend at 10 W, `DomainModels.md` B1).
    public var offW: Double
    /// Time from power-on to ready to run VMs, s, ≥ 0 (DCSim's default is 30 s; real
    /// servers with POST and a hypervisor boot take 2–5 min).
    public var bootTimeS: Double
    /// Average power while booting, W, ≥ 0; boot energy = bootTimeS × bootPowerW.
    public var bootPowerW: Double
    /// CPU sockets (for per-socket and per-core licences), ≥ 1; cores per socket = cores / sockets.
    public var sockets: Int = 1
    /// Purchase price of one server, USD, ≥ 0 (TCO hardware; no default price exists).
    public var priceUSD: Double = 0
    /// DVFS P-states (frequency steps with capacity and power); nil = one P-state, the
    /// nominal capacity and `power` (scenario key `pstates`). Used by arms with `dvfs`.
    public var pstates: PStateTable? = nil
    /// Embodied carbon of one server (manufacture, transport), kgCO2e, ≥ 0; 0 = not counted
    /// (host type key `embodied_kgco2e`; figures in `PlannerPractice.md` G, `Carbon.md`).
    public var embodiedKgCO2e: Double = 0
    /// Years over which `embodiedKgCO2e` is amortised linearly, > 0 (host type key
    /// `embodied_life_years`; default 4, the CCF amortisation and the HPE PCF life, G).
    public var embodiedLifeYears: Double = 4
    /// Whether the cores run two hardware threads each (Intel Hyper-Threading; host type key
    /// `hyperthreading`, default false). Doubles ``schedulableThreads`` and raises the capacity
    /// by ``htGain`` (`CPUContention.md`).
    public var hyperthreading = false
    /// Throughput gain of hyper-threading over the cores alone, fraction, 0...1 (host type key
    /// `ht_gain`; default ``defaultHTGain``). Used only with `hyperthreading`.
    public var htGain = HostType.defaultHTGain
    /// 0.15: the low end of the 15–30% gain Intel states for Hyper-Threading, inside the
    /// 10–30% planners quote (VMware: "anywhere from a slight to a significant increase";
    /// `PlannerPractice.md` B, `CPUContention.md`).
    public static let defaultHTGain = 0.15

    public init(
        name: String, cores: Int, coreMips: Double, ramMiB: Int64, storageGB: Double = 0,
        nicGbps: Double = 1, power: any PowerModel, offW: Double = 0,
        bootTimeS: Double = 0, bootPowerW: Double? = nil
    ) {
        self.name = name; self.cores = cores; self.coreMips = coreMips; self.ramMiB = ramMiB
        self.storageGB = storageGB; self.nicGbps = nicGbps; self.power = power; self.offW = offW
        self.bootTimeS = bootTimeS; self.bootPowerW = bootPowerW ?? power.maxW
    }

    /// Total CPU capacity, MIPS: cores × coreMips, × (1 + ``htGain``) with ``hyperthreading``.
    public var cpuCapacityMips: Double { Double(cores) * coreMips * (hyperthreading ? 1 + htGain : 1) }
    /// Hardware threads the hypervisor schedules vCPUs on: cores, 2 × cores with
    /// ``hyperthreading`` (the servers of the CPU-ready queue, ``CPUContention``).
    public var schedulableThreads: Int { hyperthreading ? 2 * cores : cores }
    /// Energy of one boot, J.
    public var bootEnergyJ: Double { bootTimeS * bootPowerW }
}
