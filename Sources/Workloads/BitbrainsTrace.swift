import SimKernel

/// VM traces in the Bitbrains GWA-T-12 format ("Rnd" and "fastStorage" sets): a folder of
/// `<vm id>.csv` files, resampled to a regular grid of `step` seconds.
///
/// **Files.** Every regular file whose name ends in `.csv` (case-insensitive) is a trace;
/// hidden files, `README*` and `*.md` are ignored. When every name is an integer followed by
/// `.csv`, files are taken in numeric order of that integer (1, 2, …, 10, …, 100); otherwise
/// in byte order of their UTF-8 names. Member i is the i-th file in that order.
///
/// **Format.** A header line naming the columns, then one row per sample; fields separated by
/// ";" followed by optional blanks (the data use ";\t"); CR before LF accepted; blank lines
/// only at the end. Columns are found by their header names (case-insensitive, so their order
/// may vary): `Timestamp…` (seconds since 1970 UTC, despite the header's "[ms]"),
/// `CPU cores`, `CPU capacity provisioned [MHZ]`, `CPU usage [MHZ]`,
/// `Memory capacity provisioned [KB]`, `Memory usage [KB]`. Those fields must be decimal
/// numbers (exponent allowed: `2.4E7`); other columns are only counted. Every row must have as
/// many fields as the header, and timestamps must not decrease (equal ones: the later row wins).
///
/// **Per sample** cpu = usage MHz / capacity MHz and memory = usage KB / capacity KB of the
/// same row, each clamped to 0...1 (a capacity of 0 gives 0). Stored quantized to 16 bits
/// (value = q/65535, error ≤ 7.7·10⁻⁶), two bytes per resource per grid step.
///
/// **Resampling** to the grid as `ResampledGrid` describes (shared with `CSVTimeSeriesTrace`):
/// sample-and-hold from the grid origin, the first sample held before a file's data begin,
/// the last sample shown for at least one step, then `afterEnd`; gaps held and counted. With
/// `.commonOrigin` (the default) the origin is the earliest first timestamp over all files
/// read; with `.perFile` each file's own first timestamp.
public final class BitbrainsTrace: WorkloadSource {
    /// Where step 0 of each member starts (the name this type has always used).
    public typealias Alignment = TraceAlignment

    /// The folder read.
    public let folder: String
    /// The trace file names in member order.
    public let fileNames: [String]
    /// The alignment used.
    public let alignment: Alignment
    /// What steps past a member's data give.
    public let afterEnd: AfterTraceEnd
    /// Intervals between consecutive samples longer than this (seconds) count as gaps.
    public let maxGapSeconds: Double
    /// vCPUs of each member (first row's `CPU cores`; 0 if that row says 0).
    public let cpuCores: [Int]
    /// CPU capacity of each member in MHz (first row's `CPU capacity provisioned [MHZ]`).
    public let cpuCapacityMHz: [Double]
    /// Configured RAM of each member in KB (first row's `Memory capacity provisioned [KB]`).
    public let memoryCapacityKB: [Double]
    /// Data rows (samples) of each file.
    public let rowCounts: [Int]
    /// Unix time (seconds) of each member's step 0 (all equal with `.commonOrigin`).
    public var gridOrigins: [Double] { resampled.gridOrigins }
    /// Unix time (seconds) of each file's first sample.
    public var firstSampleTimes: [Double] { resampled.firstSampleTimes }
    /// Unix time (seconds) of each file's last sample.
    public var lastSampleTimes: [Double] { resampled.lastSampleTimes }
    /// Intervals longer than `maxGapSeconds` between consecutive samples, over all files.
    public var gapCount: Int { resampled.gapCount }
    /// The longest interval between consecutive samples in any file (seconds; whether or not
    /// it exceeds `maxGapSeconds`; 0 if no file has two samples).
    public var longestGapSeconds: Double { resampled.longestGapSeconds }
    /// The file holding that longest interval, nil if none.
    public var longestGapFile: String? { resampled.longestGapMember.map { fileNames[$0] } }
    private let interval: SimDuration
    private let resampled: ResampledGrid

    /// Reads and resamples a Bitbrains trace folder.
    /// - Parameters:
    ///   - folder: path of the folder of `<vm id>.csv` files.
    ///   - maxFiles: read only the first `maxFiles` files in member order (≥ 1); nil reads all.
    ///   - step: grid step, ≥ 1 s (default 300 s).
    ///   - alignment: grid origin (default `.commonOrigin`).
    ///   - maxGapSeconds: gap threshold in seconds, > 0 (default 900).
    ///   - afterEnd: steps past a member's data (default `.repeat`).
    /// - Throws: `WorkloadInputError` with the path (and 1-based line and column for content
    ///   errors): trace folder not found, no `.csv` file, unreadable file, missing header,
    ///   header lacking a needed column, wrong field count, a non-numeric needed field (named
    ///   by its column), decreasing timestamps, a blank line between rows, a file without
    ///   rows, a file (or all files together) spanning more than `maxGridSteps` steps, or a parameter out of range
    ///   (reported against the folder).
    /// - Complexity: O(total bytes + grid steps); the 100-file week (24 MB) reads in ~0.1 s
    ///   (release).
    public init(
        folder: String, maxFiles: Int? = nil,
        step: SimDuration = SimDuration(microseconds: 300_000_000),
        alignment: Alignment = .commonOrigin, maxGapSeconds: Double = 900,
        afterEnd: AfterTraceEnd = .repeat
    ) throws(WorkloadInputError) {
        guard step.microseconds >= 1_000_000 else {
            throw WorkloadInputError(file: folder, message: "step must be at least 1 s, found \(step.seconds) s")
        }
        guard maxGapSeconds.isFinite, maxGapSeconds > 0 else {
            throw WorkloadInputError(file: folder, message: "maxGapSeconds must be a positive number, found \(maxGapSeconds)")
        }
        let all = try TraceFolder.traceFiles(in: folder, kind: "Bitbrains <vm id>.csv files") {
            $0.lowercased().hasSuffix(".csv")
        }
        let names = try TraceFolder.limit(TraceFolder.naturalOrder(all, suffixLength: 4), to: maxFiles, folder: folder)
        var files: [BitbrainsFile] = []
        files.reserveCapacity(names.count)
        var buffer: [UInt8] = []
        for name in names {
            let path = folder + "/" + name
            let n = try TraceFolder.readFile(path, into: &buffer)
            let f = try buffer.withUnsafeBufferPointer { (b) throws(WorkloadInputError) in
                try BitbrainsFile(UnsafeBufferPointer(rebasing: b[0..<n]), path: path)
            }
            try f.series.checkSpan(step: step.microseconds, file: path)
            files.append(f)
        }
        try SampleSeries.checkTotalSpan(files.map(\.series), step: step.microseconds, path: folder)
        self.folder = folder
        self.fileNames = names
        self.alignment = alignment
        self.afterEnd = afterEnd
        self.maxGapSeconds = maxGapSeconds
        self.cpuCores = files.map(\.cores)
        self.cpuCapacityMHz = files.map(\.cpuCapacityMHz)
        self.memoryCapacityKB = files.map(\.memoryCapacityKB)
        self.rowCounts = files.map(\.series.times.count)
        self.interval = step
        self.resampled = ResampledGrid(
            files.map(\.series), step: step.microseconds, alignment: alignment,
            maxGap: Int64((maxGapSeconds * 1_000_000).rounded(.down)))
    }

    /// The most grid steps one file may span (100 M steps × 4 bytes = 400 MB): a guard
    /// against timestamps in milliseconds or a corrupt far-future row.
    public static let maxGridSteps: Int64 = ResampledGrid.maxGridSteps

    /// The grid step.
    public var step: SimDuration? { interval }
    /// The number of files read.
    public var memberLimit: Int? { fileNames.count }

    /// The demand of `member` (0..<memberLimit) in step `step` (≥ 0), as described above.
    public func demand(member: Int, step: Int) -> Demand { resampled.demand(member: member, step: step, afterEnd: afterEnd) }

    /// The number of steps of member `member` before `afterEnd` applies (from step 0, so
    /// including the steps before its first sample).
    public func length(of member: Int) -> Int { resampled.length(of: member) }
}
