import DatacenterModel

/// What automatic sizing found for one arm (`count: auto`).
public struct SizingOutcome: Sendable, Equatable {
    /// Hosts of the sized group, HA reserve included.
    public var hosts: Int
    /// Hosts held back for HA at that count (``HASettings``), 0 without `ha:`.
    public var reserveHosts: Int
    /// The constraints that fail one host fewer (`memory`, `cpu`, `unmet_cpu`, `cpu_p95`,
    /// `cpu_ready`, `ha`):
    /// what sets the count. Empty only when the group needs no host at all.
    public var binding: [String]
    /// Simulation runs the search made (the final run of the sized arm not included).
    public var runs: Int
    /// The count the reservation bound gave; counts below it were not simulated.
    public var lowerBound: Int
    /// Every count tried, in order, with the constraints it failed (empty = feasible).
    public var tried: [Trial]

    public struct Trial: Sendable, Equatable {
        public var hosts: Int
        public var failed: [String]
        /// Whether the count was simulated (false: excluded by the reservation bound).
        public var simulated = false
        /// Of the run at this count (reserve held back): unserved CPU, percent, and the largest
        /// host CPU percentile, percent; nil where the count was not simulated, or its run
        /// stopped at a VM left unplaced.
        public var unmetCPUPct: Double?
        public var hostCPUPercentileMaxPct: Double?
        /// The largest host CPU ready at that percentile, percent; nil without
        /// `cpu_ready_max_pct` or where the count was not simulated.
        public var hostCPUReadyPercentileMaxPct: Double? = nil
    }
}

/// Why sizing found no count.
public struct SizingFailure: Error, Sendable, CustomStringConvertible {
    public var arm: String
    public var maxHosts: Int
    public var failed: [String]
    public var description: String {
        "arm \(arm): no host count up to \(maxHosts) meets the sizing targets (at \(maxHosts) hosts it fails: \(failed.joined(separator: ", "))); "
            + "a single VM may need more than one host can give (see sizing.unmet_cpu_max_pct and sizing.cpu_target_pct), or raise sizing.max_hosts"
    }
}

/// Automatic sizing of one host group (`count: auto`): the smallest count that meets
/// ``SizingSettings`` with the HA reserve held back.
///
/// **Counts tried.** A lower bound L comes without simulation: the smallest count at which the
/// VMs' reservations (RAM + overhead against RAM × memory overcommit, vCPU MIPS against CPU ×
/// `cpu_overcommit`) fit the arm's capacity with the reserve held back, at least one host
/// left. Counts below L are infeasible by that bound. `.linear` then simulates L, L+1, … and
/// stops at the first feasible count: the smallest feasible count, whatever the shape of
/// feasibility. `.bisect` (the default) simulates L; if infeasible, L+1, L+2, L+4, … (doubling
/// steps) until a feasible count, then bisects between the last infeasible and the first
/// feasible count. Bisection assumes that a count above a feasible one is feasible. That holds
/// for the reservation constraints but not always for packing (a best-fit packing on one host
/// more can leave a hotter host; bin-packing anomalies); the answer is then a feasible count n
/// whose n − 1 was simulated and found infeasible, and `.linear` may find a smaller one below a
/// gap. Both are deterministic (every run uses the scenario's seed).
///
/// **Binding constraint.** The constraints that fail at n − 1 (simulated, or the bound's
/// `memory`, `cpu` or `ha` when n = L).
public enum AutoSizing {
    /// Sizes `arm.autoSizedGroup`.
    /// - Parameters:
    ///   - evaluate: runs an arm and returns its result (the engine's `runArm`; tests count calls).
    ///   - percentileMax: the largest host CPU utilization at the given percentile, percent.
    /// - Returns: the arm at the chosen count (reserve hosts included), the outcome, and —
    ///   for an arm without `ha:`, whose trial at the chosen count ran that very arm — the
    ///   trial's result, so the caller need not run it again (a trial stops only at an
    ///   unplaced VM, which a passing count has none of).
    public static func size(
        _ arm: ArmConfig, groups: [VMGroup], evaluate: (ArmConfig) -> ArmResult,
        percentileMax: (ArmResult, Double) -> Double
    ) throws(SizingFailure) -> (ArmConfig, SizingOutcome, ArmResult?) {
        guard let g = arm.autoSizedGroup else {
            return (arm, SizingOutcome(hosts: 0, reserveHosts: 0, binding: [], runs: 0, lowerBound: 0, tried: []), nil)
        }
        let s = arm.sizing
        let demand = Reservations(arm: arm, groups: groups)
        // the bound, without simulation
        var lower = 0
        var boundFailures: [String] = []
        let vmCount = groups.reduce(0) { $0 + $1.count }
        let maxHosts = s.maxHosts ?? (2 * max(vmCount, 1) + 2)
        while lower <= maxHosts {
            let failures = demand.boundFailures(held(arm.withHostCount(lower, inGroup: g)))
            if failures.isEmpty { break }
            boundFailures = failures
            lower += 1
        }
        var tried: [SizingOutcome.Trial] = []
        var cache: [Int: [String]] = [:]
        var passed: [Int: ArmResult] = [:]  // results of passing trials, kept without ha only
        func failures(_ n: Int) -> [String] {
            if let f = cache[n] { return f }
            var evalArm = held(arm.withHostCount(n, inGroup: g)).withoutFailures()
            evalArm.stopAtFirstUnplacedVM = true
            var f = demand.boundFailures(evalArm)
            var trial = SizingOutcome.Trial(hosts: n, failed: [])
            if f.isEmpty {
                trial.simulated = true
                let r = evaluate(evalArm)
                if r.vmsUnplaced > 0 {
                    // the run stopped at that VM: its other figures cover a part of the run
                    f = [demand.tighterReservation(evalArm)]
                } else {
                    if r.cpuDemandUnmetPct > s.unmetCPUMaxPct { f.append("unmet_cpu") }
                    let p = percentileMax(r, s.cpuPercentile)
                    if p > s.cpuTargetPct { f.append(s.percentileConstraint) }
                    if let readyMax = s.cpuReadyMaxPct {
                        let ready = r.hostCPUReadyPercentileMaxPct(s.cpuPercentile) ?? 0
                        if ready > readyMax { f.append("cpu_ready") }
                        trial.hostCPUReadyPercentileMaxPct = ready
                    }
                    trial.unmetCPUPct = r.cpuDemandUnmetPct
                    trial.hostCPUPercentileMaxPct = p
                    if f.isEmpty && arm.ha == nil && !arm.hasFailures { passed[n] = r }  // trials run without failures
                }
            }
            trial.failed = f
            tried.append(trial)
            cache[n] = f
            return f
        }
        guard lower <= maxHosts else { throw SizingFailure(arm: arm.name, maxHosts: maxHosts, failed: boundFailures) }
        var answer: Int
        switch s.search {
        case .linear:
            answer = lower
            while !failures(answer).isEmpty {
                answer += 1
                if answer > maxHosts { throw SizingFailure(arm: arm.name, maxHosts: maxHosts, failed: failures(maxHosts)) }
            }
        case .bisect:
            if failures(lower).isEmpty {
                answer = lower
            } else {
                var bad = lower, step = 1
                var good = min(lower + step, maxHosts)
                while !failures(good).isEmpty {
                    if good == maxHosts { throw SizingFailure(arm: arm.name, maxHosts: maxHosts, failed: failures(maxHosts)) }
                    bad = good; step *= 2; good = min(lower + step, maxHosts)
                }
                while good - bad > 1 {
                    let mid = (bad + good) / 2
                    if failures(mid).isEmpty { good = mid } else { bad = mid }
                }
                answer = good
            }
        }
        let binding = answer > lower ? failures(answer - 1) : boundFailures
        var sized = arm.withHostCount(answer, inGroup: g)
        sized.applyHAReserve()
        return (
            sized,
            SizingOutcome(
                hosts: answer, reserveHosts: sized.haReserveHosts, binding: binding, runs: tried.filter(\.simulated).count,
                lowerBound: lower, tried: tried),
            passed[answer]
        )
    }

    /// The arm with its HA reserve held back (its largest hosts removed).
    static func held(_ arm: ArmConfig) -> ArmConfig { arm.withoutLargestHosts(arm.haReserveHosts) }

    /// The VMs' reservations, summed once.
    struct Reservations {
        var ramMiB = 0.0, mips = 0.0
        let memRatio: Double, cpuRatio: Double
        init(arm: ArmConfig, groups: [VMGroup]) {
            memRatio = arm.memory?.overcommit ?? 1
            cpuRatio = arm.cpuOvercommit
            for (gi, g) in groups.enumerated() {
                let overhead = arm.memoryOverheadMiBPerGroup?[gi] ?? arm.hypervisor.memoryOverheadMiBPerVM
                ramMiB += Double(g.count) * Double(g.type.ramMiB + overhead)
                mips += Double(g.count) * g.type.cpuCapacityMips
            }
        }
        func capacity(_ arm: ArmConfig) -> (ram: Double, mips: Double) {
            var ram = 0.0, mips = 0.0
            for h in arm.hosts {
                let t = arm.hostTypes[h.typeIndex]
                ram += Double(t.ramMiB) * memRatio
                mips += t.cpuCapacityMips * cpuRatio
            }
            return (ram, mips)
        }
        /// The bound's failures on `arm` (reserve already held back).
        func boundFailures(_ arm: ArmConfig) -> [String] {
            if arm.hosts.isEmpty {
                // no host left: the reserve took them all (`ha`), or there are none yet
                guard ramMiB + mips > 0 else { return [] }
                return arm.hostGroups.contains { $0.count > 0 } ? ["ha"] : ["memory", "cpu"]
            }
            let c = capacity(arm)
            var f: [String] = []
            if ramMiB > c.ram { f.append("memory") }
            if mips > c.mips { f.append("cpu") }
            return f
        }
        /// When placement left VMs out though the totals fit: the reservation that is fuller.
        func tighterReservation(_ arm: ArmConfig) -> String {
            let c = capacity(arm)
            return ramMiB / max(c.ram, 1e-300) >= mips / max(c.mips, 1e-300) ? "memory" : "cpu"
        }
    }
}
