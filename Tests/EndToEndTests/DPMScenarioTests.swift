import Testing
import Foundation
import Engine
import VirtsimCore

private let dpmNight = packageRoot + "/scenarios/dpm-night.yaml"

@Suite("DPM: scenarios/dpm-night.yaml and the dpm arm key")
struct DPMScenarioTests {
    @Test("dpm-night: hosts_on is lower at 03:00 than at 14:00 on both days, and DPM saves IT energy")
    func night() throws {
        let o = try runScenarioFile(RunOptions(scenarioPath: dpmNight, outDir: makeTempDir("dpm-night")))
        let noDPM = try #require(o.results.first { $0.arm == "no-dpm" })
        let dpm = try #require(o.results.first { $0.arm == "dpm" })
        func on(_ r: ArmResult, hour: Double) -> Int? { r.timeseries.first { $0.timeS == hour * 3600 }?.hostsOn }
        for day in [0.0, 24] {
            let night = try #require(on(dpm, hour: day + 3)), afternoon = try #require(on(dpm, hour: day + 14))
            #expect(night < afternoon, "day \(Int(day / 24) + 1): \(night) hosts at 03:00, \(afternoon) at 14:00")
        }
        // Without DPM no host is ever empty, so all stay on.
        #expect(noDPM.timeseries.allSatisfy { $0.hostsOn == noDPM.hostsTotal })
        #expect(noDPM.migrations == 0)
        #expect(dpm.itEnergyKWh < noDPM.itEnergyKWh)
        #expect(dpm.migrations > 0 && dpm.hostBoots > 0)
        // N+1 is never broken, every VM keeps running and almost no demand goes unserved.
        #expect(dpm.timeseries.allSatisfy { $0.hostsOn >= 2 && $0.vmsRunning == 200 })
        #expect(dpm.cpuDemandUnmetPct < 1)
        // RAM / bandwidth sends each 2-GiB VM once and never pauses it; pre-copy sends more
        // than that and pauses each VM briefly (PDM > 0), and DRS adds its own moves.
        let drs = try #require(o.results.first { $0.arm == "dpm-drs-precopy" })
        #expect(abs(dpm.migrationTrafficGB - Double(dpm.migrations) * 2.147483648) < 1e-6)
        #expect(dpm.migrationDowntimeS == 0 && dpm.pdmPct == 0 && dpm.migrationEnergyKWh > 0)
        #expect(drs.migrationTrafficGB > Double(drs.migrations) * 2.147483648)
        #expect(drs.migrationDowntimeS > 0 && drs.pdmPct > 0)
        #expect(drs.migrationDowntimeS < Double(drs.migrations) * 0.030 + 1e-9, "every pause ≤ 30 ms")
        #expect(drs.itEnergyKWh < noDPM.itEnergyKWh && drs.cpuDemandUnmetPct < 1)
    }

    @Test("dpm-night twice with the same seed gives byte-identical CSV files and report.html; without the report, none is written")
    func determinism() throws {
        let a = makeTempDir("dpm-a"), b = makeTempDir("dpm-b"), c = makeTempDir("dpm-c")
        _ = try runScenarioFile(RunOptions(scenarioPath: dpmNight, outDir: a))
        _ = try runScenarioFile(RunOptions(scenarioPath: dpmNight, outDir: b))
        for f in ["summary.csv", "timeseries.csv", "hosts.csv", "costs.csv", "report.html"] {
            let x = read(a + "/" + f), y = read(b + "/" + f)
            #expect(x != nil && x == y, "\(f) identical")
        }
        // the report draws every arm's hosts-on line
        let report = read(a + "/report.html") ?? ""
        for arm in ["no-dpm", "dpm", "dpm-drs-precopy"] { #expect(report.contains("data-series=\"\(arm)\""), "\(arm) drawn") }
        _ = try runScenarioFile(RunOptions(scenarioPath: dpmNight, outDir: c, report: false))
        #expect(read(c + "/summary.csv") != nil && read(c + "/report.html") == nil)
    }

    @Test("the dpm key: defaults from KB 310527, overrides, and clear errors")
    func decoding() throws {
        let (_, model) = try loadScenario(path: dpmNight, overrides: [])
        #expect(model.arms[0].dpm == nil)
        #expect(model.arms[1].dpm == DPMSettings(haReserveHosts: 1))  // the arm's ha: {failures_tolerated: 1}
        let (_, custom) = try loadScenario(
            path: dpmNight,
            overrides: [
                "arms.1.dpm.power_off_after=20 min", "arms.1.ha.failures_tolerated=2", "arms.1.dpm.interval=1 min"
            ])
        #expect(custom.arms[1].dpm == DPMSettings(powerOffAfter: .seconds(Int64(1200)), haReserveHosts: 2, interval: .seconds(Int64(60))))
        // one setting: the former dpm key is an error that names the arm's ha
        let moved = validateScenarioFile(path: dpmNight, overrides: ["arms.1.dpm.ha_reserve_hosts=2"])
        #expect(moved.count == 1 && moved[0].contains("arms[1].dpm.ha_reserve_hosts") && moved[0].contains("ha: {failures_tolerated: 2}"), "\(moved)")
        let (_, off) = try loadScenario(path: dpmNight, overrides: ["arms.1.dpm.enabled=false"])
        #expect(off.arms[1].dpm == nil)

        let bad = validateScenarioFile(path: dpmNight, overrides: ["arms.1.dpm.tolerance=0.7"])
        #expect(bad.count == 1 && bad.first?.contains("arms[1].dpm.tolerance") == true && bad.first?.contains("(0, 1]") == true, "\(bad)")
        let typo = validateScenarioFile(path: dpmNight, overrides: ["arms.1.dpm.power_of_after=40 min"])
        #expect(typo.first?.contains("did you mean \"power_off_after\"") == true, "\(typo)")
        let zero = validateScenarioFile(path: dpmNight, overrides: ["arms.1.dpm.interval=0"])
        #expect(zero.first?.contains("arms[1].dpm.interval") == true, "\(zero)")
        let cloudsim = validateScenarioFile(path: dpmNight, overrides: ["arms.1.profile=cloudsim-3.0.3"])
        #expect(cloudsim.contains { $0.contains("dpm applies to arms of the virtsim profile only") }, "\(cloudsim)")
    }
}
