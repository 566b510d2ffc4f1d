import Policies
import SimKernel
import Engine

/// Keys of an arm's `drs` mapping, for documentation.
let drsKeys = ["enabled", "threshold", "interval", "max_moves_per_pass", "max_moves_per_host", "min_improvement"]

/// Reads an arm's `drs:` — load balancing after pre-7.0 vSphere DRS (`DomainModels.md` B5;
/// VMware KB 1007485; see `DRSBalancerModel`):
///
///     drs: {enabled: true, threshold: 3, interval: 5 min, max_moves_per_pass: ~,
///           max_moves_per_host: 8, min_improvement: 0.01}
///
/// Every key is optional; the values shown are the defaults. `threshold` is the migration
/// threshold, an integer 1–5 (1: mandatory moves only, so no load balancing; 3: vSphere's
/// default; 5: aggressive); DRS balances while the current host load standard deviation exceeds
/// 0.1 × (5 − threshold) / √hosts. `interval` > 0 is the time between passes (5 min, B5).
/// `max_moves_per_pass` (integer ≥ 1; absent = no cluster-wide limit) caps the moves of one
/// pass; `max_moves_per_host` (integer ≥ 1, default 8: DRS's `MaxMovesPerHost`) caps the moves
/// out of one host per pass; `min_improvement` (fraction in [0, 1), default 0.01 — an
/// assumption) is the least relative cut in the standard deviation a move must bring.
/// `enabled: false` (or no `drs` key, or `drs: ~`) means no DRS. Only arms of the `virtsim`
/// profile have DRS.
/// - Returns: The settings, or nil when DRS is absent, disabled or invalid (issues recorded).
func decodeDRS(_ arm: NodeReader, cloudSimProfile: Bool) -> DRSSettings? {
    guard let r = arm.child("drs"), !r.isNull else { return nil }
    guard r.expectMapping() else { return nil }
    let defaults = DRSSettings()
    let enabled = r.bool("enabled", or: true)
    let threshold = r.int("threshold")
    let interval = r.duration("interval", positive: true, or: defaults.interval.seconds)
    let perPass = r.int("max_moves_per_pass", range: 1...Int.max)
    let perHost = r.int("max_moves_per_host", range: 1...Int.max) ?? defaults.maxMovesPerHost
    let minImprovement = r.double("min_improvement", range: 0...1, or: defaults.minImprovement)
    r.finish()
    if let t = threshold, !(1...5).contains(t) {
        r.child("threshold")?.issue(
            "expected an integer between 1 and 5 (the migration threshold: 1 applies only "
                + "mandatory moves, 3 is vSphere's default, 5 applies every load-balancing move), found \(t)")
        return nil
    }
    if minImprovement >= 1 {
        r.child("min_improvement")?.issue(
            "expected a fraction ≥ 0 and < 1 (the least relative cut in the host load "
                + "standard deviation a move must bring), found \(formatValue(minImprovement))")
        return nil
    }
    if cloudSimProfile && enabled {
        r.issue("drs applies to arms of the virtsim profile only (the CloudSim profiles consolidate with their own policies)")
        return nil
    }
    guard enabled else { return nil }
    let s = DRSSettings(
        threshold: threshold ?? defaults.threshold, interval: .seconds(interval),
        maxMovesPerPass: perPass, maxMovesPerHost: perHost, minImprovement: minImprovement)
    if let problem = s.check() { r.issue(problem); return nil }
    return s
}

/// 1 rather than 1.0 in messages.
private func formatValue(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
}
