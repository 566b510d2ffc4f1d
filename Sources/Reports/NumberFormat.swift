/// Locale-independent number formatting for CSV output, without Foundation.
///
/// Every function here writes plain ASCII: an optional `-`, decimal digits and at most one
/// `.`; never a thousands separator, an exponent (except for |x| ≥ 2^64, see
/// `appendFixed(_:decimals:to:)`) or a locale's decimal comma.

/// Formats `x` rounded to `decimals` decimal places, as short as possible.
///
/// - The exact binary value of `x` is rounded half away from zero to `decimals` places
///   (`0.125` → `"0.13"` at 2 places; `2.675`, stored as 2.67499999…, → `"2.67"`).
/// - Trailing zeros and a trailing `.` are stripped: `1.5` → `"1.5"`, `2.0` → `"2"`.
/// - A result that rounds to zero is `"0"`, never `"-0"` (`-1e-7` at 6 places → `"0"`).
/// - Non-finite values print as `"nan"`, `"inf"` and `"-inf"`.
/// - Magnitudes of 2^64 (≈ 1.8e19) and above print in Swift's shortest round-trip form,
///   which may use an exponent (`1e+20`); below that the output never has an exponent.
///
/// - Parameters:
///   - x: the value.
///   - decimals: decimal places, 0...15; values outside are clamped to that range.
/// - Returns: the ASCII text, e.g. `formatFixed(0.1 + 0.2, decimals: 6) == "0.3"`.
public func formatFixed(_ x: Double, decimals: Int) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(32)
    appendFixed(x, decimals: decimals, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// Formats an integer in decimal ASCII (`-42` → `"-42"`), locale-independent.
/// - Parameter v: the value; the whole `Int` range is supported.
/// - Returns: the ASCII text.
public func formatInt(_ v: Int) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(20)
    appendInt(v, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// Appends the decimal ASCII form of `v` to `bytes` (see `formatInt(_:)`).
/// - Parameters:
///   - v: the value; the whole `Int` range is supported.
///   - bytes: the buffer to append to.
public func appendInt(_ v: Int, to bytes: inout [UInt8]) {
    if v < 0 { bytes.append(UInt8(ascii: "-")) }
    appendDigits(UInt64(v.magnitude), minimumDigits: 1, to: &bytes)
}

/// Appends the fixed-point form of `x` to `bytes`, with the rules of
/// `formatFixed(_:decimals:)`.
/// - Parameters:
///   - x: the value.
///   - decimals: decimal places, 0...15; values outside are clamped to that range.
///   - bytes: the buffer to append to.
/// - Complexity: O(1): no allocation beyond the growth of `bytes`.
public func appendFixed(_ x: Double, decimals: Int, to bytes: inout [UInt8]) {
    guard x.isFinite else {
        if x.isNaN {
            bytes.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "a"), UInt8(ascii: "n")])
        } else {
            if x < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: [UInt8(ascii: "i"), UInt8(ascii: "n"), UInt8(ascii: "f")])
        }
        return
    }
    let ax = x.magnitude
    guard ax < 18_446_744_073_709_551_616.0 else {   // 2^64: an integer too large for UInt64
        bytes.append(contentsOf: x.description.utf8)
        return
    }
    let d = decimals < 0 ? 0 : (decimals > 15 ? 15 : decimals)
    // Split into an exact integer part and an exact fraction r in [0, 1).
    let ip = ax.rounded(.down)
    var intPart = UInt64(ip)
    let r = ax - ip
    var frac: UInt64 = 0
    if d == 0 {
        if r >= 0.5 { intPart += 1 }
    } else {
        // r · 10^d = p + err exactly (FMA residual), so the rounding decision is made on the
        // exact product, not on the rounded p: p < 10^15 < 2^52, hence p − ⌊p⌋ and
        // (p − ⌊p⌋) − 0.5 are exact, and the sign of their sum with err is exact.
        let p10 = fixedPowerOfTen(d)
        let scale = Double(p10)
        let p = r * scale
        let err = (-p).addingProduct(r, scale)
        let f = p.rounded(.down)
        let h = (p - f) - 0.5
        frac = UInt64(f)
        if h + err >= 0 { frac += 1 }
        if frac == p10 { frac = 0; intPart += 1 }
    }
    if x < 0 && (intPart != 0 || frac != 0) { bytes.append(UInt8(ascii: "-")) }
    appendDigits(intPart, minimumDigits: 1, to: &bytes)
    if frac != 0 {
        var digits = d
        while frac % 10 == 0 { frac /= 10; digits -= 1 }
        bytes.append(UInt8(ascii: "."))
        appendDigits(frac, minimumDigits: digits, to: &bytes)
    }
}

/// 10^n for n in 0...19.
@inline(__always)
func fixedPowerOfTen(_ n: Int) -> UInt64 {
    var p: UInt64 = 1
    for _ in 0..<n { p &*= 10 }
    return p
}

/// Appends the decimal digits of `v`, left-padded with zeros to `minimumDigits` (≤ 20).
func appendDigits(_ v: UInt64, minimumDigits: Int, to bytes: inout [UInt8]) {
    var n = 1
    var limit: UInt64 = 10
    while n < 20 && v >= limit { n += 1; limit &*= 10 }
    if n < minimumDigits { n = minimumDigits }
    let start = bytes.count
    bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: n))
    bytes.withUnsafeMutableBufferPointer { buf in
        var i = start + n - 1
        var rest = v
        while rest != 0 {
            let (q, digit) = rest.quotientAndRemainder(dividingBy: 10)
            buf[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: digit)
            rest = q
            i -= 1
        }
    }
}
