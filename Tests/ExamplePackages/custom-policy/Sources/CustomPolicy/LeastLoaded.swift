import VirtsimKit

/// Places each VM on the feasible host with the least CPU reserved (as a fraction of its
/// physical CPU), ties by lowest host id: spreads VMs, the opposite of best fit.
/// - Complexity: O(hosts) per VM (a linear scan; the built-in policies use indexes).
struct LeastLoaded: PlacementPolicy {
    static let entry = PlacementRegistryEntry(
        name: "least-loaded", summary: "host with the least CPU reserved (fraction); ties by lowest id",
        make: { LeastLoaded() })
    var name: String { Self.entry.name }
    var placesDecreasing: Bool { false }
    func selectHost(for r: PlacementRequest, in s: PlacementState) -> Int? {
        var best: Int? = nil
        for h in 0..<s.hostCount where s.fits(r, on: h) {
            if let b = best, s.allocatedFraction(h) >= s.allocatedFraction(b) { continue }
            best = h
        }
        return best
    }
}
