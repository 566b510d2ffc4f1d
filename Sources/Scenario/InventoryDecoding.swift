import DatacenterModel
import Engine
import Inventory
import SimKernel
import Workloads

/// Things said while a scenario was decoded that a run should show (the assumptions an
/// inventory import made). One per decode; shared through `WorkloadContext`.
final class ScenarioNotes {
    var assumptions: [String] = []
}

/// `{from_inventory: FILE | [FILES…], format, include_powered_off, skip_bad_rows, columns,
/// default_cpu: {mean_pct, p95_pct}, default_memory_active_pct, default_cpu_mhz, interval, disk_basis,
/// monitoring}`: one VM group per VM of the inventory (count 1, the VM's name; vCPUs, MHz per vCPU,
/// RAM and disk from the inventory), driven by a `stochastic` workload whose CPU is the Beta fitted
/// to the VM's mean and p95 (`UtilisationFit`) and whose memory is its active fraction.
/// Inventory problems are recorded as `FILE:LINE: column "X": message`; problems of the item's
/// keys at their scenario position. InventoryImport.md.
func decodeInventoryGroups(_ r: NodeReader, firstVM: Int, ctx: WorkloadContext) -> [VMGroup]? {
    guard let source = r.child("from_inventory") else { return nil }
    let issuesBefore = r.collector.issues.count
    var paths: [String] = []
    if source.isSequence {
        for item in source.sequence() ?? [] { if let p = item.filePath() { paths.append(p) } }
        if paths.isEmpty && (source.sequence() ?? []).isEmpty { source.issue("expected at least one inventory file") }
    } else if let p = source.filePath() {
        paths.append(p)
    }
    var options = InventoryOptions()
    let format = r.enumValue("format", allowed: ["detect"] + InventoryFormat.allCases.map(\.rawValue), or: "detect")
    options.format = InventoryFormat(rawValue: format)
    options.includePoweredOff = r.bool("include_powered_off", or: false)
    options.skipBadRows = r.bool("skip_bad_rows", or: false)
    if let cols = r.mappingEntries("columns") {
        for (key, node) in cols {
            guard GenericInventory.columns.contains(where: { $0.name == key }) else {
                node.issue("unknown canonical column \"\(key)\"; valid: \(GenericInventory.columns.map(\.name).joined(separator: ", "))")
                continue
            }
            if let header = node.string() { options.columns[key] = header }
        }
    }
    if let d = r.child("default_cpu"), !d.isNull, d.expectMapping() {
        let mean = d.double("mean_pct", range: 0...100, or: UtilisationDefault.reference.meanPct)
        let p95 = d.double("p95_pct", range: 0...100, or: UtilisationDefault.reference.p95Pct)
        d.finish()
        options.defaultCPU = UtilisationDefault(meanPct: mean, p95Pct: p95)
    }
    options.defaultMemActivePct = r.double("default_memory_active_pct", range: 0...100, or: options.defaultMemActivePct)
    options.defaultCPUMHz = r.double("default_cpu_mhz", range: 1...1e6, or: options.defaultCPUMHz)
    let interval = r.duration("interval", positive: true, or: 300)
    let diskBasis = r.enumValue("disk_basis", allowed: ["used", "provisioned"], or: "used")
    // monitoring: decoded by the workload registry's csv entry (time series by VM name)
    var monitoring: ((WorkloadContext) -> WorkloadPlan?)? = nil
    let monitoringNode = r.child("monitoring").flatMap { $0.isNull ? nil : $0 }
    if let m = monitoringNode, m.expectMapping(), let csv = WorkloadRegistry.all.first(where: { $0.name == "csv" }) {
        monitoring = csv.build(m)
        m.finish()
    }
    r.finish()
    guard !paths.isEmpty, r.collector.issues.count == issuesBefore else { return nil }

    // each VM's own series where the monitoring export has one (matched by name)
    var series: (plan: WorkloadPlan, member: [String: Int])? = nil
    if let monitoring, let m = monitoringNode {
        guard let plan = monitoring(ctx) else { return nil }  // the csv entry said why
        guard let names = (plan.make(0, 0) as? NamedMembers)?.memberNames else {
            m.issue("this monitoring workload does not name its VMs, so no VM can be matched to a series")
            return nil
        }
        series = (plan, Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a }))
        options.seriesNames = Set(names)
    }
    let result = Inventory.read(paths: paths, options: options)
    for i in result.issues {
        r.collector.record(ScenarioIssue(file: i.file, line: i.line, path: i.column.map { "column \"\($0)\"" } ?? "", message: i.message))
    }
    if !result.issues.isEmpty {
        source.issue(
            "the inventory has \(result.issues.count) problem\(result.issues.count == 1 ? "" : "s") (listed with file:line); mend them, or set skip_bad_rows: true to leave those rows out"
        )
        return nil
    }
    if result.vms.isEmpty { source.issue("the inventory has no VM to simulate (\(result.rows) rows, all left out by the filters)"); return nil }
    ctx.notes.assumptions += result.assumptions
    if !result.warnings.isEmpty { ctx.notes.assumptions.append("\(result.warnings.count) inventory rows with problems were left out (skip_bad_rows)") }
    let nameCounts = Dictionary(result.vms.map { ($0.name, 1) }, uniquingKeysWith: +)
    var groups: [VMGroup] = []
    var fitNotes = 0, withoutSeries = 0
    for (k, vm) in result.vms.enumerated() {
        var workload: (any WorkloadSource)? = nil
        if let series, let member = series.member[vm.name] {
            workload = series.plan.make(UInt64(firstVM + k), member)
        } else if series != nil {
            withoutSeries += 1
        }
        if workload == nil {
            let fit = UtilisationFit.fit(meanPct: vm.cpuAvgPct ?? options.defaultCPU.meanPct, p95Pct: vm.cpuP95Pct ?? options.defaultCPU.p95Pct)
            if fit.note != nil { fitNotes += 1 }
            let memory = Distribution.constant(min(1, max(0, (vm.memActivePct ?? options.defaultMemActivePct) / 100)))
            do {
                workload = try StochasticWorkload(
                    cpu: fit.distribution, memory: memory, interval: .seconds(interval), seed: ctx.seed, entityBase: UInt64(firstVM + k))
            } catch {
                r.collector.record(ScenarioIssue(file: vm.file, line: vm.line, message: "\(error)"))
                return nil
            }
        }
        let diskMiB = diskBasis == "used" ? vm.diskUsedMiB : vm.diskProvisionedMiB
        let type = VMType(
            vcpus: vm.vcpus, mipsPerVcpu: vm.cpuMHz ?? options.defaultCPUMHz, ramMiB: max(1, vm.memMiB),
            diskGB: diskMiB * 1_048_576 / 1e9)
        let name = (nameCounts[vm.name] ?? 0) > 1 && !vm.viServer.isEmpty ? "\(vm.name)@\(vm.viServer)" : vm.name
        guard let workload else { return nil }
        groups.append(VMGroup(name: name, count: 1, type: type, workload: workload))
    }
    if withoutSeries > 0 {
        ctx.notes.assumptions.append(
            "\(withoutSeries) of \(result.vms.count) VMs have no series in the monitoring export: their inventory utilisation (fitted) or the default drives them"
        )
    }
    if fitNotes > 0 {
        ctx.notes.assumptions.append("\(fitNotes) VMs' mean and p95 no Beta reaches exactly: the stated rules applied (InventoryImport.md, the fit)")
    }
    return groups
}
