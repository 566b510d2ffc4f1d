import Foundation
import SimKernel
import Workloads

/// What a decoded workload needs to become a `WorkloadSource` for one VM group.
struct WorkloadContext {
    /// The scenario seed.
    var seed: UInt64
    /// Local hour of day (0..<24) at the scenario start, for diurnal profiles.
    var startHourOfDay: Double
    /// Assumptions made while decoding (inventory imports), for the run to show.
    var notes = ScenarioNotes()
    /// The scenario's IANA time zone (`time_zone`; UTC if unknown), for time series whose
    /// timestamps carry no offset.
    var timeZone = "UTC"
    /// The zone's daylight-saving changes during the run (`LocalClock`), for diurnal profiles.
    var clockShifts: [LocalClock.Shift] = []
}

/// A decoded workload: a trace read once, or a generator instantiated per VM group.
final class WorkloadPlan {
    /// How many members the workload can drive in all (trace files), nil if unbounded.
    let capacity: Int?
    /// Makes the source for a group whose member 0 is global VM `entityBase` and which uses
    /// members `offset..<offset+count` of a shared trace.
    let make: (_ entityBase: UInt64, _ offset: Int) -> (any WorkloadSource)?
    /// Members already given to groups (traces shared by several groups hand out
    /// consecutive files).
    var used = 0
    /// Provisioned size of member i as the trace records it (vCPUs, MHz in all, memory KB),
    /// for traces that carry sizes (Bitbrains); nil entries where the trace shows none.
    var sizes: ((Int) -> (cores: Int, mhz: Double, memKB: Double)?)? = nil

    init(capacity: Int?, make: @escaping (_ entityBase: UInt64, _ offset: Int) -> (any WorkloadSource)?) {
        self.capacity = capacity; self.make = make
    }
}

/// Every workload model, one entry each. `workload: {type: NAME, …}`.
enum WorkloadRegistry {
    static let all: [ModelEntry<(WorkloadContext) -> WorkloadPlan?>] = [
        .init(
            name: "constant", summary: "fixed CPU and memory fractions",
            parameters: [
                .init(name: "cpu", summary: "CPU demand, fraction of the VM's vCPUs × MIPS", unit: "fraction", defaultValue: .number(0), range: 0...1),
                .init(name: "memory", summary: "active memory, fraction of the VM's RAM", unit: "fraction", defaultValue: .number(0), range: 0...1)
            ]
        ) { r in
            let cpu = r.double("cpu", range: 0...1, or: 0)
            let memory = r.double("memory", range: 0...1, or: 0)
            return { _ in
                guard let w = try? ConstantWorkload(cpu: cpu, memory: memory) else { return nil }
                return WorkloadPlan(capacity: nil) { _, _ in w }
            }
        },
        .init(
            name: "stochastic", summary: "independent draws per interval (uniform, truncated-normal, lognormal, beta)",
            parameters: [
                .init(name: "interval", summary: "time between draws", kind: .duration, unit: "s", defaultValue: .number(300), range: 1e-6...1e12),
                .init(name: "cpu", summary: "CPU fraction per interval: {distribution: NAME, …} (distributions)", kind: .mapping),
                .init(name: "memory", summary: "memory fraction per interval: {distribution: NAME, …}", kind: .mapping, defaultText: "constant 0")
            ]
        ) { r in
            let interval = r.duration("interval", positive: true, or: 300)
            guard let cpu = r.required("cpu", expected: "a distribution mapping").flatMap(DistributionRegistry.decode) else {
                _ = r.child("memory"); return nil
            }
            let memory = r.child("memory").flatMap(DistributionRegistry.decode) ?? .constant(0)
            let node = r
            return { ctx in
                WorkloadPlan(capacity: nil) { base, _ in
                    do {
                        return try StochasticWorkload(
                            cpu: cpu, memory: memory, interval: .seconds(interval),
                            seed: ctx.seed, entityBase: base)
                    } catch { node.issue("\(error)"); return nil }
                }
            }
        },
        .init(
            name: "diurnal", summary: "daily cosine profile with optional Gaussian noise",
            parameters: [
                .init(name: "mean", summary: "daily mean CPU demand", unit: "fraction", range: 0...1),
                .init(name: "amplitude", summary: "half the peak-to-trough swing of CPU demand", unit: "fraction", defaultValue: .number(0), range: 0...1),
                .init(
                    name: "peak_hour", summary: "local hour of the CPU peak (the scenario's start sets the clock)", unit: "h",
                    defaultValue: .number(14), range: 0...24),
                .init(name: "noise_sd", summary: "standard deviation of Gaussian noise per interval", unit: "fraction", defaultValue: .number(0), range: 0...1),
                .init(name: "memory_mean", summary: "daily mean active memory", unit: "fraction", defaultValue: .number(0), range: 0...1),
                .init(name: "memory_amplitude", summary: "half the swing of active memory", unit: "fraction", defaultValue: .number(0), range: 0...1),
                .init(name: "interval", summary: "time between demand changes", kind: .duration, unit: "s", defaultValue: .number(300), range: 1e-6...1e12)
            ]
        ) { r in
            let mean = r.required("mean", expected: "a CPU fraction 0...1")?.double(range: 0...1)
            let amplitude = r.double("amplitude", range: 0...1, or: 0)
            let peak = r.double("peak_hour", range: 0...24, or: 14)
            let noise = r.double("noise_sd", range: 0...1, or: 0)
            let memMean = r.double("memory_mean", range: 0...1, or: 0)
            let memAmp = r.double("memory_amplitude", range: 0...1, or: 0)
            let interval = r.duration("interval", positive: true, or: 300)
            guard let mean else { return nil }
            let node = r
            return { ctx in
                WorkloadPlan(capacity: nil) { base, _ in
                    do {
                        var w = try DiurnalWorkload(
                            mean: mean, amplitude: amplitude, peakHour: peak.truncatingRemainder(dividingBy: 24),
                            startHourOfDay: ctx.startHourOfDay, noiseSD: noise,
                            memoryMean: memMean, memoryAmplitude: memAmp,
                            interval: .seconds(interval), seed: ctx.seed, entityBase: base)
                        w.clockShifts = ctx.clockShifts
                        return w
                    } catch { node.issue("\(error)"); return nil }
                }
            }
        },
        .init(
            name: "planetlab", summary: "PlanetLab CPU traces: a folder, one file per VM, % per 5 min (CloudSim's format)",
            parameters: [
                .init(name: "path", summary: "trace folder, one file per VM, relative to the scenario file", kind: .path),
                .init(name: "step", summary: "time between samples", kind: .duration, unit: "s", defaultValue: .number(300), range: 1e-6...1e12),
                .init(name: "memory_fraction", summary: "active memory (the traces have none)", unit: "fraction", defaultValue: .number(1), range: 0...1),
                .init(name: "after_end", summary: "past a file's last sample", kind: .choice, defaultText: "hold", choices: ["repeat", "hold"])
            ]
        ) { r in
            guard let pathNode = r.required("path", expected: "a trace folder"), let path = pathNode.filePath() else { return nil }
            let step = r.duration("step", positive: true, or: 300)
            let mem = r.double("memory_fraction", range: 0...1, or: 1)
            let after = r.enumValue("after_end", as: AfterTraceEnd.self, or: .hold)
            return { _ in
                do {
                    let t = try PlanetLabTrace(folder: path, step: .seconds(step), memoryFraction: mem, afterEnd: after)
                    return WorkloadPlan(capacity: t.memberLimit) { _, offset in offset == 0 ? t as any WorkloadSource : MemberOffset(t, offset: offset) }
                } catch { pathNode.issue("\(error)"); return nil }
            }
        },
        .init(
            name: "bitbrains", summary: "Bitbrains GWA-T-12 per-VM CSV traces (CPU and memory), resampled to a grid",
            parameters: [
                .init(name: "path", summary: "trace folder of GWA-T-12 per-VM CSV files, relative to the scenario file", kind: .path),
                .init(name: "step", summary: "grid the samples are resampled to", kind: .duration, unit: "s", defaultValue: .number(300), range: 1e-6...1e12),
                .init(
                    name: "max_gap", summary: "longest gap held by the last value", kind: .duration, unit: "s", defaultValue: .number(900), range: 1e-6...1e12),
                .init(name: "after_end", summary: "past a file's last sample", kind: .choice, defaultText: "repeat", choices: ["repeat", "hold"]),
                .init(
                    name: "alignment", summary: "origin of the grid: the earliest first timestamp of all files, or each file's own",
                    kind: .choice, defaultText: "common-origin", choices: ["common-origin", "per-file"])
            ]
        ) { r in
            guard let pathNode = r.required("path", expected: "a trace folder"), let path = pathNode.filePath() else { return nil }
            let step = r.duration("step", positive: true, or: 300)
            let maxGap = r.duration("max_gap", positive: true, or: 900)
            let after = r.enumValue("after_end", as: AfterTraceEnd.self, or: .repeat)
            let alignment = r.enumValue("alignment", as: BitbrainsTrace.Alignment.self, or: .commonOrigin)
            return { _ in
                do {
                    let t = try BitbrainsTrace(folder: path, step: .seconds(step), alignment: alignment, maxGapSeconds: maxGap, afterEnd: after)
                    let plan = WorkloadPlan(capacity: t.memberLimit) { _, offset in offset == 0 ? t as any WorkloadSource : MemberOffset(t, offset: offset) }
                    plan.sizes = { i in
                        guard i < t.cpuCores.count, t.cpuCores[i] > 0, t.cpuCapacityMHz[i] > 0, t.memoryCapacityKB[i] > 0 else { return nil }
                        return (t.cpuCores[i], t.cpuCapacityMHz[i], t.memoryCapacityKB[i])
                    }
                    return plan
                } catch { pathNode.issue("\(error)"); return nil }
            }
        },
        .init(
            name: "csv", summary: "utilization time series from monitoring exports (CSV: timestamp, vm, cpu_pct, mem_pct), resampled to a grid",
            parameters: [
                .init(
                    name: "path",
                    summary:
                        "a long-format CSV file (timestamp, vm, cpu_pct[, mem_pct]) or a folder of one CSV file per VM, named VM.csv (timestamp, cpu_pct[, mem_pct]); relative to the scenario file",
                    kind: .path),
                .init(
                    name: "columns",
                    summary: "header names of the columns in the file: {timestamp: NAME, vm: NAME, cpu_pct: NAME, mem_pct: NAME}, case-insensitive",
                    kind: .mapping, defaultText: "the keys' own names"),
                .init(name: "time_zone", summary: "IANA zone of ISO timestamps without an offset", kind: .text, defaultText: "the scenario's time_zone"),
                .init(
                    name: "epoch_unit", summary: "unit of numeric timestamps (seconds or milliseconds since 1970)", kind: .choice, defaultText: "s",
                    choices: ["s", "ms"]),
                .init(name: "step", summary: "grid the samples are resampled to", kind: .duration, unit: "s", defaultValue: .number(300), range: 1...1e12),
                .init(
                    name: "max_gap", summary: "longer intervals between samples count as gaps (held by the last value)", kind: .duration, unit: "s",
                    defaultValue: .number(900), range: 1e-6...1e12),
                .init(name: "after_end", summary: "past a VM's last sample", kind: .choice, defaultText: "repeat", choices: ["repeat", "hold"]),
                .init(
                    name: "alignment", summary: "origin of the grid: the earliest first timestamp of all VMs, or each VM's own",
                    kind: .choice, defaultText: "common-origin", choices: ["common-origin", "per-file"]),
                .init(
                    name: "memory_fraction", summary: "active memory of samples without mem_pct (as planetlab)", unit: "fraction", defaultValue: .number(1),
                    range: 0...1)
            ]
        ) { r in
            guard let pathNode = r.required("path", expected: "a CSV file or a folder of one CSV file per VM"), let path = pathNode.filePath() else {
                return nil
            }
            let columns = decodeCSVColumns(r.child("columns"))
            let zone = r.string("time_zone")
            let knownZone = zone.map { TimeZone(identifier: $0) != nil } ?? true
            if let zone, !knownZone {
                r.child("time_zone")?.issue("unknown time zone \"\(zone)\"; expected an IANA name such as \"UTC\" or \"Europe/Amsterdam\"")
            }
            let unit = r.enumValue("epoch_unit", as: CSVTimeSeriesTrace.EpochUnit.self, or: .s)
            let step = r.duration("step", positive: true, or: 300)
            let maxGap = r.duration("max_gap", positive: true, or: 900)
            let after = r.enumValue("after_end", as: AfterTraceEnd.self, or: .repeat)
            let alignment = r.enumValue("alignment", as: TraceAlignment.self, or: .commonOrigin)
            let mem = r.double("memory_fraction", range: 0...1, or: 1)
            guard let columns, knownZone else { return nil }
            return { ctx in
                do {
                    let t = try CSVTimeSeriesTrace(
                        path: path, columns: columns, timeZone: zone ?? ctx.timeZone, epochUnit: unit, step: .seconds(step),
                        alignment: alignment, maxGapSeconds: maxGap, afterEnd: after, memoryFraction: mem)
                    return WorkloadPlan(capacity: t.memberLimit) { _, offset in offset == 0 ? t as any WorkloadSource : MemberOffset(t, offset: offset) }
                } catch { pathNode.issue("\(error)"); return nil }
            }
        }
    ]

    static var names: [String] { all.map(\.name) }

    /// Reads `workload: {type: …}` into a function that builds the plan (traces are read
    /// then, once).
    static func decode(_ r: NodeReader) -> ((WorkloadContext) -> WorkloadPlan?)? { decodeSelected(r, selector: "type", from: all) }
}

/// `columns: {timestamp, vm, cpu_pct, mem_pct}` of a csv workload (each optional, a header
/// name); absent: the default names. Nil (issues recorded) if a value is not text.
private func decodeCSVColumns(_ c: NodeReader?) -> CSVTimeSeriesTrace.Columns? {
    var columns = CSVTimeSeriesTrace.Columns()
    guard let c, !c.isNull else { return columns }
    guard c.expectMapping() else { return nil }
    var ok = true
    func read(_ key: String, _ path: WritableKeyPath<CSVTimeSeriesTrace.Columns, String>) {
        guard let name = c.string(key) else { return }  // absent or null; not text: reported
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            c.child(key)?.issue("expected a column name of the file's header, found an empty name")
            ok = false; return
        }
        columns[keyPath: path] = name
    }
    read("timestamp", \.timestamp)
    read("vm", \.vm)
    read("cpu_pct", \.cpuPct)
    read("mem_pct", \.memPct)
    c.finish()
    return ok ? columns : nil
}

/// Every distribution for stochastic workloads. `{distribution: NAME, …}`.
enum DistributionRegistry {
    static let all: [ModelEntry<Distribution>] = [
        .init(name: "constant", summary: "always `value`", parameters: [.init(name: "value", summary: "the value", unit: "fraction", range: 0...1)]) { r in
            r.required("value", expected: "a fraction 0...1")?.double(range: 0...1).map { .constant($0) }
        },
        .init(
            name: "uniform", summary: "uniform on [min, max)",
            parameters: [
                .init(name: "min", summary: "lower end", unit: "fraction", range: 0...1),
                .init(name: "max", summary: "upper end", unit: "fraction", range: 0...1)
            ]
        ) { r in
            guard let lo = r.required("min", expected: "a fraction 0...1")?.double(range: 0...1),
                let hi = r.required("max", expected: "a fraction 0...1")?.double(range: 0...1)
            else { return nil }
            return .uniform(min: lo, max: hi)
        },
        .init(
            name: "truncated-normal", summary: "Gaussian truncated to [min, max]",
            parameters: [
                .init(name: "mean", summary: "mean of the Gaussian before truncation", range: -1e6...1e6),
                .init(name: "sd", summary: "standard deviation before truncation", range: 0...1e6),
                .init(name: "min", summary: "lower end", unit: "fraction", defaultValue: .number(0), range: 0...1),
                .init(name: "max", summary: "upper end", unit: "fraction", defaultValue: .number(1), range: 0...1)
            ]
        ) { r in
            guard let m = r.required("mean", expected: "a number")?.double(range: -1e6...1e6),
                let sd = r.required("sd", expected: "a number ≥ 0")?.double(range: 0...1e6)
            else { return nil }
            return .truncatedNormal(mean: m, sd: sd, min: r.double("min", range: 0...1, or: 0), max: r.double("max", range: 0...1, or: 1))
        },
        .init(
            name: "lognormal", summary: "exp(N(mu, sigma)), clamped to 0...1",
            parameters: [
                .init(name: "mu", summary: "mean of the underlying Gaussian", range: -1e3...1e3),
                .init(name: "sigma", summary: "standard deviation of the underlying Gaussian", range: 0...1e3)
            ]
        ) { r in
            guard let mu = r.required("mu", expected: "a number")?.double(range: -1e3...1e3),
                let s = r.required("sigma", expected: "a number ≥ 0")?.double(range: 0...1e3)
            else { return nil }
            return .lognormal(mu: mu, sigma: s)
        },
        .init(
            name: "beta", summary: "Beta(a, b) on [0, 1]; mean a/(a+b)",
            parameters: [
                .init(name: "a", summary: "first shape parameter", range: 1e-9...1e6),
                .init(name: "b", summary: "second shape parameter", range: 1e-9...1e6)
            ]
        ) { r in
            guard let a = r.required("a", expected: "a number > 0")?.double(range: 1e-9...1e6),
                let b = r.required("b", expected: "a number > 0")?.double(range: 1e-9...1e6)
            else { return nil }
            return .beta(a: a, b: b)
        }
    ]

    static var names: [String] { all.map(\.name) }

    static func decode(_ r: NodeReader) -> Distribution? {
        let d = decodeSelected(r, selector: "distribution", from: all)
        if let d, let problem = Distribution.validate(d) { r.issue(problem); return nil }
        return d
    }
}
