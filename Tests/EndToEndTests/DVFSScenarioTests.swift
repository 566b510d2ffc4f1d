import Testing
import Foundation
import Policies
import DatacenterModel
@testable import Engine
import VirtsimCore

private let bundled = packageRoot + "/scenarios/dvfs-governors.yaml"

/// A one-arm scenario with a P-state table; `pstates` and `dvfs` are spliced in as written.
private func scenario(pstates: String, dvfs: String, profile: String = "") -> String {
    """
    name: dvfs-mini
    duration: 1 h
    host_types:
      small:
        cores: 4
        core_mips: 2000
        ram: 16 GiB
        power: {model: linear, idle_w: 100, max_w: 200}
        pstates: \(pstates)
      plain:
        cores: 4
        core_mips: 2000
        ram: 16 GiB
        power: {model: linear, idle_w: 100, max_w: 200}
    vm_groups:
      - {name: g, count: 4, vcpus: 1, mips_per_vcpu: 1000, ram: 2 GiB, workload: {type: constant, cpu: 0.5, memory: 0.5}}
    arms:
      - name: a
        placement: first-fit
        dvfs: \(dvfs)
        host_groups: [{type: small, count: 2}]\(profile)
    """
}

private func validate(_ yaml: String, overrides: [String] = []) -> [String] {
    let dir = makeTempDir("dvfs")
    write(yaml, to: dir + "/s.yaml")
    return validateScenarioFile(path: dir + "/s.yaml", overrides: overrides)
}

@Suite("DVFS: scenarios/dvfs-governors.yaml and the pstates and dvfs keys")
struct DVFSScenarioTests {
    @Test("dvfs-governors: ondemand saves energy at the same unmet demand; powersave needs more hosts and leaves demand unmet")
    func governors() throws {
        let o = try runScenarioFile(RunOptions(scenarioPath: bundled, outDir: makeTempDir("dvfs-gov")))
        func arm(_ n: String) throws -> ArmResult { try #require(o.results.first { $0.arm == n }) }
        let perf = try arm("performance"), save = try arm("powersave"), od = try arm("ondemand"), cons = try arm("conservative")
        #expect(perf.cpuFreqMeanPct == 100)
        #expect(abs(save.cpuFreqMeanPct - 100 * 1600 / 3066) < 1e-9, "always at 1600 of 3066 MHz")
        #expect(od.cpuFreqMeanPct > save.cpuFreqMeanPct && od.cpuFreqMeanPct < cons.cpuFreqMeanPct && cons.cpuFreqMeanPct < 100)
        #expect(od.itEnergyKWh < cons.itEnergyKWh && cons.itEnergyKWh < perf.itEnergyKWh)
        #expect(save.hostsUsedMax > perf.hostsUsedMax, "placement reserves against the 1600-MHz capacity")
        #expect(od.hostsUsedMax == perf.hostsUsedMax && cons.hostsUsedMax == perf.hostsUsedMax)
        #expect(save.cpuDemandUnmetPct > 10 * perf.cpuDemandUnmetPct)
        // ondemand reacts within one 10-ms sample: its extra unmet demand is negligible.
        #expect(od.cpuDemandUnmetPct - perf.cpuDemandUnmetPct < 1e-4, "\(od.cpuDemandUnmetPct) vs \(perf.cpuDemandUnmetPct)")
        // Samples happen only after load changes: a day of 5-min steps costs a few events per step.
        #expect(perf.events == save.events)
        #expect(od.events < perf.events + 6 * 288, "\(od.events) events vs \(perf.events) without sampling")
    }

    @Test("dvfs-governors twice with the same seed gives byte-identical CSV files")
    func determinism() throws {
        let a = makeTempDir("dvfs-a"), b = makeTempDir("dvfs-b")
        _ = try runScenarioFile(RunOptions(scenarioPath: bundled, outDir: a))
        _ = try runScenarioFile(RunOptions(scenarioPath: bundled, outDir: b))
        for f in ["summary.csv", "timeseries.csv", "hosts.csv"] {
            let x = read(a + "/" + f), y = read(b + "/" + f)
            #expect(x != nil && x == y, "\(f) identical")
        }
    }

    @Test("decoding: both pstates forms, governor tunables with Linux's defaults, the scalar form, enabled: false and --set")
    func decoding() throws {
        let (_, model) = try loadScenario(path: bundled, overrides: [])
        let table = try #require(model.arms[0].hostTypes[0].pstates)
        #expect(table.count == 12 && table.frequenciesMHz.first == 3066 && table.frequenciesMHz.last == 1600)
        #expect(table.power == .derived(exponent: 3))
        #expect(model.arms.map { $0.dvfs?.governor.name } == ["performance", "powersave", "ondemand", "conservative"])
        #expect(model.arms[2].dvfs?.governor as? OndemandGovernor == OndemandGovernor())
        #expect(model.arms[3].dvfs?.governor as? ConservativeGovernor == ConservativeGovernor())
        #expect(model.arms[2].dvfs?.interval == DVFSSettings.defaultInterval)

        let (_, custom) = try loadScenario(
            path: bundled,
            overrides: [
                "arms.2.dvfs={governor: ondemand, up_threshold: 0.9, interval: 1 s}", "arms.0.dvfs=conservative",
                "arms.1.dvfs.enabled=false",
                "host_types.x3550-m3.pstates={frequencies_mhz: [100, 50, 20], idle_w: [95, 93, 90], max_w: [200, 170, 150]}"
            ])
        #expect(custom.arms[2].dvfs?.governor as? OndemandGovernor == OndemandGovernor(upThreshold: 0.9))
        #expect(custom.arms[2].dvfs?.interval == .seconds(Int64(1)))
        #expect(custom.arms[0].dvfs?.governor as? ConservativeGovernor == ConservativeGovernor())
        #expect(custom.arms[1].dvfs == nil)
        #expect(custom.arms[0].hostTypes[0].pstates?.power == .explicit(idleW: [95, 93, 90], maxW: [200, 170, 150]))
    }

    @Test("an unknown governor lists the valid names, at the file position")
    func unknownGovernor() {
        let i = validate(scenario(pstates: "{frequencies_mhz: [2000, 1000]}", dvfs: "{governor: ondemnd}"))
        #expect(i.count == 1, "\(i)")
        #expect(
            i.first?.contains(
                "s.yaml:20:22: arms[0].dvfs.governor: unknown value \"ondemnd\"; valid values are: performance, powersave, ondemand, conservative; did you mean \"ondemand\"?"
            ) == true, "\(i)")
    }

    @Test("a bad P-state table: frequencies not decreasing, a missing or short power list, max below idle, exponent with watts")
    func badTable() {
        let up = validate(scenario(pstates: "{frequencies_mhz: [2000, 2400]}", dvfs: "ondemand")).joined(separator: "\n")
        #expect(
            up.contains(
                "s.yaml:9:39: host_types.small.pstates.frequencies_mhz[1]: expected strictly decreasing frequencies (P-state 0, the highest, first); 2400.0 is not below 2000.0 before it"
            ), "\(up)")
        let half = validate(scenario(pstates: "{frequencies_mhz: [2000, 1000], idle_w: [95, 93]}", dvfs: "ondemand")).joined(separator: "\n")
        #expect(half.contains("host_types.small.pstates: give both idle_w and max_w"), "\(half)")
        let short = validate(scenario(pstates: "{frequencies_mhz: [2000, 1000], idle_w: [95], max_w: [200, 170]}", dvfs: "ondemand")).joined(separator: "\n")
        #expect(short.contains("host_types.small.pstates.idle_w: expected one idle_w value per frequency (2), found 1"), "\(short)")
        let below = validate(scenario(pstates: "{frequencies_mhz: [2000, 1000], idle_w: [95, 93], max_w: [200, 90]}", dvfs: "ondemand")).joined(separator: "\n")
        #expect(below.contains("host_types.small.pstates.max_w[1]: expected max_w ≥ idle_w at P-state 1 (93.0 W), found 90.0 W"), "\(below)")
        let both = validate(scenario(pstates: "{frequencies_mhz: [2000, 1000], idle_w: [95, 93], max_w: [200, 170], exponent: 3}", dvfs: "ondemand")).joined(
            separator: "\n")
        #expect(both.contains("host_types.small.pstates.exponent: exponent applies to the derived form only"), "\(both)")
        let typo = validate(scenario(pstates: "{frequencies_hz: [2000, 1000]}", dvfs: "ondemand")).joined(separator: "\n")
        #expect(typo.contains("did you mean \"frequencies_mhz\"?") && typo.contains("missing required key \"frequencies_mhz\""), "\(typo)")
    }

    @Test("governor tunables: ranges, cross-checks and another governor's key are errors naming the key")
    func badTunables() {
        let t = "{frequencies_mhz: [2000, 1000]}"
        let cross = validate(scenario(pstates: t, dvfs: "{governor: conservative, up_threshold: 0.5, down_threshold: 0.6}")).joined(separator: "\n")
        #expect(cross.contains("arms[0].dvfs.down_threshold: expected a fraction ≥ 0 and below up_threshold (0.5), found 0.6"), "\(cross)")
        let foreign = validate(scenario(pstates: t, dvfs: "{governor: ondemand, freq_step: 0.1}")).joined(separator: "\n")
        #expect(
            foreign.contains(
                "arms[0].dvfs.freq_step: unknown key \"freq_step\"; valid keys here are: enabled, governor, interval, up_threshold, down_differential"),
            "\(foreign)")
        let range = validate(scenario(pstates: t, dvfs: "{governor: ondemand, up_threshold: 80}")).joined(separator: "\n")
        #expect(range.contains("arms[0].dvfs.up_threshold: expected a number between 0 and 1, found 80"), "\(range)")
        let zero = validate(scenario(pstates: t, dvfs: "{governor: ondemand, interval: 0}")).joined(separator: "\n")
        #expect(zero.contains("arms[0].dvfs.interval: expected a duration > 0"), "\(zero)")
        let missing = validate(scenario(pstates: t, dvfs: "{interval: 10 ms}")).joined(separator: "\n")
        #expect(
            missing.contains("arms[0].dvfs: missing required key \"governor\" (expected one of: performance, powersave, ondemand, conservative)"), "\(missing)")
    }

    @Test("dvfs on a host type without pstates, or on a CloudSim-profile arm, is an error")
    func wrongHosts() {
        let plain = validate(
            scenario(pstates: "{frequencies_mhz: [2000, 1000]}", dvfs: "ondemand"),
            overrides: ["arms.0.host_groups.0.type=plain"]
        ).joined(separator: "\n")
        #expect(plain.contains("arms[0].dvfs: governor ondemand needs P-states, but host type \"plain\" has no pstates"), "\(plain)")
        let cloudsim = validate(
            scenario(
                pstates: "{frequencies_mhz: [2000, 1000]}", dvfs: "powersave",
                profile: "\n    profile: cloudsim-3.0.3\n    consolidation: npa")
        ).joined(separator: "\n")
        #expect(cloudsim.contains("arms[0].dvfs: dvfs applies to arms of the virtsim profile only"), "\(cloudsim)")
    }
}
