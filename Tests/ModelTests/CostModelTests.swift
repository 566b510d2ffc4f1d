import Testing
import TestSupport
@testable import DatacenterModel

@Suite("Cost models (TCO)")
struct CostModelTests {
    func near(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool { abs(a - b) <= tol * max(1, abs(b)) }

    @Test("per-core licence with the 16-core minimum: an 8-core CPU is licensed as 16 cores")
    func perCoreMinimum() {
        let rule = LicenceRule.perCoreMinimum16
        // 2 hosts × 2 sockets × 8 cores: 32 cores, licensed as 2 × 2 × 16 = 64.
        #expect(rule.units(hosts: 2, socketsPerHost: 2, coresPerSocket: 8) == 2 * 2 * 16)
        // 24-core CPUs are above the minimum: 2 × 2 × 24.
        #expect(rule.units(hosts: 2, socketsPerHost: 2, coresPerSocket: 24) == 2 * 2 * 24)
        // With a 72-core order floor, one 8-core CPU costs 72 cores.
        #expect(LicenceRule.perCore(minimumCoresPerCPU: 16, minimumCoresPerOrder: 72).units(hosts: 1, socketsPerHost: 1, coresPerSocket: 8) == 72)
        #expect(rule.units(hosts: 0, socketsPerHost: 2, coresPerSocket: 8) == 0)
        let l = HypervisorLicensing(rule: rule, pricePerUnitPerYear: 350, supportFraction: 0.2)
        #expect(l.annualLicence(hosts: 2, socketsPerHost: 2, coresPerSocket: 8) == 64 * 350)
        #expect(near(l.annualSupport(hosts: 2, socketsPerHost: 2, coresPerSocket: 8), 0.2 * 64 * 350))
    }

    @Test("per-socket, bundled-with-OS and free licences")
    func otherRules() {
        #expect(LicenceRule.perSocket.units(hosts: 10, socketsPerHost: 2, coresPerSocket: 6) == 10 * 2)
        #expect(LicenceRule.bundledWithOS.units(hosts: 10, socketsPerHost: 2, coresPerSocket: 6) == 0)
        #expect(LicenceRule.free.units(hosts: 10, socketsPerHost: 2, coresPerSocket: 6) == 0)
        #expect(LicenceRule.perCoreMinimum16.description == "per-core (min 16 per CPU)")
    }

    @Test("server capex is amortized linearly: per year and for a simulated period")
    func capex() {
        let c = ServerCapex(pricePerServer: 6000)  // 3 years by default (B7)
        #expect(c.annualCost(servers: 10) == 10 * 6000 / 3)
        #expect(near(c.cost(servers: 10, hours: 168), 10 * 6000 / 3 * 168 / 8766))
        #expect(c.purchase(servers: 10) == 60000)
    }

    @Test("storage: physical GB × $/GB amortized")
    func storage() {
        #expect(near(StoragePrice().annualCost(physicalGB: 1000, pricePerGB: 0.6), 1000 * 0.6 / 3))
        #expect(StoragePrice(amortizationYears: 1).annualCost(physicalGB: 1000, pricePerGB: 0.6) == 600)
    }

    @Test("electricity, flat: 380 W all year at $0.10/kWh is $333 (B7)")
    func flatTariff() {
        let kWh = 0.380 * 8766
        let cost = ElectricityTariff.default.cost(of: [EnergyInterval(startHour: 0, kWh: kWh)])
        #expect(near(cost, 0.380 * 8766 * 0.10))
        #expect(Int(cost) == 333)
    }

    @Test("electricity, time-of-use: each interval priced at the hour of day it starts")
    func timeOfUse() {
        // $0.20 from 08:00 to 19:59, $0.08 otherwise.
        let prices = (0..<24).map { (8...19).contains($0) ? 0.20 : 0.08 }
        let t = ElectricityTariff.timeOfUse(pricesPerKWh: prices)
        let series = [
            EnergyInterval(startHour: 0, kWh: 10),  // 00:00 -> 0.08
            EnergyInterval(startHour: 8, kWh: 10),  // 08:00 -> 0.20
            EnergyInterval(startHour: 19.5, kWh: 10),  // 19:30 -> 0.20
            EnergyInterval(startHour: 20, kWh: 10),  // 20:00 -> 0.08
            EnergyInterval(startHour: 24 + 9, kWh: 10)
        ]  // day 2, 09:00 -> 0.20
        #expect(near(t.cost(of: series), 10 * 0.08 + 10 * 0.20 + 10 * 0.20 + 10 * 0.08 + 10 * 0.20))
        #expect(ElectricityTariff.check(.timeOfUse(pricesPerKWh: [0.1])) == "pricesPerKWh: expected 24 prices (hours 0...23), found 1")
        #expect(ElectricityTariff.check(.flat(pricePerKWh: -1)) == "pricePerKWh: expected a finite price >= 0, found -1.0")
    }

    @Test("admin labour: 45 physical or 76 virtual servers per admin at $85k (B7)")
    func admin() {
        let physical = AdminLabour(serversPerAdmin: AdminLabour.physicalServersPerAdmin)
        #expect(near(physical.annualCost(servers: 400), 400.0 / 45 * 85_000))
        let virtual = AdminLabour(serversPerAdmin: AdminLabour.virtualServersPerAdmin)
        #expect(near(virtual.annualCost(servers: 400), 400.0 / 76 * 85_000))
    }

    @Test("floor space: racks = ⌈servers / 40⌉ × price per rack-year")
    func space() {
        let s = FloorSpace(pricePerRackPerYear: 12_000)
        #expect(s.racks(servers: 40) == 1 && s.racks(servers: 41) == 2 && s.racks(servers: 0) == 0)
        #expect(s.annualCost(servers: 400) == 10 * 12_000)
    }

    func model() -> TCOModel {
        TCOModel(
            serverCapex: ServerCapex(pricePerServer: 6000),
            licensing: HypervisorLicensing(rule: .perCoreMinimum16, pricePerUnitPerYear: 350),
            admin: AdminLabour(serversPerAdmin: 76), space: FloorSpace(pricePerRackPerYear: 12_000))
    }

    @Test("a hand-computed week: period costs are the annual rates × 168/8766, electricity as metered")
    func tcoWeek() {
        var storage = StorageUsage()
        storage.purchaseCost = 30_000
        let usage = TCOUsage(
            periodHours: 168, servers: 24, socketsPerServer: 2, coresPerSocket: 8, licensedHosts: 24,
            managedServers: 400, racks: 1, storage: storage,
            facilityEnergy: (0..<168).map { EnergyInterval(startHour: Double($0), kWh: 10) })
        let (period, annual) = model().costs(usage)
        #expect(annual.hardware == 24 * 6000 / 3)
        #expect(annual.storage == 30_000 / 3)
        #expect(near(period.powerCooling, 168 * 10 * 0.10))
        #expect(near(annual.powerCooling, 168 * 10 * 0.10 * 8766 / 168))
        #expect(annual.licence == Double(24 * 2 * 16) * 350)
        #expect(near(annual.support, 0.2 * Double(24 * 2 * 16) * 350))
        #expect(near(annual.admin, 400.0 / 76 * 85_000))
        #expect(annual.space == 12_000)
        #expect(near(period.hardware, annual.hardware * 168 / 8766))
        #expect(
            near(
                period.total,
                period.hardware + period.storage + period.powerCooling + period.licence
                    + period.support + period.admin + period.space))
    }

    @Test("property: total equals the sum of the categories, over random inputs")
    func totalIsSum() {
        var rng = SplitMix64(state: 7)
        let rules: [LicenceRule] = [.perSocket, .perCoreMinimum16, .bundledWithOS, .free]
        for _ in 0..<1000 {
            var storage = StorageUsage()
            storage.purchaseCost = rng.uniform(0, 1e6)
            let hours = rng.uniform(1, 24 * 365)
            let m = TCOModel(
                serverCapex: ServerCapex(pricePerServer: rng.uniform(0, 20_000), amortizationYears: rng.uniform(1, 6)),
                storagePrice: StoragePrice(amortizationYears: rng.uniform(1, 6)),
                electricity: .timeOfUse(pricesPerKWh: (0..<24).map { _ in rng.uniform(0, 0.5) }),
                licensing: HypervisorLicensing(
                    rule: rules[rng.int(0, 3)], pricePerUnitPerYear: rng.uniform(0, 2000),
                    supportFraction: rng.uniform(0, 0.3)),
                admin: AdminLabour(serversPerAdmin: rng.uniform(10, 100), salaryPerYear: rng.uniform(0, 200_000)),
                space: FloorSpace(pricePerRackPerYear: rng.uniform(0, 30_000)))
            let servers = rng.int(0, 2000)
            let usage = TCOUsage(
                periodHours: hours, servers: servers, socketsPerServer: rng.int(1, 4), coresPerSocket: rng.int(1, 64),
                licensedHosts: servers, managedServers: rng.int(0, 20_000), racks: rng.int(0, 60), storage: storage,
                facilityEnergy: (0..<rng.int(0, 50)).map { _ in EnergyInterval(startHour: rng.uniform(0, hours), kWh: rng.uniform(0, 500)) })
            let (period, annual) = m.costs(usage)
            for b in [period, annual] {
                let sum = b.hardware + b.storage + b.powerCooling + b.licence + b.support + b.admin + b.space
                #expect(b.total == sum)
                #expect(b.values.last == sum)
                #expect(abs(b.capital + b.operating - sum) <= 1e-9 * max(1, sum))
                #expect(b.values.allSatisfy { $0 >= 0 && $0.isFinite })
            }
        }
    }

    @Test("payback months = extra capex / monthly saving; nil without a saving")
    func payback() {
        // ASG-like: $100k of new hosts saves $10k a month -> 10 months.
        #expect(CostBreakdown.paybackMonths(extraCapex: 100_000, monthlySaving: 10_000) == 10)
        #expect(CostBreakdown.paybackMonths(extraCapex: 100_000, monthlySaving: 0) == nil)
        #expect(CostBreakdown.paybackMonths(extraCapex: 100_000, monthlySaving: -5) == nil)
        #expect(CostBreakdown.paybackMonths(extraCapex: -1, monthlySaving: 5) == 0)
        // From annual breakdowns: operating saving (240k − 120k) / 12 = 10k a month.
        let baseline = CostBreakdown(hardware: 50_000, powerCooling: 150_000, admin: 90_000)
        let candidate = CostBreakdown(hardware: 80_000, powerCooling: 60_000, licence: 40_000, admin: 20_000)
        #expect(
            CostBreakdown.paybackMonths(extraCapex: 100_000, baselineAnnual: baseline, candidateAnnual: candidate)
                == 100_000.0 / ((240_000.0 - 120_000) / 12))
        #expect(CostBreakdown.paybackMonths(extraCapex: 1, baselineAnnual: candidate, candidateAnnual: baseline) == nil)
    }

    @Test("category names are the report's, in order, with total last")
    func names() {
        #expect(CostBreakdown.categoryNames == ["hardware", "storage", "power_cooling", "licence", "support", "admin", "space", "cloud", "total"])
        let b = CostBreakdown(hardware: 1, storage: 2, powerCooling: 3, licence: 4, support: 5, admin: 6, space: 7, cloud: 8)
        #expect(b.categories.map(\.value) == [1, 2, 3, 4, 5, 6, 7, 8, 36])
        #expect((b + b).total == 72 && b.scaled(by: 0.5).total == 18)
    }

    @Test("invalid cost parameters are rejected with a message naming the parameter")
    func checks() {
        #expect(ServerCapex.check(pricePerServer: 1000, amortizationYears: 0) == "amortizationYears: expected finite years > 0, found 0.0")
        #expect(AdminLabour.check(serversPerAdmin: 0, salaryPerYear: 1) == "serversPerAdmin: expected a finite ratio > 0, found 0.0")
        #expect(FloorSpace.check(pricePerRackPerYear: 1, serversPerRack: 0) == "serversPerRack: expected >= 1, found 0")
        #expect(
            HypervisorLicensing.check(rule: .perSocket, pricePerUnitPerYear: -3, supportFraction: 0.2)?
                .hasPrefix("pricePerUnitPerYear") == true)
        #expect(
            EnergyInterval.check([EnergyInterval(startHour: 0, kWh: 1), EnergyInterval(startHour: -1, kWh: 1)])
                == "energy[1].startHour: expected finite hours >= 0, found -1.0")
    }
}
