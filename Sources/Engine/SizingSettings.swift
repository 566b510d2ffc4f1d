/// Targets of automatic sizing (`count: auto` on one host group of an arm; arm key `sizing:`).
/// A host count is feasible when, with the HA reserve held back (``HASettings``), a run of the
/// arm over the whole scenario
/// - places every VM (its RAM + hypervisor overhead and its vCPUs' MIPS fit the hosts' RAM ×
///   memory overcommit and CPU × `cpu_overcommit`): constraints **memory** and **cpu**,
/// - leaves at most `unmetCPUMaxPct` of the CPU demand unserved: constraint **unmet_cpu**,
/// - keeps every host's CPU utilization at the `cpuPercentile`-th percentile over time at or
///   under `cpuTargetPct`: constraint **cpu_pNN** (e.g. `cpu_p95`),
/// - with `cpuReadyMaxPct`, keeps every host's CPU ready (`CPUContention`) at the same
///   percentile over time at or under it: constraint **cpu_ready**.
public struct SizingSettings: Sendable, Equatable {
    /// Percentile of each host's CPU utilization over the sampling intervals, 50...100.
    /// Default 95: Microsoft MAP sizes on the 95th percentile of 5-min samples (planner
    /// practice B).
    public var cpuPercentile: Double = 95
    /// Ceiling of that percentile, percent of host CPU, (0, 100]. Default 80: "plan ≤80% of host
    /// processing capacity" (VMware vCAT "Architecting a vSphere Compute Platform" §5.6).
    public var cpuTargetPct: Double = 80
    /// Tolerated unserved CPU demand, percent of demanded CPU (MIPS·s), 0...100. Default 0.1.
    public var unmetCPUMaxPct: Double = 0.1
    /// Ceiling of each host's CPU ready fraction at the `cpuPercentile`-th percentile over the
    /// sampling intervals, percent, (0, 100]; nil = not bounded (the default). VMware
    /// practitioners read 5% per vCPU as noticeable and 10% as serious (`PlannerPractice.md` B).
    public var cpuReadyMaxPct: Double? = nil
    /// How counts are tried: `.bisect` (bounds, then doubling, then bisection; assumes
    /// feasibility grows with the count, see ``AutoSizing``) or `.linear` (every count from the
    /// lower bound up; the smallest feasible count even where feasibility is not monotone).
    public var search: Search = .bisect
    /// Largest host count of the group tried; nil = 2 × VMs + 2 (more than one host per VM,
    /// with room for a reserve).
    public var maxHosts: Int? = nil

    public enum Search: String, Sendable, Equatable, CaseIterable {
        case bisect, linear
    }
    public init() {}

    /// The name of the percentile constraint (`cpu_p95`).
    public var percentileConstraint: String {
        let p = cpuPercentile.rounded() == cpuPercentile ? String(Int(cpuPercentile)) : String(cpuPercentile)
        return "cpu_p\(p)"
    }
}
