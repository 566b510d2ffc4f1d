import DatacenterModel

/// How live migrations of a `virtsim`-profile arm move memory, how many run at once, and
/// what they cost (scenario key `migration:` of an arm; `DomainModels.md` B6). Used by every
/// move the engine makes (DPM evacuation and relief, DRS balancing).
public struct MigrationSettings: Sendable, Equatable {
    /// How the bytes of one move are computed.
    public enum Model: Sendable, Equatable {
        /// Configured RAM sent once (the naive model of the CloudSim family, B6).
        case ramOverBandwidth
        /// Iterative pre-copy then stop-and-copy (Clark et al., NSDI 2005; `PreCopyMigration`).
        /// The VM dirties `dirtyRateBytesPerS` at 100% CPU, scaled by its CPU utilization at the
        /// move's start when `dirtyScalesWithCPU` (ASSUMPTION: page dirtying follows activity).
        case preCopy(dirtyRateBytesPerS: Double, dirtyScalesWithCPU: Bool, maxDowntimeS: Double, maxRounds: Int)
    }

    public var model: Model
    /// Concurrent moves per host (sending and receiving together), ≥ 1. Default 8 (vCenter's
    /// host limit, `VMotionLimits.perHost`).
    public var maxPerHost: Int
    /// Concurrent moves through one NIC below 10 Gb/s, ≥ 1. Default 4 (`VMotionLimits.perNetwork1GbE`).
    public var maxPerNIC1GbE: Int
    /// Concurrent moves through one NIC of 10 Gb/s or more, ≥ 1. Default 8 (`VMotionLimits.perNetwork10GbE`).
    public var maxPerNIC10GbE: Int
    /// Energy of one move, E = α·bytes + β, split equally between source and target.
    /// nil = no energy beyond the hosts' power (the VM's CPU is counted on both hosts while in
    /// flight either way). Default `MigrationEnergyModel()` (UNVERIFIED coefficients, see there).
    public var energy: MigrationEnergyModel?

    /// vMotion limits (8 per host, 4 per 1 GbE, 8 per 10 GbE), RAM/bandwidth, default energy.
    public init(
        model: Model = .ramOverBandwidth, maxPerHost: Int = VMotionLimits.perHost,
        maxPerNIC1GbE: Int = VMotionLimits.perNetwork1GbE, maxPerNIC10GbE: Int = VMotionLimits.perNetwork10GbE,
        energy: MigrationEnergyModel? = MigrationEnergyModel()
    ) {
        self.model = model; self.maxPerHost = maxPerHost; self.maxPerNIC1GbE = maxPerNIC1GbE
        self.maxPerNIC10GbE = maxPerNIC10GbE; self.energy = energy
    }

    /// Nil if valid, else the first problem, naming the field.
    public func check() -> String? {
        if maxPerHost < 1 { return "max_per_host: expected an integer >= 1, found \(maxPerHost)" }
        if maxPerNIC1GbE < 1 { return "max_per_1gbe: expected an integer >= 1, found \(maxPerNIC1GbE)" }
        if maxPerNIC10GbE < 1 { return "max_per_10gbe: expected an integer >= 1, found \(maxPerNIC10GbE)" }
        if case .preCopy(let d, _, let t, let n) = model {
            if !(d >= 0 && d.isFinite) { return "dirty_rate: expected finite bytes/s >= 0, found \(d)" }
            if !(t > 0 && t.isFinite) { return "max_downtime: expected a duration > 0, found \(t) s" }
            if n < 1 { return "max_rounds: expected an integer >= 1, found \(n)" }
        }
        return nil
    }

    /// Concurrent moves a host may send through a NIC of `nicGbps`: min(maxPerHost, NIC limit).
    public func maxConcurrent(nicGbps: Double) -> Int {
        min(maxPerHost, nicGbps >= 10 ? maxPerNIC10GbE : maxPerNIC1GbE)
    }
}
