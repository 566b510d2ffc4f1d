import Testing
import Foundation
@testable import Engine
import DatacenterModel
import Economics
import VirtsimCore

/// vsphere4-consolidation.yaml: arm 0 `physical` (baseline), 1 `esx4` (vSphere 4 cluster
/// without DPM, hosts stay on), 2 `esx4-dpm` (the same cluster with DPM).
private let vsphere4 = packageRoot + "/scenarios/vsphere4-consolidation.yaml"

@Suite("scenarios/vsphere4-consolidation.yaml: consolidation, thin storage and DPM")
struct VSphere4ScenarioTests {
    @Test("the arms: a baseline, a cluster that keeps every host on, and the same cluster with DPM at KB 310527's defaults; both sized N+1")
    func arms() throws {
        let (_, m) = try loadScenario(path: vsphere4, overrides: [])
        #expect(m.arms.map(\.name) == ["physical", "esx4", "esx4-dpm"])
        #expect(m.arms[0].isBaseline)
        #expect(m.arms[1].dpm == nil && !m.arms[1].powerOffIdleHosts, "no power management: all hosts stay on")
        #expect(m.arms[2].dpm == DPMSettings(haReserveHosts: 1))
        for a in m.arms.dropFirst() {
            #expect(a.ha == .failuresTolerated(1) && a.sizing != nil, "\(a.name): count: auto with N+1")
            #expect(a.cpuOvercommit == 2.21 && a.memory?.overcommit == 1, "\(a.name): 4 vCPUs per core (hyper-threaded), memory 1:1")
        }
    }

    @Test("licensed as vSphere 4 Enterprise Plus: 7 hosts × 2 sockets = 14 CPU licences × $3,495, not 7 × 2 × 16 = 224 core units")
    func vsphere4Licences() throws {
        let (_, m) = try loadScenario(
            path: vsphere4,
            overrides: ["arms.1.costs.hypervisor_licence.rule=vsphere4-enterprise-plus", "arms.1.host_groups.0.count=7", "arms.1.sizing=~", "arms.1.ha=~"])
        let arm = m.arms[1]
        let result = ArmResult(
            arm: arm.name, isBaseline: false, hostsTotal: 7, hostsUsedMax: 7, vms: 400, vmsUnplaced: 0, simHours: 1, itEnergyKWh: 0,
            itPowerMeanW: 0, cpuUtilMeanPct: 0, hostsOnMean: 7, migrations: 0, hostBoots: 0, cpuDemandUnmetPct: 0, events: 0,
            timeseries: [TimeseriesRow(timeS: 3600, hostsOn: 7, vmsRunning: 400, itPowerW: 0, cpuUtilMeanPct: 0)], hosts: [])
        let bought = hostsBought(arm, result)
        #expect(bought.reduce(0, +) == 7)
        let c = armLicenceCosts(arm, result, groups: m.groups, hostsBought: bought, hypervisor: m.economics[1].hypervisorLicence, guestOS: [])
        #expect(c.hypervisor.capexUSD == 14 * 3_495 && c.hypervisor.annualUSD == 0)
        #expect(abs(c.hypervisor.supportAnnualUSD - 0.2 * 14 * 3_495) < 1e-9)  // SnS 20% (assumed; D: ~20–25%)
        #expect(c.guestOS == LicenceCharge())
    }

    @Test("era-true, two days: 16 hosts (15 + 1, memory binds); the 4:1 vCPU and 1:1 memory admission fill them, so DPM parks one host and saves < 3%")
    func eraTrue() throws {
        let o = try runScenarioFile(RunOptions(scenarioPath: vsphere4, outDir: makeTempDir("vsphere4"), overrides: ["duration=2 d"], report: false))
        let byName = Dictionary(uniqueKeysWithValues: o.results.map { ($0.arm, $0) })
        let physical = try #require(byName["physical"])
        let esx4 = try #require(byName["esx4"]), dpm = try #require(byName["esx4-dpm"])
        for r in o.results { #expect(r.vmsUnplaced == 0, "\(r.arm): every VM placed") }
        #expect(esx4.hostsTotal == 16 && dpm.hostsTotal == 16 && esx4.sizing?.binding == ["memory"])
        #expect(esx4.timeseries.allSatisfy { $0.hostsOn == esx4.hostsTotal } && esx4.migrations == 0)
        #expect(dpm.itEnergyKWh < esx4.itEnergyKWh && dpm.itEnergyKWh > 0.97 * esx4.itEnergyKWh)
        #expect(dpm.hostsOnMean >= 14.9, "\(dpm.hostsOnMean)")
        // the shared array and the switches are in the ESX arms' IT power: 300 GB drives, 14 a shelf
        #expect(esx4.economics.infrastructure.storageArray?.drives == 74, "22,100 GB after two days of delta growth")
        // consolidation: far less energy than the estate; thin disks, RAID-5 and linked clones
        // need less raw storage than thick mirrored local disks
        #expect(esx4.itEnergyKWh < 0.2 * physical.itEnergyKWh)
        for r in [esx4, dpm] {
            #expect(r.economics.storagePhysicalGB > 0)
            #expect(r.economics.storagePhysicalGB < physical.economics.storagePhysicalGB, "\(r.arm)")
        }
    }

    @Test("with loosened admission (8:1 vCPU, 2:1 memory) on the same 16 hosts, DPM parks hosts at night and wakes them by day")
    func loosened() throws {
        let loose = [
            "duration=2 d", "arms.1.cpu_overcommit=8", "arms.2.cpu_overcommit=8", "arms.1.memory.overcommit=2", "arms.2.memory.overcommit=2",
            "arms.1.host_groups.0.count=16", "arms.2.host_groups.0.count=16", "arms.1.sizing=~", "arms.2.sizing=~"
        ]
        let o = try runScenarioFile(RunOptions(scenarioPath: vsphere4, outDir: makeTempDir("vsphere4"), overrides: loose, report: false))
        let esx4 = o.results[1], dpm = o.results[2]
        #expect(dpm.hostsOnMean < esx4.hostsOnMean)
        #expect(dpm.itEnergyKWh < esx4.itEnergyKWh)
        #expect(dpm.economics.facilityEnergyKWh < esx4.economics.facilityEnergyKWh)
        #expect(dpm.migrations > 0 && dpm.hostBoots > 0)
        #expect(dpm.cpuDemandUnmetPct < 1)
        #expect(dpm.timeseries.allSatisfy { $0.hostsOn >= 2 && $0.vmsRunning == 400 }, "N+1 kept, every VM runs")
        func on(hour: Double) -> Int? { dpm.timeseries.first { $0.timeS == hour * 3600 }?.hostsOn }
        for day in [0.0, 24] {
            let night = try #require(on(hour: day + 3)), afternoon = try #require(on(hour: day + 14))
            #expect(night < afternoon, "day \(Int(day / 24) + 1): \(night) hosts at 03:00, \(afternoon) at 14:00")
        }
    }
}

@Suite("Storage keys: thin-only keys on a thick datastore")
struct ThickStorageKeyTests {
    @Test("used_fraction or growth_per_day on a thick datastore name the key and say why")
    func thinOnlyKeys() {
        let path = packageRoot + "/scenarios/vsphere4-consolidation.yaml"
        for key in ["used_fraction", "growth_per_day"] {
            let issues = validateScenarioFile(path: path, overrides: ["arms.0.storage.\(key)=0.3"])
            #expect(
                issues.count == 1 && issues[0].contains("arms[0].storage.\(key)") && issues[0].contains("provisioning: thin only"),
                "\(issues)")
        }
        #expect(validateScenarioFile(path: path, overrides: ["arms.0.storage.used_fraction=~"]).isEmpty)
    }
}

@Suite("hypervisor.memory_overhead_table")
struct OverheadTableKeyTests {
    private let path = packageRoot + "/scenarios/vsphere4-consolidation.yaml"

    @Test("ESX 4.0's table: 1 vCPU × 2 GiB → 137.81 MiB, × 1 GiB → 123.73 MiB (rounded up per VM); vSphere 6.5's is smaller")
    func table() throws {
        let (_, m) = try loadScenario(path: path, overrides: [])
        #expect(m.arms[1].memoryOverheadMiBPerGroup == [138, 124])
        let (_, newer) = try loadScenario(path: path, overrides: ["arms.1.hypervisor.memory_overhead_table=vsphere-6.5"])
        #expect(newer.arms[1].memoryOverheadMiBPerGroup.map { $0.allSatisfy { $0 < 40 } } == true)
    }

    @Test("an unknown table, a table without a profile, or both overhead keys are errors")
    func errors() {
        let unknown = validateScenarioFile(path: path, overrides: ["arms.1.hypervisor.memory_overhead_table=esx-3"])
        #expect(unknown.count == 1 && unknown[0].contains("vsphere-4.0"), "\(unknown)")
        let both = validateScenarioFile(path: path, overrides: ["arms.1.hypervisor.memory_overhead_per_vm=100 MiB"])
        #expect(both.count == 1 && both[0].contains("not both"), "\(both)")
        let generic = validateScenarioFile(path: path, overrides: ["arms.1.hypervisor={name: x, memory_overhead_table: vsphere-4.0}"])
        #expect(generic.contains { $0.contains("memory_overhead_table") && $0.contains("needs a profile") }, "\(generic)")
    }
}
