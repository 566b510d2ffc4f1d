#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Hand-rolled decimal number parsing over bytes, for the trace readers' hot loops.
enum DecimalParser {
    /// Exact powers of ten 10^0...10^22 (all representable in a Double).
    private static let powers: [Double] = (0...22).map { e in
        var x = 1.0
        for _ in 0..<e { x *= 10 }
        return x
    }

    /// Parses `p[start..<end]` as a decimal number: optional sign, digits with an optional
    /// fraction, optional exponent (`e`/`E`, optional sign, digits), e.g. `-12`, `0.5`, `.5`,
    /// `2.4006670545454547E7`. The whole range must be the number (no blanks).
    /// - Returns: the value, or nil if the bytes are not such a number or it overflows to ±∞.
    ///   Correctly rounded when the significand has at most 15 digits and the decimal
    ///   exponent is within ±22 (Clinger's fast path); otherwise within an ulp or two.
    static func parse(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        var negative = false
        if i < end, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
            negative = p[i] == UInt8(ascii: "-"); i += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0  // digits accumulated into mantissa (after leading zeros)
        var exponent = 0  // decimal exponent to apply to mantissa
        var digits = 0
        while i < end, p[i].isDigit {
            accumulate(p[i], &mantissa, &significant, &exponent, fraction: false)
            digits += 1; i += 1
        }
        if i < end, p[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, p[i].isDigit {
                accumulate(p[i], &mantissa, &significant, &exponent, fraction: true)
                digits += 1; i += 1
            }
        }
        guard digits > 0 else { return nil }
        if i < end, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < end, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
                expNegative = p[i] == UInt8(ascii: "-"); i += 1
            }
            var e = 0, expDigits = 0
            while i < end, p[i].isDigit {
                if e < 100_000 { e = e * 10 + Int(p[i] &- 0x30) }
                expDigits += 1; i += 1
            }
            guard expDigits > 0 else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == end else { return nil }
        let value = scale(mantissa, exponent)
        guard value.isFinite else { return nil }
        return negative ? -value : value
    }

    @inline(__always)
    private static func accumulate(
        _ byte: UInt8, _ m: inout UInt64, _ significant: inout Int,
        _ exponent: inout Int, fraction: Bool
    ) {
        let d = UInt64(byte &- 0x30)
        if significant < 19 {
            if m != 0 || d != 0 { m = m &* 10 &+ d; significant += 1 }
            if fraction { exponent -= 1 }
        } else if !fraction {
            exponent += 1  // integer digit beyond 19 significant: dropped, scale up
        }
    }

    @inline(__always)
    private static func scale(_ m: UInt64, _ e: Int) -> Double {
        let x = Double(m)
        if m == 0 || e == 0 { return x }
        if e > 0 && e <= 22 { return x * powers[e] }
        if e < 0 && e >= -22 { return x / powers[-e] }
        return x * pow(10, Double(e))
    }
}
