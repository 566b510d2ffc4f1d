/// Dedicated: each VM on its own otherwise empty host, the lowest-id one that fits. This is
/// the physical estate before consolidation — one workload per server, no hypervisor — used
/// for baseline arms.
public struct Dedicated: PlacementPolicy {
    public static let name = "dedicated"
    public static let summary = "one workload per otherwise empty server (the pre-consolidation baseline)"
    public var name: String { Self.name }
    public var placesDecreasing: Bool { false }
    public init() {}
    public func selectHost(for r: PlacementRequest, in s: PlacementState) -> Int? {
        s.firstFit.first(cpu: r.cpu, ram: r.ramMiB, emptyOnly: true)
    }
}
