import Engine

/// The report's carbon section (`carbon:` scenarios; empty otherwise): a bar per arm of
/// operational (location-based) and embodied kgCO2e over the simulated period, then each arm's
/// market-based figure, which GHG Protocol Scope 2 reports beside the location-based one
/// (`Carbon.md`).
func carbonSection(_ results: [ArmResult]) -> String {
    let withCarbon = results.filter { $0.economics.carbon != nil }
    guard !withCarbon.isEmpty else { return "" }
    var h = "<h2>Carbon</h2>\n"
    h += stackedBarChartSVG(
        title: "Carbon over the simulated period", unit: "kgCO2e", segmentNames: ["operational (location-based)", "embodied"],
        bars: withCarbon.map { r in
            let c = r.economics.carbon!
            return StackedBar(label: r.arm, segments: [c.locationKgCO2e, c.embodiedKgCO2e])
        })
    let market = withCarbon.map { r in
        "\(escapeXML(r.arm)) \(formatFixed(r.economics.carbon!.marketKgCO2e, decimals: 2))"
    }
    h +=
        "<p class=\"note\">Operational carbon, market-based (kgCO2e): \(market.joined(separator: "; ")). "
        + "Facility energy × grid intensity, hour by hour; embodied carbon amortised over each device's life "
        + "(summary.csv: kgco2e_location, kgco2e_market, kgco2e_embodied).</p>\n"
    return h
}
