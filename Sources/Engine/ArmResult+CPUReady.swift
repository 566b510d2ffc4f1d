import DatacenterModel
import Stochastic

/// The CPU-ready figures of a run (`CPUContention.md`), read after the run from every host's
/// utilization per sampling interval (`ArmResult.hostCPUUtil`): each (host, interval) pair with
/// the host on is evaluated by ``CPUContention`` at that interval's utilization and the host
/// type's schedulable threads. Both engines; nothing is added to the event loop.
public struct CPUReadyFigures: Sendable, Equatable {
    /// Mean over every (host, interval) pair with the host on of the ready fraction, percent
    /// (each interval weighs the same); 0 if no host was ever on.
    public var meanPct = 0.0
    /// The 95th percentile over the same pairs, percent (GSL's definition, as
    /// `cpu_util_p95_pct`); nil if no host was ever on.
    public var p95Pct: Double? = nil
    /// Share of the served CPU work that waited for a thread (Σ u·capacity·P_W / Σ
    /// u·capacity over the pairs), percent.
    public var delayedServedPct = 0.0
    /// Share of the demanded CPU work delayed (waited for a thread) or not served, percent:
    /// unmet + (100 − unmet) × delayed share of served work.
    public var perfLossPct = 0.0
}

/// Ready figures of one host type per utilization code (`IntervalUtilization`), filled on
/// first use: at most 65,535 evaluations of O(threads) per type, however long the run (the
/// arrays are allocated at the first lookup, so unused types cost nothing).
struct ReadyTable {
    let threads: Int
    private var ready: [Double] = []
    private var waitProbability: [Double] = []

    init(threads: Int) { self.threads = threads }

    /// (ready fraction, probability of waiting) at a stored utilization code.
    mutating func figures(code: UInt16) -> (ready: Double, wait: Double) {
        let i = Int(code)
        if ready.isEmpty {
            ready = Array(repeating: -1, count: Int(IntervalUtilization.offCode))
            waitProbability = ready
        }
        if ready[i] < 0 {
            let f = CPUContention.figures(threads: threads, utilization: Double(code) / IntervalUtilization.scale)
            ready[i] = f.readyFraction
            waitProbability[i] = f.waitProbability
        }
        return (ready[i], waitProbability[i])
    }
}

extension ArmResult {
    /// Fills `cpuReady`, each host row's ready figures, the per-host thread counts and the
    /// host CPU percentiles (`cpuUtilP95Pct`, `cpuUtilMaxPct`), from `hostCPUUtil`.
    /// - Parameters:
    ///   - types: the arm's host types; `typeOfHost[h]` indexes them.
    /// - Complexity: O(H · I log I) for H hosts and I intervals (one sort per host).
    mutating func fillHostFigures(types: [HostType], typeOfHost: [Int]) {
        var tables = types.map { ReadyTable(threads: $0.schedulableThreads) }
        hostThreads = typeOfHost.map { types[$0].schedulableThreads }
        var counts: [[Int]] = types.map { _ in [] }
        var readySum = 0.0, pairs = 0, served = 0.0, delayed = 0.0
        for i in hosts.indices {
            let h = hosts[i].hostId, t = typeOfHost[h]
            let xs = hostCPUUtil.sortedFractions(host: h)
            guard let q = IntervalUtilization.quantiles(sorted: xs, [0.95, 1]) else { continue }
            hosts[i].cpuUtilP95Pct = 100 * q[0]
            hosts[i].cpuUtilMaxPct = 100 * q[1]
            if counts[t].isEmpty { counts[t] = Array(repeating: 0, count: Int(IntervalUtilization.offCode)) }
            let cap = types[t].cpuCapacityMips
            var rs: [Double] = []
            rs.reserveCapacity(xs.count)
            var hostSum = 0.0
            for u in xs {
                let code = UInt16((u * IntervalUtilization.scale).rounded())
                let f = tables[t].figures(code: code)
                rs.append(f.ready)  // ascending: ready grows with utilization
                hostSum += f.ready
                counts[t][Int(code)] += 1
                served += u * cap
                delayed += u * cap * f.wait
            }
            hosts[i].cpuReadyMeanPct = 100 * hostSum / Double(xs.count)
            hosts[i].cpuReadyP95Pct = IntervalUtilization.quantiles(sorted: rs, [0.95]).map { 100 * $0[0] }
            readySum += hostSum
            pairs += xs.count
        }
        var figures = CPUReadyFigures()
        if pairs > 0 {
            figures.meanPct = 100 * readySum / Double(pairs)
            // the pooled percentile from the counts of each (type, code): sorted by ready value
            var values: [(ready: Double, count: Int)] = []
            for t in counts.indices where !counts[t].isEmpty {
                for (code, n) in counts[t].enumerated() where n > 0 { values.append((tables[t].figures(code: UInt16(code)).ready, n)) }
            }
            values.sort { $0.ready < $1.ready }
            figures.p95Pct = 100 * Self.quantile(values, 0.95, total: pairs)
        }
        figures.delayedServedPct = served > 0 ? 100 * delayed / served : 0
        figures.perfLossPct = cpuDemandUnmetPct + (100 - cpuDemandUnmetPct) * figures.delayedServedPct / 100
        cpuReady = figures
    }

    /// GSL's quantile of the multiset given as ascending (value, count) pairs of `total` values.
    static func quantile(_ values: [(ready: Double, count: Int)], _ q: Double, total n: Int) -> Double {
        let index = q * Double(n - 1)
        let lower = Int(index.rounded(.down))
        let delta = index - Double(lower)
        func orderStatistic(_ k: Int) -> Double {
            var seen = 0
            for v in values {
                seen += v.count
                if seen > k { return v.ready }
            }
            return values.last?.ready ?? 0
        }
        return lower == n - 1 ? orderStatistic(lower) : (1 - delta) * orderStatistic(lower) + delta * orderStatistic(lower + 1)
    }

    /// The largest, over hosts, of each host's p-th percentile (p ∈ [0, 100]) of its CPU ready
    /// fraction over the sampling intervals it was on in, percent; nil if no host was ever on.
    /// Sizing's `cpu_ready_max_pct` bounds it.
    /// - Complexity: O(H · I log I).
    public func hostCPUReadyPercentileMaxPct(_ p: Double = 95) -> Double? {
        var tables: [Int: ReadyTable] = [:]
        var best: Double? = nil
        for h in 0..<hostCPUUtil.hosts where h < hostThreads.count {
            let c = hostThreads[h]
            var table = tables[c] ?? ReadyTable(threads: c)
            let rs = hostCPUUtil.sortedFractions(host: h).map { table.figures(code: UInt16(($0 * IntervalUtilization.scale).rounded())).ready }
            tables[c] = table
            if let q = IntervalUtilization.quantiles(sorted: rs, [p / 100]) { best = max(best ?? 0, 100 * q[0]) }
        }
        return best
    }
}
