import DatacenterModel
import Engine

/// Keys of an arm's `migration` mapping, for documentation.
let migrationKeys = [
    "model", "dirty_rate_mb_per_s", "dirty_scales_with_cpu", "max_downtime", "max_rounds",
    "max_per_host", "max_per_1gbe", "max_per_10gbe", "energy"
]

/// Every live-migration model, one entry each (`migration: {model: NAME, …}`); the model's own
/// keys sit beside `model` in the arm's `migration` mapping.
public enum MigrationModelRegistry {
    public static let all: [RegistryEntry<ParameterValues, MigrationSettings.Model>] = [
        .init(
            name: "ram-over-bandwidth", summary: "configured RAM sent once over the NIC, no pause (the CloudSim family's model)",
            make: { _ in .ramOverBandwidth }),
        .init(
            name: "pre-copy",
            summary: "iterative pre-copy rounds then stop-and-copy (Clark et al., NSDI 2005): traffic and pause from the dirty rate",
            parameters: [
                .init(
                    name: "dirty_rate_mb_per_s", summary: "memory dirtied at 100% VM CPU (10⁶ B/s; an assumption: a busy VM)",
                    unit: "MB/s", defaultValue: .number(80), range: 0...1e9),
                .init(
                    name: "dirty_scales_with_cpu", summary: "scale the dirty rate by the VM's CPU utilization at the move's start",
                    kind: .flag, defaultValue: .flag(true)),
                .init(
                    name: "max_downtime", summary: "pause that ends pre-copy (the profile's: ESXi/SimGrid 30 ms, KVM 300 ms)",
                    kind: .duration, unit: "s", defaultText: "the hypervisor profile's (30 ms without one)", range: 1e-6...1e12),
                .init(
                    name: "max_rounds", summary: "pre-copy rounds before stop-and-copy", kind: .integer, defaultValue: .number(30),
                    range: 1...10_000)
            ],
            make: { p in
                .preCopy(
                    dirtyRateBytesPerS: p.number("dirty_rate_mb_per_s") * 1e6, dirtyScalesWithCPU: p.flag("dirty_scales_with_cpu"),
                    maxDowntimeS: p.number("max_downtime"), maxRounds: p.integer("max_rounds"))
            })
    ]

    /// Model names, in registry order.
    public static var names: [String] { all.map(\.name) }
}

/// Migration models (`migration.model`).
var migrationModels: [String] { MigrationModelRegistry.names }

/// Reads an arm's `migration:` — how live migrations (DPM and DRS moves) move memory, how
/// many run at once and what they cost (`MigrationSettings`, `DomainModels.md` B6):
///
///     migration: {model: pre-copy, dirty_rate_mb_per_s: 80, dirty_scales_with_cpu: true,
///                 max_downtime: 30 ms, max_rounds: 30, max_per_host: 8, max_per_1gbe: 4,
///                 max_per_10gbe: 8, energy: {joules_per_mb: 0.512, fixed_j: 20.165}}
///
/// Every key is optional. Defaults: `model: ram-over-bandwidth` (configured RAM once); for
/// pre-copy a dirty rate of 80 MB/s (10⁶ B/s) at 100% VM CPU, scaled by the VM's CPU
/// utilization (ASSUMPTION: the issue's worked example's rate taken for a busy VM), the
/// hypervisor profile's maximum pause (30 ms, SimGrid; KVM 300 ms, QEMU's default; 30 ms
/// without a profile) and 30 rounds; vCenter's vMotion limits (8 per host, 4 per NIC
/// below 10 Gb/s, 8 at 10 Gb/s and above); migration energy α = 0.512 J/MB, β = 20.165 J
/// (UNVERIFIED, see `MigrationEnergyModel`); `energy: ~` counts none.
/// - Returns: The settings (defaults when the key is absent), or nil when invalid (issues recorded).
func decodeMigration(_ arm: NodeReader, profile: HypervisorProfile?, cloudSimProfile: Bool) -> MigrationSettings? {
    let defaults = MigrationSettings()
    guard let r = arm.child("migration"), !r.isNull else { return defaults }
    if cloudSimProfile {
        r.issue("migration applies to arms of the virtsim profile only (the CloudSim profiles migrate by RAM / (bandwidth / 2), CloudSimPlanetLab.md)")
        return nil
    }
    guard r.expectMapping() else { return nil }
    let model = r.enumValue("model", allowed: migrationModels, or: "ram-over-bandwidth")
    // every model's keys are read, so a key of another model is reported as such, not as unknown
    var params: ParameterValues = [:]
    for e in MigrationModelRegistry.all {
        for p in e.parameters {
            switch p.kind {
            case .flag: if let b = r.bool(p.name), e.name == model { params[p.name] = .flag(b) }
            case .duration: if let x = r.duration(p.name, positive: true), e.name == model { params[p.name] = .number(x) }
            case .integer:
                if let x = r.int(p.name, range: Int(p.range!.lowerBound)...Int(p.range!.upperBound)), e.name == model { params[p.name] = .number(Double(x)) }
            default: if let x = r.double(p.name, range: p.range), e.name == model { params[p.name] = .number(x) }
            }
        }
    }
    if params["max_downtime"] == nil { params["max_downtime"] = .number(profile?.maxMigrationDowntimeS ?? 0.030) }
    let perHost = r.int("max_per_host", range: 1...10_000, or: defaults.maxPerHost)
    let per1 = r.int("max_per_1gbe", range: 1...10_000, or: defaults.maxPerNIC1GbE)
    let per10 = r.int("max_per_10gbe", range: 1...10_000, or: defaults.maxPerNIC10GbE)
    var energy = defaults.energy
    var ok = true
    if let e = r.child("energy") {
        if e.isNull {
            energy = nil
        } else if e.expectMapping() {
            let d = MigrationEnergyModel()
            let perMB = e.double("joules_per_mb", range: 0...1e9, or: d.joulesPerByte * 1e6)
            let fixed = e.double("fixed_j", range: 0...1e12, or: d.fixedJ)
            e.finish()
            energy = MigrationEnergyModel(joulesPerByte: perMB / 1e6, fixedJ: fixed)
        } else {
            ok = false
        }
    }
    r.finish()
    guard let entry = MigrationModelRegistry.all.first(where: { $0.name == model }) else { return nil }
    for e in MigrationModelRegistry.all where e.name != model {
        for k in e.parameters.map(\.name) where r.has(k) && entry.parameter(k) == nil {
            r.child(k)?.issue("\(k) applies to model: \(e.name) only (this arm's model is \(model))")
            ok = false
        }
    }
    guard ok, let built = entry.make(params.filter { entry.parameter($0.key) != nil }) else { return nil }
    let s = MigrationSettings(model: built, maxPerHost: perHost, maxPerNIC1GbE: per1, maxPerNIC10GbE: per10, energy: energy)
    if let problem = s.check() { r.issue(problem); return nil }
    return s
}
