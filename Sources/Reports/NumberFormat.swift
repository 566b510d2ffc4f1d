/// Locale-independent number formatting for CSV output, without Foundation.
///
/// Every function here writes plain ASCII: an optional `-`, decimal digits and at most one
/// `.`; never a thousands separator, a locale's decimal comma, or an exponent (except for
/// magnitudes of 2^64 and above, see `formatFixed(_:decimals:)`).

/// Formats `x` rounded to `decimals` decimal places, as short as possible.
///
/// - The exact binary value of `x` is rounded half away from zero to `decimals` places
///   (`0.125` → `"0.13"` at 2 places; `2.675`, stored as 2.67499999…, → `"2.67"`), so the
///   result is what `printf("%.*f")` prints except that exact ties round away from zero.
/// - Trailing zeros and a trailing `.` are stripped: `1.50` → `"1.5"`, `2.0` → `"2"`; zeros
///   of the integer part stay (`100`).
/// - A result that rounds to zero is `"0"`, never `"-0"` (`-1e-7` at 6 places → `"0"`).
/// - Non-finite values print as `"nan"`, `"inf"` and `"-inf"`.
/// - Magnitudes of 2^64 (≈ 1.8e19) and above print in Swift's shortest round-trip form,
///   which has an exponent (`1e+20`); below 2^64 the output never has one.
///
/// - Parameters:
///   - x: the value.
///   - decimals: decimal places, 0...15; values outside are clamped to that range.
/// - Returns: the ASCII text, e.g. `formatFixed(0.1 + 0.2, decimals: 6) == "0.3"`.
public func formatFixed(_ x: Double, decimals: Int) -> String {
    String(unsafeUninitializedCapacity: maxFixedLength) { buf in
        writeFixed(x, decimals: decimals, to: buf.baseAddress!)
    }
}

/// Formats `x` with at least `minDecimals` decimal places and as many more as it takes to
/// show `digits` significant digits, so that a small value is not rounded to 0:
/// `formatSignificant(0.003137, digits: 2) == "0.0031"`, `formatSignificant(12.345, digits:
/// 2) == "12.35"` (2 decimals are the floor), `formatSignificant(0, digits: 2) == "0"`.
/// Rounding and stripping as in `formatFixed(_:decimals:)`; at most 15 decimals.
public func formatSignificant(_ x: Double, digits: Int, minDecimals: Int = 2) -> String {
    var decimals = max(0, minDecimals)
    guard x != 0 && x.isFinite else { return formatFixed(x, decimals: decimals) }
    var scaled = abs(x)
    for _ in 0..<decimals { scaled *= 10 }
    var floor = 1.0
    for _ in 1..<max(1, digits) { floor *= 10 }
    while scaled < floor && decimals < 15 {
        scaled *= 10
        decimals += 1
    }
    return formatFixed(x, decimals: decimals)
}

/// Formats an integer in decimal ASCII (`-42` → `"-42"`), locale-independent.
/// - Parameter v: the value; the whole `Int` range is supported.
/// - Returns: the ASCII text.
public func formatInt(_ v: Int) -> String {
    String(unsafeUninitializedCapacity: maxIntLength) { buf in
        writeInt(v, to: buf.baseAddress!)
    }
}

/// Appends the decimal ASCII form of `v` to `bytes` (see `formatInt(_:)`).
/// - Parameters:
///   - v: the value; the whole `Int` range is supported.
///   - bytes: the buffer to append to.
public func appendInt(_ v: Int, to bytes: inout [UInt8]) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxIntLength) { tmp in
        let n = writeInt(v, to: tmp.baseAddress!)
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: tmp[..<n]))
    }
}

/// Appends the fixed-point form of `x` to `bytes`, with the rules of
/// `formatFixed(_:decimals:)`.
/// - Parameters:
///   - x: the value.
///   - decimals: decimal places, 0...15; values outside are clamped to that range.
///   - bytes: the buffer to append to.
/// - Complexity: O(1), no allocation beyond the growth of `bytes`.
public func appendFixed(_ x: Double, decimals: Int, to bytes: inout [UInt8]) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxFixedLength) { tmp in
        let n = writeFixed(x, decimals: decimals, to: tmp.baseAddress!)
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: tmp[..<n]))
    }
}

/// The most bytes `writeFixed` writes: `-`, 20 integer digits, `.`, 15 decimals (37); the
/// shortest form of a double ≥ 2^64 takes at most 24 (`-1.7976931348623157e+308`).
let maxFixedLength = 40
/// The most bytes `writeInt` writes (`-9223372036854775808`).
let maxIntLength = 20

/// Writes the fixed-point form of `x` (see `formatFixed(_:decimals:)`) at `p`, which must
/// have room for `maxFixedLength` bytes; returns the number of bytes written.
func writeFixed(_ x: Double, decimals: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
    guard x.isFinite else {
        if x.isNaN {
            p[0] = UInt8(ascii: "n"); p[1] = UInt8(ascii: "a"); p[2] = UInt8(ascii: "n")
            return 3
        }
        var i = 0
        if x < 0 { p[0] = UInt8(ascii: "-"); i = 1 }
        p[i] = UInt8(ascii: "i"); p[i + 1] = UInt8(ascii: "n"); p[i + 2] = UInt8(ascii: "f")
        return i + 3
    }
    let ax = x.magnitude
    guard ax < 18_446_744_073_709_551_616.0 else {  // 2^64: the integer part overflows UInt64
        var n = 0
        for b in x.description.utf8.prefix(maxFixedLength) { p[n] = b; n += 1 }
        return n
    }
    let d = decimals < 0 ? 0 : (decimals > 15 ? 15 : decimals)
    // An exact integer part and an exact fraction r in [0, 1).
    let ip = ax.rounded(.down)
    var intPart = UInt64(ip)
    let r = ax - ip
    var frac: UInt64 = 0
    if d == 0 {
        if r >= 0.5 { intPart += 1 }
    } else {
        // r · 10^d = q + err exactly (err from a fused multiply-add), so the rounding is
        // decided on the exact product, not on the rounded q: q < 10^15 < 2^52, hence
        // q − ⌊q⌋ and (q − ⌊q⌋) − 0.5 are exact, and the sign of their sum with err is exact.
        let p10 = powerOfTen(d)
        let scale = Double(p10)
        let q = r * scale
        let err = (-q).addingProduct(r, scale)
        let f = q.rounded(.down)
        frac = UInt64(f)
        if ((q - f) - 0.5) + err >= 0 { frac += 1 }
        if frac == p10 { frac = 0; intPart += 1 }
    }
    var n = 0
    if x < 0 && (intPart | frac) != 0 { p[0] = UInt8(ascii: "-"); n = 1 }
    n += writeDigits(intPart, minimumDigits: 1, to: p + n)
    if frac != 0 {
        var digits = d
        while frac % 10 == 0 { frac /= 10; digits -= 1 }
        p[n] = UInt8(ascii: ".")
        n += 1
        n += writeDigits(frac, minimumDigits: digits, to: p + n)
    }
    return n
}

/// Writes `v` in decimal at `p` (room for `maxIntLength` bytes); returns the byte count.
func writeInt(_ v: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
    if v < 0 {
        p[0] = UInt8(ascii: "-")
        return 1 + writeDigits(UInt64(v.magnitude), minimumDigits: 1, to: p + 1)
    }
    return writeDigits(UInt64(v), minimumDigits: 1, to: p)
}

/// 10^n for n in 0...19.
@inline(__always)
func powerOfTen(_ n: Int) -> UInt64 {
    var p: UInt64 = 1
    for _ in 0..<n { p &*= 10 }
    return p
}

/// Writes the decimal digits of `v` at `p`, left-padded with zeros to `minimumDigits`
/// (at most 20); returns the number of digits written. Two digits per division.
func writeDigits(_ v: UInt64, minimumDigits: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
    var count = 1
    var limit: UInt64 = 10
    while count < 20 && v >= limit { count += 1; limit &*= 10 }
    if count < minimumDigits { count = minimumDigits }
    let pairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """
    let table = pairs.utf8Start
    var i = count
    var rest = v
    while rest >= 100 {
        let (q, r) = rest.quotientAndRemainder(dividingBy: 100)
        let k = Int(truncatingIfNeeded: r) &* 2
        p[i - 1] = table[k + 1]
        p[i - 2] = table[k]
        i -= 2
        rest = q
    }
    if rest >= 10 {
        let k = Int(truncatingIfNeeded: rest) &* 2
        p[i - 1] = table[k + 1]
        p[i - 2] = table[k]
        i -= 2
    } else {
        p[i - 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest)
        i -= 1
    }
    while i > 0 { i -= 1; p[i] = UInt8(ascii: "0") }
    return count
}
