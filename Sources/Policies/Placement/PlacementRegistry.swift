/// Every placement policy, one line each. Decoding, `virtsim list`, "valid names are …"
/// errors and the conformance tests are derived from this list.
public enum PlacementRegistry {
    public static let all: [PlacementRegistryEntry] = [
        .init(name: FirstFit.name, summary: FirstFit.summary, make: { FirstFit() }),
        .init(name: BestFitDecreasing.name, summary: BestFitDecreasing.summary, make: { BestFitDecreasing() }),
        .init(name: WorstFit.name, summary: WorstFit.summary, make: { WorstFit() }),
        .init(name: PowerAwareBestFitDecreasing.name, summary: PowerAwareBestFitDecreasing.summary, make: { PowerAwareBestFitDecreasing() }),
        .init(name: Dedicated.name, summary: Dedicated.summary, make: { Dedicated() }),
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
            } else { best = h }
        }
        return best
    }
    /// Worst fit by scanning every host.
    public static func worstFit(_ r: PlacementRequest, _ s: PlacementState) -> Int? {
        var best: Int? = nil
        for h in 0..<s.hostCount where s.fits(r, on: h) {
            if let b = best {
                if (s.cpuFree[h], s.ramFree[h], -h) > (s.cpuFree[b], s.ramFree[b], -b) { best = h }
            } else { best = h }
        }
        return best
    }
    /// First fit by scanning every host.
    public static func firstFit(_ r: PlacementRequest, _ s: PlacementState, emptyOnly: Bool = false) -> Int? {
        (0..<s.hostCount).first { s.fits(r, on: $0) && (!emptyOnly || s.vmCount[$0] == 0) }
    }
}
