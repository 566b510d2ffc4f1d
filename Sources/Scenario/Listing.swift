/// The decodable models of the scenario registries, for `virtsim list`.
public func registryListingOfModels() -> String {
    func col(_ s: String) -> String { s.count >= 22 ? s + " " : s + String(repeating: " ", count: 22 - s.count) }
    var s = "power models (host_types.NAME.power.model):\n"
    for e in PowerModelRegistry.all { s += "  \(col(e.name)) \(e.summary)\n  \(col("")) keys: \(e.keys)\n" }
    s += "\nworkloads (workload.type, vm_groups[].workload.type):\n"
    for e in WorkloadRegistry.all { s += "  \(col(e.name)) \(e.summary)\n  \(col("")) keys: \(e.keys)\n" }
    s += "\ndistributions (stochastic workload cpu/memory: {distribution: NAME}):\n"
    for e in DistributionRegistry.all { s += "  \(col(e.name)) \(e.summary); keys: \(e.keys)\n" }
    return s
}
