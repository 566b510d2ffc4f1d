/// Constant power usage effectiveness: facility = PUE × IT.
///
/// Source: `DomainModels.md` B2 recommendation (a), what CloudSim Plus intends. Default PUE
/// 1.58: the Uptime Institute survey average of 2023 (1.55–1.58 "flat for six years",
/// 2018–2023; upsite.com, B2). Other anchors: 2.5 (2007 industry average), 1.10 (Google Q2
/// 2021). Valid range: 1 ≤ PUE ≤ 5 (the worst surveyed average is 2.9, Campos 2010).
/// The overhead (PUE − 1) × IT is split into cooling and other by `coolingShareOfOverhead`
/// (default 1: the reference gives no split, so all overhead is reported as cooling —
/// ASSUMPTION; set e.g. 0.7 if you know it).
public struct FixedPUE: FacilityPowerModel, Registered, Equatable {
    /// Registry name.
    public static let name = "fixed-pue"
    /// One line for `virtsim list`.
    public static let summary = "facility = PUE × IT (default PUE 1.58, Uptime 2023)"

    /// Power usage effectiveness, 1...5.
    public let pue: Double
    /// Fraction of the overhead reported as cooling, 0...1.
    public let coolingShareOfOverhead: Double

    /// A fixed PUE (1–5, default 1.58) with `coolingShareOfOverhead` (0–1, default 1).
    /// - Precondition: `check` passes.
    public init(pue: Double = 1.58, coolingShareOfOverhead: Double = 1) {
        let problem = Self.check(pue: pue, coolingShareOfOverhead: coolingShareOfOverhead)
        precondition(problem == nil, problem ?? "")
        self.pue = pue; self.coolingShareOfOverhead = coolingShareOfOverhead
    }

    /// Nil if valid, else what is wrong (e.g. a PUE below 1).
    public static func check(pue: Double, coolingShareOfOverhead: Double = 1) -> String? {
        if !(pue >= 1 && pue <= 5) {
            return "pue: expected a power usage effectiveness between 1 and 5 (facility power over IT power), found \(pue)"
        }
        if !(coolingShareOfOverhead >= 0 && coolingShareOfOverhead <= 1) {
            return "coolingShareOfOverhead: expected a fraction 0...1, found \(coolingShareOfOverhead)"
        }
        return nil
    }

    /// Overhead (PUE − 1) × IT, split into cooling and other; the outside temperature is ignored.
    public func power(itPowerW: Double, outsideTemperatureC: Double) -> FacilityPower {
        let overhead = (pue - 1) * itPowerW
        return FacilityPower(
            itW: itPowerW, coolingW: overhead * coolingShareOfOverhead,
            otherW: overhead * (1 - coolingShareOfOverhead))
    }
}
