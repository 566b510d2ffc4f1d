import Engine

/// `failures:` of a host group (``HostFailureSettings``; <doc:HostFailures>), one of
///
///     failures: {mtbf_h: 2000, mttr_h: 8, restart_delay: 2 min}
///     failures: {schedule: [{host: 0, at: 6 h, repair: 4 h}], restart_delay: 2 min}
///
/// `count` is the group's host count (nil when `count: auto` or unreadable): a schedule's host
/// indices are checked against it, and a schedule needs a fixed count.
func decodeHostFailures(_ g: NodeReader, count: Int?, autoSized: Bool, cloudSimProfile: Bool) -> HostFailureSettings? {
    guard let r = g.child("failures"), !r.isNull else { return nil }
    guard r.expectMapping() else { return nil }
    let mtbf = r.double("mtbf_h", range: 1e-6...1e9)
    let mttr = r.double("mttr_h", range: 1e-6...1e9)
    let delay = r.required("restart_delay", expected: "a duration such as \"2 min\" (from a host's failure to its VMs' restart)")?
        .duration()
    var schedule: [ScheduledFailure]? = nil
    var scheduleOK = true
    if let items = r.sequence("schedule") {
        var list: [ScheduledFailure] = []
        for item in items {
            guard item.expectMapping() else { scheduleOK = false; continue }
            let host = item.required("host", expected: "the host's index within its group, from 0")?.int(range: 0...100_000_000)
            let at = item.required("at", expected: "a duration from the start such as \"6 h\"")?.duration()
            let repair = item.required("repair", expected: "a duration > 0 such as \"4 h\"")?.duration(positive: true)
            item.finish()
            if let host, let count, host >= count {
                item.child("host")?.issue("host \(host) is out of range: the group has \(count) host(s), indices 0…\(count - 1)")
                scheduleOK = false
            }
            guard let host, let at, let repair else { scheduleOK = false; continue }
            list.append(ScheduledFailure(host: host, atS: at, repairS: repair))
        }
        // one host's failures must not overlap: it is down from `at` to `at + repair`
        for (i, a) in list.enumerated() {
            for b in list[(i + 1)...] where a.host == b.host && a.atS < b.atS + b.repairS && b.atS < a.atS + a.repairS {
                items[i].issue(
                    "failures of host \(a.host) overlap (at \(a.atS) s for \(a.repairS) s and at \(b.atS) s for \(b.repairS) s): a host is repaired before it fails again"
                )
                scheduleOK = false
            }
        }
        schedule = list
    }
    r.finish()
    if cloudSimProfile {
        r.issue("failures apply to arms of the virtsim profile (the \(cloudSimProfileName) profile's hosts never fail)")
        return nil
    }
    guard let delay else { return nil }
    switch (mtbf, mttr, schedule) {
    case (let b?, let t?, nil):
        return HostFailureSettings(model: .exponential(mtbfH: b, mttrH: t), restartDelayS: delay)
    case (nil, nil, let s?):
        if autoSized {
            r.child("schedule")?.issue("a schedule names hosts by index; give the group a fixed count, or mtbf_h and mttr_h")
            return nil
        }
        return scheduleOK ? HostFailureSettings(model: .schedule(s), restartDelayS: delay) : nil
    case (_, _, .some):
        r.issue("give either mtbf_h and mttr_h (random failures) or schedule (given failures), not both")
        return nil
    default:
        if r.has("mtbf_h") != r.has("mttr_h") {
            r.issue("give mtbf_h (mean time between failures, h) and mttr_h (mean time to repair, h) together")
        } else if !r.has("mtbf_h") && !r.has("schedule") {
            r.issue("expected mtbf_h and mttr_h (exponential failures and repairs, hours) or schedule: [{host, at, repair}]")
        }
        return nil
    }
}

/// A host type's `failures:` (random failures only) and where it is written.
struct TypeFailures {
    var settings: HostFailureSettings
    var node: NodeReader
}

/// `host_types.<name>.failures`: `{mtbf_h, mttr_h, restart_delay}` for every host of the type,
/// in every arm whose host groups do not give their own (a group's `failures: ~` means none).
/// A schedule names hosts of a group by index, so it is refused here.
func decodeHostTypeFailures(_ t: NodeReader) -> TypeFailures? {
    guard t.isMapping, let f = t.child("failures"), !f.isNull else { return nil }
    if f.isMapping, f.has("schedule") {
        f.child("schedule")?.issue("a schedule names the hosts of a host group by index: give it on the host group, or mtbf_h and mttr_h here")
        return nil
    }
    return decodeHostFailures(t, count: nil, autoSized: false, cloudSimProfile: false).map { TypeFailures(settings: $0, node: f) }
}

/// Engine features that host failures are not combined with in this version (each moves,
/// reclaims or tracks VMs that a failure takes down): an issue at the arm's first `failures:`
/// (`node`) for each feature the arm has.
func checkFailureCombinations(_ node: NodeReader, features: [(key: String, present: Bool)]) {
    for (key, present) in features where present {
        node.issue(
            "host failures are not combined with \(key) in this version (it moves or tracks the VMs a failure takes down); use one of the two")
    }
}
