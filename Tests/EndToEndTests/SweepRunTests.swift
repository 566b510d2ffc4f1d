import Foundation
import Testing
import VirtsimCore
#if canImport(Glibc)
    import Glibc
#endif

/// The virtsim binary next to the test bundle (whatever the scratch path), else `.build/debug`.
let sweepCLIPath: String = {
    let runner = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    var dir = runner.deletingLastPathComponent()
    // Swift Testing on Linux runs `<scratch>/debug/<package>PackageTests.xctest`.
    for _ in 0..<3 {
        let candidate = dir.appendingPathComponent("virtsim").path
        if FileManager.default.isExecutableFile(atPath: candidate), !candidate.hasSuffix(".xctest") { return candidate }
        dir.deleteLastPathComponent()
    }
    return cliPath
}()

/// A mini scenario with stochastic demand (so seeds matter) and a sweep over it.
private func sweepFolder(sweep: String, duration: String = "6 h") -> String {
    let dir = makeTempDir("virtsim-sweep")
    let workload = "{type: stochastic, interval: 5 min, cpu: {distribution: uniform, min: 0.05, max: 0.6}, memory: {distribution: constant, value: 0.5}}"
    write(
        miniScenario(count: "6", workload: workload).replacingOccurrences(of: "duration: 1 h", with: "duration: \(duration)"),
        to: dir + "/base.yaml")
    write(sweep, to: dir + "/sweep.yaml")
    return dir
}

private let gridSweep = """
    scenario: base.yaml
    seed: 11
    replications: 3
    axes:
      arms.1.placement: [best-fit-decreasing, first-fit, worst-fit]
      arms.1.cpu_overcommit: [1, 2]
    """

/// The CSV lines with every `*_wall_s` column removed.
func withoutWallColumns(_ csv: String) -> [String] {
    let lines = csv.split(separator: "\n").map(String.init)
    guard let header = lines.first else { return [] }
    let keep = header.split(separator: ",", omittingEmptySubsequences: false).enumerated()
        .filter { !$0.element.hasSuffix("_wall_s") }.map(\.offset)
    return lines.map { line in
        let f = line.split(separator: ",", omittingEmptySubsequences: false)
        return keep.map { $0 < f.count ? String(f[$0]) : "" }.joined(separator: ",")
    }
}

private func sweep(
    _ dir: String, out: String, jobs: Int = 2, resume: Bool = false, shard: ShardRequest? = nil,
    env: [String: String] = [:]
) throws -> SweepOutcome {
    try runSweep(
        SweepOptions(
            sweepPath: dir + "/sweep.yaml", outDir: dir + "/" + out, jobs: jobs, resume: resume,
            shard: shard, progress: .none, environment: env))
}

@Suite("Sweeps: parallel, resumable, sharded")
struct SweepRunTests {
    @Test("--jobs 1 and --jobs 2 give the same runs.csv (wall time aside) and the same aggregate.csv")
    func determinism() throws {
        let dir = sweepFolder(sweep: gridSweep)
        let one = try sweep(dir, out: "j1", jobs: 1), two = try sweep(dir, out: "j2", jobs: 2)
        #expect(one.runs == 18 && one.failed == 0 && two.workers == 2)
        let a = read(dir + "/j1/runs.csv")!, b = read(dir + "/j2/runs.csv")!
        #expect(withoutWallColumns(a) == withoutWallColumns(b))
        #expect(withoutWallColumns(a).count == 1 + 18 * 2, "one row per run and arm")
        #expect(read(dir + "/j1/aggregate.csv") == read(dir + "/j2/aggregate.csv"))
        let header = a.prefix { $0 != "\n" }
        #expect(header.hasPrefix("run_index,point_index,replication,seed,arms.1.placement,arms.1.cpu_overcommit,arm,status,error,baseline,hosts_total,"))
        #expect(header.hasSuffix(",run_wall_s"))
        let indices = withoutWallColumns(a).dropFirst().map { Int($0.prefix { $0 != "," })! }
        #expect(indices == indices.sorted(), "rows in run-index order")
        let agg = read(dir + "/j1/aggregate.csv")!
        #expect(agg.hasPrefix("point_index,arms.1.placement,arms.1.cpu_overcommit,arm,metric,n,mean,sd,ci95_low,ci95_high\n"))
        #expect(agg.contains("\n0,best-fit-decreasing,1,packed,it_energy_saving_pct,3,"))
        #expect(!agg.contains("_wall_s"))
    }

    @Test("a carbon axis: kgco2e columns in runs.csv and paired carbon savings in aggregate.csv; saving = 400/100 × the 100 g saving")
    func carbonAxis() throws {
        let dir = sweepFolder(sweep: "scenario: base.yaml\nseed: 3\nreplications: 2\naxes:\n  carbon.location_g_per_kwh: [100, 400]\n")
        let o = try sweep(dir, out: "o")
        #expect(o.runs == 4 && o.failed == 0)
        let agg = read(dir + "/o/aggregate.csv")!.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        func mean(_ point: String, _ metric: String) -> Double? {
            agg.first { $0.first == Substring(point) && $0.count > 5 && $0[2] == "packed" && $0[3] == Substring(metric) }.flatMap { Double($0[5]) }
        }
        let low = try #require(mean("0", "kgco2e_location_saving")), high = try #require(mean("1", "kgco2e_location_saving"))
        #expect(low > 0 && abs(high - 4 * low) < 1e-5 * high, "\(low) \(high)")  // same seeds, same energy: 4× the intensity
        #expect(mean("0", "kgco2e_location_saving_pct") != nil && mean("0", "kgco2e_location") != nil)
    }

    @Test("a run with a bad axis value is recorded as failed with its error; the others complete")
    func failingRun() throws {
        let dir = sweepFolder(sweep: "scenario: base.yaml\nreplications: 2\naxes:\n  arms.1.cpu_overcommit: [1, -3, 2]\n")
        let o = try sweep(dir, out: "o")
        #expect(o.runs == 6 && o.failed == 2)
        let lines = read(dir + "/o/runs.csv")!.split(separator: "\n").map(String.init)
        let failed = lines.filter { $0.contains(",failed,") }
        #expect(failed.count == 2 && failed.allSatisfy { $0.hasPrefix("2,1,") || $0.hasPrefix("3,1,") }, "\(failed)")
        // the error points at the run's value in the sweep file (the -3), not at --set (issue 16)
        #expect(failed[0].contains("sweep.yaml:4:30: arms[1].cpu_overcommit (set by arms.1.cpu_overcommit on base.yaml): expected a number"), "\(failed[0])")
        #expect(lines.filter { $0.contains(",ok,") }.count == 4 * 2)
        // The aggregate has no row for the failed point.
        #expect(!read(dir + "/o/aggregate.csv")!.contains("\n1,-3,"))
    }

    @Test("an axis value beyond the clock's range (9.3e12 s trapped the whole sweep) fails only its run")
    func hugeDurationFailsOneRun() throws {
        let dir = sweepFolder(sweep: "scenario: base.yaml\naxes:\n  duration: [1 h, 9.3e12, 2 h]\n")
        let o = try sweep(dir, out: "o")
        #expect(o.runs == 3 && o.failed == 1)
        let failed = read(dir + "/o/runs.csv")!.split(separator: "\n").filter { $0.contains(",failed,") }
        #expect(failed.count == 1 && failed[0].contains("expected a duration ≤ 1000 years"), "\(failed)")
    }

    @Test("shards 0/3, 1/3, 2/3 merged equal the unsharded sweep; the index can come from the scheduler")
    func shardsMerge() throws {
        let dir = sweepFolder(sweep: gridSweep)
        _ = try sweep(dir, out: "all")
        _ = try sweep(dir, out: "sh", shard: .explicit(index: 0, count: 3))
        _ = try sweep(dir, out: "sh", shard: .fromEnvironment(count: 3), env: ["JOB_COMPLETION_INDEX": "1"])
        _ = try sweep(
            dir, out: "sh", shard: .fromEnvironment(count: nil),
            env: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3"])
        let part1 = read(dir + "/sh/part-1.csv")!.split(separator: "\n").dropFirst()
        #expect(part1.allSatisfy { Int($0.prefix { $0 != "," })! % 3 == 1 }, "shard 1 holds runs 1, 4, 7, …")
        _ = try mergeSweep(dir: dir + "/sh")
        #expect(withoutWallColumns(read(dir + "/sh/runs.csv")!) == withoutWallColumns(read(dir + "/all/runs.csv")!))
        #expect(read(dir + "/sh/aggregate.csv") == read(dir + "/all/aggregate.csv"))
        #expect(throws: SweepError.self) {
            _ = try ShardRequest.fromEnvironment(count: 3).resolve(environment: ["AWS_BATCH_JOB_ARRAY_INDEX": "3"])
        }
        #expect(try ShardRequest.fromEnvironment(count: 4).resolve(environment: ["AWS_BATCH_JOB_ARRAY_INDEX": "3"]) == (3, 4))
    }

    @Test("merge refuses when a part is missing or incomplete, and names it")
    func mergeRefuses() throws {
        let dir = sweepFolder(sweep: gridSweep)
        _ = try sweep(dir, out: "sh", shard: .explicit(index: 0, count: 3))
        _ = try sweep(dir, out: "sh", shard: .explicit(index: 2, count: 3))
        do {
            _ = try mergeSweep(dir: dir + "/sh")
            Issue.record("merge should refuse")
        } catch let e as SweepError {
            #expect(e.description.contains("part-1.csv is missing (shard 1/3: 6 runs, 0 of them finished in runs.d)"), "\(e)")
            #expect(!e.description.contains("part-0") && !e.description.contains("part-2"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/sh/runs.csv"))
        // An incomplete part: drop the rows of run 5 from part-2.csv.
        _ = try sweep(dir, out: "sh", shard: .explicit(index: 1, count: 3))
        let part2 = read(dir + "/sh/part-2.csv")!.split(separator: "\n").filter { !$0.hasPrefix("5,") }
        write(part2.joined(separator: "\n") + "\n", to: dir + "/sh/part-2.csv")
        #expect(throws: SweepError.self) { _ = try mergeSweep(dir: dir + "/sh") }
        do { _ = try mergeSweep(dir: dir + "/sh") } catch {
            #expect("\(error)".contains("part-2.csv is incomplete: run 5 missing"), "\(error)")
        }
    }

    @Test("merge refuses a part that is a FIFO instead of waiting on it forever (issue 16)")
    func mergeRefusesAFIFOPart() throws {
        let dir = sweepFolder(sweep: gridSweep)
        _ = try sweep(dir, out: "sh", shard: .explicit(index: 0, count: 2))
        #expect(mkfifo(dir + "/sh/part-1.csv", 0o600) == 0)
        do {
            _ = try mergeSweep(dir: dir + "/sh")
            Issue.record("merge should refuse")
        } catch let e as SweepError {
            #expect(e.description.contains("part-1.csv: it is a FIFO (named pipe), not a regular file"), "\(e)")
        }
    }

    @Test("merge refuses a part with duplicated rows (they narrowed the intervals) and rows of another shard")
    func mergeRefusesDuplicatedAndForeignRows() throws {
        let dir = sweepFolder(sweep: gridSweep)
        for k in 0..<3 { _ = try sweep(dir, out: "sh", shard: .explicit(index: k, count: 3)) }
        let part0 = read(dir + "/sh/part-0.csv")!
        let rows0 = part0.split(separator: "\n").dropFirst()
        // part-0 concatenated with its own rows
        write(part0 + rows0.joined(separator: "\n") + "\n", to: dir + "/sh/part-0.csv")
        do {
            _ = try mergeSweep(dir: dir + "/sh")
            Issue.record("merge should refuse")
        } catch {
            #expect("\(error)".contains("part-0.csv repeats the rows of runs 0, 3, 6, 9, 12, 15 (a part written twice or concatenated?)"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/sh/runs.csv"))
        // part-1 holding part-0's rows besides its own
        write(part0, to: dir + "/sh/part-0.csv")
        write(read(dir + "/sh/part-1.csv")! + rows0.joined(separator: "\n") + "\n", to: dir + "/sh/part-1.csv")
        do {
            _ = try mergeSweep(dir: dir + "/sh")
            Issue.record("merge should refuse")
        } catch {
            #expect("\(error)".contains("part-1.csv holds runs 0, 3, 6, 9, 12, 15 that belong to other shards"), "\(error)")
        }
    }

    @Test("an existing folder needs --resume; a changed sweep or other sharding is refused; torn run files are redone")
    func resumeRules() throws {
        let dir = sweepFolder(sweep: gridSweep)
        let first = try sweep(dir, out: "o")
        #expect(throws: SweepError.self) { _ = try sweep(dir, out: "o") }
        #expect(throws: SweepError.self) { _ = try sweep(dir, out: "o", resume: true, shard: .explicit(index: 0, count: 2)) }
        let again = try sweep(dir, out: "o", resume: true)
        #expect(again.executed == 0 && again.kept == 18)
        // Tear one run file (as a crash of the machine could) and delete another: both are redone.
        let runsD = dir + "/o/runs.d/"
        let torn = read(runsD + "00000004.csv")!
        write(String(torn.prefix(torn.count - 12)), to: runsD + "00000004.csv")
        try FileManager.default.removeItem(atPath: runsD + "00000009.csv")
        let redo = try sweep(dir, out: "o", resume: true)
        #expect(redo.executed == 2 && redo.kept == 16)
        #expect(withoutWallColumns(read(dir + "/o/runs.csv")!).count == 1 + 36)
        #expect(first.runs == redo.runs)
        write(gridSweep.replacingOccurrences(of: "seed: 11", with: "seed: 12"), to: dir + "/sweep.yaml")
        do { _ = try sweep(dir, out: "o", resume: true); Issue.record("a changed sweep must be refused") } catch {
            #expect("\(error)".contains("holds results of another sweep"), "\(error)")
        }
    }

    @Test("the sbatch script: array size, chunking under MaxArraySize, shards, resume, dependent merge")
    func slurmScriptText() throws {
        let dir = sweepFolder(sweep: gridSweep)  // 18 runs
        let s = try slurmScript(
            SlurmScriptOptions(
                sweepPath: dir + "/sweep.yaml", outDir: dir + "/out", maxArraySize: 5,
                cpusPerTask: 2, time: "00:10:00", virtsimPath: "/opt/virtsim"))
        // 18 runs, at most 5 tasks → 4 runs per task → 5 tasks (ids 0–4).
        #expect(s.contains("#SBATCH --array=0-4\n"), "\(s)")
        #expect(s.contains("#SBATCH --cpus-per-task=2\n") && s.contains("#SBATCH --time=00:10:00\n"))
        #expect(s.contains("--shards 5 --jobs \"${SLURM_CPUS_PER_TASK:-2}\" --resume"))
        #expect(s.contains("--dependency=afterok:\"$SLURM_ARRAY_JOB_ID\""))
        #expect(s.contains("sweep merge \"$OUT\""))
        #expect(s.contains("VIRTSIM=/opt/virtsim\n"))
        #expect(FileManager.default.fileExists(atPath: dir + "/out/slurm"), "the log folder exists before sbatch")
        let one = try slurmScript(SlurmScriptOptions(sweepPath: dir + "/sweep.yaml", outDir: dir + "/out"))
        #expect(one.contains("#SBATCH --array=0-17\n") && one.contains("--shards 18 "))
    }

    @Test("--max-running 0 is refused (it wrote %0 into the script)")
    func slurmMaxRunningZero() throws {
        let dir = sweepFolder(sweep: gridSweep)
        for m in [0, -2] {
            let e = #expect(throws: SweepError.self) {
                try slurmScript(SlurmScriptOptions(sweepPath: dir + "/sweep.yaml", outDir: dir + "/out", maxRunning: m))
            }
            #expect(e?.description == "--max-running must be ≥ 1 (the most array tasks at once), found \(m)")
        }
        #expect(try slurmScript(SlurmScriptOptions(sweepPath: dir + "/sweep.yaml", outDir: dir + "/out", maxRunning: 3)).contains("#SBATCH --array=0-17%3\n"))
    }
}

@Suite("Sweeps: the CLI", .serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: sweepCLIPath), "needs the virtsim binary"))
struct SweepCLITests {
    func cli(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: sweepCLIPath)
        p.arguments = args
        let o = Pipe(), e = Pipe()
        p.standardOutput = o; p.standardError = e
        try p.run()
        let out = o.fileHandleForReading.readDataToEndOfFile(), err = e.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test("--seed -1 is refused as a seed below 0, not as a missing value")
    func negativeSeed() throws {
        let dir = sweepFolder(sweep: gridSweep)
        for args in [["run", dir + "/base.yaml", "--seed", "-1", "--out", dir + "/o"], ["size", dir + "/base.yaml", "--seed", "-1"]] {
            let r = try cli(args)
            #expect(r.status != 0 && r.err.contains("--seed expects an integer ≥ 0, found \"-1\""), "\(r.err)")
            #expect(!r.err.contains("Missing value"))
        }
    }

    @Test("a bad sweep file: FILE:LINE:COL: path: message on stderr, exit 1; list and merge usage")
    func badFile() throws {
        let dir = sweepFolder(sweep: "scenario: base.yaml\naxes:\n  arms.1.placement: [a]\n  x: {min: 1}\n")
        let r = try cli(["sweep", dir + "/sweep.yaml", "--out", dir + "/o"])
        #expect(r.status == 1)
        #expect(r.err.contains("sweep.yaml:4:6: axes.x: missing required key \"max\""), "\(r.err)")
        let m = try cli(["sweep", "merge", dir + "/nothing"])
        #expect(m.status == 1 && m.err.contains("sweep.json is missing"), "\(m.err)")
        write(gridSweep, to: dir + "/sweep.yaml")
        let l = try cli(["sweep", "list", dir + "/sweep.yaml"])
        #expect(l.status == 0 && l.out.contains("17  p5-r2  "), "\(l.out)")
        #expect(l.out.contains("--set arms.1.placement=worst-fit --set arms.1.cpu_overcommit=2"))
    }

    @Test("an axis that fails every run is refused before any run (exit 1); a sweep whose every run failed exits 2; one with some ok runs exits 0")
    func everyRunFailed() throws {
        let dir = sweepFolder(sweep: "scenario: base.yaml\naxes:\n  arms.1.cpu_overcommit: [-1, -3]\n")
        let early = try cli(["sweep", dir + "/sweep.yaml", "--out", dir + "/o0", "--quiet"])
        #expect(early.status == 1 && early.err.contains("sweep axis arms.1.cpu_overcommit = -1: expected a number"), "\(early.err)")
        #expect(early.err.contains("no value of sweep axis arms.1.cpu_overcommit gives a valid scenario"), "\(early.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/o0/runs.csv"))
        let misspelt = sweepFolder(sweep: "scenario: base.yaml\naxes:\n  arms.1.cpu_overcomit: [2, 3]\n")
        let m = try cli(["sweep", misspelt + "/sweep.yaml", "--out", misspelt + "/o", "--quiet"])
        #expect(m.status == 1 && m.err.contains("did you mean \"cpu_overcommit\""), "\(m.err)")
        // each value valid alone, every combination invalid: the runs fail
        write("scenario: base.yaml\ndesign: zip\naxes:\n  duration: [1 h, 2 h]\n  sampling_interval: [3 h, 4 h]\n", to: dir + "/sweep.yaml")
        let r = try cli(["sweep", dir + "/sweep.yaml", "--out", dir + "/o", "--quiet"])
        #expect(r.status == 2, "\(r.err)")
        #expect(r.err.contains("every run of the sweep failed (2 of 2)"), "\(r.err)")
        write("scenario: base.yaml\naxes:\n  arms.1.cpu_overcommit: [-1, 2]\n", to: dir + "/sweep.yaml")
        let ok = try cli(["sweep", dir + "/sweep.yaml", "--out", dir + "/o2", "--quiet"])
        #expect(ok.status == 0, "\(ok.err)")
    }

    @Test("kill -9 mid-sweep, then --resume: the same runs.csv as an uninterrupted sweep, nothing lost or duplicated")
    func killAndResume() throws {
        let dir = sweepFolder(
            sweep: "scenario: base.yaml\nseed: 5\nreplications: 150\naxes:\n  arms.1.placement: [best-fit-decreasing, first-fit]\n",
            duration: "2 d")
        let runsD = dir + "/killed/runs.d"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: sweepCLIPath)
        p.arguments = ["sweep", dir + "/sweep.yaml", "--out", dir + "/killed", "--jobs", "2", "--progress", "none"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        func finished() -> Int {
            ((try? FileManager.default.contentsOfDirectory(atPath: runsD)) ?? []).filter { !$0.hasPrefix(".") }.count
        }
        let deadline = Date().addingTimeInterval(60)
        while finished() < 8 && p.isRunning && Date() < deadline { usleep(2_000) }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal, "killed mid-sweep, not finished")
        let before = finished()
        #expect(before >= 8 && before < 300, "\(before) runs finished before the kill")
        #expect(!FileManager.default.fileExists(atPath: dir + "/killed/runs.csv"))

        let refused = try cli(["sweep", dir + "/sweep.yaml", "--out", dir + "/killed"])
        #expect(refused.status == 1 && refused.err.contains("--resume"), "\(refused.err)")
        let resumed = try cli(["sweep", dir + "/sweep.yaml", "--out", dir + "/killed", "--jobs", "2", "--resume", "--progress", "lines"])
        #expect(resumed.status == 0, "\(resumed.err)")
        #expect(resumed.err.contains("already finished"), "\(resumed.err.prefix(300))")
        let kept = resumed.out.components(separatedBy: " kept from before").first?.split(separator: " ").last.flatMap { Int($0) }
        #expect(kept != nil && kept! >= before - 0 && kept! < 300, "\(resumed.out)")

        let whole = try sweep(dir, out: "whole")
        #expect(whole.failed == 0)
        let a = withoutWallColumns(read(dir + "/killed/runs.csv")!), b = withoutWallColumns(read(dir + "/whole/runs.csv")!)
        #expect(a.count == 1 + 300 * 2)
        #expect(a == b)
        #expect(read(dir + "/killed/aggregate.csv") == read(dir + "/whole/aggregate.csv"))
    }
}
