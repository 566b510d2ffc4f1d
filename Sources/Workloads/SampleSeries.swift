/// The samples of one trace member before resampling: times and quantized (cpu, memory)
/// fractions, as the time-series readers (`BitbrainsTrace`, `CSVTimeSeriesTrace`) parse them.
/// `ResampledGrid` turns a list of these into the members' grids.
struct SampleSeries {
    /// Sample times, microseconds since 1970 UTC, non-decreasing.
    var times: [Int64] = []
    /// Quantized CPU and memory fractions of each sample (q/65535).
    var cpu: [UInt16] = [], memory: [UInt16] = []

    /// Adds a sample; `time` must not be before the last one (the readers check it first).
    @inline(__always)
    mutating func append(time: Int64, cpu c: UInt16, memory m: UInt16) {
        times.append(time); cpu.append(c); memory.append(m)
    }

    /// Adds a sample, or replaces the last one when it has the same time (a later row with an
    /// equal timestamp wins, for the lead value too).
    @inline(__always)
    mutating func appendOrReplace(time: Int64, cpu c: UInt16, memory m: UInt16) {
        if times.last == time {
            cpu[cpu.count - 1] = c; memory[memory.count - 1] = m
        } else {
            append(time: time, cpu: c, memory: m)
        }
    }

    /// The fraction `x` (clamped to 0...1; NaN → 0) as q/65535: error ≤ 7.7·10⁻⁶.
    @inline(__always)
    static func quantize(_ x: Double) -> UInt16 { UInt16((clampFraction(x) * 65535).rounded()) }

    /// The number of intervals between consecutive samples longer than `maxGap` µs.
    func gapCount(over maxGap: Int64) -> Int {
        var n = 0
        for i in times.indices.dropFirst() where times[i] - times[i - 1] > maxGap { n += 1 }
        return n
    }

    /// The longest interval between consecutive samples, µs (0 for one sample).
    var longestInterval: Int64 {
        var m: Int64 = 0
        for i in times.indices.dropFirst() { m = max(m, times[i] - times[i - 1]) }
        return m
    }

    /// Throws unless the samples (at least one) span fewer than `ResampledGrid.maxGridSteps`
    /// steps of `step` µs: a guard against timestamps in the wrong unit or a corrupt far-future
    /// row. The error names `file`, prefixed by `member` (e.g. `VM "web-1": `) when given.
    func checkSpan(step: Int64, file: String, member: String = "") throws(WorkloadInputError) {
        let span = times[times.count - 1] - times[0]
        guard span / step < ResampledGrid.maxGridSteps else {
            throw WorkloadInputError(
                file: file,
                message: member + "timestamps span \(span / 1_000_000) s, over "
                    + "\(ResampledGrid.maxGridSteps) steps of \(Double(step) / 1_000_000) s: expected seconds since 1970 and a coarser step")
        }
    }

    /// Throws unless `series` together span fewer than `ResampledGrid.maxGridSteps` steps of
    /// `step` µs: the grid stores every member's steps, so many small files spanning years at a
    /// fine step would need memory without bound although each passes ``checkSpan(step:file:member:)``.
    static func checkTotalSpan(_ series: [SampleSeries], step: Int64, path: String) throws(WorkloadInputError) {
        var total: Int64 = 0
        for s in series {
            total += (s.times[s.times.count - 1] - s.times[0]) / step + 1
            guard total < ResampledGrid.maxGridSteps else {
                throw WorkloadInputError(
                    file: path,
                    message: "the \(series.count) traces together span over \(ResampledGrid.maxGridSteps) grid steps of \(Double(step) / 1_000_000) s "
                        + "(4 bytes each: over 400 MB of memory): use a coarser step or fewer files")
            }
        }
    }

    /// Appends this series' lead pair (first sample) and its grid values from the first grid
    /// point at or after the first sample to the first grid point at or after the last sample
    /// (see `ResampledGrid`) as (cpu, memory) pairs to `grid`. `origin` ≤ the first sample.
    /// - Returns: the step index of the first of those grid values.
    func resample(origin: Int64, step s: Int64, into grid: inout [UInt16]) -> Int {
        let first = times[0], last = times[times.count - 1]
        let k0 = Int((first - origin + s - 1) / s)
        let kEnd = Int((last - origin + s - 1) / s)
        grid.append(cpu[0]); grid.append(memory[0])
        var j = 0
        var g = origin + Int64(k0) * s
        for _ in k0...kEnd {
            while j + 1 < times.count && times[j + 1] <= g { j += 1 }
            grid.append(cpu[j]); grid.append(memory[j])
            g += s
        }
        return k0
    }
}
