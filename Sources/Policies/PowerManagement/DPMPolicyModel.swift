import SimKernel

/// One host's load at a DPM evaluation (input of `DPMPolicyModel.observe`).
///
/// Units: CPU in any consistent unit (MIPS), memory in MiB. A host that is booting counts as
/// on (its capacity is committed); a host shutting down or in standby counts as off.
public struct DPMHostSample: Sendable, Equatable {
    /// Stable host id (ties break by ascending id).
    public var id: Int
    /// On (or booting) vs. standby/off.
    public var isOn: Bool
    /// CPU demand of the host's VMs (with hypervisor overhead), ≥ 0; 0 for hosts that are off.
    public var cpuDemand: Double
    /// CPU capacity, > 0.
    public var cpuCapacity: Double
    /// Memory demand (active memory + overheads), MiB, ≥ 0.
    public var memoryDemandMiB: Double
    /// Memory capacity, MiB, > 0.
    public var memoryCapacityMiB: Double

    /// A host sample; memory defaults make memory non-binding (0 of 1 MiB).
    public init(
        id: Int, isOn: Bool, cpuDemand: Double, cpuCapacity: Double,
        memoryDemandMiB: Double = 0, memoryCapacityMiB: Double = 1
    ) {
        self.id = id; self.isOn = isOn; self.cpuDemand = cpuDemand; self.cpuCapacity = cpuCapacity
        self.memoryDemandMiB = memoryDemandMiB; self.memoryCapacityMiB = memoryCapacityMiB
    }

    /// Demand/capacity ratio: the larger of CPU and memory (DPM weighs both; KB 310527).
    public var utilization: Double { max(cpuDemand / cpuCapacity, memoryDemandMiB / memoryCapacityMiB) }
}

/// What DPM recommends at one evaluation: host ids to power off (evacuate, then standby) and
/// to power on, each in the order chosen.
public struct DPMDecision: Sendable, Equatable {
    /// Hosts to evacuate and put in standby, in order.
    public var powerOff: [Int] = []
    /// Standby hosts to wake, in order.
    public var powerOn: [Int] = []
    /// A decision.
    public init(powerOff: [Int] = [], powerOn: [Int] = []) { self.powerOff = powerOff; self.powerOn = powerOn }
    /// No recommendation.
    public static let none = DPMDecision()
}

/// A vSphere-DPM-like power manager as a pure state machine over utilization samples.
///
/// Source: Broadcom KB 310527 (`DomainModels.md` B5): `DemandCapacityRatioTarget` 63% ±
/// `DemandCapacityRatioToleranceHost` 18% ⇒ keep host demand in 45–81%; power off if all hosts
/// are below 45% over a 40-minute window, power on if above 81% over a 5-minute window; several
/// hosts may be powered off in one pass until the load exceeds 45%; HA admission control keeps
/// enough hosts for failover.
///
/// Rules (times are the sample instants given to `observe`):
/// - Low: every powered-on host's utilization < lower edge (45%). High: some powered-on host's
///   utilization > upper edge (81%). A run of low (high) samples starts at its first sample;
///   DPM acts when `now − start ≥ window` (40 min, 5 min), i.e. with 5-min samples a host goes
///   off at the 9th consecutive low sample (t = 0, 5, …, 40 min). After acting, both runs restart.
/// - Power off: candidates are on hosts by ascending utilization, ties by id. A candidate goes
///   off while the projected cluster utilization (Σ demand / Σ capacity of the hosts left on,
///   CPU and memory alike) is below the lower edge, stays ≤ the upper edge without it, and the
///   HA reserve holds without it.
/// - HA reserve (N + R, R = `haReserveHosts`, 1 for N+1): the hosts left on, minus their R
///   largest (by CPU capacity, then memory), must carry the whole demand at ≤ the upper edge,
///   and at least R + 1 hosts stay on. DPM never powers off below it; if demand grows past it,
///   hosts are powered on at once (no window), as HA admission control would require.
/// - Power on: standby hosts by descending CPU capacity, ties by id, until the projected
///   utilization is ≤ the target (63%, the band's centre — ASSUMPTION: the KB gives triggers,
///   not the power-on target) and the reserve holds.
public struct DPMPolicyModel: Sendable, Equatable {
    /// Target demand/capacity ratio. Default 0.63 (KB 310527).
    public var target: Double
    /// Tolerance around the target. Default 0.18 (KB 310527) ⇒ band 0.45–0.81.
    public var tolerance: Double
    /// How long the cluster must be below the band before powering off. Default 40 min.
    public var powerOffWindow: SimDuration
    /// How long a host must be above the band before powering on. Default 5 min.
    public var powerOnWindow: SimDuration
    /// Hosts kept on beyond those needed (HA failover reserve). Default 1 (N+1).
    public var haReserveHosts: Int

    /// Start of the current run of low samples, if any.
    public private(set) var lowSince: SimTime?
    /// Start of the current run of high samples, if any.
    public private(set) var highSince: SimTime?
    /// Instant of the last sample (samples must come in increasing time).
    public private(set) var lastSample: SimTime?

    /// DPM with KB 310527's defaults: 63% ± 18%, 40 min off window, 5 min on window, N+1.
    /// - Precondition: `check` passes.
    public init(
        target: Double = 0.63, tolerance: Double = 0.18,
        powerOffWindow: SimDuration = .seconds(Int64(40 * 60)),
        powerOnWindow: SimDuration = .seconds(Int64(5 * 60)), haReserveHosts: Int = 1
    ) {
        self.target = target; self.tolerance = tolerance; self.powerOffWindow = powerOffWindow
        self.powerOnWindow = powerOnWindow; self.haReserveHosts = haReserveHosts
        let problem = Self.check(
            target: target, tolerance: tolerance, powerOffWindow: powerOffWindow,
            powerOnWindow: powerOnWindow, haReserveHosts: haReserveHosts)
        precondition(problem == nil, problem ?? "")
    }

    /// Nil if the parameters are valid, else the first problem, naming the parameter.
    public static func check(
        target: Double, tolerance: Double, powerOffWindow: SimDuration,
        powerOnWindow: SimDuration, haReserveHosts: Int
    ) -> String? {
        if !(target > 0 && target < 1) { return "target: expected a fraction strictly between 0 and 1, found \(target)" }
        if !(tolerance >= 0 && target - tolerance > 0 && target + tolerance <= 1) {
            return "tolerance: expected target ± tolerance within (0, 1], found \(target) ± \(tolerance)"
        }
        if powerOffWindow < .zero { return "powerOffWindow: expected a duration >= 0, found \(powerOffWindow.seconds) s" }
        if powerOnWindow < .zero { return "powerOnWindow: expected a duration >= 0, found \(powerOnWindow.seconds) s" }
        if haReserveHosts < 0 { return "haReserveHosts: expected >= 0, found \(haReserveHosts)" }
        return nil
    }

    /// Lower edge of the band: target − tolerance (0.45).
    public var lowerEdge: Double { target - tolerance }
    /// Upper edge of the band: target + tolerance (0.81).
    public var upperEdge: Double { target + tolerance }

    /// Observes the hosts at `now` and returns what to power off and on.
    /// - Precondition: `now` is later than the previous sample.
    /// - Complexity: O(H log H) for H hosts.
    public mutating func observe(now: SimTime, hosts: [DPMHostSample]) -> DPMDecision {
        if let last = lastSample { precondition(now > last, "DPM samples must be in increasing time") }
        lastSample = now
        let on = hosts.filter(\.isOn)
        // HA reserve violated: power on at once.
        if !reserveHolds(on, demandOf: hosts) {
            let decision = DPMDecision(powerOn: powerOnOrder(hosts, on: on, demandOf: hosts))
            lowSince = nil; highSince = nil
            return decision
        }
        let low = !on.isEmpty && on.allSatisfy { $0.utilization < lowerEdge }
        let high = on.contains { $0.utilization > upperEdge }
        lowSince = low ? (lowSince ?? now) : nil
        highSince = high ? (highSince ?? now) : nil
        if let since = highSince, now - since >= powerOnWindow {
            lowSince = nil; highSince = nil
            return DPMDecision(powerOn: powerOnOrder(hosts, on: on, demandOf: hosts))
        }
        if let since = lowSince, now - since >= powerOffWindow {
            lowSince = nil; highSince = nil
            return DPMDecision(powerOff: powerOffOrder(on, demandOf: hosts))
        }
        return .none
    }

    // MARK: - Projections

    /// (CPU, memory) demand of every host (off hosts carry none).
    private func demand(_ hosts: [DPMHostSample]) -> (cpu: Double, mem: Double) {
        hosts.reduce((0, 0)) { ($0.0 + $1.cpuDemand, $0.1 + $1.memoryDemandMiB) }
    }

    /// Projected cluster utilization if the whole demand ran on `set`.
    private func projected(_ set: [DPMHostSample], cpu: Double, mem: Double) -> Double {
        let c = set.reduce(0) { $0 + $1.cpuCapacity }, m = set.reduce(0) { $0 + $1.memoryCapacityMiB }
        if c <= 0 || m <= 0 { return cpu > 0 || mem > 0 ? .infinity : 0 }
        return max(cpu / c, mem / m)
    }

    /// Whether `set` keeps the N + R reserve for the demand of `all`.
    func reserveHolds(_ set: [DPMHostSample], demandOf all: [DPMHostSample]) -> Bool {
        if set.count < haReserveHosts + 1 { return false }
        let d = demand(all)
        let kept = set.sorted { ($0.cpuCapacity, $0.memoryCapacityMiB, -$0.id) > ($1.cpuCapacity, $1.memoryCapacityMiB, -$1.id) }
            .dropFirst(haReserveHosts)
        return projected(Array(kept), cpu: d.cpu, mem: d.mem) <= upperEdge
    }

    private func powerOffOrder(_ on: [DPMHostSample], demandOf all: [DPMHostSample]) -> [Int] {
        let d = demand(all)
        var remaining = on
        var off: [Int] = []
        for c in on.sorted(by: { ($0.utilization, $0.id) < ($1.utilization, $1.id) }) {
            guard projected(remaining, cpu: d.cpu, mem: d.mem) < lowerEdge else { break }
            let without = remaining.filter { $0.id != c.id }
            if projected(without, cpu: d.cpu, mem: d.mem) <= upperEdge && reserveHolds(without, demandOf: all) {
                remaining = without
                off.append(c.id)
            }
        }
        return off
    }

    private func powerOnOrder(_ hosts: [DPMHostSample], on: [DPMHostSample], demandOf all: [DPMHostSample]) -> [Int] {
        let d = demand(all)
        var set = on
        var ids: [Int] = []
        let standby = hosts.filter { !$0.isOn }
            .sorted { ($0.cpuCapacity, $0.memoryCapacityMiB, -$0.id) > ($1.cpuCapacity, $1.memoryCapacityMiB, -$1.id) }
        for h in standby {
            if projected(set, cpu: d.cpu, mem: d.mem) <= target && reserveHolds(set, demandOf: all) { break }
            set.append(h); ids.append(h.id)
        }
        return ids
    }
}
