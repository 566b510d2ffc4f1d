/// PUE that depends on IT load: facility overhead = fixed losses + a proportional part,
/// overhead(IT) = fixedLossW + proportionalFraction × IT, so PUE = 1 + proportionalFraction +
/// fixedLossW / IT, which falls as the load rises (and is undefined at IT = 0, where the
/// facility still draws fixedLossW).
///
/// Source: `DomainModels.md` B2 recommendation (b), after Rasmussen (APC/Schneider white
/// paper: unabsorbed fixed losses of an oversized facility are the largest TCO driver,
/// scribd 606425830). The reference gives no values, so both constants are required inputs;
/// `init(pueAtRatedLoad:ratedITPowerW:fixedShareOfOverhead:)` derives them from a rated point.
/// Valid: fixedLossW ≥ 0, proportionalFraction ≥ 0 (finite). Overhead split into cooling and
/// other by `coolingShareOfOverhead` (default 1, as `FixedPUE`).
public struct LoadDependentPUE: FacilityPowerModel, Registered, Equatable {
    /// Registry name.
    public static let name = "load-pue"
    /// One line for `virtsim list`.
    public static let summary = "facility overhead = fixed losses W + fraction × IT (Rasmussen/APC)"

    /// Losses independent of the IT load, W.
    public let fixedLossW: Double
    /// Losses per watt of IT load, W/W.
    public let proportionalFraction: Double
    /// Fraction of the overhead reported as cooling, 0...1.
    public let coolingShareOfOverhead: Double

    /// Fixed losses `fixedLossW` (W) and `proportionalFraction` (W/W) — both required, no reference values.
    /// - Precondition: `check` passes.
    public init(fixedLossW: Double, proportionalFraction: Double, coolingShareOfOverhead: Double = 1) {
        let problem = Self.check(
            fixedLossW: fixedLossW, proportionalFraction: proportionalFraction,
            coolingShareOfOverhead: coolingShareOfOverhead)
        precondition(problem == nil, problem ?? "")
        self.fixedLossW = fixedLossW; self.proportionalFraction = proportionalFraction
        self.coolingShareOfOverhead = coolingShareOfOverhead
    }

    /// The model whose PUE at `ratedITPowerW` is `pueAtRatedLoad`, with `fixedShareOfOverhead`
    /// of that rated overhead fixed: fixedLossW = share × (PUE − 1) × rated,
    /// proportionalFraction = (1 − share) × (PUE − 1).
    public init(
        pueAtRatedLoad: Double, ratedITPowerW: Double, fixedShareOfOverhead: Double,
        coolingShareOfOverhead: Double = 1
    ) {
        let overhead = (pueAtRatedLoad - 1) * ratedITPowerW
        self.init(
            fixedLossW: fixedShareOfOverhead * overhead,
            proportionalFraction: (1 - fixedShareOfOverhead) * (pueAtRatedLoad - 1),
            coolingShareOfOverhead: coolingShareOfOverhead)
    }

    /// Nil if valid, else what is wrong.
    public static func check(fixedLossW: Double, proportionalFraction: Double, coolingShareOfOverhead: Double = 1) -> String? {
        if !(fixedLossW >= 0 && fixedLossW.isFinite) { return "fixedLossW: expected finite watts >= 0, found \(fixedLossW)" }
        if !(proportionalFraction >= 0 && proportionalFraction.isFinite) {
            return "proportionalFraction: expected a finite W/W >= 0 (PUE >= 1), found \(proportionalFraction)"
        }
        if !(coolingShareOfOverhead >= 0 && coolingShareOfOverhead <= 1) {
            return "coolingShareOfOverhead: expected a fraction 0...1, found \(coolingShareOfOverhead)"
        }
        return nil
    }

    /// Overhead fixedLossW + proportionalFraction × IT, split into cooling and other; the outside temperature is ignored.
    public func power(itPowerW: Double, outsideTemperatureC: Double) -> FacilityPower {
        let overhead = fixedLossW + proportionalFraction * itPowerW
        var p = FacilityPower(
            itW: itPowerW, coolingW: overhead * coolingShareOfOverhead,
            otherW: overhead * (1 - coolingShareOfOverhead))
        p.fixedW = fixedLossW
        return p
    }
}
