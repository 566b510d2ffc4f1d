import Foundation
import Reports
import Scenario
import VirtsimCore
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `virtsim sweep bench` (`make bench-sweep`): sweep throughput with 1 and 2 worker threads,
/// per-run overhead, and what starting a child process would cost instead.
///
/// - single-run time: the median in-process time of one run (load the scenario with its
///   overrides and seed, simulate every arm) over `runs` / 10 (≥ 20) runs, measured alone
///   on a thread of its own (as sweep workers run);
/// - sweep wall: the whole `runSweep` call (reading the sweep, preflight, runs, per-run
///   files, runs.csv and aggregate.csv), median over `repetitions` alternating 1- and
///   2-worker sweeps;
/// - overhead = sweep wall (1 worker) / runs − single-run time (target ≤ 5 ms); also
///   sweep wall / runs − the mean run time measured inside the same sweep (the machinery
///   alone, insensitive to the machine's load changing between measurements);
/// - speedup = sweep wall (1 worker) / sweep wall (2 workers) (target ≥ 1.85×), of the
///   medians and of the best sweeps; CPU seconds per sweep show whether 2 workers do extra
///   work or only wait for a core another process holds;
/// - child processes: the median wall time of `virtsim --version` started with
///   `posix_spawn` (the least a run in its own process would add) and of a whole
///   `virtsim run --quiet` of the scenario.
/// - Parameters:
///   - scenario: The scenario to replicate (default the quickstart).
///   - runs: Runs per sweep (replications of the scenario), ≥ 2.
///   - repetitions: Sweeps per worker count, ≥ 1.
/// - Returns: The report text.
public func sweepBenchmarkReport(scenario: String, runs: Int, repetitions: Int) throws -> String {
    let dir = NSTemporaryDirectory() + "virtsim-sweep-bench-\(getpid())"
    try? FileManager.default.removeItem(atPath: dir)
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let scenarioAbs = scenario.hasPrefix("/") ? scenario : FileManager.default.currentDirectoryPath + "/" + scenario
    let sweepFile = dir + "/bench.yaml"
    try "name: bench\nscenario: \(jsonString(scenarioAbs))\nseed: 1\nreplications: \(max(2, runs))\n"
        .write(toFile: sweepFile, atomically: true, encoding: .utf8)
    let plan = try SweepPlan(try SweepSpec.load(path: sweepFile))
    let columns = SweepColumns(axes: [])

    // Single runs, alone, one after another on a thread like a sweep worker (after one warm-up run).
    let count = max(20, plan.runCount / 10)
    let box = ResultBox()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        _ = executeSweepRun(plan.run(0), plan: plan, columns: columns)
        box.values = (0..<count).map { executeSweepRun(plan.run($0 % plan.runCount), plan: plan, columns: columns).wall }
        done.signal()
    }
    thread.stackSize = 16 << 20
    thread.start()
    done.wait()
    let singles = box.values
    let single = median(singles)

    var walls: [Int: [Double]] = [1: [], 2: []]
    var cpus: [Int: [Double]] = [1: [], 2: []]
    var inSweepRun: [Double] = []
    for rep in 0..<max(1, repetitions) {
        for jobs in rep % 2 == 0 ? [1, 2] : [2, 1] {
            let out = dir + "/out-\(rep)-\(jobs)"
            let c0 = processCPUSeconds(), t0 = monotonicSeconds()
            let o = try runSweep(SweepOptions(sweepPath: sweepFile, outDir: out, jobs: jobs, progress: .none))
            walls[jobs]!.append(monotonicSeconds() - t0)
            cpus[jobs]!.append(processCPUSeconds() - c0)
            guard o.failed == 0 else { throw SweepError("benchmark sweep had \(o.failed) failed runs") }
            if jobs == 1 { inSweepRun.append(meanRunWall(out + "/runs.csv")) }
            try? FileManager.default.removeItem(atPath: out)
        }
    }
    let w1 = median(walls[1]!), w2 = median(walls[2]!)
    let n = Double(plan.runCount)
    let overheadMs = (w1 / n - single) * 1000
    let machineryMs = (w1 / n - median(inSweepRun)) * 1000
    let speedup = w1 / w2, bestSpeedup = walls[1]!.min()! / walls[2]!.min()!

    // The alternative, child processes (posix_spawn + waitpid, the cheapest way to start one):
    // the start-up floor (`virtsim --version`) and a whole run (`virtsim run … --quiet`).
    let exe = currentExecutablePath()
    var spawnFloor: Double?, spawnRun: Double?
    if FileManager.default.isExecutableFile(atPath: exe) {
        let floor = (0..<20).compactMap { _ in spawnAndWait(exe, ["--version"]) }
        if !floor.isEmpty { spawnFloor = median(floor) }
        let full = (0..<20).compactMap { i in
            spawnAndWait(exe, ["run", scenarioAbs, "--seed", String(plan.run(i % plan.runCount).seed), "--out", dir + "/child", "--quiet"])
        }
        if !full.isEmpty { spawnRun = median(full) }
    }

    func ms(_ s: Double) -> String { formatFixed(s * 1000, decimals: 2) + " ms" }
    func list(_ xs: [Double]) -> String { xs.map { formatFixed($0, decimals: 2) }.joined(separator: ", ") }
    var s =
        "sweep benchmark: \(plan.runCount) runs of \(scenario), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(max(1, repetitions)) alternating sweeps per worker count\n"
    s += "  single run (in process, alone, median of \(singles.count)): \(ms(single))\n"
    s +=
        "  1 worker:  wall median \(formatFixed(w1, decimals: 3)) s = \(formatFixed(n / w1, decimals: 1)) runs/s (all: \(list(walls[1]!)) s; CPU \(list(cpus[1]!)) s); mean run inside the sweep \(ms(median(inSweepRun)))\n"
    s +=
        "  2 workers: wall median \(formatFixed(w2, decimals: 3)) s = \(formatFixed(n / w2, decimals: 1)) runs/s (all: \(list(walls[2]!)) s; CPU \(list(cpus[2]!)) s)\n"
    s +=
        "  throughput 2 workers / 1 worker: \(formatFixed(speedup, decimals: 3))× (medians), \(formatFixed(bestSpeedup, decimals: 3))× (best sweeps)  (target ≥ 1.85×) \(speedup >= 1.85 ? "ok" : "BELOW TARGET")\n"
    s +=
        "  per-run overhead (sweep wall / runs − single run): \(formatFixed(overheadMs, decimals: 3)) ms  (target ≤ 5 ms) \(overheadMs <= 5 ? "ok" : "ABOVE TARGET")\n"
    s += "    of which the sweep machinery (sweep wall / runs − mean run inside the sweep): \(formatFixed(machineryMs, decimals: 3)) ms\n"
    if let spawnFloor, let spawnRun {
        s +=
            "  child processes instead (posix_spawn, median of 20): start-up alone (virtsim --version) \(ms(spawnFloor)); a whole run (virtsim run --quiet) \(ms(spawnRun)) vs \(ms(single)) in process\n"
    }
    return s
}

/// Starts `exe` with `args` (stdout and stderr to /dev/null), waits for it; its wall time in
/// seconds, or nil if it could not start or failed.
private func spawnAndWait(_ exe: String, _ args: [String]) -> Double? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = ([exe] + args).map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    var pid: pid_t = 0
    let t0 = monotonicSeconds()
    guard posix_spawn(&pid, exe, &actions, nil, argv, environ) == 0 else { return nil }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let wall = monotonicSeconds() - t0
    return status == 0 ? wall : nil
}

/// Carries the single-run times out of their thread.
private final class ResultBox: @unchecked Sendable { var values: [Double] = [] }

/// User + system CPU seconds of this process so far (all threads).
private func processCPUSeconds() -> Double {
    var u = rusage()
    #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &u)
    #else
        getrusage(RUSAGE_SELF, &u)
    #endif
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
}

/// Mean `run_wall_s` over the runs of a runs.csv (one value per run).
private func meanRunWall(_ path: String) -> Double {
    guard let data = FileManager.default.contents(atPath: path), let records = SweepCSV.parse([UInt8](data)),
        let header = records.first, let col = header.firstIndex(of: "run_wall_s")
    else { return .nan }
    var seen = Set<String>(), total = 0.0
    for r in records.dropFirst() where seen.insert(r[0]).inserted { total += Double(r[col]) ?? 0 }
    return seen.isEmpty ? .nan : total / Double(seen.count)
}

private func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
