import ArgumentParser
import VirtsimCore


/// The CLI: argument parsing only. Everything else is nonisolated library code in
/// VirtsimCore (hot code in @MainActor context is slow, see swift-on-this-machine.md).
struct Virtsim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "virtsim",
        abstract: "Discrete-event simulator of virtualized datacenters: consolidation, power, placement.",
        version: virtsimVersion,
        subcommands: [Run.self, Validate.self, List.self, Bench.self])
}

func printError(_ s: String) { printToStandardError(s) }

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a scenario and write its CSV files.")

    @Argument(help: "Scenario file (YAML).")
    var file: String

    @Option(name: .long, help: "Output folder (default: results/<scenario file name>/).")
    var out: String?

    @Option(name: .long, help: "Override the scenario's seed (an integer ≥ 0).")
    var seed: UInt64?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a value: dotted.path=value (repeatable).", valueName: "path=value"))
    var overrides: [String] = []

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        do {
            let outcome = try runScenarioFile(RunOptions(scenarioPath: file, outDir: out, seed: seed, overrides: overrides))
            if !quiet { print(outcome.summaryText, terminator: "") }
        } catch {
            printError(describe(error))
            throw ExitCode(1)
        }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check a scenario file and report every problem at once.")

    @Argument(help: "Scenario file (YAML).")
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

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the registered models and policies.")
    func run() { print(registryListing(), terminator: "") }
}

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks of the simulation core.",
        subcommands: [Kernel.self, Hold.self, Scale.self, PlanetLab.self])

    struct Kernel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hold model at 1e3, 1e5, 1e6 pending events, Swift vs the C++ std::priority_queue loop (median of alternating runs).")
        @Option(name: .long, help: "Path of the compiled C++ hold binary (bench/hold.cpp).")
        var cxx: String
        @Option(name: .long, help: "Repetitions per size (alternating Swift and C++).")
        var repetitions: Int = 5
        func run() throws {
            do { print(try kernelBenchmarkReport(cxxPath: cxx, repetitions: repetitions), terminator: "") }
            catch { printError(describe(error)); throw ExitCode(1) }
        }
    }

    struct Hold: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Only the Swift hold loop (for callgrind).")
        @Option(name: .long) var pending: Int = 100_000
        @Option(name: .long) var events: Int = 1_000_000
        func run() { print(holdReport(pending: pending, events: events)) }
    }

    struct PlanetLab: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "planetlab",
            abstract: "One CloudSim-profile PlanetLab experiment, in process: energy, migrations, SLA, wall time, peak RSS.")
        @Option(name: .long, help: "PlanetLab day folder.") var trace: String = "scenarios/traces/planetlab/20110303"
        @Option(name: .long, help: "npa, dvfs, or DETECTOR-SELECTION-PARAMETER such as lr-mmt-1.2.") var policy: String = "lr-mmt-1.2"
        func run() throws {
            do { print(try cloudSimPlanetLabReport(traceFolder: trace, policy: policy)) }
            catch { printError(describe(error)); throw ExitCode(1) }
        }
    }

    struct Scale: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generated datacenter (default 100k hosts, 1M VMs, 1 h, 300 s sampling, best fit decreasing): wall time and peak RSS.")
        @Option(name: .long) var hosts: Int = 100_000
        @Option(name: .long) var vms: Int = 1_000_000
        @Option(name: .long) var hours: Double = 1
        func run() throws {
            do { print(try scaleBenchmarkReport(hosts: hosts, vms: vms, hours: hours), terminator: "") }
            catch { printError(describe(error)); throw ExitCode(1) }
        }
    }
}

Virtsim.main()
