import DatacenterModel
import Engine

/// Keys of an arm's `migration` mapping, for documentation.
let migrationKeys = [
    "model", "dirty_rate_mb_per_s", "dirty_scales_with_cpu", "max_downtime", "max_rounds",
    "max_per_host", "max_per_1gbe", "max_per_10gbe", "energy"
]

/// Migration models (`migration.model`).
let migrationModels = ["ram-over-bandwidth", "pre-copy"]

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
    let model = r.enumValue("model", allowed: migrationModels) ?? "ram-over-bandwidth"
    let preCopyKeys = ["dirty_rate_mb_per_s", "dirty_scales_with_cpu", "max_downtime", "max_rounds"]
    let dirty = r.double("dirty_rate_mb_per_s", range: 0...1e9) ?? 80
    let scales = r.bool("dirty_scales_with_cpu") ?? true
    let downtime = r.duration("max_downtime", positive: true) ?? profile?.maxMigrationDowntimeS ?? 0.030
    let rounds = r.int("max_rounds", range: 1...10_000) ?? 30
    let perHost = r.int("max_per_host", range: 1...10_000) ?? defaults.maxPerHost
    let per1 = r.int("max_per_1gbe", range: 1...10_000) ?? defaults.maxPerNIC1GbE
    let per10 = r.int("max_per_10gbe", range: 1...10_000) ?? defaults.maxPerNIC10GbE
    var energy = defaults.energy
    var ok = true
    if let e = r.child("energy") {
        if e.isNull {
            energy = nil
        } else if e.expectMapping() {
            let d = MigrationEnergyModel()
            let perMB = e.double("joules_per_mb", range: 0...1e9) ?? d.joulesPerByte * 1e6
            let fixed = e.double("fixed_j", range: 0...1e12) ?? d.fixedJ
            e.finish()
            energy = MigrationEnergyModel(joulesPerByte: perMB / 1e6, fixedJ: fixed)
        } else {
            ok = false
        }
    }
    r.finish()
    if model != "pre-copy" {
        for k in preCopyKeys where r.has(k) {
            r.child(k)?.issue("\(k) applies to model: pre-copy only (this arm's model is \(model))")
            ok = false
        }
    }
    guard ok else { return nil }
    let s = MigrationSettings(
        model: model == "pre-copy"
            ? .preCopy(
                dirtyRateBytesPerS: dirty * 1e6, dirtyScalesWithCPU: scales,
                maxDowntimeS: downtime, maxRounds: rounds) : .ramOverBandwidth,
        maxPerHost: perHost, maxPerNIC1GbE: per1, maxPerNIC10GbE: per10, energy: energy)
    if let problem = s.check() { r.issue(problem); return nil }
    return s
}
