import Foundation
import Engine
import Reports
import Scenario

/// What `virtsim sweep FILE` was asked to do.
public struct SweepOptions: Sendable {
    /// The sweep file.
    public var sweepPath: String
    /// Output folder; nil = `results/<sweep file name without extension>/`.
    public var outDir: String?
    /// Worker threads, ≥ 1; nil = every core (`SLURM_CPUS_PER_TASK` when set, else the
    /// active processor count), never more than the runs left.
    public var jobs: Int?
    /// Keep finished runs found in the folder and run only the others.
    public var resume: Bool
    /// With ``resume``: run failed runs again too.
    public var retryFailed: Bool
    /// Run one shard (writes `part-K.csv`) instead of the whole sweep.
    public var shard: ShardRequest?
    /// Progress reporting on standard error.
    public var progress: SweepProgressMode
    /// The environment (shard index variables, `SLURM_CPUS_PER_TASK`).
    public var environment: [String: String]

    /// Creates options; see the properties.
    public init(
        sweepPath: String, outDir: String? = nil, jobs: Int? = nil, resume: Bool = false, retryFailed: Bool = false,
        shard: ShardRequest? = nil, progress: SweepProgressMode = .auto,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.sweepPath = sweepPath; self.outDir = outDir; self.jobs = jobs; self.resume = resume
        self.retryFailed = retryFailed; self.shard = shard; self.progress = progress; self.environment = environment
    }
}

/// What a sweep (or one shard) did.
public struct SweepOutcome: Sendable {
    /// The output folder.
    public var outDir: String
    /// Runs of this sweep or shard.
    public var runs: Int
    /// Runs executed now.
    public var executed: Int
    /// Runs found finished and kept (resume).
    public var kept: Int
    /// Failed runs among all runs of this sweep or shard.
    public var failed: Int
    /// Worker threads used.
    public var workers: Int
    /// Wall time of the whole command, seconds.
    public var wallSeconds: Double
    /// Files written at the end (runs.csv and aggregate.csv, or part-K.csv).
    public var files: [String]
    /// The short summary `virtsim sweep` prints.
    public var summaryText: String
}

/// Runs a sweep (or one shard of it) on worker threads, writing every finished run
/// atomically, then assembles `runs.csv` + `aggregate.csv` (or `part-K.csv`).
///
/// Runs are independent: each builds its own scenario model from the YAML
/// (``loadScenario(path:overrides:seed:)``), so no object is shared between threads. A run
/// that throws (a bad value on an axis, an unreadable trace) is recorded as `failed` with its
/// error and the others carry on.
/// - Throws: ``ScenarioErrors`` for a bad sweep file or a base scenario that is invalid with
///   the sweep's `set` alone; ``SweepError`` for folder, lock, shard and resume problems.
public func runSweep(_ o: SweepOptions) throws -> SweepOutcome {
    let t0 = monotonicSeconds()
    let spec = try SweepSpec.load(path: o.sweepPath)
    let plan = try SweepPlan(spec)
    let shard = try o.shard.map { try $0.resolve(environment: o.environment) }
    let stem = ((o.sweepPath as NSString).lastPathComponent as NSString).deletingPathExtension
    let store = SweepStore(dir: o.outDir ?? "results/\(stem)")
    let columns = SweepColumns(axes: plan.axisPaths)
    let header = columns.header
    let manifest = SweepManifest(plan: plan, shards: shard?.count ?? 0)

    try store.create()
    let lockFD = try store.lock(shard.map { String($0.index) } ?? "all")
    defer { store.unlock(lockFD) }
    let share = shard.map { shareOf(shard: $0.index, of: $0.count, total: plan.runCount) } ?? Array(0..<plan.runCount)
    let finalFiles = shard.map { [store.partPath($0.index)] } ?? [store.runsCSV, store.aggregateCSV, store.aggregateWideCSV, store.reportHTML]

    // The folder must hold this sweep (or nothing yet).
    if let existing = try SweepManifest.read(store.manifestPath) {
        if existing.fingerprint != manifest.fingerprint {
            throw SweepError(
                "\(store.dir) holds results of another sweep (\(existing.sweepFile), fingerprint \(existing.fingerprint); this one is \(manifest.fingerprint): the sweep file or its base scenario changed); choose another --out or remove the folder"
            )
        }
        if existing.shards != manifest.shards {
            let was = existing.shards == 0 ? "unsharded" : "in \(existing.shards) shards"
            let now = manifest.shards == 0 ? "unsharded" : "in \(manifest.shards) shards"
            throw SweepError("\(store.dir) holds this sweep run \(was); this command runs it \(now); use the same sharding (or another --out)")
        }
    } else {
        try store.writeAtomically(store.planPath, SweepPlanFile.render(plan))
        try store.writeAtomically(store.manifestPath, Array(manifest.json.utf8))
    }

    // What is finished already.
    let shareSet = Set(share)
    let present = store.runFileIndices().intersection(shareSet)
    if !o.resume && (!present.isEmpty || finalFiles.contains(where: FileManager.default.fileExists)) {
        throw SweepError(
            "\(store.dir) already holds \(present.count) finished run\(present.count == 1 ? "" : "s") of this sweep\(shard.map { " (shard \($0.index)/\($0.count))" } ?? ""); pass --resume to continue it, or choose another --out"
        )
    }
    store.removeTemporaries(of: shareSet)
    var done = Set<Int>()
    for i in present.sorted() {
        guard let rows = store.readRun(index: i, header: header) else { continue }  // torn: redo
        if o.retryFailed && rows.count == 1 && rows[0][columns.statusColumn] == "failed" { continue }
        done.insert(i)
    }
    let todo = share.filter { !done.contains($0) }

    // The base scenario with the fixed overrides must be valid, or every run would fail.
    if !todo.isEmpty {
        do {
            _ = try loadScenario(path: spec.scenarioPath, overrides: spec.fixedOverrides)
        } catch {
            throw ScenarioErrors(issues: error.issues.map { relabel($0, spec) })
        }
        try checkAxes(plan)
    }

    let label = shard.map { "shard \($0.index)/\($0.count) " } ?? ""
    let progress = SweepProgress(mode: o.progress, total: share.count, alreadyDone: done.count, label: label)
    if !done.isEmpty && o.progress.resolved != .none {
        printToStandardError("\(label)resuming \(store.dir): \(done.count) of \(share.count) runs already finished, \(todo.count) to run")
    }
    let workers = max(1, min(o.jobs ?? defaultSweepJobs(o.environment), max(1, todo.count)))
    let failure = try runPool(todo: todo, workers: workers, plan: plan, columns: columns, store: store, progress: progress)
    progress.finish()
    if let failure { throw SweepError("\(store.dir): \(failure) (finished runs are kept; fix the problem and pass --resume)") }

    // Assemble the final files in run-index order.
    let rows = try assembleRows(store: store, header: header, indices: share)
    if let s = shard {
        try writeCSV(store, store.partPath(s.index), header: header, rows: rows)
    } else {
        try writeCSV(store, store.runsCSV, header: header, rows: rows)
        try store.writeSummaries(name: plan.spec.name, header: header, rows: rows, axes: plan.axisPaths, statusColumn: columns.statusColumn)
    }
    let failed = countFailed(rows, statusColumn: columns.statusColumn)
    let wall = monotonicSeconds() - t0
    var outcome = SweepOutcome(
        outDir: store.dir, runs: share.count, executed: todo.count, kept: done.count, failed: failed,
        workers: workers, wallSeconds: wall, files: finalFiles, summaryText: "")
    outcome.summaryText = sweepSummary(plan: plan, outcome: outcome, shard: shard, rows: rows, header: header)
    return outcome
}

/// Checks every axis before any run: an axis none of whose values gives a valid scenario (with
/// the base scenario, the fixed overrides and that one value) would fail every run — a
/// misspelt path, or values all out of range — so the sweep stops here with the first value's
/// problems. An axis with some valid values runs; runs with a bad value (or a bad combination)
/// fail alone and are recorded. A range axis is tried at its smallest and largest values in
/// the plan.
/// - Throws: ``ScenarioErrors`` naming the axis and value, with the decoder's positions.
func checkAxes(_ plan: SweepPlan) throws(ScenarioErrors) {
    let spec = plan.spec
    for (j, axis) in spec.axes.enumerated() {
        var values: [String] = []
        switch axis.domain {
        case .values(let v): values = v
        case .range:
            let taken = plan.points.map { $0[j] }.sorted { (Double($0) ?? 0) < (Double($1) ?? 0) }
            values = [taken.first, taken.last].compactMap { $0 }
        }
        var firstIssues: [ScenarioIssue]? = nil
        var anyValid = values.isEmpty
        var seen = Set<String>()
        for value in values where seen.insert(value).inserted {
            do {
                _ = try loadScenario(path: spec.scenarioPath, overrides: spec.fixedOverrides + ["\(axis.path)=\(value)"])
                anyValid = true
                break
            } catch {
                if firstIssues == nil {
                    firstIssues = error.issues.map { issue in
                        var i = relabel(issue, spec, overrides: ["\(axis.path)=\(value)"])
                        i.message = "sweep axis \(axis.path) = \(value): " + i.message
                        return i
                    }
                }
            }
        }
        if !anyValid, var issues = firstIssues {
            issues.append(ScenarioIssue(file: spec.file, message: "no value of sweep axis \(axis.path) gives a valid scenario: every run would fail"))
            throw ScenarioErrors(issues: issues)
        }
    }
}

/// Default worker count: `SLURM_CPUS_PER_TASK` if set, else the active processor count.
func defaultSweepJobs(_ env: [String: String]) -> Int {
    if let s = env["SLURM_CPUS_PER_TASK"], let n = Int(s), n >= 1 { return n }
    return ProcessInfo.processInfo.activeProcessorCount
}

/// Runs `todo` on `workers` threads; returns the first storage failure (which stops the
/// pool), or nil.
private func runPool(
    todo: [Int], workers: Int, plan: SweepPlan, columns: SweepColumns, store: SweepStore,
    progress: SweepProgress
) throws -> String? {
    guard !todo.isEmpty else { return nil }
    let queue = WorkQueue(todo)
    let group = DispatchGroup()
    let header = columns.header
    for _ in 0..<workers {
        group.enter()
        let thread = Thread {
            defer { group.leave() }
            while let i = queue.take() {
                let run = plan.run(i)
                let (rows, error, wall) = executeSweepRun(run, plan: plan, columns: columns)
                do {
                    try store.writeRun(index: i, header: header, rows: rows)
                } catch {
                    queue.fail("\(error)")
                    return
                }
                progress.finished(i, id: run.id, error: error, wallSeconds: wall)
            }
        }
        thread.stackSize = 16 << 20
        thread.start()
    }
    while group.wait(timeout: .now() + 0.5) == .timedOut { progress.tick() }
    return queue.failure
}

/// Executes one run: load the scenario with the run's overrides and seed, simulate every arm.
package func executeSweepRun(_ run: SweepRun, plan: SweepPlan, columns: SweepColumns) -> (rows: [[CSVField]], error: String?, wall: Double) {
    let t0 = monotonicSeconds()
    var results: [ArmResult]?
    var message: String?
    do {
        let (_, model) = try loadScenario(path: plan.spec.scenarioPath, overrides: run.overrides, seed: run.seed)
        results = try simulateScenarioModel(model)
    } catch let error as ScenarioErrors {
        message = error.issues.map { relabel($0, plan.spec, overrides: run.overrides).description }.joined(separator: "; ")
    } catch {
        message = "\(error)"
    }
    let wall = monotonicSeconds() - t0
    return (columns.rows(run: run, results: results, error: message, wallSeconds: wall), message, wall)
}

/// Names the base scenario as the sweep file writes it, so errors do not depend on the
/// current directory.
func relabel(_ issue: ScenarioIssue, _ spec: SweepSpec, overrides: [String] = []) -> ScenarioIssue {
    var i = spec.locatingOverride(issue, overrides: overrides)
    if i.file == spec.scenarioPath { i.file = spec.scenarioLabel }
    i.message = i.message.replacingOccurrences(of: "\n", with: " ")
    return i
}

/// The rows of the given runs, in index order, from their run files.
func assembleRows(store: SweepStore, header: [String], indices: [Int]) throws -> [[String]] {
    var rows: [[String]] = []
    var missing: [Int] = []
    for i in indices {
        if let r = store.readRun(index: i, header: header) { rows += r } else { missing.append(i) }
    }
    if !missing.isEmpty {
        throw SweepError(
            "\(store.dir): run file\(missing.count == 1 ? "" : "s") missing or damaged for run\(missing.count == 1 ? "" : "s") \(listIndices(missing)); pass --resume to redo them"
        )
    }
    return rows
}

/// Writes a CSV of text records atomically.
func writeCSV(_ store: SweepStore, _ path: String, header: [String], rows: [[String]]) throws {
    var enc = CSVEncoder(capacity: 1 << 16)
    enc.row(header)
    SweepCSV.encode(rows, into: &enc)
    try store.writeAtomically(path, enc.bytes)
}

func countFailed(_ rows: [[String]], statusColumn: Int) -> Int {
    rows.lazy.filter { $0[statusColumn] == "failed" }.count
}

/// `3, 5, 7–9` (at most 20 items, then `… (N in all)`).
func listIndices(_ xs: [Int]) -> String {
    var parts: [String] = []
    var i = 0
    while i < xs.count {
        var j = i
        while j + 1 < xs.count && xs[j + 1] == xs[j] + 1 { j += 1 }
        parts.append(j > i ? "\(xs[i])–\(xs[j])" : "\(xs[i])")
        i = j + 1
    }
    return parts.count > 20 ? parts.prefix(20).joined(separator: ", ") + ", … (\(xs.count) in all)" : parts.joined(separator: ", ")
}

/// Hands out run indices to worker threads.
final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let items: [Int]
    private var next = 0
    private var firstFailure: String?

    init(_ items: [Int]) { self.items = items }

    /// The next run, or nil when all are handed out or the pool failed.
    func take() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard firstFailure == nil, next < items.count else { return nil }
        next += 1
        return items[next - 1]
    }

    /// Stops handing out runs.
    func fail(_ message: String) {
        lock.lock(); defer { lock.unlock() }
        if firstFailure == nil { firstFailure = message }
    }

    var failure: String? { lock.lock(); defer { lock.unlock() }; return firstFailure }
}

/// The summary printed after a sweep: counts, files, and (≤ 12 points) the savings with
/// their 95% intervals.
func sweepSummary(plan: SweepPlan, outcome o: SweepOutcome, shard: (index: Int, count: Int)?, rows: [[String]], header: [String]) -> String {
    var s = "\(plan.spec.name)"
    if let shard { s += " shard \(shard.index)/\(shard.count)" }
    s +=
        ": \(o.runs) run\(o.runs == 1 ? "" : "s") (\(plan.points.count) point\(plan.points.count == 1 ? "" : "s") × \(plan.replications) replication\(plan.replications == 1 ? "" : "s")"
    if shard != nil { s += " in the whole sweep" }
    s += "), \(o.runs - o.failed) ok, \(o.failed) failed"
    if o.kept > 0 { s += ", \(o.kept) kept from before" }
    s += "; \(o.executed) run on \(o.workers) worker\(o.workers == 1 ? "" : "s") in \(formatFixed(o.wallSeconds, decimals: 2)) s\n"
    if o.failed > 0 {
        let statusCol = SweepColumns(axes: plan.axisPaths).statusColumn
        if let first = rows.first(where: { $0[statusCol] == "failed" }) {
            s += "first failure: run \(first[0]): \(first[statusCol + 1])\n"
        }
    }
    if shard == nil, plan.points.count <= 12,
        let agg = SweepCSV.parse(SweepAggregate.render(header: header, rows: rows, axes: plan.axisPaths))
    {
        let k = 1 + plan.axisPaths.count
        let lines = agg.dropFirst().filter { $0[k + 1] == "it_energy_saving_pct" || $0[k + 1] == "hosts_saving" }
        if !lines.isEmpty {
            s += "\nsavings against the baseline (mean, 95% CI):\n"
            for l in lines {
                let point = plan.axisPaths.isEmpty ? "" : "p\(l[0]) " + zip(plan.axisPaths, l[1..<k]).map { "\($0)=\($1)" }.joined(separator: " ") + "  "
                let ci = l[k + 5].isEmpty ? "" : " [\(round2(l[k + 5])), \(round2(l[k + 6]))]"
                s += "  \(point)\(l[k]): \(l[k + 1]) \(round2(l[k + 3]))\(ci) n=\(l[k + 2])\n"
            }
        }
    }
    s += "\nwrote " + o.files.joined(separator: ", ") + "\n"
    if let shard { s += "when all \(shard.count) shards are done: virtsim sweep merge \(o.outDir)\n" }
    return s
}

private func round2(_ text: String) -> String { Double(text).map { formatFixed($0, decimals: 2) } ?? text }
