/// What an arm used over a simulated period, as the TCO model needs it.
///
/// Units: hours, kWh, GB (10^9 bytes), currency units.
public struct TCOUsage: Sendable, Equatable {
    /// Length of the simulated period, hours, > 0.
    public var periodHours: Double
    /// Physical servers (hosts) owned, ≥ 0.
    public var servers: Int
    /// CPU sockets per server, ≥ 1.
    public var socketsPerServer: Int
    /// Cores per socket, ≥ 1.
    public var coresPerSocket: Int
    /// Hosts that run the hypervisor (licensed), ≥ 0 (0 on a bare-metal arm).
    public var licensedHosts: Int
    /// OS instances the admins run: physical servers (bare metal) or VMs (virtualized).
    public var managedServers: Int
    /// Racks occupied, ≥ 0.
    public var racks: Int
    /// Storage of the arm (its purchase cost at the tier prices is amortized).
    public var storage: StorageUsage
    /// Facility energy over the period (IT + cooling + other), as (start hour, kWh) points.
    public var facilityEnergy: [EnergyInterval]

    /// The usage of one arm; see the fields.
    public init(
        periodHours: Double, servers: Int, socketsPerServer: Int, coresPerSocket: Int, licensedHosts: Int,
        managedServers: Int, racks: Int, storage: StorageUsage = StorageUsage(), facilityEnergy: [EnergyInterval]
    ) {
        self.periodHours = periodHours; self.servers = servers; self.socketsPerServer = socketsPerServer
        self.coresPerSocket = coresPerSocket; self.licensedHosts = licensedHosts; self.managedServers = managedServers
        self.racks = racks; self.storage = storage; self.facilityEnergy = facilityEnergy
    }

    /// Nil if valid, else the first problem, naming the field.
    public static func check(_ u: TCOUsage) -> String? {
        if !(u.periodHours > 0 && u.periodHours.isFinite) { return "periodHours: expected finite hours > 0, found \(u.periodHours)" }
        if u.servers < 0 { return "servers: expected >= 0, found \(u.servers)" }
        if u.socketsPerServer < 1 { return "socketsPerServer: expected >= 1, found \(u.socketsPerServer)" }
        if u.coresPerSocket < 1 { return "coresPerSocket: expected >= 1, found \(u.coresPerSocket)" }
        if u.licensedHosts < 0 { return "licensedHosts: expected >= 0, found \(u.licensedHosts)" }
        if u.managedServers < 0 { return "managedServers: expected >= 0, found \(u.managedServers)" }
        if u.racks < 0 { return "racks: expected >= 0, found \(u.racks)" }
        return EnergyInterval.check(u.facilityEnergy)
    }
}

/// Total cost of ownership of one arm: the cost models of `Cost/` applied to a `TCOUsage`.
///
/// Per year (B7's "minimal scenario-level formula", `DomainModels.md`):
/// hardware = servers × price / years; storage = purchase value / years; power_cooling =
/// facility kWh × tariff, annualized by 8,766 / periodHours; licence and support by rule;
/// admin = managedServers / serversPerAdmin × salary; space = racks × $/rack-yr. The period's
/// costs are the annual rates × periodHours / 8,766, except power_cooling, which is the
/// period's metered cost. In both, total = the sum of the categories.
public struct TCOModel: Sendable, Equatable {
    /// Server purchase price and amortization.
    public var serverCapex: ServerCapex
    /// Storage amortization.
    public var storagePrice: StoragePrice
    /// Electricity price (flat or time-of-use; default $0.10/kWh, B7).
    public var electricity: ElectricityTariff
    /// Hypervisor licence rule, price and support.
    public var licensing: HypervisorLicensing
    /// Administration labour ratio and salary.
    public var admin: AdminLabour
    /// Floor space price and rack density.
    public var space: FloorSpace

    /// A TCO model from its parts.
    public init(
        serverCapex: ServerCapex, storagePrice: StoragePrice = StoragePrice(),
        electricity: ElectricityTariff = .default, licensing: HypervisorLicensing,
        admin: AdminLabour, space: FloorSpace
    ) {
        self.serverCapex = serverCapex; self.storagePrice = storagePrice; self.electricity = electricity
        self.licensing = licensing; self.admin = admin; self.space = space
    }

    /// Costs over the simulated period and per year.
    /// - Precondition: `TCOUsage.check(usage)` passes.
    public func costs(_ usage: TCOUsage) -> (period: CostBreakdown, annual: CostBreakdown) {
        let periodYears = CostCalendar.years(hours: usage.periodHours)
        let energyCost = electricity.cost(of: usage.facilityEnergy)
        let annual = CostBreakdown(
            hardware: serverCapex.annualCost(servers: usage.servers),
            storage: storagePrice.annualCost(usage.storage),
            powerCooling: energyCost / periodYears,
            licence: licensing.annualLicence(
                hosts: usage.licensedHosts, socketsPerHost: usage.socketsPerServer,
                coresPerSocket: usage.coresPerSocket),
            support: licensing.annualSupport(
                hosts: usage.licensedHosts, socketsPerHost: usage.socketsPerServer,
                coresPerSocket: usage.coresPerSocket),
            admin: admin.annualCost(servers: usage.managedServers),
            space: space.annualCost(racks: usage.racks))
        var period = annual.scaled(by: periodYears)
        period.powerCooling = energyCost
        return (period, annual)
    }
}
