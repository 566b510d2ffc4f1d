import Testing
@testable import DatacenterModel

@Suite("Power models")
struct PowerModelTests {
    @Test("linear: P(u) = idle + (max - idle)·u, hand-computed")
    func linear() {
        let m = LinearPowerModel(idleW: 100, maxW: 200)
        #expect(m.powerW(utilization: 0) == 100)
        #expect(m.powerW(utilization: 0.5) == 150)
        #expect(m.powerW(utilization: 1) == 200)
        #expect(m.powerW(utilization: 1.7) == 200, "clamped above 100%")
        #expect(m.powerW(utilization: -0.1) == 100, "clamped below 0%")
    }

    @Test("SPECpower table at 35% interpolates between the 30% and 40% points")
    func specAt35() {
        // HP ML110 G4: 96 W at 30%, 99.5 W at 40% -> 96 + 0.5·3.5 = 97.75 W
        let m = SpecPowerModel(tableW: SpecPowerLibrary.table(named: "hp-ml110-g4")!)
        #expect(abs(m.powerW(utilization: 0.35) - 97.75) < 1e-9)
    }

    @Test("SPECpower table is defined at exactly 0 and 1 (no read past the end)")
    func specEnds() {
        let t: [Double] = [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117]
        let m = SpecPowerModel(tableW: t)
        #expect(m.powerW(utilization: 0) == 86)
        #expect(m.powerW(utilization: 1) == 117)
        #expect(m.powerW(utilization: 0.9999999) < 117)
        #expect(m.powerW(utilization: 0.1) == 89.4)
        #expect(m.powerW(utilization: .nan) == 86)
    }

    @Test("SPECpower table validation names the problem")
    func specCheck() {
        #expect(SpecPowerModel.check([1, 2, 3]) != nil)
        #expect(SpecPowerModel.check([10, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19])?.contains("non-decreasing") == true)
        #expect(SpecPowerModel.check(SpecPowerLibrary.entries[0].tableW) == nil)
    }

    @Test(
        "every bundled table and the linear model obey the laws: p(0)=idle, p(1)=max, monotone, bounded",
        arguments: SpecPowerLibrary.entries.map { SpecPowerModel(tableW: $0.tableW) as any PowerModel }
            + [LinearPowerModel(idleW: 70, maxW: 250)])
    func laws(model: any PowerModel) {
        #expect(model.powerW(utilization: 0) == model.idleW)
        #expect(model.powerW(utilization: 1) == model.maxW)
        var prev = -Double.infinity
        for i in 0...1000 {
            let p = model.powerW(utilization: Double(i) / 1000)
            #expect(p >= prev && p.isFinite && p >= model.idleW && p <= model.maxW)
            prev = p
        }
    }

    @Test("host type: capacity and boot energy")
    func hostType() {
        let t = HostType(
            name: "x", cores: 4, coreMips: 2500, ramMiB: 8192,
            power: LinearPowerModel(idleW: 100, maxW: 200), bootTimeS: 120, bootPowerW: 150)
        #expect(t.cpuCapacityMips == 10_000)
        #expect(t.bootEnergyJ == 18_000)
        let d = HostType(name: "y", cores: 1, coreMips: 1, ramMiB: 1, power: LinearPowerModel(idleW: 1, maxW: 2))
        #expect(d.bootPowerW == 2, "boot power defaults to max power")
    }
}
