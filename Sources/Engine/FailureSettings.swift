/// vSphere HA's VM restart priority (vSphere 6.5+ names; vSphere 6.0 had disabled, low, medium,
/// high): the order in which the VMs of a failed host are given capacity. "VM restart priority
/// determines the relative order in which virtual machines are allocated resources after a host
/// failure … highest priority virtual machines placed first and continuing to those with lower
/// priority until all virtual machines have been placed or no more cluster capacity is
/// available … If there are insufficient resources, vSphere HA waits for more unreserved
/// capacity to become available, for example, due to a host coming back online, and then
/// retries" (vSphere 6.0 Availability guide, "VM Restart Priority"). Medium is vSphere's
/// default; `disabled` VMs are not restarted at all.
public enum RestartPriority: String, CaseIterable, Sendable {
    case highest, high, medium, low, lowest, disabled

    /// The order of restart, 0 first; nil for `disabled` (never restarted).
    public var rank: Int? {
        switch self {
        case .highest: 0
        case .high: 1
        case .medium: 2
        case .low: 3
        case .lowest: 4
        case .disabled: nil
        }
    }
}

/// One failure of a `failures: {schedule: …}` list: host `host` (index within its host group)
/// fails at `atS` seconds from the start and is repaired `repairS` seconds later.
public struct ScheduledFailure: Sendable, Equatable {
    /// Index of the host within its host group, 0-based.
    public var host: Int
    /// Failure instant, s from the start, ≥ 0.
    public var atS: Double
    /// Time to repair, s, > 0.
    public var repairS: Double
    public init(host: Int, atS: Double, repairS: Double) { self.host = host; self.atS = atS; self.repairS = repairS }
}

/// Host failures of one host group (`arms[].host_groups[].failures`; <doc:HostFailures>).
///
/// - `exponential(mtbfH:mttrH:)`: each host alternates up and down; its times between failures
///   are exponential with mean `mtbfH` hours (counted from its last repair, whether it is on or
///   off), its repair times exponential with mean `mttrH` hours. Both are inputs: virtsim has
///   no sourced default MTBF for a server. The draws of host k of group g come from a stream
///   derived from (scenario seed, g, k) only, so two arms that differ in the number of hosts of
///   a group see the same failures on the hosts they share (common random numbers).
/// - `schedule`: the listed failures, in time order per host (non-overlapping).
public struct HostFailureSettings: Sendable, Equatable {
    public enum Model: Sendable, Equatable {
        case exponential(mtbfH: Double, mttrH: Double)
        case schedule([ScheduledFailure])
    }
    public var model: Model
    /// From a host's failure to the restart of its VMs elsewhere, s (vSphere HA's failure
    /// detection, election and power-on time together), ≥ 0. An input: no sourced default.
    public var restartDelayS: Double
    public init(model: Model, restartDelayS: Double) { self.model = model; self.restartDelayS = restartDelayS }
}

extension ArmConfig {
    /// Whether any host group of the arm has `failures:`.
    public var hasFailures: Bool { hostGroups.contains { $0.failures != nil } }

    /// This arm with no host failures (automatic sizing's trial runs size for the sizing
    /// targets and the `ha:` reserve, not for one draw of failures).
    public func withoutFailures() -> ArmConfig {
        var arm = self
        for i in arm.hostGroups.indices { arm.hostGroups[i].failures = nil }
        return arm
    }
}
