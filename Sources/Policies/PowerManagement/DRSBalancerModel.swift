/// One host of a DRS cluster at a balancing pass (input of `DRSBalancerModel.balance`).
///
/// Pass only the hosts that take part: powered on, not booting, not in standby and not being
/// evacuated (by DPM or for maintenance). CPU in any consistent unit (MIPS), memory in MiB.
/// The same type is handed to the caller's feasibility check with the *projected* values (the
/// moves already chosen in the pass applied).
public struct DRSHost: Sendable, Equatable {
    /// Stable host id (ties break by ascending id).
    public var id: Int
    /// CPU capacity, > 0 (the denominator of the host load).
    public var cpuCapacity: Double
    /// All CPU demand on the host, ≥ 0, with hypervisor overhead: its VMs (listed or not, e.g.
    /// VMs migrating in) — the numerator of the host load.
    public var cpuDemand: Double
    /// CPU that may be reserved on the host (capacity × overcommit); `.infinity` = no limit.
    public var cpuReservable: Double
    /// CPU reserved on the host now (every VM on it or arriving).
    public var cpuReserved: Double
    /// Memory that may be reserved on the host, MiB; `.infinity` = no limit.
    public var memoryReservableMiB: Double
    /// Memory reserved on the host now, MiB (VM RAM + per-VM overhead).
    public var memoryReservedMiB: Double

    /// A host; reservations default to non-binding.
    public init(
        id: Int, cpuCapacity: Double, cpuDemand: Double,
        cpuReservable: Double = .infinity, cpuReserved: Double = 0,
        memoryReservableMiB: Double = .infinity, memoryReservedMiB: Double = 0
    ) {
        self.id = id; self.cpuCapacity = cpuCapacity; self.cpuDemand = cpuDemand
        self.cpuReservable = cpuReservable; self.cpuReserved = cpuReserved
        self.memoryReservableMiB = memoryReservableMiB; self.memoryReservedMiB = memoryReservedMiB
    }

    /// Host load: CPU demand / CPU capacity (KB 1007485).
    public var load: Double { cpuDemand / cpuCapacity }
}

/// One VM that DRS may move (input of `DRSBalancerModel.balance`).
public struct DRSVM: Sendable, Equatable {
    /// Stable VM id (ties break by ascending id).
    public var id: Int
    /// Id of the host it runs on (one of the hosts passed to `balance`).
    public var host: Int
    /// CPU demand, ≥ 0, in the host's terms (with hypervisor overhead); included in its host's
    /// `cpuDemand`.
    public var cpuDemand: Double
    /// CPU it reserves on a host (vCPUs × MIPS per vCPU).
    public var cpuReservation: Double
    /// Memory it reserves on a host, MiB (RAM + per-VM overhead).
    public var memoryReservationMiB: Double
    /// False for a VM DRS must leave where it is (migrating, pinned by a rule).
    public var movable: Bool

    /// A VM; reservations default to 0 (always fit).
    public init(
        id: Int, host: Int, cpuDemand: Double, cpuReservation: Double = 0,
        memoryReservationMiB: Double = 0, movable: Bool = true
    ) {
        self.id = id; self.host = host; self.cpuDemand = cpuDemand; self.cpuReservation = cpuReservation
        self.memoryReservationMiB = memoryReservationMiB; self.movable = movable
    }
}

/// One load-balancing recommendation: migrate `vm` from `source` to `target`.
public struct DRSMove: Sendable, Equatable {
    public var vm: Int
    public var source: Int
    public var target: Int
    /// Priority of the recommendation, 2–5: `DRSBalancerModel.priority` of the CHLSD before it.
    public var priority: Int
    /// CHLSD once this move (and the earlier ones of the pass) are applied.
    public var chlsdAfter: Double

    public init(vm: Int, source: Int, target: Int, priority: Int, chlsdAfter: Double) {
        self.vm = vm; self.source = source; self.target = target; self.priority = priority; self.chlsdAfter = chlsdAfter
    }
}

/// What one DRS pass recommends, with the figures to log.
public struct DRSPass: Sendable, Equatable {
    /// Why the pass stopped.
    public enum StopReason: String, Sendable {
        /// CHLSD ≤ tolerance: the cluster is balanced at this threshold (always at threshold 1).
        case withinTolerance = "within_tolerance"
        /// No allowed move reduces CHLSD by at least the minimum improvement.
        case noImprovingMove = "no_improving_move"
        /// `maxMovesPerPass` moves were chosen.
        case moveLimit = "move_limit"
    }
    /// Moves in the order chosen (apply in this order).
    public var moves: [DRSMove]
    /// Current host load standard deviation before the pass.
    public var chlsdBefore: Double
    /// CHLSD with every move applied (projected).
    public var chlsdAfter: Double
    /// CHLSD at or below which no load-balancing move is made (`DRSBalancerModel.tolerance`).
    public var tolerance: Double
    /// Hosts in the computation (N).
    public var hostCount: Int
    public var stopReason: StopReason

    public init(
        moves: [DRSMove], chlsdBefore: Double, chlsdAfter: Double, tolerance: Double,
        hostCount: Int, stopReason: StopReason
    ) {
        self.moves = moves; self.chlsdBefore = chlsdBefore; self.chlsdAfter = chlsdAfter
        self.tolerance = tolerance; self.hostCount = hostCount; self.stopReason = stopReason
    }
}

/// A pre-7.0, cluster-centric vSphere-DRS-like load balancer as a pure function of one pass.
///
/// **Metric** (VMware KB 1007485, as quoted in "The Math Behind the DRS Stars", vbrownbag.com,
/// June 2010): "for each host, compute the load on the host as sum(expected VM loads) /
/// (capacity of host). Then compute the standard deviation of the host load metric across all
/// hosts" — the *current host load standard deviation* (CHLSD), here the population standard
/// deviation of `DRSHost.load` over the N hosts passed. ASSUMPTIONS: the load is CPU only and a
/// VM's expected load is its current CPU demand (the KB's entitlements equal demand when nothing
/// is contended); N counts the hosts passed (powered on, not in standby or evacuation), not the
/// standby hosts of the cluster.
///
/// **Priority and threshold** (same source; `DomainModels.md` B5): a load-balancing
/// recommendation has priority 6 − ⌈CHLSD / 0.1 × √N⌉; priority 1 is reserved for mandatory
/// moves (maintenance, affinity, reservations), so load balancing gets max(2, …). Migration
/// threshold L (1–5, default 3) applies priorities ≤ L (level 1 only priority 1, level 3
/// priorities 1–3, level 5 all). With k = CHLSD / 0.1 × √N and L ≥ 2: 6 − ⌈k⌉ ≤ L ⟺ ⌈k⌉ ≥ 6 − L
/// ⟺ k > 5 − L, so DRS balances while
///
///     CHLSD > tolerance(L, N) = 0.1 × (5 − L) / √N      (L = 2…5; never at L = 1)
///
/// The model decides with k itself, so "balance" and "priority ≤ L" agree exactly. ASSUMPTION:
/// at level 5 the formula gives tolerance 0 ("any imbalance"); a CHLSD ≤ `minimumTolerance`
/// (0.001, a tenth of a percentage point of load) counts as balanced at every level, so rounding
/// noise never moves a VM.
///
/// **A pass** (every 5 min pre-7.0, B5): greedy hill-climbing. Repeatedly take the single move
/// (VM on host a → host b) that lowers CHLSD the most, apply it to the projected loads, and stop
/// when CHLSD ≤ tolerance, when the best move lowers CHLSD by less than `minImprovement` × CHLSD
/// (ASSUMPTION: 1% by default — vSphere's cost-benefit filter is not published in this form; it
/// keeps level 5 from migrating for negligible gains), or after `maxMovesPerPass` moves. A move
/// is allowed when the VM is movable and has not moved yet in this pass (ASSUMPTION: one
/// recommendation per VM per pass), its source has made fewer than `maxMovesPerHost` moves in the
/// pass, the target's projected load with the VM stays ≤ `loadCap` (1.0, or DPM's upper edge),
/// its CPU and memory reservations fit the target's projected reservations (a source keeps the
/// reservations of VMs leaving it in the pass: they are freed when the moves complete), and the
/// caller's `canMove` agrees.
///
/// Moving demand d from host a to host b changes N·variance by
/// Δ = ΔS₂ − ΔS₁(2S₁ + ΔS₁)/N, with x = d/C_a, y = d/C_b, ΔS₁ = y − x,
/// ΔS₂ = x² − 2·l_a·x + y² + 2·l_b·y (S₁ = Σ l, S₂ = Σ l²): O(1) per candidate, free of the
/// cancellation in S₂/N − (S₁/N)². Candidates are scanned by ascending VM id, then ascending
/// target host id, and a later candidate wins only if its Δ is lower by more than
/// `tieTolerance`, so ties break to the lowest VM id, then the lowest host id. A move counts as
/// improving only if Δ < −`tieTolerance`.
///
/// Laws: CHLSD strictly decreases with every move; no move is made when the pass starts within
/// tolerance; every projected target load stays ≤ `loadCap`; the result does not depend on the
/// order of `hosts` or `vms`.
public struct DRSBalancerModel: Sendable, Equatable {
    /// Migration threshold, 1 (conservative: mandatory moves only, so no load balancing) to 5
    /// (aggressive). Default 3 (vSphere's default, B5).
    public var threshold: Int
    /// Least relative CHLSD reduction a move must bring, fraction in [0, 1). Default 0.01.
    public var minImprovement: Double
    /// Most moves in one pass; nil = no cluster-wide limit (the default: vSphere limits moves
    /// per host, see `maxMovesPerHost`).
    public var maxMovesPerPass: Int?
    /// Most moves out of one source host in one pass; nil = no limit. Default 8: DRS's
    /// `MaxMovesPerHost` (Frank Denneman, "DRS 4.1 adaptive MaxMovesPerHost", 2010: "the maximum
    /// migrations from a single host on each DRS invocation", default 8, no limit for hosts
    /// entering maintenance or standby; "you can still see 30 or 40 vMotion operations in the
    /// cluster during a DRS invocation"). ASSUMPTION: the static pre-4.1 value; 4.1 made it
    /// adaptive (moves that can complete within one interval, from observed migration times).
    public var maxMovesPerHost: Int?

    /// CHLSD at or below which a cluster counts as balanced at every threshold (ASSUMPTION).
    public static let minimumTolerance = 0.001
    /// Differences in N·variance below this are treated as ties (and as no improvement).
    public static let tieTolerance = 1e-12

    /// A balancer. - Precondition: `check` passes.
    public init(
        threshold: Int = 3, minImprovement: Double = 0.01, maxMovesPerPass: Int? = nil,
        maxMovesPerHost: Int? = 8
    ) {
        self.threshold = threshold; self.minImprovement = minImprovement
        self.maxMovesPerPass = maxMovesPerPass; self.maxMovesPerHost = maxMovesPerHost
        let problem = Self.check(
            threshold: threshold, minImprovement: minImprovement,
            maxMovesPerPass: maxMovesPerPass, maxMovesPerHost: maxMovesPerHost)
        precondition(problem == nil, problem ?? "")
    }

    /// Nil if the parameters are valid, else the first problem, naming the parameter.
    public static func check(
        threshold: Int, minImprovement: Double, maxMovesPerPass: Int?,
        maxMovesPerHost: Int?
    ) -> String? {
        if !(1...5).contains(threshold) {
            return "threshold: expected an integer between 1 and 5 (1 = mandatory moves only, 5 = aggressive), found \(threshold)"
        }
        if !(minImprovement >= 0 && minImprovement < 1) {
            return "minImprovement: expected a fraction ≥ 0 and < 1, found \(minImprovement)"
        }
        if let m = maxMovesPerPass, m < 1 { return "maxMovesPerPass: expected an integer ≥ 1, found \(m)" }
        if let m = maxMovesPerHost, m < 1 { return "maxMovesPerHost: expected an integer ≥ 1, found \(m)" }
        return nil
    }

    // MARK: - The metric

    /// Population standard deviation of `loads` (two-pass); 0 for fewer than two.
    /// - Complexity: O(n).
    public static func standardDeviation(_ loads: [Double]) -> Double {
        guard loads.count > 1 else { return 0 }
        let n = Double(loads.count)
        let mean = loads.reduce(0, +) / n
        return (loads.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
    }

    /// k = CHLSD / 0.1 × √N, the imbalance in units of one priority step.
    public static func imbalanceIndex(chlsd: Double, hostCount: Int) -> Double {
        chlsd / 0.1 * Double(hostCount).squareRoot()
    }

    /// Priority of a load-balancing recommendation at this CHLSD: max(2, 6 − ⌈CHLSD / 0.1 × √N⌉)
    /// (KB 1007485). 6 (CHLSD = 0) means no recommendation at any threshold.
    /// - Precondition: `chlsd` ≥ 0, `hostCount` ≥ 1.
    public static func priority(chlsd: Double, hostCount: Int) -> Int {
        precondition(chlsd >= 0 && hostCount >= 1, "priority needs CHLSD ≥ 0 and at least one host")
        let c = imbalanceIndex(chlsd: chlsd, hostCount: hostCount).rounded(.up)
        return c >= 4 ? 2 : 6 - Int(c)
    }

    /// CHLSD at or below which threshold `threshold` makes no load-balancing move among
    /// `hostCount` hosts: max(0.1 × (5 − L) / √N, `minimumTolerance`); `.infinity` at L = 1.
    public static func tolerance(threshold: Int, hostCount: Int) -> Double {
        guard threshold >= 2 else { return .infinity }
        return max(0.1 * Double(5 - threshold) / Double(max(1, hostCount)).squareRoot(), minimumTolerance)
    }

    /// `tolerance(threshold:hostCount:)` at this model's threshold.
    public func tolerance(hostCount: Int) -> Double { Self.tolerance(threshold: threshold, hostCount: hostCount) }

    /// Whether this threshold balances at `chlsd`: L ≥ 2, N ≥ 2, CHLSD > `minimumTolerance` and
    /// priority(CHLSD, N) ≤ L (equivalently k > 5 − L).
    public func isImbalanced(chlsd: Double, hostCount: Int) -> Bool {
        threshold >= 2 && hostCount >= 2 && chlsd > Self.minimumTolerance
            && Self.imbalanceIndex(chlsd: chlsd, hostCount: hostCount) > Double(5 - threshold)
    }

    // MARK: - A pass

    /// One balancing pass over a cluster: the moves to make, in order.
    /// - Parameters:
    ///   - hosts: The hosts taking part (ids unique, `cpuCapacity` > 0), in any order.
    ///   - vms: The VMs DRS may consider (ids unique; each `host` among `hosts`), in any order.
    ///     VMs not listed stay put; their demand is in their host's `cpuDemand`.
    ///   - loadCap: Highest projected load a target may reach, > 0. Default 1.0; pass DPM's
    ///     upper edge (0.81) when DPM runs.
    ///   - canMove: Extra feasibility (affinity rules, NIC, …): may `vm` go to the target, given
    ///     the target's projected state? Called only for candidates that pass the built-in
    ///     checks and would be the best so far; must be pure.
    /// - Returns: The moves, CHLSD before and after, the tolerance and why the pass stopped.
    /// - Complexity: O(M × V × H) for M moves, V VMs and H hosts at worst (each move scans
    ///   every VM × target in O(1) each; a VM whose bound per capacity class cannot beat the
    ///   best move so far skips the class), plus O(V log V + H log H) to sort.
    public func balance(
        hosts: [DRSHost], vms: [DRSVM], loadCap: Double = 1,
        canMove: (_ vm: DRSVM, _ target: DRSHost) -> Bool = { _, _ in true }
    ) -> DRSPass {
        precondition(loadCap > 0, "loadCap must be > 0")
        var proj = hosts.sorted { $0.id < $1.id }
        let n = proj.count
        var index: [Int: Int] = [:]
        index.reserveCapacity(n)
        for (i, h) in proj.enumerated() {
            precondition(h.cpuCapacity > 0, "host \(h.id): cpuCapacity must be > 0")
            precondition(index.updateValue(i, forKey: h.id) == nil, "duplicate host id \(h.id)")
        }
        let vs = vms.sorted { $0.id < $1.id }
        var at = [Int](repeating: 0, count: vs.count)
        for (j, v) in vs.enumerated() {
            precondition(j == 0 || vs[j - 1].id != v.id, "duplicate VM id \(v.id)")
            guard let i = index[v.host] else { preconditionFailure("VM \(v.id) is on host \(v.host), which is not in the pass") }
            at[j] = i
        }
        var loads = proj.map(\.load)
        // Hosts of equal CPU capacity form a class: for a given VM, Δ grows with the target's
        // load within a class, so Δ at the class's least load bounds every target of the class
        // from below (exactly: the same expression, and floating-point + and × are monotone).
        // A class whose bound cannot beat the best move so far is not scanned; the hosts that
        // are scanned keep their order, so the pass is the one a full scan makes.
        var classOf = [Int](repeating: 0, count: n)
        var classCapacity: [Double] = []
        for i in 0..<n {
            if let c = classCapacity.firstIndex(of: proj[i].cpuCapacity) {
                classOf[i] = c
            } else {
                classOf[i] = classCapacity.count
                classCapacity.append(proj[i].cpuCapacity)
            }
        }
        var classMinLoad = [Double](repeating: 0, count: classCapacity.count)
        var classAlive = [Bool](repeating: true, count: classCapacity.count)
        var sigma = Self.standardDeviation(loads)
        let before = sigma, tol = tolerance(hostCount: n)
        var moves: [DRSMove] = []
        var moved = [Bool](repeating: false, count: vs.count)
        var movesOut = [Int](repeating: 0, count: n)
        let nd = Double(n)

        func finish(_ reason: DRSPass.StopReason) -> DRSPass {
            DRSPass(moves: moves, chlsdBefore: before, chlsdAfter: sigma, tolerance: tol, hostCount: n, stopReason: reason)
        }
        while true {
            guard isImbalanced(chlsd: sigma, hostCount: n) else { return finish(.withinTolerance) }
            if let m = maxMovesPerPass, moves.count >= m { return finish(.moveLimit) }
            let s1 = loads.reduce(0, +)
            for c in classMinLoad.indices { classMinLoad[c] = .infinity }
            for i in 0..<n where loads[i] < classMinLoad[classOf[i]] { classMinLoad[classOf[i]] = loads[i] }
            var best: (vm: Int, target: Int, delta: Double)? = nil
            for j in vs.indices where vs[j].movable && !moved[j] && vs[j].cpuDemand > 0 {
                let a = at[j]
                if let m = maxMovesPerHost, movesOut[a] >= m { continue }
                let v = vs[j], d = v.cpuDemand
                let x = d / proj[a].cpuCapacity
                var anyAlive = false
                for c in classCapacity.indices {
                    let y = d / classCapacity[c]
                    let ds1 = y - x
                    let ds2 = x * x - 2 * loads[a] * x + y * y + 2 * classMinLoad[c] * y
                    let bound = ds2 - ds1 * (2 * s1 + ds1) / nd
                    classAlive[c] = bound < -Self.tieTolerance && (best.map { bound < $0.delta - Self.tieTolerance } ?? true)
                    anyAlive = anyAlive || classAlive[c]
                }
                guard anyAlive else { continue }
                for b in 0..<n where b != a && classAlive[classOf[b]] {
                    let y = d / proj[b].cpuCapacity
                    let ds1 = y - x
                    let ds2 = x * x - 2 * loads[a] * x + y * y + 2 * loads[b] * y
                    let delta = ds2 - ds1 * (2 * s1 + ds1) / nd
                    guard delta < -Self.tieTolerance else { continue }
                    if let best, !(delta < best.delta - Self.tieTolerance) { continue }
                    let t = proj[b]
                    guard (t.cpuDemand + d) / t.cpuCapacity <= loadCap,
                        t.cpuReserved + v.cpuReservation <= t.cpuReservable,
                        t.memoryReservedMiB + v.memoryReservationMiB <= t.memoryReservableMiB,
                        canMove(v, t)
                    else { continue }
                    best = (j, b, delta)
                }
            }
            guard let best else { return finish(.noImprovingMove) }
            let projected = max(0, (nd * sigma * sigma + best.delta) / nd).squareRoot()
            guard sigma - projected >= minImprovement * sigma else { return finish(.noImprovingMove) }

            let v = vs[best.vm], a = at[best.vm], b = best.target
            let priority = Self.priority(chlsd: sigma, hostCount: n)
            // The source keeps the VM's reservations until the move completes (the engine
            // reserves every target of a pass before any move starts): a later move of this
            // pass may not count them as freed.
            proj[a].cpuDemand -= v.cpuDemand
            proj[b].cpuDemand += v.cpuDemand; proj[b].cpuReserved += v.cpuReservation
            proj[b].memoryReservedMiB += v.memoryReservationMiB
            loads[a] = proj[a].load; loads[b] = proj[b].load
            moved[best.vm] = true
            movesOut[a] += 1
            sigma = Self.standardDeviation(loads)
            moves.append(DRSMove(vm: v.id, source: proj[a].id, target: proj[b].id, priority: priority, chlsdAfter: sigma))
        }
    }
}
