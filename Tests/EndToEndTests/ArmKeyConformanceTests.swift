import Testing
import Foundation
import Scenario
import VirtsimCore

/// One meaning per key: every arm key the decoder accepts (taken from the decoder itself,
/// `armKeys()`), on every profile, is either refused by `validate` or changes the outputs of a
/// case built for it. A new arm key without a case here fails the test.
@Suite("Arm keys × profiles: honoured or refused")
struct ArmKeyConformanceTests {
    enum Expect { case changes, refused(String) }
    /// Overrides that set the key up (context), the key's own overrides, and what must follow.
    struct Case { var context: [String] = []; var set: [String]; var expect: Expect }

    static let virtsimYAML = """
        name: keys-virtsim
        seed: 5
        duration: 8 h
        sampling_interval: 30 min
        host_types:
          a: {cores: 4, core_mips: 2000, ram: 16 GiB, nic_gbps: 1, power: {model: linear, idle_w: 100, max_w: 250},
              boot_time: 2 min, pstates: {frequencies_mhz: [2000, 1600, 1200]}}
          b: {cores: 4, core_mips: 2500, ram: 16 GiB, nic_gbps: 1, power: {model: linear, idle_w: 80, max_w: 260},
              boot_time: 2 min, pstates: {frequencies_mhz: [2500, 1800]}}
        vm_groups:
          - {name: web, count: 24, vcpus: 1, mips_per_vcpu: 2000, ram: 2 GiB, disk: 20 GB,
             workload: {type: diurnal, mean: 0.3, amplitude: 0.25, peak_hour: 4, noise_sd: 0.15, interval: 5 min, memory_mean: 0.5}}
        arms:
          - {name: estate, baseline: true, placement: dedicated, host_groups: [{type: a, count: 24}]}
          - name: test
            placement: first-fit
            host_groups: [{type: a, count: 6}, {type: b, count: 6}]
        """

    static let cloudsimYAML = """
        name: keys-cloudsim
        seed: 5
        duration: 6 h
        sampling_interval: 5 min
        workload: {type: planetlab, path: trace, after_end: hold}
        host_types:
          g4: {cores: 2, core_mips: 1860, ram: 4096 MiB, nic_gbps: 1, power: {model: specpower, server: hp-ml110-g4}}
          g5: {cores: 2, core_mips: 2660, ram: 4096 MiB, nic_gbps: 1, power: {model: specpower, server: hp-ml110-g5}}
        vm_groups:
          - {name: big, trace_block: 0/2, vcpus: 1, mips_per_vcpu: 2500, ram: 870 MiB, bandwidth_mbps: 100, disk: 2500 MB}
          - {name: small, trace_block: 1/2, vcpus: 1, mips_per_vcpu: 500, ram: 613 MiB, bandwidth_mbps: 100, disk: 2500 MB}
        arms:
          - {name: estate, baseline: true, placement: dedicated, host_groups: [{type: g4, count: 16}]}
          - name: test
            profile: cloudsim-3.0.3
            consolidation: {overload_detector: {type: thr, threshold: 0.8}, vm_selection: mmt}
            host_groups: [{type: g4, count: 8}, {type: g5, count: 8}]
        """

    static let consolidate = "arms.1.consolidation={overload_detector: {type: thr, threshold: 0.6}, vm_selection: mmt}"

    static let virtsimCases: [String: Case] = [
        "name": Case(set: ["arms.1.name=renamed"], expect: .changes),
        "baseline": Case(context: ["arms.0.baseline=false"], set: ["arms.1.baseline=true"], expect: .changes),
        "profile": Case(set: ["arms.1.profile=cloudsim-3.0.3"], expect: .refused("arms[1].placement")),
        "consolidation": Case(set: [consolidate], expect: .changes),
        "quirks": Case(set: ["arms.1.quirks={drop_zero_demand_vms: false}"], expect: .refused("quirks are switches of the cloudsim-3.0.3 profile")),
        "scheduling_interval": Case(context: [consolidate], set: ["arms.1.scheduling_interval=15 min"], expect: .changes),
        "placement": Case(set: ["arms.1.placement=worst-fit"], expect: .changes),
        "host_order": Case(set: ["arms.1.host_order=interleaved"], expect: .changes),
        "hypervisor": Case(set: ["arms.1.hypervisor=kvm"], expect: .changes),
        "cpu_overcommit": Case(set: ["arms.1.cpu_overcommit=3"], expect: .changes),
        "power_off_idle_hosts": Case(set: ["arms.1.power_off_idle_hosts=false"], expect: .changes),
        "dpm": Case(
            context: [
                "arms.1.hypervisor=esxi", "arms.1.memory=~", "arms.1.power_off_idle_hosts=false",
                "vm_groups.0.workload.mean=0.05", "vm_groups.0.workload.amplitude=0.02"
            ], set: ["arms.1.dpm.enabled=true"], expect: .changes),
        // the reserve's hosts are bought: licences per socket change
        "ha": Case(context: ["arms.1.hypervisor=esxi"], set: ["arms.1.ha={failures_tolerated: 3}"], expect: .changes),
        "sizing": Case(
            context: ["arms.1.host_groups.0.count=auto", "arms.1.placement=worst-fit"], set: ["arms.1.sizing={cpu_target_pct: 30}"], expect: .changes),
        "dvfs": Case(set: ["arms.1.dvfs.governor=powersave"], expect: .changes),
        "drs": Case(context: ["arms.1.cpu_overcommit=2", "arms.1.power_off_idle_hosts=false"], set: ["arms.1.drs.enabled=true"], expect: .changes),
        "memory": Case(context: ["arms.1.hypervisor=esxi", "arms.1.cpu_overcommit=4"], set: ["arms.1.memory.overcommit=2"], expect: .changes),
        "migration": Case(context: [consolidate], set: ["arms.1.migration.model=pre-copy"], expect: .changes),
        "scale_down_order": Case(set: ["arms.1.scale_down_order=pack"], expect: .refused("scale_down_order applies to services")),
        "service_scaler": Case(set: ["arms.1.service_scaler={api: {max_replicas: 3}}"], expect: .refused("unknown service")),
        "service_replicas": Case(set: ["arms.1.service_replicas={api: 2}"], expect: .refused("unknown service")),
        "cloud": Case(
            context: ["arms.1.host_groups.0.count=1", "arms.1.host_groups.1.count=1"],
            set: ["arms.1.cloud={host: {cores: 16, core_mips: 2000, ram: 256 GiB}, provision_time: 10 min, host_usd_per_hour: 5}"],
            expect: .changes),
        "host_groups": Case(set: ["arms.1.host_groups.1.count=2"], expect: .changes),
        "facility": Case(set: ["arms.1.facility={model: fixed-pue, pue: 2.2}"], expect: .changes),
        "storage": Case(set: ["arms.1.storage={provisioning: thin, used_fraction: 0.3}"], expect: .changes),
        "costs": Case(set: ["arms.1.costs={electricity_usd_per_kwh: 0.4}"], expect: .changes),
        "carbon": Case(set: ["arms.1.carbon={location_g_per_kwh: 300}"], expect: .changes),
        "network": Case(set: ["arms.1.network={ports_per_host: 2, ports_per_switch: 48, switch_w: 66.7, port_w: 0.91}"], expect: .changes)
    ]

    static let cloudsimCases: [String: Case] = [
        "name": Case(set: ["arms.1.name=renamed"], expect: .changes),
        "baseline": Case(context: ["arms.0.baseline=false"], set: ["arms.1.baseline=true"], expect: .changes),
        "profile": Case(set: ["arms.1.profile=virtsim"], expect: .refused("arms[1]: missing required key \"placement\"")),
        "consolidation": Case(set: ["arms.1.consolidation=npa"], expect: .changes),
        "quirks": Case(set: ["arms.1.quirks={initial_power_is_idle: false}"], expect: .changes),
        "scheduling_interval": Case(set: ["arms.1.scheduling_interval=10 min"], expect: .changes),
        "placement": Case(set: ["arms.1.placement=first-fit"], expect: .refused("places with CloudSim's own power-aware best fit")),
        "host_order": Case(set: ["arms.1.host_order=interleaved"], expect: .changes),
        "hypervisor": Case(set: ["arms.1.hypervisor=esxi"], expect: .refused("the cloudsim-3.0.3 profile has no hypervisor")),
        "cpu_overcommit": Case(set: ["arms.1.cpu_overcommit=2"], expect: .refused("arms[1].cpu_overcommit")),
        "power_off_idle_hosts": Case(set: ["arms.1.power_off_idle_hosts=false"], expect: .refused("arms[1].power_off_idle_hosts")),
        "dpm": Case(set: ["arms.1.dpm.enabled=true"], expect: .refused("dpm applies to arms of the virtsim profile only")),
        "dvfs": Case(set: ["arms.1.dvfs.governor=powersave"], expect: .refused("arms[1].dvfs")),
        "ha": Case(set: ["arms.1.ha={failures_tolerated: 1}"], expect: .refused("ha applies to arms of the virtsim profile")),
        "sizing": Case(set: ["arms.1.sizing={cpu_target_pct: 70}"], expect: .refused("sizing sets the targets of count: auto")),
        "drs": Case(set: ["arms.1.drs.enabled=true"], expect: .refused("drs applies to arms of the virtsim profile only")),
        "memory": Case(set: ["arms.1.memory.overcommit=2"], expect: .refused("memory applies to arms of the virtsim profile only")),
        "migration": Case(set: ["arms.1.migration.model=pre-copy"], expect: .refused("arms[1].migration")),
        "scale_down_order": Case(set: ["arms.1.scale_down_order=pack"], expect: .refused("scale_down_order applies to services")),
        "service_scaler": Case(set: ["arms.1.service_scaler={api: {max_replicas: 3}}"], expect: .refused("unknown service")),
        "service_replicas": Case(set: ["arms.1.service_replicas={api: 2}"], expect: .refused("unknown service")),
        "cloud": Case(
            set: ["arms.1.cloud={host: {cores: 16, core_mips: 2000, ram: 256 GiB}, provision_time: 10 min, host_usd_per_hour: 5}"],
            expect: .refused("cloud applies to arms of the virtsim profile only")),
        "host_groups": Case(set: ["arms.1.host_groups.1.count=4"], expect: .changes),
        "facility": Case(set: ["arms.1.facility={model: fixed-pue, pue: 2.2}"], expect: .changes),
        "storage": Case(set: ["arms.1.storage={provisioning: thin, used_fraction: 0.3}"], expect: .changes),
        "costs": Case(set: ["arms.1.costs={electricity_usd_per_kwh: 0.4}"], expect: .changes),
        "carbon": Case(set: ["arms.1.carbon={location_g_per_kwh: 300}"], expect: .changes),
        "network": Case(set: ["arms.1.network={ports_per_host: 2, ports_per_switch: 48, switch_w: 66.7, port_w: 0.91}"], expect: .changes)
    ]

    /// Every CSV the run writes, concatenated (manifest and report left out: they quote the scenario).
    static func outputs(_ path: String, _ overrides: [String]) throws -> String {
        let out = makeTempDir("keys-out")
        _ = try runScenarioFile(RunOptions(scenarioPath: path, outDir: out, overrides: overrides, report: false))
        let files = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".csv") }.sorted()
        return files.map { "\($0)\n" + (read(out + "/" + $0) ?? "") }.joined(separator: "\n")
    }

    static func check(profile: String, yaml: String, cases: [String: Case], prepare: (String) -> Void = { _ in }) throws {
        let dir = makeTempDir("keys-\(profile)")
        prepare(dir)
        let path = dir + "/s.yaml"
        write(yaml, to: path)
        #expect(validateScenarioFile(path: path, overrides: []) == [], "the \(profile) base case is valid")
        for key in armKeys() {
            guard let c = cases[key] else {
                Issue.record("arm key \(key) has no case on the \(profile) profile: add one (honoured or refused)")
                continue
            }
            #expect(validateScenarioFile(path: path, overrides: c.context) == [], "\(profile) \(key): the context is valid")
            let issues = validateScenarioFile(path: path, overrides: c.context + c.set)
            switch c.expect {
            case .refused(let text):
                #expect(issues.contains { $0.contains(text) }, "\(profile) \(key) should be refused with “\(text)”: \(issues)")
            case .changes:
                #expect(issues == [], "\(profile) \(key) should be accepted: \(issues)")
                guard issues.isEmpty else { continue }
                let without = try outputs(path, c.context), with = try outputs(path, c.context + c.set)
                #expect(without != with, "\(profile) \(key): \(c.set) is accepted but changes no output")
            }
        }
    }

    @Test("the decoder's arm keys: each has a case on each profile")
    func keysAreListed() {
        let keys = Set(armKeys())
        #expect(keys.contains("consolidation") && keys.contains("quirks") && keys.contains("hypervisor"), "\(keys)")
        #expect(keys == Set(Self.virtsimCases.keys), "virtsim cases: \(keys.symmetricDifference(Self.virtsimCases.keys))")
        #expect(keys == Set(Self.cloudsimCases.keys), "cloudsim cases: \(keys.symmetricDifference(Self.cloudsimCases.keys))")
    }

    @Test("virtsim profile: every arm key is honoured (changes the outputs) or refused")
    func virtsimProfile() throws {
        try Self.check(profile: "virtsim", yaml: Self.virtsimYAML, cases: Self.virtsimCases)
    }

    @Test("cloudsim-3.0.3 profile: every arm key is honoured (changes the outputs) or refused")
    func cloudsimProfile() throws {
        try Self.check(profile: "cloudsim-3.0.3", yaml: Self.cloudsimYAML, cases: Self.cloudsimCases) { dir in
            // 8 VMs, 5-minute percents over 6 h: a rising and falling load so consolidation moves VMs
            let trace = dir + "/trace"
            try? FileManager.default.createDirectory(atPath: trace, withIntermediateDirectories: true)
            for vm in 0..<8 {
                let rows = (0..<72).map { k in String(max(0, min(100, 10 + (vm * 11 + k * 7) % 80 - (k % 12 == 0 ? 10 : 0)))) }
                write(rows.joined(separator: "\n") + "\n", to: trace + "/vm\(vm)")
            }
        }
    }

    @Test("the retired realistic profile is an error whose hint shows the event-engine equivalent")
    func realisticRetired() {
        let dir = makeTempDir("keys-realistic")
        write(Self.virtsimYAML, to: dir + "/s.yaml")
        let issues = validateScenarioFile(path: dir + "/s.yaml", overrides: ["arms.1.profile=realistic"])
        #expect(
            issues.count == 1 && issues[0].contains("arms[1].profile") && issues[0].contains("retired")
                && issues[0].contains("consolidation: {overload_detector"), "\(issues)")
    }

    @Test("consolidation refuses dpm, drs and CloudSim-only allocations with what to do instead")
    func refusedCombinations() {
        let dir = makeTempDir("keys-combos")
        write(Self.virtsimYAML, to: dir + "/s.yaml")
        let path = dir + "/s.yaml"
        let dpm = validateScenarioFile(path: path, overrides: [Self.consolidate, "arms.1.dpm.enabled=true"])
        #expect(dpm.contains { $0.contains("arms[1].consolidation") && $0.contains("not combined with dpm") }, "\(dpm)")
        let drs = validateScenarioFile(path: path, overrides: [Self.consolidate, "arms.1.drs.enabled=true"])
        #expect(drs.contains { $0.contains("not combined with drs") }, "\(drs)")
        let npa = validateScenarioFile(path: path, overrides: ["arms.1.consolidation=npa"])
        #expect(npa.count == 1 && npa[0].contains("power_off_idle_hosts: false"), "\(npa)")
        let step = validateScenarioFile(
            path: path,
            overrides: [
                "arms.1.consolidation={overload_detector: {type: lr, scheduling_interval_s: 600}, vm_selection: mmt}"
            ])
        #expect(
            step.count == 1 && step[0].contains("arms[1].consolidation.overload_detector.scheduling_interval_s")
                && step[0].contains("scheduling_interval"), "\(step)")
        let lonely = validateScenarioFile(path: path, overrides: ["arms.1.scheduling_interval=10 min"])
        #expect(lonely.count == 1 && lonely[0].contains("this arm has no consolidation"), "\(lonely)")
    }
}
