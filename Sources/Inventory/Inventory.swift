import Foundation

/// Inventory formats virtsim reads (InventoryImport.md).
public enum InventoryFormat: String, Sendable, CaseIterable {
    /// RVTools tabs exported as CSV: vInfo (required), vHost, vCPU, vMemory.
    case rvtools
    /// One row per VM or physical server, the documented generic columns (or mapped ones).
    case generic
}

/// CPU utilisation stated for VMs the inventory gives none for.
public struct UtilisationDefault: Sendable, Equatable {
    /// Mean and 95th percentile, percent.
    public var meanPct: Double
    public var p95Pct: Double
    /// 10% mean, 30% p95: the source-utilisation row of PlannerPractice.md B (6–12% average,
    /// NYT 2012; 10–15% CPU typical, ZDNet) with a p95 three times the mean (an assumption).
    public static let reference = UtilisationDefault(meanPct: 10, p95Pct: 30)

    public init(meanPct: Double, p95Pct: Double) {
        self.meanPct = meanPct
        self.p95Pct = p95Pct
    }
}

/// How an inventory is read.
public struct InventoryOptions: Sendable {
    /// nil: detected from the headers.
    public var format: InventoryFormat? = nil
    /// Keep powered-off (and suspended) VMs (default: counted and left out, A5).
    public var includePoweredOff = false
    /// Report row problems as warnings and leave those rows out, instead of failing.
    public var skipBadRows = false
    /// Generic format: canonical column → the header of the file (`vcpus: "*Cores"`).
    public var columns: [String: String] = [:]
    /// CPU utilisation for VMs without any.
    public var defaultCPU = UtilisationDefault.reference
    /// Active memory, percent, for VMs without any: 30%, the "≤30% memory typical" of
    /// PlannerPractice.md B (ZDNet, Hess) (an assumption).
    public var defaultMemActivePct = 30.0
    /// VMs with a time series from elsewhere (the scenario's `monitoring`), by name.
    public var seriesNames: Set<String> = []
    /// MHz per vCPU when neither the inventory nor vHost says: 2,400 MHz (an assumption: the
    /// clock of the default consolidation host, HostCatalogue).
    public var defaultCPUMHz = 2400.0

    public init() {}
}

/// What an inventory read found and kept, with every problem and every assumption.
public struct InventoryResult: Sendable {
    /// Where a VM's CPU utilisation came from.
    public enum Source: String, Sendable {
        case inventory, snapshot, assumed
        /// A monitoring export has a series for the VM (it wins over the others).
        case series
    }

    public var format: InventoryFormat = .rvtools
    /// VMs (or servers) kept, in file order.
    public var vms: [VMRecord] = []
    /// Where each kept VM's CPU utilisation came from (parallel to `vms`).
    public var cpuSource: [Source] = []
    /// Hosts of the current estate (RVTools vHost).
    public var hosts: [HostRecord] = []
    /// Each file and what it was read as (`vInfo`, `vHost`, `generic`, `monitoring`).
    public var files: [(path: String, kind: String)] = []
    /// Files that look like a monitoring export (long format: timestamp, vm, cpu_pct).
    public var monitoringFiles: [String] = []
    /// The VM names the monitoring exports have series for.
    public var monitoredNames: Set<String> = []
    /// The first monitoring export's first sample, Unix seconds, when it can be read.
    public var monitoringStartUnixS: Double? = nil
    /// The first monitoring export's sampling interval, seconds, when it can be read.
    public var monitoringStepS: Double? = nil
    /// Data rows read (all VM rows, before filtering).
    public var rows = 0
    public var templates = 0
    public var srmPlaceholders = 0
    /// Powered-off and suspended VMs left out (or kept, with includePoweredOff).
    public var poweredOff = 0
    /// Rows left out for a problem (with skipBadRows).
    public var badRows = 0
    /// Errors: the inventory cannot be used until they are mended (empty with skipBadRows for row problems).
    public var issues: [InventoryIssue] = []
    /// Row problems whose rows were left out (skipBadRows).
    public var warnings: [InventoryIssue] = []
    /// Assumptions made (defaults used), one line each, for the scenario and the report.
    public var assumptions: [String] = []
    /// Other things worth saying (header set used, unit rules applied).
    public var notes: [String] = []

    /// Whether the VMs are physical servers (generic rows with a server model).
    public var isPhysical: Bool { format == .generic && vms.contains { !$0.serverModel.isEmpty } }

    public init() {}
}

/// Reads planner inventories into canonical records.
public enum Inventory {
    /// Reads `paths` (any order; each file's kind detected by its headers).
    /// Never throws and never traps: every problem is an issue with file:line and column.
    public static func read(paths: [String], options: InventoryOptions = InventoryOptions()) -> InventoryResult {
        var result = InventoryResult()
        guard !paths.isEmpty else {
            result.issues.append(InventoryIssue(file: "", message: "no inventory file given"))
            return result
        }
        var files: [CSVFile] = []
        for p in paths {
            do { files.append(try CSVFile(path: p)) } catch { result.issues.append(error) }
        }
        return read(files: files, options: options, into: result)
    }

    /// Reads files already parsed (``CSVFile/init(path:text:)``), as ``read(paths:options:)``
    /// does after reading them; `result` holds issues found so far (files that could not be read).
    /// Never throws and never traps.
    public static func read(files: [CSVFile], options: InventoryOptions = InventoryOptions(), into result: InventoryResult = InventoryResult())
        -> InventoryResult
    {
        var result = result
        let format = options.format ?? detectFormat(files)
        result.format = format
        switch format {
        case .rvtools: RVToolsReader.read(files, options: options, into: &result)
        case .generic: GenericReader.read(files, options: options, into: &result)
        }
        applyDefaults(options, &result)
        describeSources(options, &result)
        if options.skipBadRows {
            result.warnings += result.issues.filter { $0.line != nil && $0.line! > 1 }
            result.issues.removeAll { $0.line != nil && $0.line! > 1 }
        }
        return result
    }

    /// `generic` when some file has a `name` or a mapped name column and no RVTools tab does; else `rvtools`.
    static func detectFormat(_ files: [CSVFile]) -> InventoryFormat {
        let anyTab = files.contains { RVToolsTab.detect($0) != nil }
        return !anyTab && files.contains { $0.column("name") != nil || $0.column("vcpus") != nil } ? .generic : .rvtools
    }

    /// Whether `file` is a monitoring export in the long format (`timestamp, vm, cpu_pct`).
    static func isMonitoring(_ file: CSVFile) -> Bool {
        file.column("timestamp") != nil && file.column("vm") != nil && file.column("cpu_pct") != nil
    }

    /// Records `file` as a monitoring export if it is one, with its sampling interval.
    /// - Returns: whether it is one.
    static func noteMonitoring(_ file: CSVFile, _ result: inout InventoryResult) -> Bool {
        guard isMonitoring(file) else { return false }
        result.monitoringFiles.append(file.path)
        result.files.append((file.path, "monitoring"))
        if result.monitoringStepS == nil, let (start, step) = firstSamples(file) {
            result.monitoringStartUnixS = start
            result.monitoringStepS = step
        }
        if let v = file.column("vm") { for row in file.rows where v < row.fields.count { result.monitoredNames.insert(row.fields[v]) } }
        return true
    }

    /// The first sample's time (Unix seconds) and the time to the next sample of the first VM of a
    /// long-format export (ISO 8601 with an offset or `Z`, or epoch seconds), nil when they cannot
    /// be read.
    static func firstSamples(_ file: CSVFile) -> (startUnixS: Double, stepS: Double)? {
        guard let t = file.column("timestamp"), let v = file.column("vm"), let first = file.rows.first, v < first.fields.count else { return nil }
        let times = Array(file.rows.lazy.filter { $0.fields.count > max(t, v) && $0.fields[v] == first.fields[v] }.prefix(2).map { $0.fields[t] })
        let seconds: [Double] = times.compactMap { s -> Double? in
            if let x = Double(s) { return x }
            let f = ISO8601DateFormatter()
            return f.date(from: s)?.timeIntervalSince1970
        }
        guard seconds.count == 2, seconds[1] > seconds[0] else { return nil }
        return (seconds[0], seconds[1] - seconds[0])
    }

    /// Keeps or leaves out a VM by the A5 filters, counting it.
    static func keep(_ vm: VMRecord, _ options: InventoryOptions, _ result: inout InventoryResult) -> Bool {
        if vm.isTemplate { result.templates += 1; return false }
        if vm.isSRMPlaceholder { result.srmPlaceholders += 1; return false }
        if vm.powerState != .on {
            result.poweredOff += 1
            return options.includePoweredOff
        }
        return true
    }

    /// Natural key (A5): the VM's name with its vCenter; a repeat is an issue naming the first.
    static func checkDuplicates(_ result: inout InventoryResult) {
        var seen: [String: VMRecord] = [:]
        var keep: [Bool] = []
        for vm in result.vms {
            let key = vm.name + "\u{0}" + vm.viServer
            if let first = seen[key] {
                let server = vm.viServer.isEmpty ? "" : " of VI SDK Server \"\(vm.viServer)\""
                result.issues.append(
                    InventoryIssue(
                        file: vm.file, line: vm.line, column: nil,
                        message: "duplicate VM \"\(vm.name)\"\(server) (first at \(first.file):\(first.line)); the natural key is VM + VI SDK Server"))
                keep.append(false)
                result.badRows += 1
            } else {
                seen[key] = vm
                keep.append(true)
            }
        }
        result.vms = zip(result.vms, keep).filter(\.1).map(\.0)
    }

    /// Fills the defaults for VMs without utilisation, clock or active memory, and says so.
    static func applyDefaults(_ o: InventoryOptions, _ result: inout InventoryResult) {
        var noMHz = 0, noMem = 0
        let series = o.seriesNames.union(result.monitoredNames)
        result.cpuSource = result.vms.indices.map { i in result.cpuSource.indices.contains(i) ? result.cpuSource[i] : .inventory }
        for i in result.vms.indices {
            if result.vms[i].cpuAvgPct == nil {
                result.vms[i].cpuAvgPct = o.defaultCPU.meanPct
                result.vms[i].cpuP95Pct = o.defaultCPU.p95Pct
                result.cpuSource[i] = .assumed
            }
            if result.vms[i].cpuMHz == nil { noMHz += 1; result.vms[i].cpuMHz = o.defaultCPUMHz }
            if result.vms[i].memActivePct == nil {
                if !series.contains(result.vms[i].name) { noMem += 1 }
                result.vms[i].memActivePct = o.defaultMemActivePct
            }
        }
        let n = result.vms.count
        if noMHz > 0 {
            result.assumptions.append(
                "\(noMHz) of \(n) VMs have no clock (no vHost row for their host): \(fmt(o.defaultCPUMHz)) MHz per vCPU (default_cpu_mhz)")
        }
        if noMem > 0 {
            result.assumptions.append(
                "\(noMem) of \(n) VMs have no active memory: \(fmt(o.defaultMemActivePct))% of configured (PlannerPractice.md B: ≤30% memory typical)")
        }
    }
}

extension Inventory {
    /// Marks the VMs a monitoring export has a series for, and states the CPU utilisation the
    /// others take: the vCPU snapshot's (with its spread rule) or the default.
    static func describeSources(_ o: InventoryOptions, _ result: inout InventoryResult) {
        let series = o.seriesNames.union(result.monitoredNames)
        for i in result.vms.indices where series.contains(result.vms[i].name) { result.cpuSource[i] = .series }
        let n = result.vms.count
        let snapshots = result.cpuSource.filter { $0 == .snapshot }.count
        let assumed = result.cpuSource.filter { $0 == .assumed }.count
        let ratio = o.defaultCPU.p95Pct / max(o.defaultCPU.meanPct, 1e-9)
        if snapshots > 0 {
            result.assumptions.insert(
                "\(snapshots) of \(n) VMs take CPU from the vCPU tab's snapshot (Overall MHz / (CPUs × host Speed)) as their mean, "
                    + "with p95 = mean × \(fmt(ratio)) (one sample has no spread; the default's ratio)", at: 0)
        }
        if assumed > 0 {
            result.assumptions.insert(
                "\(assumed) of \(n) VMs have no CPU utilisation: mean \(fmt(o.defaultCPU.meanPct))%, p95 \(fmt(o.defaultCPU.p95Pct))% "
                    + "(default_cpu; PlannerPractice.md B, source utilisation: 6–12% average)", at: 0)
        }
    }
}

/// A number as a planner writes it: no trailing `.0`, at most 3 decimals.
func fmt(_ x: Double) -> String {
    if x.rounded() == x && abs(x) < 1e15 { return String(Int(x)) }
    return String(format: "%.3f", x).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
}
