import Engine

/// What the report's heading says about the run (the Reports module does not know scenarios).
public struct ReportHeader: Sendable {
    /// The scenario's `name`.
    public var scenarioName: String
    /// The scenario file as given on the command line.
    public var scenarioFile: String
    public var seed: UInt64
    /// Simulated time, h.
    public var simulatedHours: Double
    /// virtsim's version.
    public var version: String
    /// Assumptions the scenario's decode made (defaults of an inventory import), shown under
    /// the title; empty for most scenarios (nothing is shown).
    public var assumptions: [String] = []
    /// The scenario's start and time zone, for clock-time axes; nil: hours since the start.
    public var clock: ClockAxis? = nil
    public init(scenarioName: String, scenarioFile: String, seed: UInt64, simulatedHours: Double, version: String) {
        self.scenarioName = scenarioName; self.scenarioFile = scenarioFile; self.seed = seed
        self.simulatedHours = simulatedHours; self.version = version
    }
}

/// One cost category's part in an arm's total-cost saving against the baseline.
public struct SavingSource: Sendable, Equatable {
    public let category: String
    /// Over the simulated period, USD.
    public let baselineUSD: Double
    public let armUSD: Double
    /// baselineUSD − armUSD.
    public var savingUSD: Double { baselineUSD - armUSD }
}

/// Where an arm's total-cost saving comes from: one line per cost category but `total`
/// (hardware, storage, power_cooling, licence, support, admin, space, cloud), in that order.
/// The savings add up to the total's saving (the total is the sum of the categories).
public func savingSources(arm: ArmResult, baseline: ArmResult) -> [SavingSource] {
    ArmEconomicsFigures.costCategories.filter { $0 != "total" }.map {
        SavingSource(category: $0, baselineUSD: baseline.economics.periodCost($0), armUSD: arm.economics.periodCost($0))
    }
}

/// An arm's performance cost, printed next to its savings (console and report): its pooled
/// CPU ready p95 and the share of CPU work delayed or not served (`cpu_ready_p95_pct`,
/// `cpu_perf_loss_pct`; `CPUContention.md`), e.g. "ready p95 0.1%, perf loss 0.1%".
public func performanceCost(_ r: ArmResult) -> String {
    "ready p95 " + (r.cpuReady.p95Pct.map { formatFixed($0, decimals: 1) } ?? "-") + "%, perf loss "
        + formatFixed(r.cpuReady.perfLossPct, decimals: 1) + "%"
}

/// The headline of where an arm's saving comes from: "Total cost falls by 12,345.67 USD
/// (40.1%) over the simulated period." (or rises, or is the same).
public func savingSentence(arm: ArmResult, baseline: ArmResult) -> String {
    let total = baseline.economics.periodCost("total") - arm.economics.periodCost("total")
    let base = baseline.economics.periodCost("total")
    guard total != 0 else { return "Total cost is the same as the baseline's." }
    let pct = base != 0 ? " (" + formatGrouped(100 * abs(total) / base, decimals: 1) + "%)" : ""
    return "Total cost " + (total > 0 ? "falls" : "rises") + " by " + formatGrouped(abs(total), decimals: 2) + " USD" + pct
        + " over the simulated period."
}

/// One plain sentence per cost category that changed, largest change first: "Administration:
/// 5,327.19 USD less than the baseline (−36.8%)." or "Licences: 1,286.05 USD more (the
/// baseline paid none)." — what a slide says instead of shares of a net change.
public func savingLines(arm: ArmResult, baseline: ArmResult) -> [String] {
    savingSources(arm: arm, baseline: baseline).filter { $0.savingUSD != 0 }
        .sorted { abs($0.savingUSD) != abs($1.savingUSD) ? abs($0.savingUSD) > abs($1.savingUSD) : $0.category < $1.category }
        .map { s in
            let amount = formatGrouped(abs(s.savingUSD), decimals: 2) + " USD " + (s.savingUSD > 0 ? "less" : "more")
            let pct =
                s.baselineUSD != 0
                ? " than the baseline (" + (s.savingUSD > 0 ? "−" : "+") + formatGrouped(100 * abs(s.savingUSD) / s.baselineUSD, decimals: 1) + "%)"
                : " (the baseline paid none)"
            return reportLabel(s.category) + ": " + amount + pct + "."
        }
}

/// The stylesheet of the report.
let reportCSS = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:980px;color:#222;padding:0 12px}
    h1{font-size:1.5em;margin-bottom:4px}h2{font-size:1.2em;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
    table{border-collapse:collapse;font-size:13px;margin:8px 0}th,td{padding:3px 8px;border-bottom:1px solid #eee}
    th{text-align:left;background:#f6f6f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
    p.meta{color:#555;margin-top:0}p.note{color:#555;font-size:13px}
    p.warning{background:#fff3cd;border:1px solid #e0b000;padding:6px 10px}
    svg{display:block;margin:8px 0}svg .title{font-size:14px;font-weight:600}svg .tick,svg .legend,svg .value{font-size:12px;fill:#333}
    svg .label{font-size:12px;fill:#555}svg .grid{stroke:#e6e6e6}svg .axis{stroke:#666}
    """

/// A table row of cells; `numeric` cells are right-aligned.
private func row(_ cells: [(String, Bool)], header: Bool = false) -> String {
    let tag = header ? "th" : "td"
    return "<tr>" + cells.map { "<\(tag)\($0.1 && !header ? " class=\"n\"" : "")>\(escapeXML($0.0))</\(tag)>" }.joined() + "</tr>\n"
}

private func f(_ v: Double, _ d: Int = 2) -> (String, Bool) { (formatGrouped(v, decimals: d), true) }
private func i(_ v: Int) -> (String, Bool) { (formatGroupedInt(v), true) }
private func t(_ s: String) -> (String, Bool) { (s, false) }

/// A line chart of one timeseries column per arm over time, arm k in colour k, on a clock
/// axis when the header has one.
///
/// A baseline more than `offScaleRatio` times above every other arm (400 physical servers
/// against 7 hosts) would flatten them to the axis; it then gets a small chart of its own
/// above theirs, on the same time axis (small multiples: each panel keeps a linear axis its
/// values can be read on, where a log axis would hide the consolidated arms' 6-or-7 hosts and
/// a broken axis the baseline's own changes).
func timeChart(
    _ results: [ArmResult], title: String, yLabel: String, clock: ClockAxis?,
    value: (TimeseriesRow) -> Double
) -> String {
    let offScaleRatio = 4.0
    var series = results.enumerated().map { k, r in
        LineSeries(name: r.arm, xs: r.timeseries.map { $0.timeS / 3600 }, ys: r.timeseries.map(value), color: k)
    }
    let xLabel = clock.map { "time (\($0.zoneName))" } ?? "time (h)"
    if let b = results.firstIndex(where: \.isBaseline), series.count > 1 {
        let baseMax = series[b].ys.max() ?? 0
        let othersMax = series.indices.filter { $0 != b }.compactMap { series[$0].ys.max() }.max() ?? 0
        if othersMax > 0 && baseMax > offScaleRatio * othersMax {
            let base = series.remove(at: b)
            return lineChartSVG(
                title: "\(title): \(results[b].arm) (baseline), its own scale", xLabel: xLabel, yLabel: yLabel, series: [base], clock: clock,
                height: 110)
                + lineChartSVG(title: "\(title): the other arms", xLabel: xLabel, yLabel: yLabel, series: series, clock: clock)
        }
    }
    return lineChartSVG(title: title, xLabel: xLabel, yLabel: yLabel, series: series, clock: clock)
}

/// `report.html`: one self-contained page (inline CSS and SVG, no script, no network) with
/// the run's summary table, hosts powered on and IT power over time, energy and cost per
/// arm, savings against the baseline by category, and where each arm's saving comes from.
///
/// The markup is well-formed XML (every element closed, only the `&amp; &lt; &gt; &quot;`
/// entities), so tools and tests can parse it; an arm keeps one colour in every chart.
/// Deterministic: the same results give the same bytes.
public func htmlReport(_ results: [ArmResult], header: ReportHeader) -> String {
    let base = results.first(where: \.isBaseline)
    var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
    h += "<title>virtsim: \(escapeXML(header.scenarioName))</title>\n<style>\n\(reportCSS)</style>\n</head>\n<body>\n"
    h += "<h1>\(escapeXML(header.scenarioName))</h1>\n"
    h +=
        "<p class=\"meta\">\(escapeXML(header.scenarioFile)) · seed \(header.seed) · \(formatFixed(header.simulatedHours, decimals: 2)) h simulated · "
        + "\(results.count) arm\(results.count == 1 ? "" : "s")\(base.map { " · baseline: " + escapeXML($0.arm) } ?? "") · virtsim \(escapeXML(header.version))</p>\n"
    if !header.assumptions.isEmpty {
        h += "<h2>Assumptions</h2>\n<p>The inventory did not say; edit the scenario to change them.</p>\n<ul>\n"
        for a in header.assumptions { h += "<li>\(escapeXML(a))</li>\n" }
        h += "</ul>\n"
    }

    // summary
    h += "<h2>Summary</h2>\n<table>\n"
    h += row(
        [
            t("arm"), t("hosts used"), t("hosts"), t("VMs"), t("IT energy kWh"), t("cooling kWh"), t("facility kWh"),
            t("CPU util %"), t("CPU unmet %"), t("migrations"), t("total cost USD"), t("payback months")
        ], header: true)
    for r in results {
        h += row([
            t(r.arm + (r.isBaseline ? " (baseline)" : "")), i(r.hostsUsedMax), i(r.hostsTotal), i(r.vms), f(r.itEnergyKWh),
            f(r.economics.coolingEnergyKWh), f(r.economics.facilityEnergyKWh), f(r.cpuUtilMeanPct, 1), f(r.cpuDemandUnmetPct),
            i(r.migrations), f(r.economics.periodCost("total")), r.economics.paybackMonths.map { f($0, 1) } ?? t("")
        ])
    }
    h += "</table>\n"
    let unplaced = results.filter { $0.vmsUnplaced > 0 }
    for r in unplaced { h += "<p class=\"note\">Warning: \(r.vmsUnplaced) VM(s) of arm \(escapeXML(r.arm)) found no host and were rejected.</p>\n" }

    // time series
    if results.contains(where: { !$0.timeseries.isEmpty }) {
        h += "<h2>Over time</h2>\n"
        h += timeChart(results, title: "Hosts powered on", yLabel: "hosts on", clock: header.clock) {
            Double($0.hostsOn)
        }
        h += timeChart(results, title: "IT power", yLabel: "IT power (kW)", clock: header.clock) { $0.itPowerW / 1000 }
    }

    // energy
    h += "<h2>Energy</h2>\n"
    h += stackedBarChartSVG(
        title: "Energy over the simulated period", unit: "kWh", segmentNames: ["IT", "cooling", "other facility"],
        bars: results.map { r in
            let e = r.economics
            return StackedBar(label: r.arm, segments: [r.itEnergyKWh, e.coolingEnergyKWh, max(0, e.facilityEnergyKWh - r.itEnergyKWh - e.coolingEnergyKWh)])
        })

    h += carbonSection(results)

    // cost
    let costNames = ArmEconomicsFigures.costCategories.filter { $0 != "total" }
    if results.contains(where: { $0.economics.periodCost("total") != 0 }) {
        h += "<h2>Cost</h2>\n"
        h += stackedBarChartSVG(
            title: "Cost over the simulated period by category", unit: "USD", segmentNames: costNames.map { reportLabel($0) },
            bars: results.map { r in StackedBar(label: r.arm, segments: costNames.map { r.economics.periodCost($0) }) }, decimals: 0)
        // the horizon (TCO) view: purchases once, running costs per year × the horizon
        let years = results.map(\.economics.horizonYears).max() ?? 0
        if years > 0 && results.contains(where: { $0.economics.horizonCost("total") != 0 }) {
            let sameHorizon = Set(results.map(\.economics.horizonYears)).count == 1
            h += stackedBarChartSVG(
                title: sameHorizon
                    ? "Cost over \(formatGrouped(years, decimals: 1)) years (TCO) by category" : "Cost over each arm's horizon (TCO) by category",
                unit: "USD", segmentNames: costNames.map { reportLabel($0) },
                bars: results.map { r in StackedBar(label: r.arm, segments: costNames.map { r.economics.horizonCost($0) }) }, decimals: 0)
        }
    }

    // cloud bursting, when modelled
    if results.contains(where: { $0.cloud.vmsBurst > 0 }) {
        h +=
            "<h2>Cloud bursting</h2>\n<table>\n"
            + row(
                [
                    t("arm"), t("VMs burst"), t("cloud hosts max"), t("host-hours"),
                    t("VM-hours waiting"), t("cloud cost USD")
                ], header: true)
        for r in results {
            h += row([
                t(r.arm), i(r.cloud.vmsBurst), i(r.cloud.hostsMax), f(r.cloud.hostHours, 1), f(r.cloud.vmWaitHours, 1),
                f(r.economics.periodCost("cloud"))
            ])
        }
        h += "</table>\n"
    }

    // host failures and HA restarts, when modelled
    if results.contains(where: { $0.failures != nil }) {
        h +=
            "<h2>Host failures and HA restarts</h2>\n<table>\n"
            + row(
                [
                    t("arm"), t("host failures"), t("VMs down"), t("VMs restarted"), t("VM-hours down"), t("VMs not restarted"),
                    t("VM-hours waiting"), t("vCPUs short max"), t("GiB short max")
                ], header: true)
        for r in results {
            guard let x = r.failures else { continue }
            h += row([
                t(r.arm), i(x.hostFailures), i(x.vmFailures), i(x.vmRestarts), f(x.vmDowntimeH), i(x.vmsNotRestarted), f(x.haWaitVMH),
                i(x.haShortVcpusMax), f(x.haShortRAMGiBMax, 1)
            ])
        }
        h += "</table>\n"
    }

    // services, when modelled
    if results.contains(where: { !$0.services.isEmpty }) {
        h +=
            "<h2>Services</h2>\n<table>\n"
            + row(
                [
                    t("arm"), t("service"), t("scaling"), t("requests"), t("p50 s"), t("p95 s"), t("p99 s"),
                    t("p99.9 s"), t("max s"), t("replica-hours"), t("replicas max"), t("cold starts")
                ], header: true)
        for r in results {
            for v in r.services {
                h += row([
                    t(r.arm), t(v.service), t(v.scaling), i(v.requests), f(v.latencyP50S, 3), f(v.latencyP95S, 3), f(v.latencyP99S, 3),
                    f(v.latencyP999S, 3), f(v.latencyMaxS, 1), f(v.replicaHours, 1), i(v.replicasMax), i(v.coldStarts)
                ])
            }
        }
        h += "</table>\n"
        let names = results.first { !$0.services.isEmpty }?.services.map(\.service) ?? []
        for (k, name) in names.enumerated() {
            h += lineChartSVG(
                title: "Replicas of \(name)", xLabel: "time (h)", yLabel: "replicas",
                series: results.enumerated().map { a, r in
                    let samples = r.serviceSamples.filter { $0.service == k }
                    return LineSeries(name: r.arm, xs: samples.map { $0.timeS / 3600 }, ys: samples.map { Double($0.replicas) }, color: a)
                })
        }
    }

    // storage and memory, when modelled
    if results.contains(where: { $0.economics.storageProvisionedGB > 0 }) {
        h += "<h2>Storage</h2>\n<table>\n" + row([t("arm"), t("provisioned GB"), t("allocated GB"), t("physical GB")], header: true)
        for r in results {
            h += row([t(r.arm), f(r.economics.storageProvisionedGB, 1), f(r.economics.storageAllocatedGB, 1), f(r.economics.storagePhysicalGB, 1)])
        }
        h += "</table>\n"
    }
    if results.contains(where: { $0.memory.reclaimedGiBMax > 0 || $0.memory.shortfallGiBMax > 0 }) {
        h +=
            "<h2>Memory reclaimed</h2>\n<table>\n"
            + row(
                [
                    t("arm"), t("shared GiB"), t("ballooned GiB"), t("compressed GiB"), t("swapped GiB"),
                    t("peak reclaimed GiB"), t("unbacked GiB"), t("perf loss %")
                ], header: true)
        for r in results {
            let m = r.memory
            h += row([
                t(r.arm), f(m.sharedGiBMean), f(m.balloonedGiBMean), f(m.compressedGiBMean, 3), f(m.swappedGiBMean, 3),
                f(m.reclaimedGiBMax), f(m.shortfallGiBMax), f(m.perfLossPct, 3)
            ])
        }
        h += "</table>\n<p class=\"note\">Means over the run; see summary.csv for the columns.</p>\n"
    }

    // savings
    if let base {
        let others = results.enumerated().filter { !$0.element.isBaseline }
        let lines = savings(results)
        let shown = savingsCategories.map(\.category).filter { c in lines.contains { $0.category == c && $0.savingPct != nil } }
        h += "<h2>Savings against \(escapeXML(base.arm))</h2>\n"
        for (_, r) in others {
            if let lost = baselineLostVMs(baseline: base, arm: r) {
                h +=
                    "<p class=\"warning\"><strong>Warning:</strong> the savings of \(escapeXML(r.arm)) are not valid: \(escapeXML(lost)); "
                    + "the baseline did less work than the arm (savings.csv: valid = 0).</p>\n"
            }
        }
        if !shown.isEmpty && !others.isEmpty {
            h += divergingBarChartSVG(
                title: "Saving by category (% of the baseline; negative: more than the baseline)", unit: "% saved",
                seriesNames: others.map(\.element.arm),
                groups: shown.map { c in
                    BarGroup(label: reportLabel(c), values: others.map { o in lines.first { $0.arm == o.element.arm && $0.category == c }?.savingPct })
                }, colors: others.map(\.offset))
        }
        for (_, r) in others {
            h += "<h3>\(escapeXML(r.arm)): where the saving comes from</h3>\n<p>\(escapeXML(savingSentence(arm: r, baseline: base)))</p>\n"
            let lines = savingLines(arm: r, baseline: base)
            if !lines.isEmpty { h += "<ul>\n" + lines.map { "<li>\(escapeXML($0))</li>\n" }.joined() + "</ul>\n" }
            h += "<table>\n" + row([t("cost category"), t("baseline USD"), t("\(r.arm) USD"), t("saving USD")], header: true)
            for s in savingSources(arm: r, baseline: base) where s.baselineUSD != 0 || s.armUSD != 0 {
                h += row([t(reportLabel(s.category)), f(s.baselineUSD), f(s.armUSD), f(s.savingUSD)])
            }
            let eIT = base.itEnergyKWh - r.itEnergyKWh, eCool = base.economics.coolingEnergyKWh - r.economics.coolingEnergyKWh
            let eFac = base.economics.facilityEnergyKWh - r.economics.facilityEnergyKWh
            h +=
                "</table>\n<p class=\"note\">Energy: facility \(formatGrouped(eFac, decimals: 2)) kWh saved = IT \(formatGrouped(eIT, decimals: 2)) kWh"
                + " + cooling \(formatGrouped(eCool, decimals: 2)) kWh + other facility \(formatGrouped(eFac - eIT - eCool, decimals: 2)) kWh.</p>\n"
            h +=
                "<p class=\"note\">Performance cost (CPU contention): \(escapeXML(performanceCost(r))) against the baseline's "
                + "\(escapeXML(performanceCost(base))); unmet CPU \(formatGrouped(r.cpuDemandUnmetPct, decimals: 2))%.</p>\n"
        }
        h +=
            "<h3>All categories</h3>\n<table>\n"
            + row([t("arm"), t("category"), t("unit"), t("baseline"), t("value"), t("saving"), t("saving %"), t("note")], header: true)
        for l in lines where l.baseline != 0 || l.value != 0 {
            h += row([
                t(l.arm), t(reportLabel(l.category)), t(l.unit), f(l.baseline), f(l.value), l.saving.map { f($0) } ?? t(""),
                l.savingPct.map { f($0, 1) } ?? t(""), t(l.note)
            ])
        }
        h += "</table>\n"
    }
    let serviceFiles =
        (results.contains { !$0.services.isEmpty } ? ", services.csv, services_timeseries.csv" : "")
        + (results.contains { $0.failures != nil } ? ", failures.csv" : "")
    h +=
        "<p class=\"note\">Data: summary.csv, timeseries.csv, hosts.csv, costs.csv\(base == nil ? "" : ", savings.csv")\(serviceFiles); scenario as run: manifest.json.</p>\n"
    h += "</body>\n</html>\n"
    return h
}
