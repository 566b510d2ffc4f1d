import Testing
import Foundation
import Scenario
import Engine
import VirtsimCore

/// A 10-VM estate (8 GiB, 10% CPU each) consolidated onto 32-GiB hosts whose count is sized.
private func sizingScenario(arm: String = "", group: String = "count: auto") -> String {
    """
    name: sizing
    seed: 3
    duration: 2 h
    sampling_interval: 5 min
    host_types:
      old: {cores: 2, core_mips: 1000, ram: 16 GiB, power: {model: linear, idle_w: 90, max_w: 120}, price_usd: 500}
      new: {cores: 4, core_mips: 1000, ram: 32 GiB, power: {model: linear, idle_w: 100, max_w: 200}, price_usd: 4000}
    vm_groups:
      - {name: g, count: 10, vcpus: 1, mips_per_vcpu: 1000, ram: 8 GiB, workload: {type: constant, cpu: 0.1}}
    arms:
      - {name: estate, baseline: true, placement: dedicated, host_groups: [{type: old, count: 10}]}
      - name: sized
        placement: best-fit-decreasing
        cpu_overcommit: 4
    \(arm.isEmpty ? "" : "    " + arm + "\n")    host_groups: [{type: new, \(group)}]
    """
}

@Suite("count: auto, ha and sizing in scenarios")
struct SizingScenarioTests {
    @Test("a sized arm runs at the count found: 3 hosts (memory), 4 with N+1; summary says so; virtsim size prints the trials")
    func runsAtSizedCount() throws {
        let dir = makeTempDir("sizing")
        write(sizingScenario(), to: dir + "/s.yaml")
        let plain = try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out", report: false))
        #expect(plain.results[1].hostsTotal == 3 && plain.results[1].sizing?.binding == ["memory"])
        #expect(plain.summaryText.contains("sized sized: 3 hosts; binding: memory; 1 sizing run"), "\(plain.summaryText)")
        write(sizingScenario(arm: "ha: {failures_tolerated: 1}"), to: dir + "/ha.yaml")
        let ha = try runScenarioFile(RunOptions(scenarioPath: dir + "/ha.yaml", outDir: dir + "/out-ha", report: false))
        let r = ha.results[1]
        #expect(r.hostsTotal == 4 && r.sizing?.reserveHosts == 1 && r.vmsUnplaced == 0)
        let summary = try #require(read(dir + "/out-ha/summary.csv")).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let col = { (name: String) in summary[0].firstIndex(of: Substring(name))! }
        #expect(summary[2][col("ha_reserve_hosts")] == "1" && summary[2][col("sizing_binding")] == "memory" && summary[2][col("sizing_runs")] == "1")
        #expect(summary[1][col("sizing_binding")] == "" && summary[1][col("ha_reserve_hosts")] == "")

        let text = try sizeScenarioFile(path: dir + "/ha.yaml", overrides: [])
        #expect(text.contains("sized: targets cpu_p95 ≤ 80%") && text.contains("HA failures_tolerated: 1"), "\(text)")
        #expect(text.contains("→ 4 hosts (3 + 1 HA reserve); binding: memory; 1 run"), "\(text)")
    }

    @Test("count: auto and sizing are refused where they would mean nothing, with the reason")
    func refused() throws {
        let dir = makeTempDir("sizing-bad")
        func problems(_ yaml: String, _ overrides: [String] = []) -> [String] {
            write(yaml, to: dir + "/s.yaml")
            return validateScenarioFile(path: dir + "/s.yaml", overrides: overrides)
        }
        let baseline = problems(sizingScenario(), ["arms.0.host_groups.0.count=auto"])
        #expect(baseline.count == 1 && baseline[0].contains("arms[0].host_groups[0].count (from --set): count: auto sizes a consolidated arm"), "\(baseline)")
        let two = problems(sizingScenario(), ["arms.1.host_groups=[{type: new, count: auto}, {type: old, count: auto}]"])
        #expect(two.count == 1 && two[0].contains("count: auto may be given on one host group"), "\(two)")
        let noAuto = problems(sizingScenario(arm: "sizing: {cpu_target_pct: 70}", group: "count: 3"))
        #expect(noAuto.count == 1 && noAuto[0].contains("arms[1].sizing: sizing sets the targets of count: auto"), "\(noAuto)")
        let both = problems(sizingScenario(arm: "ha: {failures_tolerated: 1, reserve_pct: 20}"))
        #expect(both.count == 1 && both[0].contains("give either failures_tolerated or reserve_pct"), "\(both)")
        let empty = problems(sizingScenario(arm: "ha: {}"))
        #expect(empty.count == 1 && empty[0].contains("expected failures_tolerated: F"), "\(empty)")
        let word = problems(sizingScenario(group: "count: lots"))
        #expect(word.count == 1 && word[0].contains("arms[1].host_groups[0].count"), "\(word)")
    }

    @Test("no count meets the targets: run fails with the constraints, not a result")
    func failure() throws {
        let dir = makeTempDir("sizing-fail")
        // one VM at 10% of 1,000 MIPS is 2.5% of a 4,000-MIPS host: a 1% target is unreachable
        write(sizingScenario(arm: "sizing: {cpu_target_pct: 1, max_hosts: 12}"), to: dir + "/s.yaml")
        #expect {
            _ = try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out", report: false))
        } throws: { error in
            "\(error)".contains("arm sized: no host count up to 12 meets the sizing targets") && "\(error)".contains("cpu_p95")
        }
    }
}

@Suite("The committed inventory estate, imported and sized")
struct InventorySizingTests {
    @Test("scenarios/inventory/rvtools.yaml: esxi and hyper-v sized N+1 with every VM placed, a binding constraint and a TCO")
    func rvtoolsEstate() throws {
        let dir = makeTempDir("inventory-sized")
        let o = try runScenarioFile(
            RunOptions(scenarioPath: packageRoot + "/scenarios/inventory/rvtools.yaml", outDir: dir, overrides: ["duration=1 d"], report: false))
        for name in ["esxi", "hyper-v"] {
            let r = try #require(o.results.first { $0.arm == name })
            let s = try #require(r.sizing)
            #expect(r.vmsUnplaced == 0 && s.reserveHosts == 1 && r.hostsTotal == s.hosts && !s.binding.isEmpty, "\(name): \(s)")
            // the count chosen passed and one host fewer failed (or was below the bound)
            #expect(s.tried.contains { $0.hosts == s.hosts && $0.failed.isEmpty })
            #expect(s.hosts == s.lowerBound || s.tried.contains { $0.hosts == s.hosts - 1 && !$0.failed.isEmpty })
            #expect(r.economics.horizonCost("total") > r.economics.periodCost("total") && r.economics.hostsBought == s.hosts)
        }
        #expect(o.summaryText.contains("sized esxi: ") && o.summaryText.contains("TCO USD"))
    }
}
