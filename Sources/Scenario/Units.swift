/// Durations and sizes with units, as written in scenario files (`"30 min"`, `"4 GiB"`).
///
/// Both parsers accept a number, optional blanks, then an optional unit. The number is
/// decimal: `[+-]digits[.digits][e[+-]digits]` (durations) or `digits[.digits]` (sizes);
/// no hex, no `inf`/`nan`, no digit separators. Units are case-sensitive.

/// Seconds per duration unit. Lower-case, case-sensitive.
let durationUnits: [String: Double] = [
    "us": 1e-6, "ms": 1e-3,
    "s": 1, "sec": 1,
    "min": 60,
    "h": 3600, "hour": 3600, "hours": 3600,
    "d": 86_400, "day": 86_400, "days": 86_400,
    "w": 604_800, "week": 604_800, "weeks": 604_800
]

/// Bytes per size unit: SI prefixes are powers of 1000, IEC prefixes powers of 1024.
let byteUnits: [String: Int64] = [
    "B": 1,
    "kB": 1_000, "KB": 1_000, "MB": 1_000_000, "GB": 1_000_000_000, "TB": 1_000_000_000_000,
    "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40
]

/// The units of a table, smallest first, synonyms joined by `|`: `us, ms, s|sec, min, …`
/// (the list an error about a duration or a size shows).
func unitList<F: Comparable>(_ table: [String: F]) -> String {
    var byFactor: [(factor: F, names: [String])] = []
    for (name, factor) in table {
        if let i = byFactor.firstIndex(where: { $0.factor == factor }) { byFactor[i].names.append(name) } else { byFactor.append((factor, [name])) }
    }
    byFactor.sort { $0.factor < $1.factor }
    return byFactor.map { group in group.names.sorted { ($0.count, $0) < ($1.count, $1) }.joined(separator: "|") }.joined(separator: ", ")
}

/// ` (units: …; a plain number is seconds)`, after the value an error found.
let durationUnitsNote = " (units: \(unitList(durationUnits)); a plain number is seconds)"

/// ` (units: …; a plain number is bytes)`, after the value an error found.
let byteUnitsNote = " (units: \(unitList(byteUnits)), kB and KB being 1000 B and KiB 1024 B; a plain number is bytes)"

/// Parses a duration into seconds.
///
/// Accepts a plain number (seconds) or a number followed, with or without blanks, by one of
/// `us`, `ms`, `s`, `sec`, `min`, `h`, `hour`, `hours`, `d`, `day`, `days`, `w`, `week`, `weeks`.
/// Examples: `"300"` → 300, `"5 min"` → 300, `"1.5h"` → 5400, `"250 ms"` → 0.25.
/// A sign is accepted (`"-5 s"` → -5) so that callers can say "must be ≥ 0" rather than
/// "not a duration"; ``NodeReader`` rejects negative durations.
/// - Parameter s: The text; surrounding blanks are ignored.
/// - Returns: Seconds, or `nil` if the text is not a duration or the result is not finite.
public func parseDuration(_ s: String) -> Double? {
    guard let (number, unit) = splitNumberAndUnit(s, allowSignAndExponent: true),
        let value = Double(number)
    else { return nil }
    let factor: Double
    if unit.isEmpty {
        factor = 1
    } else if let f = durationUnits[unit] {
        factor = f
    } else {
        return nil
    }
    let seconds = value * factor
    return seconds.isFinite ? seconds : nil
}

/// Parses a size into bytes.
///
/// Accepts a plain non-negative number (bytes) or a number followed, with or without blanks, by
/// `B`, `kB`/`KB`, `MB`, `GB`, `TB` (powers of 1000) or `KiB`, `MiB`, `GiB`, `TiB`
/// (powers of 1024). Decimals are allowed (`"1.5 GiB"` → 1 610 612 736) and the result is
/// rounded to the nearest byte (halves up), computed exactly in integers.
/// - Parameter s: The text; surrounding blanks are ignored.
/// - Returns: Bytes, or `nil` if the text is not a size, is negative, or overflows `Int64`.
public func parseBytes(_ s: String) -> Int64? {
    guard let (number, unit) = splitNumberAndUnit(s, allowSignAndExponent: false) else { return nil }
    let multiplier: Int64
    if unit.isEmpty {
        multiplier = 1
    } else if let m = byteUnits[unit] {
        multiplier = m
    } else {
        return nil
    }
    // number is digits[.digits]; drop trailing fractional zeros so "1.50" costs no precision.
    let parts = number.split(separator: ".", omittingEmptySubsequences: false)
    let whole = parts[0]
    var fraction = parts.count > 1 ? parts[1] : ""
    while fraction.last == "0" { fraction.removeLast() }
    guard fraction.count <= 18 else { return nil }
    var mantissa: Int64 = 0
    for ch in whole + fraction {
        guard let digit = ch.wholeNumberValue else { return nil }
        let (m1, o1) = mantissa.multipliedReportingOverflow(by: 10)
        let (m2, o2) = m1.addingReportingOverflow(Int64(digit))
        guard !o1, !o2 else { return nil }
        mantissa = m2
    }
    var scale: Int64 = 1
    for _ in 0..<fraction.count { scale *= 10 }
    // bytes = round(mantissa * multiplier / scale), without overflowing in between.
    let q = mantissa / scale, r = mantissa % scale
    let (wholeBytes, o1) = q.multipliedReportingOverflow(by: multiplier)
    guard !o1 else { return nil }
    // r < scale ≤ 10^18 and multiplier ≤ 2^40: split multiplier to keep r * multiplier in range.
    let fracBytes = roundedQuotient(r, times: multiplier, over: scale)
    guard let fracBytes else { return nil }
    let (total, o2) = wholeBytes.addingReportingOverflow(fracBytes)
    return o2 ? nil : total
}

/// round(r * m / d) for 0 ≤ r < d, computed without overflow (long multiplication in base d).
private func roundedQuotient(_ r: Int64, times m: Int64, over d: Int64) -> Int64? {
    if r == 0 { return 0 }
    let (p, overflow) = r.multipliedReportingOverflow(by: m)
    if !overflow {
        let q = p / d, rem = p % d
        return rem * 2 >= d ? q + 1 : q
    }
    // Fall back to Double only for absurd inputs (≥ 10 significant fraction digits on TiB);
    // the result is then within one byte.
    let v = (Double(r) / Double(d) * Double(m)).rounded()
    return v < 9.2e18 ? Int64(v) : nil
}

/// Splits `"1.5 GiB"` into `("1.5", "GiB")`. The number must start the text; blanks may
/// separate it from the unit; the unit is the rest (letters only).
private func splitNumberAndUnit(_ text: String, allowSignAndExponent: Bool) -> (String, String)? {
    let scalars = Array(
        text.unicodeScalars.drop { $0 == " " || $0 == "\t" }.reversed()
            .drop { $0 == " " || $0 == "\t" }.reversed())
    var i = 0
    func digits() -> Int {
        let start = i
        while i < scalars.count, ("0"..."9").contains(scalars[i]) { i += 1 }
        return i - start
    }
    if allowSignAndExponent, i < scalars.count, scalars[i] == "+" || scalars[i] == "-" { i += 1 }
    var mantissaDigits = digits()
    if i < scalars.count, scalars[i] == "." {
        i += 1
        mantissaDigits += digits()
    }
    guard mantissaDigits > 0 else { return nil }
    if allowSignAndExponent, i < scalars.count, scalars[i] == "e" || scalars[i] == "E" {
        let save = i
        i += 1
        if i < scalars.count, scalars[i] == "+" || scalars[i] == "-" { i += 1 }
        if digits() == 0 { i = save }
    }
    let number = String(String.UnicodeScalarView(scalars[..<i]))
    while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
    let unit = String(String.UnicodeScalarView(scalars[i...]))
    guard unit.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) })
    else { return nil }
    return (number, unit)
}
