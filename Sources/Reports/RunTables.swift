import Engine

/// The columns of `summary.csv`: one row per arm.
public let summaryTable = CSVTable<ArmResult>([
    .init("arm") { .text($0.arm) },
    .init("baseline") { .int($0.isBaseline ? 1 : 0) },
    .init("hosts_total") { .int($0.hostsTotal) },
    .init("hosts_used_max") { .int($0.hostsUsedMax) },
    .init("hosts_bought") { .int($0.economics.hostsBought) },
    .init("hosts_on_mean") { num($0.hostsOnMean) },
    .init("vms") { .int($0.vms) },
    .init("vms_unplaced") { .int($0.vmsUnplaced) },
    .init("sim_hours") { num($0.simHours) },
    .init("it_energy_kwh") { num($0.itEnergyKWh) },
    .init("it_power_mean_w") { num($0.itPowerMeanW) },
    .init("cpu_util_mean_pct") { num($0.cpuUtilMeanPct) },
    .init("cpu_util_p95_pct") { optionalNum($0.cpuUtilPercentilePct(95)) },
    .init("cpu_freq_mean_pct") { num($0.cpuFreqMeanPct) },
    .init("cpu_demand_unmet_pct") { num($0.cpuDemandUnmetPct) },
    .init("migrations") { .int($0.migrations) },
    .init("migration_traffic_gb") { num($0.migrationTrafficGB) },
    .init("migration_downtime_s") { num($0.migrationDowntimeS) },
    .init("migration_energy_kwh") { num($0.migrationEnergyKWh) },
    .init("host_boots") { .int($0.hostBoots) },
    .init("host_shutdowns") { .int($0.hostShutdowns) },
    .init("slatah_pct") { num($0.slatahPct) },
    .init("pdm_pct") { num($0.pdmPct) },
    .init("slav") { .double($0.slav, decimals: 12) },
    .init("esv") { .double($0.esv, decimals: 12) },
    .init("overall_sla_violation_pct") { num($0.overallSlaViolationPct) },
    .init("vms_dropped") { .int($0.vmsDropped) },
    .init("mem_shared_gib_mean") { num($0.memory.sharedGiBMean) },
    .init("mem_ballooned_gib_mean") { num($0.memory.balloonedGiBMean) },
    .init("mem_compressed_gib_mean") { num($0.memory.compressedGiBMean) },
    .init("mem_swapped_gib_mean") { num($0.memory.swappedGiBMean) },
    .init("mem_reclaimed_gib_max") { num($0.memory.reclaimedGiBMax) },
    .init("mem_shortfall_gib_max") { num($0.memory.shortfallGiBMax) },
    .init("mem_compress_swap_time_pct") { num($0.memory.compressSwapTimePct) },
    .init("mem_perf_loss_pct") { num($0.memory.perfLossPct) },
    .init("svc_requests") { .int($0.servicesAll.requests) },
    .init("svc_latency_mean_s") { num($0.servicesAll.latencyMeanS) },
    .init("svc_latency_p95_s") { num($0.servicesAll.latencyP95S) },
    .init("svc_latency_p99_s") { num($0.servicesAll.latencyP99S) },
    .init("svc_latency_max_s") { num($0.servicesAll.latencyMaxS) },
    .init("svc_replica_hours") { num($0.servicesAll.replicaHours) },
    .init("svc_cold_starts") { .int($0.servicesAll.coldStarts) },
    .init("cloud_vms_burst") { .int($0.cloud.vmsBurst) },
    .init("cloud_host_hours") { num($0.cloud.hostHours) },
    .init("cloud_hosts_max") { .int($0.cloud.hostsMax) },
    .init("cloud_vm_wait_hours") { num($0.cloud.vmWaitHours) },
    .init("cooling_energy_kwh") { num($0.economics.coolingEnergyKWh) },
    .init("facility_energy_kwh") { num($0.economics.facilityEnergyKWh) },
    .init("facility_fixed_kwh") { num($0.economics.facilityFixedEnergyKWh) },
    .init("pue") { $0.itEnergyKWh > 0 && $0.economics.facilityEnergyKWh > 0 ? num($0.economics.facilityEnergyKWh / $0.itEnergyKWh) : .text("") },
    .init("room_rated_it_kw") { optionalNum($0.economics.roomRatedITPowerW.map { $0 / 1000 }) },
    .init("storage_provisioned_gb") { num($0.economics.storageProvisionedGB) },
    .init("storage_allocated_gb") { num($0.economics.storageAllocatedGB) },
    .init("storage_physical_gb") { num($0.economics.storagePhysicalGB) },
    .init("total_cost_usd") { .double($0.economics.periodCost("total"), decimals: 2) },
    .init("capex_usd") { .double($0.economics.capexUSD, decimals: 2) },
    .init("opex_usd_per_year") { .double($0.economics.opexAnnualUSD, decimals: 2) },
    .init("tco_usd") { .double($0.economics.horizonCost("total"), decimals: 2) },
    .init("payback_months") { $0.economics.paybackMonths.map { .double($0, decimals: 2) } ?? .text("") },
    .init("kgco2e_location") { optionalNum($0.economics.carbon?.locationKgCO2e) },
    .init("kgco2e_market") { optionalNum($0.economics.carbon?.marketKgCO2e) },
    .init("kgco2e_embodied") { optionalNum($0.economics.carbon?.embodiedKgCO2e) },
    .init("ha_reserve_hosts") { $0.sizing.map { .int($0.reserveHosts) } ?? .text("") },
    .init("sizing_binding") { .text($0.sizing?.binding.joined(separator: "+") ?? "") },
    .init("sizing_runs") { $0.sizing.map { .int($0.runs) } ?? .text("") },
    // shared infrastructure (storage.array, network): empty where not modelled
    .init("storage_array_power_w") { optionalNum($0.economics.infrastructure.storageArray?.powerW) },
    .init("storage_array_energy_kwh") { r in optionalNum(r.economics.infrastructure.storageArray.map { $0.powerW * r.simHours / 1000 }) },
    .init("storage_array_controllers") { optionalInt($0.economics.infrastructure.storageArray?.controllers) },
    .init("storage_array_shelves") { optionalInt($0.economics.infrastructure.storageArray?.shelves) },
    .init("storage_array_drives") { optionalInt($0.economics.infrastructure.storageArray?.drives) },
    .init("network_power_w") { optionalNum($0.economics.infrastructure.network?.powerW) },
    .init("network_energy_kwh") { r in optionalNum(r.economics.infrastructure.network.map { $0.powerW * r.simHours / 1000 }) },
    .init("network_switches") { optionalInt($0.economics.infrastructure.network?.switches) },
    .init("network_ports") { optionalInt($0.economics.infrastructure.network?.ports) },
    .init("cpu_ready_mean_pct") { num($0.cpuReady.meanPct) },
    .init("cpu_ready_p95_pct") { optionalNum($0.cpuReady.p95Pct) },
    .init("cpu_perf_loss_pct") { num($0.cpuReady.perfLossPct) }
])

/// An integer, or empty when absent.
func optionalInt(_ x: Int?) -> CSVField { x.map { .int($0) } ?? .text("") }

/// One row of `costs.csv`: an arm's cost in one category.
public struct CostLine: Sendable {
    public let arm: String
    public let category: String
    public let periodUSD: Double
    public let annualUSD: Double
    /// Over the cost horizon (`costs.horizon_years`).
    public let horizonUSD: Double
}

/// The columns of `costs.csv`: one row per arm and category (total last), for the simulated
/// period, annualized, and over the cost horizon (`horizon_usd`: purchases once, running
/// costs × `horizon_years`).
public let costsTable = CSVTable<CostLine>([
    .init("arm") { .text($0.arm) },
    .init("category") { .text($0.category) },
    .init("period_usd") { .double($0.periodUSD, decimals: 2) },
    .init("annual_usd") { .double($0.annualUSD, decimals: 2) },
    .init("horizon_usd") { .double($0.horizonUSD, decimals: 2) }
])

/// Cost lines of every arm, arm order then category order.
public func costLines(_ results: [ArmResult]) -> [CostLine] {
    results.flatMap { r in
        ArmEconomicsFigures.costCategories.enumerated().compactMap { i, c in
            i < r.economics.costPeriodUSD.count
                ? CostLine(
                    arm: r.arm, category: c, periodUSD: r.economics.costPeriodUSD[i], annualUSD: r.economics.costAnnualUSD[i],
                    horizonUSD: r.economics.horizonCost(c)) : nil
        }
    }
}

/// One row of `timeseries.csv`: an arm's sample.
public struct TimeseriesLine { public let arm: String; public let row: TimeseriesRow }

/// The columns of `timeseries.csv`: one row per arm and sampling instant.
public let timeseriesTable = CSVTable<TimeseriesLine>([
    .init("arm") { .text($0.arm) },
    .init("time_s") { num($0.row.timeS) },
    .init("hosts_on") { .int($0.row.hostsOn) },
    .init("vms_running") { .int($0.row.vmsRunning) },
    .init("it_power_w") { num($0.row.itPowerW) },
    .init("cpu_util_mean_pct") { num($0.row.cpuUtilMeanPct) }
])

/// One row of `hosts.csv`.
public struct HostLine { public let arm: String; public let row: HostRow }

/// The columns of `hosts.csv`: one row per arm and host, by host id.
public let hostsTable = CSVTable<HostLine>([
    .init("arm") { .text($0.arm) },
    .init("host_id") { .int($0.row.hostId) },
    .init("cluster") { .text($0.row.cluster) },
    .init("rack") { .text($0.row.rack) },
    .init("host_type") { .text($0.row.hostType) },
    .init("energy_kwh") { num($0.row.energyKWh) },
    .init("cpu_util_mean_pct") { num($0.row.cpuUtilMeanPct) },
    .init("hours_on") { num($0.row.hoursOn) },
    .init("boots") { .int($0.row.boots) },
    .init("cpu_util_p95_pct") { optionalNum($0.row.cpuUtilP95Pct) },
    .init("cpu_util_max_pct") { optionalNum($0.row.cpuUtilMaxPct) },
    .init("mem_reserved_max_pct") { num($0.row.memReservedMaxPct) },
    .init("cpu_ready_mean_pct") { optionalNum($0.row.cpuReadyMeanPct) },
    .init("cpu_ready_p95_pct") { optionalNum($0.row.cpuReadyP95Pct) }
])

/// One row of `savings.csv`: a non-baseline arm against the baseline in one category.
public struct SavingsLine: Sendable, Equatable {
    public let arm: String
    public let category: String
    public let unit: String
    public let baseline: Double
    public let value: Double
    /// Why the saving is not a valid comparison, empty when it is: the baseline lost VMs
    /// (`baselineLostVMs`), or the category is modelled on one side only (storage).
    public var note: String = ""
    /// Whether both figures measure the same thing; false for a storage category of an arm
    /// without a storage model against a baseline with one (the saving is then empty).
    public var comparable: Bool = true
    /// Whether the saving may be read as one: comparable, and the baseline ran every VM the arm
    /// ran (`valid` column, 1/0).
    public var valid: Bool { note.isEmpty }
    /// baseline − value; nil when not comparable.
    public var saving: Double? { comparable ? baseline - value : nil }
    /// 100 · saving / baseline; nil when not comparable or the baseline is 0 (no percentage of 0).
    public var savingPct: Double? { comparable && baseline != 0 ? 100 * (baseline - value) / baseline : nil }
}

/// The columns of `savings.csv`; `saving` and `saving_pct` are empty where they cannot be
/// computed, `valid` is 0 (with the reason in `note`) where the comparison is not sound.
public let savingsTable = CSVTable<SavingsLine>([
    .init("arm") { .text($0.arm) },
    .init("category") { .text($0.category) },
    .init("unit") { .text($0.unit) },
    .init("baseline") { num($0.baseline) },
    .init("value") { num($0.value) },
    .init("saving") { optionalNum($0.saving) },
    .init("saving_pct") { optionalNum($0.savingPct) },
    .init("valid") { .int($0.valid ? 1 : 0) },
    .init("note") { .text($0.note) }
])

/// Why savings of `arm` against `baseline` are not valid, or nil when they are: the baseline
/// left VMs unplaced, or ran fewer VMs than the arm (VMs placed = `vms − vms_unplaced`), so it
/// did less work and a saving against it would be overstated or understated.
public func baselineLostVMs(baseline: ArmResult, arm: ArmResult) -> String? {
    let basePlaced = baseline.vms - baseline.vmsUnplaced, armPlaced = arm.vms - arm.vmsUnplaced
    if baseline.vmsUnplaced > 0 {
        return "baseline \(baseline.arm) left \(baseline.vmsUnplaced) VM(s) unplaced"
    }
    if basePlaced < armPlaced { return "baseline \(baseline.arm) ran \(basePlaced) VMs, \(arm.arm) \(armPlaced)" }
    return nil
}

/// The savings categories: name, unit and how to read the figure from an arm's result.
public struct SavingsCategory: Sendable {
    public let category: String
    public let unit: String
    public let value: @Sendable (ArmResult) -> Double
    /// A storage figure: comparable only when both arms model storage.
    public var storage = false
    /// A carbon figure: listed when either arm models carbon (`carbon:`), comparable when both do.
    public var carbon = false
}

/// The categories, in output order.
public let savingsCategories: [SavingsCategory] = [
    .init(category: "hosts", unit: "hosts", value: { Double($0.hostsUsedMax) }),
    .init(category: "it_energy", unit: "kWh", value: { $0.itEnergyKWh }),
    .init(category: "it_power_mean", unit: "W", value: { $0.itPowerMeanW }),
    .init(category: "cooling_energy", unit: "kWh", value: { $0.economics.coolingEnergyKWh }),
    .init(category: "facility_energy", unit: "kWh", value: { $0.economics.facilityEnergyKWh }),
    .init(category: "storage_physical", unit: "GB", value: { $0.economics.storagePhysicalGB }, storage: true),
    .init(category: "storage_cost", unit: "USD", value: { $0.economics.periodCost("storage") }, storage: true),
    .init(category: "power_cooling_cost", unit: "USD", value: { $0.economics.periodCost("power_cooling") }),
    .init(category: "licence_cost", unit: "USD", value: { $0.economics.periodCost("licence") + $0.economics.periodCost("support") }),
    .init(category: "hardware_cost", unit: "USD", value: { $0.economics.periodCost("hardware") }),
    .init(category: "admin_cost", unit: "USD", value: { $0.economics.periodCost("admin") }),
    .init(category: "space_cost", unit: "USD", value: { $0.economics.periodCost("space") }),
    .init(category: "cloud_cost", unit: "USD", value: { $0.economics.periodCost("cloud") }),
    .init(category: "total_cost", unit: "USD", value: { $0.economics.periodCost("total") }),
    .init(category: "carbon", unit: "kgCO2e", value: { carbonKg($0, market: false) }, carbon: true),
    .init(category: "carbon_market", unit: "kgCO2e", value: { carbonKg($0, market: true) }, carbon: true)
]

/// An arm's carbon over the simulated period, kgCO2e: operational (location- or market-based)
/// plus embodied; 0 without carbon inputs.
public func carbonKg(_ r: ArmResult, market: Bool) -> Double {
    guard let c = r.economics.carbon else { return 0 }
    return (market ? c.marketKgCO2e : c.locationKgCO2e) + c.embodiedKgCO2e
}

/// Savings of every non-baseline arm against the baseline, arm order then category order.
/// Empty when no arm is a baseline. Every line of an arm is flagged (`note`) when the baseline
/// lost VMs (`baselineLostVMs`); a storage line is not comparable when only one of the two
/// arms models storage. Carbon lines (`carbon`: location-based + embodied, `carbon_market`:
/// market-based + embodied, kgCO2e) appear when either arm models carbon, comparable when both do.
public func savings(_ results: [ArmResult]) -> [SavingsLine] {
    guard let base = results.first(where: \.isBaseline) else { return [] }
    var lines: [SavingsLine] = []
    for r in results where !r.isBaseline {
        let lost = baselineLostVMs(baseline: base, arm: r)
        let carbonIn = (base: base.economics.carbon != nil, arm: r.economics.carbon != nil)
        for c in savingsCategories {
            if c.carbon && !carbonIn.base && !carbonIn.arm { continue }
            var l = SavingsLine(arm: r.arm, category: c.category, unit: c.unit, baseline: c.value(base), value: c.value(r))
            if c.storage && base.economics.storageModelled != r.economics.storageModelled {
                l.comparable = false
                l.note = "storage is modelled in \(base.economics.storageModelled ? base.arm : r.arm) only"
            }
            if c.carbon && carbonIn.base != carbonIn.arm {
                l.comparable = false
                l.note = "carbon is modelled in \(carbonIn.base ? base.arm : r.arm) only"
            }
            if let lost { l.note = l.note.isEmpty ? lost : lost + "; " + l.note }
            lines.append(l)
        }
    }
    return lines
}

/// One row of `services.csv`: a service in one arm.
public struct ServiceLine { public let arm: String; public let figures: ServiceFigures }

/// The columns of `services.csv`: one row per arm and service (scenarios with `services`).
public let servicesTable = CSVTable<ServiceLine>([
    .init("arm") { .text($0.arm) },
    .init("service") { .text($0.figures.service) },
    .init("scaling") { .text($0.figures.scaling) },
    .init("requests") { .int($0.figures.requests) },
    .init("served") { .int($0.figures.served) },
    .init("waiting_at_end") { .int($0.figures.waitingAtEnd) },
    .init("latency_mean_s") { latency($0.figures, $0.figures.latencyMeanS) },
    .init("latency_p50_s") { latency($0.figures, $0.figures.latencyP50S) },
    .init("latency_p95_s") { latency($0.figures, $0.figures.latencyP95S) },
    .init("latency_p99_s") { latency($0.figures, $0.figures.latencyP99S) },
    .init("latency_p999_s") { latency($0.figures, $0.figures.latencyP999S) },
    .init("latency_max_s") { latency($0.figures, $0.figures.latencyMaxS) },
    .init("replica_hours") { num($0.figures.replicaHours) },
    .init("replicas_max") { .int($0.figures.replicasMax) },
    .init("replica_starts") { .int($0.figures.replicaStarts) },
    .init("replica_stops") { .int($0.figures.replicaStops) },
    .init("cold_starts") { .int($0.figures.coldStarts) },
    .init("replicas_short_max") { .int($0.figures.replicasShortMax) }
])

/// A latency figure, or an empty field when no request was served (not a perfect 0).
func latency(_ f: ServiceFigures, _ v: Double) -> CSVField { f.served > 0 ? num(v) : .text("") }

/// One row of `services_timeseries.csv`.
public struct ServiceSampleLine { public let arm: String; public let service: String; public let sample: ServiceSample }

/// The columns of `services_timeseries.csv`: one row per arm, sampling instant and service.
public let servicesTimeseriesTable = CSVTable<ServiceSampleLine>([
    .init("arm") { .text($0.arm) },
    .init("service") { .text($0.service) },
    .init("time_s") { num($0.sample.timeS) },
    .init("replicas") { .int($0.sample.replicas) },
    .init("replicas_ready") { .int($0.sample.replicasReady) },
    .init("queue_length") { .int($0.sample.queueLength) }
])

/// One row of `failures.csv`: an arm's host failures and HA restarts.
public struct FailureLine { public let arm: String; public let figures: FailureFigures }

/// The columns of `failures.csv` (written when some arm has `failures:`; <doc:HostFailures>):
/// one row per arm with failures configured.
public let failuresTable = CSVTable<FailureLine>([
    .init("arm") { .text($0.arm) },
    .init("host_failures") { .int($0.figures.hostFailures) },
    .init("vm_failures") { .int($0.figures.vmFailures) },
    .init("vm_restarts") { .int($0.figures.vmRestarts) },
    .init("vm_downtime_h") { num($0.figures.vmDowntimeH) },
    .init("vms_not_restarted") { .int($0.figures.vmsNotRestarted) },
    .init("ha_wait_vm_h") { num($0.figures.haWaitVMH) },
    .init("ha_short_vcpus_max") { .int($0.figures.haShortVcpusMax) },
    .init("ha_short_ram_gib_max") { num($0.figures.haShortRAMGiBMax) }
])

/// Writes summary.csv, timeseries.csv, hosts.csv, costs.csv, (with a baseline) savings.csv and
/// (with services) services.csv and services_timeseries.csv and (with host failures) failures.csv into `directory` (which must exist). Rows: arms in scenario order; samples by time; hosts by id.
public func writeRunTables(_ results: [ArmResult], to directory: String) throws {
    try summaryTable.write(results, to: directory + "/summary.csv")
    try timeseriesTable.write(
        results.flatMap { r in r.timeseries.map { TimeseriesLine(arm: r.arm, row: $0) } },
        to: directory + "/timeseries.csv")
    try hostsTable.write(
        results.flatMap { r in r.hosts.map { HostLine(arm: r.arm, row: $0) } },
        to: directory + "/hosts.csv")
    let s = savings(results)
    if !s.isEmpty { try savingsTable.write(s, to: directory + "/savings.csv") }
    try costsTable.write(costLines(results), to: directory + "/costs.csv")
    if results.contains(where: { !$0.services.isEmpty }) {
        try servicesTable.write(
            results.flatMap { r in r.services.map { ServiceLine(arm: r.arm, figures: $0) } },
            to: directory + "/services.csv")
        try servicesTimeseriesTable.write(
            results.flatMap { r in
                r.serviceSamples.map {
                    ServiceSampleLine(arm: r.arm, service: r.services[$0.service].service, sample: $0)
                }
            }, to: directory + "/services_timeseries.csv")
    }
    if results.contains(where: { $0.failures != nil }) {
        try failuresTable.write(
            results.compactMap { r in r.failures.map { FailureLine(arm: r.arm, figures: $0) } }, to: directory + "/failures.csv")
    }
}
