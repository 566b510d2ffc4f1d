import DatacenterModel
import Scenario
import Yams

/// One field of the what-if form: a scalar of the scenario that `--set` can change.
public struct Knob: Sendable, Equatable {
    /// The `--set` path, items by index: `arms.1.cpu_overcommit`.
    public let path: String
    /// The scenario reference's pattern it instantiates: `arms[].cpu_overcommit`.
    public let pattern: String
    /// The scenario's value as written, "" when the key is absent.
    public let value: String
    /// The valid values (a select); empty for free text (numbers, sizes, durations).
    public let choices: [String]
    /// What the decoder checks and the default, from the reference.
    public let hint: String
}

/// The main knobs of a scenario, generated from the decoder's declared keys
/// (``declaredScenarioSchema()``) and the facility models' declared parameters: which keys are
/// knobs is a list of reference patterns; their kinds, valid values, ranges and defaults come
/// from the schema, their values from the scenario file.
public struct KnobCatalog: Sendable {
    /// The reference patterns shown, in form order: host type and count, overcommit,
    /// hypervisor, DPM, prices. The facility model and its parameters follow.
    public static let patterns = [
        "arms[].host_groups[].type", "arms[].host_groups[].count", "arms[].cpu_overcommit", "arms[].hypervisor.profile", "arms[].dpm.enabled",
        "costs.electricity_usd_per_kwh", "arms[].costs.electricity_usd_per_kwh", "costs.hypervisor_licence.price_usd",
        "arms[].costs.hypervisor_licence.price_usd", "host_types.<name>.price_usd"
    ]

    struct Spec: Sendable {
        var choices: [String]
        var hint: String
    }
    var specs: [String: Spec] = [:]
    /// Facility model name → its scalar parameters (name, spec).
    var facilityModels: [(name: String, parameters: [(String, Spec)])] = []

    public init() {
        let schema = declaredScenarioSchema()
        for p in Self.patterns {
            guard let e = schema.entries[p] else { continue }
            var choices: [String] = []
            if e.kinds.contains("true|false") { choices = ["true", "false"] }
            if e.kinds.contains("choice"), let d = e.details.first(where: { $0.contains("|") }) {
                choices = d.split(separator: "|").map { String($0).trimmedBlanks }
            }
            // the kind only where the value is typed; a select shows the valid values itself
            var parts = choices.isEmpty ? [e.kinds.sorted().joined(separator: " or ")] : []
            parts += e.details.filter { !$0.contains("|") }.sorted().map(\.trimmedBlanks)
            if let d = e.defaultText { parts.append("default \(d.isEmpty ? "(empty)" : d)") }
            let hint = parts.filter { !$0.isEmpty }.joined(separator: ", ")
            specs[p] = Spec(choices: choices, hint: hint)
        }
        for m in FacilityModelRegistry.all {
            let ps = m.parameters.compactMap { p -> (String, Spec)? in
                switch p.kind {
                case .number, .integer, .flag, .choice, .duration, .size:
                    var hint = p.kind.rawValue
                    if let r = p.range { hint += ", " + RegistryParameter.text(r) }
                    if !p.unit.isEmpty { hint += " " + p.unit }
                    if let d = p.defaultText { hint += ", default \(d)" }
                    return (p.name, Spec(choices: p.kind == .flag ? ["true", "false"] : p.choices, hint: hint + " — " + p.summary))
                default: return nil
                }
            }
            facilityModels.append((m.name, ps))
        }
    }

    /// The knobs of a loaded scenario, in form order.
    public func knobs(of root: Node) -> [Knob] {
        var out: [Knob] = []
        for p in Self.patterns {
            guard var spec = specs[p] else { continue }
            for (path, node) in instances(of: p.split(separator: ".").map(String.init), in: root) {
                if let node, node.scalar == nil { continue }  // a mapping (a host type given inline): not a knob
                if p == "arms[].host_groups[].type" {
                    // a name from host_types (the reference's own example names none of the file's)
                    spec.choices = root["host_types"]?.mapping?.keys.compactMap(\.string) ?? []
                    spec.hint = "a name from host_types"
                }
                var hint = spec.hint
                let parent = path.split(separator: ".").dropLast()
                if node == nil, let section = parent.last, Int(section) == nil, Self.node(at: parent, in: root) == nil {
                    // a default applies inside its section: say the section is absent (no dpm: = no DPM)
                    hint = "not set, and the file has no \(section): section here (a value adds one); within one: " + hint
                }
                out.append(Knob(path: path, pattern: p, value: node?.string ?? "", choices: spec.choices, hint: hint))
            }
        }
        if let facility = root["facility"], facility.mapping != nil {
            let model = facility["model"]?.string ?? ""
            out.append(Knob(path: "facility.model", pattern: "facility.model", value: model, choices: facilityModels.map(\.name), hint: "a facility model"))
            for (name, spec) in facilityModels.first(where: { $0.name == model })?.parameters ?? [] {
                let node = facility[name]
                if let node, node.scalar == nil { continue }
                out.append(Knob(path: "facility." + name, pattern: "facility.\(name)", value: node?.string ?? "", choices: spec.choices, hint: spec.hint))
            }
        }
        return out
    }

    /// The node at a dotted path (sequence items by index), nil where it is absent.
    static func node(at path: some Sequence<Substring>, in root: Node) -> Node? {
        var n: Node? = root
        for c in path {
            if let i = Int(c), let items = n?.sequence { n = items.indices.contains(i) ? items[i] : nil } else { n = n?[String(c)] }
        }
        return n
    }

    /// Every place a pattern names in the document: `[]` and `<name>` components run over the
    /// items that exist; a plain key may be absent (nil: `--set` creates it). A scalar met
    /// where the pattern goes on into a mapping is the mapping's short form
    /// (`hypervisor: esxi` for `hypervisor.profile`): the knob is that scalar.
    func instances(of components: [String], in node: Node?, prefix: String = "") -> [(String, Node?)] {
        guard let head = components.first else { return [(prefix, node)] }
        let rest = Array(components.dropFirst())
        let join = { (key: String) in prefix.isEmpty ? key : prefix + "." + key }
        if head == "<name>" {
            guard let m = node?.mapping else { return [] }
            return m.keys.compactMap(\.string).flatMap { instances(of: rest, in: m[Node($0)], prefix: join($0)) }
        }
        if let node, node.scalar != nil, !prefix.isEmpty, node.string != nil, !(node.string ?? "").isEmpty {
            return [(prefix, node)]
        }
        if head.hasSuffix("[]") {
            let key = String(head.dropLast(2))
            guard let items = node?[key]?.sequence else { return [] }
            return items.enumerated().flatMap { instances(of: rest, in: $0.element, prefix: join(key) + ".\($0.offset)") }
        }
        return instances(of: rest, in: node?[head], prefix: join(head))
    }

    /// The `--set` overrides a submitted form asks for: each knob whose submitted value differs
    /// from the scenario's. Fields that are not knobs are ignored.
    /// - Throws: ``FormRefused`` for a value outside a knob's choices, or not one plain
    ///   scalar (YAML flow syntax, quotes, comments, line breaks, over 100 characters).
    public static func overrides(knobs: [Knob], submitted: [String: String]) throws(FormRefused) -> [String] {
        var out: [String] = []
        for k in knobs {
            guard let v = submitted[k.path]?.trimmedBlanks, !v.isEmpty, v != k.value else { continue }
            if !k.choices.isEmpty && !k.choices.contains(v) {
                throw FormRefused(message: "\(k.path): \(v) is not one of \(k.choices.joined(separator: ", "))")
            }
            let forbidden = Set("{}[]#&*!|>'\"%@`,\n\r\t")
            if v.count > 100 || v.contains(where: { forbidden.contains($0) }) || v.hasPrefix("-") && Double(v) == nil {
                throw FormRefused(message: "\(k.path): \(v) is not a plain value (a number, a size or duration with its unit, or a name)")
            }
            out.append("\(k.path)=\(v)")
        }
        return out
    }
}

/// A form value the page refuses before running anything.
public struct FormRefused: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmedBlanks: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
