import DatacenterModel

/// Every DVFS governor, one entry each, with its parameters. Decoding (`dvfs: {governor:
/// NAME, …}`), `virtsim list`, "valid values are …" errors, parameter checks and the
/// conformance tests are derived from this list.
public enum GovernorRegistry {
    /// The governors, in listing order (Linux cpufreq's four load-based and fixed governors).
    public static let all: [GovernorEntry] = [
        .init(name: PerformanceGovernor.name, summary: PerformanceGovernor.summary, make: { _ in PerformanceGovernor() }),
        .init(name: PowersaveGovernor.name, summary: PowersaveGovernor.summary, make: { _ in PowersaveGovernor() }),
        .init(
            name: OndemandGovernor.name, summary: OndemandGovernor.summary,
            parameters: [.upThreshold, .downDifferential],
            check: { p in OndemandGovernor.check(upThreshold: p.number("up_threshold"), downDifferential: p.number("down_differential")) },
            make: { p in OndemandGovernor(upThreshold: p.number("up_threshold"), downDifferential: p.number("down_differential")) }),
        .init(
            name: ConservativeGovernor.name, summary: ConservativeGovernor.summary,
            parameters: [.upThreshold, .downThreshold, .freqStep],
            check: { p in
                ConservativeGovernor.check(
                    upThreshold: p.number("up_threshold"), downThreshold: p.number("down_threshold"), freqStep: p.number("freq_step"))
            },
            make: { p in
                ConservativeGovernor(
                    upThreshold: p.number("up_threshold"), downThreshold: p.number("down_threshold"), freqStep: p.number("freq_step"))
            })
    ]

    /// Governor names, in registry order.
    public static var names: [String] { all.map(\.name) }

    /// The governor `name` with `parameters` (missing ones take their defaults), or nil for an
    /// unknown name, an unknown parameter or invalid values.
    public static func make(_ name: String, parameters: [String: Double] = [:]) -> (any DVFSGovernor)? {
        all.first { $0.name == name }?.make(parameters.mapValues { .number($0) })
    }
}

/// One tunable of a governor (the parameter type every registry shares): key, meaning, default
/// and valid range, all fractions.
public typealias GovernorParameter = RegistryParameter

extension RegistryParameter {
    static let upThreshold = Self(
        name: "up_threshold", summary: "load above which the frequency goes up, fraction (Linux: 80%)",
        unit: "fraction", defaultValue: .number(0.8), range: 0...1)
    static let downDifferential = Self(
        name: "down_differential", summary: "margin below up_threshold kept after a decrease, fraction (Linux: 10 points)",
        unit: "fraction", defaultValue: .number(0.1), range: 0...1)
    static let downThreshold = Self(
        name: "down_threshold", summary: "load below which the frequency steps down, fraction (Linux: 20%)",
        unit: "fraction", defaultValue: .number(0.2), range: 0...1)
    static let freqStep = Self(
        name: "freq_step", summary: "step as a fraction of the maximum frequency (Linux: 5%)",
        unit: "fraction", defaultValue: .number(0.05), range: 0...1)
}

/// How a governor is registered (the shape every registry shares).
public typealias GovernorEntry = RegistryEntry<ParameterValues, any DVFSGovernor>
