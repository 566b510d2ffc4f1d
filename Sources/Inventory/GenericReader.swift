import Foundation

/// The documented generic inventory: one row per VM or physical server, units in the header
/// names (InventoryImport.md). Other exports are read through a column mapping
/// (`columns: {name: "Server Name", vcpus: "*Cores", ram_mb: "*Memory (In MB)"}`).
public enum GenericInventory {
    /// A size column in each unit it may be given in, with the factor to MiB.
    static let sizeUnits: [(suffix: String, toMiB: Double)] = [
        ("mib", 1), ("gib", 1024), ("mb", 1 / 1.048576), ("gb", 1000 / 1.048576), ("tib", 1_048_576), ("tb", 1_000_000 / 1.048576)
    ]

    /// Every canonical column, in documentation order, with what it holds.
    public static let columns: [(name: String, meaning: String)] = {
        typealias C = (name: String, meaning: String)
        var c: [C] = [
            ("name", "the VM's or server's name (required)"),
            ("vcpus", "vCPUs of a VM, or cores of a physical server (required)"),
            ("sockets", "sockets of a physical server"),
            ("cpu_mhz", "MHz of one vCPU or core")
        ]
        for base in ["ram", "disk_provisioned", "disk_used"] {
            let meaning = base == "ram" ? "memory (required, in one unit)" : base == "disk_used" ? "disk in use" : "disk provisioned"
            for u in sizeUnits { c.append(("\(base)_\(u.suffix)", meaning)) }
        }
        let rest: [C] = [
            ("cpu_mean_pct", "CPU utilisation, mean, percent"),
            ("cpu_p95_pct", "CPU utilisation, 95th percentile, percent"),
            ("mem_active_pct", "active memory, percent of ram"),
            ("server_model", "server model (a physical server; matched to the host catalogue)"),
            ("os", "operating system"),
            ("power_state", "on, off or suspended (default on)"),
            ("trace_file", "a per-VM time-series file")
        ]
        return c + rest
    }()

    /// The column specs with the mapping applied: a mapped header first, the canonical name as
    /// a fallback.
    static func specs(_ mapping: [String: String]) -> [ColumnSpec] {
        columns.map { c in
            ColumnSpec(
                key: c.name, names: (mapping[c.name].map { [$0] } ?? []) + [c.name],
                required: c.name == "name" || c.name == "vcpus", expected: c.meaning)
        }
    }
}

enum GenericReader {
    static func read(_ files: [CSVFile], options: InventoryOptions, into result: inout InventoryResult) {
        let known = Set(GenericInventory.columns.map(\.name))
        for key in options.columns.keys.sorted() where !known.contains(key) {
            result.issues.append(
                InventoryIssue(
                    file: files.first?.path ?? "",
                    message: "columns: unknown canonical column \"\(key)\"; valid: \(GenericInventory.columns.map(\.name).joined(separator: ", "))"))
        }
        for f in files {
            if Inventory.noteMonitoring(f, &result) { continue }
            result.files.append((f.path, "generic"))
            readFile(f, options, &result)
        }
        Inventory.checkDuplicates(&result)
        if result.vms.contains(where: { $0.serverModel.isEmpty }) && result.vms.contains(where: { !$0.serverModel.isEmpty }) {
            result.notes.append("rows without server_model are taken as servers of an unknown model (the catalogue's default)")
        }
    }

    /// The largest size a column may give, MiB (10^15 MiB ≈ 1 ZiB): well within Int64 MiB, which
    /// `ram_tib: 1e15` (10^21 MiB) overflowed.
    static let maxSizeMiB = 1e15

    /// The value of the first present size column `base_<unit>`, in MiB (0...``maxSizeMiB``).
    static func size(_ base: String, _ r: inout RowReader, required: Bool) -> Double? {
        for u in GenericInventory.sizeUnits where r.columns.has("\(base)_\(u.suffix)") {
            let key = "\(base)_\(u.suffix)"
            return r.number(
                key, range: 0...(maxSizeMiB / u.toMiB), required: required,
                expected: "a size ≥ 0 in \(u.suffix.uppercased()), at most 10^15 MiB (\(key))"
            ).map { $0 * u.toMiB }
        }
        return nil
    }

    static func readFile(_ f: CSVFile, _ options: InventoryOptions, _ result: inout InventoryResult) {
        let cols = BoundColumns(f, specs: GenericInventory.specs(options.columns), what: "generic inventory", issues: &result.issues)
        guard cols.has("name"), cols.has("vcpus") else { return }
        guard GenericInventory.sizeUnits.contains(where: { cols.has("ram_\($0.suffix)") }) else {
            result.issues.append(InventoryIssue(file: f.path, line: 1, message: "missing required column \"ram_mib\" (or ram_gib, ram_mb, ram_gb): the memory"))
            return
        }
        for row in f.rows {
            result.rows += 1
            var r = RowReader(cols, row)
            let name = r.requiredText("name", expected: "a name")
            let vcpus = r.int("vcpus", range: 1...100_000, required: true, expected: "an integer ≥ 1")
            let ram = size("ram", &r, required: true)
            let mhz = r.number("cpu_mhz", range: 1...1e6, expected: "MHz, a number > 0")
            let sockets = r.int("sockets", range: 1...64, expected: "an integer ≥ 1")
            let mean = r.number("cpu_mean_pct", range: 0...100, expected: "a percentage 0...100")
            let p95 = r.number("cpu_p95_pct", range: 0...100, expected: "a percentage 0...100")
            let memActive = r.number("mem_active_pct", range: 0...100, expected: "a percentage 0...100")
            let prov = size("disk_provisioned", &r, required: false)
            let used = size("disk_used", &r, required: false)
            var state = PowerState.on
            if let s = r.text("power_state") {
                if let p = PowerState(rawValue: s.lowercased()) { state = p } else { r.problem("power_state", "expected on, off or suspended, found \"\(s)\"") }
            }
            if p95 != nil && mean == nil { r.problem("cpu_mean_pct", "empty while cpu_p95_pct is given: expected the mean too") }
            if let ram, ram < 1, let key = GenericInventory.sizeUnits.map({ "ram_\($0.suffix)" }).first(where: { r.columns.has($0) }) {
                r.problem(key, "expected at least 1 MiB of memory")
            }
            guard r.issues.isEmpty, let name, let vcpus, let ram else {
                result.issues += r.issues; result.badRows += 1
                continue
            }
            var vm = VMRecord(name: name, source: "generic", vcpus: vcpus, memMiB: Int64(ram.rounded()))
            vm.cpuMHz = mhz
            vm.cpuAvgPct = mean
            vm.cpuP95Pct = mean.map { m in p95 ?? m * options.defaultCPU.p95Pct / max(options.defaultCPU.meanPct, 1e-9) }
            vm.memActivePct = memActive
            vm.diskUsedMiB = used ?? prov ?? 0
            vm.diskProvisionedMiB = prov ?? used ?? 0
            vm.serverModel = r.text("server_model") ?? ""
            vm.guestOS = r.text("os") ?? ""
            vm.traceFile = r.text("trace_file") ?? ""
            vm.powerState = state
            vm.file = f.path
            vm.line = row.line
            vm.sockets = sockets
            if Inventory.keep(vm, options, &result) { result.vms.append(vm) }
        }
    }
}
