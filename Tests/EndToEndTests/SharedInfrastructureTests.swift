import Testing
import Foundation
@testable import VirtsimCore
import Engine

/// Four VMs of 1000 MIPS at 50% on 4-core hosts: the estate runs each on its own host (12.5%
/// load: 112.5 W), the virtualized arm all four on one (50%: 150 W), for 10 hours at PUE 2.
/// Storage: 4 × 100 GB thick on RAID-1 = 800 GB raw.
func infrastructureScenario(top: String = "", estate: String = "", virt: String = "", hostType: String = "") -> String {
    """
    name: infra
    duration: 10 h
    sampling_interval: 1 h
    facility: {model: fixed-pue, pue: 2}
    costs: {electricity_usd_per_kwh: 0.1}
    \(top)
    host_types:
      h: {cores: 4, core_mips: 1000, ram: 16 GiB, power: {model: linear, idle_w: 100, max_w: 200}, price_usd: 1000\(hostType)}
    vm_groups:
      - {name: g, count: 4, vcpus: 1, mips_per_vcpu: 1000, ram: 2 GiB, disk: 100 GB, workload: {type: constant, cpu: 0.5}}
    arms:
      - {name: estate, baseline: true, placement: dedicated, hypervisor: none, host_groups: [{type: h, count: 4}]\(estate)}
      - {name: virt, placement: first-fit, host_groups: [{type: h, count: 1}]\(virt)}
    """
}

/// 300 GB drives of 10 W, 2 per shelf of 50 W, 2 controllers of 100 W; drives at $200.
let arrayYAML = "array: {drive_gb: 300, drive_w: 10, drives_per_shelf: 2, shelf_w: 50, controllers: 2, controller_w: 100, drive_price_usd: 200}"
/// 4-port switches of 60 W, 1 W per port, 2 ports per host, $500 each.
let networkYAML = "network: {ports_per_host: 2, ports_per_switch: 4, switch_w: 60, port_w: 1, switch_price_usd: 500}"

@Suite("Shared infrastructure: storage arrays and switches in IT power, facility energy and capex (hand-computed)")
struct SharedInfrastructureTests {
    func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    func run(_ yaml: String) throws -> [ArmResult] {
        let dir = makeTempDir("infra")
        write(yaml, to: dir + "/s.yaml")
        return try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out", report: false)).results
    }

    func issues(_ yaml: String) -> [String] {
        let dir = makeTempDir("infra")
        write(yaml, to: dir + "/s.yaml")
        return validateScenarioFile(path: dir + "/s.yaml", overrides: [])
    }

    @Test("without storage.array and network every figure is the servers' (the components are off unless configured)")
    func offByDefault() throws {
        let r = try run(infrastructureScenario(top: "storage: {provisioning: thick, raid: raid1}"))
        #expect(near(r[0].itPowerMeanW, 450) && near(r[1].itPowerMeanW, 150))  // 4 × 112.5 W; 150 W
        #expect(r[1].economics.infrastructure == SharedInfrastructureFigures())
    }

    @Test(
        "800 GB on the array: 3 drives, 2 shelves, 2 controllers = 330 W; the virtualized host's 2 ports on 1 switch = 62 W; both in IT and facility energy"
    )
    func powerInITAndFacilityEnergy() throws {
        let r = try run(
            infrastructureScenario(
                top: "storage: {provisioning: thick, raid: raid1, \(arrayYAML)}\n\(networkYAML)", estate: ", storage: {array: none}"))
        let virt = r[1], estate = r[0]
        let array = try #require(virt.economics.infrastructure.storageArray)
        #expect(array.drives == 3 && array.shelves == 2 && array.controllers == 2)  // ⌈800 / 300⌉, ⌈3 / 2⌉
        let arrayW: Double = 2 * 100 + 2 * 50 + 3 * 10  // 330 W
        #expect(near(array.powerW, arrayW))
        let net = try #require(virt.economics.infrastructure.network)
        let netW: Double = 60 + 2 * 1  // 62 W
        #expect(net.ports == 2 && net.switches == 1 && near(net.powerW, netW))
        // IT: 150 W of server + 330 + 62, for 10 h; facility at PUE 2
        let virtW: Double = 150 + arrayW + netW  // 542 W
        #expect(near(virt.itPowerMeanW, virtW))
        #expect(near(virt.itEnergyKWh, virtW * 10 / 1000))  // 5.42 kWh
        #expect(near(virt.economics.facilityEnergyKWh, 2 * virtW * 10 / 1000))
        for row in virt.timeseries { #expect(near(row.itPowerW, 542)) }
        // the estate: no array (local disks), 4 hosts × 2 ports = 8 ports on 2 switches = 128 W
        #expect(estate.economics.infrastructure.storageArray == nil)
        #expect(estate.economics.infrastructure.network?.switches == 2)
        let estateW: Double = 4 * 112.5 + 2 * 60 + 8 * 1  // 578 W
        #expect(near(estate.itEnergyKWh, estateW * 10 / 1000))  // 5.78 kWh
        #expect(near(estate.economics.facilityEnergyKWh, 2 * estateW * 10 / 1000))
        // the tariff sees it: power and cooling = facility kWh × $0.1
        #expect(near(virt.economics.periodCost("power_cooling"), 2 * virtW * 10 / 1000 * 0.1))
    }

    @Test("capex: the array's drives are storage ($600), the switch hardware ($500) beside the server ($1,000); horizon and annual follow")
    func capex() throws {
        let r = try run(
            infrastructureScenario(
                top: "storage: {provisioning: thick, raid: raid1, \(arrayYAML)}\n\(networkYAML)", estate: ", storage: {array: none}"))
        let virt = r[1].economics, estate = r[0].economics
        let server = 1000.0, switchUSD = 500.0, drives = 3 * 200.0
        #expect(near(virt.capexUSD, server + switchUSD + drives))
        #expect(near(virt.horizonCost("hardware"), server + switchUSD) && near(virt.horizonCost("storage"), drives))
        #expect(near(virt.costAnnualUSD[0], (server + switchUSD) / 3) && near(virt.costAnnualUSD[1], drives / 3))  // amortized over 3 years
        #expect(near(estate.capexUSD, 4 * server + 2 * switchUSD))  // 4 servers, 2 switches
        // summary.csv columns
        let dir = makeTempDir("infra")
        write(
            infrastructureScenario(
                top: "storage: {provisioning: thick, raid: raid1, \(arrayYAML)}\n\(networkYAML)", estate: ", storage: {array: none}"),
            to: dir + "/s.yaml")
        _ = try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out", report: false))
        let lines = try #require(read(dir + "/out/summary.csv")).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let names = [
            "storage_array_power_w", "storage_array_energy_kwh", "storage_array_controllers", "storage_array_shelves", "storage_array_drives",
            "network_power_w", "network_energy_kwh", "network_switches", "network_ports"
        ]
        let at = try names.map { n in try #require(lines[0].firstIndex(of: n), "\(n)") }
        #expect(at == Array(at[0]..<(at[0] + names.count)), "the nine columns side by side")
        #expect(at.map { lines[1][$0] } == ["", "", "", "", "", "128", "1.28", "2", "8"], "\(lines[1])")
        #expect(at.map { lines[2][$0] } == ["330", "3.3", "2", "2", "3", "62", "0.62", "1", "2"], "\(lines[2])")
    }

    @Test("a room kept for the baseline is rated on its IT power with its switches (578 W), whichever arm comes first")
    func keptRoomSeesSwitches() throws {
        let losses =
            "facility: {model: losses, room: keep, ups: {no_load: 0.1, proportional: 0, square: 0}, "
            + "distribution: {no_load: 0, proportional: 0, square: 0}, cooling: {no_load: 0, proportional: 0, square: 0}}"
        let yaml = infrastructureScenario(top: networkYAML).replacingOccurrences(of: "facility: {model: fixed-pue, pue: 2}", with: losses)
        // the virtualized arm listed before the baseline
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let estate = try #require(lines.firstIndex { $0.contains("name: estate") })
        var swapped = lines
        swapped.swapAt(estate, estate + 1)
        for scenario in [yaml, swapped.joined(separator: "\n")] {
            let r = try run(scenario)
            let virt = try #require(r.first { $0.arm == "virt" })
            let estateW: Double = 4 * 112.5 + 2 * 60 + 8 * 1  // servers + 2 switches + 8 ports
            #expect(near(virt.economics.roomRatedITPowerW ?? 0, estateW))
            // facility = IT + the UPS's no-load 10% of the rated room, all 10 hours
            #expect(near(virt.economics.facilityEnergyKWh, virt.itEnergyKWh + 0.1 * estateW * 10 / 1000))
        }
    }

    @Test("an arm's storage.array overrides the top level's key by key: 1,200 GB drives hold 800 GB in 1 drive, 1 shelf")
    func armOverride() throws {
        let r = try run(
            infrastructureScenario(
                top: "storage: {provisioning: thick, raid: raid1, \(arrayYAML)}", estate: ", storage: {array: none}",
                virt: ", storage: {provisioning: thick, raid: raid1, array: {drive_gb: 1200}}"))
        let a = try #require(r[1].economics.infrastructure.storageArray)
        let want: Double = 2 * 100 + 50 + 10
        #expect(a.drives == 1 && a.shelves == 1 && near(a.powerW, want))
    }

    @Test("extra local disks: 2 disks × 8 W on each estate server add 4 × 16 W to its IT power, none to an unchanged server")
    func extraDisks() throws {
        let plain = try run(infrastructureScenario())
        let disks = try run(infrastructureScenario(hostType: ", extra_disks: 2, extra_disk_w: 8"))
        let perHost = 2 * 8.0
        #expect(near(disks[0].itPowerMeanW - plain[0].itPowerMeanW, 4 * perHost))
        #expect(near(disks[1].itPowerMeanW - plain[1].itPowerMeanW, perHost))
    }

    @Test("bad inputs: a zero drive size, a missing shelf watt, array priced twice, disk watts without disks: errors naming path and line:column")
    func badInputs() {
        let zero = issues(
            infrastructureScenario(top: "storage: {provisioning: thick, \(arrayYAML.replacingOccurrences(of: "drive_gb: 300", with: "drive_gb: 0"))}"))
        #expect(zero.count == 1 && zero[0].contains("s.yaml:6:") && zero[0].contains("storage.array.drive_gb"), "\(zero)")
        // each scenario has exactly one problem, and its message says this
        let cases: [(yaml: String, message: String)] = [
            (
                infrastructureScenario(top: "storage: {provisioning: thick, \(arrayYAML.replacingOccurrences(of: "shelf_w: 50, ", with: ""))}"),
                "storage.array: missing required key \"shelf_w\""
            ),
            (infrastructureScenario(top: "storage: {provisioning: thick, price_per_gb: 0.5, \(arrayYAML)}"), "storage is priced twice"),
            (infrastructureScenario(hostType: ", extra_disk_w: 8"), "host_types.h.extra_disk_w: extra_disk_w applies with extra_disks ≥ 1"),
            (infrastructureScenario(hostType: ", extra_nics: 2"), "missing required key \"extra_nic_w\""),
            (
                infrastructureScenario(top: networkYAML.replacingOccurrences(of: "ports_per_switch: 4", with: "ports_per_switch: 0")),
                "network.ports_per_switch"
            ),
            (infrastructureScenario(virt: ", network: off"), "arms[1].network: expected a mapping")
        ]
        for c in cases {
            let found = issues(c.yaml)
            #expect(found.count == 1 && found[0].contains(c.message), "\(found)")
        }
    }
}
