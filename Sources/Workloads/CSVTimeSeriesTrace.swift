import Foundation
import SimKernel

/// Utilization time series from monitoring exports (vCenter performance counters, vROps
/// `vrops-export`, Prometheus `query_range`, reduced to CSV), resampled to a regular grid of
/// `step` seconds: the generic `workload: {type: csv}`.
///
/// **Layout** (from the path): a file is the **long format**, one row per VM and sample with
/// columns `timestamp, vm, cpu_pct[, mem_pct]`, rows of different VMs in any order; a folder
/// holds **one file per VM**, every regular `*.csv` file (case-insensitive; hidden files,
/// `README*` and `*.md` ignored) being the VM named by its file stem (`web-1.csv` → `web-1`),
/// with columns `timestamp, cpu_pct[, mem_pct]` (a `vm` column, if any, is ignored). Two files
/// whose stems are equal (`a.csv`, `a.CSV`) are an error.
///
/// **Members** are the VMs in natural order of their names, in both layouts: numeric when
/// every name is an integer (`1, 2, …, 10`), else byte order of the UTF-8 names (`B` before
/// `a`). So the same data give the same members whether exported long or per VM, and whatever
/// the export's row order. `memberNames[k]` is member k; `member(named:)` finds it by name.
///
/// **CSV** (RFC 4180): a header line, then one row per sample. The delimiter is `,`, or `;` or
/// a tab when the header holds no `,` (outside quotes). Fields may be quoted (`"web,1"`,
/// `""` for a quote) but may not span lines; blanks around fields, a UTF-8 byte order mark, CR
/// before LF and a missing final newline are accepted; blank lines only at the end. Every row
/// has as many fields as the header. Columns are found by header name, case-insensitively, in
/// any order; `columns` maps other exports' names (`cpu_pct` → `cpu|demandPct`). Other
/// columns are ignored.
///
/// **Values.** `timestamp`: ISO 8601 with or without offset (local times in `timeZone`) or
/// epoch seconds (`epochUnit` `.ms`: milliseconds), as `TimestampParser` describes. Per VM,
/// timestamps must not decrease; equal ones: the later row wins. `cpu_pct` and `mem_pct`:
/// decimal numbers 0–100 (percent of the VM's vCPUs × MIPS and of its RAM); NaN, ±∞, values
/// out of range and other text are errors. An empty `mem_pct`, or no `mem_pct` column, gives
/// the sample memory `memoryFraction`.
///
/// **Resampling** exactly as `BitbrainsTrace` (both use `ResampledGrid`): sample-and-hold on a
/// grid from the origin (`alignment`: the earliest first sample over all VMs, or each VM's
/// own), the first sample held before a VM's data begin, the last shown for at least one step,
/// then `afterEnd`; gaps over `maxGapSeconds` held and counted. Stored quantized to 16 bits
/// (error ≤ 7.7·10⁻⁶), two bytes per resource per grid step.
public final class CSVTimeSeriesTrace: WorkloadSource {
    /// How the samples are laid out, from the path: a file or a folder.
    public enum Layout: String, Sendable, Equatable, CaseIterable {
        /// One file, a `vm` column naming each row's VM.
        case long
        /// A folder of `<vm name>.csv` files.
        case perVMFiles = "per-vm-files"
    }

    /// The unit of numeric (epoch) timestamps.
    public enum EpochUnit: String, Sendable, Equatable, CaseIterable {
        /// Seconds since 1970 UTC (Prometheus, Bitbrains).
        case s
        /// Milliseconds since 1970 UTC (vROps `vrops-export` with an epoch `dateFormat`).
        case ms
    }

    /// The header names of the columns read (matched case-insensitively).
    public struct Columns: Sendable, Equatable {
        /// Sample time.
        public var timestamp: String
        /// VM name (long format only).
        public var vm: String
        /// CPU utilization, percent.
        public var cpuPct: String
        /// Active memory, percent; optional under its default name `mem_pct`, required when
        /// mapped to another name.
        public var memPct: String

        /// Names for an export whose headers differ from `timestamp, vm, cpu_pct, mem_pct`.
        public init(timestamp: String = "timestamp", vm: String = "vm", cpuPct: String = "cpu_pct", memPct: String = "mem_pct") {
            self.timestamp = timestamp; self.vm = vm; self.cpuPct = cpuPct; self.memPct = memPct
        }

        /// Whether the memory column must be present (it was mapped to a name of its own).
        var memPctRequired: Bool { memPct.lowercased() != "mem_pct" }
    }

    /// The file or folder read.
    public let path: String
    /// The layout read (a file: `.long`; a folder: `.perVMFiles`).
    public let layout: Layout
    /// The VM names in member order (natural order, see above).
    public let memberNames: [String]
    /// Samples of each member (distinct timestamps: rows with an equal timestamp count once).
    public let sampleCounts: [Int]
    /// Mean and maximum CPU fraction (0...1) of each member's samples (not of its grid).
    public let meanCPU: [Double], maxCPU: [Double]
    /// The columns' header names.
    public let columns: Columns
    /// IANA time zone of ISO timestamps without offset.
    public let timeZone: String
    /// Unit of numeric timestamps.
    public let epochUnit: EpochUnit
    /// The alignment used.
    public let alignment: TraceAlignment
    /// What steps past a member's data give.
    public let afterEnd: AfterTraceEnd
    /// Intervals between consecutive samples longer than this (seconds) count as gaps.
    public let maxGapSeconds: Double
    /// Memory fraction of samples without `mem_pct`.
    public let memoryFraction: Double
    /// Unix time (seconds) of each member's step 0 (all equal with `.commonOrigin`).
    public var gridOrigins: [Double] { resampled.gridOrigins }
    /// Unix time (seconds) of each member's first sample.
    public var firstSampleTimes: [Double] { resampled.firstSampleTimes }
    /// Unix time (seconds) of each member's last sample.
    public var lastSampleTimes: [Double] { resampled.lastSampleTimes }
    /// Intervals longer than `maxGapSeconds` between consecutive samples, over all members.
    public var gapCount: Int { resampled.gapCount }
    /// The longest interval between consecutive samples of any member (seconds; 0 if none
    /// has two samples).
    public var longestGapSeconds: Double { resampled.longestGapSeconds }
    /// The VM holding that longest interval, nil if none.
    public var longestGapMember: String? { resampled.longestGapMember.map { memberNames[$0] } }
    private let index: [String: Int]
    private let interval: SimDuration
    private let resampled: ResampledGrid

    /// Reads and resamples CSV utilization time series.
    /// - Parameters:
    ///   - path: a long-format CSV file, or a folder of `<vm name>.csv` files.
    ///   - columns: header names of the columns (default `timestamp, vm, cpu_pct, mem_pct`);
    ///     non-empty and distinct.
    ///   - timeZone: IANA zone of ISO timestamps without offset (default `UTC`).
    ///   - epochUnit: unit of numeric timestamps (default `.s`).
    ///   - step: grid step, ≥ 1 s (default 300 s).
    ///   - alignment: grid origin (default `.commonOrigin`).
    ///   - maxGapSeconds: gap threshold in seconds, > 0 (default 900).
    ///   - afterEnd: steps past a member's data (default `.repeat`).
    ///   - memoryFraction: memory of samples without `mem_pct`, 0...1 (default 1: the whole
    ///     RAM active, as `PlanetLabTrace`; the conservative choice for memory overcommit).
    /// - Throws: `WorkloadInputError` with the path, and for content errors the 1-based line,
    ///   the column (in characters) and the header's name of the column: path not found, no
    ///   `.csv` file in the folder, two files for one VM, unreadable file, empty file, missing
    ///   header, header lacking a column or naming one twice, wrong field count, an unclosed
    ///   quote, an empty VM name, a bad timestamp or percentage, decreasing timestamps, a
    ///   blank line between rows, a file without rows, a VM spanning more than
    ///   `ResampledGrid.maxGridSteps` steps, or a parameter out of range (against the path).
    /// - Complexity: O(total bytes + grid steps).
    public init(
        path: String, columns: Columns = Columns(), timeZone: String = "UTC", epochUnit: EpochUnit = .s,
        step: SimDuration = SimDuration(microseconds: 300_000_000), alignment: TraceAlignment = .commonOrigin,
        maxGapSeconds: Double = 900, afterEnd: AfterTraceEnd = .repeat, memoryFraction: Double = 1
    ) throws(WorkloadInputError) {
        try Self.check(path: path, columns: columns, step: step, maxGapSeconds: maxGapSeconds, memoryFraction: memoryFraction)
        guard let timestamps = TimestampParser(timeZone: timeZone, epochUnit: epochUnit) else {
            throw WorkloadInputError(file: path, message: "unknown time zone \"\(timeZone)\": expected an IANA name such as \"UTC\" or \"Europe/Amsterdam\"")
        }
        var reader = CSVTimeSeriesReader(columns: columns, defaultMemory: memoryFraction, timestamps: timestamps)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw WorkloadInputError(file: path, message: "not found: expected a CSV file (long format) or a folder of <vm name>.csv files")
        }
        var buffer: [UInt8] = []
        func read(_ file: String, vm: String?) throws(WorkloadInputError) {
            let n = try TraceFolder.readFile(file, into: &buffer)
            try buffer.withUnsafeBufferPointer { (b) throws(WorkloadInputError) in
                try reader.read(UnsafeBufferPointer(rebasing: b[0..<n]), path: file, vm: vm)
            }
        }
        var files: [String: String] = [:]  // per-VM files: VM name → file
        if isDir.boolValue {
            let all = try TraceFolder.traceFiles(in: path, kind: "per-VM CSV files (<vm name>.csv)") { $0.lowercased().hasSuffix(".csv") }
            for name in all.sorted(by: TraceFolder.byteOrder) {
                let vm = String(decoding: name.utf8.dropLast(4), as: UTF8.self)
                if let other = files[vm] {
                    throw WorkloadInputError(file: path, message: "files \"\(other)\" and \"\(name)\" both hold VM \"\(vm)\": expected one file per VM")
                }
                files[vm] = name
            }
            for vm in files.keys.sorted(by: TraceFolder.byteOrder) { try read(path + "/" + files[vm]!, vm: vm) }
        } else {
            try read(path, vm: nil)
        }
        let names = TraceFolder.naturalOrder(reader.names, suffixLength: 0)
        let firstIndex = Dictionary(uniqueKeysWithValues: reader.names.enumerated().map { ($1, $0) })
        let series = names.map { reader.series[firstIndex[$0]!] }
        for (name, s) in zip(names, series) {
            try s.checkSpan(step: step.microseconds, file: files[name].map { path + "/" + $0 } ?? path, member: isDir.boolValue ? "" : "VM \"\(name)\": ")
        }
        try SampleSeries.checkTotalSpan(series, step: step.microseconds, path: path)
        self.path = path
        self.layout = isDir.boolValue ? .perVMFiles : .long
        self.memberNames = names
        self.index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        self.sampleCounts = series.map(\.times.count)
        self.meanCPU = series.map { s in Double(s.cpu.reduce(0) { $0 + Int($1) }) / Double(s.cpu.count) / 65535 }
        self.maxCPU = series.map { Double($0.cpu.max()!) / 65535 }
        self.columns = columns
        self.timeZone = timeZone
        self.epochUnit = epochUnit
        self.alignment = alignment
        self.afterEnd = afterEnd
        self.maxGapSeconds = maxGapSeconds
        self.memoryFraction = memoryFraction
        self.interval = step
        self.resampled = ResampledGrid(series, step: step.microseconds, alignment: alignment, maxGap: Int64((maxGapSeconds * 1_000_000).rounded(.down)))
    }

    /// Throws for a parameter out of range, against `path`.
    private static func check(
        path: String, columns: Columns, step: SimDuration, maxGapSeconds: Double,
        memoryFraction: Double
    ) throws(WorkloadInputError) {
        guard step.microseconds >= 1_000_000 else {
            throw WorkloadInputError(file: path, message: "step must be at least 1 s, found \(step.seconds) s")
        }
        guard maxGapSeconds.isFinite, maxGapSeconds > 0 else {
            throw WorkloadInputError(file: path, message: "maxGapSeconds must be a positive number, found \(maxGapSeconds)")
        }
        guard memoryFraction.isFinite, memoryFraction >= 0, memoryFraction <= 1 else {
            throw WorkloadInputError(file: path, message: "memoryFraction must be in 0...1, found \(memoryFraction)")
        }
        let named = [("timestamp", columns.timestamp), ("vm", columns.vm), ("cpu_pct", columns.cpuPct), ("mem_pct", columns.memPct)]
        for (i, (role, name)) in named.enumerated() {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw WorkloadInputError(file: path, message: "columns: \(role) names no column: expected a header name")
            }
            if let (other, _) = named[..<i].first(where: { $0.1.lowercased() == name.lowercased() }) {
                throw WorkloadInputError(file: path, message: "columns: \(other) and \(role) both name \"\(name)\": expected a column each")
            }
        }
    }

    /// The grid step.
    public var step: SimDuration? { interval }
    /// The number of VMs read.
    public var memberLimit: Int? { memberNames.count }

    /// The member whose VM is called `name` (exact, case-sensitive), nil if none.
    public func member(named name: String) -> Int? { index[name] }

    /// The demand of `member` (0..<memberLimit) in step `step` (≥ 0), as described above.
    public func demand(member: Int, step: Int) -> Demand { resampled.demand(member: member, step: step, afterEnd: afterEnd) }

    /// The number of steps of member `member` before `afterEnd` applies (from step 0, so
    /// including the steps before its first sample).
    public func length(of member: Int) -> Int { resampled.length(of: member) }
}
