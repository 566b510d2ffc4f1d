import SimKernel
import DatacenterModel
import Policies
import Workloads

/// The switches of the `cloudsim-3.0.3` profile: each reproduces one behaviour of CloudSim
/// 3.0.3's PlanetLab experiments (`CloudSimPlanetLab.md`), on by default
/// in that profile. A researcher can turn any one off and see what it changes.
public struct CloudSimQuirks: Sendable, Equatable {
    /// A VM whose requested MIPS is exactly 0 at an update (and is not migrating) is
    /// deallocated and removed for good (`HostDynamicWorkload.getCompletedVms`, §0, §10.5 d).
    /// Day 20110303: 532 of 1052 VMs are removed.
    public var dropZeroDemandVMs = true
    /// A host whose utilization at the previous update was 0 adds 0 J for the interval
    /// (`PowerHost.getEnergyLinearInterpolation`): an idle host counts as off at 0 W, and
    /// switching on is free and instant (§3, §9). Off: idle hosts draw P(0).
    public var idleHostDrawsNothing = true
    /// Initial placement charges every host P(0) as its current power (no host has been
    /// updated at t = 0), so PABFD spreads the VMs one per host (§6 step 4). Off: the current
    /// power is evaluated at the MIPS already reserved on the host, which packs.
    public var initialPowerIsIdle = true
    /// Requests above a PE's MIPS are capped at it; the shortfall shows as SLA violation
    /// (`VmSchedulerTimeSharedOverSubscription`, §2, §10.4).
    public var capRequestsPerPE = true
    /// The underload step does not exclude the hosts that just received VMs from overloaded
    /// hosts (they are taken from an empty list, §6 step 5, §9), so a VM can move twice in one
    /// round and both moves count (§10.3).
    public var underloadIgnoresOverloadTargets = true

    public init() {}

    /// CloudSim 3.0.3 as it is.
    public static let cloudsim303 = CloudSimQuirks()

    /// Every quirk off (tests of the indexes).
    public static var allOff: CloudSimQuirks {
        var q = CloudSimQuirks()
        q.dropZeroDemandVMs = false; q.idleHostDrawsNothing = false; q.initialPowerIsIdle = false
        q.capRequestsPerPE = false; q.underloadIgnoresOverloadTargets = false
        return q
    }

    /// Every switch, by scenario key, for decoding and documentation.
    public static let keys = [
        "drop_zero_demand_vms", "idle_host_draws_nothing", "initial_power_is_idle",
        "cap_requests_per_pe", "underload_ignores_overload_targets"
    ]

    /// Sets the switch named by its scenario key; false for an unknown key.
    public mutating func set(_ key: String, _ value: Bool) -> Bool {
        switch key {
        case "drop_zero_demand_vms": dropZeroDemandVMs = value
        case "idle_host_draws_nothing": idleHostDrawsNothing = value
        case "initial_power_is_idle": initialPowerIsIdle = value
        case "cap_requests_per_pe": capRequestsPerPE = value
        case "underload_ignores_overload_targets": underloadIgnoresOverloadTargets = value
        default: return false
        }
        return true
    }
}

/// How VMs are allocated and consolidated.
public enum CloudSimAllocation: Sendable {
    /// Non power aware: every host is charged its 100%-load power all the time; first fit,
    /// no migrations (`PowerDatacenterNonPowerAware`, §3).
    case npa
    /// CloudSim's "Dvfs" example: first fit at t = 0, no migrations, power follows
    /// utilization. It scales no frequency; the name is kept for comparison (§3).
    case dvfs
    /// Dynamic consolidation every scheduling interval: overload detection, VM selection,
    /// PABFD placement and underload handling (§5, §6).
    case migration(detector: any OverloadDetector, selection: any VMSelectionPolicy)
}

/// A CloudSim host type: PEs of equal MIPS, RAM, bandwidth and a SPECpower curve.
public struct CloudSimHostType: Sendable {
    public var name: String
    /// Processing elements (cores), ≥ 1.
    public var pes: Int
    /// MIPS per PE (an integer in CloudSim), > 0.
    public var peMips: Int
    /// RAM, MB.
    public var ramMB: Int
    /// Bandwidth, kbit/s (CloudSim's PlanetLab hosts: 1,000,000 = 1 Gbit/s).
    public var bwKbps: Double
    /// Power as a function of utilization.
    public var power: SpecPowerModel
    public init(name: String, pes: Int, peMips: Int, ramMB: Int, bwKbps: Double, power: SpecPowerModel) {
        self.name = name; self.pes = pes; self.peMips = peMips; self.ramMB = ramMB; self.bwKbps = bwKbps; self.power = power
    }
    public var totalMips: Int { pes * peMips }
}

/// A CloudSim VM type (1 PE in the PlanetLab experiments).
public struct CloudSimVMType: Sendable {
    public var name: String
    public var mips: Double
    public var ramMB: Int
    public var bwKbps: Double
    public init(name: String, mips: Double, ramMB: Int, bwKbps: Double) {
        self.name = name; self.mips = mips; self.ramMB = ramMB; self.bwKbps = bwKbps
    }
}

/// One CloudSim-profile experiment: hosts in id order, VMs in id order with their trace
/// member, the allocation policy and the quirks.
public struct CloudSimExperiment {
    public var name: String
    public var hostTypes: [CloudSimHostType]
    /// Host id → index into `hostTypes`.
    public var hosts: [Int]
    /// VM groups; VM ids are assigned group by group, in order.
    public var groups: [CloudSimVMGroup]
    public var allocation: CloudSimAllocation
    public var quirks: CloudSimQuirks
    /// Consolidation period and trace step, s (CloudSim: 300).
    public var schedulingIntervalS: Double
    /// Simulation limit, s (CloudSim: 86400).
    public var durationS: Double
    /// Seed of RS's stream.
    public var seed: UInt64

    public init(
        name: String, hostTypes: [CloudSimHostType], hosts: [Int], groups: [CloudSimVMGroup], allocation: CloudSimAllocation,
        quirks: CloudSimQuirks = CloudSimQuirks(), schedulingIntervalS: Double = 300,
        durationS: Double = 86400, seed: UInt64 = 1
    ) {
        self.name = name; self.hostTypes = hostTypes; self.hosts = hosts; self.groups = groups
        self.allocation = allocation; self.quirks = quirks
        self.schedulingIntervalS = schedulingIntervalS; self.durationS = durationS; self.seed = seed
    }
}

/// VMs of one type following members `0..<count` of a workload (a trace).
public struct CloudSimVMGroup {
    public var type: CloudSimVMType
    public var count: Int
    public var workload: any WorkloadSource
    public init(type: CloudSimVMType, count: Int, workload: any WorkloadSource) {
        self.type = type; self.count = count; self.workload = workload
    }
}
