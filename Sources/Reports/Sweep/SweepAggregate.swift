import Stochastic

/// `aggregate.csv`: one row per parameter point, arm and metric over the point's ok runs:
/// `point_index, <axis columns>, arm, metric, n, mean, sd, ci95_low, ci95_high`.
///
/// Metrics are the numeric columns of summary.csv (all but `baseline`), then, for a
/// non-baseline arm of a run that has a baseline arm, the savings of savings.csv computed per
/// run (paired, so common random numbers narrow the interval): `hosts_saving`,
/// `hosts_saving_pct`, `it_energy_saving_kwh`, `it_energy_saving_pct`,
/// `it_power_mean_saving_w`, `it_power_mean_saving_pct`, `cooling_energy_saving_kwh`,
/// `facility_energy_saving_kwh`, `storage_physical_saving_gb`, `total_cost_saving_usd`, with
/// `carbon:` the operational `kgco2e_location_saving` and `kgco2e_market_saving` (kgCO2e), and
/// their `_pct` (saving = baseline − arm, pct = 100 · saving / baseline; a run whose baseline
/// is 0 adds no pct value, and a pct metric with no value has no row). `sd` is the sample standard deviation (n − 1); the 95%
/// interval is mean ± t(0.975, n − 1) · sd / √n with Student's t from GSL; with n = 1 the
/// sd and interval are empty. Computed from runs.csv's text (6 decimals), so a merged sweep
/// gives the same file as an unsharded one. Wall-time columns are left out.
package enum SweepAggregate {
    /// Savings metrics: (summary column, metric name, pct metric name) — the categories of
    /// savings.csv that summary.csv has a column for.
    package static let savings: [(column: String, metric: String, pctMetric: String)] = [
        ("hosts_used_max", "hosts_saving", "hosts_saving_pct"),
        ("it_energy_kwh", "it_energy_saving_kwh", "it_energy_saving_pct"),
        ("it_power_mean_w", "it_power_mean_saving_w", "it_power_mean_saving_pct"),
        ("cooling_energy_kwh", "cooling_energy_saving_kwh", "cooling_energy_saving_pct"),
        ("facility_energy_kwh", "facility_energy_saving_kwh", "facility_energy_saving_pct"),
        ("storage_physical_gb", "storage_physical_saving_gb", "storage_physical_saving_pct"),
        ("total_cost_usd", "total_cost_saving_usd", "total_cost_saving_pct"),
        ("kgco2e_location", "kgco2e_location_saving", "kgco2e_location_saving_pct"),
        ("kgco2e_market", "kgco2e_market_saving", "kgco2e_market_saving_pct")
    ]

    package static func header(axes: [String]) -> [String] {
        ["point_index"] + axes + ["arm", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"]
    }

    /// The aggregate CSV bytes of runs.csv rows (in run order).
    package static func render(header runsHeader: [String], rows: [[String]], axes: [String]) -> [UInt8] {
        let cols = SweepColumns(axes: axes)
        let armCol = cols.armColumn, statusCol = cols.statusColumn
        let metricCols = (cols.firstSummaryColumn..<runsHeader.count).filter {
            runsHeader[$0] != "baseline" && !runsHeader[$0].hasSuffix(SweepColumns.wallSuffix)
        }
        let baselineCol = runsHeader.firstIndex(of: "baseline")
        let colIndex = Dictionary(uniqueKeysWithValues: runsHeader.enumerated().map { ($1, $0) })

        // point -> arms in order -> metric -> values
        struct ArmAcc { var values: [String: [Double]] = [:]; var savingMetrics: [String] = [] }
        var pointOrder: [Int] = []
        var pointAxes: [Int: [String]] = [:]
        var arms: [Int: [String]] = [:]
        var acc: [Int: [String: ArmAcc]] = [:]
        var numeric = Set(metricCols)

        var i = 0
        while i < rows.count {
            // one run: consecutive rows with the same run_index
            var j = i
            while j < rows.count && rows[j][0] == rows[i][0] { j += 1 }
            let run = rows[i..<j]
            i = j
            guard let p = Int(run.first![1]) else { continue }
            if pointAxes[p] == nil { pointOrder.append(p); pointAxes[p] = Array(run.first![4..<(4 + axes.count)]) }
            let ok = run.filter { $0[statusCol] == "ok" }
            let base = baselineCol.flatMap { b in ok.first { $0[b] == "1" } }
            for row in ok {
                let arm = row[armCol]
                if acc[p]?[arm] == nil {
                    arms[p, default: []].append(arm)
                    acc[p, default: [:]][arm] = ArmAcc()
                }
                var a = acc[p]![arm]!
                for c in metricCols where !row[c].isEmpty {
                    if let v = Double(row[c]) { a.values[runsHeader[c], default: []].append(v) } else { numeric.remove(c) }
                }
                if let base, base[armCol] != arm {
                    for s in savings {
                        guard let c = colIndex[s.column], let b = Double(base[c]), let v = Double(row[c]) else { continue }
                        let saving = b - v
                        if !a.savingMetrics.contains(s.metric) { a.savingMetrics += [s.metric, s.pctMetric] }
                        a.values[s.metric, default: []].append(saving)
                        // no percentage of a zero baseline (as savings.csv's empty saving_pct)
                        if b != 0 { a.values[s.pctMetric, default: []].append(100 * saving / b) }
                    }
                }
                acc[p]![arm] = a
            }
        }

        var enc = CSVEncoder(capacity: 1 << 16)
        enc.row(header(axes: axes))
        let metricNames = metricCols.filter { numeric.contains($0) }.map { runsHeader[$0] }
        for p in pointOrder.sorted() {
            for arm in arms[p] ?? [] {
                let a = acc[p]![arm]!
                for m in metricNames + a.savingMetrics {
                    guard let xs = a.values[m], !xs.isEmpty else { continue }
                    enc.append(p)
                    for v in pointAxes[p]! { enc.append(v) }
                    enc.append(arm); enc.append(m); enc.append(xs.count)
                    let mean = Statistics.mean(xs)
                    enc.append(mean, decimals: csvDecimals)
                    if xs.count > 1 {
                        let sd = Statistics.sd(xs)
                        let half = Statistics.studentTCritical(confidence: 0.95, degreesOfFreedom: Double(xs.count - 1)) * sd / Double(xs.count).squareRoot()
                        enc.append(sd, decimals: csvDecimals)
                        enc.append(mean - half, decimals: csvDecimals)
                        enc.append(mean + half, decimals: csvDecimals)
                    } else {
                        enc.append(""); enc.append(""); enc.append("")
                    }
                    enc.endRow()
                }
            }
        }
        return enc.bytes
    }
}
