/// Free cooling: below a dry-bulb threshold outside, outside air cools the room at a small
/// overhead; otherwise the chiller (CRAC model) runs.
///
/// cooling(IT, T_out) = freeCoolingOverheadFraction × IT if T_out < thresholdC, else IT / COP(T_supply).
///
/// Source: `DomainModels.md` B2 recommendation (d): "outside-air mode below a dry-bulb
/// threshold with small overhead … and chiller mode otherwise, driven by an hourly weather
/// trace". Defaults:
/// - thresholdC = 18.33 °C: 65 °F, the switch-over of the independent cost model cited in B2
///   ("switches to outside-air economizer below 65 °F").
/// - freeCoolingOverheadFraction = 0.05: the lowest PUE, 1.05, of the code example in B2 that
///   uses PUE 1.05–1.17 by temperature band — marked "illustrative only" there, so an
///   ASSUMPTION (fans and pumps only).
/// Valid: threshold −50…40 °C, fraction 0…1.
public struct EconomizerModel: FacilityPowerModel, Registered, Equatable {
    /// Registry name.
    public static let name = "economizer"
    /// One line for `virtsim list`.
    public static let summary = "free cooling (5% of IT) below 18.33 °C (65 °F) outside, CRAC COP(T) otherwise"

    /// Outside dry-bulb temperature below which free cooling runs, °C.
    public let thresholdC: Double
    /// Cooling watts per IT watt in free-cooling mode.
    public let freeCoolingOverheadFraction: Double
    /// The chiller used at or above the threshold.
    public let chiller: CRACModel

    /// An economizer switching at `thresholdC` (default 18.33 °C = 65 °F) with free-cooling overhead
    /// `freeCoolingOverheadFraction` (default 0.05) and `chiller` above the threshold.
    /// - Precondition: `check` passes.
    public init(
        thresholdC: Double = (65.0 - 32) * 5 / 9, freeCoolingOverheadFraction: Double = 0.05,
        chiller: CRACModel = CRACModel()
    ) {
        let problem = Self.check(thresholdC: thresholdC, freeCoolingOverheadFraction: freeCoolingOverheadFraction)
        precondition(problem == nil, problem ?? "")
        self.thresholdC = thresholdC; self.freeCoolingOverheadFraction = freeCoolingOverheadFraction
        self.chiller = chiller
    }

    /// Nil if valid, else what is wrong.
    public static func check(thresholdC: Double, freeCoolingOverheadFraction: Double) -> String? {
        if !(thresholdC >= -50 && thresholdC <= 40) {
            return "thresholdC: expected an outside dry-bulb threshold between -50 and 40 °C, found \(thresholdC)"
        }
        if !(freeCoolingOverheadFraction >= 0 && freeCoolingOverheadFraction <= 1) {
            return "freeCoolingOverheadFraction: expected a fraction 0...1 of IT power, found \(freeCoolingOverheadFraction)"
        }
        return nil
    }

    /// True when outside air alone cools the room at `outsideTemperatureC` (strictly below the threshold).
    public func isFreeCooling(outsideTemperatureC: Double) -> Bool { outsideTemperatureC < thresholdC }

    /// Hours of `series` (each value one hour) in free-cooling mode.
    public func freeCoolingHours(_ series: OutsideTemperatureSeries) -> Int {
        series.temperaturesC.reduce(0) { $0 + (isFreeCooling(outsideTemperatureC: $1) ? 1 : 0) }
    }

    /// Free cooling (fraction × IT, plus the chiller's auxiliary losses) below the threshold, the chiller otherwise.
    public func power(itPowerW: Double, outsideTemperatureC: Double) -> FacilityPower {
        if isFreeCooling(outsideTemperatureC: outsideTemperatureC) {
            return FacilityPower(
                itW: itPowerW, coolingW: freeCoolingOverheadFraction * itPowerW,
                otherW: chiller.auxiliaryFraction * itPowerW)
        }
        return chiller.power(itPowerW: itPowerW, outsideTemperatureC: outsideTemperatureC)
    }
}
