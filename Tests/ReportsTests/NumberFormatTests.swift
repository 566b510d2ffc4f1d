import Foundation
import Testing
import Reports

@Suite("Number formatting")
struct NumberFormatTests {
    @Test(
        "formatFixed: rounding, stripping and signs",
        arguments: [
            (0.1 + 0.2, 6, "0.3"),
            (1e-7, 6, "0"),
            (-0.0000001, 6, "0"),
            (-0.0, 6, "0"),
            (0.0, 0, "0"),
            (123456789.125, 2, "123456789.13"),
            (-123456789.125, 2, "-123456789.13"),
            (0.125, 2, "0.13"),  // an exact tie rounds away from zero
            (0.375, 2, "0.38"),
            (2.5, 0, "3"),
            (-2.5, 0, "-3"),
            (0.5, 0, "1"),
            (-0.5, 0, "-1"),
            (2.675, 2, "2.67"),  // stored as 2.67499999999999982236431605997495353221893310546875
            (1.005, 2, "1"),  // stored as 1.00499999999999989341858963598497211933135986328125
            (0.05, 1, "0.1"),  // stored just above 0.05
            (0.15, 1, "0.1"),  // stored just below 0.15
            (0.9999996, 6, "1"),  // the fraction carries into the integer part
            (9.9999996, 6, "10"),
            (1.5, 6, "1.5"),
            (2.0, 6, "2"),
            (100.0, 3, "100"),  // zeros of the integer part stay
            (-1000.0, 0, "-1000"),
            (0.000001, 6, "0.000001"),  // leading zeros of the fraction stay
            (0.0000015, 6, "0.000002"),
            (0.0000005, 6, "0"),  // stored just below 5e-7
            (1234.5678, 3, "1234.568"),
            (-1234.5678, 3, "-1234.568"),
            (1.0 / 3.0, 15, "0.333333333333333"),
            (2.0 / 3.0, 15, "0.666666666666667"),
            (1e-300, 6, "0"),
            (Double.leastNonzeroMagnitude, 15, "0")
        ] as [(Double, Int, String)])
    func fixedCases(x: Double, decimals: Int, expected: String) {
        #expect(formatFixed(x, decimals: decimals) == expected)
    }

    @Test("formatFixed: large values up to 1e15 and beyond, never an exponent below 2^64")
    func largeValues() {
        #expect(formatFixed(1e15, decimals: 6) == "1000000000000000")
        #expect(formatFixed(-1e15, decimals: 6) == "-1000000000000000")
        #expect(formatFixed(999_999_999_999_999.9, decimals: 6) == "999999999999999.875")  // the stored value
        #expect(formatFixed(999_999_999_999_999.9, decimals: 0) == "1000000000000000")
        #expect(formatFixed(123_456_789_012_345.67, decimals: 2) == "123456789012345.67")
        #expect(formatFixed(4_503_599_627_370_495.5, decimals: 0) == "4503599627370496")
        #expect(formatFixed(4_503_599_627_370_495.5, decimals: 1) == "4503599627370495.5")
        #expect(formatFixed(Double((Int64(1) << 53) + 1), decimals: 3) == "9007199254740992")  // 2^53 + 1 rounds to 2^53
        #expect(formatFixed(1e18, decimals: 6) == "1000000000000000000")
        #expect(formatFixed(18_446_744_073_709_549_568, decimals: 6) == "18446744073709549568")  // largest double < 2^64
        #expect(formatFixed(1e20, decimals: 6) == "1e+20")  // ≥ 2^64: Swift's shortest form
    }

    @Test("formatFixed: non-finite values and clamped decimals")
    func specials() {
        #expect(formatFixed(.nan, decimals: 6) == "nan")
        #expect(formatFixed(-.nan, decimals: 6) == "nan")
        #expect(formatFixed(.infinity, decimals: 6) == "inf")
        #expect(formatFixed(-.infinity, decimals: 2) == "-inf")
        #expect(formatFixed(0.3, decimals: 17) == "0.3")  // clamped to 15 places
        #expect(formatFixed(2.7, decimals: -3) == "3")  // clamped to 0 places
    }

    @Test("formatInt and appendInt cover the whole Int range")
    func integers() {
        #expect(formatInt(0) == "0")
        #expect(formatInt(7) == "7")
        #expect(formatInt(-42) == "-42")
        #expect(formatInt(1_000_000) == "1000000")
        #expect(formatInt(Int.max) == "9223372036854775807")
        #expect(formatInt(Int.min) == "-9223372036854775808")
        var bytes: [UInt8] = Array("x=".utf8)
        appendInt(-305, to: &bytes)
        appendFixed(0.5, decimals: 3, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "x=-3050.5")
    }

    /// glibc's printf prints the exact binary value rounded to nearest; with trailing zeros
    /// stripped it must agree with formatFixed except at exact ties (printf: to even).
    @Test("formatFixed agrees with printf(\"%.*f\") on 20,000 random doubles (ties excepted)")
    func againstPrintf() {
        var state: UInt64 = 0x1234_5678_9ABC_DEF1
        func next() -> UInt64 {
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27
            return state &* 0x2545_F491_4F6C_DD1D
        }
        var mismatches: [String] = []
        var ties = 0
        for _ in 0..<20_000 {
            let mantissa = Double(next() >> 11)  // 53 random bits
            let exponent = -60 - Int(next() % 40) + 56  // |x| < 2^49 ≈ 5.6e14
            var x = mantissa * pow(2.0, Double(exponent - 53))
            if next() & 1 == 1 { x = -x }
            let d = Int(next() % 10)
            let got = formatFixed(x, decimals: d)
            var ref = String(format: "%.*f", d, x)
            if ref.contains(".") {
                while ref.hasSuffix("0") { ref.removeLast() }
                if ref.hasSuffix(".") { ref.removeLast() }
            }
            if ref == "-0" { ref = "0" }
            if got != ref {
                if isExactTie(x, decimals: d) { ties += 1 } else { mismatches.append("\(x) @\(d): \(got) vs \(ref)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(ties < 2_000)
    }

    /// Whether |x| · 10^d has a fractional part of exactly 1/2 (checked with exact products
    /// of the fraction, which has at most 52 significant bits).
    private func isExactTie(_ x: Double, decimals d: Int) -> Bool {
        let a = x.magnitude
        let r = a - a.rounded(.down)
        let p = r * pow(10, Double(d))
        let err = (-p).addingProduct(r, pow(10, Double(d)))
        return err == 0 && p - p.rounded(.down) == 0.5
    }
}

@Suite("Number formatting: significant digits for small figures")
struct SignificantFormatTests {
    @Test("two significant digits below 1, two decimals at least: 0.003137 → 0.0031, 12.345 → 12.35, 0 → 0")
    func significant() {
        #expect(formatSignificant(0.003137, digits: 2) == "0.0031")
        #expect(formatSignificant(0.0000456, digits: 2) == "0.000046")
        #expect(formatSignificant(0.25, digits: 2) == "0.25")
        #expect(formatSignificant(12.345, digits: 2) == "12.35")
        #expect(formatSignificant(-0.0042, digits: 2) == "-0.0042")
        #expect(formatSignificant(0, digits: 2) == "0")
    }
}
