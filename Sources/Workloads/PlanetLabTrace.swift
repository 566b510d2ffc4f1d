import SimKernel

/// CPU-utilization traces in the PlanetLab/CoMon format shipped with CloudSim: a folder with
/// one text file per VM, one integer percentage per line, one line per 5-minute interval
/// (288 lines a day).
///
/// **Files.** Every regular file of the folder is a trace except hidden files (name starting
/// with "."), `README*` and `*.md` (case-insensitive); subfolders are skipped. Files are taken
/// in byte order of their UTF-8 names (not locale order: "B" before "a", "a 1" before "a1"),
/// so member i is the i-th file in that order on every machine. CloudSim instead takes the
/// unsorted directory listing, so its file-to-VM mapping differs.
///
/// **Lines.** Each line holds one integer 0...100 (the CloudSim data hold 0...99); blanks
/// (space, tab) around it and a CR before the LF are accepted; a missing final newline is
/// accepted. Blank lines are accepted only at the end of a file.
///
/// **Demand.** In step k, member i demands cpu = value/100 of line k + 1 of its file, held
/// for the whole step (no interpolation, unlike CloudSim, which interpolates linearly between
/// samples), and memory = `memoryFraction` (PlanetLab traces carry no memory data). Files may
/// differ in length: each member keeps its own length, and steps past its own end follow
/// `afterEnd`.
///
/// Storage: one byte per sample (1052 files × 288 lines ≈ 300 KB).
public final class PlanetLabTrace: WorkloadSource {
    /// The folder read.
    public let folder: String
    /// The trace file names in member order (byte order of names).
    public let fileNames: [String]
    /// Memory demand of every member at all times, fraction 0...1.
    public let memoryFraction: Double
    /// What steps past a member's last line give.
    public let afterEnd: AfterTraceEnd
    private let interval: SimDuration
    /// All samples in percent, file after file.
    private let values: [UInt8]
    /// Start of member i's samples in `values` is offsets[i]; offsets[count] = values.count.
    private let offsets: [Int]

    /// Reads a PlanetLab trace folder.
    /// - Parameters:
    ///   - folder: path of the day folder (e.g. `scenarios/traces/planetlab/20110303`).
    ///   - maxFiles: read only the first `maxFiles` files in byte order (≥ 1); nil reads all.
    ///   - step: duration of one line, > 0 (default 300 s).
    ///   - memoryFraction: constant memory demand, 0...1 (default 1.0: each VM's whole RAM is
    ///     active, the conservative choice for memory overcommit).
    ///   - afterEnd: steps past a file's last line (default `.repeat`).
    /// - Throws: `WorkloadInputError` with the path (and 1-based line and column for content
    ///   errors): trace folder not found, empty folder, unreadable file, a file with no value,
    ///   a non-integer line, a value above 100, a blank line before the last value, or a
    ///   parameter out of range (reported against the folder).
    /// - Complexity: O(total bytes); the 1052-file day (713 KB) reads in ~20 ms (release).
    public init(
        folder: String, maxFiles: Int? = nil,
        step: SimDuration = SimDuration(microseconds: 300_000_000),
        memoryFraction: Double = 1.0, afterEnd: AfterTraceEnd = .repeat
    ) throws(WorkloadInputError) {
        guard step.microseconds > 0 else {
            throw WorkloadInputError(file: folder, message: "step must be a positive duration, found \(step.seconds) s")
        }
        guard memoryFraction.isFinite, memoryFraction >= 0, memoryFraction <= 1 else {
            throw WorkloadInputError(file: folder, message: "memoryFraction must be in 0...1, found \(memoryFraction)")
        }
        let all = try TraceFolder.traceFiles(in: folder, kind: "PlanetLab trace files (one per VM)")
        let names = try TraceFolder.limit(all.sorted(by: TraceFolder.byteOrder), to: maxFiles, folder: folder)
        var values: [UInt8] = []
        values.reserveCapacity(names.count * 288)
        var offsets = [0]
        offsets.reserveCapacity(names.count + 1)
        var buffer: [UInt8] = []
        for name in names {
            let path = folder + "/" + name
            let n = try TraceFolder.readFile(path, into: &buffer)
            try buffer.withUnsafeBufferPointer { (b) throws(WorkloadInputError) in
                try Self.parse(UnsafeBufferPointer(rebasing: b[0..<n]), path: path, into: &values)
            }
            offsets.append(values.count)
        }
        self.folder = folder
        self.fileNames = names
        self.memoryFraction = memoryFraction
        self.afterEnd = afterEnd
        self.interval = step
        self.values = values
        self.offsets = offsets
    }

    /// Duration of one line.
    public var step: SimDuration? { interval }
    /// The number of files read.
    public var memberLimit: Int? { fileNames.count }

    /// The demand of `member` (0..<memberLimit) in step `step` (≥ 0), as described above.
    public func demand(member: Int, step: Int) -> Demand {
        precondition(step >= 0, "step must be ≥ 0")
        let start = offsets[member]
        let i = afterEnd.index(step, count: offsets[member + 1] - start)
        return Demand(cpu: Double(values[start + i]) / 100, memory: memoryFraction)
    }

    /// `demand(member:step:).cpu` for steps `0..<out.count`, in one loop.
    public func cpuFractions(member: Int, into out: UnsafeMutableBufferPointer<Double>) {
        let start = offsets[member], count = offsets[member + 1] - start
        values.withUnsafeBufferPointer { values in
            for k in out.indices { out[k] = Double(values[start + afterEnd.index(k, count: count)]) / 100 }
        }
    }

    /// The number of lines (data steps) of member `member`'s file.
    public func length(of member: Int) -> Int { offsets[member + 1] - offsets[member] }

    /// The total number of samples over all files.
    public var sampleCount: Int { values.count }

    /// The mean CPU fraction over all samples of all files (0...1); e.g. 0.1231 for the day
    /// 20110303.
    public var meanCPU: Double {
        var sum = 0
        for v in values { sum += Int(v) }
        return values.isEmpty ? 0 : Double(sum) / Double(values.count) / 100
    }

    /// Parses one file's bytes, appending its values (percent) to `out`.
    static func parse(
        _ p: UnsafeBufferPointer<UInt8>, path: String,
        into out: inout [UInt8]
    ) throws(WorkloadInputError) {
        if parsePlain(p, into: &out) { return }
        try parseLines(p, path: path, into: &out)
    }

    /// The common file, in one pass over its bytes: lines of 1 to 3 digits, value ≤ 100, each
    /// ended by a newline (the last may end the file instead). Appends the values and returns
    /// true; for anything else (blanks, CR, blank lines, other bytes, a value above 100, an
    /// empty file) appends nothing and returns false, and `parseLines` reads the file with its
    /// diagnostics. On such files both give the same values.
    static func parsePlain(_ p: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        guard !p.isEmpty else { return false }
        let before = out.count
        // at most one value per two bytes, plus one
        out.append(contentsOf: repeatElement(0, count: p.count / 2 + 1))
        let n = out.withUnsafeMutableBufferPointer { o -> Int in
            var n = before, v = 0, digits = 0
            for b in p {
                let d = b &- 0x30
                if d < 10 {
                    v = v * 10 + Int(d)
                    digits += 1
                    if digits > 3 { return -1 }
                } else if b == 0x0A && digits > 0 && v <= 100 {
                    o[n] = UInt8(v); n += 1
                    v = 0; digits = 0
                } else {
                    return -1
                }
            }
            if digits > 0 {
                guard v <= 100 else { return -1 }
                o[n] = UInt8(v); n += 1
            }
            return n
        }
        guard n >= 0 else { out.removeLast(out.count - before); return false }
        out.removeLast(out.count - n)
        return true
    }

    /// Parses one file line by line, with the position of the first problem.
    static func parseLines(
        _ p: UnsafeBufferPointer<UInt8>, path: String,
        into out: inout [UInt8]
    ) throws(WorkloadInputError) {
        let before = out.count
        var lineStart = 0, line = 1
        var blankLine: Int? = nil  // first blank line since the last value
        while lineStart < p.count {
            var lineEnd = lineStart
            while lineEnd < p.count, p[lineEnd] != 0x0A { lineEnd += 1 }
            var s = lineStart, e = lineEnd
            while s < e, p[s].isBlank { s += 1 }
            while e > s, p[e - 1].isBlank || p[e - 1] == 0x0D { e -= 1 }
            if s == e {
                if blankLine == nil { blankLine = line }
            } else {
                if let b = blankLine {
                    throw WorkloadInputError(
                        file: path, line: b, column: 1,
                        message:
                            "blank line: expected an integer 0–100 on every line (blank lines are allowed only at the end)")
                }
                out.append(try value(p, s, e, lineStart: lineStart, line: line, path: path))
            }
            lineStart = lineEnd + 1
            line += 1
        }
        if out.count == before {
            throw WorkloadInputError(
                file: path, line: 1, column: 1,
                message:
                    "no values: expected one integer 0–100 per line, found an empty file")
        }
    }

    /// The integer 0...100 in `p[s..<e]` (non-empty, trimmed).
    @inline(__always)
    private static func value(
        _ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, lineStart: Int,
        line: Int, path: String
    ) throws(WorkloadInputError) -> UInt8 {
        var v = 0
        for i in s..<e {
            guard p[i].isDigit else {
                throw WorkloadInputError(
                    file: path, line: line, column: i - lineStart + 1,
                    message:
                        "expected an integer 0–100, found \"\(TraceFolder.snippet(p, s, e))\"")
            }
            if v <= 100 { v = v * 10 + Int(p[i] &- 0x30) }
        }
        guard v <= 100 else {
            throw WorkloadInputError(
                file: path, line: line, column: s - lineStart + 1,
                message:
                    "value out of range: expected an integer 0–100, found \(TraceFolder.snippet(p, s, e))")
        }
        return UInt8(v)
    }
}
