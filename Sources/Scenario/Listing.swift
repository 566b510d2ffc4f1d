import Policies
import DatacenterModel
import Economics

/// The decodable models of the scenario registries, for `virtsim list`.
public func registryListingOfModels() -> String {
    func col(_ s: String) -> String { s.count >= 22 ? s + " " : s + String(repeating: " ", count: 22 - s.count) }
    var s = "power models (host_types.NAME.power.model):\n"
    for e in PowerModelRegistry.all { s += entryListing(e) }
    s += "\nfacility models (facility.model, arms[].facility.model):\n"
    for e in FacilityModelRegistry.all { s += entryListing(e) }
    s += "\ngrid carbon intensities (carbon.grid, arms[].carbon.grid; location-based, Carbon.md):\n"
    for p in GridIntensityPresets.all { s += "  \(col(p.name)) \(p.gPerKWh) gCO2e/kWh (\(p.year)); \(p.source)\n" }
    s += "\nworkloads (workload.type, vm_groups[].workload.type):\n"
    for e in WorkloadRegistry.all { s += entryListing(e) }
    s += "\ndistributions (stochastic workload cpu/memory: {distribution: NAME}):\n"
    for e in DistributionRegistry.all { s += entryListing(e) }
    s += "\nDVFS governors (arms[].dvfs.governor; also dvfs.interval, default 10 ms; host types need pstates):\n"
    for e in GovernorRegistry.all { s += entryListing(e) }
    s += "\nhypervisor profiles (arms[].hypervisor), with their memory-reclamation techniques (default set first):\n"
    for p in HypervisorProfileRegistry.all {
        s += "  \(col(p.name)) default: \(p.defaultReclamation); available: \(p.availableReclamation)\n"
    }
    s += "\nlicence rules (costs.hypervisor_licence.rule: hypervisor; costs.guest_os_licence.rule: guest OS):\n"
    for e in LicenceRegistry.entries { s += entryListing(e) }
    s += "\nmemory-reclamation techniques (arms[].memory.techniques): \(MemoryReclamation.named.map(\.name).joined(separator: ", "))\n"
    s += "\nlive-migration models (arms[].migration.model; their keys sit beside model):\n"
    for e in MigrationModelRegistry.all { s += entryListing(e) }
    s += "\narm keys of the virtsim profile:\n"
    for (key, keys) in [("dpm", dpmKeys), ("drs", drsKeys), ("migration", migrationKeys), ("memory", memoryKeys), ("dvfs", dvfsKeys)] {
        s += "  \(col(key)) \(keys.joined(separator: ", "))\n"
    }
    s += "  \(col("cloud")) \(cloudKeys.joined(separator: ", "))\n"
    s += "  \(col("service_replicas")) {SERVICE: N}: a fixed replica count instead of the autoscaler\n"
    s += "  \(col("service_scaler")) {SERVICE: {scaler keys}}: this arm's override of the service's scaler\n"
    s += "  \(col("scale_down_order")) kubernetes (ReplicaSet ranking: crowded hosts first) | pack (emptiest hosts first)\n"
    s += "\nservices (top-level services[]): \(serviceKeys.joined(separator: ", "))\n"
    s += "  \(col("requests")) \(serviceRequestKeys.joined(separator: ", "))\n"
    s += "  \(col("scaler")) \(serviceScalerKeys.joined(separator: ", "))\n"
    s += "  scalers (services[].scaler.type):\n  \(col(KEDAScaler.name)) \(KEDAScaler.summary)\n"
    return s
}

/// One registry entry for `virtsim list`: name and summary, then each declared parameter with
/// its kind, unit, range and default.
public func entryListing<I, P>(_ e: RegistryEntry<I, P>) -> String {
    func col(_ s: String) -> String { s.count >= 22 ? s + " " : s + String(repeating: " ", count: 22 - s.count) }
    var s = "  \(col(e.name)) \(e.summary)\n"
    for p in e.parameters { s += "  \(col("")) - \(p.listing)\n" }
    return s
}
