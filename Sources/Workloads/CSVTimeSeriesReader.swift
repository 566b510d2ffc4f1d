/// Parses CSV time-series files (the format is described on `CSVTimeSeriesTrace`) into one
/// `SampleSeries` per VM, before resampling.
struct CSVTimeSeriesReader {
    /// Header names of the columns, as configured.
    let columns: CSVTimeSeriesTrace.Columns
    /// Memory of a sample without `mem_pct`, quantized.
    let defaultMemory: UInt16
    var timestamps: TimestampParser
    /// VM names in order of first appearance, their index, and their samples.
    private(set) var names: [String] = []
    private(set) var series: [SampleSeries] = []
    private var index: [String: Int] = [:]
    /// Where each VM's last timestamp stands in the current file (line, field), for the
    /// "goes backwards" message.
    private var lastTimestamp: [(line: Int, start: Int, end: Int)] = []

    init(columns: CSVTimeSeriesTrace.Columns, defaultMemory: Double, timestamps: TimestampParser) {
        self.columns = columns
        self.defaultMemory = SampleSeries.quantize(defaultMemory)
        self.timestamps = timestamps
    }

    /// What a header field holds.
    private enum Role: Int, CaseIterable { case timestamp, vm, cpu, memory }

    /// The index of `name`, added (with no samples) if new.
    private mutating func member(_ name: String) -> Int {
        if let i = index[name] { return i }
        index[name] = names.count
        names.append(name); series.append(SampleSeries()); lastTimestamp.append((0, 0, 0))
        return names.count - 1
    }

    /// Reads one file: a long-format file (`vm` nil: a `vm` column names each row's VM) or the
    /// file of VM `vm` (a `vm` column, if any, is ignored).
    mutating func read(_ p: UnsafeBufferPointer<UInt8>, path: String, vm: String?) throws(WorkloadInputError) {
        var lines = LineCursor(p)
        let shape = vm == nil ? "timestamp, vm, cpu_pct[, mem_pct]" : "timestamp, cpu_pct[, mem_pct]"
        guard let header = lines.next(), !header.isBlank(p) else {
            var rest = lines
            var empty = true
            while let l = rest.next(), empty { empty = l.isBlank(p) }
            throw WorkloadInputError(
                file: path, line: 1, column: 1,
                message: "\(empty ? "empty file" : "blank first line"): expected a header line naming the columns (\(shape))")
        }
        let delimiter = CSVFieldCursor.delimiter(ofHeader: p, header)
        let (roles, count, labels) = try self.roles(p, header, delimiter: delimiter, path: path, longFormat: vm == nil, shape: shape)
        let fixed = vm.map { member($0) }
        var fields: [CSVField] = []
        fields.reserveCapacity(count)
        var rows = 0
        var lastName: (field: CSVField, member: Int)? = nil  // consecutive rows of one VM look it up once
        while let l = try lines.nextRow(path: path) {
            try Self.split(p, l, delimiter: delimiter, count: count, into: &fields, path: path)
            func field(_ r: Role) -> CSVField? { roles[r.rawValue].map { fields[$0] } }
            func fail(_ f: CSVField, _ r: Role, _ message: String) -> WorkloadInputError {
                WorkloadInputError(file: path, line: l.number, column: l.column(of: f.position, in: p), message: "column \"\(labels[r.rawValue])\": " + message)
            }
            // VM
            let m: Int
            if let fixed {
                m = fixed
            } else {
                let f = field(.vm)!
                if let last = lastName, last.field.quoted == f.quoted, Self.equal(p, last.field.start, last.field.end, f.start, f.end) {
                    m = last.member
                } else {
                    guard !f.isEmpty else { throw fail(f, .vm, "expected a VM name, found an empty field") }
                    m = member(f.text(p))
                    lastName = (f, m)
                }
            }
            // timestamp
            let tf = field(.timestamp)!
            guard !tf.isEmpty else { throw fail(tf, .timestamp, "expected \(timestamps.expected), found an empty field") }
            let t: Int64
            do { t = try timestamps.parse(p, tf.start, tf.end) } catch { throw fail(tf, .timestamp, error.message) }
            if let prev = series[m].times.last, t < prev {
                let (pl, ps, pe) = lastTimestamp[m]
                let who = fixed == nil ? " for VM \"\(names[m])\"" : ""
                throw fail(
                    tf, .timestamp,
                    "timestamps go backwards\(who): found \"\(TraceFolder.snippet(p, tf.start, tf.end))\" after "
                        + "\"\(TraceFolder.snippet(p, ps, pe))\" (line \(pl)); expected non-decreasing times")
            }
            lastTimestamp[m] = (l.number, tf.start, tf.end)
            // utilization
            let cf = field(.cpu)!
            guard let cpu = Self.percent(p, cf) else { throw fail(cf, .cpu, Self.percentExpected(p, cf)) }
            var memory = defaultMemory
            if let mf = field(.memory), !mf.isEmpty {
                guard let x = Self.percent(p, mf) else { throw fail(mf, .memory, Self.percentExpected(p, mf)) }
                memory = x
            }
            series[m].appendOrReplace(time: t, cpu: cpu, memory: memory)
            rows += 1
        }
        guard rows > 0 else {
            throw WorkloadInputError(file: path, line: 2, column: 1, message: "no data rows: expected at least one row after the header")
        }
    }

    /// Maps each role to its header field (nil: absent; only `memory` may be, or `vm` in a
    /// per-VM file), with the number of header fields and the header's own name of each role's
    /// column for messages.
    private func roles(
        _ p: UnsafeBufferPointer<UInt8>, _ header: Line, delimiter: UInt8, path: String,
        longFormat: Bool, shape: String
    ) throws(WorkloadInputError) -> (roles: [Int?], count: Int, labels: [String]) {
        let wanted = [columns.timestamp, columns.vm, columns.cpuPct, columns.memPct].map { $0.lowercased() }
        var roles = [Int?](repeating: nil, count: Role.allCases.count)
        var labels = [columns.timestamp, columns.vm, columns.cpuPct, columns.memPct]
        var found: [String] = []
        var looksLikeData = false
        var cursor = CSVFieldCursor(p, header, delimiter: delimiter)
        var count = 0
        while let f = try Self.next(&cursor, header, p, path: path) {
            let name = f.text(p)
            if DecimalParser.parse(p, f.start, f.end) != nil { looksLikeData = true }
            for r in Role.allCases where (longFormat || r != .vm) && name.lowercased() == wanted[r.rawValue] {
                if let first = roles[r.rawValue] {
                    throw WorkloadInputError(
                        file: path, line: header.number, column: header.column(of: f.position, in: p),
                        message:
                            "duplicated column \"\(name)\" (fields \(first + 1) and \(count + 1) of the header): expected each column once")
                }
                roles[r.rawValue] = count; labels[r.rawValue] = name
            }
            found.append(name)
            count += 1
        }
        let required: [Role] = (longFormat ? [.timestamp, .vm, .cpu] : [.timestamp, .cpu]) + (columns.memPctRequired ? [.memory] : [])
        let missing = required.filter { roles[$0.rawValue] == nil }.map { "\"\(labels[$0.rawValue])\"" }
        guard missing.isEmpty else {
            if looksLikeData {
                throw WorkloadInputError(
                    file: path, line: header.number, column: 1,
                    message: "missing header: expected a header line naming the columns (\(shape)), found a data row")
            }
            throw WorkloadInputError(
                file: path, line: header.number, column: 1,
                message: "header lacks column \(missing.joined(separator: ", ")) (map other names with columns: {…}); found "
                    + found.map { "\"\(TraceFolder.snippet($0))\"" }.joined(separator: ", "))
        }
        return (roles, count, labels)
    }

    /// The fields of data line `l` into `fields`, checking there are `count`.
    private static func split(
        _ p: UnsafeBufferPointer<UInt8>, _ l: Line, delimiter: UInt8, count: Int,
        into fields: inout [CSVField], path: String
    ) throws(WorkloadInputError) {
        fields.removeAll(keepingCapacity: true)
        var cursor = CSVFieldCursor(p, l, delimiter: delimiter)
        while let f = try next(&cursor, l, p, path: path) {
            guard fields.count < count else {
                throw WorkloadInputError(
                    file: path, line: l.number, column: l.column(of: f.position, in: p),
                    message: "wrong column count: found more than \(count) fields, expected \(count) as in the header")
            }
            fields.append(f)
        }
        guard fields.count == count else {
            throw WorkloadInputError(
                file: path, line: l.number, column: l.column(of: l.end, in: p),
                message: "wrong column count: found \(fields.count) fields, expected \(count) as in the header")
        }
    }

    /// The cursor's next field, a syntax problem reported with the file and line (also used by
    /// `RegularSeriesFile`).
    @inline(__always)
    static func next(
        _ c: inout CSVFieldCursor, _ l: Line, _ p: UnsafeBufferPointer<UInt8>,
        path: String
    ) throws(WorkloadInputError) -> CSVField? {
        do { return try c.next() } catch {
            throw WorkloadInputError(file: path, line: l.number, column: l.column(of: error.position, in: p), message: error.message)
        }
    }

    /// The percentage 0...100 in field `f`, quantized as a fraction; nil if empty, not a
    /// number or out of range.
    @inline(__always)
    private static func percent(_ p: UnsafeBufferPointer<UInt8>, _ f: CSVField) -> UInt16? {
        guard let x = DecimalParser.parse(p, f.start, f.end), x >= 0, x <= 100 else { return nil }
        return SampleSeries.quantize(x / 100)
    }

    /// What was expected of a percentage field and what it held.
    private static func percentExpected(_ p: UnsafeBufferPointer<UInt8>, _ f: CSVField) -> String {
        f.isEmpty ? "expected a percentage 0–100, found an empty field" : "expected a percentage 0–100, found \"\(TraceFolder.snippet(p, f.start, f.end))\""
    }

    /// Whether bytes [a, aEnd) and [b, bEnd) are equal.
    @inline(__always)
    private static func equal(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ aEnd: Int, _ b: Int, _ bEnd: Int) -> Bool {
        guard aEnd - a == bEnd - b else { return false }
        for k in 0..<(aEnd - a) where p[a + k] != p[b + k] { return false }
        return true
    }
}
