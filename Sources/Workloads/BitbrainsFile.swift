/// One Bitbrains `.csv` file parsed: sample times and quantized fractions, before resampling.
/// The format is described on `BitbrainsTrace`.
struct BitbrainsFile {
    /// The samples (at least one), times non-decreasing.
    var series = SampleSeries()
    /// First row's vCPUs, CPU capacity (MHz) and RAM (KB).
    var cores = 0, cpuCapacityMHz = 0.0, memoryCapacityKB = 0.0

    /// The columns read, in the order of `Row`: how the header names them (lowercased).
    private static let needed: [(key: String, label: String)] = [
        ("timestamp", "Timestamp [ms]"),
        ("cpu cores", "CPU cores"),
        ("cpu capacity provisioned [mhz]", "CPU capacity provisioned [MHZ]"),
        ("cpu usage [mhz]", "CPU usage [MHZ]"),
        ("memory capacity provisioned [kb]", "Memory capacity provisioned [KB]"),
        ("memory usage [kb]", "Memory usage [KB]")
    ]
    private static let time = 0, coresColumn = 1, cpuCap = 2, cpuUse = 3, memCap = 4, memUse = 5

    /// Parses the file's bytes.
    init(_ p: UnsafeBufferPointer<UInt8>, path: String) throws(WorkloadInputError) {
        var lines = LineCursor(p)
        guard let header = lines.next() else {
            throw WorkloadInputError(
                file: path, line: 1, column: 1,
                message:
                    "empty file: expected a header line naming the columns (Timestamp [ms]; CPU cores; …)")
        }
        let (roles, labels) = try Self.columns(p, header, path: path)
        var values = [Double](repeating: 0, count: Self.needed.count)
        series.times.reserveCapacity(p.count / 120)
        series.cpu.reserveCapacity(p.count / 120)
        series.memory.reserveCapacity(p.count / 120)
        while let l = try lines.nextRow(path: path) {
            try Self.row(p, l, roles: roles, labels: labels, into: &values, path: path)
            try append(values, p, l, path: path)
        }
        guard !series.times.isEmpty else {
            throw WorkloadInputError(file: path, line: 2, column: 1, message: "no data rows: expected at least one row after the header")
        }
    }

    /// Adds one parsed row.
    private mutating func append(
        _ v: [Double], _ p: UnsafeBufferPointer<UInt8>, _ l: Line,
        path: String
    ) throws(WorkloadInputError) {
        let seconds = v[Self.time]
        guard abs(seconds) < 1e11 else {  // 1e11 s is the year 5138; 1e11 ms is 1973
            throw WorkloadInputError(
                file: path, line: l.number, column: 1,
                message:
                    "timestamp out of range: expected seconds since 1970 (below 10^11, despite the header's [ms]), found \(Self.format(seconds))")
        }
        let t = Int64((seconds * 1_000_000).rounded())
        if let prev = series.times.last, t < prev {
            throw WorkloadInputError(
                file: path, line: l.number, column: 1,
                message:
                    "timestamps go backwards: found \(Self.format(seconds)) after \(Self.format(Double(prev) / 1_000_000)); expected non-decreasing times")
        }
        if series.times.isEmpty {
            cores = Int(min(max(v[Self.coresColumn], 0), 1e9).rounded())
            cpuCapacityMHz = v[Self.cpuCap]
            memoryCapacityKB = v[Self.memCap]
        }
        series.append(time: t, cpu: Self.quantize(v[Self.cpuUse], over: v[Self.cpuCap]), memory: Self.quantize(v[Self.memUse], over: v[Self.memCap]))
    }

    /// usage/capacity clamped to 0...1 (0 if capacity ≤ 0), as q/65535.
    @inline(__always)
    static func quantize(_ usage: Double, over capacity: Double) -> UInt16 {
        capacity > 0 ? SampleSeries.quantize(usage / capacity) : 0
    }

    /// Seconds as written in messages: whole numbers below 10^15 without a fraction, others as
    /// Swift prints a Double (`1e+20`; a whole 10^20 trapped converting to Int64).
    private static func format(_ seconds: Double) -> String {
        abs(seconds) < 1e15 && seconds == seconds.rounded() ? String(Int64(seconds)) : String(seconds)
    }

    /// Maps each header field to the index of the needed column it holds (−1 if none).
    private static func columns(
        _ p: UnsafeBufferPointer<UInt8>, _ header: Line,
        path: String
    ) throws(WorkloadInputError) -> (roles: [Int], labels: [String]) {
        var roles: [Int] = [], found: [String] = []
        var labels = needed.map(\.label)
        var fields = FieldCursor(p, header)
        while let (s, e) = fields.next() {
            let name = String(decoding: UnsafeBufferPointer(rebasing: p[s..<e]), as: UTF8.self)
            let key = name.lowercased()
            let r = needed.firstIndex { key == $0.key || ($0.key == "timestamp" && key.hasPrefix("timestamp")) }
            if roles.isEmpty, DecimalParser.parse(p, s, e) != nil {
                throw WorkloadInputError(
                    file: path, line: 1, column: 1,
                    message:
                        "missing header: expected a header line naming the columns (Timestamp [ms]; CPU cores; …), found a data row")
            }
            if let r, !roles.contains(r) { roles.append(r); labels[r] = name } else { roles.append(-1) }
            found.append(name)
        }
        let missing = needed.indices.filter { !roles.contains($0) }.map { "\"\(needed[$0].label)\"" }
        guard missing.isEmpty else {
            throw WorkloadInputError(
                file: path, line: 1, column: 1,
                message:
                    "header lacks column \(missing.joined(separator: ", ")); found \(found.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        return (roles, labels)
    }

    /// Parses the needed fields of one data row into `values` (indexed like `needed`).
    @inline(__always)
    private static func row(
        _ p: UnsafeBufferPointer<UInt8>, _ l: Line, roles: [Int], labels: [String],
        into values: inout [Double], path: String
    ) throws(WorkloadInputError) {
        var fields = FieldCursor(p, l)
        var f = 0
        while let (s, e) = fields.next() {
            if f < roles.count {
                let r = roles[f]
                if r >= 0 {
                    guard let x = DecimalParser.parse(p, s, e) else {
                        throw WorkloadInputError(
                            file: path, line: l.number, column: s - l.start + 1,
                            message:
                                "column \"\(labels[r])\": expected a number, found \"\(TraceFolder.snippet(p, s, e))\"")
                    }
                    values[r] = x
                }
            } else {
                throw WorkloadInputError(
                    file: path, line: l.number, column: s - l.start + 1,
                    message:
                        "wrong column count: found more than \(roles.count) fields, expected \(roles.count) as in the header")
            }
            f += 1
        }
        guard f == roles.count else {
            throw WorkloadInputError(
                file: path, line: l.number, column: l.end - l.start + 1,
                message:
                    "wrong column count: found \(f) fields, expected \(roles.count) as in the header")
        }
    }
}

/// Iterates the ";"-separated fields of a line, each trimmed of blanks (and a final CR).
struct FieldCursor {
    let p: UnsafeBufferPointer<UInt8>
    var position: Int
    let end: Int
    var done = false

    init(_ p: UnsafeBufferPointer<UInt8>, _ l: Line) {
        self.p = p; position = l.start
        var e = l.end
        if e > l.start, p[e - 1] == 0x0D { e -= 1 }
        end = e
    }

    /// The next field's [start, end) after trimming, nil after the last field.
    mutating func next() -> (Int, Int)? {
        guard !done else { return nil }
        var s = position
        while s < end, p[s].isBlank { s += 1 }
        var e = s
        while e < end, p[e] != UInt8(ascii: ";") { e += 1 }
        if e == end { done = true } else { position = e + 1 }
        var t = e
        while t > s, p[t - 1].isBlank { t -= 1 }
        return (s, t)
    }
}
