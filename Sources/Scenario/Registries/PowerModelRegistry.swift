import DatacenterModel

/// A decodable model or policy: its registry name, a summary for `virtsim list`, and how
/// to read it from a scenario mapping (which already had its `model`/`type` key read).
public struct ModelEntry<Value>: Sendable {
    public let name: String
    public let summary: String
    /// The keys besides the selector, for help texts.
    public let keys: String
    let decode: @Sendable (NodeReader) -> Value?
}

/// Every host power model, one entry each. `power: {model: NAME, …}`.
public enum PowerModelRegistry {
    public static let all: [ModelEntry<any PowerModel>] = [
        .init(name: LinearPowerModel.name, summary: LinearPowerModel.summary, keys: "idle_w, max_w") { r in
            guard let idle = r.required("idle_w", expected: "watts ≥ 0")?.double(range: 0...1e7),
                let max = r.required("max_w", expected: "watts ≥ idle_w")?.double(range: 0...1e7)
            else { return nil }
            guard max >= idle else { r.issue("max_w (\(max)) must be ≥ idle_w (\(idle))"); return nil }
            return LinearPowerModel(idleW: idle, maxW: max)
        },
        .init(
            name: SpecPowerModel.name, summary: SpecPowerModel.summary,
            keys: "server (one of: \(SpecPowerLibrary.names.joined(separator: ", "))) or table_w (11 watts)"
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
    static func decode(_ r: NodeReader) -> (any PowerModel)? {
        guard r.isMapping else { _ = r.mappingEntries(); return nil }
        guard
            let name = r.required("model", expected: "one of: \(all.map(\.name).joined(separator: ", "))")?
                .enumValue(allowed: all.map(\.name)),
            let entry = all.first(where: { $0.name == name })
        else { return nil }
        let m = entry.decode(r)
        r.finish()
        return m
    }
}
