import Testing
import Foundation
@testable import VirtsimCore
import Engine
import Reports

/// `carbon:` in a scenario: decoding, hourly files, summary columns, savings (`Carbon.md`).
@Suite("Carbon per arm: scenario keys, hourly intensity files, summary and savings")
struct CarbonScenarioTests {
    static let header = "timestamp,location_g_per_kwh,market_g_per_kwh\n"

    /// The economics mini scenario over 2 h with `carbon` at the top level.
    func scenario(_ dir: String, carbon: String, packedExtra: String = "") -> String {
        writeScenario(
            economicsScenario(extraTop: carbon, packedExtra: packedExtra).replacingOccurrences(of: "duration: 1 h", with: "duration: 2 h"),
            dir + "/s.yaml")
    }

    @Test("constant 400 / 250 g/kWh: kgco2e = facility kWh × g / 1000 per arm; summary.csv columns; carbon savings")
    func constant() throws {
        let dir = makeTempDir()
        let path = scenario(dir, carbon: "carbon: {location_g_per_kwh: 400, market_g_per_kwh: 250}")
        let o = try runScenarioFile(RunOptions(scenarioPath: path, outDir: dir + "/out"))
        for r in o.results {
            let c = try #require(r.economics.carbon)
            #expect(abs(c.locationKgCO2e - r.economics.facilityEnergyKWh * 400 / 1000) < 1e-9)
            #expect(abs(c.marketKgCO2e - r.economics.facilityEnergyKWh * 250 / 1000) < 1e-9)
            #expect(c.embodiedKgCO2e == 0)
        }
        let csv = try #require(read(dir + "/out/summary.csv")).split(separator: "\n")
        let cols = csv[0].split(separator: ",", omittingEmptySubsequences: false)
        let i = try #require(cols.firstIndex(of: "kgco2e_location"))
        #expect(cols[i + 1] == "kgco2e_market" && cols[i + 2] == "kgco2e_embodied")
        let base = o.results[0].economics, packed = o.results[1].economics
        let line = try #require(o.savings.first { $0.category == "carbon" })
        #expect(line.unit == "kgCO2e" && line.comparable)
        #expect(abs(line.saving! - (base.facilityEnergyKWh - packed.facilityEnergyKWh) * 400 / 1000) < 1e-9)
        let market = try #require(o.savings.first { $0.category == "carbon_market" })
        #expect(abs(market.saving! - (base.facilityEnergyKWh - packed.facilityEnergyKWh) * 250 / 1000) < 1e-9)
        #expect((read(dir + "/out/savings.csv") ?? "").contains("\npacked,carbon,kgCO2e,"))
        #expect(o.summaryText.contains("carbon packed") && o.summaryText.contains("kgCO2e location"))
        #expect((read(dir + "/out/report.html") ?? "").contains("<h2>Carbon</h2>"))
    }

    @Test("hourly file 300, 500 (market 200, 100) g/kWh on constant power over 2 h: (E/2 × 300 + E/2 × 500) / 1000 kg")
    func hourly() throws {
        let dir = makeTempDir()
        // the scenario starts 2026-01-05T00:00:00 UTC; the file starts an hour earlier (unused)
        write(
            Self.header + "2026-01-04T23:00:00Z,999,999\n2026-01-05T00:00:00Z,300,200\n2026-01-05T01:00:00Z,500,100\n",
            to: dir + "/grid.csv")
        let path = scenario(dir, carbon: "carbon: {intensity_csv: grid.csv}")
        let o = try runScenarioFile(RunOptions(scenarioPath: path, outDir: dir + "/out"))
        for r in o.results {
            // constant power: each hour holds half the facility energy
            #expect(Set(r.timeseries.map(\.itPowerW)).count == 1)
            let e = r.economics.facilityEnergyKWh
            let c = try #require(r.economics.carbon)
            #expect(abs(c.locationKgCO2e - (e / 2 * 300 + e / 2 * 500) / 1000) < 1e-9)
            #expect(abs(c.marketKgCO2e - (e / 2 * 200 + e / 2 * 100) / 1000) < 1e-9)
        }
    }

    @Test("per-arm override, grid presets, embodied servers and devices, one-sided carbon is not comparable")
    func overridesAndEmbodied() throws {
        let dir = makeTempDir()
        let path = scenario(
            dir, carbon: "carbon: {grid: france-2023, devices: [{name: switch, count: 2, embodied_kgco2e: 438.3, life_years: 5}]}",
            packedExtra: "carbon: {location_g_per_kwh: 100, market_g_per_kwh: 20}")
        let yaml = (read(path) ?? "").replacingOccurrences(of: "price_usd: 3000", with: "price_usd: 3000\n    embodied_kgco2e: 876.6")
        write(yaml, to: path)
        let o = try runScenarioFile(RunOptions(scenarioPath: path, outDir: dir + "/out"))
        let base = try #require(o.results[0].economics.carbon), packed = try #require(o.results[1].economics.carbon)
        let fb = o.results[0].economics.facilityEnergyKWh, fp = o.results[1].economics.facilityEnergyKWh
        #expect(abs(base.locationKgCO2e - fb * 56.0 / 1000) < 1e-9 && abs(base.marketKgCO2e - base.locationKgCO2e) < 1e-12)
        #expect(abs(packed.locationKgCO2e - fp * 100 / 1000) < 1e-9 && abs(packed.marketKgCO2e - fp * 20 / 1000) < 1e-9)
        // 2 h of a 8,766-h year: servers 876.6 kg / 4 y each (4 dedicated, 1 packed), switches 438.3 kg / 5 y each
        let years = 2.0 / 8766
        #expect(abs(base.embodiedKgCO2e - (4 * 876.6 / 4 + 2 * 438.3 / 5) * years) < 1e-12)
        #expect(abs(packed.embodiedKgCO2e - (1 * 876.6 / 4 + 2 * 438.3 / 5) * years) < 1e-12)
        // carbon on the packed arm only
        let one = scenario(makeTempDir(), carbon: "", packedExtra: "carbon: {location_g_per_kwh: 100}")
        let p = try runScenarioFile(RunOptions(scenarioPath: one, outDir: dir + "/one"))
        let l = try #require(p.savings.first { $0.category == "carbon" })
        #expect(!l.comparable && l.saving == nil && l.note == "carbon is modelled in packed only")
        // no carbon anywhere: no carbon lines, empty columns
        let none = try runScenarioFile(RunOptions(scenarioPath: scenario(makeTempDir(), carbon: ""), outDir: dir + "/none"))
        #expect(!none.savings.contains { $0.category.hasPrefix("carbon") })
        #expect((read(dir + "/none/summary.csv") ?? "").split(separator: "\n")[1].contains(",,,"))
    }

    @Test("decode errors: a bad intensity line at file:line:column, a file that does not cover the run, conflicting keys")
    func errors() throws {
        let dir = makeTempDir()
        let path = scenario(dir, carbon: "")
        func problems(_ set: String) -> String { validateScenarioFile(path: path, overrides: [set]).joined(separator: "\n") }
        write(Self.header + "2026-01-05T00:00:00Z,300,200\n2026-01-05T01:00:00Z,3o0,200\n", to: dir + "/bad.csv")
        let bad = problems("carbon={intensity_csv: \(dir)/bad.csv}")
        #expect(bad.contains("bad.csv:3:22: column \"location_g_per_kwh\": expected a number"), "\(bad)")
        write(Self.header + "2026-01-05T00:00:00Z,300,200\n", to: dir + "/short.csv")
        let short = problems("carbon={intensity_csv: \(dir)/short.csv}")
        #expect(short.contains("cover hours 0 to 1 from the scenario start; expected at least hours 0 to 2"), "\(short)")
        let both = problems("carbon={grid: uk-2023, location_g_per_kwh: 200}")
        #expect(both.contains("give grid or location_g_per_kwh, not both"), "\(both)")
        let unknown = problems("carbon={grid: mars-2023}")
        #expect(unknown.contains("mars-2023") && unknown.contains("germany-2023"), "\(unknown)")
        let nothing = problems("carbon={market_g_per_kwh: 100}")
        #expect(nothing.contains("expected a grid intensity"), "\(nothing)")
        write(Self.header + "2026-01-05T00:00:00Z,300,200\n2026-01-05T01:00:00Z,300,200\n", to: dir + "/ok.csv")
        let market = problems("carbon={intensity_csv: \(dir)/ok.csv, market_g_per_kwh: 100}")
        #expect(market.contains("market_g_per_kwh cannot be combined with intensity_csv"), "\(market)")
        #expect(problems("carbon={intensity_csv: \(dir)/ok.csv}").isEmpty)
        let range = problems("carbon={location_g_per_kwh: -1}")
        #expect(range.contains("location_g_per_kwh"), "\(range)")
    }
}
