import Testing
import Workloads

/// `RegularSeriesFile`: the hourly files of `carbon.intensity_csv`.
@Suite("Workloads: regular time-series files (hourly grid intensity)")
struct RegularSeriesFileTests {
    func parse(_ text: String) throws(WorkloadInputError) -> RegularSeriesFile {
        try RegularSeriesFile.parse(
            Array(text.utf8), path: "g.csv", columns: ["location_g_per_kwh", "market_g_per_kwh"], stepS: 3600, range: 0...3000)
    }

    func error(_ text: String) -> String {
        do { _ = try parse(text); return "" } catch { return error.description }
    }

    @Test("rows in any column order, extra columns ignored, ISO or epoch timestamps")
    func reads() throws {
        let f = try parse("Zone,market_g_per_kwh,timestamp,location_g_per_kwh\nDE,200,2026-01-05T00:00:00Z,300\nDE,100,1767574800,500\n")
        #expect(f.firstUs == 1_767_571_200_000_000 && f.stepS == 3600)
        #expect(f.rows == [[300, 200], [500, 100]])
        #expect(f.endUs == f.firstUs + 2 * 3_600_000_000)
        #expect(RegularSeriesFile.instantUs("2026-01-05T01:00:00+01:00") == 1_767_571_200_000_000)
    }

    @Test("errors name file:line:column")
    func errors() {
        let header = "timestamp,location_g_per_kwh,market_g_per_kwh\n"
        #expect(error(header + "2026-01-05T00:00:00Z,300,200\n2026-01-05T01:00:00Z,abc,200\n").hasPrefix("g.csv:3:22: column \"location_g_per_kwh\""))
        #expect(error(header + "2026-01-05T00:00:00Z,300,-5\n").hasPrefix("g.csv:2:26: column \"market_g_per_kwh\": expected a number between 0 and 3000"))
        #expect(error(header + "2026-01-05T00:00:00Z,300,200\n2026-01-05T02:00:00Z,300,200\n").hasPrefix("g.csv:3:1: column \"timestamp\": gap"))
        #expect(error(header + "2026-01-05T01:00:00Z,300,200\n2026-01-05T00:00:00Z,300,200\n").contains("out of order"))
        #expect(error(header + "2026-01-05T00:00:00Z,300\n").hasPrefix("g.csv:2:"))
        #expect(error("timestamp,location_g_per_kwh\n").contains("header lacks column \"market_g_per_kwh\""))
        #expect(error(header).contains("no data rows"))
        #expect(error("").hasPrefix("g.csv:1:1: empty file"))
    }
}
