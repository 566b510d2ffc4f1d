import Foundation
import Testing
@testable import VirtsimCore

/// A scenario driven by `workload: {type: csv}` runs end to end, with hand-computed power.
@Suite("csv workload: a scenario end to end")
struct CSVWorkloadScenarioTests {
    @Test("two VMs from a long-format export: VM a at 40% then 80% from 00:30, VM b at 20%")
    func runs() throws {
        let dir = makeTempDir("csv-workload")
        write(
            """
            timestamp,vm,cpu_pct
            2026-01-05T00:00:00Z,a,40
            2026-01-05T01:00:00+01:00,b,20
            1767573000,a,80

            """, to: dir + "/util.csv")
        write(miniScenario(count: "2", workload: "{type: csv, path: util.csv, after_end: hold}"), to: dir + "/s.yaml")
        #expect(validateScenarioFile(path: dir + "/s.yaml", overrides: []) == [])
        let o = try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out"))
        // 1-vCPU 1000-MIPS VMs on 4-core 1000-MIPS hosts (100 W idle, 200 W full), one hour:
        // the baseline runs a's host at 10% then 20% for half an hour each and b's at 5%;
        // the packed arm one host at (0.4 + 0.2)/4 = 15%, then (0.8 + 0.2)/4 = 25%.
        let baseline = (100 + 100 * 0.1 + 100 + 100 * 0.2) / 2 + (100 + 100 * 0.05)
        let packed = (100 + 100 * 0.15 + 100 + 100 * 0.25) / 2
        #expect(abs(o.results[0].itPowerMeanW - baseline) < 0.01, "\(o.results[0].itPowerMeanW)")
        #expect(abs(o.results[1].itPowerMeanW - packed) < 0.01, "\(o.results[1].itPowerMeanW)")
    }

    @Test("a bad value in the export names the scenario key, the file, line:column and the column")
    func badValue() {
        let dir = makeTempDir("csv-workload")
        write("timestamp,vm,cpu_pct\n1767571200,a,40\n1767571500,a,n/a\n", to: dir + "/util.csv")
        write(miniScenario(count: "1", workload: "{type: csv, path: util.csv}"), to: dir + "/s.yaml")
        let i = validateScenarioFile(path: dir + "/s.yaml", overrides: []).joined()
        #expect(i.contains("vm_groups[0].workload.path: " + dir + "/util.csv:3:14: column \"cpu_pct\": expected a percentage 0–100, found \"n/a\""), "\(i)")
    }
}
