import DatacenterModel
import Policies

/// A scenario that opens every mapping of the scenario language once (its values need not make
/// sense together), so that decoding it asks for every key; keyed reads note absent keys too.
let referenceScenario = """
    name: reference
    description: every mapping once
    seed: 1
    start: "2026-01-05T00:00:00"
    time_zone: UTC
    duration: 1 h
    sampling_interval: 5 min
    workload: {type: constant, cpu: 0.1}
    facility: {model: fixed-pue}
    storage: {provisioning: thin, linked_clones: {groups: [g], replica_gb: 20, delta_gb: 2}, array: {drive_gb: 600, drive_w: 7.33, drives_per_shelf: 24, shelf_w: 100, controllers: 2, controller_w: 200}}
    network: {ports_per_host: 2, ports_per_switch: 48, switch_w: 66.7, port_w: 0.91}
    costs: {electricity_usd_per_kwh: 0.1, hypervisor_licence: {price_usd: 0}, guest_os_licence: {rule: windows-2016-standard}}
    carbon: {location_g_per_kwh: 400, devices: [{name: switch, embodied_kgco2e: 100}]}
    host_types:
      h:
        cores: 4
        core_mips: 1000
        ram: 16 GiB
        power: {model: linear, idle_w: 100, max_w: 200}
        pstates: {frequencies_mhz: [1000, 800]}
        extra_disks: 2
        extra_disk_w: 7.33
        extra_nics: 1
        extra_nic_w: 5
      f: {cores: 4, core_mips: 1000, ram: 16 GiB, power: {model: linear, idle_w: 100, max_w: 200}, failures: {mtbf_h: 1000, mttr_h: 4, restart_delay: 1 min}}
    vm_groups:
      - {name: g, count: 1, vcpus: 1, mips_per_vcpu: 1000, ram: 1 GiB, restart_priority: high, workload: {type: constant, cpu: 0.1}}
      - {from_inventory: [inventory.csv], columns: {name: Server}, default_cpu: {mean_pct: 10}, monitoring: {path: m.csv}}
    services:
      - name: s
        replica: {vcpus: 1, mips_per_vcpu: 1000, ram: 1 GiB}
        requests: {rate_per_s: 1, service_time: 100 ms}
        scaler: {type: keda, max_replicas: 2}
    arms:
      - name: a
        placement: first-fit
        hypervisor: {profile: esxi, memory_overhead_table: vsphere-6.5}
        dpm: {enabled: true}
        drs: {enabled: true}
        memory: {overcommit: 1.5}
        migration: {model: pre-copy}
        dvfs: {governor: ondemand}
        cloud: {host: {cores: 8, core_mips: 1000, ram: 64 GiB}, provision_time: 10 min, host_usd_per_hour: 1}
        service_replicas: {s: 1}
        service_scaler: {s: {max_replicas: 2}}
        facility: {model: fixed-pue}
        storage: {provisioning: thin, array: {drive_gb: 1200}}
        network: {port_w: 1}
        costs: {electricity_usd_per_kwh: 0.1, hypervisor_licence: {rule: vsphere4-standard, price_usd: 1, support_pct: 20}, guest_os_licence: [{rule: windows-2016-datacenter, price_usd: 1, support_pct: 25}]}
        carbon: {market_g_per_kwh: 100, devices: []}
        host_groups: [{type: h, count: 1}]
      - name: b
        placement: first-fit
        consolidation: {overload_detector: {type: thr}, vm_selection: mmt}
        ha: {failures_tolerated: 1}
        sizing: {}
        host_groups: [{type: {cores: 4, core_mips: 1000, ram: 16 GiB, power: {model: linear, idle_w: 1, max_w: 2}}, count: auto}]
      - name: d
        placement: first-fit
        host_groups:
          - {type: h, count: 2, failures: {schedule: [{host: 0, at: 1 h, repair: 1 h}], restart_delay: 1 min}}
          - {type: h, count: 1, failures: {mtbf_h: 1000, mttr_h: 4, restart_delay: 1 min}}
      - name: c
        profile: cloudsim-3.0.3
        consolidation: {overload_detector: {type: thr}, vm_selection: mmt}
        quirks: {drop_zero_demand_vms: true}
        host_groups: [{type: h, count: 1}]
    """

/// Mappings whose keys belong to a registry entry (listed with the registries, not here).
private let registryMappings: [(suffix: String, registry: String)] = [
    (".power", "power models"), (".workload", "workloads"), (".facility", "facility models"),
    (".overload_detector", "overload detectors"), (".monitoring", "workloads (the csv workload's keys, without type)")
]

/// The registry whose entry a mapping at `path` selects (`host_types.<name>.power`, `workload`), if any.
private func registryOf(_ path: String) -> String? {
    registryMappings.first { ("." + path).hasSuffix($0.suffix) }?.registry
}

/// Defaults that are not a constant (they depend on the profile, the host type or the key's
/// place), or that decoders apply by rules of their own, as the reference states them.
let contextualDefaults: [String: String] = [
    "name": "the file name without extension", "arms[].name": "arm-<index>", "vm_groups[].name": "group-<index>",
    "seed": "1",
    "costs.hypervisor_licence.rule": "the hypervisor profile's rule", "arms[].costs.hypervisor_licence.rule": "the hypervisor profile's rule",
    "costs.hypervisor_licence.price_usd": "the rule's list price; 0 for the profile's rule",
    "arms[].costs.hypervisor_licence.price_usd": "the rule's list price; 0 for the profile's rule",
    "costs.guest_os_licence.price_usd": "the rule's list price (required where it has none)",
    "arms[].costs.guest_os_licence[].price_usd": "the rule's list price (required where it has none)",
    "costs.hypervisor_licence.support_pct": "the rule's (perpetual only)", "arms[].costs.hypervisor_licence.support_pct": "the rule's (perpetual only)",
    "costs.guest_os_licence.support_pct": "the rule's (perpetual only)", "arms[].costs.guest_os_licence[].support_pct": "the rule's (perpetual only)",
    "arms[].ha.failures_tolerated": "give this or reserve_pct", "arms[].ha.reserve_pct": "give this or failures_tolerated",
    "arms[].sizing.max_hosts": "2 × VMs + 2",
    "arms[].host_groups[].failures": "none: the group's hosts never fail",
    "arms[].host_groups[].failures.mtbf_h": "give this and mttr_h, or schedule",
    "arms[].host_groups[].failures.mttr_h": "give this and mtbf_h, or schedule",
    "arms[].host_groups[].failures.schedule": "give this, or mtbf_h and mttr_h",
    "arms[].host_groups[].type.failures": "none (as host_types.<name>.failures)",
    "host_types.<name>.failures": "none: the type's hosts never fail (a host group may give its own, or failures: ~ for none)",
    "host_types.<name>.failures.mtbf_h": "required, with mttr_h", "host_types.<name>.failures.mttr_h": "required, with mtbf_h",
    "host_types.<name>.failures.schedule": "refused here: a schedule names a host group's hosts, give it there",
    "arms[].sizing.cpu_ready_max_pct": "none: ready not bounded",
    "vm_groups[].count": "the trace files left (trace workloads); else required",
    "vm_groups[].departure": "none: stays to the end", "vm_groups[].trace_block": "none",
    "host_types.<name>.boot_power_w": "the type's full-load power", "arms[].host_groups[].type.boot_power_w": "the type's full-load power",
    "arms[].host_groups[].type.pstates": "none: no DVFS table", "host_types.<name>.pstates.exponent": "3",
    "host_types.<name>.pstates.frequencies_mhz[]": "required (highest first)",
    "host_types.<name>.pstates.idle_w": "derived from the power model", "host_types.<name>.pstates.max_w": "derived from the power model",
    "costs.electricity_usd_per_kwh": "0.1 (flat)", "arms[].costs.electricity_usd_per_kwh": "the top-level costs' (0.1, flat)",
    "costs.electricity_usd_per_kwh_by_hour": "none: the flat rate", "arms[].costs.electricity_usd_per_kwh_by_hour": "the top-level costs'",
    "carbon.market_g_per_kwh": "the location-based intensity (no contracts)",
    "arms[].carbon.market_g_per_kwh": "the top-level carbon's (else the location-based intensity)",
    "carbon.grid": "none: location_g_per_kwh or intensity_csv", "arms[].carbon.grid": "the top-level carbon's intensity",
    "carbon.location_g_per_kwh": "give this, grid or intensity_csv", "arms[].carbon.location_g_per_kwh": "the top-level carbon's intensity",
    "carbon.intensity_csv": "none: a constant intensity", "arms[].carbon.intensity_csv": "the top-level carbon's intensity",
    "carbon.devices": "none", "arms[].carbon.devices": "the top-level carbon's",
    "costs.servers_per_admin": "45 physical servers (bare metal) or 76 VMs (virtualized) per admin",
    "arms[].costs.servers_per_admin": "the top-level costs' (45 physical servers or 76 VMs per admin)",
    "arms[].drs.max_moves_per_host": "8", "arms[].drs.max_moves_per_pass": "no cap", "arms[].drs.threshold": "3",
    "arms[].dvfs.interval": "10 ms",
    "arms[].hypervisor.embedded": "the profile's", "arms[].hypervisor.memory_overhead_per_vm": "the profile's rule",
    "arms[].memory.min_free": "ESXi's sliding scale", "arms[].memory.techniques": "the hypervisor profile's default set",
    "arms[].migration.dirty_rate_mb_per_s": "80", "arms[].migration.dirty_scales_with_cpu": "true",
    "arms[].migration.energy": "{joules_per_mb: 0.512, fixed_j: 20.165} (~ for none)",
    "arms[].migration.max_downtime": "the hypervisor profile's (30 ms without one)", "arms[].migration.max_rounds": "30",
    "arms[].quirks.<name>": "true (as CloudSim 3.0.3)", "arms[].service_replicas.<name>": "none: autoscaled",
    "arms[].storage.linked_clones": "none", "storage.linked_clones.groups[]": "required (VM group names)",
    "services[].scaler.idle_replicas": "none (KEDA's idleReplicaCount unset)", "services[].scaler.type": "keda",
    "services[].slots": "the replica's vCPUs",
    "vm_groups[].from_inventory": "none: an ordinary VM group", "vm_groups[].from_inventory[]": "required (inventory CSV files)",
    "vm_groups[].columns": "none: the canonical column names", "vm_groups[].columns.<name>": "the canonical name",
    "vm_groups[].monitoring": "none: the inventory's utilisation (the snapshot, the fit or the default)"
].merging(infrastructureReferenceDefaults) { a, _ in a }

/// Every key the decoder reads, by dotted pattern (`arms[].cpu_overcommit`), with its kind,
/// checked range or valid values and default: the decoder's own record of decoding
/// ``referenceScenario``, which opens every mapping once. The reference and `virtsim serve`'s
/// form are both generated from it.
public func declaredScenarioSchema() -> ScenarioSchema {
    let schema = ScenarioSchema()
    let collector = IssueCollector()
    collector.schema = schema
    if let doc = try? YAMLDocument.parse(yaml: referenceScenario, file: "reference.yaml", directory: "/") {
        _ = decodeScenario(doc, collector: collector)
    }
    return schema
}

/// The scenario reference, generated: every key the decoder reads, by dotted path, with how
/// its value is read (kind, checked range or valid values, required), then every registry
/// with its entries' declared parameters (kind, unit, range, default). `virtsim reference`
/// prints it; `Sources/VirtsimCore/VirtsimCore.docc/ScenarioReference.md` is this text, and a
/// test keeps the two equal.
public func scenarioReference() -> String {
    let schema = declaredScenarioSchema()
    var s = "# Scenario reference\n\nGenerated by `virtsim reference` from the decoder itself (do not edit: `make reference`"
    s += " rewrites it, and a test checks it). Paths use `[]` for list items and `<name>` for keys you choose;"
    s += " sizes take `B kB MB GB TB KiB MiB GiB TiB`, durations `us ms s min h d w` or seconds.\n\n"
    s += "## Keys\n\n| key | value | checked | default | required |\n|---|---|---|---|---|\n"
    // keys inside a registry-selected mapping are listed with the registries
    let hidden = { (path: String) -> Bool in
        let parts = path.components(separatedBy: ".")
        return (1..<max(1, parts.count)).contains { registryOf(parts[0..<$0].joined(separator: ".")) != nil }
    }
    let governorKeys = Set(GovernorRegistry.all.flatMap { $0.parameters.map(\.name) })
    for path in schema.entries.keys.sorted() {
        if hidden(path) { continue }
        if path.hasPrefix("arms[].dvfs."), governorKeys.contains(String(path.dropFirst("arms[].dvfs.".count))) { continue }
        var e = schema.entries[path]!
        // a choice is read as text first; names that come from the scenario itself are not a fixed list
        if e.kinds.contains("choice") { e.kinds.remove("text") }
        // registry selectors list the built-in names (a program built on VirtsimKit may add more)
        if ["arms[].placement", "arms[].consolidation.vm_selection", "arms[].consolidation.overload_detector"].contains(path) {
            e.expected = nil  // its text lists the names registered at run time
        }
        if path == "arms[].placement" { e.details = [PlacementRegistry.builtIn.map(\.name).joined(separator: "|")] }
        if path == "arms[].consolidation.vm_selection" { e.details = [ConsolidationRegistry.builtInSelection.map(\.name).joined(separator: "|")] }
        if path.hasSuffix("host_groups[].type") { e.details = ["a name from host_types, or a host type mapping"]; e.kinds = ["text or mapping"] }
        var kind = e.kinds.sorted().joined(separator: " or ")
        let isParent = schema.entries.keys.contains { $0.hasPrefix(path + ".") || $0.hasPrefix(path + "[]") }
        if let registry = registryOf(path) { kind = "a mapping: one of the \(registry) below" } else if kind.isEmpty { kind = isParent ? "mapping" : "value" }
        let checked = e.details.sorted().joined(separator: "; ")
        // defaults that depend on where the key is
        if let c = contextualDefaults[path] { e.defaultText = c }
        let dflt = (e.defaultText.map { $0.isEmpty ? "(empty)" : $0 } ?? "").replacingOccurrences(of: "|", with: "\\|")
        let required = e.required ? "yes" + (e.expected.map { ": \($0)" } ?? "") : ""
        s +=
            "| `\(path)` | \(kind.replacingOccurrences(of: "|", with: "\\|")) | \(checked.replacingOccurrences(of: "|", with: "\\|")) | \(dflt) | \(required.replacingOccurrences(of: "|", with: "\\|")) |\n"
    }
    func section<I, P>(_ title: String, selector: String, _ entries: [RegistryEntry<I, P>]) {
        s += "\n## \(title) (`\(selector)`)\n"
        for e in entries {
            s += "\n### `\(e.name)`\n\n\(e.summary)\n"
            if e.parameters.isEmpty { s += "\nNo parameters.\n"; continue }
            s += "\n| parameter | kind | unit | range or values | default | meaning |\n|---|---|---|---|---|---|\n"
            for p in e.parameters {
                let range = p.range.map { RegistryParameter.text($0) } ?? p.choices.joined(separator: ", ")
                s +=
                    "| `\(p.name)` | \(p.kind.rawValue) | \(p.unit) | \(range.replacingOccurrences(of: "|", with: "\\|")) | \(p.defaultText ?? "required") | \(p.summary.replacingOccurrences(of: "|", with: "\\|")) |\n"
            }
        }
    }
    section("Placement policies", selector: "arms[].placement", PlacementRegistry.builtIn)
    section("Power models", selector: "power.model", PowerModelRegistry.all)
    section("Facility models", selector: "facility.model", FacilityModelRegistry.all)
    section("Workloads", selector: "workload.type", WorkloadRegistry.all)
    section("Distributions", selector: "{distribution: NAME}", DistributionRegistry.all)
    section("Overload detectors", selector: "consolidation.overload_detector.type", ConsolidationRegistry.builtInDetectors)
    section("VM selection", selector: "consolidation.vm_selection", ConsolidationRegistry.builtInSelection)
    section("Live-migration models (their keys sit beside `model` in `arms[].migration`)", selector: "migration.model", MigrationModelRegistry.all)
    section("Hypervisor profiles (`hypervisor: NAME` or a mapping of these keys)", selector: "arms[].hypervisor", HypervisorProfileRegistry.entries)
    section(
        "Licence rules (`hypervisor_licence` takes the vSphere and XenServer rules, `guest_os_licence` the others)", selector: "costs.*_licence.rule",
        LicenceRegistry.entries)
    section("DVFS governors (their parameters sit beside `governor` in `arms[].dvfs`)", selector: "dvfs.governor", GovernorRegistry.all)
    return s
}
