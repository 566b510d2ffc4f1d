import Foundation
import Scenario

/// What `virtsim sweep slurm FILE` puts into the batch script.
public struct SlurmScriptOptions: Sendable {
    /// The sweep file.
    public var sweepPath: String
    /// Output folder; nil = `results/<sweep file name>/` (made absolute).
    public var outDir: String?
    /// Runs per array task, ≥ 1; nil = as few as the array size allows (⌈runs / max array size⌉).
    public var runsPerTask: Int?
    /// The cluster's `MaxArraySize` (task ids 0…MaxArraySize − 1); Slurm's default is 1001.
    public var maxArraySize: Int
    /// CPUs per task (`--cpus-per-task`); each task runs that many worker threads.
    public var cpusPerTask: Int
    /// `--time` per task (e.g. `01:00:00`), if any.
    public var time: String?
    /// `--partition`, if any.
    public var partition: String?
    /// `--account`, if any.
    public var account: String?
    /// At most this many tasks at once (`--array=…%M`), if any.
    public var maxRunning: Int?
    /// The virtsim binary the tasks run; nil = this binary's absolute path.
    public var virtsimPath: String?

    /// Creates options; see the properties.
    public init(
        sweepPath: String, outDir: String? = nil, runsPerTask: Int? = nil, maxArraySize: Int = 1001, cpusPerTask: Int = 1,
        time: String? = nil, partition: String? = nil, account: String? = nil, maxRunning: Int? = nil, virtsimPath: String? = nil
    ) {
        self.sweepPath = sweepPath; self.outDir = outDir; self.runsPerTask = runsPerTask; self.maxArraySize = maxArraySize
        self.cpusPerTask = cpusPerTask; self.time = time; self.partition = partition; self.account = account
        self.maxRunning = maxRunning; self.virtsimPath = virtsimPath
    }
}

/// An `sbatch` script that runs a sweep as a Slurm job array: task K runs shard K of N
/// (`--shards N`, K from `SLURM_ARRAY_TASK_ID`) with `--resume`, so a requeued task keeps
/// its finished runs; task 0 also submits `virtsim sweep merge` as a job depending on the
/// whole array (`--dependency=afterok`). Creates the log folder `OUT/slurm/` (Slurm does not
/// create the folders of `--output`).
/// - Returns: The script text.
/// - Throws: ``ScenarioErrors`` for a bad sweep file, ``SweepError`` for bad options.
public func slurmScript(_ o: SlurmScriptOptions) throws -> String {
    guard o.maxArraySize >= 2 else { throw SweepError("--max-array-size must be ≥ 2 (Slurm's default is 1001)") }
    guard o.cpusPerTask >= 1 else { throw SweepError("--cpus-per-task must be ≥ 1") }
    if let r = o.runsPerTask, r < 1 { throw SweepError("--runs-per-task must be ≥ 1") }
    if let m = o.maxRunning, m < 1 { throw SweepError("--max-running must be ≥ 1 (the most array tasks at once), found \(m)") }
    let spec = try SweepSpec.load(path: o.sweepPath)
    let plan = try SweepPlan(spec)
    let cwd = FileManager.default.currentDirectoryPath
    let absolute = { (p: String) in p.hasPrefix("/") ? p : cwd + "/" + p }
    let stem = ((o.sweepPath as NSString).lastPathComponent as NSString).deletingPathExtension
    let out = (absolute(o.outDir ?? "results/\(stem)") as NSString).standardizingPath
    let sweep = (absolute(o.sweepPath) as NSString).standardizingPath
    let virtsim = o.virtsimPath.map { (absolute($0) as NSString).standardizingPath } ?? currentExecutablePath()
    let runs = plan.runCount
    let perTask = max(o.runsPerTask ?? 1, (runs + o.maxArraySize - 1) / o.maxArraySize)
    let tasks = (runs + perTask - 1) / perTask
    guard tasks <= o.maxArraySize else {
        throw SweepError("\(runs) runs at \(perTask) per task need \(tasks) array tasks, more than --max-array-size \(o.maxArraySize)")
    }
    do {
        try FileManager.default.createDirectory(atPath: out + "/slurm", withIntermediateDirectories: true)
    } catch {
        throw SweepError("\(out)/slurm: cannot create the log folder: \(error.localizedDescription)")
    }
    let jobName = "virtsim-" + String(spec.name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
    var s = """
        #!/bin/bash
        # Slurm job array for the virtsim sweep "\(spec.name)" (\(sweep)).
        # \(runs) run\(runs == 1 ? "" : "s") (\(plan.points.count) points × \(plan.replications) replications) in \(tasks) array task\(tasks == 1 ? "" : "s"), \(perTask == 1 ? "one run" : "about \(perTask) runs") each:
        # task K runs the runs whose index is K mod \(tasks). Slurm's MaxArraySize (default 1001) caps
        # task ids at MaxArraySize − 1, so larger sweeps put several runs in each task.
        #
        # Submit:   virtsim sweep slurm \(o.sweepPath) [options] > sweep.sbatch && sbatch sweep.sbatch
        # Task 0 also queues `virtsim sweep merge`, which starts once every task has ended well
        # (--dependency=afterok) and writes \(out)/runs.csv and aggregate.csv.
        # Requeued or resubmitted tasks resume: finished runs are kept, none is run twice.
        # A task that failed: resubmit it alone (sbatch --array=K THIS_SCRIPT), then run the merge:
        #   \(virtsim) sweep merge \(out)
        # Generated by virtsim \(virtsimVersion) (virtsim sweep slurm); the log folder \(out)/slurm exists.
        #SBATCH --job-name=\(jobName)
        #SBATCH --array=0-\(tasks - 1)\(o.maxRunning.map { "%\($0)" } ?? "")
        #SBATCH --ntasks=1
        #SBATCH --cpus-per-task=\(o.cpusPerTask)
        #SBATCH --chdir=\(cwd)
        #SBATCH --output=\(out)/slurm/%A_%a.out

        """
    if let t = o.time { s += "#SBATCH --time=\(t)\n" }
    if let p = o.partition { s += "#SBATCH --partition=\(p)\n" }
    if let a = o.account { s += "#SBATCH --account=\(a)\n" }
    s += """
        set -euo pipefail
        VIRTSIM=\(shellQuote(virtsim))
        SWEEP=\(shellQuote(sweep))
        OUT=\(shellQuote(out))

        if [[ ${SLURM_ARRAY_TASK_ID:-} == 0 && ${SLURM_RESTART_COUNT:-0} == 0 && -z ${VIRTSIM_NO_MERGE_JOB:-} ]]; then
          sbatch --parsable --job-name=\(jobName)-merge --dependency=afterok:"$SLURM_ARRAY_JOB_ID" \\
            --kill-on-invalid-dep=yes --ntasks=1 --cpus-per-task=1 --chdir=\(shellQuote(cwd))\(o.partition.map { " --partition=" + shellQuote($0) } ?? "")\(o.account.map { " --account=" + shellQuote($0) } ?? "") \\
            --output="$OUT/slurm/%j-merge.out" --wrap="$(printf '%q ' "$VIRTSIM" sweep merge "$OUT")" \\
            || echo "warning: could not queue the merge job; when the array is done run: $VIRTSIM sweep merge $OUT" >&2
        fi
        exec "$VIRTSIM" sweep "$SWEEP" --out "$OUT" --shards \(tasks) --jobs "${SLURM_CPUS_PER_TASK:-\(o.cpusPerTask)}" --resume --progress lines

        """
    return s
}

/// The absolute path of the running executable (`/proc/self/exe` on Linux).
package func currentExecutablePath() -> String {
    if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
    let arg0 = CommandLine.arguments.first ?? "virtsim"
    if arg0.contains("/") {
        return ((arg0.hasPrefix("/") ? arg0 : FileManager.default.currentDirectoryPath + "/" + arg0) as NSString).standardizingPath
    }
    return arg0
}

/// `text` single-quoted for a POSIX shell when it has characters the shell would interpret.
func shellQuote(_ text: String) -> String {
    let safe = text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-+=:,@%".contains($0)) }
    return safe && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// `virtsim sweep list FILE`: the expanded runs, each with the `virtsim run` command that
/// repeats it alone.
/// - Returns: A header line and one line per run.
/// - Throws: ``ScenarioErrors`` for a bad sweep file.
public func sweepListing(path: String) throws -> String {
    let spec = try SweepSpec.load(path: path)
    let plan = try SweepPlan(spec)
    let cwd = FileManager.default.currentDirectoryPath + "/"
    let scenario = spec.scenarioPath.hasPrefix(cwd) ? String(spec.scenarioPath.dropFirst(cwd.count)) : spec.scenarioPath
    var s =
        "\(spec.name): \(plan.runCount) runs = \(plan.points.count) point\(plan.points.count == 1 ? "" : "s") (design \(spec.design.rawValue)) × \(plan.replications) replication\(plan.replications == 1 ? "" : "s"); fingerprint \(plan.fingerprint)\n"
    s += "run_index  run_id  seed  command\n"
    for i in 0..<plan.runCount {
        let r = plan.run(i)
        s += "\(r.index)  \(r.id)  \(r.seed)  virtsim run \(shellQuote(scenario)) --seed \(r.seed)"
        for o in r.overrides { s += " --set " + shellQuote(o) }
        s += "\n"
    }
    return s
}
