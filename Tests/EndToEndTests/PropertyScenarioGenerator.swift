import TestSupport

/// A small random scenario for the property suite (`EngineInvariantPropertyTests`), drawn from
/// a SplitMix64 stream seeded by `seed`: the same seed gives the same YAML on every machine.
///
/// It mixes what the event engine does — host types of different capacities and power curves
/// (linear and 11-point tables), with and without boot times and P-states; VM groups with
/// constant, stochastic and diurnal workloads that arrive and depart during the run; CPU and
/// memory overcommit; DPM, DRS, dynamic consolidation (live migration over 0, 1 and 10 Gb/s
/// NICs, RAM-over-bandwidth or pre-copy), DVFS governors, event-driven services, cloud bursting
/// — over one to three arms and a horizon of minutes to a few hours, so a run takes
/// milliseconds. Combinations the decoder refuses (services or cloud with DPM, DRS or memory
/// reclamation; consolidation with DPM, DRS, cloud or services) are not drawn.
///
/// The fields keep what the test needs to check the engine independently of it: capacities,
/// reservations, power curves and group lifetimes as written in the YAML.
struct PropertyScenario {
    struct HostType {
        var name: String
        var cores: Int, coreMips: Double, ramGiB: Int, nicGbps: Double
        /// 11 watts at 0%, 10%, …, 100% CPU (a linear model is written as idle/max but kept here
        /// as its 11 points).
        var tableW: [Double]
        var linear: Bool
        var offW: Double, bootTimeS: Int, bootPowerW: Double
        /// P-state frequencies, MHz, highest first (empty: none).
        var pstatesMHz: [Double]
        /// Power at utilization u ∈ [0, 1], W: linear between the 11 points.
        func powerW(_ u: Double) -> Double {
            let u = min(max(u, 0), 1)
            if linear { return tableW[0] + (tableW[10] - tableW[0]) * u }
            let x = u * 10
            let i = min(Int(x), 9)
            return tableW[i] + (tableW[i + 1] - tableW[i]) * (x - Double(i))
        }
    }
    struct Group {
        var name: String
        var count: Int, vcpus: Int, mipsPerVcpu: Double, ramMiB: Int
        var arrivalS: Int
        var departureS: Int?
        var workload: String
    }
    struct Arm {
        var name: String
        var placement: String
        var cpuOverhead: Double, memOverheadMiB: Int
        var cpuOvercommit: Double
        /// Memory reclamation's overcommit ratio (nil: no `memory`).
        var memOvercommit: Double?
        /// The hypervisor profile (arms with memory reclamation: it needs one), nil: a generic hypervisor.
        var profile: String?
        var powerOffIdle: Bool
        /// (host type index, count) per host group.
        var hostGroups: [(type: Int, count: Int)]
        var dvfsGovernor: String?
        var features: [String]
        /// The host groups' `failures:` (nil: none), on plain arms only (the decoder refuses it
        /// with DPM, DRS, consolidation, memory reclamation, DVFS, cloud and services).
        var failures: String? = nil
    }
    struct Service {
        var vcpus: Int, mipsPerVcpu: Double, ramMiB: Int
    }

    var seed: UInt64
    var durationS: Int
    var hostTypes: [HostType] = []
    var groups: [Group] = []
    var arms: [Arm] = []
    var services: [Service] = []
    var yaml = ""

    init(seed: UInt64) {
        self.seed = seed
        var r = SplitMix64(state: seed &* 0x2545_F491_4F6C_DD1D)
        // host failures from a stream of their own, so the other draws of a seed stay as they were
        var rf = SplitMix64(state: seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x5DEE_CE66)
        let hasServices = r.int(100) < 15
        durationS = hasServices ? 60 * r.int(10, 60) : 60 * r.int(10, 180)
        let sampling = min([60, 120, 300, 600, 900][r.int(5)], durationS)
        let withPStates = r.int(100) < 35
        for t in 0..<r.int(1, 3) {
            let idle = r.uniform(40, 200)
            let linear = r.int(2) == 0
            var table = [idle]
            let maxW = idle * r.uniform(1.2, 3)
            for k in 1...10 {
                table.append(linear ? idle + (maxW - idle) * Double(k) / 10 : table[k - 1] + (maxW - idle) * r.uniform(0.02, 0.18))
            }
            let f0 = Double(r.int(18, 32) * 100)
            hostTypes.append(
                HostType(
                    name: "type\(t)", cores: [4, 8, 12, 16, 24][r.int(5)], coreMips: Double(r.int(15, 30) * 100),
                    ramGiB: [16, 32, 64][r.int(3)], nicGbps: [0, 1, 1, 10][r.int(4)], tableW: table, linear: linear,
                    offW: Double(r.int(0, 10)), bootTimeS: [0, 30, 60, 180][r.int(4)], bootPowerW: r.uniform(idle, maxW),
                    pstatesMHz: withPStates ? [f0, f0 * 0.8, f0 * 0.6, f0 * 0.5] : []))
        }
        for g in 0..<r.int(1, 4) {
            let arrival = r.int(100) < 55 ? 0 : 60 * r.int(0, durationS / 60)
            let departure: Int? = r.int(100) < 35 ? arrival + 60 * r.int(1, max(1, durationS / 60)) : nil
            groups.append(
                Group(
                    name: "g\(g)", count: r.int(1, 12), vcpus: r.int(1, 4), mipsPerVcpu: Double(r.int(5, 15) * 100),
                    ramMiB: 512 * r.int(1, 16), arrivalS: arrival, departureS: departure, workload: Self.workload(&r)))
        }
        if hasServices {
            services.append(Service(vcpus: r.int(1, 2), mipsPerVcpu: Double(r.int(10, 25) * 100), ramMiB: 512 * r.int(1, 4)))
        }
        let hasCloud = r.int(100) < 10
        for a in 0..<r.int(1, 3) {
            var features: [String] = []
            var memOver: Double? = nil
            var mode = hasServices || hasCloud ? 0 : r.int(5)  // 0 plain, 1 dpm, 2 drs, 3 dpm + drs, 4 consolidation
            if hasCloud && a == 0 { mode = 5 }
            switch mode {
            case 1, 3:
                features.append(
                    "dpm: {enabled: true, target: \(Self.fmt(r.uniform(0.4, 0.7))), tolerance: \(Self.fmt(r.uniform(0.05, 0.25))), "
                        + "power_off_after: \(r.int(1, 20)) min, power_on_after: \(r.int(1, 10)) min, interval: \(r.int(1, 10)) min}")
                if r.int(3) == 0 { features.append("ha: {failures_tolerated: 1}") }
                if mode == 3 { features.append("drs: {enabled: true, threshold: \(r.int(1, 5)), interval: \(r.int(1, 10)) min}") }
            case 2:
                features.append("drs: {enabled: true, threshold: \(r.int(1, 5)), interval: \(r.int(1, 10)) min, max_moves_per_pass: \(r.int(1, 8))}")
            case 4:
                let det = [
                    "{type: thr, threshold: \(Self.fmt(r.uniform(0.5, 0.95)))}", "{type: mad, min_history: 3}", "{type: iqr, min_history: 3}",
                    "{type: lr, window: 3}"
                ][r.int(4)]
                features.append("consolidation: {overload_detector: \(det), vm_selection: \(["mmt", "mu", "mc", "rs"][r.int(4)])}")
                features.append("scheduling_interval: \(r.int(1, 10)) min")
            case 5:
                features.append(
                    "cloud: {host: {cores: 16, core_mips: 2500, ram: 128 GiB}, host_usd_per_hour: 5, provision_time: \(r.int(0, 10)) min, "
                        + "max_hosts: \(r.int(1, 3)), release_after: \(r.int(0, 20)) min}")
            default: break
            }
            if mode != 0 && mode != 5 || r.int(4) == 0 && !hasServices && !hasCloud {
                let model = r.int(2) == 0 ? "pre-copy, dirty_rate_mb_per_s: \(r.int(0, 200)), max_downtime: 30 ms" : "ram-over-bandwidth"
                features.append("migration: {model: \(model), max_per_host: \(r.int(1, 8))}")
            }
            if !hasServices && !hasCloud && r.int(3) == 0 {
                memOver = Self.round2(r.uniform(1, 2))
                features.append("memory: {overcommit: \(Self.fmt(memOver!))}")
            }
            let profile = memOver == nil ? nil : ["esxi", "kvm", "xen", "hyper-v"][r.int(4)]
            var governor: String? = nil
            if withPStates && r.int(2) == 0 {
                governor = ["performance", "powersave", "ondemand", "conservative"][r.int(4)]
                features.append("dvfs: {governor: \(governor!), interval: \(r.int(1, 30)) s}")
            }
            var hg: [(type: Int, count: Int)] = []
            for _ in 0..<r.int(1, 2) { hg.append((r.int(hostTypes.count), r.int(1, 6))) }
            arms.append(
                Arm(
                    name: "arm\(a)", placement: ["first-fit", "best-fit-decreasing", "worst-fit", "power-aware-bfd"][r.int(4)],
                    cpuOverhead: Self.round2(r.uniform(0, 0.1)), memOverheadMiB: r.int(0, 200), cpuOvercommit: Self.round2(r.uniform(1, 3)),
                    memOvercommit: memOver, profile: profile, powerOffIdle: r.int(4) != 0, hostGroups: hg, dvfsGovernor: governor, features: features))
            if mode == 0 && !hasServices && !hasCloud && memOver == nil && governor == nil && rf.int(3) != 0 {
                // MTBF of a few hours so that failures happen within the short horizons
                arms[arms.count - 1].failures =
                    "{mtbf_h: \(Self.fmt(rf.uniform(0.3, 4))), mttr_h: \(Self.fmt(rf.uniform(0.05, 1))), restart_delay: \(rf.int(0, 300)) s}"
            }
        }
        yaml = render(sampling: sampling, rate: Self.fmt(r.uniform(0.5, 5)))
    }

    /// A workload mapping, one line.
    static func workload(_ r: inout SplitMix64) -> String {
        let interval = "\([30, 60, 300, 600][r.int(4)]) s"
        switch r.int(3) {
        case 0: return "{type: constant, cpu: \(fmt(r.uniform(0, 1))), memory: \(fmt(r.uniform(0, 1)))}"
        case 1:
            let cpu = [
                "{distribution: uniform, min: 0, max: \(fmt(r.uniform(0.1, 1)))}", "{distribution: beta, a: 2, b: \(r.int(2, 20))}",
                "{distribution: truncated-normal, mean: \(fmt(r.uniform(0, 1))), sd: 0.2}"
            ][r.int(3)]
            return "{type: stochastic, interval: \(interval), cpu: \(cpu), memory: {distribution: uniform, min: 0.1, max: 0.9}}"
        default:
            return
                "{type: diurnal, mean: \(fmt(r.uniform(0.05, 0.6))), amplitude: \(fmt(r.uniform(0, 0.3))), peak_hour: \(r.int(0, 23)), "
                + "noise_sd: \(fmt(r.uniform(0, 0.1))), memory_mean: 0.4, memory_amplitude: 0.1, interval: \(interval)}"
        }
    }

    static func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
    /// Six decimals: what the YAML says is what the test computes with.
    static func fmt(_ x: Double) -> String {
        let v = (x * 1e6).rounded() / 1e6
        return "\(v)"
    }

    private mutating func render(sampling: Int, rate: String) -> String {
        // what the YAML says, read back as the test's numbers
        for t in hostTypes.indices {
            hostTypes[t].tableW = hostTypes[t].tableW.map { Double(Self.fmt($0))! }
            hostTypes[t].bootPowerW = Double(Self.fmt(hostTypes[t].bootPowerW))!
        }
        var s = "name: prop-\(seed)\nseed: \(seed % 1_000_000)\nduration: \(durationS) s\nsampling_interval: \(sampling) s\nallow_unplaced: true\n"
        s += "host_types:\n"
        for t in hostTypes {
            s += "  \(t.name):\n    cores: \(t.cores)\n    core_mips: \(Int(t.coreMips))\n    ram: \(t.ramGiB) GiB\n    nic_gbps: \(Int(t.nicGbps))\n"
            if t.linear {
                s += "    power: {model: linear, idle_w: \(Self.fmt(t.tableW[0])), max_w: \(Self.fmt(t.tableW[10]))}\n"
            } else {
                s += "    power: {model: specpower, table_w: [\(t.tableW.map { Self.fmt($0) }.joined(separator: ", "))]}\n"
            }
            s += "    off_w: \(Int(t.offW))\n    boot_time: \(t.bootTimeS) s\n    boot_power_w: \(Self.fmt(t.bootPowerW))\n"
            if !t.pstatesMHz.isEmpty { s += "    pstates: {frequencies_mhz: [\(t.pstatesMHz.map { "\(Int($0))" }.joined(separator: ", "))]}\n" }
        }
        s += "vm_groups:\n"
        for g in groups {
            s += "  - {name: \(g.name), count: \(g.count), vcpus: \(g.vcpus), mips_per_vcpu: \(Int(g.mipsPerVcpu)), ram: \(g.ramMiB) MiB, "
            s += "arrival: \(g.arrivalS) s" + (g.departureS.map { ", departure: \($0) s" } ?? "") + ",\n     workload: \(g.workload)}\n"
        }
        for (i, v) in services.enumerated() {
            if i == 0 { s += "services:\n" }
            s += "  - name: svc\(i)\n    replica: {vcpus: \(v.vcpus), mips_per_vcpu: \(Int(v.mipsPerVcpu)), ram: \(v.ramMiB) MiB}\n"
            s += "    requests: {rate_per_s: \(rate), amplitude: 0.3, service_time: 150 ms}\n"
            s += "    scaler: {type: keda, target_per_replica: 4, max_replicas: 6, polling_interval: 30 s}\n"
        }
        s += "arms:\n"
        for a in arms {
            s += "  - name: \(a.name)\n    placement: \(a.placement)\n"
            let profile = a.profile.map { "profile: \($0), " } ?? ""
            s += "    hypervisor: {\(profile)name: hv, cpu_overhead: \(a.cpuOverhead), memory_overhead_per_vm: \(a.memOverheadMiB) MiB}\n"
            s += "    cpu_overcommit: \(a.cpuOvercommit)\n    power_off_idle_hosts: \(a.powerOffIdle)\n"
            for f in a.features { s += "    \(f)\n" }
            s += "    host_groups:\n"
            for g in a.hostGroups {
                s += "      - {type: \(hostTypes[g.type].name), count: \(g.count)\(a.failures.map { ", failures: \($0)" } ?? "")}\n"
            }
        }
        return s
    }
}
