import Testing
import SimKernel
import DatacenterModel
import Policies
import Workloads
import Engine
import Economics

/// Facility energy from an arm's simulated IT power, computed by hand.
@Suite("Economics: facility energy and costs of an arm")
struct ArmEconomicsTests {
    /// One host, linear 100 → 200 W, one VM at 50% for 1 h: 150 W, 0.15 kWh of IT energy.
    static func halfLoadHour() -> (ArmConfig, [VMGroup], RunSettings, ArmResult) {
        let t = HostType(name: "lin", cores: 1, coreMips: 1000, ramMiB: 4096, power: LinearPowerModel(idleW: 100, maxW: 200))
        let arm = ArmConfig(
            name: "a", isBaseline: false, hostTypes: [t], hosts: [HostSlot(typeIndex: 0, cluster: 0, rack: 0)],
            clusterNames: ["c"], rackNames: ["r"], hypervisor: .none, placement: FirstFit())
        let g = VMGroup(
            name: "g", count: 1, type: VMType(vcpus: 1, mipsPerVcpu: 1000, ramMiB: 1024),
            workload: try! ConstantWorkload(cpu: 0.5, memory: 0))
        let settings = RunSettings(duration: .seconds(Int64(3600)), samplingInterval: .seconds(Int64(300)))
        return (arm, [g], settings, simulateArm(arm, groups: [g], settings: settings))
    }

    @Test("fixed PUE 1.5: facility = 1.5 × 0.15 kWh, cooling = 0.5 × 0.15 kWh (all overhead reported as cooling)")
    func fixedPUE() {
        let (arm, groups, settings, r) = Self.halfLoadHour()
        #expect(abs(r.itEnergyKWh - 0.15) < 1e-12)
        var spec = ArmEconomicsSpec()
        spec.facility = FixedPUE(pue: 1.5)
        let out = computeEconomics(
            arms: [arm], groups: groups, settings: settings, startHourOfDay: 0,
            economics: [spec], results: [r])
        #expect(abs(out[0].economics.facilityEnergyKWh - 0.225) < 1e-12)
        #expect(abs(out[0].economics.coolingEnergyKWh - 0.075) < 1e-12)
    }

    @Test("without a facility model facility energy is IT energy and cooling 0")
    func noFacility() {
        let (arm, groups, settings, r) = Self.halfLoadHour()
        let out = computeEconomics(
            arms: [arm], groups: groups, settings: settings, startHourOfDay: 0,
            economics: [ArmEconomicsSpec()], results: [r])
        #expect(out[0].economics.facilityEnergyKWh == r.itEnergyKWh)
        #expect(out[0].economics.coolingEnergyKWh == 0)
    }
}
