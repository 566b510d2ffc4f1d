/// What `report.html` shows people rather than programs: numbers with thousands separators,
/// names of categories in words with their units, and clock times on time axes. The CSV
/// files keep the code names and plain numbers.

/// `formatFixed` with a comma between thousands: `formatGrouped(14428.19, decimals: 2) ==
/// "14,428.19"`, `formatGrouped(-1234567, decimals: 0) == "-1,234,567"`; values that
/// `formatFixed` prints with an exponent or as nan/inf are returned as it prints them.
public func formatGrouped(_ x: Double, decimals: Int) -> String {
    let plain = formatFixed(x, decimals: decimals)
    guard x.isFinite, !plain.contains("e") else { return plain }
    let negative = plain.hasPrefix("-")
    let body = negative ? plain.dropFirst() : Substring(plain)
    let intPart = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
    let rest = body.dropFirst(intPart.count)
    var grouped = ""
    for (k, c) in intPart.enumerated() {
        if k > 0 && (intPart.count - k) % 3 == 0 { grouped.append(",") }
        grouped.append(c)
    }
    return (negative ? "-" : "") + grouped + rest
}

/// A tick label: `formatGrouped` below 100,000 in magnitude; above, in thousands or millions
/// ("500k", "1.5M") so that a y axis's labels stay narrow.
public func formatTick(_ x: Double, decimals: Int) -> String {
    let a = abs(x)
    if a >= 1e6 { return formatGrouped(x / 1e6, decimals: 2) + "M" }
    if a >= 1e5 { return formatGrouped(x / 1e3, decimals: 1) + "k" }
    return formatGrouped(x, decimals: decimals)
}

/// An integer with thousands separators: `formatGroupedInt(20000) == "20,000"`.
public func formatGroupedInt(_ v: Int) -> String { formatGrouped(Double(v), decimals: 0) }

/// Words for the code names of cost categories (`costs.csv`) and savings categories
/// (`savings.csv`), as a slide would print them.
public let reportLabels: [String: String] = [
    "hardware": "Hardware", "storage": "Storage", "power_cooling": "Power and cooling", "licence": "Licences",
    "support": "Support", "admin": "Administration", "space": "Floor space", "cloud": "Cloud", "total": "Total",
    "hosts": "Hosts", "it_energy": "IT energy", "it_power_mean": "Mean IT power", "cooling_energy": "Cooling energy",
    "facility_energy": "Facility energy", "storage_physical": "Physical storage", "storage_cost": "Storage cost",
    "power_cooling_cost": "Power and cooling cost", "licence_cost": "Licence and support cost", "hardware_cost": "Hardware cost",
    "admin_cost": "Administration cost", "space_cost": "Floor space cost", "cloud_cost": "Cloud cost", "total_cost": "Total cost",
    "carbon": "Carbon (location-based + embodied)", "carbon_market": "Carbon (market-based + embodied)"
]

/// The words for `code` (a cost or savings category), or `code` itself when it has none.
public func reportLabel(_ code: String) -> String { reportLabels[code] ?? code }

/// The words for `code` with its unit in parentheses: "Mean IT power (W)".
public func reportLabel(_ code: String, unit: String) -> String { unit.isEmpty ? reportLabel(code) : "\(reportLabel(code)) (\(unit))" }

/// A time axis in clock time: the scenario's start as seconds since 1970 (UTC) and the
/// offset of its time zone, s (positive east of UTC), so that tick labels read as the local
/// clock ("Mon 06:00"). The offset is the one at the start: a run across a daylight-saving
/// change shows standard time on one side (the axis stays linear in elapsed time).
public struct ClockAxis: Sendable, Equatable {
    /// The scenario's start, s since 1970-01-01T00:00:00Z.
    public var startEpochS: Double
    /// Local time − UTC at the start, s.
    public var utcOffsetS: Double
    /// The time zone's name, for the axis label ("UTC", "Europe/Berlin").
    public var zoneName: String
    public init(startEpochS: Double, utcOffsetS: Double, zoneName: String) {
        self.startEpochS = startEpochS; self.utcOffsetS = utcOffsetS; self.zoneName = zoneName
    }

    /// Tick steps, s: 1, 2, 3, 6, 12 h, 1, 2, 7 days.
    static let steps: [Double] = [3600, 7200, 10800, 21600, 43200, 86400, 172_800, 604_800]

    /// A step giving at most about `target` ticks over `spanS`.
    public func step(spanS: Double, target: Int) -> Double {
        Self.steps.first { spanS / $0 <= Double(target) } ?? (spanS / Double(target) / 604_800).rounded(.up) * 604_800
    }

    /// Local seconds since 1970 of elapsed time `t` s.
    public func local(_ t: Double) -> Double { startEpochS + utcOffsetS + t }

    /// Elapsed times (s) of the ticks in [t0, t1]: local-clock multiples of `step`.
    public func ticks(from t0: Double, to t1: Double, step: Double) -> [Double] {
        let first = (local(t0) / step).rounded(.up) * step
        var out: [Double] = []
        var k = 0.0
        while true {
            let l = first + k * step
            let t = l - startEpochS - utcOffsetS
            if t > t1 + 1e-6 { break }
            out.append(t)
            k += 1
        }
        return out
    }

    /// The label of the tick at elapsed time `t`: "Mon 5 Jan" at midnight with day steps,
    /// "Mon 06:00" otherwise (English names, the same bytes on every machine).
    public func label(_ t: Double, step: Double) -> String {
        let l = local(t)
        let days = (l / 86400).rounded(.down)
        let secondOfDay = l - days * 86400
        let (_, m, d) = civilFromDays(Int(days))
        // 1970-01-01 was a Thursday
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((Int(days) % 7) + 7) % 7]
        if step >= 86400 && secondOfDay < 1 {
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            return "\(weekday) \(d) \(months[m - 1])"
        }
        let h = Int(secondOfDay / 3600), mi = Int(secondOfDay.truncatingRemainder(dividingBy: 3600) / 60)
        return "\(weekday) \(h < 10 ? "0" : "")\(h):\(mi < 10 ? "0" : "")\(mi)"
    }
}

/// (year, month 1…12, day 1…31) of day `z` since 1970-01-01 (proleptic Gregorian; Howard
/// Hinnant's `civil_from_days`, public domain algorithm).
func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
}
