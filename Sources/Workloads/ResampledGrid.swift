/// Where step 0 of each member of a resampled trace starts.
public enum TraceAlignment: String, Sendable, Equatable, CaseIterable {
    /// The earliest first timestamp over all members: members aligned in wall-clock time.
    case commonOrigin = "common-origin"
    /// Each member's own first timestamp (its file's, or its VM's in a long-format CSV): all
    /// members start their data at step 0.
    case perFile = "per-file"
}

/// Time series resampled to a regular grid, the storage and lookup shared by the time-series
/// readers (`BitbrainsTrace`, `CSVTimeSeriesTrace`).
///
/// **Resampling.** Step k of a member covers [origin + k·step, origin + (k+1)·step). Its demand
/// is the last sample at or before the grid point origin + k·step (sample-and-hold, so
/// sampling jitter of a few seconds may shift a value by one step). Before the member's first
/// sample the first sample holds. A member's data end at the first grid point at or after
/// its last sample, so the last sample shows for at least one step; later steps follow
/// `afterEnd`, `.repeat` looping over the steps from the first sample's on. Gaps — consecutive
/// samples more than `maxGap` apart — are filled by holding the last value and counted in
/// `gapCount`.
///
/// **Origin.** With `.commonOrigin` the origin is the earliest first timestamp over all
/// members, so members stay aligned in wall-clock time; a member starting later holds its
/// first sample until its data begin. With `.perFile` each member's origin is its own first
/// timestamp.
///
/// **Storage.** Two bytes per resource per grid step (value = q/65535, error ≤ 7.7·10⁻⁶).
struct ResampledGrid {
    /// The most grid steps one member may span (100 M steps × 4 bytes = 400 MB): a guard
    /// against timestamps in milliseconds or a corrupt far-future row.
    static let maxGridSteps: Int64 = 100_000_000

    /// Unix time (seconds) of each member's step 0 (all equal with `.commonOrigin`).
    let gridOrigins: [Double]
    /// Unix time (seconds) of each member's first and last sample.
    let firstSampleTimes: [Double], lastSampleTimes: [Double]
    /// Intervals longer than `maxGap` between consecutive samples, over all members.
    let gapCount: Int
    /// The longest interval between consecutive samples of any member (seconds; 0 if no
    /// member has two samples).
    let longestGapSeconds: Double
    /// The member holding that longest interval (the first such), nil if none.
    let longestGapMember: Int?
    /// Quantized (cpu, memory) pairs; member i: a lead pair (its first sample), then its data
    /// steps from `firstStep[i]` on.
    private let grid: [UInt16]
    /// Pair index of member i's lead pair; `starts[count]` = total pairs.
    private let starts: [Int]
    /// The first step whose grid point is at or after member i's first sample.
    private let firstStep: [Int]

    /// Resamples `series` (each with at least one sample, spans checked with
    /// `SampleSeries.checkSpan`) to a grid of `step` µs (> 0), counting gaps over `maxGap` µs.
    /// - Complexity: O(samples + grid steps).
    init(_ series: [SampleSeries], step s: Int64, alignment: TraceAlignment, maxGap: Int64) {
        var gaps = 0, longest: Int64 = 0, longestMember: Int? = nil
        for (i, f) in series.enumerated() {
            gaps += f.gapCount(over: maxGap)
            let l = f.longestInterval
            if f.times.count > 1, longestMember == nil || l > longest { longest = l; longestMember = i }
        }
        let common = series.map { $0.times[0] }.min() ?? 0
        var grid: [UInt16] = [], starts: [Int] = [], firstStep: [Int] = [], origins: [Double] = []
        grid.reserveCapacity(series.reduce(0) { $0 + 2 * ($1.times.count + 2) })
        for f in series {
            let origin = alignment == .commonOrigin ? common : f.times[0]
            starts.append(grid.count / 2)
            firstStep.append(f.resample(origin: origin, step: s, into: &grid))
            origins.append(Double(origin) / 1_000_000)
        }
        starts.append(grid.count / 2)
        self.gridOrigins = origins
        self.firstSampleTimes = series.map { Double($0.times[0]) / 1_000_000 }
        self.lastSampleTimes = series.map { Double($0.times[$0.times.count - 1]) / 1_000_000 }
        self.gapCount = gaps
        self.longestGapSeconds = Double(longest) / 1_000_000
        self.longestGapMember = longestMember
        self.grid = grid
        self.starts = starts
        self.firstStep = firstStep
    }

    /// The demand of `member` in step `step` (≥ 0), as described above.
    @inline(__always)
    func demand(member: Int, step: Int, afterEnd: AfterTraceEnd) -> Demand {
        precondition(step >= 0, "step must be ≥ 0")
        let base = starts[member], k0 = firstStep[member]
        let i = step < k0 ? 0 : 1 + afterEnd.index(step - k0, count: starts[member + 1] - base - 1)
        let p = 2 * (base + i)
        return Demand(cpu: Double(grid[p]) / 65535, memory: Double(grid[p + 1]) / 65535)
    }

    /// The number of steps of member `member` before `afterEnd` applies (from step 0, so
    /// including the steps before its first sample).
    func length(of member: Int) -> Int {
        firstStep[member] + starts[member + 1] - starts[member] - 1
    }
}
