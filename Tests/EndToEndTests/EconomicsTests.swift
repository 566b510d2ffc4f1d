import Testing
import Foundation
@testable import VirtsimCore
import Engine

/// The mini scenario (4 VMs of 1000 MIPS at 50% on 4-core hosts) with facility, storage and
/// cost inputs.
func economicsScenario(extraTop: String = "", packedExtra: String = "") -> String {
    """
    name: econ
    seed: 7
    duration: 1 h
    sampling_interval: 5 min
    facility: {model: fixed-pue, pue: 1.5}
    costs: {electricity_usd_per_kwh: 0.2, licence_usd_per_unit_per_year: 100, rack_usd_per_year: 4000, servers_per_rack: 2}
    \(extraTop)
    host_types:
      small:
        cores: 8
        core_mips: 500
        ram: 16 GiB
        price_usd: 3000
        power: {model: linear, idle_w: 100, max_w: 200}
    vm_groups:
      - {name: g, count: 4, vcpus: 1, mips_per_vcpu: 1000, ram: 2 GiB, disk: 100 GB, workload: {type: constant, cpu: 0.5, memory: 0.5}}
    arms:
      - name: base
        baseline: true
        placement: dedicated
        hypervisor: none
        storage: {provisioning: thick, raid: raid1, price_per_gb: 0.5}
        host_groups: [{type: small, count: 4}]
      - name: packed
        placement: best-fit-decreasing
        hypervisor: esxi
        storage: {provisioning: thin, used_fraction: 0.4, raid: raid5, data_disks: 4, price_per_gb: 0.5}
        \(packedExtra)
        host_groups: [{type: small, count: 1}]
    """
}

@Suite("Facility, storage and costs per arm (hand-computed)")
struct EconomicsTests {
    func run(_ yaml: String) throws -> [ArmResult] {
        let dir = makeTempDir()
        write(yaml, to: dir + "/s.yaml")
        return try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out")).results
    }

    @Test("fixed PUE 1.5: facility = 1.5 × IT, cooling = 0.5 × IT")
    func facility() throws {
        let r = try run(economicsScenario())
        for a in r {
            #expect(abs(a.economics.facilityEnergyKWh - 1.5 * a.itEnergyKWh) < 1e-9)
            #expect(abs(a.economics.coolingEnergyKWh - 0.5 * a.itEnergyKWh) < 1e-9)
        }
    }

    @Test("storage: thick RAID-1 vs thin 40% on RAID-5 4+1")
    func storage() throws {
        let r = try run(economicsScenario())
        #expect(abs(r[0].economics.storagePhysicalGB - 4 * 100 * 2) < 1e-9)  // 800 GB
        #expect(abs(r[1].economics.storagePhysicalGB - 4 * 100 * 0.4 * 1.25) < 1e-9)  // 200 GB
        #expect(abs(r[0].economics.storageProvisionedGB - 400) < 1e-9)
    }

    @Test("costs: amortized servers, per-core licence with a 16-core minimum, power at the tariff, racks; total = sum")
    func costs() throws {
        let r = try run(economicsScenario())
        let base = r[0].economics, packed = r[1].economics
        // annual: hardware 4 × 3000 / 3 and 1 × 3000 / 3
        #expect(abs(base.costAnnualUSD[0] - 4000) < 1e-9 && abs(packed.costAnnualUSD[0] - 1000) < 1e-9)
        // ESXi per core, 16-core minimum per CPU: one 8-core socket licenses 16 cores × $100;
        // support 20% of it; bare metal needs none
        #expect(abs(packed.costAnnualUSD[3] - 1600) < 1e-9 && abs(packed.costAnnualUSD[4] - 320) < 1e-9)
        #expect(base.costAnnualUSD[3] == 0)
        // power and cooling over the hour: facility kWh × $0.2
        #expect(abs(packed.costPeriodUSD[2] - packed.facilityEnergyKWh * 0.2) < 1e-9)
        // space: 4 servers at 2 per rack = 2 racks × 4000; 1 server = 1 rack
        #expect(abs(base.costAnnualUSD[6] - 8000) < 1e-9 && abs(packed.costAnnualUSD[6] - 4000) < 1e-9)
        for e in [base, packed] {
            #expect(abs(e.costPeriodUSD[8] - e.costPeriodUSD[0..<8].reduce(0, +)) < 1e-9)
            #expect(abs(e.costAnnualUSD[8] - e.costAnnualUSD[0..<8].reduce(0, +)) < 1e-9)
        }
    }

    @Test("costs.csv and the savings categories are written")
    func files() throws {
        let dir = makeTempDir()
        write(economicsScenario(), to: dir + "/s.yaml")
        _ = try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out"))
        let costs = read(dir + "/out/costs.csv") ?? ""
        #expect(costs.hasPrefix("arm,category,period_usd,annual_usd\n"))
        #expect(costs.split(separator: "\n").count == 1 + 2 * 9)
        let savings = read(dir + "/out/savings.csv") ?? ""
        for c in [
            "it_energy", "cooling_energy", "facility_energy", "storage_physical", "storage_cost", "power_cooling_cost",
            "licence_cost", "hardware_cost", "admin_cost", "space_cost", "total_cost"
        ] {
            #expect(savings.contains("packed,\(c),"), "\(c)")
        }
    }

    @Test("bad facility and storage values are clear errors")
    func badValues() throws {
        let dir = makeTempDir()
        write(economicsScenario(extraTop: ""), to: dir + "/ok.yaml")
        #expect(validateScenarioFile(path: dir + "/ok.yaml", overrides: []) == [])
        let pue = validateScenarioFile(path: dir + "/ok.yaml", overrides: ["facility.pue=0.9"]).joined()
        #expect(pue.contains("pue") && pue.contains("0.9"), "\(pue)")
        let dedup = validateScenarioFile(path: dir + "/ok.yaml", overrides: ["arms.1.storage.dedup=0.5"]).joined()
        #expect(dedup.contains("dedup") && dedup.contains("0.5"), "\(dedup)")
        let hv = validateScenarioFile(path: dir + "/ok.yaml", overrides: ["arms.1.hypervisor=vmware"]).joined()
        #expect(hv.contains("esxi") && hv.contains("kvm"), "\(hv)")
        write("hour,temperature_c\n0,10\n1,11\n3,12\n", to: dir + "/gap.csv")
        let gap = validateScenarioFile(path: dir + "/ok.yaml", overrides: ["facility={model: economizer, temperature_series: \(dir)/gap.csv}"]).joined()
        #expect(gap.contains("gap.csv:4"), "\(gap)")
    }
}
