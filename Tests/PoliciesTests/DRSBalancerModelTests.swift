import Policies
import Testing
import TestSupport
@testable import DatacenterModel

@Suite("DRS balancer model")
struct DRSBalancerModelTests {
    /// A cluster of 10,000-MIPS hosts (ids 0, 1, …) and VMs given as (id, host, demand); each
    /// host's demand is the sum of its VMs'.
    func cluster(hosts: Int, capacity: Double = 10_000, _ vms: [(Int, Int, Double)]) -> ([DRSHost], [DRSVM]) {
        let v = vms.map { DRSVM(id: $0.0, host: $0.1, cpuDemand: $0.2) }
        let h = (0..<hosts).map { i in
            DRSHost(id: i, cpuCapacity: capacity, cpuDemand: v.filter { $0.host == i }.reduce(0) { $0 + $1.cpuDemand })
        }
        return (h, v)
    }

    func close(_ a: Double, _ b: Double, _ tol: Double = 1e-12) -> Bool { abs(a - b) <= tol }

    @Test("2 hosts at 78.2% and 21.8%: CHLSD 0.282, priority 6 − ⌈0.282/0.1·√2⌉ = 6 − ⌈3.99⌉ = 2")
    func twoHostPriority() {
        // Population SD of two values = half their difference: (0.782 − 0.218) / 2 = 0.282.
        let sd = DRSBalancerModel.standardDeviation([0.782, 0.218])
        #expect(close(sd, 0.282))
        // 0.282 / 0.1 × √2 = 3.988…, ceil 4, 6 − 4 = 2.
        #expect(close(DRSBalancerModel.imbalanceIndex(chlsd: sd, hostCount: 2), 2.82 * 2.0.squareRoot()))
        #expect(DRSBalancerModel.priority(chlsd: sd, hostCount: 2) == 2)

        // Through a pass: VMs 1 (4,000) and 2 (3,820) on host 0, VM 3 (2,180) on host 1.
        // Moving VM 2: 0.4 / 0.6 → CHLSD 0.1; moving VM 1: 0.382 / 0.618 → 0.118. Threshold 3,
        // N = 2: tolerance 0.1 × 2 / √2 = 0.1414, so one move and done.
        let (h, v) = cluster(hosts: 2, [(1, 0, 4000), (2, 0, 3820), (3, 1, 2180)])
        let pass = DRSBalancerModel().balance(hosts: h, vms: v)
        #expect(close(pass.chlsdBefore, 0.282))
        #expect(close(pass.tolerance, 0.2 / 2.0.squareRoot()))
        #expect(pass.moves.map { [$0.vm, $0.source, $0.target, $0.priority] } == [[2, 0, 1, 2]])
        #expect(close(pass.chlsdAfter, 0.1) && close(pass.moves[0].chlsdAfter, 0.1))
        #expect(pass.stopReason == .withinTolerance)
    }

    @Test("priority is max(2, 6 − ⌈k⌉): k ≤ 1 → 5, k in (3, 4] → 2, k > 4 → 2 (1 is for mandatory moves), 0 → 6")
    func priorityBands() {
        // N = 1: k = CHLSD / 0.1.
        #expect(DRSBalancerModel.priority(chlsd: 0, hostCount: 1) == 6)
        #expect(DRSBalancerModel.priority(chlsd: 0.05, hostCount: 1) == 5)
        #expect(DRSBalancerModel.priority(chlsd: 0.15, hostCount: 1) == 4)
        #expect(DRSBalancerModel.priority(chlsd: 0.25, hostCount: 1) == 3)
        #expect(DRSBalancerModel.priority(chlsd: 0.35, hostCount: 1) == 2)
        #expect(DRSBalancerModel.priority(chlsd: 0.45, hostCount: 1) == 2)
        #expect(DRSBalancerModel.priority(chlsd: 5, hostCount: 1) == 2)
    }

    @Test("tolerance 0.1·(5 − L)/√N: N = 4 → 0.15, 0.1, 0.05, 0.001 (floor); N = 16 → 0.075, 0.05, 0.025, 0.001; L = 1 → never")
    func tolerancePerLevel() {
        for n in [4, 16] {
            #expect(DRSBalancerModel.tolerance(threshold: 1, hostCount: n) == .infinity)
        }
        // √4 = 2.
        #expect(close(DRSBalancerModel.tolerance(threshold: 2, hostCount: 4), 0.3 / 2))
        #expect(close(DRSBalancerModel.tolerance(threshold: 3, hostCount: 4), 0.2 / 2))
        #expect(close(DRSBalancerModel.tolerance(threshold: 4, hostCount: 4), 0.1 / 2))
        #expect(DRSBalancerModel.tolerance(threshold: 5, hostCount: 4) == DRSBalancerModel.minimumTolerance)
        // √16 = 4.
        #expect(close(DRSBalancerModel.tolerance(threshold: 2, hostCount: 16), 0.3 / 4))
        #expect(close(DRSBalancerModel.tolerance(threshold: 3, hostCount: 16), 0.2 / 4))
        #expect(close(DRSBalancerModel.tolerance(threshold: 4, hostCount: 16), 0.1 / 4))
        #expect(DRSBalancerModel.tolerance(threshold: 5, hostCount: 16) == 0.001)
    }

    @Test("balancing ⟺ priority ≤ threshold, and ⟺ CHLSD > tolerance (off the exact boundaries)")
    func thresholdLaw() {
        for n in [2, 3, 4, 16, 64] {
            for level in 1...5 {
                let m = DRSBalancerModel(threshold: level)
                for i in 0..<700 {
                    let chlsd = 0.0013 + Double(i) * 0.000_713
                    let byPriority = level >= 2 && DRSBalancerModel.priority(chlsd: chlsd, hostCount: n) <= level
                    #expect(m.isImbalanced(chlsd: chlsd, hostCount: n) == byPriority, "N \(n) L \(level) CHLSD \(chlsd)")
                    #expect(
                        m.isImbalanced(chlsd: chlsd, hostCount: n) == (chlsd > m.tolerance(hostCount: n)),
                        "N \(n) L \(level) CHLSD \(chlsd)")
                }
            }
        }
    }

    @Test("3 hosts at 60/20/10%: the greedy moves VM 1 (25%) to host 2 and stops within tolerance")
    func threeHostHandCase() {
        // Host 0: VMs 1 (2,500), 2 (2,000), 3 (1,500) = 60%; host 1: VM 4 (2,000) = 20%;
        // host 2: VM 5 (1,000) = 10%. Mean 30%; CHLSD = √((0.3² + 0.1² + 0.2²)/3) = √(0.14/3) = 0.2160.
        // Threshold 3, N = 3: tolerance 0.2/√3 = 0.1155. Best moves (CHLSD after):
        //   VM 1 → host 2: 35/20/35 → √(0.015/3) = 0.0707   ← chosen
        //   VM 2 → host 2: 40/20/30 → √(0.02/3)  = 0.0816
        //   VM 3 → host 2: 45/20/25 → √(0.035/3) = 0.1080
        //   VM 1 → host 1: 35/45/10 → √(0.065/3) = 0.1472
        // 0.0707 ≤ 0.1155: stop. Priority: 0.2160/0.1·√3 = 3.74 → 6 − 4 = 2.
        let (h, v) = cluster(hosts: 3, [(1, 0, 2500), (2, 0, 2000), (3, 0, 1500), (4, 1, 2000), (5, 2, 1000)])
        let pass = DRSBalancerModel(threshold: 3).balance(hosts: h, vms: v)
        #expect(close(pass.chlsdBefore, (0.14 / 3).squareRoot()))
        #expect(close(pass.tolerance, 0.2 / 3.0.squareRoot()))
        #expect(pass.moves == [DRSMove(vm: 1, source: 0, target: 2, priority: 2, chlsdAfter: pass.chlsdAfter)])
        #expect(close(pass.chlsdAfter, (0.015 / 3).squareRoot()))
        #expect(pass.stopReason == .withinTolerance)
    }

    @Test("the same cluster at threshold 5 goes on: VM 5 → host 1, then no move improves")
    func threeHostAggressive() {
        // After VM 1 → host 2 (35/20/35), host 2 holds VMs 5 (10%) and 1 (moved; one move per VM
        // per pass). VM 5 → host 1: 35/30/25 → √(0.005/3) = 0.0408. Then (host 0: VMs 2, 3;
        // host 1: VMs 4, 5 moved; host 2: VM 1 moved) every move raises CHLSD: VM 3 → host 2
        // gives 20/30/40 (√(0.02/3)), VM 2 → host 2 gives 15/30/45.
        let (h, v) = cluster(hosts: 3, [(1, 0, 2500), (2, 0, 2000), (3, 0, 1500), (4, 1, 2000), (5, 2, 1000)])
        let pass = DRSBalancerModel(threshold: 5).balance(hosts: h, vms: v)
        #expect(pass.moves.map { [$0.vm, $0.source, $0.target] } == [[1, 0, 2], [5, 2, 1]])
        // Second move's priority: CHLSD 0.0707/0.1·√3 = 1.22 → 6 − 2 = 4.
        #expect(pass.moves.map(\.priority) == [2, 4])
        #expect(close(pass.chlsdAfter, (0.005 / 3).squareRoot()))
        #expect(pass.stopReason == .noImprovingMove)
    }

    @Test("ties break by lowest VM id, then lowest host id, whatever the input order")
    func ties() {
        // Host 20 holds three 2,000-MIPS VMs (60%), hosts 10 and 30 are empty. Every first move
        // lowers CHLSD alike: VM 3 (lowest id) → host 10 (lowest id). Then 20/40/0: VM 5 → host
        // 30 gives 20/20/20, CHLSD 0 (VM 9 ties with it and loses).
        let hosts = [
            DRSHost(id: 20, cpuCapacity: 10_000, cpuDemand: 6000),
            DRSHost(id: 30, cpuCapacity: 10_000, cpuDemand: 0),
            DRSHost(id: 10, cpuCapacity: 10_000, cpuDemand: 0)
        ]
        let vms = [
            DRSVM(id: 9, host: 20, cpuDemand: 2000), DRSVM(id: 5, host: 20, cpuDemand: 2000),
            DRSVM(id: 3, host: 20, cpuDemand: 2000)
        ]
        let m = DRSBalancerModel()
        let pass = m.balance(hosts: hosts, vms: vms)
        #expect(pass.moves.map { [$0.vm, $0.source, $0.target] } == [[3, 20, 10], [5, 20, 30]])
        #expect(pass.chlsdAfter < 1e-12 && pass.stopReason == .withinTolerance)
        #expect(m.balance(hosts: hosts.reversed(), vms: vms.reversed()) == pass)
        #expect(m.balance(hosts: [hosts[2], hosts[0], hosts[1]], vms: [vms[1], vms[2], vms[0]]) == pass)
    }

    @Test("threshold 1 makes no load-balancing move, however unbalanced")
    func thresholdOne() {
        let (h, v) = cluster(hosts: 3, [(1, 0, 3000), (2, 0, 3000), (3, 0, 3000)])
        let pass = DRSBalancerModel(threshold: 1).balance(hosts: h, vms: v)
        #expect(pass.moves.isEmpty && pass.tolerance == .infinity && pass.stopReason == .withinTolerance)
        #expect(close(pass.chlsdBefore, pass.chlsdAfter) && pass.chlsdBefore > 0.4)
    }

    @Test("level 5 leaves a cluster within 0.001 alone (rounding noise never moves a VM)")
    func levelFiveFloor() {
        // 50.05% / 49.95%: CHLSD 0.0005 ≤ 0.001.
        let (h, v) = cluster(hosts: 2, [(1, 0, 5000), (2, 0, 5), (3, 1, 4995)])
        let pass = DRSBalancerModel(threshold: 5).balance(hosts: h, vms: v)
        #expect(pass.moves.isEmpty && pass.stopReason == .withinTolerance)
        #expect(close(pass.chlsdBefore, 0.0005, 1e-12))
    }

    @Test("a move must cut CHLSD by ≥ min_improvement: 0.5% is refused at 1%, taken at 0")
    func minimumImprovement() {
        // Host 0: VMs 1 (4,980.1) and 2 (39.9) = 50.2%; host 1: VM 3 (4,980) = 49.8%. CHLSD
        // 0.002. Moving VM 2 (0.399%) gives 49.801 / 50.199: CHLSD (0.004 − 2 × 0.00399) / 2 in
        // magnitude = 0.00199, a 0.5% cut; every other move is worse.
        let (h, v) = cluster(hosts: 2, [(1, 0, 4980.1), (2, 0, 39.9), (3, 1, 4980)])
        let strict = DRSBalancerModel(threshold: 5).balance(hosts: h, vms: v)
        #expect(strict.moves.isEmpty && strict.stopReason == .noImprovingMove)
        #expect(close(strict.chlsdBefore, 0.002, 1e-12))
        let eager = DRSBalancerModel(threshold: 5, minImprovement: 0).balance(hosts: h, vms: v)
        #expect(eager.moves.map(\.vm) == [2])
        #expect(close(eager.chlsdAfter, (0.004 - 2 * 0.00399) / -2, 1e-12))
        #expect(eager.stopReason == .noImprovingMove)
    }

    // Host 0: VMs 1 (6,000) and 2 (3,000) = 90%; host 1: VM 3 (1,000) = 10%. CHLSD 0.4;
    // threshold 3, N = 2: tolerance 0.1414. Unconstrained: VM 2 → host 1 (60/40, CHLSD 0.1).
    // Without VM 2's move: VM 1 → host 1 (30/70, 0.2), then VM 3 → host 0 (40/60, 0.1).
    let constrained = [(1, 0, 6000.0), (2, 0, 3000.0), (3, 1, 1000.0)]

    @Test("the caller's feasibility check is honoured and sees the projected target")
    func feasibilityClosure() {
        let (h, v) = cluster(hosts: 2, constrained)
        let free = DRSBalancerModel().balance(hosts: h, vms: v)
        #expect(free.moves.map { [$0.vm, $0.source, $0.target] } == [[2, 0, 1]])
        let vetoed = DRSBalancerModel().balance(hosts: h, vms: v) { vm, _ in vm.id != 2 }
        #expect(vetoed.moves.map { [$0.vm, $0.source, $0.target] } == [[1, 0, 1], [3, 1, 0]])
        #expect(close(vetoed.chlsdAfter, 0.1) && vetoed.stopReason == .withinTolerance)
        // The target handed to the check is projected: after VM 1's move host 0 holds 3,000.
        var seen: [(Int, Double)] = []
        _ = DRSBalancerModel().balance(hosts: h, vms: v) { vm, t in
            seen.append((vm.id, t.cpuDemand)); return vm.id != 2
        }
        #expect(seen.contains { $0.0 == 3 && $0.1 == 3000 })
    }

    @Test("reservations and the load cap are honoured")
    func feasibilityBuiltIn() {
        let (h, v) = cluster(hosts: 2, constrained)
        // VM 2 reserves 4 GiB; host 1 has 2 of its 4 GiB reserved: VM 2 does not fit, VM 1 does.
        var hm = h, vm = v
        hm[1].memoryReservableMiB = 4096; hm[1].memoryReservedMiB = 2048
        vm[0].memoryReservationMiB = 1024; vm[1].memoryReservationMiB = 4096
        #expect(DRSBalancerModel().balance(hosts: hm, vms: vm).moves.map(\.vm) == [1, 3])
        // CPU reservations likewise.
        var hc = h, vc = v
        hc[1].cpuReservable = 5000; hc[1].cpuReserved = 1000; vc[1].cpuReservation = 4001
        #expect(DRSBalancerModel().balance(hosts: hc, vms: vc).moves.map(\.vm) == [1, 3])
        // Load cap 0.35: host 1 with VM 2 would be at 40%, with VM 1 at 70%: no move.
        let capped = DRSBalancerModel().balance(hosts: h, vms: v, loadCap: 0.35)
        #expect(capped.moves.isEmpty && capped.stopReason == .noImprovingMove)
        // A VM that may not move stays.
        var vp = v
        vp[1].movable = false
        #expect(DRSBalancerModel().balance(hosts: h, vms: vp).moves.map(\.vm) == [1, 3])
    }

    @Test("move limits: per pass, and per source host (MaxMovesPerHost)")
    func limits() {
        let hosts = [
            DRSHost(id: 0, cpuCapacity: 10_000, cpuDemand: 6000),
            DRSHost(id: 1, cpuCapacity: 10_000, cpuDemand: 0),
            DRSHost(id: 2, cpuCapacity: 10_000, cpuDemand: 0)
        ]
        let vms = [1, 2, 3].map { DRSVM(id: $0, host: 0, cpuDemand: 2000) }
        let one = DRSBalancerModel(maxMovesPerPass: 1).balance(hosts: hosts, vms: vms)
        #expect(one.moves.map(\.vm) == [1] && one.stopReason == .moveLimit)
        let perHost = DRSBalancerModel(maxMovesPerHost: 1).balance(hosts: hosts, vms: vms)
        #expect(perHost.moves.map(\.vm) == [1] && perHost.stopReason == .noImprovingMove)
        #expect(DRSBalancerModel().balance(hosts: hosts, vms: vms).moves.count == 2)
    }

    @Test("a single host or an empty cluster: nothing to balance")
    func degenerate() {
        let one = DRSBalancerModel(threshold: 5).balance(
            hosts: [DRSHost(id: 0, cpuCapacity: 1, cpuDemand: 1)],
            vms: [DRSVM(id: 0, host: 0, cpuDemand: 1)])
        #expect(one.moves.isEmpty && one.chlsdBefore == 0)
        #expect(DRSBalancerModel().balance(hosts: [], vms: []).moves.isEmpty)
    }

    @Test("check names the parameter and its range")
    func checks() {
        #expect(
            DRSBalancerModel.check(threshold: 0, minImprovement: 0.01, maxMovesPerPass: nil, maxMovesPerHost: 8)?
                .hasPrefix("threshold: expected an integer between 1 and 5") == true)
        #expect(DRSBalancerModel.check(threshold: 6, minImprovement: 0.01, maxMovesPerPass: nil, maxMovesPerHost: 8) != nil)
        #expect(
            DRSBalancerModel.check(threshold: 3, minImprovement: 1, maxMovesPerPass: nil, maxMovesPerHost: 8)?
                .hasPrefix("minImprovement") == true)
        #expect(
            DRSBalancerModel.check(threshold: 3, minImprovement: 0, maxMovesPerPass: 0, maxMovesPerHost: 8)?
                .hasPrefix("maxMovesPerPass") == true)
        #expect(DRSBalancerModel.check(threshold: 3, minImprovement: 0, maxMovesPerPass: nil, maxMovesPerHost: nil) == nil)
    }

    @Test("random heterogeneous clusters: each move is the brute-force best, CHLSD falls, caps hold, order-free")
    func randomClusters() {
        var rng = SplitMix64(state: 2026)
        var totalMoves = 0
        for seed in 0..<200 {
            let n = 2 + rng.int(7)
            var hosts = (0..<n).map { DRSHost(id: $0 * 3 + 1, cpuCapacity: [8000.0, 10_000, 16_000][rng.int(3)], cpuDemand: 0) }
            var vms: [DRSVM] = []
            for j in 0..<(n + rng.int(4 * n)) {
                let i = rng.int(n)
                vms.append(DRSVM(id: 100 - j, host: hosts[i].id, cpuDemand: rng.uniform(0, 3000)))
                hosts[i].cpuDemand += vms.last!.cpuDemand
            }
            let cap = rng.uniform(0.6, 1.2)
            let m = DRSBalancerModel(threshold: 2 + rng.int(4), minImprovement: 0, maxMovesPerHost: nil)
            let pass = m.balance(hosts: hosts, vms: vms, loadCap: cap)
            totalMoves += pass.moves.count

            // Replay the moves; check each against a brute-force scan of every allowed move.
            var demand = Dictionary(uniqueKeysWithValues: hosts.map { ($0.id, $0.cpuDemand) })
            let capacity = Dictionary(uniqueKeysWithValues: hosts.map { ($0.id, $0.cpuCapacity) })
            var location = Dictionary(uniqueKeysWithValues: vms.map { ($0.id, $0.host) })
            var movedVMs: Set<Int> = []
            func sd() -> Double { DRSBalancerModel.standardDeviation(hosts.map { demand[$0.id]! / $0.cpuCapacity }) }
            var last = sd()
            #expect(close(pass.chlsdBefore, last, 1e-12))
            for move in pass.moves {
                var bestSD = Double.infinity
                for v in vms where !movedVMs.contains(v.id) && v.cpuDemand > 0 {
                    for t in hosts where t.id != location[v.id]! && (demand[t.id]! + v.cpuDemand) / t.cpuCapacity <= cap {
                        demand[location[v.id]!]! -= v.cpuDemand; demand[t.id]! += v.cpuDemand
                        bestSD = min(bestSD, sd())
                        demand[location[v.id]!]! += v.cpuDemand; demand[t.id]! -= v.cpuDemand
                    }
                }
                let d = vms.first { $0.id == move.vm }!.cpuDemand
                #expect(location[move.vm] == move.source)
                demand[move.source]! -= d; demand[move.target]! += d
                location[move.vm] = move.target; movedVMs.insert(move.vm)
                let now = sd()
                #expect(close(now, bestSD, 1e-9), "seed \(seed): chosen move is the best (\(now) vs \(bestSD))")
                #expect(now < last, "seed \(seed): CHLSD falls")
                #expect(demand[move.target]! / capacity[move.target]! <= cap + 1e-12)
                #expect(close(now, move.chlsdAfter, 1e-12))
                last = now
            }
            #expect(close(pass.chlsdAfter, last, 1e-12))
            if pass.stopReason == .withinTolerance { #expect(!m.isImbalanced(chlsd: last, hostCount: n)) }
            let shuffled = vms.shuffledDeterministically(&rng)
            #expect(
                m.balance(hosts: hosts.reversed(), vms: shuffled, loadCap: cap) == pass,
                "seed \(seed): independent of input order")
        }
        #expect(totalMoves > 200, "the cases exercise the greedy (\(totalMoves) moves)")
    }
}

private extension Array {
    func shuffledDeterministically(_ rng: inout SplitMix64) -> [Element] {
        var a = self
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, rng.int(i + 1)) }
        return a
    }
}

@Suite("DRS balancer model: reservations across a pass")
struct DRSReservationPropertyTests {
    /// The engine reserves every target of a pass before any move starts, and a source frees a
    /// VM's reservation only when its move completes. Replaying each pass that way, no host may
    /// be reserved beyond what it may reserve. (A pass that counted a source's reservation as
    /// freed for a later move onto it trapped the engine: "allocation does not fit".)
    @Test("on 300 random tight clusters, no pass reserves a host beyond its limits")
    func reservationsHold() {
        var rng = SplitMix64(state: 77)
        func unit() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        for _ in 0..<300 {
            let n = 2 + Int(rng.next() % 6)
            let capacities = (0..<n).map { _ in [8000.0, 12000, 16000][Int(rng.next() % 3)] }
            var vms: [DRSVM] = []
            var memory = [Double](repeating: 0, count: n), cpu = [Double](repeating: 0, count: n)
            var demand = [Double](repeating: 0, count: n)
            for id in 0..<(n * 3) {
                let h = Int(rng.next() % UInt64(n))
                let mem = Double(1 + rng.next() % 4) * 1024, res = Double(1 + rng.next() % 4) * 1000
                let d = unit() * 6000
                vms.append(DRSVM(id: id, host: h, cpuDemand: d, cpuReservation: res, memoryReservationMiB: mem))
                memory[h] += mem; cpu[h] += res; demand[h] += d
            }
            // limits: what is reserved now plus a little room, so moves chain through full hosts
            let memLimit = (0..<n).map { memory[$0] + Double(rng.next() % 3) * 1024 }
            let cpuLimit = (0..<n).map { cpu[$0] + Double(rng.next() % 3) * 1000 }
            let hosts = (0..<n).map {
                DRSHost(
                    id: $0, cpuCapacity: capacities[$0], cpuDemand: demand[$0], cpuReservable: cpuLimit[$0], cpuReserved: cpu[$0],
                    memoryReservableMiB: memLimit[$0], memoryReservedMiB: memory[$0])
            }
            let pass = DRSBalancerModel(threshold: 5).balance(hosts: hosts, vms: vms)
            var mem = memory, res = cpu
            for m in pass.moves {
                let v = vms[m.vm]
                mem[m.target] += v.memoryReservationMiB
                res[m.target] += v.cpuReservation
                #expect(mem[m.target] <= memLimit[m.target] && res[m.target] <= cpuLimit[m.target], "move \(m.vm) onto host \(m.target)")
            }
        }
    }
}
