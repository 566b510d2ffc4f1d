import Foundation

/// Parses the timestamps of monitoring exports to microseconds since 1970 UTC.
///
/// - **ISO 8601**: `YYYY-MM-DD`, then optionally `T` (or `t` or one space) and `hh:mm`,
///   `hh:mm:ss` or `hh:mm:ss.ffffff` (`,` also accepted before the fraction; digits past the
///   sixth are dropped: microsecond resolution), then optionally `Z` or an offset `±hh:mm`,
///   `±hhmm` or `±hh`. Seconds may be 60 (a leap second: the next minute's start). Without an
///   offset the date-time is local time in `timeZone`; a local time that a daylight-saving
///   change skips is an error, and one it repeats is taken at its first (daylight-time)
///   occurrence. A date alone is midnight.
/// - **Epoch**: a decimal number (fraction and exponent allowed, as `1767571200.5`), seconds
///   since 1970 UTC, or milliseconds with `epochUnit` `.ms`. Seconds must be below 10¹¹ in
///   magnitude (the year 5138): a larger number is nearly always milliseconds, and the error
///   says to set the unit; the unit is never guessed.
struct TimestampParser {
    /// What went wrong with a timestamp: the text after `expected`/`found`, for the caller's
    /// `column "…": ` message.
    struct Problem: Error { var message: String }

    /// The unit of numeric timestamps.
    let epochUnit: CSVTimeSeriesTrace.EpochUnit
    private let zone: TimeZone
    /// The local day (days since 1970 in local civil time) whose offset is cached, and that
    /// offset (seconds east of UTC) when no transition is near that day.
    private var cachedDay = Int64.min, cachedOffset: Int64? = nil

    /// A parser; `timeZone` is an IANA identifier, nil if unknown.
    init?(timeZone: String, epochUnit: CSVTimeSeriesTrace.EpochUnit) {
        guard let z = TimeZone(identifier: timeZone) else { return nil }
        zone = z; self.epochUnit = epochUnit
    }

    /// The expected forms, for error messages.
    var expected: String {
        "an ISO 8601 date-time (2026-01-05T00:00:00, optionally with Z or ±hh:mm) or "
            + (epochUnit == .s ? "seconds" : "milliseconds") + " since 1970"
    }

    /// The instant `p[s..<e]` (non-empty, trimmed) names, µs since 1970 UTC.
    mutating func parse(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) throws(Problem) -> Int64 {
        if e - s >= 10, p[s + 4] == UInt8(ascii: "-"), p[s].isDigit {
            return try iso(p, s, e)
        }
        guard let x = DecimalParser.parse(p, s, e) else { throw syntax(p, s, e) }
        let seconds = epochUnit == .s ? x : x / 1000
        guard abs(seconds) < 1e11 else {
            throw Problem(
                message: epochUnit == .s
                    ? "expected seconds since 1970 below 10^11 (for milliseconds set epoch_unit: ms), found \(TraceFolder.snippet(p, s, e))"
                    : "expected milliseconds since 1970 below 10^14, found \(TraceFolder.snippet(p, s, e))")
        }
        return Int64((seconds * 1_000_000).rounded())
    }

    private func syntax(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ note: String = "") -> Problem {
        Problem(message: "expected \(expected), found \"\(TraceFolder.snippet(p, s, e))\"" + note)
    }

    /// An ISO 8601 date-time as described above.
    private mutating func iso(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) throws(Problem) -> Int64 {
        var i = s
        /// `n` digits at i as an integer, nil if not all digits.
        func digits(_ n: Int) -> Int? {
            guard i + n <= e else { return nil }
            var v = 0
            for j in i..<i + n {
                guard p[j].isDigit else { return nil }
                v = v * 10 + Int(p[j] &- 0x30)
            }
            i += n
            return v
        }
        func take(_ c: UInt8) -> Bool {
            guard i < e, p[i] == c else { return false }
            i += 1
            return true
        }
        let colon = UInt8(ascii: ":")
        guard let y = digits(4), take(UInt8(ascii: "-")), let mo = digits(2), take(UInt8(ascii: "-")), let d = digits(2) else {
            throw syntax(p, s, e)
        }
        var h = 0, mi = 0, sec = 0, micro = 0
        var offset: Int? = nil  // seconds east of UTC, nil = local time
        if i < e, p[i] == UInt8(ascii: "T") || p[i] == UInt8(ascii: "t") || p[i] == 0x20 {
            i += 1
            guard let hh = digits(2), take(colon), let mm = digits(2) else { throw syntax(p, s, e) }
            h = hh; mi = mm
            if take(colon) {
                guard let ss = digits(2) else { throw syntax(p, s, e) }
                sec = ss
                if take(UInt8(ascii: ".")) || take(UInt8(ascii: ",")) {
                    var n = 0
                    while i < e, p[i].isDigit {
                        if n < 6 { micro = micro * 10 + Int(p[i] &- 0x30) }
                        n += 1; i += 1
                    }
                    guard n > 0 else { throw syntax(p, s, e) }
                    for _ in n..<max(n, 6) { micro *= 10 }
                }
            }
            if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) {
                offset = 0
            } else if i < e, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") {
                let sign = p[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = digits(2), oh <= 23 else { throw syntax(p, s, e) }
                var om = 0
                if i < e {
                    _ = take(colon)
                    guard let m = digits(2), m <= 59 else { throw syntax(p, s, e) }
                    om = m
                }
                offset = sign * (oh * 3600 + om * 60)
            }
        }
        guard i == e else { throw syntax(p, s, e) }
        guard (1...12).contains(mo), d >= 1, d <= Self.daysIn(month: mo, year: y), h <= 23, mi <= 59, sec <= 60 else {
            throw syntax(p, s, e, " (no such date or time)")
        }
        let civil = Self.daysFromCivil(y, mo, d) * 86400 + Int64(h * 3600 + mi * 60 + sec)
        let utc: Int64
        if let offset {
            utc = civil - Int64(offset)
        } else {
            guard let u = fromLocal(civil) else {
                throw Problem(
                    message:
                        "local time \"\(TraceFolder.snippet(p, s, e))\" does not exist in \(zone.identifier) (a daylight-saving change skips it): "
                        + "expected a time that exists there, or an explicit offset (Z or ±hh:mm)")
            }
            utc = u
        }
        return utc * 1_000_000 + Int64(micro)
    }

    /// UTC seconds of the local civil time `t` (seconds since 1970 as if UTC) in `zone`: the
    /// earlier instant if `t` occurs twice, nil if it does not occur.
    private mutating func fromLocal(_ t: Int64) -> Int64? {
        let day = t >= 0 ? t / 86400 : (t - 86399) / 86400
        if day != cachedDay {
            // No change of offset from two days before the local day to three after (UTC
            // offsets are below a day): the whole day has one offset.
            let a = offset(at: day * 86400 - 2 * 86400), b = offset(at: day * 86400 + 3 * 86400)
            let next = zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: Double(day * 86400 - 2 * 86400)))
            let quiet = a == b && (next.map { $0.timeIntervalSince1970 > Double(day * 86400 + 3 * 86400) } ?? true)
            cachedDay = day
            cachedOffset = quiet ? a : nil
        }
        if let o = cachedOffset { return t - o }
        var best: Int64? = nil
        for o in Set([offset(at: t - 2 * 86400), offset(at: t + 2 * 86400), offset(at: t)]) where offset(at: t - o) == o {
            best = min(best ?? t - o, t - o)
        }
        return best
    }

    /// Seconds east of UTC in `zone` at the UTC instant `u` (seconds since 1970).
    private func offset(at u: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(u))))
    }

    /// Days since 1970-01-01 of the proleptic Gregorian date y-m-d (H. Hinnant,
    /// "chrono-compatible low-level date algorithms", days_from_civil).
    static func daysFromCivil(_ year: Int, _ m: Int, _ d: Int) -> Int64 {
        let y = Int64(m <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = Int64((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1)
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// Days in month `m` (1...12) of year `y` (Gregorian leap years).
    static func daysIn(month m: Int, year y: Int) -> Int {
        if m == 2 { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28 }
        return [4, 6, 9, 11].contains(m) ? 30 : 31
    }
}
