import Foundation
import Scenario
import Engine
import Reports
import Policies
import DatacenterModel
import Stochastic
import CloudSimEngine
import Economics

/// The virtsim version written into every manifest.
public let virtsimVersion = "0.1.0"

/// What `virtsim run` was asked to do.
public struct RunOptions: Sendable {
    public var scenarioPath: String
    /// Output folder; nil = `results/<scenario file name without extension>/` under the
    /// current directory.
    public var outDir: String?
    /// Overrides the scenario's `seed`.
    public var seed: UInt64?
    /// `dotted.path=value` overrides, applied in order.
    public var overrides: [String]
    /// Whether to write `report.html` (charts and tables) beside the CSV files.
    public var report: Bool
    /// Progress on standard error (``RunProgress``); `none` by default.
    public var progress: SweepProgressMode
    public init(
        scenarioPath: String, outDir: String? = nil, seed: UInt64? = nil, overrides: [String] = [], report: Bool = true,
        progress: SweepProgressMode = .none
    ) {
        self.scenarioPath = scenarioPath; self.outDir = outDir; self.seed = seed; self.overrides = overrides; self.report = report
        self.progress = progress
    }
}

/// What a run produced.
public struct RunOutcome {
    public var outDir: String
    public var results: [ArmResult]
    public var savings: [SavingsLine]
    public var wallSeconds: Double
    /// The short human summary `virtsim run` prints.
    public var summaryText: String
    /// Arms that left VMs unplaced, with how many, when the scenario does not allow it
    /// (`allow_unplaced`): `virtsim run` then exits 3 (the files are written all the same).
    public var unplaced: [(arm: String, vms: Int)] = []
}

/// An error that is not about the scenario's content (output folder, writing files).
public struct RunError: Error, CustomStringConvertible {
    public var description: String
}

/// Loads, overrides and decodes a scenario; every problem at once.
public func loadScenario(path: String, overrides: [String], seed: UInt64? = nil) throws(ScenarioErrors) -> (YAMLDocument, ScenarioModel) {
    let doc = try YAMLDocument.load(path: path)
    try doc.apply(overrides: overrides)
    let collector = IssueCollector()
    let model = decodeScenario(doc, seedOverride: seed, collector: collector)
    try collector.throwIfAny()
    guard let model else { throw ScenarioErrors(issues: [ScenarioIssue(file: path, message: "scenario could not be decoded")]) }
    return (doc, model)
}

/// Every problem of a scenario file (with overrides), as `FILE:LINE:COL: path: message`;
/// empty if it is valid. Trace folders are read, so a missing or malformed trace is reported.
public func validateScenarioFile(path: String, overrides: [String]) -> [String] {
    do {
        _ = try loadScenario(path: path, overrides: overrides)
        return []
    } catch {
        return error.issues.map(\.description)
    }
}

/// The files a run may write into its output folder.
let runOutputFiles = [
    "summary.csv", "timeseries.csv", "hosts.csv", "costs.csv", "savings.csv", "services.csv", "services_timeseries.csv",
    "failures.csv", "report.html", "manifest.json"
]

/// Runs every arm of a scenario, in scenario order, and writes summary.csv, timeseries.csv,
/// hosts.csv, costs.csv, savings.csv (with a baseline arm), report.html (unless switched off)
/// and manifest.json.
///
/// An output folder used before starts fresh: every file of ``runOutputFiles`` is removed
/// before the run (other files are left), so no file of an earlier run (savings.csv of a
/// scenario that had a baseline, report.html before `--no-report`) sits beside the new ones.
public func runScenarioFile(_ o: RunOptions) throws -> RunOutcome {
    let t0 = monotonicSeconds()
    let (doc, model) = try loadScenario(path: o.scenarioPath, overrides: o.overrides, seed: o.seed)
    let stem = ((o.scenarioPath as NSString).lastPathComponent as NSString).deletingPathExtension
    let out = o.outDir ?? "results/\(stem)"
    do {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    } catch {
        throw RunError(description: "\(out): cannot create the output folder: \(error.localizedDescription)")
    }
    for name in runOutputFiles where FileManager.default.fileExists(atPath: out + "/" + name) {
        do { try FileManager.default.removeItem(atPath: out + "/" + name) } catch {
            throw RunError(description: "\(out)/\(name): cannot remove the file of an earlier run: \(error.localizedDescription)")
        }
    }
    let shown = RunProgress(mode: o.progress, arms: model.arms.map(\.name))
    let results: [ArmResult]
    do {
        defer { shown.finish() }
        results = try simulateScenarioModel(model, progress: shown.isShown ? shown : nil)
    }
    do {
        try writeRunTables(results, to: out)
    } catch {
        throw RunError(description: "\(error)")
    }
    let wall = monotonicSeconds() - t0
    let manifest = runManifestJSON(
        doc: doc, model: model, scenarioPath: o.scenarioPath, overrides: o.overrides,
        version: virtsimVersion, wallSeconds: wall)
    do {
        try manifest.write(toFile: out + "/manifest.json", atomically: true, encoding: .utf8)
    } catch {
        throw RunError(description: "\(out)/manifest.json: cannot write: \(error.localizedDescription)")
    }
    if o.report {
        var header = ReportHeader(
            scenarioName: model.name, scenarioFile: o.scenarioPath, seed: model.seed,
            simulatedHours: model.settings.duration.hours, version: virtsimVersion)
        header.assumptions = model.assumptions
        header.clock = reportClock(startUs: model.startUs, timeZone: model.timeZone)
        do {
            try htmlReport(results, header: header).write(toFile: out + "/report.html", atomically: true, encoding: .utf8)
        } catch {
            throw RunError(description: "\(out)/report.html: cannot write: \(error.localizedDescription)")
        }
    }
    let s = savings(results)
    var outcome = RunOutcome(
        outDir: out, results: results, savings: s, wallSeconds: wall,
        summaryText: humanSummary(model: model, results: results, savings: s, outDir: out, wallSeconds: wall, report: o.report))
    if !model.allowUnplaced { outcome.unplaced = results.filter { $0.vmsUnplaced > 0 }.map { ($0.arm, $0.vmsUnplaced) } }
    return outcome
}

/// The report's clock axis for a scenario starting at `startUs` (µs since 1970, UTC) in
/// `timeZone`: the instant and the zone's offset from UTC then; nil without either.
func reportClock(startUs: Int64?, timeZone: String) -> ClockAxis? {
    guard let us = startUs, let zone = TimeZone(identifier: timeZone) else { return nil }
    let epochS = Double(us) / 1e6
    return ClockAxis(startEpochS: epochS, utcOffsetS: Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: epochS))), zoneName: timeZone)
}

/// Every arm of a loaded scenario, in scenario order: what `virtsim run` and each sweep run
/// simulate.
/// Arms with `count: auto` are sized first (``sizeArm(_:model:)``), then run at that count.
/// - Throws: ``SizingFailure`` when no host count meets an arm's sizing targets.
public func simulateScenarioModel(_ model: ScenarioModel, progress: RunProgress? = nil) throws -> [ArmResult] {
    var model = model
    if let progress { model.settings.progress = { progress.report(simulatedS: $0, durationS: $1) } }
    var arms = model.arms
    var outcomes = [SizingOutcome?](repeating: nil, count: arms.count)
    var sizedRuns = [ArmResult?](repeating: nil, count: arms.count)
    for i in arms.indices where arms[i].autoSizedGroup != nil {
        progress?.begin(arm: i, sizing: true)
        (arms[i], outcomes[i], sizedRuns[i]) = try sizeArm(arms[i], model: model)
    }
    // a sized arm whose trial at the chosen count ran that very arm is not run again
    var results = arms.indices.map { i in
        progress?.begin(arm: i, sizing: false)
        return sizedRuns[i] ?? runArm(arms[i], groups: model.groups, settings: model.settings, seed: model.seed, services: model.services)
    }
    for i in results.indices { results[i].sizing = outcomes[i] }
    return computeEconomics(
        arms: arms, groups: model.groups, settings: model.settings, startHourOfDay: model.startHourOfDay, clockShifts: model.localClock.shifts,
        economics: model.economics,
        results: results)
}

/// Sizes the `count: auto` group of `arm` by simulating it over the scenario (``AutoSizing``).
/// Returns the sized arm, the outcome, and the run of the sized arm where sizing made it.
public func sizeArm(_ arm: ArmConfig, model: ScenarioModel) throws(SizingFailure) -> (ArmConfig, SizingOutcome, ArmResult?) {
    try AutoSizing.size(
        arm, groups: model.groups,
        evaluate: { runArm($0, groups: model.groups, settings: model.settings, seed: model.seed, services: model.services) },
        percentileMax: { $0.hostCPUUtilPercentileMaxPct($1) ?? 0 })
}

/// The hosts each arm buys, its host CPU p95 and its costs: the simulated period's and the
/// horizon's (`costs.horizon_years`), for the console.
func costLines(_ results: [ArmResult], width w: Int) -> String {
    guard results.contains(where: { $0.economics.horizonCost("total") > 0 }) else { return "" }
    var s =
        "\n" + pad("arm", w, right: true) + "  " + pad("hosts bought", 12) + "  " + pad("CPU p95 %", 9) + "  " + pad("period USD", 12) + "  "
        + pad("horizon", 7) + "  " + pad("TCO USD", 14) + "\n"
    for r in results {
        s +=
            pad(r.arm, w, right: true) + "  " + pad("\(r.economics.hostsBought)", 12) + "  "
            + pad(r.cpuUtilPercentilePct(95).map { formatFixed($0, decimals: 1) } ?? "-", 9) + "  "
            + pad(formatFixed(r.economics.periodCost("total"), decimals: 2), 12) + "  "
            + pad(formatFixed(r.economics.horizonYears, decimals: 1) + " y", 7) + "  "
            + pad(formatFixed(r.economics.horizonCost("total"), decimals: 2), 14) + "\n"
    }
    return s
}

/// One line per sized arm for the console: count, reserve, binding constraint, runs.
func sizingLines(_ results: [ArmResult]) -> String {
    var s = ""
    for r in results {
        guard let o = r.sizing else { continue }
        let reserve = o.reserveHosts > 0 ? " (\(o.hosts - o.reserveHosts) + \(o.reserveHosts) HA reserve)" : ""
        s +=
            "  sized \(r.arm): \(o.hosts) host\(o.hosts == 1 ? "" : "s")\(reserve); binding: \(o.binding.isEmpty ? "none" : o.binding.joined(separator: ", "))"
            + "; \(o.runs) sizing run\(o.runs == 1 ? "" : "s")\n"
    }
    return s
}

func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
    s.count >= n ? s : (right ? s + String(repeating: " ", count: n - s.count) : String(repeating: " ", count: n - s.count) + s)
}

/// The short summary printed by `virtsim run`.
/// The first host type of `arm`'s hosts with `nic_gbps: 0` (unlimited bandwidth: instant
/// migrations, a documented meaning worth a warning), nil if none.
func unlimitedNICType(_ arm: ArmConfig) -> String? {
    Set(arm.hosts.map(\.typeIndex)).sorted().map { arm.hostTypes[$0] }.first { $0.nicGbps == 0 }?.name
}

func humanSummary(model: ScenarioModel, results: [ArmResult], savings: [SavingsLine], outDir: String, wallSeconds: Double, report: Bool = false) -> String {
    var s =
        "\(model.name): \(results.count) arm\(results.count == 1 ? "" : "s"), \(formatFixed(model.settings.duration.hours, decimals: 2)) h simulated, seed \(model.seed)\n\n"
    let w = max(8, results.map(\.arm.count).max() ?? 0)
    s +=
        pad("arm", w, right: true) + "  " + pad("hosts used", 10) + "  " + pad("of", 6) + "  " + pad("VMs", 8) + "  "
        + pad("IT energy kWh", 14) + "  " + pad("mean W", 10) + "  " + pad("CPU util %", 10) + "  " + pad("unmet %", 8) + "\n"
    for r in results {
        s +=
            pad(r.arm + (r.isBaseline ? "*" : ""), w, right: true) + "  " + pad("\(r.hostsUsedMax)", 10) + "  " + pad("\(r.hostsTotal)", 6)
            + "  " + pad("\(r.vms)", 8) + "  " + pad(formatFixed(r.itEnergyKWh, decimals: 2), 14) + "  "
            + pad(formatFixed(r.itPowerMeanW, decimals: 1), 10) + "  " + pad(formatFixed(r.cpuUtilMeanPct, decimals: 1), 10)
            + "  " + pad(formatSignificant(r.cpuDemandUnmetPct, digits: 2), 8) + "\n"
        if r.vmsUnplaced > 0 { s += "  warning: \(r.vmsUnplaced) VM(s) of arm \(r.arm) found no host and were rejected\n" }
        if let arm = model.arms.first(where: { $0.name == r.arm }), let t = unlimitedNICType(arm) {
            s += "  warning: host type \(t) of arm \(r.arm) has nic_gbps 0: unlimited bandwidth, live migrations take no time\n"
        }
    }
    s += sizingLines(results)
    s += costLines(results, width: w)
    s += carbonLines(results, width: w)
    let withMemory = results.filter { $0.memory.reclaimedGiBMax > 0 || $0.memory.shortfallGiBMax > 0 }
    if !withMemory.isEmpty {
        s += "\nmemory reclaimed (mean GiB over the run) and its SLA cost:\n"
        s +=
            pad("arm", w, right: true) + "  " + pad("shared", 9) + "  " + pad("ballooned", 9) + "  " + pad("compressed", 10) + "  "
            + pad("swapped", 9) + "  " + pad("peak GiB", 9) + "  " + pad("unbacked", 9) + "  " + pad("perf loss %", 11) + "\n"
        for r in withMemory {
            let m = r.memory
            s +=
                pad(r.arm, w, right: true) + "  " + pad(formatFixed(m.sharedGiBMean, decimals: 2), 9) + "  "
                + pad(formatFixed(m.balloonedGiBMean, decimals: 2), 9) + "  " + pad(formatFixed(m.compressedGiBMean, decimals: 3), 10) + "  "
                + pad(formatFixed(m.swappedGiBMean, decimals: 3), 9) + "  " + pad(formatFixed(m.reclaimedGiBMax, decimals: 2), 9) + "  "
                + pad(formatFixed(m.shortfallGiBMax, decimals: 2), 9) + "  " + pad(formatFixed(m.perfLossPct, decimals: 3), 11) + "\n"
        }
    }
    if results.contains(where: { !$0.services.isEmpty }) {
        s += "\nservices (latency of served requests, s):\n"
        let sw = max(7, results.flatMap { $0.services.map(\.service.count) }.max() ?? 0)
        s +=
            pad("arm", w, right: true) + "  " + pad("service", sw, right: true) + "  " + pad("requests", 9) + "  " + pad("p50", 7) + "  "
            + pad("p99", 7) + "  " + pad("max", 8) + "  " + pad("replica-h", 9) + "  " + pad("cold", 5) + "\n"
        for r in results {
            for v in r.services {
                s +=
                    pad(r.arm, w, right: true) + "  " + pad(v.service, sw, right: true) + "  " + pad("\(v.requests)", 9) + "  "
                    + pad(formatFixed(v.latencyP50S, decimals: 3), 7) + "  " + pad(formatFixed(v.latencyP99S, decimals: 3), 7) + "  "
                    + pad(formatFixed(v.latencyMaxS, decimals: 1), 8) + "  " + pad(formatFixed(v.replicaHours, decimals: 1), 9) + "  "
                    + pad("\(v.coldStarts)", 5) + "\n"
            }
        }
    }
    if results.contains(where: { $0.failures != nil }) {
        s += "\nhost failures and HA restarts (failures.csv):\n"
        for r in results {
            guard let f = r.failures else { continue }
            s +=
                "  " + pad(r.arm, w, right: true) + "  \(f.hostFailures) failure(s), \(f.vmFailures) VM(s) down, \(f.vmRestarts) restarted, "
                + formatFixed(f.vmDowntimeH, decimals: 2) + " VM-hours down, \(f.vmsNotRestarted) not restarted, "
                + formatFixed(f.haWaitVMH, decimals: 2) + " VM-hours waiting for room (at most \(f.haShortVcpusMax) vCPUs, "
                + formatFixed(f.haShortRAMGiBMax, decimals: 1) + " GiB)\n"
        }
    }
    for r in results where r.cloud.vmsBurst > 0 {
        s +=
            "\ncloud (\(r.arm)): \(r.cloud.vmsBurst) VM(s) burst, up to \(r.cloud.hostsMax) host(s), "
            + formatFixed(r.cloud.hostHours, decimals: 1) + " host-hours, " + formatFixed(r.economics.periodCost("cloud"), decimals: 2) + " USD\n"
    }
    if !savings.isEmpty {
        s += "\n(* baseline) savings against the baseline:\n"
        var warned = Set<String>()
        for l in savings where !l.note.isEmpty && l.comparable && warned.insert(l.arm).inserted {
            s += "  warning: savings of \(l.arm) are NOT valid (\(l.note)); savings.csv marks them valid = 0\n"
        }
        let cost = Dictionary(results.map { ($0.arm, performanceCost($0)) }, uniquingKeysWith: { a, _ in a })
        let baseCost = results.first(where: \.isBaseline).map(performanceCost) ?? ""
        s += "  (performance cost: CPU ready p95 and CPU work delayed or unserved; baseline \(baseCost))\n"
        for l in savings where l.baseline != 0 || l.value != 0 {
            let pct = l.savingPct.map { " (" + formatFixed($0, decimals: 1) + "%)" } ?? ""
            let saving = l.saving.map { "saving " + formatFixed($0, decimals: 2) + pct } ?? "saving not comparable (\(l.note))"
            s +=
                "  " + pad(l.arm, w, right: true) + "  " + pad(l.category, 14, right: true) + " "
                + pad(formatFixed(l.baseline, decimals: 2), 12) + " → " + pad(formatFixed(l.value, decimals: 2), 12)
                + " \(l.unit)  " + saving + (l.valid || !l.comparable ? "" : "  [not valid]") + "  [" + (cost[l.arm] ?? "") + "]\n"
        }
    }
    if !model.assumptions.isEmpty {
        s += "\nassumptions (the inventory did not say; edit the scenario to change them):\n"
        for a in model.assumptions { s += "  - \(a)\n" }
    }
    let serviceFiles =
        (results.contains { !$0.services.isEmpty } ? ",services,services_timeseries" : "")
        + (results.contains { $0.failures != nil } ? ",failures" : "")
    s +=
        "\nwrote \(outDir)/{summary,timeseries,hosts,costs\(savings.isEmpty ? "" : ",savings")\(serviceFiles).csv, \(report ? "report.html, " : "")manifest.json} in \(formatFixed(wallSeconds, decimals: 3)) s\n"
    return s
}

/// `describe(error)`: one message per line for any error a command can meet.
public func describe(_ error: any Error) -> String {
    if let e = error as? ScenarioErrors { return e.issues.map(\.description).joined(separator: "\n") }
    return "\(error)"
}

/// The registered models and policies, for `virtsim list`.
public func registryListing() -> String {
    var s = "placement policies (arms[].placement):\n"
    for e in PlacementRegistry.all { s += entryListing(e) }
    s += "\narm profiles (arms[].profile): \(armProfiles.joined(separator: ", "))\n"
    s += "\noverload detectors (arms[].consolidation.overload_detector.type, both profiles; on virtsim the arm's\n"
    s += "scheduling_interval sets scheduling_interval_s):\n"
    for e in ConsolidationRegistry.detectors { s += entryListing(e) }
    s += "\nVM selection policies (arms[].consolidation.vm_selection):\n"
    for e in ConsolidationRegistry.selectionPolicies { s += entryListing(e) }
    s += "\ncloudsim-3.0.3 quirks (arms[].quirks): \(CloudSimQuirks.keys.joined(separator: ", "))\n"
    s += "\n" + registryListingOfModels()
    s += "\nbundled SPECpower tables (power: {model: specpower, server: NAME}):\n"
    for e in SpecPowerLibrary.entries { s += "  \(pad(e.name, 22, right: true)) \(e.description)\n" }
    return s
}
