import DatacenterModel
import Foundation
import Inventory
import Scenario

/// What `virtsim import` reads and writes.
public struct ImportOptions: Sendable {
    /// Inventory files, in any order (RVTools tabs, a generic inventory, monitoring exports).
    public var files: [String]
    /// nil: detected from the headers.
    public var format: InventoryFormat? = nil
    /// The scenario to write; nil prints it (paths are then relative to the current folder).
    public var outPath: String? = nil
    /// A fixed host count for the consolidated arms instead of `count: auto` and `ha`
    /// (scenarios that run before sizing is available, and tests).
    public var hosts: Int? = nil
    /// Keep powered-off VMs.
    public var includePoweredOff = false

    public init(files: [String]) { self.files = files }
}

/// A written scenario: its text, a one-paragraph summary, and what was read.
public struct ImportOutcome {
    public var yaml: String
    public var summary: String
    public var result: InventoryResult
    public var wallSeconds: Double
}

/// A failed import: every problem, one per line.
public struct ImportError: Error, CustomStringConvertible {
    public var description: String
}

/// Reads an inventory and writes a scenario a planner can read and edit: what was read,
/// the assumptions, host types (the default consolidation host and the current or physical
/// ones), `vm_groups: [{from_inventory: …}]`, a baseline arm (the physical estate, or the
/// current hosts from vHost) and consolidated `esxi` and `hyper-v` arms sized with `count: auto`
/// and `ha: {failures_tolerated: 1}`. The scenario is decoded before it is returned.
public func importInventory(_ o: ImportOptions) throws(ImportError) -> ImportOutcome {
    let t0 = monotonicSeconds()
    var options = InventoryOptions()
    options.format = o.format
    options.includePoweredOff = o.includePoweredOff
    let result = Inventory.read(paths: o.files, options: options)
    if !result.issues.isEmpty {
        let n = result.issues.count
        throw ImportError(description: (result.issues.map(\.description) + ["\(n) problem\(n == 1 ? "" : "s") found in the inventory"]).joined(separator: "\n"))
    }
    if result.vms.isEmpty { throw ImportError(description: "the inventory has no VM to simulate (\(result.rows) rows, all left out by the filters)") }
    let outDir = o.outPath.map { absolute(($0 as NSString).deletingLastPathComponent) } ?? FileManager.default.currentDirectoryPath
    let plan = ImportPlan(result: result, options: o, outDir: outDir)
    let yaml = plan.yaml(hosts: o.hosts)
    // decode what was written
    let check = yaml
    let file = o.outPath ?? "imported.yaml"
    do {
        let doc = try YAMLDocument.parse(yaml: check, file: file, directory: outDir)
        let collector = IssueCollector()
        let model = decodeScenario(doc, collector: collector)
        try collector.throwIfAny()
        if model == nil { throw ScenarioErrors(issues: [ScenarioIssue(file: file, message: "scenario could not be decoded")]) }
    } catch {
        throw ImportError(description: "the scenario written does not decode (a bug of virtsim import):\n\(describe(error))")
    }
    let summary = plan.summary(outPath: o.outPath ?? "-")
    return ImportOutcome(yaml: yaml, summary: summary, result: result, wallSeconds: monotonicSeconds() - t0)
}

func absolute(_ path: String) -> String {
    let p = path.isEmpty ? "." : path
    return resolveAgainstCurrentDirectory(p)
}

func resolveAgainstCurrentDirectory(_ p: String) -> String {
    let joined = p.hasPrefix("/") ? p : FileManager.default.currentDirectoryPath + "/" + p
    var parts: [Substring] = []
    for c in joined.split(separator: "/") {
        if c == "." { continue }
        if c == ".." { _ = parts.popLast(); continue }
        parts.append(c)
    }
    return "/" + parts.joined(separator: "/")
}

/// `path` relative to the folder `base` (both made absolute first).
func relativePath(_ path: String, from base: String) -> String {
    let a = resolveAgainstCurrentDirectory(path).split(separator: "/"), b = resolveAgainstCurrentDirectory(base).split(separator: "/")
    var i = 0
    while i < a.count && i < b.count && a[i] == b[i] { i += 1 }
    let up = Array(repeating: "..", count: b.count - i)
    let rest = a[i...].map(String.init)
    let parts = up + rest
    return parts.isEmpty ? "." : parts.joined(separator: "/")
}

/// The inventory formats, for the CLI (which imports VirtsimCore, not Inventory).
public typealias InventoryFormatName = InventoryFormat
