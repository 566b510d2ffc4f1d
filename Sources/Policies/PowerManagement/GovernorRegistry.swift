/// Every DVFS governor, one entry each, with its parameters. Decoding (`dvfs: {governor:
/// NAME, …}`), `virtsim list`, "valid values are …" errors, parameter checks and the
/// conformance tests are derived from this list.
public enum GovernorRegistry {
    /// The governors, in listing order (Linux cpufreq's four load-based and fixed governors).
    public static let all: [GovernorEntry] = [
        .init(
            name: PerformanceGovernor.name, summary: PerformanceGovernor.summary, parameters: [],
            check: { _ in nil }, make: { _ in PerformanceGovernor() }),
        .init(
            name: PowersaveGovernor.name, summary: PowersaveGovernor.summary, parameters: [],
            check: { _ in nil }, make: { _ in PowersaveGovernor() }),
        .init(
            name: OndemandGovernor.name, summary: OndemandGovernor.summary,
            parameters: [.upThreshold, .downDifferential],
            check: { p in
                OndemandGovernor.check(
                    upThreshold: p.value(.upThreshold),
                    downDifferential: p.value(.downDifferential))
            },
            make: { p in
                OndemandGovernor(
                    upThreshold: p.value(.upThreshold),
                    downDifferential: p.value(.downDifferential))
            }),
        .init(
            name: ConservativeGovernor.name, summary: ConservativeGovernor.summary,
            parameters: [.upThreshold, .downThreshold, .freqStep],
            check: { p in
                ConservativeGovernor.check(
                    upThreshold: p.value(.upThreshold),
                    downThreshold: p.value(.downThreshold),
                    freqStep: p.value(.freqStep))
            },
            make: { p in
                ConservativeGovernor(
                    upThreshold: p.value(.upThreshold),
                    downThreshold: p.value(.downThreshold),
                    freqStep: p.value(.freqStep))
            })
    ]

    /// Governor names, in registry order.
    public static var names: [String] { all.map(\.name) }

    /// The governor `name` with `parameters` (missing ones take their defaults), or nil for an
    /// unknown name, an unknown parameter or invalid values.
    public static func make(_ name: String, parameters: [String: Double] = [:]) -> (any DVFSGovernor)? {
        guard let e = all.first(where: { $0.name == name }),
            parameters.keys.allSatisfy({ k in e.parameters.contains { $0.name == k } }),
            e.check(parameters) == nil
        else { return nil }
        return e.make(parameters)
    }
}

/// One tunable of a governor: key, meaning, default and valid range (all fractions).
public struct GovernorParameter: Sendable, Equatable {
    /// Scenario key (Linux's sysfs tunable name).
    public let name: String
    /// One line: meaning, unit and the kernel's default.
    public let summary: String
    /// Value used when the key is absent.
    public let defaultValue: Double
    /// Valid values, inclusive (cross-parameter rules are in the entry's `check`).
    public let range: ClosedRange<Double>

    static let upThreshold = Self(
        name: "up_threshold", summary: "load above which the frequency goes up, fraction (Linux: 80%)",
        defaultValue: 0.8, range: 0...1)
    static let downDifferential = Self(
        name: "down_differential", summary: "margin below up_threshold kept after a decrease, fraction (Linux: 10 points)",
        defaultValue: 0.1, range: 0...1)
    static let downThreshold = Self(
        name: "down_threshold", summary: "load below which the frequency steps down, fraction (Linux: 20%)",
        defaultValue: 0.2, range: 0...1)
    static let freqStep = Self(
        name: "freq_step", summary: "step as a fraction of the maximum frequency (Linux: 5%)",
        defaultValue: 0.05, range: 0...1)
}

/// How a governor is registered.
public struct GovernorEntry: Sendable {
    /// Registry name.
    public let name: String
    /// One-line summary.
    public let summary: String
    /// Tunables with their defaults.
    public let parameters: [GovernorParameter]
    /// Nil if the given parameters (missing ones at their defaults) are valid together, else
    /// what is wrong, naming the key.
    public let check: @Sendable ([String: Double]) -> String?
    /// Builds the governor; missing parameters take their defaults. `check` first.
    public let make: @Sendable ([String: Double]) -> any DVFSGovernor

    /// An entry.
    public init(
        name: String, summary: String, parameters: [GovernorParameter],
        check: @escaping @Sendable ([String: Double]) -> String?,
        make: @escaping @Sendable ([String: Double]) -> any DVFSGovernor
    ) {
        self.name = name; self.summary = summary; self.parameters = parameters
        self.check = check; self.make = make
    }
}

extension Dictionary where Key == String, Value == Double {
    /// The given value of `p`, or its default.
    func value(_ p: GovernorParameter) -> Double { self[p.name] ?? p.defaultValue }
}
