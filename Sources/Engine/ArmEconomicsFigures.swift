/// Facility, storage and cost figures of one arm, computed after its simulation from its
/// IT power time series (facility and cooling models), its VMs' disks (storage model) and
/// its hardware and energy (TCO). All zero when the scenario models none of them.
public struct ArmEconomicsFigures: Sendable, Equatable {
    /// Cooling energy, kWh.
    public var coolingEnergyKWh: Double = 0
    /// IT + cooling + other facility energy, kWh.
    public var facilityEnergyKWh: Double = 0
    /// The part of the facility energy beyond IT that does not depend on the IT load (no-load
    /// losses of UPS, distribution and cooling; `FacilityLossModel`, `LoadDependentPUE`), kWh.
    public var facilityFixedEnergyKWh: Double = 0
    /// The room's rated IT power the facility model used (`FacilityLossModel`), W; nil for
    /// models without a rating.
    public var roomRatedITPowerW: Double? = nil
    /// Storage provisioned to VMs, GB.
    public var storageProvisionedGB: Double = 0
    /// Storage allocated (written) by VMs incl. replicas, deltas, snapshots and swap, GB.
    public var storageAllocatedGB: Double = 0
    /// Raw capacity needed after dedup, compression and RAID/FTT, GB.
    public var storagePhysicalGB: Double = 0
    /// Whether the arm has a storage model (`storage:`); without one the storage figures are 0.
    public var storageModelled = false
    /// The storage array and switches (`storage.array`, `network`): counts, power, purchase.
    public var infrastructure = SharedInfrastructureFigures()
    /// Cost categories over the simulated period, USD, in `costCategories` order.
    public var costPeriodUSD: [Double] = []
    /// The same, annualized, USD.
    public var costAnnualUSD: [Double] = []
    /// The same over the cost horizon (`costs.horizon_years`), USD: purchases (hardware,
    /// storage) once at their price, running costs per year × the horizon's years
    /// (`computeEconomics` states the rule).
    public var costHorizonUSD: [Double] = []
    /// The cost horizon, years (`costs.horizon_years`, default 3).
    public var horizonYears: Double = 0
    /// Hosts the arm's hardware, licence, support, space and (bare metal) admin costs are
    /// priced on (`computeEconomics`: the hosts it needs, or its whole pool).
    public var hostsBought: Int = 0
    /// Capital bought at the start, USD: servers (the hosts bought), storage and perpetual
    /// licences — what payback compares (the horizon buys servers and storage again at each
    /// end of life; a perpetual licence once).
    public var capexUSD: Double = 0
    /// Operating costs per year, USD: power and cooling, licences, support, administration,
    /// floor space, cloud.
    public var opexAnnualUSD: Double = 0
    /// Months until the arm's extra capital is paid back by its lower operating cost, against
    /// the baseline; nil for the baseline, without a saving, or without cost inputs.
    public var paybackMonths: Double? = nil
    /// Operational and embodied carbon (`carbon:`); nil when the arm has no carbon inputs.
    public var carbon: CarbonFigures? = nil
    public init() {}

    /// The cost categories, total last (`CostBreakdown.categoryNames`).
    public static let costCategories = ["hardware", "storage", "power_cooling", "licence", "support", "admin", "space", "cloud", "total"]

    /// A category's period cost, 0 when costs were not computed.
    public func periodCost(_ category: String) -> Double {
        guard let i = Self.costCategories.firstIndex(of: category), i < costPeriodUSD.count else { return 0 }
        return costPeriodUSD[i]
    }

    /// A category's cost over the horizon, 0 when costs were not computed.
    public func horizonCost(_ category: String) -> Double {
        guard let i = Self.costCategories.firstIndex(of: category), i < costHorizonUSD.count else { return 0 }
        return costHorizonUSD[i]
    }
}
