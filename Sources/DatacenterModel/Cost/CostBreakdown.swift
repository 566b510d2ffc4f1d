/// Costs by category, in currency units, for one arm over one period (or per year).
///
/// Categories (B7's TCO structure, `DomainModels.md`): hardware (servers, amortized),
/// storage (amortized), power_cooling (facility electricity), licence (hypervisor), support,
/// admin (labour), space (floor). Law: `total` = the sum of the seven categories (it is
/// computed, never stored). Capital categories: hardware, storage; the rest are operating.
public struct CostBreakdown: Sendable, Equatable {
    /// Servers, amortized (currency units).
    public var hardware: Double
    /// Storage, amortized.
    public var storage: Double
    /// Facility electricity (IT + cooling + other).
    public var powerCooling: Double
    /// Hypervisor licences.
    public var licence: Double
    /// Licence support.
    public var support: Double
    /// Administration labour.
    public var admin: Double
    /// Floor space.
    public var space: Double
    /// Cloud host-hours (hybrid-cloud bursting; B7: "cloud_host_hours × $/h").
    public var cloud: Double

    /// A breakdown; categories default to 0.
    public init(
        hardware: Double = 0, storage: Double = 0, powerCooling: Double = 0, licence: Double = 0,
        support: Double = 0, admin: Double = 0, space: Double = 0, cloud: Double = 0
    ) {
        self.hardware = hardware; self.storage = storage; self.powerCooling = powerCooling
        self.licence = licence; self.support = support; self.admin = admin; self.space = space; self.cloud = cloud
    }

    /// The category names as reports write them, in order, `total` last.
    public static let categoryNames = ["hardware", "storage", "power_cooling", "licence", "support", "admin", "space", "cloud", "total"]

    /// Values in the order of `categoryNames` (total last).
    public var values: [Double] { [hardware, storage, powerCooling, licence, support, admin, space, cloud, total] }

    /// (name, value) pairs in report order, total last.
    public var categories: [(name: String, value: Double)] { Array(zip(Self.categoryNames, values)) }

    /// Sum of the eight categories.
    public var total: Double { hardware + storage + powerCooling + licence + support + admin + space + cloud }

    /// Amortized capital: hardware + storage.
    public var capital: Double { hardware + storage }

    /// Recurring operating costs: power_cooling + licence + support + admin + space + cloud.
    public var operating: Double { powerCooling + licence + support + admin + space + cloud }

    /// Every category multiplied by `factor` (e.g. hours / 8,766 to go from a year to a period).
    public func scaled(by factor: Double) -> CostBreakdown {
        CostBreakdown(
            hardware: hardware * factor, storage: storage * factor, powerCooling: powerCooling * factor,
            licence: licence * factor, support: support * factor, admin: admin * factor, space: space * factor,
            cloud: cloud * factor)
    }

    /// Category-by-category sum.
    public static func + (a: CostBreakdown, b: CostBreakdown) -> CostBreakdown {
        CostBreakdown(
            hardware: a.hardware + b.hardware, storage: a.storage + b.storage,
            powerCooling: a.powerCooling + b.powerCooling, licence: a.licence + b.licence,
            support: a.support + b.support, admin: a.admin + b.admin, space: a.space + b.space,
            cloud: a.cloud + b.cloud)
    }

    /// Payback time, months: extraCapex / monthlySaving; nil when there is no saving
    /// (monthlySaving ≤ 0); 0 when nothing extra is spent (extraCapex ≤ 0) and there is a saving.
    /// Source: B7 ("Report before/after consolidation and payback months"; ASG's example pays
    /// back in 10 months).
    public static func paybackMonths(extraCapex: Double, monthlySaving: Double) -> Double? {
        guard monthlySaving > 0 else { return nil }
        return max(0, extraCapex) / monthlySaving
    }

    /// Payback of a candidate against a baseline, months: the candidate's up-front purchase
    /// `extraCapex` against the monthly saving in operating costs,
    /// (baseline.operating − candidate.operating) / 12, both breakdowns per year. Amortized
    /// capital is left out of the saving: the purchase is the investment itself.
    public static func paybackMonths(
        extraCapex: Double, baselineAnnual: CostBreakdown,
        candidateAnnual: CostBreakdown
    ) -> Double? {
        paybackMonths(
            extraCapex: extraCapex,
            monthlySaving: (baselineAnnual.operating - candidateAnnual.operating) / CostCalendar.monthsPerYear)
    }
}
