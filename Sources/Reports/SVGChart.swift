/// Small SVG charts for `report.html`: line charts of time series, stacked horizontal bars and
/// grouped diverging bars. The text is deterministic (every coordinate goes through
/// `formatFixed`), so the same run writes the same bytes.
///
/// Hand-written on purpose: the charts need three SVG primitives (`polyline`, `rect`, `text`)
/// and axis ticks; the package mirror has no chart library (its `Plot` writes HTML, not
/// plots), and a browser-side library would make the report depend on the network.

/// Colours of series and segments, in order, cycling: Okabe & Ito's colour-blind-safe palette
/// ("Color Universal Design", 2008), reordered so that the first colours contrast most on
/// white and the yellow comes late.
public let chartPalette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#999999", "#F0E442"]

/// The colour of series or segment `i` (cycles through `chartPalette`).
public func chartColor(_ i: Int) -> String { chartPalette[i % chartPalette.count] }

/// Dash patterns of line series, in order (`stroke-dasharray`; "" = solid): series k of a
/// chart has pattern k, so two arms with identical figures still show as two lines — the
/// dashed one over the solid one — and a slide printed in grey keeps them apart.
public let chartDashes = ["", "8 4", "2 3", "12 3 3 3", "5 5", "1 4", "10 2 2 2 2 2", "6 2"]

/// The dash pattern of line series `i` (cycles through `chartDashes`).
public func chartDash(_ i: Int) -> String { chartDashes[i % chartDashes.count] }

/// One line of a line chart: (x, y) points in x order, drawn in `chartColor(color)`.
public struct LineSeries: Sendable {
    public var name: String
    public var xs: [Double]
    public var ys: [Double]
    /// Index into `chartPalette` (an arm keeps its colour in every chart).
    public var color: Int
    public init(name: String, xs: [Double], ys: [Double], color: Int) {
        precondition(xs.count == ys.count, "LineSeries: xs and ys differ in length")
        self.name = name; self.xs = xs; self.ys = ys; self.color = color
    }
}

/// One bar of a stacked bar chart: a label and its segments (≥ 0, in `segmentNames` order).
public struct StackedBar: Sendable {
    public var label: String
    public var segments: [Double]
    public init(label: String, segments: [Double]) { self.label = label; self.segments = segments }
}

/// One group of a diverging bar chart: a label (a category) and one value per series
/// (nil: not shown).
public struct BarGroup: Sendable {
    public var label: String
    public var values: [Double?]
    public init(label: String, values: [Double?]) { self.label = label; self.values = values }
}

/// Geometry shared by the charts, px.
enum ChartLayout {
    static let width = 760.0
    static let left = 72.0, right = 20.0, top = 34.0
    /// Plot height of a line chart.
    static let lineHeight = 220.0
    /// Label column of the bar charts.
    static let barLabel = 170.0
    static let barThickness = 16.0, barGap = 8.0
    static let legendRow = 18.0
    /// Rough width of one character of the 12 px sans-serif labels (legend layout).
    static let charWidth = 7.0
}

/// A tick step of 1, 2 or 5 × 10^k giving about `target` intervals over `span` (> 0).
func niceStep(span: Double, target: Int) -> Double {
    guard span > 0, span.isFinite else { return 1 }
    let raw = span / Double(max(1, target))
    var mag = 1.0
    while mag * 10 <= raw { mag *= 10 }
    while mag > raw { mag /= 10 }
    let f = raw / mag
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag
}

/// Decimal places that show a multiple of `step` exactly enough (0 for steps ≥ 1).
func tickDecimals(_ step: Double) -> Int {
    var d = 0, s = step
    while s < 0.999_999 && d < 6 { s *= 10; d += 1 }
    return d
}

/// An axis range [lo, hi] that contains `lo...hi` and 0, with a nice step.
func niceRange(_ lo: Double, _ hi: Double, target: Int = 5) -> (lo: Double, hi: Double, step: Double) {
    var a = min(0, lo), b = max(0, hi)
    if !(b > a) { b = a + 1 }
    let step = niceStep(span: b - a, target: target)
    a = (a / step).rounded(.down) * step
    b = (b / step).rounded(.up) * step
    if b <= a { b = a + step }
    return (a, b, step)
}

/// Escapes text for HTML and SVG content and attribute values.
public func escapeXML(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for c in s {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(c)
        }
    }
    return out
}

/// A coordinate, px, with one decimal.
@inline(__always) func px(_ v: Double) -> String { formatFixed(v, decimals: 1) }

/// The indices of the points to draw when a series has more points than the plot has pixel
/// columns: per column the first, lowest, highest and last point, in index order. Peaks
/// and troughs survive; a series with at most 2 points per column is kept whole.
func decimatedIndices(xs: [Double], ys: [Double], x0: Double, x1: Double, columns: Int) -> [Int] {
    guard xs.count > 2 * columns, x1 > x0 else { return Array(xs.indices) }
    var keep: [Int] = []
    keep.reserveCapacity(4 * columns)
    var col = -1, first = 0, lo = 0, hi = 0, last = 0
    func flush() {
        guard col >= 0 else { return }
        var picks = [first, lo, hi, last]
        picks.sort()
        for p in picks where keep.last != p { keep.append(p) }
    }
    for i in xs.indices {
        let c = min(columns - 1, max(0, Int((xs[i] - x0) / (x1 - x0) * Double(columns))))
        if c != col {
            flush()
            col = c; first = i; lo = i; hi = i; last = i
        } else {
            if ys[i] < ys[lo] { lo = i }
            if ys[i] > ys[hi] { hi = i }
            last = i
        }
    }
    flush()
    return keep
}

/// A legend laid out in rows under a chart; returns its SVG and height. Swatches are squares,
/// or, with `dashes`, short lines in each entry's dash pattern (line charts).
func legendSVG(names: [String], top: Double, colors: [Int]? = nil, dashes: [String]? = nil) -> (svg: String, height: Double) {
    guard !names.isEmpty else { return ("", 0) }
    var s = "", x = ChartLayout.left, y = top
    let maxX = ChartLayout.width - ChartLayout.right
    let swatch = dashes == nil ? 16.0 : 30.0
    for (i, n) in names.enumerated() {
        let w = swatch + 2 + Double(n.count) * ChartLayout.charWidth + 16
        if x + w > maxX && x > ChartLayout.left { x = ChartLayout.left; y += ChartLayout.legendRow }
        if let dashes {
            let dash = dashes[i].isEmpty ? "" : " stroke-dasharray=\"\(dashes[i])\""
            s +=
                "<line x1=\"\(px(x))\" x2=\"\(px(x + 26))\" y1=\"\(px(y - 4))\" y2=\"\(px(y - 4))\" stroke=\"\(chartColor(colors?[i] ?? i))\" stroke-width=\"2.5\"\(dash)/>"
        } else {
            s += "<rect x=\"\(px(x))\" y=\"\(px(y - 10))\" width=\"12\" height=\"12\" fill=\"\(chartColor(colors?[i] ?? i))\"/>"
        }
        s += "<text x=\"\(px(x + swatch))\" y=\"\(px(y))\" class=\"legend\">\(escapeXML(n))</text>\n"
        x += w
    }
    return (s, y - top + ChartLayout.legendRow)
}

/// The legend name of each series: an arm's name, or "a = b" on the first of series that
/// draw the same points (identical figures), whose followers then get no entry of their own
/// (nil) — the reader sees why one line hides another.
func legendNames(_ series: [LineSeries]) -> [String?] {
    var names: [String?] = series.map(\.name)
    for i in series.indices where names[i] != nil {
        let same = series.indices.filter { $0 > i && names[$0] != nil && series[$0].xs == series[i].xs && series[$0].ys == series[i].ys }
        guard !same.isEmpty else { continue }
        names[i] = ([series[i].name] + same.map { series[$0].name }).joined(separator: " = ")
        for j in same { names[j] = nil }
    }
    return names
}

func svgOpen(height: Double, title: String) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(px(ChartLayout.width))\" height=\"\(px(height))\" "
        + "viewBox=\"0 0 \(px(ChartLayout.width)) \(px(height))\" role=\"img\" aria-label=\"\(escapeXML(title))\">\n"
        + "<text x=\"\(px(ChartLayout.left))\" y=\"20\" class=\"title\">\(escapeXML(title))</text>\n"
}

/// Horizontal grid lines and labels of a y axis from `yr.lo` to `yr.hi` in steps, at `Y(value)`.
func yGridSVG(_ yr: (lo: Double, hi: Double, step: Double), _ Y: (Double) -> Double, plotW: Double) -> String {
    let L = ChartLayout.self
    var s = ""
    let yd = tickDecimals(yr.step)
    for k in 0...Int(((yr.hi - yr.lo) / yr.step).rounded()) {
        let t = yr.lo + Double(k) * yr.step
        s += "<line x1=\"\(px(L.left))\" x2=\"\(px(L.left + plotW))\" y1=\"\(px(Y(t)))\" y2=\"\(px(Y(t)))\" class=\"grid\"/>"
        s += "<text x=\"\(px(L.left - 6))\" y=\"\(px(Y(t) + 4))\" class=\"tick\" text-anchor=\"end\">\(formatTick(t, decimals: yd))</text>\n"
    }
    return s
}

/// x tick marks and their labels under the axis: each label centred on its tick; one that
/// would cross the y axis's labels starts at its tick, one that would run past the right edge
/// ends there; a label that would touch the one before it is left out (the tick stays).
func xTicksSVG(_ ticks: [(x: Double, label: String)], _ X: (Double) -> Double, axisBottom: Double) -> String {
    let L = ChartLayout.self
    var s = "", lastRight = -Double.infinity
    for (u, label) in ticks {
        s += "<line x1=\"\(px(X(u)))\" x2=\"\(px(X(u)))\" y1=\"\(px(axisBottom))\" y2=\"\(px(axisBottom + 4))\" class=\"axis\"/>"
        let w = Double(label.count) * L.charWidth
        var anchor = "middle", x0 = X(u) - w / 2
        if x0 < L.left - 2 {
            anchor = "start"; x0 = X(u)
        } else if X(u) + w / 2 > L.width - 2 {
            anchor = "end"; x0 = X(u) - w
        }
        guard x0 > lastRight + 6 else { continue }
        lastRight = x0 + w
        s += "<text x=\"\(px(X(u)))\" y=\"\(px(axisBottom + 17))\" class=\"tick\" text-anchor=\"\(anchor)\">\(escapeXML(label))</text>\n"
    }
    return s
}

/// The x axis line, the x axis title under the tick labels and the y axis title turned on
/// its side at the left edge.
func axisTitlesSVG(plotW: Double, plotH: Double, axisBottom: Double, xLabel: String, yLabel: String) -> String {
    let L = ChartLayout.self
    return "<line x1=\"\(px(L.left))\" x2=\"\(px(L.left + plotW))\" y1=\"\(px(axisBottom))\" y2=\"\(px(axisBottom))\" class=\"axis\"/>\n"
        + "<text x=\"\(px(L.left + plotW / 2))\" y=\"\(px(axisBottom + 36))\" class=\"label\" text-anchor=\"middle\">\(escapeXML(xLabel))</text>\n"
        + "<text x=\"16\" y=\"\(px(L.top + plotH / 2))\" class=\"label\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(px(L.top + plotH / 2)))\">\(escapeXML(yLabel))</text>\n"
}

/// A line chart: x and y axes with nice ticks (y includes 0), one polyline per series
/// (class `series`, `data-series` = its name), a legend underneath.
///
/// Series longer than twice the plot's pixel width are thinned per pixel column (first,
/// min, max, last), so a week at 1-minute samples stays small and keeps its peaks.
///
/// Series k is drawn in its colour and in dash pattern k (`chartDash`); series with identical
/// points share one legend entry "a = b". With `clock`, x values are hours since the
/// scenario's start and the axis shows the local clock ("Mon 06:00").
public func lineChartSVG(title: String, xLabel: String, yLabel: String, series: [LineSeries], clock: ClockAxis? = nil, height: Double? = nil) -> String {
    let L = ChartLayout.self
    let plotW = L.width - L.left - L.right, plotH = height ?? L.lineHeight
    let allX = series.flatMap(\.xs), allY = series.flatMap(\.ys)
    // a clock axis starts at the run's start (the first sample comes one interval later)
    let xMin = clock != nil ? min(0, allX.min() ?? 0) : (allX.min() ?? 0), xMaxRaw = allX.max() ?? 1
    let xMax = xMaxRaw > xMin ? xMaxRaw : xMin + 1
    let yr = niceRange(allY.min() ?? 0, allY.max() ?? 1)
    let xStep = niceStep(span: xMax - xMin, target: 8)
    func X(_ x: Double) -> Double { L.left + (x - xMin) / (xMax - xMin) * plotW }
    func Y(_ y: Double) -> Double { L.top + (yr.hi - y) / (yr.hi - yr.lo) * plotH }
    let axisBottom = L.top + plotH
    let named = legendNames(series)
    let shown = series.indices.filter { named[$0] != nil }
    let legend = legendSVG(
        names: shown.map { named[$0]! }, top: axisBottom + 52, colors: shown.map { series[$0].color }, dashes: shown.map { chartDash($0) })
    var s = svgOpen(height: axisBottom + 52 + legend.height, title: title)
    s += yGridSVG(yr, Y, plotW: plotW)
    // x ticks: local clock times, or hours as first + k · step (no drift from repeated
    // additions), as the value axes do
    var xTicks: [(x: Double, label: String)] = []
    if let clock {
        let step = clock.step(spanS: (xMax - xMin) * 3600, target: 8)
        xTicks = clock.ticks(from: xMin * 3600, to: xMax * 3600, step: step).map { ($0 / 3600, clock.label($0, step: step)) }
    } else {
        let xd = tickDecimals(xStep)
        let firstTick = (xMin / xStep).rounded(.up), lastTick = ((xMax + xStep * 1e-9) / xStep).rounded(.down)
        for k in stride(from: firstTick, through: lastTick, by: 1) { xTicks.append((k * xStep, formatGrouped(k * xStep, decimals: xd))) }
    }
    s += xTicksSVG(xTicks, X, axisBottom: axisBottom)
    s += axisTitlesSVG(plotW: plotW, plotH: plotH, axisBottom: axisBottom, xLabel: xLabel, yLabel: yLabel)
    for (k, ser) in series.enumerated() {
        let idx = decimatedIndices(xs: ser.xs, ys: ser.ys, x0: xMin, x1: xMax, columns: Int(plotW))
        var pts = ""
        for k in idx {
            if !pts.isEmpty { pts += " " }
            pts += px(X(ser.xs[k])) + "," + px(Y(ser.ys[k]))
        }
        s +=
            "<polyline class=\"series\" data-series=\"\(escapeXML(ser.name))\" fill=\"none\" stroke=\"\(chartColor(ser.color))\" stroke-width=\"1.6\""
            + (chartDash(k).isEmpty ? "" : " stroke-dasharray=\"\(chartDash(k))\"") + " points=\"\(pts)\"/>\n"
    }
    s += legend.svg
    s += "</svg>\n"
    return s
}

/// The horizontal value axis of a bar chart: a vertical grid line per tick (the line at 0
/// drawn as an axis), tick labels under the plot and the unit under them.
func valueAxisSVG(
    _ r: (lo: Double, hi: Double, step: Double), _ X: (Double) -> Double,
    top: Double, bottom: Double, unit: String, center: Double
) -> String {
    var s = ""
    let d = tickDecimals(r.step)
    let ticks = Int(((r.hi - r.lo) / r.step).rounded())
    for k in 0...ticks {
        let t = r.lo + Double(k) * r.step
        let isZero = abs(t) < r.step * 1e-9
        s += "<line x1=\"\(px(X(t)))\" x2=\"\(px(X(t)))\" y1=\"\(px(top))\" y2=\"\(px(bottom))\" class=\"\(isZero ? "axis" : "grid")\"/>"
        s += "<text x=\"\(px(X(t)))\" y=\"\(px(bottom + 15))\" class=\"tick\" text-anchor=\"middle\">\(formatGrouped(isZero ? 0 : t, decimals: d))</text>\n"
    }
    s += "<text x=\"\(px(center))\" y=\"\(px(bottom + 31))\" class=\"label\" text-anchor=\"middle\">\(escapeXML(unit))</text>\n"
    return s
}

/// Horizontal stacked bars, one per row: segment k of every bar has colour k and the name
/// `segmentNames[k]` (legend, which lists only the segments some bar has); each bar's total
/// is written at its end with `unit`.
/// Each segment is a `rect` of class `segment` with `data-value` = its value.
public func stackedBarChartSVG(title: String, unit: String, segmentNames: [String], bars: [StackedBar], decimals: Int = 1) -> String {
    let L = ChartLayout.self
    let plotW = L.width - L.barLabel - 90 - L.right
    let totals = bars.map { $0.segments.reduce(0) { $0 + max(0, $1) } }
    let r = niceRange(0, totals.max() ?? 1)
    func X(_ v: Double) -> Double { L.barLabel + v / r.hi * plotW }
    let rowH = L.barThickness + L.barGap
    let axisBottom = L.top + Double(bars.count) * rowH
    // only the segments some bar has, each in its own colour; below the unit label
    let present = segmentNames.indices.filter { k in bars.contains { k < $0.segments.count && $0.segments[k] > 0 } }
    let legend = legendSVG(names: present.map { segmentNames[$0] }, top: axisBottom + 52, colors: present)
    var s = svgOpen(height: axisBottom + 52 + legend.height, title: title)
    s += valueAxisSVG(r, X, top: L.top, bottom: axisBottom, unit: unit, center: L.barLabel + plotW / 2)
    for (b, bar) in bars.enumerated() {
        let y = L.top + Double(b) * rowH + L.barGap / 2
        s += "<text x=\"\(px(L.barLabel - 8))\" y=\"\(px(y + 12))\" class=\"tick\" text-anchor=\"end\">\(escapeXML(bar.label))</text>\n"
        var acc = 0.0
        for (k, v) in bar.segments.enumerated() where v > 0 {
            s +=
                "<rect class=\"segment\" data-value=\"\(formatFixed(v, decimals: 6))\" x=\"\(px(X(acc)))\" y=\"\(px(y))\" "
                + "width=\"\(px(X(acc + v) - X(acc)))\" height=\"\(px(L.barThickness))\" fill=\"\(chartColor(k))\">"
                + "<title>\(escapeXML(segmentNames[k])): \(formatGrouped(v, decimals: decimals)) \(escapeXML(unit))</title></rect>\n"
            acc += v
        }
        s += "<text x=\"\(px(X(acc) + 6))\" y=\"\(px(y + 12))\" class=\"tick\">\(formatGrouped(totals[b], decimals: decimals))</text>\n"
    }
    s += legend.svg
    s += "</svg>\n"
    return s
}

/// Grouped horizontal bars around 0, one group per category and one bar per series (colour
/// `chartColor(colors[k])`, so an arm keeps its line-chart colour): for savings in percent, positive to the right.
/// Values beyond ±`clip` are drawn to the clip and marked with their value in the label.
/// Each bar is a `rect` of class `bar` with `data-value`.
public func divergingBarChartSVG(
    title: String, unit: String, seriesNames: [String], groups: [BarGroup],
    colors: [Int]? = nil, clip: Double = 100
) -> String {
    let L = ChartLayout.self
    let plotW = L.width - L.barLabel - 60 - L.right
    let vals = groups.flatMap { $0.values.compactMap { $0 } }.map { max(-clip, min(clip, $0)) }
    let r = niceRange(vals.min() ?? 0, vals.max() ?? 0)
    func X(_ v: Double) -> Double { L.barLabel + (v - r.lo) / (r.hi - r.lo) * plotW }
    // 16 px a bar: the 12 px value labels of neighbouring bars do not touch
    let barH = 16.0
    let groupH = Double(max(1, seriesNames.count)) * barH + L.barGap
    let axisBottom = L.top + Double(groups.count) * groupH
    // series k has colour colors[k]: the same arm, the same colour as in the line charts
    let legend = legendSVG(names: seriesNames, top: axisBottom + 52, colors: colors)
    var s = svgOpen(height: axisBottom + 52 + legend.height, title: title)
    s += valueAxisSVG(r, X, top: L.top, bottom: axisBottom, unit: unit, center: L.barLabel + plotW / 2)
    for (g, group) in groups.enumerated() {
        let y0 = L.top + Double(g) * groupH + L.barGap / 2
        s += "<text x=\"\(px(L.barLabel - 8))\" y=\"\(px(y0 + groupH / 2))\" class=\"tick\" text-anchor=\"end\">\(escapeXML(group.label))</text>\n"
        for (k, value) in group.values.enumerated() {
            guard let v = value else { continue }
            let c = max(-clip, min(clip, v))
            let y = y0 + Double(k) * barH
            let a = X(min(0, c)), b = X(max(0, c))
            s +=
                "<rect class=\"bar\" data-value=\"\(formatFixed(v, decimals: 6))\" x=\"\(px(a))\" y=\"\(px(y + 1))\" width=\"\(px(b - a))\" "
                + "height=\"\(px(barH - 2))\" fill=\"\(chartColor(colors?[k] ?? k))\"><title>\(escapeXML(seriesNames[k])) \(escapeXML(group.label)): "
                + "\(formatGrouped(v, decimals: 1)) \(escapeXML(unit))</title></rect>"
            let mark = c != v ? (v < 0 ? "◀ " : "▶ ") : ""
            // labels right of the bar's end, or right of the zero line for a negative bar (its
            // left end may reach the category labels)
            s += "<text x=\"\(px(b + 4))\" y=\"\(px(y + barH - 2))\" class=\"value\">\(mark)\(formatGrouped(v, decimals: 1))</text>\n"
        }
    }
    s += legend.svg
    s += "</svg>\n"
    return s
}
