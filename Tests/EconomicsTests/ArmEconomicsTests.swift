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

    @Test("hosts bought: each type's peak, HA spares to the largest type first, each capped by its pool")
    func hostsBoughtRule() {
        let small = HostType(name: "small", cores: 4, coreMips: 1000, ramMiB: 8192, power: LinearPowerModel(idleW: 100, maxW: 200))
        let big = HostType(name: "big", cores: 16, coreMips: 1000, ramMiB: 8192, power: LinearPowerModel(idleW: 100, maxW: 200))
        let slots = [0, 0, 0, 0, 1, 1].map { HostSlot(typeIndex: $0, cluster: 0, rack: 0) }
        var arm = ArmConfig(
            name: "a", isBaseline: false, hostTypes: [small, big], hosts: slots,
            clusterNames: ["c"], rackNames: ["r"], hypervisor: .none, placement: FirstFit())
        var r = Self.halfLoadHour().3
        r.hostsUsedMaxByType = [3, 1]
        #expect(hostsBought(arm, r) == [3, 1])
        arm.ha = .failuresTolerated(1)  // to the big type (16 cores)
        #expect(hostsBought(arm, r) == [3, 2])
        arm.ha = .failuresTolerated(3)  // big is full at 2: the rest to small, up to its 4
        #expect(hostsBought(arm, r) == [4, 2])
        arm.ha = .failuresTolerated(9)
        #expect(hostsBought(arm, r) == [4, 2])
        arm.ha = .failuresTolerated(0)
        arm.powerOffIdleHosts = false
        #expect(hostsBought(arm, r) == [4, 2])
        arm.powerOffIdleHosts = true
        arm.isBaseline = true
        #expect(hostsBought(arm, r) == [4, 2])
    }

    @Test("horizon: capex bought at the start and at each end of life within it; opex per year × years")
    func horizonRule() {
        let annual = CostBreakdown(hardware: 1000, storage: 50, powerCooling: 300, licence: 200, support: 40, admin: 700, space: 400, cloud: 10)
        let h = horizonCost(annual: annual, serverPurchase: 3000, storagePurchase: 150, years: 3, lifeYears: 3)
        #expect(h == CostBreakdown(hardware: 3000, storage: 150, powerCooling: 900, licence: 600, support: 120, admin: 2100, space: 1200, cloud: 30))
        #expect(h.total == 3000 + 150 + 900 + 600 + 120 + 2100 + 1200 + 30)
        // 5 years at a 3-year life: bought at 0 and again at 3 (two purchases); opex × 5
        let five = horizonCost(annual: annual, serverPurchase: 3000, storagePurchase: 150, years: 5, lifeYears: 3)
        #expect(five.hardware == 6000 && five.storage == 300 && five.admin == 3500 && five.powerCooling == 1500)
        // 6 years at a 3-year life: two purchases (the second life ends with the horizon); 2 years at 3: one
        #expect(horizonCost(annual: annual, serverPurchase: 3000, storagePurchase: 0, years: 6, lifeYears: 3).hardware == 6000)
        #expect(horizonCost(annual: annual, serverPurchase: 3000, storagePurchase: 0, years: 2, lifeYears: 3).hardware == 3000)
    }
}
