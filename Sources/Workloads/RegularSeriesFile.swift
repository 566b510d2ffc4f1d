/// A CSV file of evenly spaced timestamped values: a `timestamp` column and named numeric
/// columns, one row per step (an hourly grid-intensity export, say). It reads with the csv
/// workload's own parts (`LineCursor`, `CSVFieldCursor`, `TimestampParser`, `DecimalParser`),
/// so the two formats accept the same CSV and the same timestamps.
///
/// **CSV**: a header line naming the columns (case-insensitively, in any order; other columns
/// are ignored, e.g. an Electricity Maps export's `Zone Id`), then one row per step. The
/// delimiter is `,`, or `;` or a tab when the header holds no `,`; fields may be quoted; a
/// UTF-8 byte order mark, CR before LF and a missing final newline are accepted; blank lines
/// only at the end. Every row has as many fields as the header.
///
/// **Values.** `timestamp`: ISO 8601 with or without offset (local times in `timeZone`) or
/// epoch seconds, as `TimestampParser` describes; each row's timestamp must be the previous
/// one's + `stepS` exactly (a jump is a gap, anything else out of order). Each value column:
/// a decimal number within `range` (NaN, ±∞ and other text are errors). Every error names the
/// file, line and column.
public struct RegularSeriesFile: Sendable, Equatable {
    /// The first row's instant, µs since 1970 UTC.
    public var firstUs: Int64
    /// The step between rows, s (> 0).
    public var stepS: Int64
    /// One row per step: the values of the requested columns, in their order.
    public var rows: [[Double]]

    /// A series of `rows` from `firstUs` every `stepS` seconds.
    public init(firstUs: Int64, stepS: Int64, rows: [[Double]]) {
        self.firstUs = firstUs; self.stepS = stepS; self.rows = rows
    }

    /// The instant after the last row's step, µs since 1970 UTC.
    public var endUs: Int64 { firstUs + Int64(rows.count) * stepS * 1_000_000 }

    /// Reads the file at `path`: a `timestamp` column and `columns` (header names).
    /// - Parameters:
    ///   - stepS: the spacing of the rows, s (3600 for an hourly file).
    ///   - range: the plausible range of every value.
    ///   - timeZone: IANA zone of timestamps without an offset.
    public static func read(
        path: String, columns: [String], stepS: Int64, range: ClosedRange<Double>, timeZone: String = "UTC"
    ) throws(WorkloadInputError) -> RegularSeriesFile {
        var buffer: [UInt8] = []
        let n = try TraceFolder.readFile(path, into: &buffer)
        return try parse(Array(buffer[0..<n]), path: path, columns: columns, stepS: stepS, range: range, timeZone: timeZone)
    }

    /// Parses `bytes` (a file's contents); `path` names it in errors.
    public static func parse(
        _ bytes: [UInt8], path: String, columns: [String], stepS: Int64, range: ClosedRange<Double>, timeZone: String = "UTC"
    ) throws(WorkloadInputError) -> RegularSeriesFile {
        guard var timestamps = TimestampParser(timeZone: timeZone, epochUnit: .s) else {
            throw WorkloadInputError(file: path, message: "unknown time zone \"\(timeZone)\": expected an IANA name such as UTC")
        }
        let result = bytes.withUnsafeBufferPointer { p in
            Result { () throws(WorkloadInputError) -> RegularSeriesFile in
                try parse(p, path: path, columns: columns, stepS: stepS, range: range, timestamps: &timestamps)
            }
        }
        return try result.get()
    }

    /// The instant `text` names (as a `timestamp` field), µs since 1970 UTC; nil if it is not one.
    public static func instantUs(_ text: String, timeZone: String = "UTC") -> Int64? {
        guard var t = TimestampParser(timeZone: timeZone, epochUnit: .s) else { return nil }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { p in try? t.parse(p, 0, p.count) }
    }

    private static func parse(
        _ p: UnsafeBufferPointer<UInt8>, path: String, columns: [String], stepS: Int64, range: ClosedRange<Double>,
        timestamps: inout TimestampParser
    ) throws(WorkloadInputError) -> RegularSeriesFile {
        var lines = LineCursor(p)
        let wanted = ["timestamp"] + columns
        guard let header = lines.next(), !header.isBlank(p) else {
            throw WorkloadInputError(
                file: path, line: 1, column: 1, message: "empty file: expected a header line naming the columns (\(wanted.joined(separator: ", ")))")
        }
        let delimiter = CSVFieldCursor.delimiter(ofHeader: p, header)
        // Header: the field index of each wanted column.
        var index = [Int?](repeating: nil, count: wanted.count)
        var count = 0
        var cursor = CSVFieldCursor(p, header, delimiter: delimiter)
        while let f = try CSVTimeSeriesReader.next(&cursor, header, p, path: path) {
            if let k = wanted.firstIndex(where: { $0.lowercased() == f.text(p).lowercased() }) {
                guard index[k] == nil else {
                    throw WorkloadInputError(
                        file: path, line: header.number, column: header.column(of: f.position, in: p),
                        message: "duplicated column \"\(wanted[k])\": expected each column once")
                }
                index[k] = count
            }
            count += 1
        }
        let missing = wanted.indices.filter { index[$0] == nil }.map { "\"\(wanted[$0])\"" }
        guard missing.isEmpty else {
            throw WorkloadInputError(
                file: path, line: header.number, column: 1,
                message: "header lacks column \(missing.joined(separator: ", ")): expected \(wanted.joined(separator: ", "))")
        }
        var first: Int64? = nil, previous: Int64? = nil
        var rows: [[Double]] = []
        var fields: [CSVField] = []
        while let l = try lines.nextRow(path: path) {
            fields.removeAll(keepingCapacity: true)
            var c = CSVFieldCursor(p, l, delimiter: delimiter)
            while let f = try CSVTimeSeriesReader.next(&c, l, p, path: path) { fields.append(f) }
            guard fields.count == count else {
                throw WorkloadInputError(
                    file: path, line: l.number, column: l.column(of: fields.count > count ? fields[count].position : l.end, in: p),
                    message: "wrong column count: found \(fields.count) fields, expected \(count) as in the header")
            }
            func fail(_ k: Int, _ message: String) -> WorkloadInputError {
                WorkloadInputError(
                    file: path, line: l.number, column: l.column(of: fields[index[k]!].position, in: p),
                    message: "column \"\(wanted[k])\": " + message)
            }
            let tf = fields[index[0]!]
            guard !tf.isEmpty else { throw fail(0, "expected \(timestamps.expected), found an empty field") }
            let t: Int64
            do { t = try timestamps.parse(p, tf.start, tf.end) } catch { throw fail(0, error.message) }
            if let prev = previous, t != prev + stepS * 1_000_000 {
                let gap = t > prev + stepS * 1_000_000
                throw fail(
                    0,
                    (gap ? "gap" : "out of order") + ": expected the previous row's time + \(stepS) s, found "
                        + "\(Double(t - prev) / 1e6) s after it")
            }
            if first == nil { first = t }
            previous = t
            var row: [Double] = []
            for k in 1..<wanted.count {
                let f = fields[index[k]!]
                guard let x = DecimalParser.parse(p, f.start, f.end), range.contains(x) else {
                    let found = f.isEmpty ? "an empty field" : "\"\(TraceFolder.snippet(p, f.start, f.end))\""
                    throw fail(k, "expected a number between \(Self.text(range.lowerBound)) and \(Self.text(range.upperBound)), found \(found)")
                }
                row.append(x)
            }
            rows.append(row)
        }
        guard let first else {
            throw WorkloadInputError(file: path, line: 2, column: 1, message: "no data rows: expected at least one row after the header")
        }
        return RegularSeriesFile(firstUs: first, stepS: stepS, rows: rows)
    }

    /// `x` without a fraction when it has none (`3000`, not `3000.0`).
    private static func text(_ x: Double) -> String {
        x.rounded() == x && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }
}
