import Policies
import SimKernel
import Engine

/// Keys of an arm's `dpm` mapping, for documentation.
let dpmKeys = ["enabled", "target", "tolerance", "power_off_after", "power_on_after", "interval"]

/// Reads an arm's `dpm:` — Distributed Power Management, after vSphere DPM (Broadcom KB 310527,
/// `DomainModels.md` B5):
///
///     dpm: {enabled: true, target: 0.63, tolerance: 0.18, power_off_after: 40 min,
///           power_on_after: 5 min, interval: 5 min}
///
/// Every key is optional; the values shown are the defaults (KB 310527: demand/capacity target
/// 63% ± 18% ⇒ band 45–81%, 40-min power-off and 5-min power-on windows; a 5-min evaluation
/// pass). `target` and `tolerance` are fractions, with 0 < target − tolerance and target +
/// tolerance ≤ 1; `interval` > 0. The hosts DPM keeps on beyond the demand's are the arm's HA
/// reserve (`ha:`, one setting for DPM, sizing and pricing; none without it); the former
/// `ha_reserve_hosts` is an error that says so. `enabled: false` (or no `dpm` key, or `dpm: ~`) means no DPM. Only arms of
/// the `virtsim` profile have DPM.
/// - Returns: The settings, or nil when DPM is absent, disabled or invalid (issues recorded).
func decodeDPM(_ arm: NodeReader, cloudSimProfile: Bool) -> DPMSettings? {
    guard let r = arm.child("dpm"), !r.isNull else { return nil }
    guard r.expectMapping() else { return nil }
    let defaults = DPMSettings()
    let enabled = r.bool("enabled", or: true)
    let target = r.double("target", range: 0...1, or: defaults.target)
    let tolerance = r.double("tolerance", range: 0...1, or: defaults.tolerance)
    let offAfter = r.duration("power_off_after", or: defaults.powerOffAfter.seconds)
    let onAfter = r.duration("power_on_after", or: defaults.powerOnAfter.seconds)
    if let old = r.retiredChild("ha_reserve_hosts") {
        let n = old.int(range: 0...1_000_000).map(String.init) ?? "N"
        old.issue("the HA reserve is the arm's ha: {failures_tolerated: \(n)}, one setting read by DPM, sizing and pricing; move it there")
    }
    let interval = r.duration("interval", positive: true, or: defaults.interval.seconds)
    r.finish()
    if !(target > 0 && target < 1) {
        r.child("target")?.issue("expected a fraction strictly between 0 and 1, found \(target)")
        return nil
    }
    if !(target - tolerance > 0 && target + tolerance <= 1) {
        (r.child("tolerance") ?? r).issue("target ± tolerance must lie within (0, 1]; found \(target) ± \(tolerance)")
        return nil
    }
    if cloudSimProfile && enabled {
        r.issue("dpm applies to arms of the virtsim profile only (the CloudSim profiles consolidate with their own policies)")
        return nil
    }
    guard enabled else { return nil }
    let s = DPMSettings(
        target: target, tolerance: tolerance, powerOffAfter: .seconds(offAfter),
        powerOnAfter: .seconds(onAfter), haReserveHosts: 0, interval: .seconds(interval))
    if let problem = s.check() { r.issue(problem); return nil }
    return s
}
