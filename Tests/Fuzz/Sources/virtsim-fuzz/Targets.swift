// The fuzz targets: each feeds one input to one reader of virtsim and ignores its error (a
// thrown error or a listed issue is the reader doing its job); a trap, a sanitizer report, a
// hang (libFuzzer's -timeout) or running out of memory (-rss_limit_mb) is a finding.
//
// Readers that take a folder or a path are fed through the function that parses a file's bytes
// (internal ones through `@testable import`: SwiftPM's debug builds compile every module with
// testing enabled), followed by the checks and resampling the folder reader applies to each
// file. The scenario and sweep decoders get a folder of their own (`workFolder`), so relative
// trace, inventory, climate and base-scenario paths resolve there (small copies of the seed
// files) and nothing else of the file system is read unless an input names an absolute path.
import DatacenterModel
import Foundation
import Inventory
import Scenario
import SimKernel
@testable import Workloads

/// A fuzz target: its name (the first argument of virtsim-fuzz, and its folder under
/// `Tests/Fuzz/corpus/`) and what it does with one input.
struct FuzzTarget: Sendable {
    var name: String
    var run: @Sendable (UnsafeRawBufferPointer) -> Void
}

let fuzzTargets: [FuzzTarget] = [
    FuzzTarget(name: "scenario", run: fuzzScenario),
    FuzzTarget(name: "sweep", run: fuzzSweep),
    FuzzTarget(name: "planetlab", run: fuzzPlanetLab),
    FuzzTarget(name: "bitbrains", run: fuzzBitbrains),
    FuzzTarget(name: "csv-trace", run: fuzzCSVTrace),
    FuzzTarget(name: "grid-intensity", run: fuzzGridIntensity),
    FuzzTarget(name: "outside-temperature", run: fuzzOutsideTemperature),
    FuzzTarget(name: "inventory", run: fuzzInventory)
]

/// The temporary folder of this process, removed at exit.
let workTop = NSTemporaryDirectory() + "virtsim-fuzz-\(getpid())"

/// A folder of this process for the decoders' relative paths (`workFolder`, in a temporary
/// folder), laid out as the bundled scenarios name their files, with files from the committed
/// seed corpora (under `VIRTSIM_FUZZ_CORPUS`, default `Tests/Fuzz/corpus` under the current
/// folder): `traces/planetlab/20110303/` and `traces/bitbrains-rnd/2013-7-week1/` (also one
/// level up, for `../traces/…`), `climate/*.csv`, the inventory files, and `base.yaml`: the
/// scenario a sweep input's `scenario: base.yaml` names (the quickstart, from `VIRTSIM_FUZZ_BASE`,
/// default `scenarios/quickstart.yaml`).
let workFolder: String = {
    atexit { try? FileManager.default.removeItem(atPath: workTop) }
    let environment = ProcessInfo.processInfo.environment
    let corpus = environment["VIRTSIM_FUZZ_CORPUS"] ?? "Tests/Fuzz/corpus"
    let top = workTop
    let folder = top + "/scenarios"
    let fm = FileManager.default
    func copy(_ target: String, to destination: String) {
        try? fm.createDirectory(atPath: destination, withIntermediateDirectories: true)
        // The named seed files only, not the inputs fuzzing added (named by their SHA-1).
        for name in (try? fm.contentsOfDirectory(atPath: corpus + "/" + target)) ?? [] where name.count != 40 {
            try? fm.copyItem(atPath: corpus + "/" + target + "/" + name, toPath: destination + "/" + name)
        }
    }
    for root in [folder, top] {
        copy("planetlab", to: root + "/traces/planetlab/20110303")
        copy("bitbrains", to: root + "/traces/bitbrains-rnd/2013-7-week1")
    }
    copy("outside-temperature", to: folder + "/climate")
    copy("inventory", to: folder)
    let base = environment["VIRTSIM_FUZZ_BASE"] ?? "scenarios/quickstart.yaml"
    if let text = try? String(contentsOfFile: base, encoding: .utf8) {
        try? text.write(toFile: folder + "/base.yaml", atomically: true, encoding: .utf8)
    }
    return folder
}()

/// The input as UTF-8 text, nil if it is not (the file readers refuse non-UTF-8 before parsing).
func text(_ data: UnsafeRawBufferPointer) -> String? {
    String(validating: data.bindMemory(to: UInt8.self), as: UTF8.self)
}

/// A scenario file: YAML parse, then the whole decoder (every section's reader; the trace
/// folders, inventory and climate files it names are read from `workFolder`).
func fuzzScenario(_ data: UnsafeRawBufferPointer) {
    guard let yaml = text(data), let doc = try? YAMLDocument.parse(yaml: yaml, file: "fuzz.yaml", directory: workFolder) else { return }
    _ = decodeScenario(doc, collector: IssueCollector())
}

/// A sweep file: YAML parse, the sweep reader (axes, designs, the base scenario), then the
/// plan (every run's parameter values and seed).
func fuzzSweep(_ data: UnsafeRawBufferPointer) {
    guard let yaml = text(data), let doc = try? YAMLDocument.parse(yaml: yaml, file: "fuzz-sweep.yaml", directory: workFolder) else { return }
    guard let spec = try? SweepSpec.read(doc) else { return }
    _ = try? SweepPlan(spec)
}

/// One PlanetLab trace file (one integer percentage per line).
func fuzzPlanetLab(_ data: UnsafeRawBufferPointer) {
    var values: [UInt8] = []
    _ = try? PlanetLabTrace.parse(data.bindMemory(to: UInt8.self), path: "fuzz", into: &values)
}

/// The default grid step of the trace readers, µs (300 s).
let defaultStepUs: Int64 = 300_000_000

/// The most grid steps the fuzz targets resample: the grid is built in time linear in its steps
/// by design, up to `ResampledGrid.maxGridSteps` (10^8 steps, 400 MB; the span checks refuse
/// more), which takes longer than the 10 s timeout in this debug build under AddressSanitizer
/// (a 15-line file spanning 506 years, 53 million steps of 300 s: 11 s of CPU). Larger grids
/// stop after the span checks.
let maxFuzzGridSteps: Int64 = 1_000_000

/// Resamples one file's samples as the folder readers do: the span checks, then the grid.
func resample(_ series: [SampleSeries]) throws(WorkloadInputError) {
    for s in series { try s.checkSpan(step: defaultStepUs, file: "fuzz") }
    try SampleSeries.checkTotalSpan(series, step: defaultStepUs, path: "fuzz")
    let steps = series.reduce(Int64(0)) { $0 + ($1.times[$1.times.count - 1] - $1.times[0]) / defaultStepUs + 1 }
    guard steps <= maxFuzzGridSteps else { return }
    _ = ResampledGrid(series, step: defaultStepUs, alignment: .commonOrigin, maxGap: 900_000_000)
}

/// One Bitbrains `<vm id>.csv` file.
func fuzzBitbrains(_ data: UnsafeRawBufferPointer) {
    _ = try? { () throws(WorkloadInputError) in
        let file = try BitbrainsFile(data.bindMemory(to: UInt8.self), path: "fuzz")
        try resample([file.series])
    }()
}

/// One long-format CSV trace (`timestamp, vm, cpu_pct[, mem_pct]`), ISO or epoch-second
/// timestamps in UTC.
func fuzzCSVTrace(_ data: UnsafeRawBufferPointer) {
    guard let timestamps = TimestampParser(timeZone: "UTC", epochUnit: .s) else { return }
    var reader = CSVTimeSeriesReader(columns: CSVTimeSeriesTrace.Columns(), defaultMemory: 1, timestamps: timestamps)
    _ = try? { () throws(WorkloadInputError) in
        try reader.read(data.bindMemory(to: UInt8.self), path: "fuzz", vm: nil)
        try resample(reader.series)
    }()
}

/// An hourly grid-intensity file (`carbon.intensity_csv`).
func fuzzGridIntensity(_ data: UnsafeRawBufferPointer) {
    _ = try? RegularSeriesFile.parse(
        Array(data.bindMemory(to: UInt8.self)), path: "fuzz", columns: carbonIntensityColumns, stepS: 3600, range: 0...3000,
        timeZone: "Europe/Amsterdam")
}

/// An hourly outside-temperature file (a facility's `temperature_series`).
func fuzzOutsideTemperature(_ data: UnsafeRawBufferPointer) {
    guard let csv = text(data) else { return }
    _ = try? OutsideTemperatureSeries.parse(csv, file: "fuzz")
}

/// Inventory CSV files: the input split at lines `=====` into files (RVTools tabs travel as
/// several files), each parsed, then the inventory reader over them all.
func fuzzInventory(_ data: UnsafeRawBufferPointer) {
    guard let csv = text(data) else { return }
    var result = InventoryResult()
    var files: [CSVFile] = []
    for (i, part) in csv.components(separatedBy: "\n=====\n").enumerated() {
        do { files.append(try CSVFile(path: "fuzz-\(i).csv", text: part)) } catch { result.issues.append(error) }
    }
    _ = Inventory.read(files: files, into: result)
}
