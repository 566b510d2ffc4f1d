import Engine

/// `ha:` of an arm — the HA failover reserve (``HASettings``), one of
///
///     ha: {failures_tolerated: 1}     # N+1: the capacity of the largest host held back
///     ha: {reserve_pct: 25}           # 25% of the arm's CPU capacity held back, in whole hosts
///
/// Read by automatic sizing, by DPM (the reserve's hosts stay on) and by pricing.
func decodeHA(_ arm: NodeReader, cloudSimProfile: Bool) -> HASettings? {
    guard let r = arm.child("ha"), !r.isNull else { return nil }
    guard r.expectMapping() else { return nil }
    let f = r.int("failures_tolerated", range: 0...1000)
    let p = r.double("reserve_pct", range: 0...99)
    r.finish()
    if cloudSimProfile {
        r.issue("ha applies to arms of the virtsim profile (the \(cloudSimProfileName) profile has no failover reserve)")
        return nil
    }
    switch (f, p) {
    case (let f?, nil): return .failuresTolerated(f)
    case (nil, let p?): return .reservePct(p)
    case (.some, .some): r.issue("give either failures_tolerated or reserve_pct, not both"); return nil
    case (nil, nil):
        if !r.has("failures_tolerated") && !r.has("reserve_pct") {
            r.issue("expected failures_tolerated: F (host failures tolerated) or reserve_pct: P (percent of capacity held back)")
        }
        return nil
    }
}

/// `sizing:` of an arm — the targets of `count: auto` (``SizingSettings``):
///
///     sizing: {cpu_percentile: 95, cpu_target_pct: 80, unmet_cpu_max_pct: 0.1, search: bisect, max_hosts: 500, cpu_ready_max_pct: 5}
///
/// Every key optional (the values shown are the defaults but `max_hosts` and
/// `cpu_ready_max_pct`, which are unset by default). Without `count: auto`
/// on one of the arm's host groups the key is an error (it would be ignored).
func decodeSizing(_ arm: NodeReader, autoSized: Bool) -> SizingSettings? {
    guard let r = arm.child("sizing"), !r.isNull else { return nil }
    guard r.expectMapping() else { return nil }
    var s = SizingSettings()
    s.cpuPercentile = r.double("cpu_percentile", range: 50...100, or: s.cpuPercentile)
    s.cpuTargetPct = r.double("cpu_target_pct", range: 1e-9...100, or: s.cpuTargetPct)
    s.unmetCPUMaxPct = r.double("unmet_cpu_max_pct", range: 0...100, or: s.unmetCPUMaxPct)
    s.cpuReadyMaxPct = r.double("cpu_ready_max_pct", range: 1e-9...100)
    s.search = r.enumValue("search", as: SizingSettings.Search.self, or: s.search)
    s.maxHosts = r.int("max_hosts", range: 1...1_000_000)
    r.finish()
    if !autoSized {
        r.issue("sizing sets the targets of count: auto; no host group of this arm has count: auto")
        return nil
    }
    return s
}
