/// The HA failover reserve of an arm (scenario key `ha:`): capacity held back so that the VMs
/// of failed hosts can restart on the others. One setting read by automatic sizing (the count
/// must satisfy the sizing targets without the reserve), by DPM (it keeps the reserve's hosts
/// on) and by pricing (the reserve's hosts are bought).
///
/// - `failures_tolerated: F` — vSphere HA's "host failures cluster tolerates": the capacity of
///   the F largest hosts is held back (planner practice C: VMware KB 1010594; vSphere
///   Availability guide). N+1 is F = 1.
/// - `reserve_pct: P` — "cluster resource percentage": P% of the arm's capacity held back
///   (planner practice C; N+F on identical hosts is F/N × 100%). virtsim holds back whole
///   hosts, the largest first, until their CPU capacity covers P% of the arm's (rounding up,
///   so it never holds back less than P%).
public enum HASettings: Sendable, Equatable {
    case failuresTolerated(Int)
    case reservePct(Double)

    /// Hosts held back on an arm whose hosts have the CPU capacities `capacitiesMips`: F, or
    /// the fewest largest hosts covering P% of the total (0 with no hosts).
    public func reserveHosts(capacitiesMips: [Double]) -> Int {
        switch self {
        case .failuresTolerated(let f): return min(f, capacitiesMips.count)
        case .reservePct(let p):
            let total = capacitiesMips.reduce(0, +)
            guard total > 0, p > 0 else { return 0 }
            var held = 0.0, n = 0
            for c in capacitiesMips.sorted(by: >) {
                if held >= total * p / 100 * (1 - 1e-12) { break }
                held += c; n += 1
            }
            return n
        }
    }

    /// `failures_tolerated: F` or `reserve_pct: P`, as the scenario writes it.
    public var description: String {
        switch self {
        case .failuresTolerated(let f): return "failures_tolerated: \(f)"
        case .reservePct(let p): return "reserve_pct: \(p)"
        }
    }
}

extension ArmConfig {
    /// Hosts the arm's `ha:` holds back at its current host count (0 without `ha:`).
    public var haReserveHosts: Int {
        ha?.reserveHosts(capacitiesMips: hosts.map { hostTypes[$0.typeIndex].cpuCapacityMips }) ?? 0
    }

    /// Hands the HA reserve to the settings that read it (DPM keeps its hosts on); call after
    /// the host count changes.
    public mutating func applyHAReserve() {
        let n = haReserveHosts
        dpm?.haReserveHosts = n
    }
}
