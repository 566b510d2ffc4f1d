import Testing
import Foundation
@testable import VirtsimCore
import SimKernel
import Scenario

/// A small valid scenario; tests break one thing at a time.
func miniScenario(count: String = "4", placement: String = "best-fit-decreasing", workload: String? = nil, extra: String = "") -> String {
    """
    name: mini
    seed: 7
    duration: 1 h
    sampling_interval: 5 min
    host_types:
      small:
        cores: 4
        core_mips: 1000
        ram: 16 GiB
        power: {model: linear, idle_w: 100, max_w: 200}
    vm_groups:
      - name: g
        count: \(count)
        vcpus: 1
        mips_per_vcpu: 1000
        ram: 2 GiB
        workload: \(workload ?? "{type: constant, cpu: 0.5, memory: 0.5}")
    arms:
      - name: base
        baseline: true
        placement: dedicated
        host_groups: [{type: small, count: 4}]
      - name: packed
        placement: \(placement)
        host_groups: [{type: small, count: 4}]
    \(extra)
    """
}

@Suite("Bad input gives clear errors: file, line:column, field path, what was expected")
struct ScenarioValidationTests {
    func validate(_ yaml: String, overrides: [String] = []) -> [String] {
        let dir = makeTempDir()
        let path = dir + "/s.yaml"
        write(yaml, to: path)
        return validateScenarioFile(path: path, overrides: overrides)
    }

    @Test("the mini scenario is valid and runs")
    func valid() throws {
        #expect(validate(miniScenario()) == [])
        let dir = makeTempDir()
        write(miniScenario(), to: dir + "/s.yaml")
        let o = try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out"))
        // 4 VMs of 1000 MIPS at 50% on 4-core 1000-MIPS hosts: the baseline uses 4 hosts at
        // 12.5% (112.5 W each), the packed arm 1 host at 50% (150 W).
        #expect(abs(o.results[0].itPowerMeanW - 4 * 112.5) < 1e-9)
        #expect(abs(o.results[1].itPowerMeanW - 150) < 1e-9)
        let energyPct = try #require(o.savings.first { $0.category == "it_energy" }?.savingPct)
        #expect(abs(energyPct - 100 * (450.0 - 150) / 450) < 1e-9)
        for f in ["summary.csv", "timeseries.csv", "hosts.csv", "savings.csv", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/out/" + f), "\(f) written")
        }
    }

    @Test("malformed YAML: the position of the syntax error")
    func malformed() {
        let issues = validate("name: x\nvm_groups: [unclosed\narms: []\n")
        #expect(issues.count == 1)
        #expect(issues.first?.contains("s.yaml:") == true)
        #expect(issues.first?.range(of: #"s\.yaml:\d+:\d+: "#, options: .regularExpression) != nil, "\(issues)")
    }

    @Test("a wrong type names the path, the line:column, what was found and expected")
    func wrongType() {
        let issues = validate(miniScenario(count: "abc"))
        #expect(issues.count == 1)
        let i = issues.first ?? ""
        #expect(i.contains("s.yaml:13:12:"), "\(i)")
        #expect(i.contains("vm_groups[0].count"), "\(i)")
        #expect(i.contains("expected an integer") && i.contains("abc"), "\(i)")
    }

    @Test("a negative count")
    func negativeCount() {
        let i = validate(miniScenario(count: "-3")).joined()
        #expect(i.contains("s.yaml:13:12: vm_groups[0].count: expected an integer between 1 and 100000000, found -3"), "\(i)")
    }

    @Test("an unknown policy lists the valid names")
    func unknownPolicy() {
        let i = validate(miniScenario(placement: "best-fitt")).joined()
        #expect(i.contains("arms[1].placement"), "\(i)")
        for n in ["first-fit", "best-fit-decreasing", "worst-fit", "power-aware-bfd", "dedicated"] {
            #expect(i.contains(n), "\(n) listed in \(i)")
        }
    }

    @Test("an unknown key is an error with a suggestion, and every problem is reported at once")
    func unknownKeyAndAllAtOnce() {
        let issues = validate(miniScenario(count: "-1", placement: "nope", extra: "sampling_intervall: 10"))
        #expect(issues.count == 3, "\(issues)")
        #expect(issues.contains { $0.contains("unknown key \"sampling_intervall\"") && $0.contains("did you mean \"sampling_interval\"") })
    }

    @Test("a missing trace folder names the folder and the field")
    func missingTrace() {
        let i = validate(miniScenario(workload: "{type: planetlab, path: no/such/folder}")).joined()
        #expect(i.contains("vm_groups[0].workload.path"), "\(i)")
        #expect(i.contains("no/such/folder") && i.contains("not found"), "\(i)")
    }

    @Test("a trace with a non-numeric line names the trace file and its line")
    func badTraceLine() {
        let dir = makeTempDir()
        try! FileManager.default.createDirectory(atPath: dir + "/trace", withIntermediateDirectories: true)
        write("10\n20\n", to: dir + "/trace/a")
        write("10\nabc\n30\n", to: dir + "/trace/b")
        write(miniScenario(count: "2", workload: "{type: planetlab, path: trace}"), to: dir + "/s.yaml")
        let i = validateScenarioFile(path: dir + "/s.yaml", overrides: []).joined()
        #expect(i.contains("trace/b:2"), "\(i)")
        #expect(i.contains("abc"), "\(i)")
    }

    @Test("--set overrides a value; a bad --set value is reported as coming from --set")
    func overrides() {
        #expect(validate(miniScenario(), overrides: ["vm_groups.0.count=2"]) == [])
        let i = validate(miniScenario(), overrides: ["vm_groups.0.count=-2"]).joined()
        #expect(i.contains("from --set"), "\(i)")
    }

    @Test("run reports scenario errors by throwing, never trapping")
    func runThrows() {
        let dir = makeTempDir()
        write(miniScenario(count: "abc"), to: dir + "/s.yaml")
        #expect(throws: (any Error).self) { try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out")) }
        #expect(throws: (any Error).self) { try runScenarioFile(RunOptions(scenarioPath: dir + "/missing.yaml", outDir: dir + "/out")) }
    }

    @Test("nic_gbps: 0 (unlimited bandwidth, instant migrations) is run as documented, with a warning")
    func unlimitedNICWarns() throws {
        let dir = makeTempDir()
        write(miniScenario(), to: dir + "/s.yaml")
        let plain = try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/a", report: false))
        #expect(!plain.summaryText.contains("nic_gbps 0"))
        let o = try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/b", overrides: ["host_types.small.nic_gbps=0"], report: false))
        for arm in ["base", "packed"] {
            #expect(
                o.summaryText.contains("  warning: host type small of arm \(arm) has nic_gbps 0: unlimited bandwidth, live migrations take no time\n"),
                "\(o.summaryText)")
        }
    }

    @Test("a reused --out folder starts fresh: no savings.csv or report.html of an earlier run is left; other files are kept")
    func reusedOutStartsFresh() throws {
        let dir = makeTempDir()
        write(miniScenario(), to: dir + "/s.yaml")
        _ = try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out"))
        let fm = FileManager.default
        #expect(fm.fileExists(atPath: dir + "/out/savings.csv") && fm.fileExists(atPath: dir + "/out/report.html"))
        write("mine", to: dir + "/out/notes.txt")
        _ = try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out", overrides: ["arms.0.baseline=false"], report: false))
        #expect(!fm.fileExists(atPath: dir + "/out/savings.csv") && !fm.fileExists(atPath: dir + "/out/report.html"))
        #expect(fm.fileExists(atPath: dir + "/out/summary.csv") && fm.fileExists(atPath: dir + "/out/notes.txt"))
    }
}

@Suite("Bad input in CloudSim-profile arms")
struct CloudSimScenarioValidationTests {
    func issues(_ overrides: [String]) -> String {
        validateScenarioFile(path: packageRoot + "/scenarios/planetlab/lr-mmt-1.2.yaml", overrides: overrides).joined(separator: "\n")
    }

    @Test("the bundled PlanetLab scenarios are valid")
    func bundledValid() throws {
        let dir = packageRoot + "/scenarios/planetlab"
        for f in try FileManager.default.contentsOfDirectory(atPath: dir) where f.hasSuffix(".yaml") {
            #expect(validateScenarioFile(path: dir + "/" + f, overrides: []) == [], "\(f)")
        }
    }

    @Test("an unknown detector lists the valid ones; a bad parameter names its range")
    func detector() {
        let i = issues(["arms.0.consolidation.overload_detector.type=lrx"])
        #expect(i.contains("arms[0].consolidation.overload_detector.type") && i.contains("lrr"), "\(i)")
        let j = issues(["arms.0.consolidation.overload_detector.safety=abc"])
        #expect(j.contains("safety") && j.contains("from --set"), "\(j)")
    }

    @Test("an unknown quirk lists the valid ones")
    func quirk() {
        let i = issues(["arms.0.quirks.drop_vms=false"])
        #expect(i.contains("unknown quirk \"drop_vms\"") && i.contains("drop_zero_demand_vms"), "\(i)")
    }

    @Test("trace blocks out of order, malformed, or with count are errors")
    func traceBlock() {
        #expect(issues(["vm_groups.1.trace_block=2/4"]).contains("list the blocks in order"))
        #expect(issues(["vm_groups.0.trace_block=4/4"]).contains("expected \"k/n\""))
        #expect(issues(["vm_groups.0.count=10"]).contains("either count or trace_block"))
    }

    @Test("an unknown profile and a non-integer core_mips are errors")
    func profile() {
        #expect(issues(["arms.0.profile=cloudsim-4"]).contains("cloudsim-3.0.3"))
        #expect(issues(["host_types.hp-ml110-g4.core_mips=1860.5"]).contains("integer core_mips"))
    }
}

/// `time_zone` moves what depends on local time across a daylight-saving change.
@Suite("time_zone: daylight saving in diurnal workloads, services and hourly tariffs")
struct TimeZoneScenarioTests {
    static func yaml(zone: String) -> String {
        """
        name: tz
        start: "2026-03-28T00:00:00"
        time_zone: \(zone)
        duration: 48 h
        sampling_interval: 1 h
        costs: {electricity_usd_per_kwh_by_hour: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}
        host_types:
          h: {cores: 8, core_mips: 1000, ram: 64 GiB, power: {model: linear, idle_w: 100, max_w: 200}}
        vm_groups:
          - {name: g, count: 4, vcpus: 1, mips_per_vcpu: 1000, ram: 1 GiB,
             workload: {type: diurnal, mean: 0.5, amplitude: 0.5, peak_hour: 14, interval: 1 h}}
        arms:
          - {name: a, placement: first-fit, hypervisor: none, host_groups: [{type: h, count: 1}]}
        """
    }

    @Test("Europe/Berlin from Sat 28 Mar 2026 00:00: one change at 26 h (+1 h); UTC: none")
    func shiftsDecoded() throws {
        let dir = makeTempDir("tz")
        write(Self.yaml(zone: "Europe/Berlin"), to: dir + "/b.yaml")
        write(Self.yaml(zone: "UTC"), to: dir + "/u.yaml")
        let (_, berlin) = try loadScenario(path: dir + "/b.yaml", overrides: [])
        let (_, utc) = try loadScenario(path: dir + "/u.yaml", overrides: [])
        #expect(berlin.localClock.shifts == [LocalClock.Shift(atS: 26 * 3600, hours: 1)])
        #expect(utc.localClock.shifts.isEmpty)
    }

    @Test("the diurnal peak (14:00 local) comes at 37 h elapsed on day 2 in Berlin, 38 h in UTC; the 12:00 tariff hour follows")
    func peakMoves() throws {
        func peakHourElapsed(_ zone: String) throws -> (peak: Double, cost: Double) {
            let dir = makeTempDir("tz")
            write(Self.yaml(zone: zone), to: dir + "/s.yaml")
            let r = try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out", report: false)).results[0]
            // day 2's samples (24…48 h): the hour whose power is highest
            let day2 = r.timeseries.filter { $0.timeS > 24 * 3600 }
            let best = day2.max { $0.itPowerW < $1.itPowerW }!
            return (best.timeS / 3600, r.economics.periodCost("power_cooling"))
        }
        let b = try peakHourElapsed("Europe/Berlin"), u = try peakHourElapsed("UTC")
        // samples are interval means ending at timeS: the 14:00–15:00 local step ends at 38 h (UTC) or 37 h (Berlin, after the change)
        #expect(u.peak - b.peak == 1, "Berlin \(b.peak) h, UTC \(u.peak) h")
        // only the 12:00 local hour is priced, and the load follows the local clock: both zones pay
        // for the same local hours (without the shift Berlin's day 2 would price 13:00, nearer the peak)
        #expect(b.cost > 0 && abs(b.cost - u.cost) < 1e-9 * u.cost, "Berlin \(b.cost), UTC \(u.cost)")
    }
}
