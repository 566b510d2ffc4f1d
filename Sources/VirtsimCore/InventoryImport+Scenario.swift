import DatacenterModel
import Foundation
import Inventory

/// A host type of a generated scenario, with how many of it the baseline has.
struct PlannedHostType {
    var name: String
    var comment: String
    var cores: Int
    var sockets: Int
    var mhz: Double
    var ramMiB: Int64
    var curve: String
    var count: Int
}

/// The scenario `virtsim import` writes, planned from what the inventory read.
struct ImportPlan {
    let result: InventoryResult
    let options: ImportOptions
    let outDir: String
    let consolidation: PlannedHostType
    /// The baseline's host types (physical servers, or the current hosts), smallest first.
    var baseline: [PlannedHostType] = []
    /// Assumptions of the plan itself (catalogue defaults, overcommit), besides the inventory's.
    var assumptions: [String] = []
    /// vCPU overcommit of the consolidated arms: 4:1 (PlannerPractice.md B: "typical server
    /// 4:1", vSphere blog 2015 / Packt) — an assumption; contention then shows as unmet CPU.
    let overcommit = 4.0
    /// The as-is arm's overcommit: the current estate's provisioned vCPU MHz over its host MHz.
    var asIsOvercommit = 1.0

    init(result: InventoryResult, options: ImportOptions, outDir: String) {
        self.result = result
        self.options = options
        self.outDir = outDir
        consolidation = PlannedHostType(
            name: "consolidation-host",
            comment: "the newest, largest bundled SPECpower curve: DCSim 2 × 16 cores at 2.4 GHz (SPEC 2012q3-00478); 256 GiB is a planner's choice",
            cores: HostCatalogue.consolidationCores, sockets: HostCatalogue.consolidationSockets, mhz: HostCatalogue.consolidationMHz,
            ramMiB: Int64(HostCatalogue.consolidationRAMGiB) * 1024, curve: HostCatalogue.consolidationCurve, count: 0)
        if result.isPhysical {
            planPhysical()
        } else if !result.hosts.isEmpty {
            planAsIs()
        }
    }

    /// One host type per server model, cores and clock (RAM: the largest of them), each
    /// matched to a bundled curve or the stated default.
    mutating func planPhysical() {
        var types: [String: PlannedHostType] = [:]
        var unmatched = Set<String>()
        for vm in result.vms {
            let server = Server(model: vm.serverModel, sockets: vm.sockets ?? 1, cores: vm.vcpus, mhz: vm.cpuMHz ?? 2400, memMiB: vm.memMiB)
            Self.add(server, key: "\(vm.serverModel)|\(vm.vcpus)|\(server.mhz)", to: &types, unmatched: &unmatched)
        }
        baseline = nameTypes(types.values, prefix: "physical")
        if !unmatched.isEmpty {
            assumptions.append(
                "server models without a bundled SPECpower curve (\(unmatched.sorted().joined(separator: "; "))) take \(HostCatalogue.defaultPhysicalCurve) (HostCatalogue.defaultPhysicalCurve)"
            )
        }
    }

    /// A server of the baseline: its model (with vendor and CPU where known) and size.
    struct Server {
        var model: String
        var sockets: Int
        var cores: Int
        var mhz: Double
        var memMiB: Int64
    }

    /// Counts `server` into the type of `key` (made from it, its model matched to the catalogue,
    /// on first sight); RAM is the largest of the type's servers.
    static func add(_ server: Server, key: String, to types: inout [String: PlannedHostType], unmatched: inout Set<String>) {
        var t: PlannedHostType
        if let existing = types[key] {
            t = existing
        } else {
            let curve = HostCatalogue.match(model: server.model)
            if curve == nil { unmatched.insert(server.model.isEmpty ? "(no model)" : server.model) }
            t = PlannedHostType(
                name: "", comment: server.model + (curve == nil ? " (no bundled curve: the default, an assumption)" : ""),
                cores: server.cores, sockets: server.sockets, mhz: server.mhz, ramMiB: 0, curve: curve ?? HostCatalogue.defaultPhysicalCurve, count: 0)
        }
        t.ramMiB = max(t.ramMiB, server.memMiB)
        t.count += 1
        types[key] = t
    }

    /// One host type per vHost model, sockets, cores, clock and memory.
    mutating func planAsIs() {
        var types: [String: PlannedHostType] = [:]
        var unmatched = Set<String>()
        for h in result.hosts {
            let model = [h.vendor, h.model, h.cpuModel].filter { !$0.isEmpty }.joined(separator: " ")
            let server = Server(model: model, sockets: h.sockets, cores: h.cores, mhz: h.cpuMHz, memMiB: h.memMiB)
            Self.add(server, key: "\(model)|\(h.sockets)|\(h.cores)|\(h.cpuMHz)|\(h.memMiB)", to: &types, unmatched: &unmatched)
        }
        baseline = nameTypes(types.values, prefix: "as-is")
        if !unmatched.isEmpty {
            assumptions.append(
                "current host models without a bundled SPECpower curve (\(unmatched.sorted().joined(separator: "; "))) take \(HostCatalogue.defaultPhysicalCurve)"
            )
        }
        let demand = result.vms.reduce(0.0) { $0 + Double($1.vcpus) * ($1.cpuMHz ?? 2400) }
        let capacity = result.hosts.reduce(0.0) { $0 + Double($1.cores) * $1.cpuMHz }
        asIsOvercommit = max(overcommit, ((demand / max(capacity, 1)) * 1.25 * 2).rounded(.up) / 2)
        assumptions.append(
            "as-is arm: VMs are placed by worst-fit and balanced by DRS, not pinned to the hosts vInfo names; cpu_overcommit \(fmtNumber(asIsOvercommit))"
        )
    }

    /// Names types `<prefix>-<model words>-<cores>c`, smallest first (dedicated placement then
    /// puts each server's workload on a server of its own type).
    func nameTypes(_ values: Dictionary<String, PlannedHostType>.Values, prefix: String) -> [PlannedHostType] {
        var out = values.sorted { ($0.cores, $0.mhz, $0.ramMiB, $0.comment) < ($1.cores, $1.mhz, $1.ramMiB, $1.comment) }
        var used = Set<String>()
        for i in out.indices {
            let words = out[i].comment.lowercased().split { !($0.isLetter || $0.isNumber) }.prefix(4).joined(separator: "-")
            var name = "\(prefix)-\(words)-\(out[i].cores)c"
            var k = 2
            while used.contains(name) { name = "\(prefix)-\(words)-\(out[i].cores)c-\(k)"; k += 1 }
            used.insert(name)
            out[i].name = name
        }
        return out
    }

    /// A first estimate of the consolidation hosts, N+1: the largest of RAM (with 2 GiB per host
    /// reserved, ~2% per-VM overhead, and 10% lost to packing), CPU at p95 under 70% of the
    /// hosts, and the vCPU MHz the overcommit admits; plus one.
    var estimatedHosts: Int {
        let ram = result.vms.reduce(0.0) { $0 + Double($1.memMiB) * 1.02 }
        let cpu = result.vms.reduce(0.0) { $0 + Double($1.vcpus) * ($1.cpuMHz ?? 2400) * ($1.cpuP95Pct ?? 30) / 100 }
        let admitted = result.vms.reduce(0.0) { $0 + Double($1.vcpus) * ($1.cpuMHz ?? 2400) }
        let hostRAM = Double(consolidation.ramMiB - 2048), hostCPU = Double(consolidation.cores) * consolidation.mhz
        let n = max(ram / (hostRAM * 0.9), cpu / (hostCPU * 0.7), admitted / (hostCPU * overcommit))
        return Int(n.rounded(.up)) + 1
    }

    var scenarioName: String {
        options.outPath.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension } ?? "inventory"
    }

    var inventoryFiles: [String] {
        result.files.filter { $0.kind != "monitoring" }.map { relativePath($0.path, from: outDir) }
    }

    var baselineName: String { result.isPhysical ? "physical" : "as-is" }
}

/// A YAML scalar: bare when safe, else a double-quoted (JSON) string.
func yamlScalar(_ s: String) -> String {
    let plain =
        s.allSatisfy { $0.isLetter || $0.isNumber || "-_./ ".contains($0) } && !s.isEmpty && s.first != " " && s.last != " "
        && Double(s) == nil && !["true", "false", "null", "yes", "no", "on", "off", "~"].contains(s.lowercased())
    if plain { return s }
    var out = "\""
    for c in s.unicodeScalars {
        switch c {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        default: out.unicodeScalars.append(c)
        }
    }
    return out + "\""
}

/// A number without a trailing `.0`, at most two decimals (`4`, `4.5`).
func fmtNumber(_ x: Double) -> String {
    if x.rounded() == x && abs(x) < 1e15 { return String(Int(x)) }
    var s = String(format: "%.2f", x)
    while s.hasSuffix("0") { s.removeLast() }
    return s
}
