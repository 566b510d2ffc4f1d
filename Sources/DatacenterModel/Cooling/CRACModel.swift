/// Computer-room air conditioner: cooling power = heat removed / COP(T_supply), with
/// COP(T) = 0.0068·T² + 0.0008·T + 0.458 (T = CRAC supply temperature, °C).
///
/// Source: Moore, Chase, Ranganathan, Sharma, "Making Scheduling 'Cool'", USENIX ATC 2005
/// (HP Utility Data Center chiller curve); `DomainModels.md` B2, whose table this model
/// reproduces: COP 2.00 / 2.68 / 3.19 / 3.77 / 4.39 / 4.73 / 5.44 at 15 / 18 / 20 / 22 / 24 /
/// 25 / 27 °C. The heat removed is the IT power (all electrical power becomes heat).
/// Default setpoint 20 °C (the 1/COP(20 °C) of the independent cost model cited in B2).
/// Valid setpoint: 10–35 °C (ASSUMPTION: a sane range around ASHRAE's recommended 18–27 °C
/// inlet, B2; the quadratic fit is not meant far outside it).
/// `auxiliaryFraction` adds other facility losses in proportion to IT (B7's "1 + 1/COP + aux";
/// default 0 — the reference gives no value).
public struct CRACModel: FacilityPowerModel, Registered, Equatable {
    /// Registry name.
    public static let name = "crac"
    /// One line for `virtsim list`.
    public static let summary = "cooling = IT / COP(T), COP(T) = 0.0068T² + 0.0008T + 0.458 (Moore et al. 2005)"

    /// Lowest accepted supply temperature, °C.
    public static let minimumSupplyTemperatureC = 10.0
    /// Highest accepted supply temperature, °C.
    public static let maximumSupplyTemperatureC = 35.0

    /// CRAC supply-air temperature setpoint, °C.
    public let supplyTemperatureC: Double
    /// Other facility losses per watt of IT, W/W, ≥ 0.
    public let auxiliaryFraction: Double

    /// A CRAC at `supplyTemperatureC` (°C, 10–35, default 20) with `auxiliaryFraction` other losses (W/W, default 0).
    /// - Precondition: `check` passes.
    public init(supplyTemperatureC: Double = 20, auxiliaryFraction: Double = 0) {
        let problem = Self.check(supplyTemperatureC: supplyTemperatureC, auxiliaryFraction: auxiliaryFraction)
        precondition(problem == nil, problem ?? "")
        self.supplyTemperatureC = supplyTemperatureC; self.auxiliaryFraction = auxiliaryFraction
    }

    /// Nil if valid, else what is wrong (e.g. a setpoint outside 10–35 °C).
    public static func check(supplyTemperatureC: Double, auxiliaryFraction: Double = 0) -> String? {
        if !(supplyTemperatureC >= minimumSupplyTemperatureC && supplyTemperatureC <= maximumSupplyTemperatureC) {
            return
                "supplyTemperatureC: expected a CRAC supply temperature between \(minimumSupplyTemperatureC) and \(maximumSupplyTemperatureC) °C (ASHRAE recommends 18–27 °C inlet), found \(supplyTemperatureC)"
        }
        if !(auxiliaryFraction >= 0 && auxiliaryFraction.isFinite) {
            return "auxiliaryFraction: expected a finite W/W >= 0, found \(auxiliaryFraction)"
        }
        return nil
    }

    /// COP(T) = 0.0068·T² + 0.0008·T + 0.458, dimensionless (watts of heat removed per watt).
    public static func cop(supplyTemperatureC t: Double) -> Double { 0.0068 * t * t + 0.0008 * t + 0.458 }

    /// COP at this model's setpoint.
    public var cop: Double { Self.cop(supplyTemperatureC: supplyTemperatureC) }

    /// Cooling watts per IT watt, 1 / COP.
    public var coolingPerITWatt: Double { 1 / cop }

    /// Cooling = IT / COP(T_supply), other = auxiliaryFraction × IT; the outside temperature is ignored.
    public func power(itPowerW: Double, outsideTemperatureC: Double) -> FacilityPower {
        FacilityPower(itW: itPowerW, coolingW: itPowerW / cop, otherW: auxiliaryFraction * itPowerW)
    }
}
