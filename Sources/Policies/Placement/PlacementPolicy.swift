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

/// How a placement policy is registered: its name, a summary, and how to make it.
public struct PlacementRegistryEntry: Sendable {
    public let name: String
    public let summary: String
    public let make: @Sendable () -> any PlacementPolicy

    /// An entry: registry name (kebab-case, as scenarios write it), one-line summary for
    /// `virtsim list`, and a factory.
    public init(name: String, summary: String, make: @escaping @Sendable () -> any PlacementPolicy) {
        self.name = name; self.summary = summary; self.make = make
    }
}
