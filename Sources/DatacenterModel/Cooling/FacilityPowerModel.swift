/// Facility power at one instant: the IT load and what the facility adds to it.
///
/// Units: watts. Laws: coolingW ≥ 0, otherW ≥ 0, facilityW = itW + coolingW + otherW ≥ itW,
/// so PUE = facilityW / itW ≥ 1.
public struct FacilityPower: Sendable, Equatable {
    /// IT power (servers, storage, network), W.
    public var itW: Double
    /// Cooling power (CRAC/chiller, fans, economizer), W.
    public var coolingW: Double
    /// Other facility overhead (power distribution, UPS, lighting), W.
    public var otherW: Double
    /// The part of coolingW + otherW that does not depend on the IT load (no-load losses of a
    /// room rated above its load, `FacilityLossModel`), W; 0 for models without such losses.
    public var fixedW: Double = 0

    /// A facility power split, W.
    public init(itW: Double, coolingW: Double, otherW: Double) {
        self.itW = itW; self.coolingW = coolingW; self.otherW = otherW
    }

    /// itW + coolingW + otherW.
    public var facilityW: Double { itW + coolingW + otherW }
    /// Power usage effectiveness, facilityW / itW; nil when itW is 0.
    public var pue: Double? { itW > 0 ? facilityW / itW : nil }
}

/// A model of what a facility draws for a given IT load: PUE-based, CRAC, economizer.
///
/// Laws every model obeys (conformance tests): overheads ≥ 0 and finite for IT ≥ 0; facility
/// power non-decreasing in IT power; PUE ≥ 1. Sources: `DomainModels.md` B2 (per model).
public protocol FacilityPowerModel: Sendable {
    /// Facility power for `itPowerW` ≥ 0 of IT load at outside dry-bulb temperature
    /// `outsideTemperatureC` (°C; models that ignore the weather ignore it).
    func power(itPowerW: Double, outsideTemperatureC: Double) -> FacilityPower
}

extension FacilityPowerModel {
    /// Facility power (IT + cooling + other), W.
    public func facilityPowerW(itPowerW: Double, outsideTemperatureC: Double) -> Double {
        power(itPowerW: itPowerW, outsideTemperatureC: outsideTemperatureC).facilityW
    }
}
