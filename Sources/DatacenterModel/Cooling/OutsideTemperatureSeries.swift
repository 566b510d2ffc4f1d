#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An hourly outside dry-bulb temperature series, read from a CSV file, that drives the
/// economizer (`EconomizerModel`).
///
/// File format (chosen: `hour,temperature_c`): a header line exactly `hour,temperature_c`, then
/// one line per hour: an integer hour index and a decimal temperature in °C, e.g.
/// ```
/// hour,temperature_c
/// 0,4.5
/// 1,4.1
/// ```
/// Hours must be consecutive: each line's hour is the previous one + 1 (a jump is a gap, a
/// repeat or a decrease is out of order). A UTF-8 byte-order mark is skipped. The first hour may be any integer ≥ 0: what hour 0
/// means is the caller's choice — hours since the scenario start, or the hour of the year of
/// a typical-meteorological-year file (0 = 1 January 00:00). Spaces around fields and `\r`
/// line ends are accepted; blank lines are skipped. Temperatures must lie in −90…60 °C (the
/// recorded extremes on Earth are −89.2 and 56.7 °C). Errors name the file, line and column.
/// Lookups past the end wrap around (a one-year series repeats every year).
public struct OutsideTemperatureSeries: Sendable, Equatable {
    /// The header the file must start with.
    public static let header = "hour,temperature_c"
    /// Plausible temperature range, °C.
    public static let plausibleRangeC: ClosedRange<Double> = -90...60

    /// The hour index of the first value.
    public let firstHour: Int
    /// One temperature per hour from `firstHour`, °C (at least one).
    public let temperaturesC: [Double]

    /// A series of hourly temperatures (°C) starting at hour index `firstHour` ≥ 0; at least one value.
    public init(firstHour: Int, temperaturesC: [Double]) {
        precondition(firstHour >= 0 && !temperaturesC.isEmpty, "a series needs firstHour >= 0 and at least one value")
        self.firstHour = firstHour; self.temperaturesC = temperaturesC
    }

    /// The temperature of hour index `hour` (°C), wrapping around past either end:
    /// index (hour − firstHour) mod count.
    public func temperatureC(atHour hour: Int) -> Double {
        let n = temperaturesC.count
        let k = ((hour - firstHour) % n + n) % n
        return temperaturesC[k]
    }

    /// The temperature at `hours` hours (fractional allowed) after hour index 0, °C:
    /// the value of the hour that contains it (sample-and-hold).
    public func temperatureC(atHours hours: Double) -> Double {
        temperatureC(atHour: Int(hours.rounded(.down)))
    }

    /// Parses `text` (the file's contents); `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ModelInputError) -> OutsideTemperatureSeries {
        var lineNo = 0
        var sawHeader = false
        var first: Int? = nil
        var previous: Int? = nil
        var values: [Double] = []
        // Split on LF bytes: in Swift "\r\n" is one Character, so split the UTF-8 view.
        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNo += 1
            var bytes = rawLine[...]
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            if lineNo == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }  // UTF-8 BOM
            let line = Substring(String(decoding: bytes, as: UTF8.self))
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            if !sawHeader {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { trim($0) }
                guard fields == ["hour", "temperature_c"] else {
                    throw ModelInputError(
                        file: file, line: lineNo, column: 1,
                        message: "expected the header `\(header)`, found `\(line)`")
                }
                sawHeader = true
                continue
            }
            // Fields with their 1-based starting columns.
            var fields: [(text: Substring, column: Int)] = []
            var start = line.startIndex
            var column = 1
            while true {
                let end = line[start...].firstIndex(of: ",") ?? line.endIndex
                // The column of the field's first non-blank character.
                let blanks = line[start..<end].prefix { $0 == " " || $0 == "\t" }.utf8.count
                fields.append((line[start..<end], column + blanks))
                if end == line.endIndex { break }
                column += line[start..<end].utf8.count + 1
                start = line.index(after: end)
            }
            guard fields.count == 2 else {
                let col = fields.count > 2 ? fields[2].column : line.utf8.count + 1
                throw ModelInputError(
                    file: file, line: lineNo, column: col,
                    message: "expected 2 fields (hour,temperature_c), found \(fields.count)")
            }
            let hourText = trim(fields[0].text)
            guard let hour = Int(hourText), hour >= 0 else {
                throw ModelInputError(
                    file: file, line: lineNo, column: fields[0].column,
                    message: "expected an integer hour >= 0, found `\(hourText)`")
            }
            let tText = trim(fields[1].text)
            guard let t = Double(tText), t.isFinite else {
                throw ModelInputError(
                    file: file, line: lineNo, column: fields[1].column,
                    message: "expected a temperature in °C, found `\(tText)`")
            }
            guard plausibleRangeC.contains(t) else {
                throw ModelInputError(
                    file: file, line: lineNo, column: fields[1].column,
                    message: "expected a temperature between -90 and 60 °C, found \(t)")
            }
            if let p = previous {
                if hour <= p {
                    throw ModelInputError(
                        file: file, line: lineNo, column: fields[0].column,
                        message: hour == p
                            ? "out of order: hour \(hour) repeated"
                            : "out of order: hour \(hour) after hour \(p)")
                }
                if hour > p + 1 {
                    let missing = hour - p - 1 == 1 ? "hour \(p + 1) missing" : "hours \(p + 1)–\(hour - 1) missing"
                    throw ModelInputError(
                        file: file, line: lineNo, column: fields[0].column,
                        message: "gap: expected hour \(p + 1) after hour \(p), found hour \(hour) (\(missing))")
                }
            } else {
                first = hour
            }
            previous = hour
            values.append(t)
        }
        guard sawHeader else {
            throw ModelInputError(
                file: file, line: nil, column: nil,
                message: "empty file: expected the header `\(header)` and one line per hour")
        }
        guard let first, !values.isEmpty else {
            throw ModelInputError(file: file, line: nil, column: nil, message: "no data: expected one line per hour after the header")
        }
        return OutsideTemperatureSeries(firstHour: first, temperaturesC: values)
    }

    /// Reads and parses the file at `path`.
    public static func read(path: String) throws(ModelInputError) -> OutsideTemperatureSeries {
        if let reason = notRegularFileReason(path) {
            throw ModelInputError(file: path, message: "cannot read the temperature series: \(reason)")
        }
        guard let f = fopen(path, "rb") else {
            throw ModelInputError(file: path, message: "cannot open the temperature series: expected a readable CSV file (\(Self.header))")
        }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n > 0 { bytes.append(contentsOf: buffer[0..<n]) }
            if n < buffer.count {
                if ferror(f) != 0 { throw ModelInputError(file: path, message: "read error") }
                break
            }
        }
        return try parse(String(decoding: bytes, as: UTF8.self), file: path)
    }

    private static func trim(_ s: Substring) -> Substring {
        var s = s
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return s
    }
}
