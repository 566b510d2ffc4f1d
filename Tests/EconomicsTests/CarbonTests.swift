import Testing
import DatacenterModel
import Engine
import Economics

/// Operational and embodied carbon of an arm, computed by hand (`Carbon.md`).
@Suite("Economics: carbon (location- and market-based, embodied)")
struct CarbonTests {
    static let noHosts: [HostType] = []

    @Test("constant 400 / 250 g/kWh on 2 h × 100 kWh: 80 kg location, 50 kg market")
    func constant() {
        let spec = CarbonSpec(constant: GridIntensity(locationGPerKWh: 400, marketGPerKWh: 250))
        let energy = [EnergyInterval(startHour: 0, kWh: 100), EnergyInterval(startHour: 1, kWh: 100)]
        let c = armCarbon(spec, energy: energy, startHourOfDay: 0, hostTypes: Self.noHosts, hostsBought: [], hours: 2)
        #expect(abs(c.locationKgCO2e - 200 * 400 / 1000) < 1e-9)  // 80 kg
        #expect(abs(c.marketKgCO2e - 200 * 250 / 1000) < 1e-9)  // 50 kg
        #expect(c.embodiedKgCO2e == 0)
    }

    @Test("hourly 300 then 500 g/kWh (market 200, 100) on 100 kWh each hour: 80 kg location, 30 kg market")
    func hourly() {
        var spec = CarbonSpec(constant: GridIntensity(locationGPerKWh: 0, marketGPerKWh: 0))
        spec.hourly = [GridIntensity(locationGPerKWh: 300, marketGPerKWh: 200), GridIntensity(locationGPerKWh: 500, marketGPerKWh: 100)]
        // the scenario starts at 09:00: interval start hours count from midnight
        let hourly = [EnergyInterval(startHour: 9, kWh: 100), EnergyInterval(startHour: 10, kWh: 100)]
        let c = armCarbon(spec, energy: hourly, startHourOfDay: 9, hostTypes: Self.noHosts, hostsBought: [], hours: 2)
        #expect(abs(c.locationKgCO2e - (100 * 300 + 100 * 500) / 1000) < 1e-9)  // 80 kg
        #expect(abs(c.marketKgCO2e - (100 * 200 + 100 * 100) / 1000) < 1e-9)  // 30 kg
        // 15-min intervals of 25 kWh: each takes the intensity of the hour it starts in
        let quarters = (0..<8).map { EnergyInterval(startHour: 9 + Double($0) / 4, kWh: 25) }
        let q = armCarbon(spec, energy: quarters, startHourOfDay: 9, hostTypes: Self.noHosts, hostsBought: [], hours: 2)
        #expect(abs(q.locationKgCO2e - 80) < 1e-9 && abs(q.marketKgCO2e - 30) < 1e-9)
        // a start at 09:10 (hour of day 9 + 1/6, not exact in binary): intervals on the hour
        // boundaries from the start still take that hour's value
        let s = 9 + 10.0 / 60
        let odd = [EnergyInterval(startHour: s, kWh: 100), EnergyInterval(startHour: s + 3600.0 / 3600, kWh: 100)]
        let o = armCarbon(spec, energy: odd, startHourOfDay: s, hostTypes: Self.noHosts, hostsBought: [], hours: 2)
        #expect(abs(o.locationKgCO2e - 80) < 1e-9 && abs(o.marketKgCO2e - 30) < 1e-9)
        // a file that begins an hour before the start: its first value is never used
        var early = spec
        early.hourly = [GridIntensity(locationGPerKWh: 999, marketGPerKWh: 999)] + spec.hourly!
        early.firstHourFromStart = -1
        let e = armCarbon(early, energy: hourly, startHourOfDay: 9, hostTypes: Self.noHosts, hostsBought: [], hours: 2)
        #expect(abs(e.locationKgCO2e - 80) < 1e-9 && abs(e.marketKgCO2e - 30) < 1e-9)
    }

    @Test("embodied: 2 servers × 1,726 kg / 4 y + 2 switches × 400 kg / 5 y over one year = 863 + 160 kg")
    func embodied() {
        var t = HostType(name: "dl380", cores: 16, coreMips: 1000, ramMiB: 65536, power: LinearPowerModel(idleW: 100, maxW: 200))
        t.embodiedKgCO2e = 1726  // HPE DL380 Gen10 PCF, embodied share (PlannerPractice.md G)
        t.embodiedLifeYears = 4
        var spec = CarbonSpec(constant: GridIntensity(locationGPerKWh: 0, marketGPerKWh: 0))
        spec.devices = [EmbodiedDevice(name: "switch", count: 2, embodiedKgCO2e: 400, lifeYears: 5)]
        let year = armCarbon(spec, energy: [], startHourOfDay: 0, hostTypes: [t], hostsBought: [2], hours: 8766)
        #expect(abs(year.embodiedKgCO2e - (2 * 1726.0 / 4 + 2 * 400.0 / 5)) < 1e-9)
        // one day: 24 / 8,766 of a year
        let day = armCarbon(spec, energy: [], startHourOfDay: 0, hostTypes: [t], hostsBought: [2], hours: 24)
        #expect(abs(day.embodiedKgCO2e - (2 * 1726.0 / 4 + 2 * 400.0 / 5) * 24 / 8766) < 1e-9)
    }

    @Test("computeEconomics: PUE 2 on 0.15 kWh of IT energy at 500 g/kWh = 0.15 kg; nil without carbon inputs")
    func fromComputeEconomics() {
        let (arm, groups, settings, r) = ArmEconomicsTests.halfLoadHour()
        var spec = ArmEconomicsSpec()
        spec.facility = FixedPUE(pue: 2)
        let plain = computeEconomics(arms: [arm], groups: groups, settings: settings, startHourOfDay: 0, economics: [spec], results: [r])
        #expect(plain[0].economics.carbon == nil)
        spec.carbon = CarbonSpec(constant: GridIntensity(locationGPerKWh: 500, marketGPerKWh: 0))
        let out = computeEconomics(arms: [arm], groups: groups, settings: settings, startHourOfDay: 0, economics: [spec], results: [r])
        let c = out[0].economics.carbon
        #expect(abs((c?.locationKgCO2e ?? 0) - 2 * 0.15 * 500 / 1000) < 1e-12)
        #expect(c?.marketKgCO2e == 0)
    }

    @Test("every grid preset is dated, sourced from PlannerPractice.md G and uniquely named")
    func presets() {
        #expect(Set(GridIntensityPresets.all.map(\.name)).count == GridIntensityPresets.all.count)
        for p in GridIntensityPresets.all {
            #expect(p.name.hasSuffix("-\(p.year)") && p.source.contains("PlannerPractice.md G") && p.gPerKWh > 0)
        }
        #expect(GridIntensityPresets.named("germany-2023")?.gPerKWh == 381.0)
    }
}
