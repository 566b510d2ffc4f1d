import SimKernel
import DatacenterModel
import Policies
import Engine

/// Keys of a host type's `pstates` mapping, for documentation.
let pstateKeys = ["frequencies_mhz", "idle_w", "max_w", "exponent"]
/// Keys of an arm's `dvfs` mapping besides the governor's tunables, for documentation.
let dvfsKeys = ["enabled", "governor", "interval"]

/// Reads a host type's `pstates:` — its DVFS frequency steps, P-state 0 (the highest) first
/// (`PStateTable`), in one of two forms:
///
///     pstates: {frequencies_mhz: [100, 50, 20], idle_w: [95, 93, 90], max_w: [200, 170, 150]}
///     pstates: {frequencies_mhz: [3066, 2400, 1600], exponent: 3}
///
/// The first gives each P-state's idle and full-load watts (SimGrid's `wattage_per_state`
/// Idle and AllCores; this example is SimGrid's own, `host_energy.cpp`); the second derives
/// them from the host type's `power` model, scaling its dynamic part by
/// (f_k / f_0)^`exponent` (default 3). `frequencies_mhz` is required and strictly decreasing;
/// only its ratios matter (`core_mips` is the capacity at the first frequency). `idle_w` and
/// `max_w` go together, one value per frequency, max ≥ idle ≥ 0; `exponent` (0–10) only without
/// them.
/// - Returns: The table, or nil when absent or invalid (issues recorded).
func decodePStates(_ hostType: NodeReader) -> PStateTable? {
    guard let r = hostType.child("pstates"), !r.isNull else { return nil }
    guard r.expectMapping() else { return nil }
    let fNode = r.required("frequencies_mhz", expected: "a list of P-state frequencies in MHz, highest first, such as [2400, 1800, 1200]")
    let freqs = fNode?.doubleArray(range: 1e-9...1e12)
    let explicit = r.has("idle_w") || r.has("max_w")
    let idleNode = r.child("idle_w").flatMap { $0.isNull ? nil : $0 }
    let maxNode = r.child("max_w").flatMap { $0.isNull ? nil : $0 }
    let idle = idleNode?.doubleArray(range: 0...1e7)
    let max = maxNode?.doubleArray(range: 0...1e7)
    let exponent = r.double("exponent", range: 0...10)
    r.finish()
    guard let fNode, let freqs else { return nil }
    if freqs.isEmpty { fNode.issue("expected at least one P-state frequency"); return nil }
    let items = fNode.sequence() ?? []
    for i in 1..<freqs.count where !(freqs[i] < freqs[i - 1]) {
        items[i].issue("expected strictly decreasing frequencies (P-state 0, the highest, first); \(freqs[i]) is not below \(freqs[i - 1]) before it")
        return nil
    }
    let power: PStateTable.Power
    if explicit {
        if exponent != nil {
            r.child("exponent")?.issue("exponent applies to the derived form only; with idle_w and max_w each P-state's power is given")
            return nil
        }
        guard let idleNode, let maxNode else {
            r.issue(
                "give both idle_w and max_w (watts per P-state, as SimGrid's Idle and AllCores), or neither (power derived from the host type's power model)")
            return nil
        }
        guard let idle, let max else { return nil }
        for (node, values, key) in [(idleNode, idle, "idle_w"), (maxNode, max, "max_w")] where values.count != freqs.count {
            node.issue("expected one \(key) value per frequency (\(freqs.count)), found \(values.count)")
            return nil
        }
        let maxItems = maxNode.sequence() ?? []
        for i in 0..<freqs.count where max[i] < idle[i] {
            maxItems[i].issue("expected max_w ≥ idle_w at P-state \(i) (\(idle[i]) W), found \(max[i]) W")
            return nil
        }
        power = .explicit(idleW: idle, maxW: max)
    } else {
        power = .derived(exponent: exponent ?? PStateTable.defaultExponent)
    }
    if let problem = PStateTable.check(frequenciesMHz: freqs, power: power) { r.issue(problem); return nil }
    return PStateTable(frequenciesMHz: freqs, power: power)
}

/// Reads an arm's `dvfs:` — the cpufreq governor its hosts run (`DVFSSettings`):
///
///     dvfs: {governor: ondemand, interval: 10 ms, up_threshold: 0.8, down_differential: 0.1}
///     dvfs: {governor: conservative, up_threshold: 0.8, down_threshold: 0.2, freq_step: 0.05}
///     dvfs: powersave
///
/// `governor` is one of `GovernorRegistry.names` (performance, powersave, ondemand,
/// conservative); the other keys are that governor's tunables (fractions, Linux's defaults
/// shown) and `interval`, the sampling period (default 10 ms, cpufreq's typical
/// `sampling_rate`). A scalar is a governor name with its defaults. `enabled: false` (or no
/// `dvfs`, or `dvfs: ~`) means no DVFS. Only arms of the `virtsim` profile have DVFS, and every
/// host type of the arm needs `pstates` (`dvfsForHostTypes`).
/// - Returns: The settings, or nil when absent, disabled or invalid (issues recorded).
func decodeDVFS(_ arm: NodeReader, cloudSimProfile: Bool) -> DVFSSettings? {
    guard let r = arm.child("dvfs"), !r.isNull else { return nil }
    let names = GovernorRegistry.names
    if r.isScalar {
        guard let name = r.enumValue(allowed: names), let g = GovernorRegistry.make(name) else { return nil }
        if cloudSimProfile { r.issue(cloudSimMessage); return nil }
        return DVFSSettings(governor: g)
    }
    guard r.expectMapping() else { return nil }
    let enabled = r.bool("enabled", or: true)
    let name = r.required("governor", expected: "one of: \(names.joined(separator: ", "))")?.enumValue(allowed: names)
    let intervalS = r.duration("interval", positive: true)
    var params: ParameterValues = [:]
    let entry = name.flatMap { n in GovernorRegistry.all.first { $0.name == n } }
    if let entry {
        for p in entry.parameters {
            if let x = r.double(p.name, range: p.range) { params[p.name] = .number(x) }
        }
    } else {
        // Unknown governor: accept every governor's tunables, so only the name is reported.
        for e in GovernorRegistry.all { for p in e.parameters { _ = r.child(p.name) } }
    }
    r.finish()
    guard let entry else { return nil }
    if let problem = entry.check?(entry.filled(params)) {
        // Messages start with the key at fault ("down_threshold: expected …").
        if let colon = problem.firstIndex(of: ":"), let node = r.child(String(problem[..<colon])) {
            node.issue(String(problem[problem.index(colon, offsetBy: 2)...]))
        } else {
            r.issue(problem)
        }
        return nil
    }
    var interval = DVFSSettings.defaultInterval
    if let intervalS {
        interval = SimDuration(microseconds: Int64((intervalS * 1_000_000).rounded()))
        if interval <= .zero { r.child("interval")?.issue("expected a sampling period of at least 1 µs, found \(intervalS) s"); return nil }
    }
    if cloudSimProfile && enabled { r.issue(cloudSimMessage); return nil }
    guard enabled else { return nil }
    guard let governor = entry.make(params) else { return nil }
    return DVFSSettings(governor: governor, interval: interval)
}

private let cloudSimMessage = "dvfs applies to arms of the virtsim profile only (the CloudSim profiles have consolidation: dvfs)"

/// `dvfs` if every host type of the arm has `pstates`; else records, at the arm's `dvfs` key,
/// which type has none, and returns nil. Call after the arm's host types are resolved.
func dvfsForHostTypes(_ dvfs: DVFSSettings?, _ types: [HostType], at arm: NodeReader) -> DVFSSettings? {
    guard let dvfs else { return nil }
    for t in types where t.pstates == nil {
        (arm.child("dvfs") ?? arm).issue(
            "governor \(dvfs.governor.name) needs P-states, but host type \"\(t.name)\" has no pstates; give it "
                + "pstates: {frequencies_mhz: [...]} (power derived from its power model) or {frequencies_mhz, idle_w, max_w}, or remove dvfs from this arm")
        return nil
    }
    return dvfs
}
