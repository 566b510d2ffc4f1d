import Testing
import Scenario

/// Durations and sizes with units (`Units.swift`).
@Suite("Units")
struct UnitsTests {
    @Test(
        "durations parse to seconds",
        arguments: [
            ("300", 300.0), ("0", 0), ("1.5", 1.5), (".5", 0.5), ("2e3", 2000), ("-5", -5),
            ("250 us", 0.000_25), ("250us", 0.000_25), ("20 ms", 0.02), ("30 s", 30), ("30s", 30),
            ("30 sec", 30), ("5 min", 300), ("5min", 300), ("1.5 h", 5400), ("1 hour", 3600),
            ("2 hours", 7200), ("1 d", 86_400), ("1 day", 86_400), ("2 days", 172_800),
            ("1 w", 604_800), ("1 week", 604_800), ("2 weeks", 1_209_600), ("  7 min  ", 420),
            ("-5 min", -300)
        ])
    func durations(text: String, seconds: Double) {
        let parsed = parseDuration(text)
        #expect(parsed != nil, "\(text)")
        if let parsed { #expect(abs(parsed - seconds) <= 1e-12 * max(1, abs(seconds)), "\(text)") }
    }

    @Test(
        "bad durations are rejected",
        arguments: [
            "", "min", "5 minutes please", "5 Min", "5 MIN", "5 H", "5 m", "5 mins", "inf", "nan",
            "0x10", "1_000", "5 min 3 s", "5.5.5 s", "1e s", "five min", "1:30", "5 m in", "--5",
            "1e400"
        ])
    func badDurations(text: String) {
        #expect(parseDuration(text) == nil, "\(text)")
    }

    @Test(
        "sizes parse to bytes",
        arguments: [
            ("0", Int64(0)), ("4096", 4096), ("512 B", 512), ("512B", 512),
            ("1 kB", 1000), ("1 KB", 1000), ("2 MB", 2_000_000), ("3 GB", 3_000_000_000),
            ("1 TB", 1_000_000_000_000), ("1 KiB", 1024), ("4 MiB", 4 << 20), ("4 GiB", 4 << 30),
            ("1.5 GiB", 1_610_612_736), ("2 TiB", 2 << 40), ("0.5 KiB", 512), ("1.1 kB", 1100),
            ("1.50 MB", 1_500_000), ("0.1 KiB", 102), ("1.5", 2), ("8191 TiB", 8191 << 40),
            ("9223372036854775807", Int64.max)
        ])
    func sizes(text: String, bytes: Int64) {
        #expect(parseBytes(text) == bytes, "\(text)")
    }

    @Test(
        "bad sizes are rejected",
        arguments: [
            "", "GiB", "4 gigs", "4 gb", "4 kib", "4 Gib", "-1", "-1 GiB", "+1 GiB", "1e3", "0x10",
            "inf", "4 GiB 2 MiB", "9223372036854775808", "8388608 TiB", "10000000 TB", "1..5 GiB"
        ])
    func badSizes(text: String) {
        #expect(parseBytes(text) == nil, "\(text)")
    }
}
