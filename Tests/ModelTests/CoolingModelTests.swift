import Foundation
import Testing
@testable import DatacenterModel

@Suite("Cooling and facility models")
struct CoolingModelTests {
    @Test("CRAC: COP at 20 °C = 0.0068·400 + 0.0008·20 + 0.458 = 3.194 -> 0.313 W of cooling per IT watt")
    func cop20() {
        #expect(abs(CRACModel.cop(supplyTemperatureC: 20) - (0.0068 * 400 + 0.0008 * 20 + 0.458)) < 1e-12)
        #expect(abs(CRACModel.cop(supplyTemperatureC: 20) - 3.194) < 1e-12)
        let m = CRACModel(supplyTemperatureC: 20)
        #expect(abs(m.coolingPerITWatt - 1 / 3.194) < 1e-12)
        #expect(abs(m.coolingPerITWatt - 0.313) < 0.0005)
        let p = m.power(itPowerW: 100_000, outsideTemperatureC: 30)
        #expect(abs(p.coolingW - 100_000 / 3.194) < 1e-9)
        #expect(abs(p.pue! - (1 + 1 / 3.194)) < 1e-12)  // ≈ 1.31
    }

    @Test(
        "CRAC reproduces the table of DomainModels.md B2 (two decimals)",
        arguments: [
            (15.0, 2.00, 0.50, 1.50), (18, 2.68, 0.37, 1.37), (22, 3.77, 0.27, 1.27),
            (24, 4.39, 0.23, 1.23), (25, 4.73, 0.21, 1.21), (27, 5.44, 0.18, 1.18)
        ])
    func b2Table(t: Double, cop: Double, perWatt: Double, pue: Double) {
        let m = CRACModel(supplyTemperatureC: t)
        #expect(abs(m.cop - cop) <= 0.005)
        #expect(abs(m.coolingPerITWatt - perWatt) <= 0.005)
        #expect(abs(m.power(itPowerW: 1000, outsideTemperatureC: 0).pue! - pue) <= 0.005)
    }

    @Test("fixed PUE: facility = PUE × IT; the default is 1.58 (Uptime 2023)")
    func fixedPUE() {
        let p = FixedPUE().power(itPowerW: 1000, outsideTemperatureC: 0)
        #expect(abs(p.facilityW - 1580) < 1e-9 && abs(p.pue! - 1.58) < 1e-12)
        let split = FixedPUE(pue: 1.5, coolingShareOfOverhead: 0.8).power(itPowerW: 1000, outsideTemperatureC: 0)
        #expect(abs(split.coolingW - 400) < 1e-9 && abs(split.otherW - 100) < 1e-9)
    }

    @Test("load-dependent PUE: fixed losses + proportional part, PUE falls as load rises")
    func loadDependent() {
        let m = LoadDependentPUE(fixedLossW: 50_000, proportionalFraction: 0.2)
        // 100 kW IT: overhead 50 + 20 = 70 kW -> PUE 1.7; 50 kW IT: 50 + 10 = 60 kW -> PUE 2.2.
        #expect(abs(m.power(itPowerW: 100_000, outsideTemperatureC: 0).pue! - 1.7) < 1e-12)
        #expect(abs(m.power(itPowerW: 50_000, outsideTemperatureC: 0).pue! - 2.2) < 1e-12)
        #expect(m.power(itPowerW: 0, outsideTemperatureC: 0).facilityW == 50_000)
        #expect(m.power(itPowerW: 0, outsideTemperatureC: 0).pue == nil)
        // Rated 100 kW at PUE 1.8, half the overhead fixed: 40 kW fixed + 0.4 W/W.
        let r = LoadDependentPUE(pueAtRatedLoad: 1.8, ratedITPowerW: 100_000, fixedShareOfOverhead: 0.5)
        #expect(abs(r.fixedLossW - 40_000) < 1e-6 && abs(r.proportionalFraction - 0.4) < 1e-12)
    }

    @Test("economizer: 5% of IT below 18.33 °C (65 °F) outside, the CRAC at or above it")
    func economizer() {
        let e = EconomizerModel()
        #expect(abs(e.thresholdC - (65.0 - 32) * 5 / 9) < 1e-12)
        #expect(abs(e.power(itPowerW: 1000, outsideTemperatureC: 10).coolingW - 0.05 * 1000) < 1e-9)
        #expect(abs(e.power(itPowerW: 1000, outsideTemperatureC: 25).coolingW - 1000 / 3.194) < 1e-9)
        #expect(!e.isFreeCooling(outsideTemperatureC: e.thresholdC), "at the threshold the chiller runs")
        let series = OutsideTemperatureSeries(firstHour: 0, temperaturesC: [5, 12, 18, 18.5, 25, 30, -3])
        #expect(e.freeCoolingHours(series) == 4)
    }

    @Test(
        "every facility model obeys the laws: overheads ≥ 0, PUE ≥ 1, facility power non-decreasing in IT",
        arguments: [
            FixedPUE() as any FacilityPowerModel, FixedPUE(pue: 1.0),
            LoadDependentPUE(fixedLossW: 10_000, proportionalFraction: 0.3),
            CRACModel(supplyTemperatureC: 10), CRACModel(supplyTemperatureC: 35, auxiliaryFraction: 0.1),
            EconomizerModel()
        ])
    func laws(model: any FacilityPowerModel) {
        for outside in stride(from: -20.0, through: 40, by: 5) {
            var previous = -1.0
            for it in stride(from: 0.0, through: 1_000_000, by: 50_000) {
                let p = model.power(itPowerW: it, outsideTemperatureC: outside)
                #expect(p.coolingW >= 0 && p.otherW >= 0 && p.facilityW.isFinite)
                #expect(p.facilityW >= previous)
                if let pue = p.pue { #expect(pue >= 1) }
                previous = p.facilityW
            }
        }
    }

    @Test("bad values are rejected: a PUE below 1, a setpoint outside 10–35 °C, a negative loss")
    func checks() {
        #expect(FixedPUE.check(pue: 0.9) == "pue: expected a power usage effectiveness between 1 and 5 (facility power over IT power), found 0.9")
        #expect(FixedPUE.check(pue: 1) == nil)
        #expect(CRACModel.check(supplyTemperatureC: 5)?.hasPrefix("supplyTemperatureC: expected a CRAC supply temperature between 10.0 and 35.0 °C") == true)
        #expect(CRACModel.check(supplyTemperatureC: 40)?.hasSuffix("found 40.0") == true)
        #expect(LoadDependentPUE.check(fixedLossW: -1, proportionalFraction: 0.1) == "fixedLossW: expected finite watts >= 0, found -1.0")
        #expect(EconomizerModel.check(thresholdC: 18, freeCoolingOverheadFraction: 1.5)?.hasPrefix("freeCoolingOverheadFraction") == true)
        #expect(
            [FixedPUE.name, LoadDependentPUE.name, CRACModel.name, EconomizerModel.name]
                == ["fixed-pue", "load-pue", "crac", "economizer"])
    }
}

@Suite("Outside temperature series (CSV)")
struct OutsideTemperatureSeriesTests {
    func error(_ text: String) -> ModelInputError? {
        do { _ = try OutsideTemperatureSeries.parse(text, file: "t.csv"); return nil } catch { return error }
    }

    @Test("parses hour,temperature_c with spaces, CRLF line ends and blank lines")
    func parses() throws {
        let s = try OutsideTemperatureSeries.parse("hour,temperature_c\r\n4, 10.5\r\n5,-2\r\n\r\n6 ,3e0\r\n", file: "t.csv")
        #expect(s.firstHour == 4 && s.temperaturesC == [10.5, -2, 3])
        #expect(s.temperatureC(atHour: 5) == -2)
        #expect(s.temperatureC(atHour: 7) == 10.5, "past the end the series wraps around")
        #expect(s.temperatureC(atHour: 3) == 3, "before the start too")
        #expect(s.temperatureC(atHours: 5.99) == -2)
        let bom = try OutsideTemperatureSeries.parse("\u{FEFF}hour,temperature_c\n0,1\n", file: "t.csv")
        #expect(bom.temperaturesC == [1], "a UTF-8 byte-order mark is skipped")
    }

    @Test("a bad number names file, line and column")
    func badNumber() {
        let e = error("hour,temperature_c\n0,1.5\n1,abc\n")
        #expect(e?.description == "t.csv:3:3: expected a temperature in °C, found `abc`")
        #expect(error("hour,temperature_c\n0,1.5\nx,2\n")?.description == "t.csv:3:1: expected an integer hour >= 0, found `x`")
        #expect(error("hour,temperature_c\n0,75\n")?.description == "t.csv:2:3: expected a temperature between -90 and 60 °C, found 75.0")
        // The column is that of the field's first non-blank character.
        #expect(error("hour,temperature_c\n0,  x1\n")?.description == "t.csv:2:5: expected a temperature in °C, found `x1`")
    }

    @Test("a missing hour is a gap")
    func gap() {
        #expect(
            error("hour,temperature_c\n0,1\n1,1\n4,1\n")?.description
                == "t.csv:4:1: gap: expected hour 2 after hour 1, found hour 4 (hours 2–3 missing)")
        #expect(
            error("hour,temperature_c\n0,1\n2,1\n")?.description
                == "t.csv:3:1: gap: expected hour 1 after hour 0, found hour 2 (hour 1 missing)")
    }

    @Test("a repeated or earlier hour is out of order")
    func order() {
        #expect(error("hour,temperature_c\n5,1\n4,1\n")?.description == "t.csv:3:1: out of order: hour 4 after hour 5")
        #expect(error("hour,temperature_c\n5,1\n5,1\n")?.description == "t.csv:3:1: out of order: hour 5 repeated")
    }

    @Test("header, field count and empty files")
    func structure() {
        #expect(error("time,temp\n0,1\n")?.description == "t.csv:1:1: expected the header `hour,temperature_c`, found `time,temp`")
        #expect(error("hour,temperature_c\n0,1,2\n")?.description == "t.csv:2:5: expected 2 fields (hour,temperature_c), found 3")
        #expect(error("hour,temperature_c\n0\n")?.description == "t.csv:2:2: expected 2 fields (hour,temperature_c), found 1")
        #expect(error("")?.description == "t.csv: empty file: expected the header `hour,temperature_c` and one line per hour")
        #expect(error("hour,temperature_c\n")?.description == "t.csv: no data: expected one line per hour after the header")
    }

    @Test("reads a file; a missing file is an error naming it")
    func readsFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("virtsim-temp-\(UInt32.random(in: 0...UInt32.max)).csv").path
        try "hour,temperature_c\n0,12.5\n1,13\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let s = try OutsideTemperatureSeries.read(path: path)
        #expect(s.temperaturesC == [12.5, 13])
        #expect(throws: ModelInputError.self) { try OutsideTemperatureSeries.read(path: path + ".missing") }
    }
}

/// The facility-loss model (`FacilityLossModel`), computed by hand.
@Suite("Facility losses: UPS, distribution and cooling with no-load, proportional and square-law terms")
struct FacilityLossModelTests {
    /// A 100 kW room: UPS {4%, 5%, 2%}, distribution {1%, 0, 1.5%}, cooling {30%, 20%, 0}.
    static let room = FacilityLossModel(
        ups: LossTerms(noLoad: 0.04, proportional: 0.05, square: 0.02),
        distribution: LossTerms(noLoad: 0.01, proportional: 0, square: 0.015),
        cooling: .terms(LossTerms(noLoad: 0.30, proportional: 0.20, square: 0)), ratedITPowerW: 100_000)

    @Test("at half load (50 kW): UPS 4 + 2.5 + 0.5 kW, distribution 1 + 0.375 kW, cooling 30 + 10 kW; PUE 1.9675 = 1 + Σ f/L + k + s·L")
    func halfLoad() {
        let p = Self.room.power(itPowerW: 50_000, outsideTemperatureC: 20)
        #expect(abs(p.otherW - (7_000 + 1_375)) < 1e-9)
        #expect(abs(p.coolingW - 40_000) < 1e-9)
        #expect(abs(p.fixedW - 35_000) < 1e-9)
        #expect(abs(p.facilityW - 98_375) < 1e-9)
        // the planner's formula, term by term: f/L + k + s·L per component at L = 0.5
        let formula = 1 + (0.04 / 0.5 + 0.05 + 0.02 * 0.5) + (0.01 / 0.5 + 0 + 0.015 * 0.5) + (0.30 / 0.5 + 0.20)
        #expect(abs(p.pue! - formula) < 1e-12 && abs(formula - 1.9675) < 1e-12)
    }

    @Test("PUE rises as the load falls in a room that keeps its rating: 1.635 at full load, 1.9675 at half, 3.007 at 20%")
    func pueRisesAsLoadFalls() {
        let full = Self.room.power(itPowerW: 100_000, outsideTemperatureC: 20).pue!
        let fifth = Self.room.power(itPowerW: 20_000, outsideTemperatureC: 20).pue!
        #expect(abs(full - 1.635) < 1e-12, "1 + 0.11 + 0.025 + 0.5")
        // at L = 0.2: UPS 0.2 + 0.05 + 0.004, distribution 0.05 + 0.003, cooling 1.5 + 0.2
        #expect(abs(fifth - (1 + 0.254 + 0.053 + 1.7)) < 1e-12 && abs(fifth - 3.007) < 1e-12)
        #expect(fifth > full)
    }

    @Test("a chiller removes IT + UPS + distribution heat at 1/COP(20 °C) = 1/3.194; an economizer below 18.33 °C at 5%")
    func chillerCooling() {
        let ups = LossTerms(noLoad: 0.04, proportional: 0.05, square: 0.02)
        let crac = FacilityLossModel(ups: ups, distribution: .none, cooling: .chiller(noLoad: 0.1, model: CRACModel()), ratedITPowerW: 100_000)
        let p = crac.power(itPowerW: 50_000, outsideTemperatureC: 30)
        // UPS 7 kW; heat 57 kW; cooling 10 kW no-load + 57/3.194
        #expect(abs(p.otherW - 7_000) < 1e-9)
        #expect(abs(p.coolingW - (10_000 + 57_000 / 3.194)) < 1e-6)
        #expect(abs(p.fixedW - (4_000 + 10_000)) < 1e-9)
        let eco = FacilityLossModel(ups: ups, distribution: .none, cooling: .chiller(noLoad: 0.1, model: EconomizerModel()), ratedITPowerW: 100_000)
        #expect(abs(eco.power(itPowerW: 50_000, outsideTemperatureC: 10).coolingW - (10_000 + 0.05 * 57_000)) < 1e-9)
        #expect(abs(eco.power(itPowerW: 50_000, outsideTemperatureC: 25).coolingW - p.coolingW) < 1e-9, "the chiller above the threshold")
    }

    @Test("obeys the facility laws: overheads ≥ 0, PUE ≥ 1, facility power non-decreasing in IT")
    func laws() {
        for outside in stride(from: -20.0, through: 40, by: 10) {
            var previous = -1.0
            for it in stride(from: 0.0, through: 200_000, by: 10_000) {
                let p = Self.room.power(itPowerW: it, outsideTemperatureC: outside)
                #expect(p.coolingW >= 0 && p.otherW >= 0 && p.fixedW <= p.coolingW + p.otherW + 1e-9)
                #expect(p.facilityW >= previous)
                if let pue = p.pue { #expect(pue >= 1) }
                previous = p.facilityW
            }
        }
    }

    @Test("terms outside 0…1 are refused, naming the key")
    func checks() {
        #expect(LossTerms.check(noLoad: -0.1, proportional: 0, square: 0) == "no_load: expected a fraction 0...1 of the rated IT power, found -0.1")
        #expect(LossTerms.check(noLoad: 0, proportional: 1.5, square: 0)?.hasPrefix("proportional") == true)
        #expect(LossTerms.check(noLoad: 0, proportional: 0, square: .nan)?.hasPrefix("square") == true)
        #expect(FacilityLossModel.name == "losses" && RoomSizing.allCases.map(\.rawValue) == ["keep", "right-size"])
    }
}
