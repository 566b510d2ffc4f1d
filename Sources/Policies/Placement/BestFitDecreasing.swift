/// Best fit decreasing: VMs sorted by CPU request (largest first); each goes to the feasible
/// host with the least CPU capacity left after placing it, ties by least RAM left, then
/// lowest host id. The classic bin-packing heuristic (Johnson 1974: FFD/BFD use at most
/// 11/9·OPT + 1 bins in one dimension).
/// - Complexity: O(log b + B) per VM (`SortedHostIndex`).
public struct BestFitDecreasing: PlacementPolicy {
    public static let name = "best-fit-decreasing"
    public static let summary = "largest VMs first; host with least CPU left after placing (ties: least RAM left, lowest id)"
    public var name: String { Self.name }
    public var placesDecreasing: Bool { true }
    public init() {}
    public func selectHost(for r: PlacementRequest, in s: PlacementState) -> Int? {
        s.sorted.firstFeasible(cpu: r.cpu, ram: r.ramMiB).map { Int($0.id) }
    }
}
