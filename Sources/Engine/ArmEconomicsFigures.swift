/// Facility, storage and cost figures of one arm, computed after its simulation from its
/// IT power time series (facility and cooling models), its VMs' disks (storage model) and
/// its hardware and energy (TCO). All zero when the scenario models none of them.
public struct ArmEconomicsFigures: Sendable, Equatable {
    /// Cooling energy, kWh.
    public var coolingEnergyKWh: Double = 0
    /// IT + cooling + other facility energy, kWh.
    public var facilityEnergyKWh: Double = 0
    /// Storage provisioned to VMs, GB.
    public var storageProvisionedGB: Double = 0
    /// Storage allocated (written) by VMs incl. replicas, deltas, snapshots and swap, GB.
    public var storageAllocatedGB: Double = 0
    /// Raw capacity needed after dedup, compression and RAID/FTT, GB.
    public var storagePhysicalGB: Double = 0
    /// Cost categories over the simulated period, USD, in `costCategories` order.
    public var costPeriodUSD: [Double] = []
    /// The same, annualized, USD.
    public var costAnnualUSD: [Double] = []
    /// Months until the arm's extra capital is paid back by its lower operating cost, against
    /// the baseline; nil for the baseline, without a saving, or without cost inputs.
    public var paybackMonths: Double? = nil
    public init() {}

    /// The cost categories, total last (`CostBreakdown.categoryNames`).
    public static let costCategories = ["hardware", "storage", "power_cooling", "licence", "support", "admin", "space", "cloud", "total"]

    /// A category's period cost, 0 when costs were not computed.
    public func periodCost(_ category: String) -> Double {
        guard let i = Self.costCategories.firstIndex(of: category), i < costPeriodUSD.count else { return 0 }
        return costPeriodUSD[i]
    }
}
