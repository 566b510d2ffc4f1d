/// First fit: the lowest-id host with enough free CPU and RAM. VMs in arrival (id) order.
/// - Complexity: O(log n) per VM typically (`FirstFitTree`).
public struct FirstFit: PlacementPolicy {
    public static let name = "first-fit"
    public static let summary = "lowest-id host with enough free CPU and RAM; VMs in id order"
    public var name: String { Self.name }
    public var placesDecreasing: Bool { false }
    public init() {}
    public func selectHost(for r: PlacementRequest, in s: PlacementState) -> Int? {
        s.firstFit.first(cpu: r.cpu, ram: r.ramMiB)
    }
}
