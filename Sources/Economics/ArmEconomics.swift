import Economics
import DatacenterModel
import Engine
import SimKernel

/// Facility, storage and cost inputs of one arm, decoded from the top-level `facility`,
/// `storage` and `costs` mappings and the arm's own, which override them key by key.
public struct ArmEconomicsSpec {
    /// Facility power model; nil = no facility model (facility energy = IT energy).
    public var facility: (any FacilityPowerModel)?
    /// Hourly outside temperature from the scenario start (hour 0), for economizers.
    public var temperature: OutsideTemperatureSeries?
    /// The datastore the arm's VM disks live on; nil = storage not modelled.
    public var datastore: Datastore?
    /// How VM disks are provisioned; linked clones apply to the named groups.
    public var provisioning: DiskProvisioning = .thick
    public var linkedCloneGroups: Set<String> = []
    public var linkedClone: DiskProvisioning? = nil
    public var snapshotFraction: Double = 0
    public var swapFiles: Bool = false
    /// The storage array and network switches (`storage.array`, `network`; SharedInfrastructure.swift).
    public var infrastructure = SharedInfrastructureSpec()
    /// Cost inputs.
    public var electricity: ElectricityTariff = .default
    /// The hypervisor licence (`costs.hypervisor_licence`); nil = none priced (the profile's
    /// rule at no price).
    public var hypervisorLicence: LicenceChoice? = nil
    /// The guest OS licences (`costs.guest_os_licence`), each charged.
    public var guestOSLicences: [LicenceChoice] = []
    public var serversPerAdmin: Double? = nil
    /// Hypervisor hosts one administrator runs besides the VMs (`costs.hosts_per_admin`, > 0).
    /// Default 45: ASG's physical servers per admin (`DomainModels.md` B7) applied to the
    /// physical hosts of a virtualized arm (an assumption: B7 gives no figure for hosts).
    /// nil (`hosts_per_admin: ~`): hosts cost no administration of their own — ASG's method,
    /// which counts virtual servers only.
    public var hostsPerAdmin: Double? = AdminLabour.physicalServersPerAdmin
    /// Years of licence support paid up front with the licences (`costs.support_prepaid_years`,
    /// 0…100, default 0): that many years of support are capex, and the operating cost of
    /// those years has none (ASG's "5 years of prepaid hardware and software support").
    public var supportPrepaidYears: Double = 0
    public var adminSalaryPerYear: Double = 85_000
    public var rackPricePerYear: Double = 0
    public var serversPerRack: Int = 40
    public var amortizationYears: Double = 3
    /// The cost horizon, years (`costs.horizon_years`, > 0): `costs.csv`'s `horizon_usd` and
    /// `summary.csv`'s `tco_usd`.
    public var horizonYears: Double = 3
    /// Grid intensity and embodied devices (`carbon:`, `Carbon.swift`); nil = carbon not modelled.
    public var carbon: CarbonSpec? = nil
    public init() {}
}

/// Fills each arm's facility, storage and cost figures (`ArmResult.economics`) from its
/// simulated IT power and the scenario's economics inputs.
///
/// - Facility: each timeseries interval's mean IT power goes through the facility model at
///   the outside temperature of the interval's midpoint (hour 0 of the temperature series is
///   the scenario start); the resulting facility/IT and cooling/IT ratios scale the arm's
///   exact IT energy. A `losses` facility (`FacilityLossModel`) is rated first
///   (`resolvedFacility`: the baseline's peak IT power with `room: keep`, the arm's own with
///   `room: right-size`, unless `rated_it_kw` is given).
/// - Storage: every VM group's disks on the arm's datastore, at the end of the period.
/// - Shared infrastructure (`storage.array`, `network`; `addSharedInfrastructure`): an array
///   sized for the storage's raw GB and switches for the hosts bought draw constant power,
///   added to every arm's IT power (every interval, its mean and its energy) before any
///   facility model runs (a kept room is rated on the baseline's IT power with it); the
///   array's purchase joins storage, the switches' joins hardware.
/// - Costs (annual): servers amortized by host type; storage purchase amortized; licences
///   (`armLicenceCosts`: the hypervisor's by the named rule or the profile's, and the guest
///   OS licences, for the worst day) — a subscription per year in `licence`, a perpetual
///   licence's purchase amortized like servers in `licence` and bought up front (capex), its
///   support per year in `support`; administration by servers per admin (45 physical servers for a bare-metal arm,
///   76 VMs for a virtualized one, ASG via DomainModels.md B7, unless `servers_per_admin`
///   is given); floor space by racks. Power and cooling is the tariff applied to the facility
///   energy of the period; cloud is the cloud cluster's host-hours × its price. Period figures
///   = annual × period / year, except power and cooling and cloud.
/// - Hosts priced (`hostsBought`): hardware, licences, support, floor space and a bare-metal
///   arm's administration are priced on the hosts the arm buys, not on its whole pool.
/// - Horizon (`costs.horizon_years`, `horizonCost`): purchases once, running costs per year ×
///   the horizon's years.
/// - Prepaid support (`costs.support_prepaid_years` = N > 0): N years of licence support are
///   bought with the licences (capex) and `opex_usd_per_year` — the operating cost of the
///   prepaid years, which payback uses — has no support; horizon and period costs still
///   charge support per year (the same money, paid earlier).
/// - Payback: the arm's purchase (servers + storage) beyond the baseline's, over the monthly
///   operating saving against the baseline: 0 (immediate) where the arm buys no more than the
///   baseline, none where it saves nothing (`CostBreakdown.paybackMonths`).
/// - Administration counts OS instances: a bare-metal arm's servers; on a virtualized arm the
///   most VMs running at once (`ArmResult.vmsConcurrentMax`), plus its hosts at
///   `hosts_per_admin` each.
/// - Carbon (`carbon:`): `armCarbon` over the same facility energy intervals and hosts bought.
/// - Parameters:
///   - arms: the scenario's arms, in order; `economics[i]` are arm i's inputs.
///   - groups: the scenario's VM groups (their disks are what the datastores hold).
///   - settings: the run's duration.
///   - startHourOfDay: local hour of day (0..<24) of the scenario's `start`: it aligns hourly tariffs.
///   - clockShifts: the time zone's daylight-saving changes during the run (`LocalClock`): an
///     hourly tariff follows the local clock across them.
///   - results: each arm's simulated figures; returned with `economics` filled in.
public func computeEconomics(
    arms: [ArmConfig], groups: [VMGroup], settings: RunSettings, startHourOfDay startHour: Double,
    clockShifts: [LocalClock.Shift] = [], economics: [ArmEconomicsSpec], results: [ArmResult]
) -> [ArmResult] {
    let clock = LocalClock(startHourOfDay: startHour, shifts: clockShifts)
    var out = results
    let hours = settings.duration.hours
    // per arm: (capex, opex per year, whether it costs anything a year), for payback
    var paybackInputs: [Int: (capex: Double, opex: Double, costs: Bool)] = [:]
    let baseline = arms.firstIndex(where: \.isBaseline).flatMap { $0 < out.count ? $0 : nil }
    // Storage arrays and switches: every arm's constant IT power first, so that a room kept for
    // the baseline is rated with its switches too (SharedInfrastructure.swift).
    let shared = addSharedInfrastructure(arms: arms, groups: groups, economics: economics, hours: hours, to: &out)
    for (i, arm) in arms.enumerated() where i < out.count && i < economics.count {
        let e = economics[i]
        var fig = ArmEconomicsFigures()
        let (storage, infrastructure) = shared[i]
        fig.infrastructure = infrastructure
        // Facility energy by interval, in a room rated as `room:` says.
        let facility = resolvedFacility(e.facility, arm: out[i], baseline: baseline.map { out[$0] })
        if let m = facility as? FacilityLossModel { fig.roomRatedITPowerW = m.ratedITPowerW }
        var itJ = 0.0, facilityJ = 0.0, coolingJ = 0.0, fixedJ = 0.0
        var intervals: [EnergyInterval] = []
        var prev = 0.0
        for row in out[i].timeseries {
            let span = row.timeS - prev
            guard span > 0 else { continue }
            let mid = (prev + row.timeS) / 2 / 3600
            let temp = e.temperature?.temperatureC(atHours: mid) ?? 20
            let p =
                facility?.power(itPowerW: row.itPowerW, outsideTemperatureC: temp)
                ?? FacilityPower(itW: row.itPowerW, coolingW: 0, otherW: 0)
            itJ += row.itPowerW * span
            facilityJ += p.facilityW * span
            coolingJ += p.coolingW * span
            fixedJ += p.fixedW * span
            intervals.append(EnergyInterval(startHour: startHour + prev / 3600, kWh: p.facilityW * span / 3_600_000))
            prev = row.timeS
        }
        let it = out[i].itEnergyKWh
        let scale = itJ > 0 ? it / (itJ / 3_600_000) : 0
        fig.facilityEnergyKWh = itJ > 0 ? it * facilityJ / itJ : it
        fig.coolingEnergyKWh = itJ > 0 ? it * coolingJ / itJ : 0
        fig.facilityFixedEnergyKWh = itJ > 0 ? it * fixedJ / itJ : 0
        intervals = intervals.map { EnergyInterval(startHour: $0.startHour, kWh: $0.kWh * scale) }
        // Storage.
        var usage = StorageUsage()
        if let storage {
            usage = storage
            usage.purchaseCost += fig.infrastructure.storagePurchaseUSD  // the array's, beside price_per_gb's
            fig.storageModelled = true
            fig.storageProvisionedGB = usage.provisionedGB
            fig.storageAllocatedGB = usage.allocatedGB
            fig.storagePhysicalGB = usage.physicalGB
        }
        // Costs.
        var hardware = 0.0, capex = 0.0
        let bought = hostsBought(arm, out[i])
        for (ti, t) in arm.hostTypes.enumerated() {
            let n = bought[ti]
            guard n > 0 else { continue }
            let c = ServerCapex(pricePerServer: t.priceUSD, amortizationYears: e.amortizationYears)
            hardware += c.annualCost(servers: n)
            capex += c.purchase(servers: n)
        }
        // switches are hardware, bought and amortized like servers
        hardware += fig.infrastructure.networkPurchaseUSD / e.amortizationYears
        capex += fig.infrastructure.networkPurchaseUSD
        let serverPurchase = capex
        capex += usage.purchaseCost
        let licences = armLicenceCosts(
            arm, out[i], groups: groups, hostsBought: bought, hypervisor: e.hypervisorLicence, guestOS: e.guestOSLicences
        ).total
        let licenceAmortized = licences.capexUSD / e.amortizationYears
        capex += licences.capexUSD
        let hostsBought = bought.reduce(0, +)
        let bareMetal = arm.isBareMetal
        let perAdmin = e.serversPerAdmin ?? (bareMetal ? AdminLabour.physicalServersPerAdmin : AdminLabour.virtualServersPerAdmin)
        // OS instances: the servers of a bare-metal estate; the most VMs running at once on a
        // virtualized one (distinct VMs: no replica or burst counted twice), plus its hosts
        let managed = bareMetal ? hostsBought : out[i].vmsConcurrentMax
        let hostAdmin =
            bareMetal ? 0 : e.hostsPerAdmin.map { AdminLabour(serversPerAdmin: $0, salaryPerYear: e.adminSalaryPerYear).annualCost(servers: hostsBought) } ?? 0
        let racks = (hostsBought + e.serversPerRack - 1) / e.serversPerRack
        let years = CostCalendar.years(hours: hours)
        // an hourly tariff reads the local clock (daylight saving moves its hours); carbon and
        // the rest read elapsed hours
        let tariffIntervals =
            clock.shifts.isEmpty
            ? intervals
            : intervals.map { EnergyInterval(startHour: max(0, clock.localHours(atS: ($0.startHour - startHour) * 3600)), kWh: $0.kWh) }
        let energyCost = e.electricity.cost(of: tariffIntervals)
        var annual = CostBreakdown(
            hardware: hardware, storage: StoragePrice(amortizationYears: e.amortizationYears).annualCost(usage),
            powerCooling: years > 0 ? energyCost / years : 0, licence: licences.annualUSD + licenceAmortized,
            support: licences.supportAnnualUSD,
            admin: AdminLabour(serversPerAdmin: perAdmin, salaryPerYear: e.adminSalaryPerYear).annualCost(servers: managed) + hostAdmin,
            space: FloorSpace(pricePerRackPerYear: e.rackPricePerYear, serversPerRack: e.serversPerRack).annualCost(racks: racks))
        if !annual.powerCooling.isFinite { annual.powerCooling = 0 }
        // cloud host-hours of the period, at the arm's price
        let cloudCost = out[i].cloud.hostHours * (arm.cloud?.hostUSDPerHour ?? 0)
        annual.cloud = years > 0 ? cloudCost / years : 0
        var period = annual.scaled(by: years)
        period.powerCooling = energyCost
        period.cloud = cloudCost
        fig.costAnnualUSD = annual.values
        fig.costPeriodUSD = period.values
        var horizon = horizonCost(
            annual: annual, serverPurchase: serverPurchase, storagePurchase: usage.purchaseCost, years: e.horizonYears, lifeYears: e.amortizationYears)
        // perpetual licences bought once (no refresh: a perpetual right), subscriptions per year
        horizon.licence = licences.capexUSD + licences.annualUSD * e.horizonYears
        fig.costHorizonUSD = horizon.values
        // prepaid support: bought with the licences, none in the operating cost of those years
        let prepaidSupport = licences.supportAnnualUSD * e.supportPrepaidYears
        fig.capexUSD = capex + prepaidSupport
        // the amortized share of perpetual licences is capex, not opex
        fig.opexAnnualUSD = annual.operating - licenceAmortized - (e.supportPrepaidYears > 0 ? licences.supportAnnualUSD : 0)
        paybackInputs[i] = (fig.capexUSD, fig.opexAnnualUSD, annual.total - licenceAmortized > 0)
        fig.horizonYears = e.horizonYears
        fig.hostsBought = hostsBought
        fig.carbon = e.carbon.map {
            armCarbon($0, energy: intervals, startHourOfDay: startHour, hostTypes: arm.hostTypes, hostsBought: bought, hours: hours)
        }
        out[i].economics = fig
    }
    if let b = arms.firstIndex(where: \.isBaseline), let base = paybackInputs[b] {
        for i in out.indices where i != b {
            guard let a = paybackInputs[i], a.costs || base.costs else { continue }
            // the purchase beyond the baseline's own (which buys too: a refresh of the estate)
            out[i].economics.paybackMonths = CostBreakdown.paybackMonths(
                extraCapex: a.capex - base.capex, monthlySaving: (base.opex - a.opex) / CostCalendar.monthsPerYear)
        }
    }
    return out
}

/// The facility model an arm runs with: a `FacilityLossModel` without a rating is rated at
/// the baseline's peak IT power (`room: keep`, the room as it stands) or at the arm's own
/// (`room: right-size`, and the baseline itself); other models as they are. The peak is the
/// highest interval-mean IT power of the time series (the facility model's input), 1 µW at least.
func resolvedFacility(_ model: (any FacilityPowerModel)?, arm: ArmResult, baseline: ArmResult?) -> (any FacilityPowerModel)? {
    guard let m = model as? FacilityLossModel, m.ratedITPowerW == nil else { return model }
    let room = m.room == .keep ? (baseline ?? arm) : arm
    let peak = room.timeseries.map(\.itPowerW).max() ?? room.itPowerMeanW
    return m.resolved(ratedITPowerW: max(peak, 1e-6))
}

/// The hosts an arm buys, per host type (index into `arm.hostTypes`).
///
/// - `arm.buysWholePool` (baseline, idle hosts kept on, dedicated placement): every host of
///   the pool — all of them run, or they are the estate as it stands.
/// - Otherwise, per type, min(pool, the type's peak of hosts holding VMs,
///   `ArmResult.hostsUsedMaxByType`), then the HA reserve's hosts (`arm.haReserveHosts`, arm key `ha:`) more, given to the largest
///   types first (CPU capacity, then RAM, then type order), each up to its pool. A fixed
///   `count` larger than needed is a pool to choose from: its unused hosts are not bought
///   (their off power stays in the simulated energy). With one host type this is
///   min(pool, hosts_used_max + HA spares); with several, each type's own peak counts, so a
///   planner owns enough of each even if the types peak at different instants.
/// - A result without per-type peaks (made by hand) buys the whole pool.
public func hostsBought(_ arm: ArmConfig, _ result: ArmResult) -> [Int] {
    var pool = [Int](repeating: 0, count: arm.hostTypes.count)
    for slot in arm.hosts { pool[slot.typeIndex] += 1 }
    guard !arm.buysWholePool, result.hostsUsedMaxByType.count == pool.count else { return pool }
    var bought = zip(pool, result.hostsUsedMaxByType).map { min($0, $1) }
    var spares = arm.haReserveHosts
    let largestFirst = arm.hostTypes.indices.sorted { a, b in
        let ta = arm.hostTypes[a], tb = arm.hostTypes[b]
        if ta.cpuCapacityMips != tb.cpuCapacityMips { return ta.cpuCapacityMips > tb.cpuCapacityMips }
        if ta.ramMiB != tb.ramMiB { return ta.ramMiB > tb.ramMiB }
        return a < b
    }
    for t in largestFirst where spares > 0 {
        let add = min(spares, pool[t] - bought[t])
        bought[t] += add
        spares -= add
    }
    return bought
}

/// Costs over a horizon of `years` years, USD, split as a planner's capex and opex:
/// - capex — servers and storage — bought at the start and again at the end of each life of
///   `lifeYears` (`costs.amortization_years`) that ends within the horizon: ⌈years /
///   lifeYears⌉ purchases (3 years at a 3-year life: one; 5 years: two); no residual value;
/// - opex — power and cooling (the simulated period's scaled to a year), licences, support,
///   administration, floor space, cloud — per year × `years`. Licences are priced per unit
///   per year. `computeEconomics` then sets `licence` to the perpetual licences' purchase once
///   plus the subscriptions per year × `years` (`armLicenceCosts`).
public func horizonCost(annual: CostBreakdown, serverPurchase: Double, storagePurchase: Double, years: Double, lifeYears: Double) -> CostBreakdown {
    var h = annual.scaled(by: years)
    let purchases = lifeYears > 0 ? max(1, (years / lifeYears - 1e-9).rounded(.up)) : 1
    h.hardware = serverPurchase * purchases
    h.storage = storagePurchase * purchases
    return h
}
