import Foundation

/// Reads RVTools tabs exported as CSV (either header set) into canonical records: vInfo rows
/// become VMs (A5 filters applied), vHost rows hosts; vCPU and vMemory give a utilisation
/// snapshot where present.
enum RVToolsReader {
    static func read(_ files: [CSVFile], options: InventoryOptions, into result: inout InventoryResult) {
        var byTab: [RVToolsTab: [CSVFile]] = [:]
        for f in files {
            if Inventory.noteMonitoring(f, &result) {
                continue
            } else if let tab = RVToolsTab.detect(f) {
                byTab[tab, default: []].append(f)
                result.files.append((f.path, tab.rawValue))
            } else {
                result.issues.append(
                    InventoryIssue(
                        file: f.path, line: 1,
                        message: "not an RVTools tab: expected the headers of vInfo (\"In Use MiB\" or \"vInfoInUse\"), vHost (\"# Cores\"), "
                            + "vMemory (\"Size MiB\"), vCPU (\"Overall\") or a monitoring export (timestamp, vm, cpu_pct)"))
            }
        }
        guard let vinfo = byTab[.vInfo], !vinfo.isEmpty else {
            if !files.isEmpty {
                result.issues.append(
                    InventoryIssue(file: files[0].path, message: "no vInfo tab among the files: RVTools' vInfo (exported as CSV) is required"))
            }
            return
        }
        for f in byTab[.vHost] ?? [] { readHosts(f, &result) }
        for f in vinfo { readVMs(f, options, &result) }
        Inventory.checkDuplicates(&result)
        // clock of each VM's host (vHost Speed); the key is the host with its vCenter
        var speed: [String: Double] = [:]
        for h in result.hosts { speed[h.host + "\u{0}" + h.viServer] = h.cpuMHz; speed[h.host] = speed[h.host] ?? h.cpuMHz }
        for i in result.vms.indices {
            let vm = result.vms[i]
            result.vms[i].cpuMHz = speed[vm.host + "\u{0}" + vm.viServer] ?? speed[vm.host]
        }
        result.cpuSource = Array(repeating: .assumed, count: result.vms.count)
        let index = Dictionary(result.vms.enumerated().map { ($0.element.name + "\u{0}" + $0.element.viServer, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let byName = Dictionary(result.vms.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
        func find(_ name: String, _ server: String) -> Int? { index[name + "\u{0}" + server] ?? (server.isEmpty ? byName[name] : nil) }
        let cpus = Field(key: "cpus", range: 1...4096, expected: "vCPUs, an integer ≥ 1")
        let overall = Field(key: "overall", range: 0...1e9, expected: "MHz in use, a number ≥ 0")
        join(byTab[.vCPU] ?? [], tab: .vCPU, cpus, overall, find: find, &result) { i, cpus, mhz, res in
            guard let clock = res.vms[i].cpuMHz else { return }
            let pct = min(100, mhz / (cpus * clock) * 100)
            res.vms[i].cpuAvgPct = pct
            // one sample: the default's p95/mean ratio gives the spread (an assumption)
            res.vms[i].cpuP95Pct = min(100, pct * options.defaultCPU.p95Pct / max(options.defaultCPU.meanPct, 1e-9))
            res.cpuSource[i] = .snapshot
        }
        let size = Field(key: "size", range: 0...1e12, expected: "MiB, a number ≥ 0")
        let active = Field(key: "active", range: 0...1e12, expected: "MiB, a number ≥ 0")
        join(byTab[.vMemory] ?? [], tab: .vMemory, size, active, find: find, &result) { i, size, active, res in
            if size > 0 { res.vms[i].memActivePct = min(100, active / size * 100) }
        }
    }

    /// A required number column of a snapshot tab.
    struct Field {
        var key: String
        var range: ClosedRange<Double>
        var expected: String
    }

    /// For each row of a snapshot tab (vCPU, vMemory): the kept VM it names (by name and
    /// vCenter; rows of VMs not kept are passed over) and its two numbers.
    static func join(
        _ files: [CSVFile], tab: RVToolsTab, _ a: Field, _ b: Field, find: (String, String) -> Int?, _ result: inout InventoryResult,
        apply: (Int, Double, Double, inout InventoryResult) -> Void
    ) {
        for f in files {
            readRows(f, tab: tab, &result) { r, res in
                guard let name = r.requiredText("vm", expected: "the VM's name"),
                    let x = r.number(a.key, range: a.range, required: true, expected: a.expected),
                    let y = r.number(b.key, range: b.range, required: true, expected: b.expected),
                    let i = find(name, r.text("vi_server") ?? "")
                else { return }
                apply(i, x, y, &res)
            }
        }
    }

    /// Calls `body` for each data row of `file` with a reader bound to `tab`'s columns; a row with
    /// problems is counted and its problems recorded.
    static func readRows(_ file: CSVFile, tab: RVToolsTab, _ result: inout InventoryResult, _ body: (inout RowReader, inout InventoryResult) -> Void) {
        let cols = BoundColumns(file, specs: tab.columns, what: "RVTools \(tab.rawValue)", issues: &result.issues)
        guard tab.columns.allSatisfy({ !$0.required || cols.has($0.key) }) else { return }
        for row in file.rows {
            var r = RowReader(cols, row)
            body(&r, &result)
            if !r.issues.isEmpty { result.issues += r.issues; result.badRows += 1 }
        }
    }

    static func readHosts(_ f: CSVFile, _ result: inout InventoryResult) {
        var bytesRule = false
        readRows(f, tab: .vHost, &result) { r, res in
            let name = r.requiredText("host", expected: "the host's name")
            let speed = r.number("speed", range: 1...1e6, required: true, expected: "MHz, a number > 0")
            let sockets = r.int("sockets", range: 1...64, required: true, expected: "sockets, an integer ≥ 1")
            let cores = r.int("cores", range: 1...100_000, required: true, expected: "cores in all, an integer ≥ 1")
            var mem = r.number("memory", range: 1...1e16, required: true, expected: "MiB, a number ≥ 1")
            guard let name, let speed, let sockets, let cores, var m = mem else { return }
            // a value above 10^8 cannot be MiB of one host (95 TiB): bytes, as one public parser says vHostMemorySize is
            if m > 1e8 { m /= 1_048_576; bytesRule = true }
            mem = m
            var h = HostRecord(host: name, sockets: sockets, cores: cores, cpuMHz: speed, memMiB: Int64(m.rounded()))
            h.cluster = r.text("cluster") ?? ""
            h.datacenter = r.text("datacenter") ?? ""
            h.viServer = r.text("vi_server") ?? ""
            h.vendor = r.text("vendor") ?? ""
            h.model = r.text("model") ?? ""
            h.cpuModel = r.text("cpu_model") ?? ""
            h.file = f.path
            h.line = r.row.line
            res.hosts.append(h)
        }
        if bytesRule { result.notes.append("\(f.path): # Memory values above 10^8 were taken as bytes and converted to MiB") }
    }

    static func readVMs(_ f: CSVFile, _ options: InventoryOptions, _ result: inout InventoryResult) {
        let set = f.column("vInfoVMName") != nil ? "the CSV export's internal names" : "the GUI's headers"
        result.notes.append("\(f.path): vInfo with \(set)")
        if f.column("SRM Placeholder") == nil && f.column("vInfoSRMPlaceHolder") == nil {
            result.notes.append("\(f.path): no SRM Placeholder column: no VM is taken as a placeholder")
        }
        readRows(f, tab: .vInfo, &result) { r, res in
            res.rows += 1
            let name = r.requiredText("vm", expected: "the VM's name")
            var state: PowerState? = nil
            if let s = r.requiredText("powerstate", expected: "poweredOn, poweredOff or suspended") {
                switch s.lowercased() {
                case "poweredon", "on": state = .on
                case "poweredoff", "off": state = .off
                case "suspended": state = .suspended
                default: r.problem("powerstate", "expected poweredOn, poweredOff or suspended, found \"\(s)\"")
                }
            }
            let template = r.bool("template") ?? false
            let srm = r.bool("srm") ?? false
            let cpus = r.int("cpus", range: 1...4096, required: true, expected: "vCPUs, an integer ≥ 1")
            let mem = r.number("memory", range: 1...1e10, required: true, expected: "MiB, a number ≥ 1")
            let used = r.number("in_use", range: 0...1e13, required: true, expected: "MiB, a number ≥ 0")
            let prov = r.number("provisioned", range: 0...1e13, expected: "MiB, a number ≥ 0")
            guard r.issues.isEmpty, let name, let state, let cpus, let mem, let used else { return }
            var vm = VMRecord(name: name, source: "rvtools", vcpus: cpus, memMiB: Int64(mem.rounded()))
            vm.powerState = state
            vm.isTemplate = template
            vm.isSRMPlaceholder = srm
            vm.diskUsedMiB = used
            vm.diskProvisionedMiB = prov ?? used
            // A5: VMware Tools' OS name first, the configuration file's as fallback
            vm.guestOS = r.text("os_tools") ?? r.text("os_config") ?? ""
            vm.host = r.text("host") ?? ""
            vm.cluster = r.text("cluster") ?? ""
            vm.datacenter = r.text("datacenter") ?? ""
            vm.viServer = r.text("vi_server") ?? ""
            vm.file = f.path
            vm.line = r.row.line
            if Inventory.keep(vm, options, &res) { res.vms.append(vm) }
        }
    }
}
