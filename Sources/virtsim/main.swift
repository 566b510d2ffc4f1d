import ArgumentParser
import Foundation
import VirtsimCore
import Scenario
import VirtsimBench

#if VIRTSIM_SERVE
    import VirtsimServe
#endif

/// The CLI: argument parsing only. Everything else is nonisolated library code in
/// VirtsimCore: hot code in @MainActor context is slow (a closure created in main.swift and
/// handed to a generic algorithm gets an executor check per call; sorting 1M items measured
/// 0.65–1.0 s instead of 0.04 s, Swift 6.3.1 on a 2-core machine).
///
/// Every command names itself (`commandName:`): a derived name is `String(describing:)` of
/// the type at every start, whose runtime conformance lookups cost 14 M instructions for the
/// tree of commands (callgrind, `virtsim run`). The names are the derived ones.
struct Virtsim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "virtsim",
        abstract: "Discrete-event simulator of virtualized datacenters: consolidation, power, placement.",
        version: virtsimVersion,
        subcommands: [Run.self, Validate.self, Import.self, Size.self, List.self, Reference.self, Bench.self, Sweep.self] + serveCommand)
}

func printError(_ s: String) { printToStandardError(s) }

/// `--seed`'s value (taken even when it starts with "-", so `--seed -1` is refused for what it
/// is rather than as a missing value).
func parseSeed(_ text: String) throws -> UInt64 {
    guard let seed = UInt64(text) else { throw ValidationError("--seed expects an integer ≥ 0, found \"\(text)\"") }
    return seed
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a scenario and write its CSV files and report.html.")

    @Argument(help: "Scenario file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(
        name: .long,
        help: "Output folder (default: results/<scenario file name>/); the files of an earlier run in it are replaced or removed, other files kept.",
        completion: .directory)
    var out: String?

    @Option(name: .long, parsing: .unconditional, help: "Override the scenario's seed (an integer ≥ 0).", transform: parseSeed)
    var seed: UInt64?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a value: dotted.path=value (repeatable).", valueName: "path=value"))
    var overrides: [String] = []

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: .customLong("no-report"), help: "Do not write report.html (charts and tables) beside the CSV files.")
    var noReport = false

    @Option(
        name: .long,
        help: "Progress on stderr after the first second: auto (a bar on a terminal, nothing otherwise), bar, lines, none (--quiet: none unless given).")
    var progress: String?

    func run() throws {
        var unplaced: String? = nil
        let mode: SweepProgressMode
        if let progress {
            guard let m = SweepProgressMode(rawValue: progress) else { throw ValidationError("--progress \(progress): expected auto, bar, lines or none") }
            mode = m
        } else {
            mode = quiet ? .none : .auto
        }
        do {
            let outcome = try runScenarioFile(
                RunOptions(scenarioPath: file, outDir: out, seed: seed, overrides: overrides, report: !noReport, progress: mode))
            if !quiet { print(outcome.summaryText, terminator: "") }
            if !outcome.unplaced.isEmpty {
                unplaced = outcome.unplaced.map { "\($0.arm): \($0.vms) VMs" }.joined(separator: ", ")
            }
        } catch {
            printError(describe(error))
            throw ExitCode(1)
        }
        if let unplaced {
            // not a result to read as if every workload ran (exit 3; allow_unplaced: true accepts it)
            printError("VMs were left unplaced (\(unplaced)): these arms' figures leave out workloads; set allow_unplaced: true to accept this")
            throw ExitCode(3)
        }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "Check a scenario file and report every problem at once.")

    @Argument(help: "Scenario file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a value: dotted.path=value (repeatable).", valueName: "path=value"))
    var overrides: [String] = []

    func run() throws {
        let issues = validateScenarioFile(path: file, overrides: overrides)
        if issues.isEmpty {
            print("\(file): ok")
        } else {
            for i in issues { printError(i) }
            printError("\(issues.count) problem\(issues.count == 1 ? "" : "s") found")
            throw ExitCode(1)
        }
    }
}

/// `virtsim serve`, unless the package was built without it (`VIRTSIM_NO_SERVE=1`).
#if VIRTSIM_SERVE
    let serveCommand: [any ParsableCommand.Type] = [Serve.self]

    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "A what-if page on this machine: the scenarios of a folder, a form of their main knobs, re-runs and savings (Serve.md).")

        @Argument(help: "A folder of scenarios, or a scenario file (its folder is served, the file marked).")
        var path: String = "."

        @Option(name: .long, help: "Port (0: any free port).")
        var port: Int = 8080

        @Option(name: .long, help: "Address to bind; the default answers this machine only.")
        var host: String = "127.0.0.1"

        @Option(name: .long, help: "A run over this many seconds is stopped.")
        var maxRunSeconds: Double = 120

        func run() throws {
            var dir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &dir) else { printError("\(path): no such file or folder"); throw ExitCode(1) }
            let folder = dir.boolValue ? path : ((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent)
            var o = ServeOptions(
                folder: folder, preselected: dir.boolValue ? nil : (path as NSString).lastPathComponent,
                executable: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
            o.host = host
            o.port = port
            o.maxRunSeconds = maxRunSeconds
            let start = o.preselected.map { "/scenario?path=" + ($0.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "") } ?? "/"
            let shown = host.contains(":") ? "[\(host)]" : host
            // the server runs on its own threads until SIGINT or SIGTERM; this thread waits for it
            let done = DispatchSemaphore(value: 0)
            let failure = ServeFailure()
            Task.detached {
                do {
                    try await serve(o) { port in
                        FileHandle.standardOutput.write(Data("virtsim serve: http://\(shown):\(port)\(start) (Ctrl-C stops)\n".utf8))
                    }
                } catch { failure.set(describe(error)) }
                done.signal()
            }
            done.wait()
            if let message = failure.message {
                printError(message)
                throw ExitCode(1)
            }
        }
    }

    /// The error that ended `virtsim serve`, handed from the server's task to the waiting thread.
    final class ServeFailure: @unchecked Sendable {
        private let lock = NSLock()
        private var text: String?
        func set(_ t: String) { lock.withLock { text = t } }
        var message: String? { lock.withLock { text } }
    }
#else
    let serveCommand: [any ParsableCommand.Type] = []
#endif

struct Size: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "size",
        abstract: "Size the host groups with count: auto: every count tried, the count chosen, its HA reserve and the binding constraint.")

    @Argument(help: "Scenario file (YAML) with count: auto on a host group of one or more arms.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(name: .long, parsing: .unconditional, help: "Override the scenario's seed (an integer ≥ 0).", transform: parseSeed)
    var seed: UInt64?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a value: dotted.path=value (repeatable).", valueName: "path=value"))
    var overrides: [String] = []

    func run() throws {
        do {
            print(try sizeScenarioFile(path: file, overrides: overrides, seed: seed), terminator: "")
        } catch {
            printError(describe(error))
            throw ExitCode(1)
        }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write a scenario from a planner's inventory: RVTools tabs exported as CSV, or a generic CSV (InventoryImport.md).")

    @Argument(
        help: "Inventory files, any order: RVTools vInfo (required for rvtools), vHost, vCPU, vMemory; or generic CSVs.",
        completion: .file(extensions: ["csv"]))
    var files: [String]

    @Option(name: .long, help: "rvtools or generic (default: detected from the headers).")
    var format: String?

    @Option(name: .long, help: "Write the scenario here and print a summary (default: print the scenario).", completion: .file(extensions: ["yaml"]))
    var out: String?

    @Option(name: .long, help: "A fixed host count for the consolidated arms instead of count: auto and ha.")
    var hosts: Int?

    @Flag(name: .customLong("include-powered-off"), help: "Keep powered-off and suspended VMs.")
    var includePoweredOff = false

    func run() throws {
        var o = ImportOptions(files: files)
        if let format {
            guard let f = InventoryFormatName(rawValue: format) else {
                printError("unknown format \"\(format)\"; valid formats are: rvtools, generic")
                throw ExitCode(1)
            }
            o.format = f
        }
        if let hosts, hosts < 1 { printError("--hosts: expected an integer ≥ 1, found \(hosts)"); throw ExitCode(1) }
        o.outPath = out
        o.hosts = hosts
        o.includePoweredOff = includePoweredOff
        let outcome: ImportOutcome
        do { outcome = try importInventory(o) } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        guard let out else { print(outcome.yaml, terminator: ""); return }
        do {
            let folder = (out as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try outcome.yaml.write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            printError("\(out): cannot write: \(error.localizedDescription)")
            throw ExitCode(1)
        }
        print(outcome.summary, terminator: "")
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the registered models and policies.")
    func run() { print(registryListing(), terminator: "") }
}

struct Reference: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Print the scenario reference (Markdown), generated from the decoder and the registries.")
    func run() { print(scenarioReference(), terminator: "") }
}

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks of the simulation core.",
        subcommands: [Kernel.self, Hold.self, Scale.self])

    struct Kernel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kernel",
            abstract: "Hold model at 1e3, 1e5, 1e6 pending events, Swift vs the C++ std::priority_queue loop (median of alternating runs).")
        @Option(name: .long, help: "Path of the compiled C++ hold binary (bench/hold.cpp).")
        var cxx: String
        @Option(name: .long, help: "Repetitions per size (alternating Swift and C++).")
        var repetitions: Int = 5
        func run() throws {
            do { print(try kernelBenchmarkReport(cxxPath: cxx, repetitions: repetitions), terminator: "") } catch {
                printError(describe(error)); throw ExitCode(1)
            }
        }
    }

    struct Hold: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "hold", abstract: "Only the Swift hold loop (for callgrind).")
        @Option(name: .long) var pending: Int = 100_000
        @Option(name: .long) var events: Int = 1_000_000
        func run() { print(holdReport(pending: pending, events: events)) }
    }

    struct Scale: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scale",
            abstract: "Generated datacenter (default 100k hosts, 1M VMs, 1 h, 300 s sampling, best fit decreasing): wall time and peak RSS.")
        @Option(name: .long) var hosts: Int = 100_000
        @Option(name: .long) var vms: Int = 1_000_000
        @Option(name: .long) var hours: Double = 1
        func run() throws {
            do { print(try scaleBenchmarkReport(hosts: hosts, vms: vms, hours: hours), terminator: "") } catch {
                printError(describe(error)); throw ExitCode(1)
            }
        }
    }
}

/// `virtsim sweep …`: parsing only; the work is in VirtsimCore (Sweep/).
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Batch sweeps: many runs of a scenario over parameter axes and seeds, in parallel, resumable, on a cluster.",
        subcommands: [RunSweep.self, Merge.self, Slurm.self, ListRuns.self, BenchSweep.self],
        defaultSubcommand: RunSweep.self)

    struct RunSweep: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run a sweep file: DIR/runs.csv (one row per run and arm) and DIR/aggregate.csv (mean, sd, 95% CI).")
        @Argument(help: "Sweep file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
        var file: String
        @Option(name: .long, help: "Output folder (default: results/<sweep file name>/).", completion: .directory)
        var out: String?
        @Option(name: .long, help: "Worker threads (default: every core, or SLURM_CPUS_PER_TASK).")
        var jobs: Int?
        @Flag(name: .long, help: "Keep the finished runs found in the output folder and run the others.")
        var resume = false
        @Flag(name: .long, help: "With --resume: run failed runs again too.")
        var retryFailed = false
        @Option(name: .long, help: ArgumentHelp("Run shard K of N only (K from 0) and write DIR/part-K.csv.", valueName: "K/N"))
        var shard: String?
        @Option(
            name: .long,
            help: ArgumentHelp(
                "Run one of N shards, K from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX; 'auto': N from SLURM_ARRAY_TASK_COUNT.",
                valueName: "N|auto"))
        var shards: String?
        @Option(name: .long, help: "Progress on stderr: auto (a bar on a terminal, lines otherwise), bar, lines, none.")
        var progress: String = "auto"
        @Flag(name: .long, help: "No progress and no summary; errors only.")
        var quiet = false

        func run() throws {
            var failedAll = false
            do {
                guard let mode = SweepProgressMode(rawValue: progress) else {
                    throw SweepError("--progress \(progress): expected auto, bar, lines or none")
                }
                if let jobs, jobs < 1 { throw SweepError("--jobs \(jobs): expected a number of workers ≥ 1") }
                if retryFailed && !resume { throw SweepError("--retry-failed needs --resume") }
                let outcome = try runSweep(
                    SweepOptions(
                        sweepPath: file, outDir: out, jobs: jobs, resume: resume, retryFailed: retryFailed,
                        shard: try ShardRequest.parse(shard: shard, shards: shards), progress: quiet ? .none : mode))
                if !quiet { print(outcome.summaryText, terminator: "") }
                // every run failed: the results are empty, not a sweep to read (exit 2)
                if outcome.runs > 0 && outcome.failed == outcome.runs {
                    printError("every run of the sweep failed (\(outcome.failed) of \(outcome.runs)); see the error column of runs.csv")
                    failedAll = true
                }
            } catch {
                printError(describe(error))
                throw ExitCode(1)
            }
            if failedAll { throw ExitCode(2) }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Check every shard's part-K.csv in DIR and write DIR/runs.csv and DIR/aggregate.csv.")
        @Argument(help: "The sweep's output folder.", completion: .directory)
        var dir: String
        func run() throws {
            do { print(try mergeSweep(dir: dir), terminator: "") } catch { printError(describe(error)); throw ExitCode(1) }
        }
    }

    struct Slurm: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "slurm",
            abstract: "Print an sbatch script running the sweep as a Slurm job array, with the merge as a dependent job.")
        @Argument(help: "Sweep file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
        var file: String
        @Option(name: .long, help: "Output folder (default: results/<sweep file name>/).", completion: .directory)
        var out: String?
        @Option(name: .long, help: "Runs per array task (default: as few as the array size allows).")
        var runsPerTask: Int?
        @Option(name: .long, help: "The cluster's MaxArraySize (task ids up to this − 1).")
        var maxArraySize: Int = 1001
        @Option(name: .long, help: "CPUs per task (worker threads per task).")
        var cpusPerTask: Int = 1
        @Option(name: .long, help: "Time limit per task, e.g. 01:00:00.")
        var time: String?
        @Option(name: .long, help: "Partition.")
        var partition: String?
        @Option(name: .long, help: "Account.")
        var account: String?
        @Option(name: .long, help: "At most this many tasks at once (--array=…%M).")
        var maxRunning: Int?
        @Option(name: .long, help: "The virtsim binary the tasks run (default: this one).")
        var virtsim: String?
        func run() throws {
            do {
                print(
                    try slurmScript(
                        SlurmScriptOptions(
                            sweepPath: file, outDir: out, runsPerTask: runsPerTask, maxArraySize: maxArraySize, cpusPerTask: cpusPerTask,
                            time: time, partition: partition, account: account, maxRunning: maxRunning, virtsimPath: virtsim)), terminator: "")
            } catch { printError(describe(error)); throw ExitCode(1) }
        }
    }

    struct ListRuns: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the sweep's runs (index, id, seed) with the virtsim run command that repeats each alone.")
        @Argument(help: "Sweep file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
        var file: String
        func run() throws {
            do { print(try sweepListing(path: file), terminator: "") } catch { printError(describe(error)); throw ExitCode(1) }
        }
    }

    struct BenchSweep: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: "Sweep throughput with 2 workers vs 1 and per-run overhead (make bench-sweep).")
        @Option(name: .long, help: "Scenario to replicate.")
        var scenario: String = "scenarios/quickstart.yaml"
        @Option(name: .long, help: "Runs per sweep.")
        var runs: Int = 200
        @Option(name: .long, help: "Sweeps per worker count, alternating (median).")
        var repetitions: Int = 5
        func run() throws {
            do { print(try sweepBenchmarkReport(scenario: scenario, runs: runs, repetitions: repetitions), terminator: "") } catch {
                printError(describe(error)); throw ExitCode(1)
            }
        }
    }
}

Virtsim.main()
