import Economics
import Foundation
import SimKernel
import DatacenterModel
import Policies
import Workloads
import Engine
import CloudSimEngine

/// A scenario ready to simulate: shared settings, VM groups (with their workload sources),
/// and the arms that run them.
public struct ScenarioModel {
    public var name: String
    public var description: String
    /// Every random stream is derived from this seed.
    public var seed: UInt64
    /// Start date-time, ISO 8601 local time (`2026-01-05T00:00:00`), in `timeZone`.
    public var start: String
    /// IANA time zone of `start` (e.g. `Europe/Amsterdam`).
    public var timeZone: String
    public var settings: RunSettings
    public var groups: [VMGroup]
    public var arms: [ArmConfig]
    /// Facility, storage and cost inputs of each arm (parallel to `arms`).
    public var economics: [ArmEconomicsSpec] = []
    /// Event-driven services shared by every arm (`services:`).
    public var services: [ServiceSpec] = []
    /// Whether a run may leave VMs unplaced and still succeed (`allow_unplaced`, default false:
    /// `virtsim run` exits 3 when an arm left VMs unplaced).
    public var allowUnplaced = false
    /// Local hour of day (0..<24) of `start`.
    public var startHourOfDay = 0.0
    /// The local clock (`time_zone`'s daylight-saving changes during the run): diurnal
    /// workloads, services and hourly tariffs follow it.
    public var localClock = LocalClock()
    /// The scenario's `start` as µs since 1970-01-01T00:00:00Z (its local time in `time_zone`).
    public var startUs: Int64? = nil
    /// Assumptions the decode made (defaults an inventory import used), one line each: the run
    /// prints them and writes them to the manifest.
    public var assumptions: [String] = []
}

/// Top-level keys, for the scenario reference (ScenarioFiles.md) and `virtsim list`.
public let scenarioTopLevelKeys = [
    "name", "description", "seed", "start", "time_zone", "duration", "sampling_interval",
    "host_types", "workload", "vm_groups", "services", "arms", "allow_unplaced"
]

/// Decodes a scenario document. Every problem is recorded in `collector`; the model is nil
/// if any problem was found.
public func decodeScenario(_ doc: YAMLDocument, seedOverride: UInt64? = nil, collector: IssueCollector) -> ScenarioModel? {
    let r = doc.reader(collector: collector)
    guard r.isMapping else {
        r.issue("expected a mapping of scenario keys (\(scenarioTopLevelKeys.joined(separator: ", ")))")
        return nil
    }
    let fileName = ((doc.file as NSString).lastPathComponent as NSString).deletingPathExtension
    let name = r.string("name", or: fileName)
    let description = r.string("description", or: "")
    let seedValue = r.int("seed", range: 0...Int.max).map(UInt64.init) ?? 1
    let seed = seedOverride ?? seedValue
    let start = r.string("start", or: "2026-01-05T00:00:00")
    let timeZone = r.string("time_zone", or: "UTC")
    var startHour = 0.0
    if let h = localHourOfDay(start) {
        startHour = h
    } else {
        r.child("start")?.issue("expected an ISO 8601 local date-time such as \"2026-01-05T00:00:00\", found \"\(start)\"")
    }
    if let problem = nonexistentLocalTime(start, timeZone: timeZone) { r.child("start")?.issue(problem) }
    if TimeZone(identifier: timeZone) == nil {
        r.child("time_zone")?.issue("unknown time zone \"\(timeZone)\"; expected an IANA name such as \"UTC\" or \"Europe/Amsterdam\"")
    }
    let durationS = r.required("duration", expected: "a duration such as \"24 h\"")?.duration(positive: true)
    let samplingS = r.duration("sampling_interval", positive: true, or: 300)

    // Named host types.
    var hostTypes: [(String, HostType)] = []
    var invalidHostTypes: Set<String> = []  // reported where defined; not "unknown" where used
    var typeFailures: [String: TypeFailures] = [:]
    if let entries = r.mappingEntries("host_types") {
        for (key, node) in entries {
            if let t = decodeHostType(node, name: key) { hostTypes.append((key, t)) } else { invalidHostTypes.insert(key) }
            if let f = decodeHostTypeFailures(node) { typeFailures[key] = f }
        }
    }

    // the local clock: the zone's daylight-saving changes within the run
    // the start as an instant (nil when `start` or `time_zone` cannot be read; reported above)
    let startUs = TimeZone(identifier: timeZone) == nil ? nil : RegularSeriesFile.instantUs(start, timeZone: timeZone)
    let clock = LocalClock(startHourOfDay: startHour, shifts: clockShifts(startUs: startUs, timeZone: timeZone, durationS: durationS ?? 0))
    var ctx = WorkloadContext(seed: seed, startHourOfDay: startHour, timeZone: TimeZone(identifier: timeZone) == nil ? "UTC" : timeZone)
    ctx.clockShifts = clock.shifts
    let sharedPlan: WorkloadPlan? = r.child("workload").flatMap { node in
        node.isNull ? nil : WorkloadRegistry.decode(node)?(ctx)
    }

    // Event-driven services (their replicas are VMs too).
    let (decodedServices, serviceNames) = decodeServices(r, startHourOfDay: startHour)
    let services = decodedServices.map { s in
        var s = s
        s.clockShifts = clock.shifts
        return s
    }
    // a services key (even a malformed one, reported on its own) makes vm_groups optional
    let hasServices = !serviceNames.isEmpty || (r.has("services") && !(r.child("services")?.isNull ?? true))

    // VM groups (optional when the scenario has services).
    var groups: [VMGroup] = []
    var nextVM = 0
    let groupItems =
        hasServices
        ? r.child("vm_groups").flatMap { $0.isNull ? [] : $0.sequence() } ?? []
        : r.required("vm_groups", expected: "a list of VM groups (or top-level services)")?.sequence()
    if let items = groupItems {
        if items.isEmpty && !hasServices { r.child("vm_groups")?.issue("expected at least one VM group") }
        for (i, g) in items.enumerated() {
            for group in decodeVMGroup(g, index: i, firstVM: nextVM, shared: sharedPlan, sharedGiven: r.has("workload"), ctx: ctx) ?? [] {
                groups.append(group)
                nextVM += group.count
            }
        }
    }
    let vmTypes = groups.map(\.type)

    // Arms.
    var arms: [ArmConfig] = []
    if let items = r.required("arms", expected: "a list of arms")?.sequence() {
        if items.isEmpty { r.child("arms")?.issue("expected at least one arm") }
        var names = Set<String>()
        for (i, a) in items.enumerated() {
            if let arm = decodeArm(
                a, index: i, hostTypes: hostTypes, vmTypes: vmTypes, services: serviceNames, serviceSpecs: services,
                invalidHostTypes: invalidHostTypes, typeFailures: typeFailures)
            {
                if !names.insert(arm.name).inserted { a.child("name")?.issue("duplicate arm name \"\(arm.name)\"") }
                checkEveryGroupFits(arm, groups: groups, at: a)
                checkCloudSimSinglePE(arm, groups: groups, at: a)
                arms.append(arm)
            }
        }
        if arms.filter(\.isBaseline).count > 1 { r.child("arms")?.issue("at most one arm may be the baseline") }
        // a restart priority orders HA restarts: without failures it would be read and ignored
        if !arms.isEmpty && arms.count == items.count && !arms.contains(where: \.hasFailures) {
            for g in groupItems ?? [] {
                g.child("restart_priority")?.issue(
                    "restart_priority orders the restarts after host failures, and no arm has failures: give a host type or host group failures: {…}, or leave it out"
                )
            }
        }
    }
    let allowUnplaced = r.bool("allow_unplaced", or: false)
    // Facility, storage and cost inputs: top-level defaults, per-arm overrides.
    var (economics, licenceNodes) = decodeEconomics(r, arms: r.child("arms")?.sequence() ?? [], armCount: arms.count)
    checkHypervisorLicences(arms, economics, nodes: licenceNodes)
    decodeInfrastructure(r, arms: r.child("arms")?.sequence() ?? [], into: &economics)  // network:, priced twice
    // swap files are the hypervisor's (a VM's RAM beyond its reservation): none on bare metal
    let armNodes = r.child("arms")?.sequence() ?? []
    for (arm, node) in zip(arms, armNodes) where arms.count == armNodes.count && arm.isBareMetal {
        if let s = node.child("storage")?.child("swap_files"), s.bool() == true {
            s.issue("swap files are a hypervisor's (VM memory beyond its reservation); arm \"\(arm.name)\" has none: leave swap_files out here")
        }
    }
    let carbonFrame = CarbonTimeFrame(
        startUs: startUs, timeZone: TimeZone(identifier: timeZone) == nil ? "UTC" : timeZone,
        durationS: durationS)
    decodeCarbon(r, arms: r.child("arms")?.sequence() ?? [], frame: carbonFrame, into: &economics)
    checkStorageComparable(arms, economics, nodes: r.child("arms")?.sequence() ?? [])
    checkFacilityRooms(arms, economics, top: r, nodes: r.child("arms")?.sequence() ?? [])
    r.finish()
    guard collector.isEmpty, let durationS else { return nil }
    if samplingS > durationS {
        r.child("sampling_interval")?.issue("sampling_interval (\(samplingS) s) is longer than the duration (\(durationS) s)")
        return nil
    }
    var model = ScenarioModel(
        name: name, description: description, seed: seed, start: start, timeZone: timeZone,
        settings: RunSettings(duration: .seconds(durationS), samplingInterval: .seconds(samplingS)),
        groups: groups, arms: arms, economics: economics, services: services)
    if let problem = RunMemoryEstimate(model).problem() {
        r.issue(problem)
        return nil
    }
    model.allowUnplaced = allowUnplaced
    model.startHourOfDay = startHour
    model.localClock = clock
    model.startUs = startUs
    model.assumptions = ctx.notes.assumptions
    return model
}

/// An arm without a storage model cannot be compared with a baseline that has one (its
/// storage figures would be 0, a 100% saving): an error at the arm, naming it and the baseline.
func checkStorageComparable(_ arms: [ArmConfig], _ economics: [ArmEconomicsSpec], nodes: [NodeReader]) {
    guard arms.count == nodes.count, economics.count >= arms.count, let b = arms.firstIndex(where: \.isBaseline),
        economics[b].datastore != nil
    else { return }
    for (i, a) in arms.enumerated() where i != b && economics[i].datastore == nil {
        nodes[i].issue(
            "arm \"\(a.name)\" has no storage while the baseline arm \"\(arms[b].name)\" has one, so their storage cannot be "
                + "compared (it would show as a 100% saving); give this arm a storage: mapping, or one at the top level for every arm")
    }
}

/// `facility: {model: losses, room: keep}` rates the room for the estate as it stands, the
/// baseline arm's peak IT power, unless `rated_it_kw` is given: without a baseline arm there
/// is nothing to rate it by, an error at the facility mapping (once for a top-level one).
func checkFacilityRooms(_ arms: [ArmConfig], _ economics: [ArmEconomicsSpec], top: NodeReader, nodes: [NodeReader]) {
    // an arm that failed to decode (its own error) may be the baseline: no second error
    guard arms.count == nodes.count, !arms.contains(where: \.isBaseline) else { return }
    var reported = false
    for (i, e) in economics.enumerated() where i < arms.count {
        guard let m = e.facility as? FacilityLossModel, m.room == .keep, m.ratedITPowerW == nil else { continue }
        let own = i < nodes.count ? nodes[i].child("facility") : nil
        guard let node = own ?? top.child("facility"), own != nil || !reported else { continue }
        if own == nil { reported = true }
        node.issue(
            "room: keep rates the room for the estate as it stands (the baseline arm's peak IT power), but no arm is the baseline: "
                + "give rated_it_kw (the room's rated IT power, kW), or room: right-size")
    }
}

/// The `cloudsim-3.0.3` profile gives every VM one PE of `mips_per_vcpu` MIPS, as CloudSim's
/// PlanetLab VMs have: a group with more vCPUs is an error at the arm rather than a VM run
/// silently at a fraction of its size.
func checkCloudSimSinglePE(_ arm: ArmConfig, groups: [VMGroup], at r: NodeReader) {
    guard arm.cloudSim != nil else { return }
    for g in groups where g.type.vcpus != 1 {
        r.issue(
            "the \(cloudSimProfileName) profile runs each VM on one PE (CloudSim's PlanetLab VMs); VM group \"\(g.name)\" has vcpus: \(g.type.vcpus): "
                + "give it vcpus: 1 (mips_per_vcpu is then the VM's MIPS), or run this arm on the virtsim profile")
    }
}

/// A VM group that fits no host type of a `virtsim` arm would be left unplaced in every run: an
/// error, naming the group, what it needs and the arm's largest host. A VM fits a host type when
/// its vCPUs ≤ the type's cores, its vCPUs × MIPS ≤ cores × core MIPS × `cpu_overcommit`, and
/// its RAM + hypervisor overhead ≤ the type's RAM (after the hypervisor's reservation) ×
/// `memory.overcommit`. Arms with cloud bursting (which runs such VMs in the cloud) and
/// `cloudsim-3.0.3` arms (CloudSim's own admission) are not checked.
func checkEveryGroupFits(_ arm: ArmConfig, groups: [VMGroup], at r: NodeReader) {
    guard arm.cloudSim == nil, arm.cloud == nil else { return }
    let used = Set(arm.hosts.map(\.typeIndex)).sorted().map { arm.hostTypes[$0] }
    guard !used.isEmpty else { return }
    let memRatio = arm.memory?.overcommit ?? 1
    for (gi, g) in groups.enumerated() {
        let overhead = arm.memoryOverheadMiBPerGroup?[gi] ?? arm.hypervisor.memoryOverheadMiBPerVM
        let ram = Double(g.type.ramMiB + overhead)
        let fits = used.contains { t in
            g.type.vcpus <= t.cores && g.type.cpuCapacityMips <= t.cpuCapacityMips * arm.cpuOvercommit
                && ram <= Double(t.ramMiB) * memRatio
        }
        guard !fits else { continue }
        let largest = used.max { ($0.cores, $0.ramMiB) < ($1.cores, $1.ramMiB) }!
        r.issue(
            "VM group \"\(g.name)\" (\(g.type.vcpus) vCPUs × \(ParameterValue.number(g.type.mipsPerVcpu)) MIPS, "
                + "\(ParameterValue.number(ram)) MiB with overhead) fits no host type of arm \"\(arm.name)\" "
                + "(largest: \(largest.cores) cores × \(ParameterValue.number(largest.coreMips)) MIPS, \(largest.ramMiB) MiB; "
                + "cpu_overcommit \(ParameterValue.number(arm.cpuOvercommit)), memory overcommit \(ParameterValue.number(memRatio))): "
                + "its VMs would be left unplaced; give the arm larger hosts, or cloud bursting")
    }
}

/// Hour of day (fractional) of an ISO 8601 local date-time `YYYY-MM-DDTHH:MM[:SS]`, or nil.
func localHourOfDay(_ s: String) -> Double? {
    localDateTimeFields(s).map { Double($0.h) + Double($0.m) / 60 + $0.sec / 3600 }
}

/// The fields of an ISO 8601 local date-time `YYYY-MM-DDTHH:MM[:SS]`, each in its range
/// (the day 1...31 whatever the month), or nil.
private func localDateTimeFields(_ s: String) -> (y: Int, mo: Int, d: Int, h: Int, m: Int, sec: Double)? {
    let parts = s.split(separator: "T", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return nil }
    let date = parts[0].split(separator: "-")
    guard date.count == 3, let y = Int(date[0]), let mo = Int(date[1]), let d = Int(date[2]),
        y >= 1, (1...12).contains(mo), (1...31).contains(d)
    else { return nil }
    let time = parts[1].split(separator: ":")
    guard time.count == 2 || time.count == 3, let h = Int(time[0]), let m = Int(time[1]),
        (0...23).contains(h), (0...59).contains(m)
    else { return nil }
    var sec = 0.0
    if time.count == 3 { guard let s = Double(time[2]), s >= 0, s < 61 else { return nil }; sec = s }
    return (y, mo, d, h, m, sec)
}

/// Why the local date-time `s` does not exist, nil if it does (or is not one: reported
/// elsewhere): a day past the month's end (`2026-02-30`), or a time the clocks of `timeZone`
/// skip at a daylight-saving change (`2026-03-29T02:30` in Europe/Amsterdam).
func nonexistentLocalTime(_ s: String, timeZone: String) -> String? {
    guard let f = localDateTimeFields(s) else { return nil }
    let leap = f.y % 4 == 0 && (f.y % 100 != 0 || f.y % 400 == 0)
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][f.mo - 1]
    if f.d > days {
        return "\(jsonString(s)) does not exist: month \(f.mo) of \(f.y) has \(days) days"
    }
    guard let zone = TimeZone(identifier: timeZone) else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    guard let date = calendar.date(from: DateComponents(year: f.y, month: f.mo, day: f.d, hour: f.h, minute: f.m)) else { return nil }
    let back = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    guard back.year == f.y, back.month == f.mo, back.day == f.d, back.hour == f.h, back.minute == f.m else {
        return "\(jsonString(s)) does not exist in \(timeZone): the clocks skip it at a daylight-saving change"
    }
    return nil
}

/// Reads a host type mapping.
func decodeHostType(_ r: NodeReader, name: String) -> HostType? {
    guard r.expectMapping() else { return nil }  // `h:` with nothing is an error here, not an unknown type where used
    let cores = r.required("cores", expected: "an integer ≥ 1")?.int(range: 1...1_000_000)
    let mips = r.required("core_mips", expected: "MIPS (or MHz) per core > 0")?.double(range: 1e-6...1e12)
    let ram = r.required("ram", expected: "a size such as \"64 GiB\"")?.bytes()
    let storage = r.bytes("storage", or: 0)
    let nic = r.double("nic_gbps", range: 0...1e6, or: 1)
    let powerNode = r.required("power", expected: "a power model mapping {model: linear|specpower, ...}")
    if let p = powerNode, p.isNull { p.fail("a power model mapping {model: linear|specpower, ...}") }  // not "unknown host type" where used
    let power = powerNode.flatMap(PowerModelRegistry.decode)
    let off = r.double("off_w", range: 0...1e6, or: 0)
    let boot = r.duration("boot_time", or: 0)
    let bootPower = r.double("boot_power_w", range: 0...1e7)
    let sockets = r.int("sockets", range: 1...64, or: 1)
    let price = r.double("price_usd", range: 0...1e9, or: 0)
    let embodied = r.double("embodied_kgco2e", range: 0...1e9, or: 0)
    let embodiedLife = r.double("embodied_life_years", range: 0.1...100, or: 4)
    let ht = r.bool("hyperthreading", or: false)
    let htGain = r.double("ht_gain", range: 0...1, or: HostType.defaultHTGain)
    let pstates = decodePStates(r)
    let devices = decodeLocalDevices(r)  // disks and NICs beyond the power curve's (InfrastructureDecoding.swift)
    _ = r.child("failures")  // read by decodeHostTypeFailures (FailureDecoding.swift)
    r.finish()
    // an issue, not a missing type: the arms naming it get no second error
    if !ht && r.has("ht_gain") { r.child("ht_gain")?.issue("ht_gain applies with hyperthreading: true") }
    if let cores, cores % sockets != 0 { r.child("sockets")?.issue("cores (\(cores)) must be a multiple of sockets (\(sockets))"); return nil }
    if let ram, ram < 1 << 20 { r.child("ram")?.issue("expected at least 1 MiB of RAM, found \(ram) bytes"); return nil }
    guard let cores, let mips, let ram, let power else { return nil }
    var t = HostType(
        name: name, cores: cores, coreMips: mips, ramMiB: ram >> 20, storageGB: Double(storage) / 1e9,
        nicGbps: nic, power: power, offW: off, bootTimeS: boot, bootPowerW: bootPower)
    t.sockets = sockets
    t.priceUSD = price
    t.embodiedKgCO2e = embodied
    t.embodiedLifeYears = embodiedLife
    t.pstates = pstates
    t.hyperthreading = ht
    t.htGain = htGain
    return devices.apply(to: t)
}

/// A VM group; with `sizes_from_trace: true` (traces that record sizes, Bitbrains) one group
/// per VM, sized as the trace provisioned it (vCPUs, MHz per vCPU, memory), falling back to
/// the group's keys where the trace shows no size.
func decodeVMGroup(_ r: NodeReader, index: Int, firstVM: Int, shared: WorkloadPlan?, sharedGiven: Bool = false, ctx: WorkloadContext) -> [VMGroup]? {
    guard r.expectMapping() else { return nil }  // an empty item (a bare "-") is an error, not a deletion
    // one group per VM of a planner's inventory (InventoryDecoding.swift)
    if r.presentKeys.contains("from_inventory") { return decodeInventoryGroups(r, firstVM: firstVM, ctx: ctx) }
    let name = r.string("name", or: "group-\(index)")
    let countGiven = r.has("count")
    var count = r.int("count", range: 1...100_000_000)
    let vcpus = r.required("vcpus", expected: "an integer ≥ 1")?.int(range: 1...4096)
    let mips = r.required("mips_per_vcpu", expected: "MIPS (or MHz) per vCPU > 0")?.double(range: 1e-6...1e12)
    let ram = r.required("ram", expected: "a size such as \"4 GiB\"")?.bytes()
    let disk = r.bytes("disk", or: 0)
    let bandwidth = r.double("bandwidth_mbps", range: 0...1e9, or: 0)
    let block = r.string("trace_block")
    let sizesFromTrace = r.bool("sizes_from_trace", or: false)
    let arrival = r.duration("arrival", or: 0)
    let departure = r.duration("departure")
    let restartPriority = r.enumValue("restart_priority", as: RestartPriority.self, or: .medium)
    // The group's own workload, or the scenario's shared one.
    var plan: WorkloadPlan? = nil
    var planNode: NodeReader = r
    if let w = r.child("workload"), !w.isNull {
        planNode = w
        plan = WorkloadRegistry.decode(w)?(ctx)
    } else if let shared {
        plan = shared
    } else if sharedGiven {
        // the top-level workload has problems of its own, reported there
    } else {
        r.issue("missing key \"workload\": give the group a workload, or define a top-level workload the groups share")
    }
    r.finish()
    if let ram, ram < 1 << 20 { r.child("ram")?.issue("expected at least 1 MiB of RAM, found \(ram) bytes"); return nil }
    if let departure, departure <= arrival { r.child("departure")?.issue("departure (\(departure) s) must be after arrival (\(arrival) s)"); return nil }
    guard let plan else { return nil }
    if countGiven && count == nil { return nil }  // already reported
    if let cap = plan.capacity {
        let left = cap - plan.used
        if let block {
            // "k/n": block k (0-based) of n blocks of ceil(files / n) consecutive files, as
            // CloudSim assigns VM types (vmType = i / ceil(N / 4), CloudSimPlanetLab.md §2).
            let parts = block.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 2, parts[1] >= 1, (0..<parts[1]).contains(parts[0]) else {
                r.child("trace_block")?.issue("expected \"k/n\" with 0 ≤ k < n, such as \"0/4\"; found \"\(block)\"")
                return nil
            }
            let size = (cap + parts[1] - 1) / parts[1]
            if countGiven { r.child("count")?.issue("give either count or trace_block, not both"); return nil }
            if plan.used != parts[0] * size {
                r.child("trace_block")?.issue(
                    "block \(block) starts at file \(parts[0] * size), but earlier groups used \(plan.used) files: list the blocks in order")
                return nil
            }
            count = max(0, min(size, cap - parts[0] * size))
            if count == 0 { r.child("trace_block")?.issue("block \(block) is empty: the trace has only \(cap) files"); return nil }
        }
        if count == nil { count = left }
        if let c = count, c > left {
            (r.child("count") ?? planNode).issue("the trace has \(cap) VM files and \(plan.used) are used by earlier groups: \(left) left, \(c) asked for")
            return nil
        }
        if left <= 0 { planNode.issue("no trace files left for this group (\(cap) files, all used by earlier groups)"); return nil }
    }
    guard let count else {
        r.issue("missing required key \"count\" (expected an integer ≥ 1; optional only for trace workloads, where it defaults to the files left)")
        return nil
    }
    guard let vcpus, let mips, let ram else { return nil }
    if sizesFromTrace {
        guard let sizes = plan.sizes else { r.child("sizes_from_trace")?.issue("this workload records no VM sizes (only bitbrains does)"); return nil }
        var out: [VMGroup] = []
        for k in 0..<count {
            let member = plan.used + k
            guard let source = plan.make(UInt64(firstVM + k), member) else { return nil }
            var type = VMType(vcpus: vcpus, mipsPerVcpu: mips, ramMiB: ram >> 20, diskGB: Double(disk) / 1e9, bandwidthMbps: bandwidth)
            if let s = sizes(member) {
                guard s.cores <= 4096, s.mhz / Double(s.cores) <= 1e12, s.memKB * 1024 < 9.2e18 else {
                    planNode.issue(
                        "trace file \(member) records a VM size out of range (\(s.cores) cores, \(s.mhz) MHz, \(s.memKB) KB): expected at most 4096 cores, 1e12 MHz per core and 8 EiB of memory"
                    )
                    return nil
                }
                type.vcpus = s.cores; type.mipsPerVcpu = s.mhz / Double(s.cores); type.ramMiB = max(1, Int64(s.memKB / 1024))
            }
            out.append(
                VMGroup(
                    name: "\(name)-\(member)", count: 1, type: type, workload: source,
                    arrival: .seconds(arrival), departure: departure.map { .seconds($0) }))
        }
        plan.used += count
        for i in out.indices { out[i].restartPriority = restartPriority }
        return out
    }
    guard let source = plan.make(UInt64(firstVM), plan.used) else { return nil }
    plan.used += count
    if block != nil && plan.capacity == nil { r.child("trace_block")?.issue("trace_block needs a trace workload (planetlab, bitbrains or csv)"); return nil }
    var group = VMGroup(
        name: name, count: count,
        type: VMType(
            vcpus: vcpus, mipsPerVcpu: mips, ramMiB: ram >> 20, diskGB: Double(disk) / 1e9,
            bandwidthMbps: bandwidth),
        workload: source, arrival: .seconds(arrival), departure: departure.map { .seconds($0) })
    group.restartPriority = restartPriority
    return [group]
}

/// `hypervisor:` — a profile name (`esxi`, `hyper-v`, `xen`, `kvm`, `none`), a mapping
/// `{profile: NAME, embedded: BOOL, cpu_overhead, memory_overhead_per_vm | memory_overhead_table:
/// vsphere-6.5 | vsphere-4.0}` (overrides of the profile; the vSphere 4.0 table for ESX 4 estates), or a generic `{name, cpu_overhead, memory_overhead_per_vm}` without a profile.
func decodeHypervisor(_ r: NodeReader) -> (Hypervisor, HypervisorProfile?)? {
    let names = HypervisorProfileRegistry.names
    if r.isScalar {
        guard let n = r.enumValue(allowed: names), let p = HypervisorProfileRegistry.profile(named: n) else { return nil }
        return (Hypervisor(name: p.name, cpuOverhead: p.cpuOverhead, memoryOverheadMiBPerVM: 0), p)
    }
    guard r.isMapping else { _ = r.mappingEntries(); return nil }
    var profile: HypervisorProfile? = nil
    if r.has("profile") {
        guard let n = r.enumValue("profile", allowed: names), let p = HypervisorProfileRegistry.profile(named: n) else { return nil }
        profile = p
        if let e = r.bool("embedded") { profile!.embedded = e }
    }
    let name = r.string("name", or: profile?.name ?? "hypervisor")
    let cpu = r.double("cpu_overhead", range: 0...1, or: profile?.cpuOverhead ?? 0)
    let mem = r.bytes("memory_overhead_per_vm")
    if let t = r.child("memory_overhead_table") {
        let tables = [VMMemoryOverheadTable.vsphere65, .vsphere40]
        if profile == nil {
            t.issue("memory_overhead_table needs a profile (profile: esxi)")
        } else if mem != nil {
            t.issue("give either memory_overhead_table or memory_overhead_per_vm, not both")
        } else if let n = t.enumValue(allowed: tables.map(\.name)), let table = tables.first(where: { $0.name == n }) {
            profile?.memoryOverhead = .table(table)
        }
    }
    r.finish()
    if let mem { profile?.memoryOverhead = .linear(baseMiB: Double(mem >> 20), perVcpuMiB: 0, fractionOfRAM: 0) }
    profile?.cpuOverhead = cpu
    return (Hypervisor(name: name, cpuOverhead: cpu, memoryOverheadMiBPerVM: (mem ?? 0) >> 20), profile)
}

func decodeArm(
    _ r: NodeReader, index: Int, hostTypes: [(String, HostType)], vmTypes: [VMType], services: [String] = [],
    serviceSpecs: [ServiceSpec] = [], invalidHostTypes: Set<String> = [], typeFailures: [String: TypeFailures] = [:]
) -> ArmConfig? {
    guard r.expectMapping() else { return nil }  // an empty item (a bare "-", --set arms.1=) is an error
    let name = r.string("name", or: "arm-\(index)")
    let baseline = r.bool("baseline", or: false)
    guard let profile = decodeArmProfile(r) else { return nil }
    let isCloudSim = profile == cloudSimProfileName
    var cloudSim: CloudSimArmSettings? = nil
    var consolidation: ConsolidationSettings? = nil
    if isCloudSim {
        cloudSim = decodeCloudSimArm(r, profile: profile)
        // keys of the event engine that CloudSim's semantics have no place for (one meaning per key)
        for (key, what) in cloudSimRefusedKeys where r.has(key) || (r.child(key).map { !$0.isNull } ?? false) {
            r.child(key)?.issue("the \(cloudSimProfileName) profile \(what); \(key) applies to arms of the virtsim profile")
        }
    } else {
        consolidation = decodeConsolidation(r)
        if let q = r.child("quirks") {
            q.issue("quirks are switches of the \(cloudSimProfileName) profile (CloudSim's own behaviours); the virtsim profile has none")
        }
    }
    let placementName =
        isCloudSim
        ? "power-aware-bfd"  // not read: CloudSim's PABFD is the engine's own
        : r.required("placement", expected: "one of: \(PlacementRegistry.names.joined(separator: ", "))")?
            .enumValue(allowed: PlacementRegistry.names)
    let interleave = (r.enumValue("host_order", allowed: ["grouped", "interleaved"], or: "grouped")) == "interleaved"
    let decodedHV = isCloudSim ? nil : r.child("hypervisor").flatMap { $0.isNull ? (Hypervisor.none, nil) : decodeHypervisor($0) }
    let hypervisor = decodedHV?.0 ?? .none
    let hvProfile = decodedHV?.1
    let overcommit = isCloudSim ? 1 : r.double("cpu_overcommit", range: 0.01...1000, or: 1)
    let powerOff = isCloudSim ? true : r.bool("power_off_idle_hosts", or: true)
    let dpm = decodeDPM(r, cloudSimProfile: isCloudSim)
    let dvfs = decodeDVFS(r, cloudSimProfile: isCloudSim)
    let drs = decodeDRS(r, cloudSimProfile: isCloudSim)
    let memory = decodeMemory(r, profile: hvProfile, cloudSimProfile: isCloudSim)
    let migration = decodeMigration(r, profile: hvProfile, cloudSimProfile: isCloudSim)
    let (serviceReplicas, serviceScalers) = decodeServiceReplicas(
        r, services: services, specs: serviceSpecs, cloudSimProfile: isCloudSim,
        hasDPM: dpm != nil, hasDRS: drs != nil, hasMemory: (memory ?? nil) != nil)
    let cloud = decodeCloud(r, cloudSimProfile: isCloudSim, hasDPM: dpm != nil, hasDRS: drs != nil, hasMemory: (memory ?? nil) != nil)
    if consolidation != nil, let c = r.child("consolidation") {
        // every combination is honoured or refused (DynamicConsolidation.md)
        if dpm != nil {
            c.issue(
                "consolidation is not combined with dpm: its underload step already empties hosts and power_off_idle_hosts switches them off, by rules of its own; use one of the two"
            )
        }
        if drs != nil { c.issue("consolidation is not combined with drs: drs spreads load that consolidation packs; use one of the two") }
        if cloud != nil { c.issue("consolidation is not combined with cloud bursting in this version (cloud VMs are not migrated)") }
        if !services.isEmpty { c.issue("consolidation is not combined with services in this version (replica VMs are not migrated)") }
    }

    var types: [HostType] = []
    var typeIndex: [String: Int] = [:]
    var hostGroups: [HostGroupSpec] = []
    var autoGroup: Int? = nil
    var failuresNode: NodeReader? = nil
    if let groups = r.required("host_groups", expected: "a list of host groups")?.sequence() {
        if groups.isEmpty { r.child("host_groups")?.issue("expected at least one host group") }
        for g in groups {
            guard g.expectMapping() else { continue }  // an empty item (a bare "-") is an error
            var count: Int? = nil
            if let c = g.required("count", expected: "an integer ≥ 1, or auto"), c.string() == "auto" {
                if baseline {
                    c.issue("count: auto sizes a consolidated arm; the baseline arm is the estate as it is: give its count")
                } else if isCloudSim {
                    c.issue("count: auto applies to arms of the virtsim profile (the \(cloudSimProfileName) profile reproduces CloudSim's fixed host lists)")
                } else if autoGroup != nil {
                    c.issue("count: auto may be given on one host group of an arm; give the others fixed counts")
                } else {
                    autoGroup = hostGroups.count
                    count = 1  // laid out at one host for the checks; sized before the run
                }
            } else {
                count = g.child("count")?.int(range: 1...100_000_000)
            }
            let cluster = g.string("cluster", or: "cluster-0")
            let perRack = g.int("hosts_per_rack", range: 1...100_000, or: 40)
            var ti: Int? = nil
            var typeName: String? = nil
            var inlineFailures: TypeFailures? = nil  // of a host type given inline
            if let t = g.required("type", expected: "a host type name (from host_types) or a host type mapping") {
                if t.isScalar { typeName = t.node.scalar?.string }
                if t.isScalar, let n = t.node.scalar?.string, invalidHostTypes.contains(n) {
                    _ = t.string()  // a host type with problems of its own, reported where it is defined
                } else if t.isScalar {
                    let names = hostTypes.map(\.0)
                    if let n = t.enumValue(allowed: names) {
                        if let existing = typeIndex[n] {
                            ti = existing
                        } else {
                            ti = types.count; typeIndex[n] = ti; types.append(hostTypes.first { $0.0 == n }!.1)
                        }
                    }
                } else if let inline = decodeHostType(t, name: "\(name)-type-\(types.count)") {
                    ti = types.count; types.append(inline)
                }
                if !t.isScalar { inlineFailures = decodeHostTypeFailures(t) }
            }
            let isAuto = g.child("count")?.node.scalar?.string == "auto"
            var failures = decodeHostFailures(g, count: isAuto ? nil : count, autoSized: isAuto, cloudSimProfile: isCloudSim)
            if failuresNode == nil, let f = g.child("failures"), !f.isNull { failuresNode = f }
            // the host type's failures, unless the group gives its own (`failures: ~`: none)
            if g.child("failures") == nil, let tf = typeName.flatMap({ typeFailures[$0] }) ?? inlineFailures {
                if isCloudSim {
                    tf.node.issue(
                        "failures apply to arms of the virtsim profile, and arm \(jsonString(name)) of the \(cloudSimProfileName) profile uses host type \(typeName ?? "given inline"): give failures on the host groups of the other arms instead"
                    )
                } else {
                    failures = tf.settings
                    if failuresNode == nil { failuresNode = tf.node }
                }
            }
            g.finish()
            guard let count, let ti else { continue }
            hostGroups.append(HostGroupSpec(typeIndex: ti, cluster: cluster, hostsPerRack: perRack, count: count, failures: failures))
        }
    }
    if let f = failuresNode, !isCloudSim {
        checkFailureCombinations(
            f,
            features: [
                ("dpm", dpm != nil), ("drs", drs != nil), ("consolidation", consolidation != nil), ("memory", (memory ?? nil) != nil),
                ("dvfs", dvfs != nil), ("cloud bursting", cloud != nil), ("services", !services.isEmpty)
            ])
    }
    let ha = decodeHA(r, cloudSimProfile: isCloudSim)
    let sizing = decodeSizing(r, autoSized: autoGroup != nil)
    // read by decodeEconomics (facility, storage and cost overrides of this arm)
    for key in ["facility", "storage", "costs", "carbon", "network"] { _ = r.child(key) }
    r.finish()
    if let problem = RunMemoryEstimate(hosts: hostGroups.reduce(0) { $0 + $1.count }).problem() {
        r.child("host_groups")?.issue(problem)
        return nil
    }
    let layout = HostLayout(hostGroups, interleave: interleave)
    let slots = layout.slots, clusters = layout.clusters, racks = layout.racks
    if isCloudSim {
        for (i, t) in types.enumerated() where t.coreMips.rounded() != t.coreMips {
            r.issue("profile \(profile) needs integer core_mips (CloudSim's PE MIPS are integers); host type \(i) has \(t.coreMips)")
            return nil
        }
        for t in types where t.offW != 0 || t.bootTimeS != 0 || t.pstates != nil || t.hyperthreading {
            r.issue(
                "host type \(t.name) sets off_w, boot_time, pstates or hyperthreading, which the \(profile) profile does not model "
                    + "(CloudSim counts an idle host at 0 W and switches hosts on at once); use the virtsim profile, or host types without them")
            return nil
        }
        guard cloudSim != nil else { return nil }
    }
    guard let placementName, let placement = PlacementRegistry.make(placementName), !slots.isEmpty else { return nil }
    var arm = ArmConfig(
        name: name, isBaseline: baseline, hostTypes: types, hosts: slots, clusterNames: clusters,
        rackNames: racks, hypervisor: hypervisor, placement: placement, cpuOvercommit: overcommit,
        powerOffIdleHosts: powerOff)
    arm.cloudSim = cloudSim
    arm.consolidation = consolidation
    arm.hostGroups = hostGroups
    arm.interleaveHosts = interleave
    arm.autoSizedGroup = autoGroup
    arm.ha = ha
    if let sizing { arm.sizing = sizing }
    if autoGroup != nil && cloud != nil {
        r.child("cloud")?.issue(
            "count: auto sizes an arm to hold every VM; with cloud bursting VMs that fit nowhere go to the cloud instead: use one of the two")
    }
    if autoGroup != nil && !services.isEmpty {
        r.issue("count: auto is not combined with services in this version (sizing does not target service latency)")
    }
    if let p = hvProfile {
        // The profile's per-VM overhead depends on each group's vCPUs and RAM (B3); its host
        // reservation and the embedded install change the host types.
        arm.memoryOverheadMiBPerGroup = vmTypes.map { p.hypervisor(for: $0).memoryOverheadMiBPerVM }
        arm.hostTypes = arm.hostTypes.map { t in
            var u = p.hostType(t)
            u.ramMiB = max(1, u.ramMiB - Int64(p.hostReservationMiB.rounded(.up)))
            return u
        }
    }
    arm.hypervisorProfile = hvProfile
    arm.serviceReplicas = serviceReplicas
    arm.serviceScalers = serviceScalers
    arm.cloud = cloud
    arm.scaleDownOrder = r.string("scale_down_order").flatMap(ScaleDownOrder.init(rawValue:)) ?? .kubernetes
    arm.dpm = dpm
    arm.dvfs = dvfsForHostTypes(dvfs, arm.hostTypes, at: r)
    arm.drs = drs
    arm.memory = memory ?? nil
    arm.applyHAReserve()
    if let p = hvProfile, !p.liveMigration, dpm != nil || drs != nil {
        (r.child(dpm != nil ? "dpm" : "drs") ?? r).issue(
            "\(dpm != nil ? "dpm" : "drs") moves VMs by live migration, which hypervisor \(p.name) does not have; choose esxi, hyper-v, xen or kvm")
        return nil
    }
    if let migration { arm.migration = migration }
    return arm
}

/// Every key an arm mapping accepts, as `decodeArm` asks for them on each profile (an arm that
/// names only its profile): the list the key × profile conformance test and the docs take.
public func armKeys() -> [String] {
    var keys: [String] = []
    for profile in armProfiles {
        guard let doc = try? YAMLDocument.parse(yaml: "{profile: \(profile)}", file: "arm-keys.yaml", directory: "/") else { continue }
        let r = doc.reader(collector: IssueCollector())
        _ = decodeArm(r, index: 0, hostTypes: [], vmTypes: [])
        for k in r.askedKeys where !keys.contains(k) { keys.append(k) }
    }
    return keys
}

/// Arm profiles: `virtsim` (the event-driven engine, the default) and `cloudsim-3.0.3` (the
/// CloudSim engine, which reproduces CloudSim 3.0.3's PlanetLab experiments and does nothing
/// else).
public let armProfiles = ["virtsim", cloudSimProfileName]
let cloudSimProfileName = "cloudsim-3.0.3"

/// The event-engine equivalent of the retired `realistic` profile, for its error's hint.
let realisticProfileHint = """
    the realistic profile is retired: its semantics (VMs stay, idle hosts with VMs draw idle power, empty hosts are off and \
    boot when needed, weighted LR) are the event engine's own. Use the virtsim profile (the default): \
    placement: power-aware-bfd, power_off_idle_hosts: true, consolidation: {overload_detector: {type: lr, safety: 1.2, \
    weighted: true}, vm_selection: mmt}, host types with off_w, boot_time and boot_power_w \
    (as scenarios/planetlab/realistic-lr-mmt-1.2.yaml)
    """

/// Arm keys the `cloudsim-3.0.3` profile refuses, with what it does instead.
let cloudSimRefusedKeys: [(String, String)] = [
    ("placement", "places with CloudSim's own power-aware best fit decreasing (first fit for npa and dvfs)"),
    ("hypervisor", "has no hypervisor (CloudSim's PlanetLab hosts run VMs without overhead)"),
    ("cpu_overcommit", "admits a VM when the host's free MIPS cover its current request (CloudSim's time-shared scheduler)"),
    ("power_off_idle_hosts", "counts an idle host as off at 0 W (quirk idle_host_draws_nothing)")
]

/// `profile:` of an arm; nil (with an issue) for the retired `realistic` or an unknown name.
func decodeArmProfile(_ r: NodeReader) -> String? {
    guard let p = r.child("profile"), !p.isNull else { return "virtsim" }
    if p.string() == "realistic" { p.issue(realisticProfileHint); return nil }
    return p.enumValue(allowed: armProfiles)
}

/// `consolidation:` of a `virtsim`-profile arm (with the arm's `scheduling_interval`), or nil.
/// `npa` and `dvfs` are CloudSim-only allocations: refused with what does their job here.
func decodeConsolidation(_ r: NodeReader) -> ConsolidationSettings? {
    guard let c = r.child("consolidation"), !c.isNull else {
        if let i = r.child("scheduling_interval"), !i.isNull {
            i.issue("scheduling_interval is the period of consolidation rounds; this arm has no consolidation")
        }
        return nil
    }
    let interval = r.duration("scheduling_interval", positive: true, or: 300)
    if c.isScalar {
        let v = c.string() ?? ""
        if v == "npa" {
            c.issue(
                "npa is a CloudSim-only allocation (every host at full power, no migrations); on the virtsim profile leave out consolidation and set power_off_idle_hosts: false, or use profile: \(cloudSimProfileName)"
            )
        } else if v == "dvfs" {
            c.issue(
                "dvfs is a CloudSim-only allocation (it scales no frequency); on the virtsim profile leave out consolidation and use the arm's dvfs: {governor: ondemand}, or use profile: \(cloudSimProfileName)"
            )
        } else {
            c.issue(
                "expected a mapping {overload_detector: {type: \(ConsolidationRegistry.detectorNames.joined(separator: "|")), …}, vm_selection: \(ConsolidationRegistry.selectionNames.joined(separator: "|")), underload: true}"
            )
        }
        return nil
    }
    guard c.expectMapping() else { return nil }
    let selectionName = c.required("vm_selection", expected: "one of: \(ConsolidationRegistry.selectionNames.joined(separator: ", "))")?
        .enumValue(allowed: ConsolidationRegistry.selectionNames)
    let detector = c.required("overload_detector", expected: "a mapping {type: \(ConsolidationRegistry.detectorNames.joined(separator: "|")), …}")
        .flatMap { decodeOverloadDetector($0, schedulingIntervalS: interval) }
    let underload = c.bool("underload", or: true)
    c.finish()
    guard let detector, let selectionName, let selection = ConsolidationRegistry.makeSelectionPolicy(selectionName) else { return nil }
    return ConsolidationSettings(detector: detector, selection: selection, interval: .seconds(interval), underload: underload)
}

/// `overload_detector: {type, parameters…}`. With `schedulingIntervalS` (the event engine), the
/// detectors' `scheduling_interval_s` is the arm's `scheduling_interval` and may not be given.
func decodeOverloadDetector(_ d: NodeReader, schedulingIntervalS: Double? = nil) -> (any OverloadDetector)? {
    guard d.isMapping else { _ = d.mappingEntries(); return nil }
    guard
        let type = d.required("type", expected: "one of: \(ConsolidationRegistry.detectorNames.joined(separator: ", "))")?
            .enumValue(allowed: ConsolidationRegistry.detectorNames),
        let entry = ConsolidationRegistry.detectors.first(where: { $0.name == type })
    else { d.finish(); return nil }
    var params: [String: ConsolidationParameterValue] = [:]
    for p in entry.parameters {
        if p.name == "scheduling_interval_s", let fixed = schedulingIntervalS {
            if let given = d.child(p.name), !given.isNull {
                given.issue(
                    "on the virtsim profile the history step is the arm's scheduling_interval (\(ConsolidationParameterValue.number(fixed)) s); set that instead"
                )
            }
            params[p.name] = .number(fixed)
            continue
        }
        if case .flag = p.defaultValue {
            if let b = d.bool(p.name) { params[p.name] = .flag(b) }
        } else if let x = d.double(p.name, range: p.range ?? -1e300...1e300) {
            params[p.name] = .number(x)
        }
    }
    d.finish()
    let problems = entry.problems(params)
    guard problems.isEmpty else { for p in problems { d.issue(p) }; return nil }
    return entry.make(params)
}

/// Reads `consolidation`, `quirks` and `scheduling_interval` of a `cloudsim-3.0.3` arm.
func decodeCloudSimArm(_ r: NodeReader, profile: String) -> CloudSimArmSettings? {
    var quirks = CloudSimQuirks.cloudsim303
    if let q = r.child("quirks"), !q.isNull {
        if let entries = q.mappingEntries() {
            for (key, node) in entries {
                guard CloudSimQuirks.keys.contains(key) else {
                    let hint = key == "realistic_power" ? " (realistic power accounting is the virtsim profile's own: see profile: realistic's hint)" : ""
                    node.issue("unknown quirk \"\(key)\"; valid quirks are: \(CloudSimQuirks.keys.joined(separator: ", "))" + hint)
                    continue
                }
                if let b = node.bool() { _ = quirks.set(key, b) }
            }
        }
    }
    let interval = r.duration("scheduling_interval", positive: true, or: 300)
    guard let c = r.required("consolidation", expected: "npa, dvfs, or {overload_detector: {type: …}, vm_selection: …}") else { return nil }
    if c.isScalar {
        guard let name = c.enumValue(allowed: ["npa", "dvfs"]) else { return nil }
        return CloudSimArmSettings(profile: profile, allocation: name == "npa" ? .npa : .dvfs, quirks: quirks, schedulingIntervalS: interval)
    }
    guard c.isMapping else { _ = c.mappingEntries(); return nil }
    let selectionName = c.required("vm_selection", expected: "one of: \(ConsolidationRegistry.selectionNames.joined(separator: ", "))")?
        .enumValue(allowed: ConsolidationRegistry.selectionNames)
    let detector = c.required("overload_detector", expected: "a mapping {type: \(ConsolidationRegistry.detectorNames.joined(separator: "|")), …}")
        .flatMap { decodeOverloadDetector($0) }
    if let u = c.child("underload"), !u.isNull {
        u.issue("the \(profile) profile always runs CloudSim's underload step; underload applies to the virtsim profile")
    }
    c.finish()
    guard let detector, let selectionName, let selection = ConsolidationRegistry.makeSelectionPolicy(selectionName) else { return nil }
    return CloudSimArmSettings(
        profile: profile, allocation: .migration(detector: detector, selection: selection),
        quirks: quirks, schedulingIntervalS: interval)
}

/// The daylight-saving changes of `timeZone` within `durationS` seconds after the instant
/// `startUs` (µs since 1970, UTC): (elapsed s, offset after − offset at the start, h), in order.
/// Empty for UTC, an unknown zone or no start (both reported elsewhere).
func clockShifts(startUs: Int64?, timeZone: String, durationS: Double) -> [LocalClock.Shift] {
    guard let zone = TimeZone(identifier: timeZone), let us = startUs, durationS > 0 else { return [] }
    let t0 = Date(timeIntervalSince1970: Double(us) / 1e6)
    let end = t0.addingTimeInterval(durationS)
    let offset0 = zone.secondsFromGMT(for: t0)
    var shifts: [LocalClock.Shift] = []
    var t = t0
    while let next = zone.nextDaylightSavingTimeTransition(after: t), next <= end, shifts.count < 10_000 {
        shifts.append(LocalClock.Shift(atS: next.timeIntervalSince(t0), hours: Double(zone.secondsFromGMT(for: next) - offset0) / 3600))
        t = next
    }
    return shifts
}
