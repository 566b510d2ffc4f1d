/// The one shape of every registry: what a scenario names by string (a placement policy, a
/// power or facility model, an overload detector, a VM-selection policy, a governor, a
/// workload, a distribution). Each entry has its name, a one-line summary, its declared
/// parameters (key, meaning, kind and unit, default, valid range) and a factory. Decoding,
/// "valid names are …" errors, `virtsim list`, the docs and the conformance tests are derived
/// from the registries' lists; adding a model is one file plus one line.
///
/// `Input` is what the factory reads: nothing (`Void`) for policies without parameters,
/// `ParameterValues` for policies whose parameters are plain numbers and flags (checked
/// against the declarations before `make` runs, defaults filled in), or the scenario reader
/// for models whose keys are structured (a SPECpower table, a trace folder).
public struct RegistryEntry<Input, Product>: Sendable {
    /// Registry name, as scenarios write it (kebab-case).
    public let name: String
    /// One line for `virtsim list`: what it does, its source.
    public let summary: String
    /// The keys it reads besides its selector (`type`, `model`, …), in listing order.
    public let parameters: [RegistryParameter]
    /// Cross-parameter rules: nil if `Input` is valid as a whole, else what is wrong, naming
    /// the key (nil for entries without such rules).
    public let check: (@Sendable (Input) -> String?)?
    /// Builds the product; nil when the input is invalid (problems already reported by the
    /// caller or by `check`).
    public let build: @Sendable (Input) -> Product?

    /// An entry.
    public init(
        name: String, summary: String, parameters: [RegistryParameter] = [],
        check: (@Sendable (Input) -> String?)? = nil, make: @escaping @Sendable (Input) -> Product?
    ) {
        self.name = name; self.summary = summary; self.parameters = parameters
        self.check = check; self.build = make
    }

    /// The declared parameter called `key`, if any.
    public func parameter(_ key: String) -> RegistryParameter? { parameters.first { $0.name == key } }
}

extension RegistryEntry where Input == Void {
    /// An entry whose factory takes nothing.
    public init(name: String, summary: String, make: @escaping @Sendable () -> Product) {
        self.init(name: name, summary: summary, parameters: [], check: nil, make: { _ in make() })
    }
    /// The product.
    public func make() -> Product? { build(()) }
}

extension RegistryEntry where Input == ParameterValues {
    /// Every problem with `given`, one message each (empty if valid): unknown names (with the
    /// valid ones), a flag for a number or the reverse, values out of range or not integers,
    /// then the entry's cross-parameter `check` on the values with defaults filled in.
    public func problems(_ given: ParameterValues) -> [String] {
        var out: [String] = []
        for key in given.keys.sorted() {
            guard let p = parameter(key), let v = given[key] else {
                let valid = parameters.map(\.name).joined(separator: ", ")
                out.append("\(name): unknown parameter '\(key)'; valid parameters are \(valid.isEmpty ? "none" : valid)")
                continue
            }
            if let problem = p.problem(v) { out.append("\(name).\(key): \(problem)") }
        }
        if out.isEmpty, let check, let problem = check(filled(given)) { out.append(problem) }
        return out
    }

    /// `given` with every missing parameter at its default.
    public func filled(_ given: ParameterValues) -> ParameterValues {
        var all = given
        for p in parameters where all[p.name] == nil {
            if let d = p.defaultValue { all[p.name] = d }
        }
        return all
    }

    /// The product from `given` (missing parameters at their defaults), or nil if
    /// `problems(given)` is not empty.
    public func make(_ given: ParameterValues = [:]) -> Product? {
        guard problems(given).isEmpty else { return nil }
        return build(filled(given))
    }
}

/// Named parameter values, as a registry factory reads them.
public typealias ParameterValues = [String: ParameterValue]

/// A parameter value: a number or a flag.
public enum ParameterValue: Sendable, Equatable, CustomStringConvertible {
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

/// One parameter of a registered model or policy: key, meaning, kind with unit, default and
/// valid range.
public struct RegistryParameter: Sendable, Equatable {
    /// What a value looks like in a scenario.
    public enum Kind: String, Sendable, Equatable {
        case number, integer, flag
        /// A duration with a unit (`"5 min"`) or seconds.
        case duration
        /// A size with a unit (`"4 GiB"`) or bytes.
        case size
        case text
        /// One of the parameter's `choices`.
        case choice
        /// A list of numbers.
        case numbers
        /// A file or folder path, relative to the scenario file.
        case path
        /// A nested mapping (e.g. a distribution).
        case mapping
    }

    /// Key, snake_case with a unit suffix where it has one (e.g. `scheduling_interval_s`).
    public let name: String
    /// One line: meaning, unit, the source's value.
    public let summary: String
    public let kind: Kind
    /// Unit of a number (`W`, `s`, `fraction`, `%`); empty where none applies.
    public let unit: String
    /// Value used when the parameter is not given, for numbers and flags; nil otherwise.
    public let defaultValue: ParameterValue?
    /// The default as documentation shows it (`"0.8"`, `"hold"`, `"none"`); nil = required.
    public let defaultText: String?
    /// Valid numeric range, inclusive (nil: any, or not a number).
    public let range: ClosedRange<Double>?
    /// The valid values of a `choice`.
    public let choices: [String]

    /// A parameter description.
    public init(
        name: String, summary: String, kind: Kind = .number, unit: String = "", defaultValue: ParameterValue? = nil,
        defaultText: String? = nil, range: ClosedRange<Double>? = nil, choices: [String] = []
    ) {
        self.name = name; self.summary = summary; self.kind = kind; self.unit = unit
        self.defaultValue = defaultValue; self.defaultText = defaultText ?? defaultValue?.description
        self.range = range; self.choices = choices
    }

    /// Whether a scenario must give it.
    public var isRequired: Bool { defaultText == nil }

    /// Whether a number must be an integer.
    public var integer: Bool { kind == .integer }

    /// Nil if `v` is a valid value, else what is wrong.
    public func problem(_ v: ParameterValue) -> String? {
        switch (kind, v) {
        case (.flag, .flag): return nil
        case (.flag, .number): return "expected true or false, got \(v)"
        case (_, .flag): return "expected a number, got \(v)"
        case (_, .number(let x)):
            if let r = range, !r.contains(x) { return "\(v) is out of range \(Self.text(r))" }
            if integer && x != x.rounded() { return "\(v) must be an integer" }
            return nil
        }
    }

    /// `0…1`, `≥ 0`, `> 0 (up to ∞)`.
    public static func text(_ r: ClosedRange<Double>) -> String {
        let hi = r.upperBound == .greatestFiniteMagnitude ? "∞" : ParameterValue.number(r.upperBound).description
        let lo = r.lowerBound == .leastNormalMagnitude ? "> 0" : ParameterValue.number(r.lowerBound).description
        return r.lowerBound == .leastNormalMagnitude ? "\(lo) (up to \(hi))" : "\(lo)…\(hi)"
    }

    /// One line for listings: `safety (number, ≥ 0…∞, default 1.2): safety parameter …`.
    public var listing: String {
        var attrs: [String] = [kind.rawValue + (unit.isEmpty ? "" : ", \(unit)")]
        if let r = range { attrs.append(Self.text(r)) }
        if !choices.isEmpty { attrs.append(choices.joined(separator: "|")) }
        attrs.append(defaultText.map { "default \($0)" } ?? "required")
        return "\(name) (\(attrs.joined(separator: "; "))): \(summary)"
    }
}

extension Dictionary where Key == String, Value == ParameterValue {
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
    /// The number at `key` (filled in from its declared default before `make`).
    public func number(_ key: String) -> Double { number(key, .nan) }
    /// The integer at `key` (filled in from its declared default before `make`).
    public func integer(_ key: String) -> Int { integer(key, 0) }
    /// The flag at `key` (filled in from its declared default before `make`).
    public func flag(_ key: String) -> Bool { flag(key, false) }
}
