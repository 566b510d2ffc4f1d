import DatacenterModel

/// Chooses a host for each VM (initial placement and arrivals).
///
/// A policy is one file and one line in `PlacementRegistry.builtIn` (or, in a package built on
/// `VirtsimKit`, one call of `PlacementRegistry.register`).
public protocol PlacementPolicy: Sendable {
    /// Registry name, e.g. `best-fit-decreasing`.
    var name: String { get }
    /// Whether VMs arriving together are placed in decreasing order of CPU request (ties:
    /// decreasing RAM, then ascending VM id); otherwise in ascending VM id.
    var placesDecreasing: Bool { get }
    /// The host for `request`, or nil if none fits. Must be deterministic.
    func selectHost(for request: PlacementRequest, in state: PlacementState) -> Int?
}

/// How a placement policy is registered: name, summary and factory (no parameters), the
/// shape every registry shares (`RegistryEntry`).
public typealias PlacementRegistryEntry = RegistryEntry<Void, any PlacementPolicy>
