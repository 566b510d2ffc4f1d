import Testing
import Foundation
@testable import VirtsimCore

let outputFiles = ["summary.csv", "timeseries.csv", "hosts.csv", "savings.csv", "costs.csv"]

@Suite("Bundled scenarios: determinism and golden CSVs")
struct DeterminismAndGoldenTests {
    @Test("the same scenario and seed twice give byte-identical CSV files; another seed differs")
    func determinism() throws {
        let a = makeTempDir(), b = makeTempDir(), c = makeTempDir()
        let path = packageRoot + "/scenarios/quickstart.yaml"
        _ = try runScenarioFile(RunOptions(scenarioPath: path, outDir: a))
        _ = try runScenarioFile(RunOptions(scenarioPath: path, outDir: b))
        _ = try runScenarioFile(RunOptions(scenarioPath: path, outDir: c, seed: 43))
        for f in outputFiles {
            let x = read(a + "/" + f), y = read(b + "/" + f)
            #expect(x != nil && x == y, "\(f) identical")
        }
        #expect(read(a + "/timeseries.csv") != read(c + "/timeseries.csv"), "another seed gives other draws")
    }

    @Test("common random numbers: every arm sees the same workload, so the baseline's demand equals the consolidated arm's")
    func commonRandomNumbers() throws {
        let o = try runScenarioFile(RunOptions(scenarioPath: packageRoot + "/scenarios/quickstart.yaml", outDir: makeTempDir()))
        // Physical: each workload on a 3720-MIPS server; consolidated: on 36,792-MIPS hosts with
        // 5% hypervisor overhead. Total served CPU (util × capacity × hours) must agree.
        let phys = o.results[0], cons = o.results[1]
        let physMIPSh = phys.hosts.reduce(0.0) { $0 + $1.cpuUtilMeanPct / 100 * 3720 * $1.hoursOn }
        let consMIPSh = cons.hosts.reduce(0.0) { $0 + $1.cpuUtilMeanPct / 100 * 36792 * $1.hoursOn }
        #expect(abs(consMIPSh / 1.05 - physMIPSh) / physMIPSh < 1e-9)
    }

    /// Golden CSVs of the bundled scenarios, in Tests/EndToEndTests/golden/<scenario>/.
    /// Re-record with `VIRTSIM_RECORD_GOLDEN=1 swift test --filter golden`.
    @Test("golden CSVs of the bundled scenarios", arguments: ["quickstart", "planetlab-20110303", "planetlab/dvfs", "ha-failures"])
    func golden(scenario: String) throws {
        let out = makeTempDir()
        _ = try runScenarioFile(RunOptions(scenarioPath: packageRoot + "/scenarios/\(scenario).yaml", outDir: out))
        let goldenDir = packageRoot + "/Tests/EndToEndTests/golden/\(scenario)"
        let record = ProcessInfo.processInfo.environment["VIRTSIM_RECORD_GOLDEN"] == "1"
        for f in outputFiles + ["failures.csv"] {  // failures.csv only where an arm has failures
            guard let got = read(out + "/" + f) else { continue }
            if record {
                try FileManager.default.createDirectory(atPath: goldenDir, withIntermediateDirectories: true)
                write(got, to: goldenDir + "/" + f)
                continue
            }
            guard let want = read(goldenDir + "/" + f) else {
                Issue.record("missing golden file \(goldenDir)/\(f); record with VIRTSIM_RECORD_GOLDEN=1")
                continue
            }
            if got != want {
                let g = got.split(separator: "\n", omittingEmptySubsequences: false)
                let w = want.split(separator: "\n", omittingEmptySubsequences: false)
                let i = (0..<min(g.count, w.count)).first { g[$0] != w[$0] } ?? min(g.count, w.count)
                Issue.record(
                    "\(scenario)/\(f) differs from golden at line \(i + 1):\n  golden: \(i < w.count ? String(w[i]) : "<end>")\n  got:    \(i < g.count ? String(g[i]) : "<end>")"
                )
            }
        }
    }
}
