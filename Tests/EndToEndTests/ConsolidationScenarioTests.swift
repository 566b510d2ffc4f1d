import Testing
import Foundation
import Engine
import VirtsimCore

/// Scenario-level checks: the done-when arm (LR 1.2 + MMT, ESXi, memory overcommit 1.5, the
/// ondemand governor, a facility model and costs) and the directions the models predict.
@Suite("Dynamic consolidation in scenarios")
struct ConsolidationScenarioTests {
    static let yaml = """
        name: consolidation-directions
        seed: 3
        duration: 12 h
        sampling_interval: 15 min
        host_types:
          g5: {cores: 2, core_mips: 2660, ram: 8 GiB, nic_gbps: 1, power: {model: specpower, server: hp-ml110-g5},
               off_w: 6, boot_time: 3 min, boot_power_w: 100, pstates: {frequencies_mhz: [2660, 2000, 1600]}}
        vm_groups:
          - name: web
            count: 60
            vcpus: 1
            mips_per_vcpu: 1000
            ram: 1 GiB
            workload: {type: diurnal, mean: 0.3, amplitude: 0.25, peak_hour: 14, noise_sd: 0.15, interval: 5 min, memory_mean: 0.4}
        arms:
          - name: lr
            placement: power-aware-bfd
            cpu_overcommit: 4
            hypervisor: esxi
            memory: {overcommit: 1.5}
            dvfs: {governor: ondemand}
            facility: {model: fixed-pue, pue: 1.6}
            costs: {electricity_usd_per_kwh: 0.12}
            consolidation: {overload_detector: {type: lr, safety: 1.2}, vm_selection: mmt}
            host_groups: [{type: g5, count: 30}]
        """

    static func run(_ overrides: [String] = []) throws -> ArmResult {
        let dir = makeTempDir("consolidation")
        let path = dir + "/s.yaml"
        write(yaml, to: path)
        let (_, model) = try loadScenario(path: path, overrides: overrides)
        return try simulateScenarioModel(model)[0]
    }

    @Test("the done-when arm runs on the event engine: consolidation with ESXi, overcommit, ondemand, facility and costs")
    func doneWhenArm() throws {
        let dir = makeTempDir("consolidation")
        let path = dir + "/s.yaml"
        write(Self.yaml, to: path)
        #expect(validateScenarioFile(path: path, overrides: []) == [])
        let (_, model) = try loadScenario(path: path, overrides: [])
        let arm = try #require(model.arms.first)
        #expect(arm.cloudSim == nil && arm.consolidation != nil && arm.dvfs != nil && arm.memory != nil)
        #expect(arm.hypervisorProfile?.name == "esxi")
        let r = try simulateScenarioModel(model)[0]
        #expect(r.migrations > 0)
        #expect(r.vmsUnplaced == 0)
        #expect(r.cpuFreqMeanPct < 100, "ondemand lowers the frequency")
        #expect(r.hostsOnMean < 30)
    }

    @Test("ESXi's CPU and memory overhead raises IT energy against hypervisor none (same memory admission)")
    func esxiOverhead() throws {
        // the same memory admission on both (none has no reclamation, so no overcommit on either)
        let esxi = try Self.run(["arms.0.memory=~"])
        let none = try Self.run(["arms.0.hypervisor=none", "arms.0.memory=~"])
        #expect(esxi.itEnergyKWh > none.itEnergyKWh, "\(esxi.itEnergyKWh) vs \(none.itEnergyKWh)")
    }

    @Test("the performance governor uses more energy than ondemand")
    func performanceVsOndemand() throws {
        let ondemand = try Self.run()
        let performance = try Self.run(["arms.0.dvfs.governor=performance"])
        #expect(performance.itEnergyKWh > ondemand.itEnergyKWh, "\(performance.itEnergyKWh) vs \(ondemand.itEnergyKWh)")
    }

    @Test("a higher LR safety flags more hosts: at least as many migrations, over 5 seeds")
    func safetyMonotone() throws {
        for seed in 1...5 {
            let low = try Self.run(["seed=\(seed)", "arms.0.consolidation.overload_detector.safety=1.0"])
            let high = try Self.run(["seed=\(seed)", "arms.0.consolidation.overload_detector.safety=1.4"])
            #expect(high.migrations >= low.migrations, "seed \(seed): \(high.migrations) < \(low.migrations)")
        }
    }

    @Test("same seed, same outputs (RS selection included)")
    func deterministic() throws {
        let a = try Self.run(["arms.0.consolidation.vm_selection=rs"])
        let b = try Self.run(["arms.0.consolidation.vm_selection=rs"])
        #expect(a.itEnergyKWh == b.itEnergyKWh && a.migrations == b.migrations)
    }
}
