import DatacenterModel
import Policies
import Workloads
import Engine

/// The most request slots (2 × replicas × slots per replica) a service may reserve: 10⁷
/// (80 MB of slot times), beyond any real service and well within memory.
let maxServiceSlots = 10_000_000

/// Keys of a `services[]` entry and of its `requests` and `scaler` mappings, for documentation.
let serviceKeys = ["name", "replica", "slots", "start", "cold_start", "idle_cpu", "requests", "scaler"]
let serviceRequestKeys = ["rate_per_s", "amplitude", "peak_hour", "service_time"]
let serviceScalerKeys = [
    "type", "target_per_replica", "polling_interval", "cooldown_period", "initial_cooldown_period",
    "min_replicas", "max_replicas", "idle_replicas", "activation_threshold", "tolerance", "sync_period",
    "scale_up_pods", "scale_up_percent", "scale_down_percent", "scale_up_period", "scale_down_period",
    "scale_up_stabilization", "scale_down_stabilization"
]

/// Reads the top-level `services:` — event-driven services scaled by a KEDA-style autoscaler
/// (`DomainModels.md` B8; `KEDAScaler`, `RequestQueue`, `RequestArrivals`):
///
///     services:
///       - name: api
///         replica: {vcpus: 2, mips_per_vcpu: 2500, ram: 4 GiB}   # a replica VM's size
///         slots: 2               # requests a replica serves at once (default: its vcpus)
///         start: 20 s            # replica start-up once its host is up (0)
///         cold_start: 10 s       # extra start-up when scaling from 0 to 1 (0)
///         idle_cpu: 0.02         # CPU fraction used while starting or idle (0.02, an assumption)
///         requests: {rate_per_s: 20, amplitude: 0.8, peak_hour: 14, service_time: 200 ms}
///         scaler: {type: keda, target_per_replica: 10, max_replicas: 40}
///
/// `requests`: a Poisson process of mean rate `rate_per_s` (≥ 0), daily swing `amplitude`
/// (0–1, default 0) peaking at `peak_hour` (14), exponential service times of mean
/// `service_time` (> 0). `scaler`: `type: keda` (the only one), `target_per_replica`
/// (required: queue length per replica the HPA aims at) and KEDA's and the HPA's settings with
/// their defaults (`polling_interval` 30 s, `cooldown_period` 300 s, `initial_cooldown_period`
/// 0 s, `min_replicas` 0, `max_replicas` 100, `activation_threshold` 0, `tolerance` 0.1,
/// `sync_period` 15 s, `scale_up_pods` 4, `scale_up_percent` 100, `scale_down_percent` 100,
/// `scale_up_stabilization` 0 s, `scale_down_stabilization` 300 s).
/// - Returns: the services in file order (empty without the key; invalid entries are left out
///   with their issues recorded) and the names of every entry (for the arms' references).
func decodeServices(_ r: NodeReader, startHourOfDay: Double) -> (specs: [ServiceSpec], names: [String]) {
    guard let items = r.child("services"), !items.isNull else { return ([], []) }
    guard let list = items.sequence() else { return ([], []) }
    var out: [ServiceSpec] = []
    var names: [String] = []
    for (i, s) in list.enumerated() {
        guard s.expectMapping() else { continue }  // an empty item is an error
        let name = s.string("name", or: "service-\(i)")
        if names.contains(name) { s.child("name")?.issue("duplicate service name \"\(name)\"") }
        names.append(name)
        var replica: VMType? = nil
        if let v = s.required("replica", expected: "a mapping {vcpus, mips_per_vcpu, ram}"), v.expectMapping() {
            let vcpus = v.required("vcpus", expected: "an integer ≥ 1")?.int(range: 1...4096)
            let mips = v.required("mips_per_vcpu", expected: "MIPS (or MHz) per vCPU > 0")?.double(range: 1e-6...1e12)
            let ram = v.required("ram", expected: "a size such as \"4 GiB\"")?.bytes()
            v.finish()
            if let vcpus, let mips, let ram {
                if ram < 1_048_576 {
                    v.child("ram")?.issue("expected at least 1 MiB")
                } else {
                    replica = VMType(vcpus: vcpus, mipsPerVcpu: mips, ramMiB: ram / 1_048_576)
                }
            }
        }
        let slots = s.int("slots", range: 1...4096)
        let start = s.duration("start", or: 0)
        let cold = s.duration("cold_start", or: 0)
        let idle = s.double("idle_cpu", range: 0...1, or: 0.02)
        var rate: Double? = nil, amplitude = 0.0, peak = 14.0, serviceTime: Double? = nil
        if let q = s.required("requests", expected: "a mapping {rate_per_s, amplitude, peak_hour, service_time}"), q.expectMapping() {
            rate = q.required("rate_per_s", expected: "requests per second ≥ 0")?.double(range: 0...1e9)
            amplitude = q.double("amplitude", range: 0...1, or: 0)
            peak = q.double("peak_hour", range: 0...23.999_999, or: 14)
            serviceTime = q.required("service_time", expected: "a duration > 0 such as \"200 ms\"")?.duration(positive: true)
            q.finish()
        }
        var scaler: KEDAScaler.Settings? = nil
        if let c = s.required("scaler", expected: "a mapping {type: keda, target_per_replica, …}"), c.expectMapping() {
            scaler = readScaler(c, base: nil, slotsPerReplica: replica.map { slots ?? $0.vcpus })
        }
        s.finish()
        guard let replica, let rate, let serviceTime, let scaler else { continue }
        out.append(
            ServiceSpec(
                name: name, replicaType: replica, slotsPerReplica: slots, startS: start, coldStartExtraS: cold,
                idleCPU: idle, ratePerS: rate, amplitude: amplitude, peakHour: peak,
                startHourOfDay: startHourOfDay, serviceMeanS: serviceTime, scaler: scaler))
    }
    return (out, names)
}

/// Reads a `scaler` mapping: with no `base`, a service's (`target_per_replica` required); with
/// a base, an arm's override of it (`service_scaler`), every key optional. Nil if invalid
/// (issues recorded at the field). With `slotsPerReplica`, also refuses more request slots than
/// `maxServiceSlots` (the engine keeps a slot per request for 2 × `max_replicas` replica ids).
func readScaler(_ c: NodeReader, base: KEDAScaler.Settings?, slotsPerReplica: Int? = nil) -> KEDAScaler.Settings? {
    _ = c.enumValue("type", allowed: [KEDAScaler.name])
    let target =
        base == nil
        ? c.required("target_per_replica", expected: "the queue length per replica the HPA aims at, > 0")?.double(range: 1e-9...1e12)
        : c.double("target_per_replica", range: 1e-9...1e12)
    var k = base ?? KEDAScaler.Settings(targetPerReplica: 1)
    if let target { k.targetPerReplica = target }
    k.pollingIntervalS = c.duration("polling_interval", positive: true, or: k.pollingIntervalS)
    k.cooldownPeriodS = c.duration("cooldown_period", or: k.cooldownPeriodS)
    k.initialCooldownPeriodS = c.duration("initial_cooldown_period", or: k.initialCooldownPeriodS)
    k.minReplicas = c.int("min_replicas", range: 0...100_000, or: k.minReplicas)
    k.maxReplicas = c.int("max_replicas", range: 1...100_000, or: k.maxReplicas)
    if c.has("idle_replicas") { k.idleReplicas = c.child("idle_replicas")?.isNull == true ? nil : c.int("idle_replicas", range: 0...100_000) }
    k.activationThreshold = c.double("activation_threshold", range: 0...1e12, or: k.activationThreshold)
    k.tolerance = c.double("tolerance", range: 0...0.999_999, or: k.tolerance)
    k.syncPeriodS = c.duration("sync_period", positive: true, or: k.syncPeriodS)
    k.scaleUpPods = c.int("scale_up_pods", range: 0...100_000, or: k.scaleUpPods)
    k.scaleUpPercent = c.double("scale_up_percent", range: 0...1e6, or: k.scaleUpPercent)
    k.scaleDownPercent = c.double("scale_down_percent", range: 0...100, or: k.scaleDownPercent)
    k.scaleUpPeriodS = c.duration("scale_up_period", positive: true, or: k.scaleUpPeriodS)
    k.scaleDownPeriodS = c.duration("scale_down_period", positive: true, or: k.scaleDownPeriodS)
    k.scaleUpStabilizationS = c.duration("scale_up_stabilization", or: k.scaleUpStabilizationS)
    k.scaleDownStabilizationS = c.duration("scale_down_stabilization", or: k.scaleDownStabilizationS)
    c.finish()
    guard base != nil || target != nil else { return nil }
    if let problem = k.check() { c.issue(checkProblem: problem); return nil }
    if let slots = slotsPerReplica, 2 * k.maxReplicas * slots > maxServiceSlots {
        (c.child("max_replicas") ?? c).issue("max_replicas × slots is too large (\(k.maxReplicas * slots) request slots; at most \(maxServiceSlots / 2))")
        return nil
    }
    return k
}

/// The arm's features that services and cloud bursting are not combined with in this version,
/// each with a hint: memory reclamation may be on by the hypervisor profile's default, with no
/// `memory` key.
func uncombinedFeatures(_ arm: NodeReader, hasDPM: Bool, hasDRS: Bool, hasMemory: Bool) -> [(key: String, hint: String)] {
    [(hasDPM, "dpm"), (hasDRS, "drs"), (hasMemory, "memory")].filter(\.0).map { _, key in
        (key, arm.has(key) ? "" : " (the hypervisor profile turns memory reclamation on by default: set memory: ~)")
    }
}

/// "unknown service …" on `node` unless `key` names one of `services`; its index.
private func serviceIndex(_ key: String, in services: [String], at node: NodeReader) -> Int? {
    if let i = services.firstIndex(of: key) { return i }
    node.issue("unknown service \"\(key)\"; services are: \(services.isEmpty ? "(none: no top-level services)" : services.joined(separator: ", "))")
    return nil
}

/// Reads an arm's `service_replicas: {SERVICE: N}` — a fixed replica count for the named
/// services instead of the autoscaler (a static deployment sized for the peak, say), and
/// refuses services on arms whose DPM, DRS or memory reclamation this version does not
/// combine with them.
/// - Returns: per service (scenario order) the fixed count or nil.
///
/// Also reads `service_scaler: {SERVICE: {…}}` — the arm's override of a service's `scaler`
/// keys (any of them; the others keep the service's values), e.g. `{orders-api: {min_replicas:
/// 1}}` for an arm that keeps one warm replica.
/// - Returns: per service (scenario order) the fixed count or nil, and the scaler override or nil.
func decodeServiceReplicas(
    _ arm: NodeReader, services: [String], specs: [ServiceSpec], cloudSimProfile: Bool,
    hasDPM: Bool, hasDRS: Bool, hasMemory: Bool
) -> (replicas: [Int?], scalers: [KEDAScaler.Settings?]) {
    _ = arm.enumValue("scale_down_order", allowed: ScaleDownOrder.allCases.map(\.rawValue))
    var scalers = [KEDAScaler.Settings?](repeating: nil, count: services.count)
    if let r = arm.child("service_scaler"), !r.isNull, let entries = r.mappingEntries() {
        for (key, node) in entries {
            guard let i = serviceIndex(key, in: services, at: node) else { continue }
            guard node.expectMapping(), let spec = specs.first(where: { $0.name == key }) else { _ = node.mappingEntries(); continue }
            guard let k = readScaler(node, base: spec.scaler, slotsPerReplica: spec.slotsPerReplica) else { continue }
            scalers[i] = k
        }
    }
    var out = [Int?](repeating: nil, count: services.count)
    if let r = arm.child("service_replicas"), !r.isNull, let entries = r.mappingEntries() {
        for (key, node) in entries {
            guard let i = serviceIndex(key, in: services, at: node) else { continue }
            out[i] = node.int(range: 1...1000)  // × ≤ 4096 slots: within maxServiceSlots
        }
    }
    guard !services.isEmpty else {
        if arm.has("scale_down_order") { arm.child("scale_down_order")?.issue("scale_down_order applies to services; this scenario has none") }
        return (out, scalers)
    }
    if cloudSimProfile { arm.issue("services run on arms of the virtsim profile only") }
    for (key, hint) in uncombinedFeatures(arm, hasDPM: hasDPM, hasDRS: hasDRS, hasMemory: hasMemory) {
        (arm.child(key) ?? arm).issue(
            "\(key) is not combined with services in this version (replica VMs are not migrated or reclaimed); "
                + "use power_off_idle_hosts to power hosts off when replicas scale to zero" + hint)
    }
    return (out, scalers)
}
