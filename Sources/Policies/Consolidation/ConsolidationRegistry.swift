import DatacenterModel

/// Every overload detector and VM-selection policy of dynamic consolidation, one line each.
/// Decoding, `virtsim list`, "valid names are …" errors, parameter validation and the
/// conformance tests are derived from these lists (CloudSimPlanetLab.md §5 and §6).
public enum ConsolidationRegistry {
    /// Overload detectors: CloudSim's THR, IQR, MAD, LR, LRR, then those registered with
    /// `register(detector:)`.
    public static var detectors: [OverloadDetectorEntry] { builtInDetectors + extraDetectors.all }

    /// VM-selection policies: CloudSim's MMT, MU, MC, RS, then those registered with
    /// `register(selection:)`.
    public static var selectionPolicies: [VMSelectionEntry] { builtInSelection + extraSelection.all }

    /// Adds an overload detector of a program built on virtsim (`VirtsimKit`): scenarios can
    /// then name it in `overload_detector: {type: NAME, …}` on either engine. Returns false
    /// (adding nothing) if the name is taken.
    @discardableResult
    public static func register(detector entry: OverloadDetectorEntry) -> Bool {
        guard !builtInDetectors.contains(where: { $0.name == entry.name }) else { return false }
        return extraDetectors.add(entry) { $0.contains { $0.name == entry.name } }
    }

    /// Adds a VM-selection policy (`vm_selection: NAME`). Returns false if the name is taken.
    @discardableResult
    public static func register(selection entry: VMSelectionEntry) -> Bool {
        guard !builtInSelection.contains(where: { $0.name == entry.name }) else { return false }
        return extraSelection.add(entry) { $0.contains { $0.name == entry.name } }
    }

    static let extraDetectors = RegistryExtensions<OverloadDetectorEntry>()
    static let extraSelection = RegistryExtensions<VMSelectionEntry>()

    /// CloudSim's THR, IQR, MAD, LR, LRR (the conformance tests run over these).
    public static let builtInDetectors: [OverloadDetectorEntry] = [
        .init(
            name: ThresholdDetector.name, summary: ThresholdDetector.summary,
            parameters: [.threshold(0.8)],
            make: { p in ThresholdDetector(threshold: p.number("threshold")) }),
        .init(
            name: IQRDetector.name, summary: IQRDetector.summary,
            parameters: [.safety(1.5), .minimumHistory, .fallbackThreshold],
            make: { p in
                IQRDetector(
                    safety: p.number("safety"), minimumHistory: p.integer("min_history"),
                    fallback: p.fallback)
            }),
        .init(
            name: MADDetector.name, summary: MADDetector.summary,
            parameters: [.safety(2.5), .minimumHistory, .fallbackThreshold],
            make: { p in
                MADDetector(
                    safety: p.number("safety"), minimumHistory: p.integer("min_history"),
                    fallback: p.fallback)
            }),
        .init(
            name: LocalRegressionDetector.name, summary: LocalRegressionDetector.summary,
            parameters: regressionParameters,
            make: { p in
                LocalRegressionDetector(
                    safety: p.number("safety"), schedulingIntervalS: p.number("scheduling_interval_s"),
                    window: p.integer("window"), weighted: p.flag("weighted"), fallback: p.fallback)
            }),
        .init(
            name: RobustLocalRegressionDetector.name, summary: RobustLocalRegressionDetector.summary,
            parameters: regressionParameters,
            make: { p in
                RobustLocalRegressionDetector(
                    safety: p.number("safety"), schedulingIntervalS: p.number("scheduling_interval_s"),
                    window: p.integer("window"), weighted: p.flag("weighted"), fallback: p.fallback)
            })
    ]

    /// The parameters LR and LRR share.
    static let regressionParameters: [RegistryParameter] = [.safety(1.2), .schedulingInterval, .window, .weighted, .fallbackThreshold]

    /// CloudSim's MMT, MU, MC, RS. None takes parameters.
    public static let builtInSelection: [VMSelectionEntry] = [
        .init(name: MinimumMigrationTime.name, summary: MinimumMigrationTime.summary, make: { MinimumMigrationTime() }),
        .init(name: MinimumUtilization.name, summary: MinimumUtilization.summary, make: { MinimumUtilization() }),
        .init(name: MaximumCorrelation.name, summary: MaximumCorrelation.summary, make: { MaximumCorrelation() }),
        .init(name: RandomSelection.name, summary: RandomSelection.summary, make: { RandomSelection() })
    ]

    /// Detector names, in registry order.
    public static var detectorNames: [String] { detectors.map(\.name) }
    /// Selection-policy names, in registry order.
    public static var selectionNames: [String] { selectionPolicies.map(\.name) }

    /// The detector called `name` with `parameters` (missing ones take their defaults), or nil
    /// for an unknown name or invalid parameters (see `OverloadDetectorEntry.problems(_:)`).
    public static func makeDetector(_ name: String, parameters: [String: ConsolidationParameterValue] = [:])
        -> (any OverloadDetector)?
    {
        detectors.first { $0.name == name }?.make(parameters)
    }

    /// The selection policy called `name`, or nil.
    public static func makeSelectionPolicy(_ name: String) -> (any VMSelectionPolicy)? {
        selectionPolicies.first { $0.name == name }?.make()
    }
}

/// A detector parameter's value (the value type every registry shares).
public typealias ConsolidationParameterValue = ParameterValue

/// One parameter of a detector (the parameter type every registry shares).
public typealias ConsolidationParameter = RegistryParameter

extension RegistryParameter {
    static func threshold(_ d: Double) -> Self {
        .init(
            name: "threshold", summary: "upper utilization threshold, fraction of host MIPS (CloudSim THR: 0.8)",
            unit: "fraction", defaultValue: .number(d), range: 0...Double.greatestFiniteMagnitude)
    }
    static func safety(_ d: Double) -> Self {
        .init(
            name: "safety", summary: "safety parameter, ≥ 0 (CloudSim examples: \(d))",
            defaultValue: .number(d), range: 0...Double.greatestFiniteMagnitude)
    }
    static let minimumHistory = Self(
        name: "min_history", summary: "history values needed after trimming oldest zeros, else the fallback decides (CloudSim: 12)",
        kind: .integer, defaultValue: .number(12), range: 2...1_000_000)
    static let fallbackThreshold = Self(
        name: "fallback_threshold", summary: "threshold of the static fallback used while the history is too short (CloudSim: 0.7)",
        unit: "fraction", defaultValue: .number(0.7), range: 0...Double.greatestFiniteMagnitude)
    static let schedulingInterval = Self(
        name: "scheduling_interval_s", summary: "history step and migration-time unit, seconds (CloudSim: 300)",
        unit: "s", defaultValue: .number(300), range: Double.leastNormalMagnitude...Double.greatestFiniteMagnitude)
    static let window = Self(
        name: "window", summary: "newest history values fitted, and the minimum history (CloudSim: 10)",
        kind: .integer, defaultValue: .number(10), range: 3...1_000_000)
    static let weighted = Self(
        name: "weighted", summary: "false: CloudSim 3.0.3's unweighted fit; true: the paper's tricube-weighted fit",
        kind: .flag, defaultValue: .flag(false))
}

/// How an overload detector is registered (the shape every registry shares).
public typealias OverloadDetectorEntry = RegistryEntry<ParameterValues, any OverloadDetector>

/// How a VM-selection policy is registered (no parameters).
public typealias VMSelectionEntry = RegistryEntry<Void, any VMSelectionPolicy>

extension Dictionary where Key == String, Value == ParameterValue {
    var fallback: ThresholdDetector { ThresholdDetector(threshold: number("fallback_threshold")) }
}
