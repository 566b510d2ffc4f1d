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
            make: { p in ThresholdDetector(threshold: p.number("threshold", 0.8)) }),
        .init(
            name: IQRDetector.name, summary: IQRDetector.summary,
            parameters: [.safety(1.5), .minimumHistory, .fallbackThreshold],
            make: { p in
                IQRDetector(
                    safety: p.number("safety", 1.5), minimumHistory: p.integer("min_history", 12),
                    fallback: p.fallback)
            }),
        .init(
            name: MADDetector.name, summary: MADDetector.summary,
            parameters: [.safety(2.5), .minimumHistory, .fallbackThreshold],
            make: { p in
                MADDetector(
                    safety: p.number("safety", 2.5), minimumHistory: p.integer("min_history", 12),
                    fallback: p.fallback)
            }),
        .init(
            name: LocalRegressionDetector.name, summary: LocalRegressionDetector.summary,
            parameters: [.safety(1.2), .schedulingInterval, .window, .weighted, .fallbackThreshold],
            make: { p in
                LocalRegressionDetector(
                    safety: p.number("safety", 1.2), schedulingIntervalS: p.number("scheduling_interval_s", 300),
                    window: p.integer("window", 10), weighted: p.flag("weighted", false), fallback: p.fallback)
            }),
        .init(
            name: RobustLocalRegressionDetector.name, summary: RobustLocalRegressionDetector.summary,
            parameters: [.safety(1.2), .schedulingInterval, .window, .weighted, .fallbackThreshold],
            make: { p in
                RobustLocalRegressionDetector(
                    safety: p.number("safety", 1.2), schedulingIntervalS: p.number("scheduling_interval_s", 300),
                    window: p.integer("window", 10), weighted: p.flag("weighted", false), fallback: p.fallback)
            })
    ]

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
        guard let e = detectors.first(where: { $0.name == name }), e.problems(parameters).isEmpty else { return nil }
        return e.make(parameters)
    }

    /// The selection policy called `name`, or nil.
    public static func makeSelectionPolicy(_ name: String) -> (any VMSelectionPolicy)? {
        selectionPolicies.first { $0.name == name }?.make()
    }
}

/// A parameter value: a number or a flag.
public enum ConsolidationParameterValue: Sendable, Equatable, CustomStringConvertible {
    /// A number (integers too).
    case number(Double)
    /// A boolean flag.
    case flag(Bool)

    /// `1.5`, `12`, `true`.
    public var description: String {
        switch self {
        case .number(let x): return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
        case .flag(let b): return String(b)
        }
    }
}

/// One parameter of a detector: name, meaning with unit, default and valid range.
public struct ConsolidationParameter: Sendable, Equatable {
    /// Key, snake_case with unit suffix where it has one (e.g. `scheduling_interval_s`).
    public let name: String
    /// One line: meaning, unit, CloudSim's value.
    public let summary: String
    /// Value used when the parameter is not given.
    public let defaultValue: ConsolidationParameterValue
    /// Valid numeric range (nil for flags).
    public let range: ClosedRange<Double>?
    /// Whether a number must be an integer.
    public let integer: Bool

    /// A parameter description.
    public init(
        name: String, summary: String, defaultValue: ConsolidationParameterValue,
        range: ClosedRange<Double>? = nil, integer: Bool = false
    ) {
        self.name = name
        self.summary = summary
        self.defaultValue = defaultValue
        self.range = range
        self.integer = integer
    }

    static func threshold(_ d: Double) -> Self {
        .init(
            name: "threshold", summary: "upper utilization threshold, fraction of host MIPS (CloudSim THR: 0.8)",
            defaultValue: .number(d), range: 0...Double.greatestFiniteMagnitude)
    }
    static func safety(_ d: Double) -> Self {
        .init(
            name: "safety", summary: "safety parameter, ≥ 0 (CloudSim examples: \(d))",
            defaultValue: .number(d), range: 0...Double.greatestFiniteMagnitude)
    }
    static let minimumHistory = Self(
        name: "min_history", summary: "history values needed after trimming oldest zeros, else the fallback decides (CloudSim: 12)",
        defaultValue: .number(12), range: 2...1_000_000, integer: true)
    static let fallbackThreshold = Self(
        name: "fallback_threshold", summary: "threshold of the static fallback used while the history is too short (CloudSim: 0.7)",
        defaultValue: .number(0.7), range: 0...Double.greatestFiniteMagnitude)
    static let schedulingInterval = Self(
        name: "scheduling_interval_s", summary: "history step and migration-time unit, seconds (CloudSim: 300)",
        defaultValue: .number(300), range: Double.leastNormalMagnitude...Double.greatestFiniteMagnitude)
    static let window = Self(
        name: "window", summary: "newest history values fitted, and the minimum history (CloudSim: 10)",
        defaultValue: .number(10), range: 3...1_000_000, integer: true)
    static let weighted = Self(
        name: "weighted", summary: "false: CloudSim 3.0.3's unweighted fit; true: the paper's tricube-weighted fit (realistic)",
        defaultValue: .flag(false))
}

/// How an overload detector is registered.
public struct OverloadDetectorEntry: Sendable {
    /// Registry name (`thr`, `iqr`, `mad`, `lr`, `lrr`).
    public let name: String
    /// One-line summary.
    public let summary: String
    /// Accepted parameters with defaults.
    public let parameters: [ConsolidationParameter]
    /// Builds the detector; missing parameters take their defaults. Check `problems(_:)` first.
    public let make: @Sendable ([String: ConsolidationParameterValue]) -> any OverloadDetector

    /// An entry.
    public init(
        name: String, summary: String, parameters: [ConsolidationParameter],
        make: @escaping @Sendable ([String: ConsolidationParameterValue]) -> any OverloadDetector
    ) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.make = make
    }

    static func text(_ r: ClosedRange<Double>) -> String {
        let hi = r.upperBound == .greatestFiniteMagnitude ? "∞" : ConsolidationParameterValue.number(r.upperBound).description
        let lo = r.lowerBound == .leastNormalMagnitude ? "> 0" : ConsolidationParameterValue.number(r.lowerBound).description
        return r.lowerBound == .leastNormalMagnitude ? "\(lo) (up to \(hi))" : "\(lo)…\(hi)"
    }

    /// Every problem with `given`, one message each (empty if valid): unknown names (with the
    /// valid ones), a flag for a number or the reverse, values out of range or not integers.
    public func problems(_ given: [String: ConsolidationParameterValue]) -> [String] {
        var out: [String] = []
        for key in given.keys.sorted() {
            guard let p = parameters.first(where: { $0.name == key }), let v = given[key] else {
                let valid = parameters.map(\.name).joined(separator: ", ")
                out.append("\(name): unknown parameter '\(key)'; valid parameters are \(valid.isEmpty ? "none" : valid)")
                continue
            }
            switch (p.defaultValue, v) {
            case (.flag, .flag): break
            case (.number, .number(let x)):
                if let r = p.range, !r.contains(x) {
                    out.append("\(name).\(key): \(v) is out of range \(Self.text(r))")
                } else if p.integer && x != x.rounded() {
                    out.append("\(name).\(key): \(v) must be an integer")
                }
            case (.flag, .number): out.append("\(name).\(key): expected true or false, got \(v)")
            case (.number, .flag): out.append("\(name).\(key): expected a number, got \(v)")
            }
        }
        return out
    }
}

/// How a VM-selection policy is registered.
public struct VMSelectionEntry: Sendable {
    /// Registry name (`mmt`, `mu`, `mc`, `rs`).
    public let name: String
    /// One-line summary.
    public let summary: String
    /// Builds the policy.
    public let make: @Sendable () -> any VMSelectionPolicy

    /// An entry.
    public init(name: String, summary: String, make: @escaping @Sendable () -> any VMSelectionPolicy) {
        self.name = name
        self.summary = summary
        self.make = make
    }
}

/// Reading a detector's parameters in its entry's `make` (missing keys take the default given).
extension Dictionary where Key == String, Value == ConsolidationParameterValue {
    /// The number at `key`, or `d`.
    public func number(_ key: String, _ d: Double) -> Double {
        if case .number(let x)? = self[key] { return x }
        return d
    }
    /// The integer at `key` (clamped to ±1e9), or `d`.
    public func integer(_ key: String, _ d: Int) -> Int {
        if case .number(let x)? = self[key], x.isFinite { return Int(Swift.max(-1e9, Swift.min(1e9, x))) }
        return d
    }
    /// The flag at `key`, or `d`.
    public func flag(_ key: String, _ d: Bool) -> Bool {
        if case .flag(let b)? = self[key] { return b }
        return d
    }
    var fallback: ThresholdDetector { ThresholdDetector(threshold: number("fallback_threshold", 0.7)) }
}
