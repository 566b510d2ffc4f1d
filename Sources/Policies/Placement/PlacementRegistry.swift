/// Every placement policy, one line each. Decoding, `virtsim list`, "valid names are …"
/// errors and the conformance tests are derived from this list.
public enum PlacementRegistry {
    /// The built-in policies and then those registered with `register(_:)`.
    public static var all: [PlacementRegistryEntry] { builtIn + extensions.all }

    /// Adds a placement policy of a program built on virtsim (`VirtsimKit`): scenarios can
    /// then name it in `placement:`. Returns false (and adds nothing) if the name is taken.
    @discardableResult
    public static func register(_ entry: PlacementRegistryEntry) -> Bool {
        guard !builtIn.contains(where: { $0.name == entry.name }) else { return false }
        return extensions.add(entry) { $0.contains { $0.name == entry.name } }
    }

    static let extensions = RegistryExtensions<PlacementRegistryEntry>()

    /// The policies virtsim ships (the conformance tests run over these).
    public static let builtIn: [PlacementRegistryEntry] = [
        .init(name: FirstFit.name, summary: FirstFit.summary, make: { FirstFit() }),
        .init(name: BestFitDecreasing.name, summary: BestFitDecreasing.summary, make: { BestFitDecreasing() }),
        .init(name: WorstFit.name, summary: WorstFit.summary, make: { WorstFit() }),
        .init(name: PowerAwareBestFitDecreasing.name, summary: PowerAwareBestFitDecreasing.summary, make: { PowerAwareBestFitDecreasing() }),
        .init(name: Dedicated.name, summary: Dedicated.summary, make: { Dedicated() })
    ]

    public static var names: [String] { all.map(\.name) }
    public static func make(_ name: String) -> (any PlacementPolicy)? { all.first { $0.name == name }?.make() }
}

/// Reference implementations by linear scan, for tests of the indexes.
public enum PlacementReference {
    /// Best fit by scanning every host.
    public static func bestFit(_ r: PlacementRequest, _ s: PlacementState) -> Int? {
        var best: Int? = nil
        for h in 0..<s.hostCount where s.fits(r, on: h) {
            if let b = best {
                if (s.cpuFree[h], s.ramFree[h], h) < (s.cpuFree[b], s.ramFree[b], b) { best = h }
            } else {
                best = h
            }
        }
        return best
    }
    /// Worst fit by scanning every host.
    public static func worstFit(_ r: PlacementRequest, _ s: PlacementState) -> Int? {
        var best: Int? = nil
        for h in 0..<s.hostCount where s.fits(r, on: h) {
            if let b = best {
                if (s.cpuFree[h], s.ramFree[h], -h) > (s.cpuFree[b], s.ramFree[b], -b) { best = h }
            } else {
                best = h
            }
        }
        return best
    }
    /// First fit by scanning every host.
    public static func firstFit(_ r: PlacementRequest, _ s: PlacementState, emptyOnly: Bool = false) -> Int? {
        (0..<s.hostCount).first { s.fits(r, on: $0) && (!emptyOnly || s.vmCount[$0] == 0) }
    }
}
