/// Worst fit: the feasible host with the most CPU left (ties: most RAM left, lowest id):
/// spreads load, the opposite of consolidation. VMs in id order.
public struct WorstFit: PlacementPolicy {
    public static let name = "worst-fit"
    public static let summary = "host with most CPU left (spreads load; ties: most RAM left, lowest id)"
    public var name: String { Self.name }
    public var placesDecreasing: Bool { false }
    public init() {}
    public func selectHost(for r: PlacementRequest, in s: PlacementState) -> Int? {
        s.sorted.worstFeasible(cpu: r.cpu, ram: r.ramMiB).map { Int($0.id) }
    }
}
