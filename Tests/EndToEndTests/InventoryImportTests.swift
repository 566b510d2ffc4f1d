import Engine
import Foundation
import Scenario
import Testing
import VirtsimCore
import Workloads

/// A scenario around one `from_inventory` item (its extra keys in `item`), on one host type.
private func inventoryScenario(_ item: String, hosts: Int = 40) -> String {
    """
    name: inv
    duration: 2 h
    host_types:
      h: {cores: 32, core_mips: 2400, ram: 256 GiB, power: {model: linear, idle_w: 100, max_w: 300}}
    vm_groups:
      - \(item)
    arms:
      - {name: a, placement: best-fit-decreasing, hypervisor: esxi, cpu_overcommit: 4, host_groups: [{type: h, count: \(hosts)}]}
    """
}

private func decode(_ yaml: String, in dir: String) -> (ScenarioModel?, [String]) {
    do {
        let doc = try YAMLDocument.parse(yaml: yaml, file: dir + "/s.yaml", directory: dir)
        let c = IssueCollector()
        let m = decodeScenario(doc, collector: c)
        return (m, c.sortedIssues.map(\.description))
    } catch {
        return (nil, error.issues.map(\.description))
    }
}

private let estateDir = packageRoot + "/scenarios/inventory"

@Suite("Inventory: from_inventory VM groups and virtsim import")
struct InventoryImportTests {
    @Test("from_inventory expands at decode time into one group per VM: name, size, fitted stochastic workload; assumptions kept")
    func expands() throws {
        let (m, issues) = decode(inventoryScenario("{from_inventory: [vinfo-gui.csv, vhost.csv], default_cpu: {mean_pct: 8, p95_pct: 25}}"), in: estateDir)
        #expect(issues.isEmpty, "\(issues)")
        let model = try #require(m)
        #expect(model.groups.count == 374 && model.groups.allSatisfy { $0.count == 1 })
        let g = model.groups[0]
        #expect(g.name == "syn-db-002" && g.type.vcpus == 4 && g.type.mipsPerVcpu == 2300 && g.type.ramMiB == 2048)
        #expect(abs(g.type.diskGB - 400230.4 * 1_048_576 / 1e9) < 1e-6)
        let w = try #require(g.workload as? StochasticWorkload)
        guard case let .beta(a, b) = w.cpu else { Issue.record("\(w.cpu)"); return }
        #expect(abs(a / (a + b) - 0.08) < 1e-12)
        #expect(w.memory == .constant(0.3))
        #expect(model.assumptions.contains { $0.contains("mean 8%, p95 25%") })
        // VM ids are disjoint: each group draws as its own entity
        #expect((model.groups[1].workload as? StochasticWorkload)?.entityBase == 1)
    }

    @Test("monitoring: a VM with a series in the export is driven by it (member k by name), the others by the fit, counted")
    func monitoring() throws {
        let item = "{from_inventory: [vinfo-gui.csv, vhost.csv], monitoring: {path: monitoring.csv, step: 1 h, max_gap: 2 h}}"
        let (m, issues) = decode(inventoryScenario(item), in: estateDir)
        #expect(issues.isEmpty, "\(issues)")
        let model = try #require(m)
        let driven = model.groups.filter { !($0.workload is StochasticWorkload) }
        #expect(driven.count == 364 && model.groups.count == 374)
        #expect(model.assumptions.contains { $0.hasPrefix("10 of 374 VMs have no series in the monitoring export") }, "\(model.assumptions)")
        // the first VM's series: its first hourly sample, as written in the export
        let trace = try CSVTimeSeriesTrace(path: estateDir + "/monitoring.csv", step: .seconds(3600.0), maxGapSeconds: 7200)
        let k = try #require(trace.member(named: model.groups[0].name))
        #expect(model.groups[0].workload.demand(member: 0, step: 0).cpu == trace.demand(member: k, step: 0).cpu)
        #expect(abs(trace.demand(member: k, step: 0).cpu - 0.097) < 1e-5, "syn-db-002 at 2026-01-05T00:00Z: 9.7%")
    }

    @Test("inventory problems carry file:line and column; item problems carry the scenario position")
    func errors() {
        let dir = makeTempDir()
        write("VM,Powerstate,Template,CPUs,Memory,In Use MiB\na,poweredOn,False,two,1024,1\n", to: dir + "/inv.csv")
        let (m, issues) = decode(inventoryScenario("{from_inventory: inv.csv}"), in: dir)
        #expect(m == nil)
        #expect(issues.contains("\(dir)/inv.csv:2: column \"CPUs\": expected vCPUs, an integer ≥ 1, found \"two\""), "\(issues)")
        #expect(issues.contains { $0.hasPrefix("\(dir)/s.yaml:6:") && $0.contains("vm_groups[0].from_inventory: the inventory has 1 problem") }, "\(issues)")
        let (_, keyIssues) = decode(inventoryScenario("{from_inventory: inv.csv, format: xml, include_powered_of: true}"), in: dir)
        #expect(keyIssues.contains { $0.contains("s.yaml:6:") && $0.contains("vm_groups[0].format: unknown value \"xml\"") }, "\(keyIssues)")
        #expect(keyIssues.contains { $0.contains("unknown key \"include_powered_of\"") && $0.contains("did you mean \"include_powered_off\"") }, "\(keyIssues)")
        let (_, missing) = decode(inventoryScenario("{from_inventory: nowhere.csv}"), in: dir)
        #expect(missing.contains { $0.hasPrefix("\(dir)/nowhere.csv: cannot read the file") }, "\(missing)")
        let (_, mon) = decode(inventoryScenario("{from_inventory: inv.csv, monitoring: {path: m.csv, stepp: 1 h}}"), in: dir)
        #expect(mon.contains { $0.contains("vm_groups[0].monitoring.stepp: unknown key \"stepp\"") && $0.contains("did you mean \"step\"") }, "\(mon)")
    }

    @Test("the committed scenarios are what virtsim import writes today (regenerate: see scenarios/inventory/README.md)")
    func committedScenariosAreCurrent() throws {
        let cases: [(String, [String])] = [
            ("rvtools.yaml", ["vinfo-gui.csv", "vhost.csv", "vcpu.csv", "vmemory.csv", "monitoring.csv"]),
            ("physical.yaml", ["physical-estate.csv"])
        ]
        for (out, files) in cases {
            var o = ImportOptions(files: files.map { estateDir + "/" + $0 })
            o.outPath = estateDir + "/" + out
            let outcome = try importInventory(o)
            let committed = try String(contentsOfFile: estateDir + "/" + out, encoding: .utf8)
            #expect(outcome.yaml == committed, "\(out) is stale: rerun virtsim import as its header says")
        }
    }
}

@Suite("CLI: virtsim import", .enabled(if: FileManager.default.isExecutableFile(atPath: cliPath), "needs .build/debug/virtsim"))
struct ImportCLITests {
    @Test("import → scenario → run, with --hosts (a fixed count before sizing is merged): both estates run to exit 0")
    func importAndRun() throws {
        let dir = makeTempDir()
        let cases: [(String, [String], Int, Int)] = [
            ("rv", ["vinfo-export.csv", "vhost-export.csv", "vcpu.csv", "vmemory.csv", "monitoring.csv"], 36, 374),
            ("phys", ["physical-estate.csv"], 48, 400)
        ]
        for (name, files, hosts, vms) in cases {
            let t0 = Date()
            let imp = try runCLI(["import"] + files.map { estateDir + "/" + $0 } + ["--hosts", "\(hosts)", "--out", dir + "/\(name).yaml"])
            #expect(imp.status == 0, "\(imp.err)")
            #expect(imp.out.contains("Wrote \(dir)/\(name).yaml") && imp.out.contains("× \(hosts)"), "\(imp.out)")
            #expect(Date().timeIntervalSince(t0) < 20)
            let yaml = read(dir + "/\(name).yaml") ?? ""
            #expect(yaml.contains("count: \(hosts)}") && !yaml.contains("ha:"))
            let run = try runCLI(["run", dir + "/\(name).yaml", "--out", dir + "/\(name)-out", "--set", "duration=1 h"])
            #expect(run.status == 0, "\(run.err)")
            let summary = read(dir + "/\(name)-out/summary.csv") ?? ""
            #expect(summary.split(separator: "\n").count == 4, "three arms: \(summary)")
            // the assumptions: on the console, in the manifest and in the report
            #expect(run.out.contains("assumptions (the inventory did not say"), "\(run.out)")
            #expect(read(dir + "/\(name)-out/manifest.json")?.contains("\"assumptions\": [") ?? false)
            #expect(read(dir + "/\(name)-out/report.html")?.contains("<h2>Assumptions</h2>") ?? false)
            #expect(read(dir + "/\(name)-out/summary.csv")?.contains(",\(vms),") ?? false)
        }
    }

    @Test("without --out the scenario goes to stdout; a bad inventory exits 1 with file:line; a bad format exits 1")
    func stdoutAndErrors() throws {
        let ok = try runCLI(["import", estateDir + "/physical-estate.csv"])
        #expect(ok.status == 0 && ok.out.hasPrefix("# inventory: generated by `virtsim import`") && ok.out.contains("count: auto"), "\(ok.err)")
        let dir = makeTempDir()
        write("name,vcpus,ram_gib\ns1,0,4\n", to: dir + "/bad.csv")
        let bad = try runCLI(["import", dir + "/bad.csv"])
        #expect(
            bad.status == 1 && bad.err.contains("\(dir)/bad.csv:2: column \"vcpus\": expected an integer ≥ 1, found 0") && bad.err.contains("1 problem found"),
            "\(bad.err)")
        let format = try runCLI(["import", dir + "/bad.csv", "--format", "xlsx"])
        #expect(format.status == 1 && format.err.contains("unknown format \"xlsx\""))
        let empty = try runCLI(["import", dir + "/none.csv"])
        #expect(empty.status == 1 && empty.err.contains("cannot read the file"))
    }
}
