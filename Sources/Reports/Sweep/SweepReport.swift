/// What a sweep writes for people: `aggregate_wide.csv` (one row per parameter point and arm,
/// one column per metric, for a spreadsheet without a pivot) and `report.html` (each main
/// metric against each axis per arm with its 95% confidence band; energy against the SLA
/// metric with the Pareto front marked). Both come from aggregate.csv's records, so a merged
/// sweep gives the same files as an unsharded one.
package enum SweepReport {
    /// One row of aggregate.csv.
    package struct Row {
        package var point: Int
        package var axisValues: [String]
        package var arm: String
        package var metric: String
        package var n: Int
        package var mean: Double
        package var low: Double?
        package var high: Double?
    }

    /// The rows of aggregate.csv's records (header first; `axes` axis columns after
    /// point_index); rows that do not parse are skipped.
    package static func rows(_ records: [[String]], axes: [String]) -> [Row] {
        let k = axes.count
        return records.dropFirst().compactMap { r in
            // point_index, axes…, arm, metric, n, mean, sd, ci95_low, ci95_high
            guard r.count >= 8 + k, let p = Int(r[0]), let n = Int(r[k + 3]), let mean = Double(r[k + 4]) else { return nil }
            return Row(
                point: p, axisValues: Array(r[1..<(1 + k)]), arm: r[k + 1], metric: r[k + 2], n: n, mean: mean,
                low: Double(r[k + 6]), high: Double(r[k + 7]))
        }
    }

    /// `aggregate_wide.csv`: `point_index, <axes>, arm, n, <metric>, <metric>_ci95_low,
    /// <metric>_ci95_high, …` — one row per point and arm in aggregate.csv's order, metrics in
    /// the order they first appear; `n` is the most runs any metric of the row has; cells of a
    /// metric the row lacks, or of an interval with one run, are empty.
    package static func wide(_ records: [[String]], axes: [String]) -> [UInt8] {
        let all = rows(records, axes: axes)
        var metrics: [String] = []
        var seen = Set<String>()
        for r in all where seen.insert(r.metric).inserted { metrics.append(r.metric) }
        var keys: [String] = []
        var byKey: [String: [String: Row]] = [:]
        var first: [String: Row] = [:]
        for r in all {
            let key = "\(r.point)\u{1}\(r.arm)"
            if byKey[key] == nil { keys.append(key); first[key] = r }
            byKey[key, default: [:]][r.metric] = r
        }
        var enc = CSVEncoder(capacity: 1 << 16)
        enc.row(["point_index"] + axes + ["arm", "n"] + metrics.flatMap { [$0, $0 + "_ci95_low", $0 + "_ci95_high"] })
        for key in keys {
            let r0 = first[key]!, m = byKey[key]!
            enc.append(r0.point)
            for v in r0.axisValues { enc.append(v) }
            enc.append(r0.arm)
            enc.append(m.values.map(\.n).max() ?? 0)
            for name in metrics {
                if let r = m[name] {
                    enc.append(r.mean, decimals: csvDecimals)
                    if let lo = r.low { enc.append(lo, decimals: csvDecimals) } else { enc.append("") }
                    if let hi = r.high { enc.append(hi, decimals: csvDecimals) } else { enc.append("") }
                } else {
                    enc.append(""); enc.append(""); enc.append("")
                }
            }
            enc.endRow()
        }
        return enc.bytes
    }

    /// The metrics charted against the axes, in this order, when the sweep has them.
    package static let chartMetrics = [
        "it_energy_kwh", "facility_energy_kwh", "total_cost_usd", "tco_usd", "hosts_used_max", "migrations", "slav",
        "cpu_demand_unmet_pct", "it_energy_saving_pct", "total_cost_saving_pct"
    ]

    /// The SLA metric set against energy: CloudSim's SLAV when a run has one, else CPU ready
    /// time when the runs report it, else unmet CPU demand.
    package static func slaMetric(_ all: [Row]) -> String? {
        let names = Set(all.map(\.metric))
        if all.contains(where: { $0.metric == "slav" && $0.mean != 0 }) { return "slav" }
        if let ready = ["cpu_ready_pct_mean", "cpu_ready_pct"].first(where: names.contains) { return ready }
        return names.contains("cpu_demand_unmet_pct") ? "cpu_demand_unmet_pct" : nil
    }

    /// The indices of `points` (x, y) on the Pareto front when both are minimised: no other
    /// point is at least as good in both and better in one. Sorted by x, then y.
    package static func paretoFront(_ points: [(x: Double, y: Double)]) -> [Int] {
        points.indices.filter { i in
            !points.indices.contains { j in
                j != i && points[j].x <= points[i].x && points[j].y <= points[i].y && (points[j].x < points[i].x || points[j].y < points[i].y)
            }
        }.sorted { points[$0].x != points[$1].x ? points[$0].x < points[$1].x : points[$0].y < points[$1].y }
    }

    /// `report.html` of a sweep: a self-contained page (inline SVG, no script), deterministic.
    package static func html(name: String, records: [[String]], axes: [String], runs: Int, failed: Int) -> String {
        let all = rows(records, axes: axes)
        let arms = orderedUnique(all.map(\.arm))
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        h += "<title>virtsim sweep: \(escapeXML(name))</title>\n<style>\n\(reportCSS)</style>\n</head>\n<body>\n"
        h += "<h1>\(escapeXML(name))</h1>\n"
        h +=
            "<p class=\"meta\">sweep · \(formatGroupedInt(runs)) runs, \(formatGroupedInt(failed)) failed · axes: "
            + escapeXML(axes.joined(separator: ", ")) + " · arms: " + escapeXML(arms.joined(separator: ", ")) + "</p>\n"
        h +=
            "<p class=\"note\">Means over each point's runs with their 95% confidence interval (Student's t; no band where a point "
            + "has one run). With several axes, each chart varies one axis and holds the others at their first value.</p>\n"
        let metrics = chartMetrics.filter { m in all.contains { $0.metric == m && $0.mean != 0 } }
        for axis in axes.indices {
            h += "<h2>Against \(escapeXML(axes[axis]))</h2>\n"
            let firstValues = axes.indices.map { k in all.first.map { $0.axisValues[k] } ?? "" }
            let slice = all.filter { r in axes.indices.allSatisfy { $0 == axis || r.axisValues[$0] == firstValues[$0] } }
            let values = orderedUnique(slice.map { $0.axisValues[axis] })
            let numeric = values.allSatisfy { Double($0) != nil }
            let order = numeric ? values.sorted { Double($0)! < Double($1)! } : values
            for m in metrics {
                let series: [BandSeries] = arms.enumerated().compactMap { k, arm in
                    let pts = order.compactMap { v in slice.first { $0.arm == arm && $0.metric == m && $0.axisValues[axis] == v } }
                    guard !pts.isEmpty else { return nil }
                    return BandSeries(
                        name: arm, xs: pts.map { r in numeric ? Double(r.axisValues[axis])! : Double(order.firstIndex(of: r.axisValues[axis])!) },
                        means: pts.map(\.mean), lows: pts.map(\.low), highs: pts.map(\.high), color: k)
                }
                guard !series.isEmpty else { continue }
                h += bandChartSVG(
                    title: "\(metricLabel(m)) against \(axes[axis])", xLabel: axes[axis], yLabel: metricLabel(m), series: series,
                    categories: numeric ? nil : order)
            }
        }
        if let sla = slaMetric(all), all.contains(where: { $0.metric == "it_energy_kwh" }) {
            var pts: [(x: Double, y: Double)] = []
            var who: [(arm: Int, label: String)] = []
            for r in all where r.metric == "it_energy_kwh" {
                guard let s = all.first(where: { $0.point == r.point && $0.arm == r.arm && $0.metric == sla }) else { continue }
                pts.append((r.mean, s.mean))
                who.append((arms.firstIndex(of: r.arm) ?? 0, "point \(r.point), \(r.arm)"))
            }
            if !pts.isEmpty {
                h += "<h2>Energy against \(escapeXML(metricLabel(sla)))</h2>\n"
                let front = paretoFront(pts)
                h += scatterSVG(
                    title: "IT energy against \(metricLabel(sla)); ringed: the Pareto front", xLabel: metricLabel("it_energy_kwh"),
                    yLabel: metricLabel(sla), points: pts, colors: who.map(\.arm), names: arms, front: front)
                h += "<table>\n<tr><th>Pareto front (lower is better in both)</th><th>IT energy kWh</th><th>\(escapeXML(metricLabel(sla)))</th></tr>\n"
                for i in front {
                    h +=
                        "<tr><td>\(escapeXML(who[i].label))</td><td class=\"n\">\(formatGrouped(pts[i].x, decimals: 2))</td>"
                        + "<td class=\"n\">\(formatGrouped(pts[i].y, decimals: 6))</td></tr>\n"
                }
                h += "</table>\n"
            }
        }
        h += "<p class=\"note\">Data: runs.csv (every run), aggregate.csv (long: point, arm, metric), aggregate_wide.csv (one row per point and arm).</p>\n"
        h += "</body>\n</html>\n"
        return h
    }

    /// A metric's name in words with its unit, from its column name.
    static func metricLabel(_ m: String) -> String {
        let known: [String: String] = [
            "it_energy_kwh": "IT energy (kWh)", "facility_energy_kwh": "Facility energy (kWh)", "total_cost_usd": "Total cost (USD)",
            "tco_usd": "TCO (USD)", "hosts_used_max": "Hosts used", "migrations": "Migrations", "slav": "SLAV",
            "cpu_demand_unmet_pct": "Unmet CPU demand (%)", "it_energy_saving_pct": "IT energy saving (%)",
            "total_cost_saving_pct": "Total cost saving (%)", "cpu_ready_pct_mean": "CPU ready (%)", "cpu_ready_pct": "CPU ready (%)"
        ]
        return known[m] ?? m
    }

    static func orderedUnique(_ xs: [String]) -> [String] {
        var seen = Set<String>()
        return xs.filter { seen.insert($0).inserted }
    }
}

/// One arm's line with its confidence band: means at xs, band from lows to highs (nil: none).
struct BandSeries {
    var name: String
    var xs: [Double]
    var means: [Double]
    var lows: [Double?]
    var highs: [Double?]
    var color: Int
}

/// A line chart with shaded 95% bands (`polygon` of class `band`, opacity 0.18) and points;
/// `categories` names the x positions 0, 1, … of a non-numeric axis.
func bandChartSVG(title: String, xLabel: String, yLabel: String, series: [BandSeries], categories: [String]?) -> String {
    let L = ChartLayout.self
    let plotW = L.width - L.left - L.right, plotH = 180.0
    let xs = series.flatMap(\.xs)
    var xMin = xs.min() ?? 0, xMax = xs.max() ?? 1
    if categories != nil { xMin -= 0.5; xMax += 0.5 }
    if !(xMax > xMin) { xMin -= 1; xMax += 1 }
    let ys = series.flatMap { s in s.means + s.lows.compactMap { $0 } + s.highs.compactMap { $0 } }
    let yr = niceRange(ys.min() ?? 0, ys.max() ?? 1)
    func X(_ x: Double) -> Double { L.left + (x - xMin) / (xMax - xMin) * plotW }
    func Y(_ y: Double) -> Double { L.top + (yr.hi - y) / (yr.hi - yr.lo) * plotH }
    let axisBottom = L.top + plotH
    let legend = legendSVG(names: series.map(\.name), top: axisBottom + 52, colors: series.map(\.color), dashes: series.indices.map { chartDash($0) })
    var s = svgOpen(height: axisBottom + 52 + legend.height, title: title)
    s += yGridSVG(yr, Y, plotW: plotW)
    // x ticks: the categories, or nice numbers
    var ticks: [(x: Double, label: String)] = []
    if let categories {
        ticks = categories.enumerated().map { (Double($0), $1.count > 22 ? String($1.prefix(21)) + "…" : $1) }
    } else {
        let step = niceStep(span: xMax - xMin, target: 8), d = tickDecimals(step)
        var t = (xMin / step).rounded(.up)
        while t * step <= xMax + step * 1e-9 { ticks.append((t * step, formatGrouped(t * step, decimals: d))); t += 1 }
    }
    s += xTicksSVG(ticks, X, axisBottom: axisBottom)
    s += axisTitlesSVG(plotW: plotW, plotH: plotH, axisBottom: axisBottom, xLabel: xLabel, yLabel: yLabel)
    for (k, ser) in series.enumerated() {
        let banded = ser.xs.indices.filter { ser.lows[$0] != nil && ser.highs[$0] != nil }
        if banded.count >= 1 {
            let upper = banded.map { px(X(ser.xs[$0])) + "," + px(Y(ser.highs[$0]!)) }
            let lower = banded.reversed().map { px(X(ser.xs[$0])) + "," + px(Y(ser.lows[$0]!)) }
            s +=
                "<polygon class=\"band\" data-series=\"\(escapeXML(ser.name))\" fill=\"\(chartColor(ser.color))\" fill-opacity=\"0.18\" stroke=\"none\" points=\"\((upper + lower).joined(separator: " "))\"/>\n"
        }
        let pts = ser.xs.indices.map { px(X(ser.xs[$0])) + "," + px(Y(ser.means[$0])) }.joined(separator: " ")
        s +=
            "<polyline class=\"series\" data-series=\"\(escapeXML(ser.name))\" fill=\"none\" stroke=\"\(chartColor(ser.color))\" stroke-width=\"1.6\""
            + (chartDash(k).isEmpty ? "" : " stroke-dasharray=\"\(chartDash(k))\"") + " points=\"\(pts)\"/>\n"
        for i in ser.xs.indices {
            s += "<circle cx=\"\(px(X(ser.xs[i])))\" cy=\"\(px(Y(ser.means[i])))\" r=\"2.5\" fill=\"\(chartColor(ser.color))\"/>"
        }
        s += "\n"
    }
    s += legend.svg
    s += "</svg>\n"
    return s
}

/// A scatter of (x, y) points coloured by arm; the `front` points ringed and joined by a
/// dashed step line.
func scatterSVG(title: String, xLabel: String, yLabel: String, points: [(x: Double, y: Double)], colors: [Int], names: [String], front: [Int]) -> String {
    let L = ChartLayout.self
    let plotW = L.width - L.left - L.right, plotH = 260.0
    let xr = niceRange(points.map(\.x).min() ?? 0, points.map(\.x).max() ?? 1)
    let yr = niceRange(points.map(\.y).min() ?? 0, points.map(\.y).max() ?? 1)
    func X(_ x: Double) -> Double { L.left + (x - xr.lo) / (xr.hi - xr.lo) * plotW }
    func Y(_ y: Double) -> Double { L.top + (yr.hi - y) / (yr.hi - yr.lo) * plotH }
    let axisBottom = L.top + plotH
    let legend = legendSVG(names: names, top: axisBottom + 52)
    var s = svgOpen(height: axisBottom + 52 + legend.height, title: title)
    s += yGridSVG(yr, Y, plotW: plotW)
    let xd = tickDecimals(xr.step)
    var ticks: [(x: Double, label: String)] = []
    for k in 0...Int(((xr.hi - xr.lo) / xr.step).rounded()) {
        let t = xr.lo + Double(k) * xr.step
        s += "<line x1=\"\(px(X(t)))\" x2=\"\(px(X(t)))\" y1=\"\(px(L.top))\" y2=\"\(px(axisBottom))\" class=\"grid\"/>"
        ticks.append((t, formatTick(t, decimals: xd)))
    }
    s += xTicksSVG(ticks, X, axisBottom: axisBottom)
    s += axisTitlesSVG(plotW: plotW, plotH: plotH, axisBottom: axisBottom, xLabel: xLabel, yLabel: yLabel)
    if front.count > 1 {
        var d = "M\(px(X(points[front[0]].x))),\(px(Y(points[front[0]].y)))"
        for i in front.dropFirst() { d += " H\(px(X(points[i].x))) V\(px(Y(points[i].y)))" }
        s += "<path class=\"front\" d=\"\(d)\" fill=\"none\" stroke=\"#333\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>\n"
    }
    for (i, p) in points.enumerated() {
        s += "<circle class=\"point\" cx=\"\(px(X(p.x)))\" cy=\"\(px(Y(p.y)))\" r=\"3.5\" fill=\"\(chartColor(colors[i]))\"/>"
    }
    for i in front {
        s +=
            "<circle class=\"pareto\" cx=\"\(px(X(points[i].x)))\" cy=\"\(px(Y(points[i].y)))\" r=\"6\" fill=\"none\" stroke=\"#111\" stroke-width=\"1.5\"/>"
    }
    s += "\n" + legend.svg + "</svg>\n"
    return s
}
