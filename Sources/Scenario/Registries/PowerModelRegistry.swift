import DatacenterModel

/// A model a scenario names and configures with keys of its own mapping (`power: {model: NAME,
/// …}`, `workload: {type: NAME, …}`): the shape every registry shares, with the scenario reader
/// as the factory's input (the selector key was read already).
public typealias ModelEntry<Value> = RegistryEntry<NodeReader, Value>

/// Every host power model, one entry each. `power: {model: NAME, …}`.
public enum PowerModelRegistry {
    public static let all: [ModelEntry<any PowerModel>] = [
        .init(
            name: LinearPowerModel.name, summary: LinearPowerModel.summary,
            parameters: [
                .init(name: "idle_w", summary: "power of an idle, powered-on host", unit: "W", range: 0...1e7),
                .init(name: "max_w", summary: "power at 100% CPU, ≥ idle_w", unit: "W", range: 0...1e7)
            ]
        ) { r in
            guard let idle = r.required("idle_w", expected: "watts ≥ 0")?.double(range: 0...1e7),
                let max = r.required("max_w", expected: "watts ≥ idle_w")?.double(range: 0...1e7)
            else { return nil }
            guard max >= idle else { r.issue("max_w (\(max)) must be ≥ idle_w (\(idle))"); return nil }
            return LinearPowerModel(idleW: idle, maxW: max)
        },
        .init(
            name: SpecPowerModel.name, summary: SpecPowerModel.summary,
            parameters: [
                .init(
                    name: "server", summary: "a bundled SPECpower_ssj2008 table (give server or table_w)", kind: .choice,
                    defaultText: "none", choices: SpecPowerLibrary.names),
                .init(
                    name: "table_w", summary: "11 watts at 0%, 10%, …, 100% load, non-decreasing (give server or table_w)",
                    kind: .numbers, unit: "W", defaultText: "none", range: 0...1e7)
            ]
        ) { r in
            let hasServer = r.has("server"), hasTable = r.has("table_w")
            if hasServer == hasTable {
                r.issue(
                    "give exactly one of server (a bundled SPECpower table: \(SpecPowerLibrary.names.joined(separator: ", "))) or table_w (11 watts at 0%, 10%, ..., 100%)"
                )
                _ = r.child("server"); _ = r.child("table_w")
                return nil
            }
            if hasServer {
                guard let name = r.enumValue("server", allowed: SpecPowerLibrary.names) else { return nil }
                return SpecPowerModel(tableW: SpecPowerLibrary.table(named: name)!)
            }
            guard let c = r.child("table_w"), let t = c.doubleArray(range: 0...1e7) else { return nil }
            if let problem = SpecPowerModel.check(t) { c.issue(problem); return nil }
            return SpecPowerModel(tableW: t)
        }
    ]

    /// Reads `power: {model: …}`.
    static func decode(_ r: NodeReader) -> (any PowerModel)? { decodeSelected(r, selector: "model", from: all) }
}

/// Reads a mapping `{SELECTOR: NAME, …}` with the entry called NAME of `entries`: the one path
/// of every model registry (power, facility, workloads, distributions). An unknown name is
/// reported with the valid ones (and the entry's keys are then not checked).
func decodeSelected<Product>(_ r: NodeReader, selector: String, from entries: [ModelEntry<Product>]) -> Product? {
    guard r.isMapping else { _ = r.mappingEntries(); return nil }
    let names = entries.map(\.name)
    guard let name = r.required(selector, expected: "one of: \(names.joined(separator: ", "))")?.enumValue(allowed: names),
        let entry = entries.first(where: { $0.name == name })
    else { return nil }
    let product = entry.build(r)
    r.finish()
    return product
}
