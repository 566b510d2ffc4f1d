import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Testing
@testable import Engine
import Reports

extension XMLElement {
    /// The value of attribute `name` (found by scanning: corelibs-foundation's
    /// `attribute(forName:)` misses unprefixed attributes of namespaced SVG elements).
    func attr(_ name: String) -> String? {
        attributes?.first { $0.name == name || $0.localName == name }?.stringValue
    }
}

/// `report.html`: what its charts draw, checked against hand-computed pixel positions and
/// values, with the page parsed as XML.
@Suite("report.html: charts and tables")
struct HTMLReportTests {
    /// An arm with samples at 1, 2, 3 h (hosts on, IT power W) and the given economics.
    static func arm(
        _ name: String, baseline: Bool = false, hostsOn: [Int], powerW: [Double],
        itKWh: Double = 0, coolingKWh: Double = 0, facilityKWh: Double = 0,
        costs: [Double] = []
    ) -> ArmResult {
        var e = ArmEconomicsFigures()
        e.coolingEnergyKWh = coolingKWh; e.facilityEnergyKWh = facilityKWh
        if !costs.isEmpty {
            e.costPeriodUSD = costs + [costs.reduce(0, +)]
            e.costAnnualUSD = e.costPeriodUSD
        }
        let rows = hostsOn.indices.map {
            TimeseriesRow(timeS: Double($0 + 1) * 3600, hostsOn: hostsOn[$0], vmsRunning: 0, itPowerW: powerW[$0], cpuUtilMeanPct: 0)
        }
        return ArmResult(
            arm: name, isBaseline: baseline, hostsTotal: hostsOn.max() ?? 0, hostsUsedMax: hostsOn.max() ?? 0, vms: 4,
            vmsUnplaced: 0, simHours: 3, itEnergyKWh: itKWh, itPowerMeanW: 0, cpuUtilMeanPct: 0, hostsOnMean: 0,
            migrations: 0, hostBoots: 0, cpuDemandUnmetPct: 0, events: 0, economics: e, timeseries: rows, hosts: [])
    }

    static let header = ReportHeader(scenarioName: "test", scenarioFile: "t.yaml", seed: 1, simulatedHours: 3, version: "0")

    static func parse(_ html: String) throws -> XMLDocument {
        try XMLDocument(xmlString: html, options: [])
    }

    /// Elements named `name` (any namespace) with attribute `attr` = `value`.
    static func nodes(_ doc: XMLDocument, _ name: String, where attr: String? = nil, is value: String? = nil) throws -> [XMLElement] {
        let q = attr.map { "//*[local-name()='\(name)'][@\($0)='\(value!)']" } ?? "//*[local-name()='\(name)']"
        return try doc.nodes(forXPath: q).compactMap { $0 as? XMLElement }
    }

    @Test("hosts on over time: each sample at x = 72 + (t − 1 h)/2 h · 668 px, y = 34 + (2 − hosts)/2 · 220 px")
    func linePoints() throws {
        // x spans 1–3 h over the 668 px plot (760 − 72 − 20); y: 0–2 hosts (nice range, step 0.5)
        // over 220 px from y = 34. Neither arm is a baseline, so both are drawn.
        let a = Self.arm("a", hostsOn: [2, 1, 2], powerW: [100, 50, 100])
        let b = Self.arm("b", hostsOn: [1, 1, 1], powerW: [50, 50, 50])
        let doc = try Self.parse(htmlReport([a, b], header: Self.header))
        let lines = try Self.nodes(doc, "polyline")
        #expect(lines.count == 4)  // hosts on and IT power, two arms each
        let pts = lines.map { ($0.attr("data-series") ?? "", $0.attr("points") ?? "") }
        #expect(pts[0] == ("a", "72,34 406,144 740,34"))
        #expect(pts[1] == ("b", "72,144 406,144 740,144"))
        // IT power: 0–0.1 kW (step 0.02): 0.1 kW at the top, 0.05 kW half-way
        #expect(pts[2] == ("a", "72,34 406,144 740,34"))
        // the arms keep their colours: a is the palette's first, b its second
        #expect(lines[0].attr("stroke") == chartPalette[0])
        #expect(lines[1].attr("stroke") == chartPalette[1])
    }

    @Test("a baseline more than 4× above every other arm gets a small chart of its own above the others (small multiples)")
    func offScaleBaseline() throws {
        let base = Self.arm("physical", baseline: true, hostsOn: [400, 400, 400], powerW: [4000, 4000, 4000])
        let v = Self.arm("virtual", hostsOn: [7, 6, 7], powerW: [3000, 2000, 3000])
        let doc = try Self.parse(htmlReport([base, v], header: Self.header))
        let lines = try Self.nodes(doc, "polyline")
        // hosts: 400 > 4 · 7 → two panels; power: 4 kW < 4 · 3 kW → one chart with both
        #expect(lines.map { $0.attr("data-series") } == ["physical", "virtual", "physical", "virtual"])
        let titles = try Self.nodes(doc, "text", where: "class", is: "title").map { $0.stringValue ?? "" }
        #expect(titles.contains("Hosts powered on: physical (baseline), its own scale"))
        #expect(titles.contains("Hosts powered on: the other arms"))
        #expect(titles.contains("IT power"))
        // each arm keeps its colour in every panel
        #expect(lines[0].attr("stroke") == chartPalette[0] && lines[1].attr("stroke") == chartPalette[1])
        // the baseline's panel is the small one: 110 px of plot, its line from y = 34 (400 hosts at the top)
        #expect(lines[0].attr("points") == "72,34 406,34 740,34")
    }

    @Test("energy bars: IT, cooling and other facility segments with their values, widths in proportion")
    func energyBars() throws {
        // facility 45 = IT 30 + cooling 10 + other 5; the axis runs 0–50 kWh (step 10)
        let a = Self.arm("a", hostsOn: [1, 1, 1], powerW: [1, 1, 1], itKWh: 30, coolingKWh: 10, facilityKWh: 45)
        let doc = try Self.parse(htmlReport([a], header: Self.header))
        let segs = try Self.nodes(doc, "rect", where: "class", is: "segment")
        #expect(segs.map { $0.attr("data-value") } == ["30", "10", "5"])
        let widths = segs.map { Double($0.attr("width") ?? "") ?? -1 }
        // the plot is 760 − 170 − 90 − 20 = 480 px for 50 kWh: 9.6 px per kWh
        #expect(widths == [288, 96, 48])
    }

    @Test("carbon: operational (location) and embodied segments per arm, market figures in a note; no section without carbon")
    func carbonBars() throws {
        var a = Self.arm("a", hostsOn: [1, 1, 1], powerW: [1, 1, 1], itKWh: 30, coolingKWh: 10, facilityKWh: 45)
        #expect(!htmlReport([a], header: Self.header).contains("<h2>Carbon</h2>"))
        a.economics.carbon = CarbonFigures(locationKgCO2e: 18, marketKgCO2e: 4.5, embodiedKgCO2e: 2)
        let html = htmlReport([a], header: Self.header)
        let doc = try Self.parse(html)
        let segs = try Self.nodes(doc, "rect", where: "class", is: "segment")
        // the energy bar (30, 10, 5), then the carbon bar: 45 kWh × 400 g = 18 kg, embodied 2 kg
        #expect(segs.map { $0.attr("data-value") } == ["30", "10", "5", "18", "2"])
        #expect(html.contains("Operational carbon, market-based (kgCO2e): a 4.5."))
    }

    @Test("where the saving comes from: the categories' savings add up to the total's, shares of the net change")
    func savingSourcesAddUp() throws {
        // categories: hardware, storage, power_cooling, licence, support, admin, space, cloud
        let base = Self.arm("old", baseline: true, hostsOn: [2, 2, 2], powerW: [1, 1, 1], costs: [100, 0, 50, 0, 0, 50, 0, 0])
        let new = Self.arm("new", hostsOn: [1, 1, 1], powerW: [1, 1, 1], costs: [40, 0, 20, 0, 0, 60, 0, 0])
        let parts = savingSources(arm: new, baseline: base)
        #expect(parts.map(\.category) == ["hardware", "storage", "power_cooling", "licence", "support", "admin", "space", "cloud"])
        #expect(parts.map(\.savingUSD).reduce(0, +) == 200 - 120)
        // 80 saved of 200 (40%): hardware 60 of 100, power and cooling 30 of 50, admin 10 more than 50
        #expect(savingSentence(arm: new, baseline: base) == "Total cost falls by 80 USD (40%) over the simulated period.")
        #expect(
            savingLines(arm: new, baseline: base) == [
                "Hardware: 60 USD less than the baseline (−60%).", "Power and cooling: 30 USD less than the baseline (−60%).",
                "Administration: 10 USD more than the baseline (+20%)."
            ])
        var contended = new
        contended.cpuReady.p95Pct = 12.34
        contended.cpuReady.perfLossPct = 5.06
        let html = htmlReport([base, contended], header: Self.header)
        #expect(html.contains("<h3>new: where the saving comes from</h3>"))
        #expect(html.contains("<li>Administration: 10 USD more than the baseline (+20%).</li>"))
        // the performance cost next to the saving: the arm's ready p95 and perf loss, then the baseline's
        #expect(
            html.contains(
                "Performance cost (CPU contention): ready p95 12.3%, perf loss 5.1% against the baseline's ready p95 -%, perf loss 0%; unmet CPU 0%."),
            "\(html)")
    }

    @Test("savings chart: a cost rise beyond −100% is clipped at −100 and labelled with its value")
    func clippedSaving() throws {
        let svg = divergingBarChartSVG(
            title: "s", unit: "%", seriesNames: ["x"],
            groups: [BarGroup(label: "licence_cost", values: [-250]), BarGroup(label: "hosts", values: [50])])
        let doc = try Self.parse("<html>" + svg + "</html>")
        let bars = try Self.nodes(doc, "rect", where: "class", is: "bar")
        #expect(bars.map { $0.attr("data-value") } == ["-250", "50"])
        // axis −100…50 over 760 − 170 − 60 − 20 = 510 px: −100 at x = 170, 0 at 170 + 340 = 510
        #expect(bars[0].attr("x") == "170")
        #expect(bars[0].attr("width") == "340")
        #expect(bars[1].attr("x") == "510")
        #expect(bars[1].attr("width") == "170")
        #expect(svg.contains(">◀ -250</text>"))
    }

    @Test("names with markup characters are escaped; the page parses as XML")
    func escaping() throws {
        let a = Self.arm("a<b & \"c\"", hostsOn: [1, 2, 1], powerW: [1, 2, 1])
        let html = htmlReport([a], header: ReportHeader(scenarioName: "x & y", scenarioFile: "<f>.yaml", seed: 1, simulatedHours: 3, version: "0"))
        let doc = try Self.parse(html)
        let line = try Self.nodes(doc, "polyline")
        #expect(line.first?.attr("data-series") == "a<b & \"c\"")
        #expect(try Self.nodes(doc, "h1").first?.stringValue == "x & y")
    }

    @Test("a long series is thinned per pixel column and keeps its peak")
    func decimation() throws {
        // 10,000 samples, one spike at sample 5,000: far more than 2 per pixel column
        let n = 10_000
        var hosts = [Int](repeating: 1, count: n)
        hosts[5000] = 9
        let a = Self.arm("a", hostsOn: hosts, powerW: [Double](repeating: 1, count: n))
        let doc = try Self.parse(htmlReport([a], header: Self.header))
        let pts = (try Self.nodes(doc, "polyline").first?.attr("points") ?? "").split(separator: " ")
        #expect(pts.count < 4 * 668 && pts.count > 668)
        // y of 9 hosts on a 0–10 axis: 34 + (10 − 9)/10 · 220 = 56
        #expect(pts.contains { $0.hasSuffix(",56") })
    }
}

/// What a slide needs from `report.html`: words, separators, clock times, no label on another,
/// identical lines told apart.
@Suite("report.html: slide-ready text and layout")
struct ReportTextTests {
    @Test("thousands separators: 14,428.19; -1,234,567; 999; 0.5; huge values as formatFixed prints them")
    func grouped() {
        #expect(formatGrouped(14428.19, decimals: 2) == "14,428.19")
        #expect(formatGrouped(-1_234_567, decimals: 0) == "-1,234,567")
        #expect(formatGrouped(999, decimals: 0) == "999" && formatGrouped(1000, decimals: 0) == "1,000")
        #expect(formatGrouped(0.5, decimals: 2) == "0.5" && formatGroupedInt(20000) == "20,000")
        #expect(formatGrouped(.nan, decimals: 2) == "nan")
    }

    @Test("clock axis: a Monday 00:00 UTC start over 24 h ticks every 3 h as Mon 00:00 … Tue 00:00; Berlin is an hour ahead")
    func clock() {
        // 2026-01-05T00:00:00Z = 1,767,571,200 s, a Monday
        let utc = ClockAxis(startEpochS: 1_767_571_200, utcOffsetS: 0, zoneName: "UTC")
        let step = utc.step(spanS: 86_400, target: 8)
        #expect(step == 10_800)
        let ticks = utc.ticks(from: 0, to: 86_400, step: step)
        #expect(ticks == stride(from: 0.0, through: 86_400, by: 10_800).map { $0 })
        #expect(ticks.map { utc.label($0, step: step) }.first == "Mon 00:00" && utc.label(86_400, step: step) == "Tue 00:00")
        // a week steps by a day and names the date at midnight
        #expect(utc.step(spanS: 7 * 86_400, target: 8) == 86_400 && utc.label(86_400, step: 86_400) == "Tue 6 Jan")
        // local 01:00 in Berlin at 00:00 UTC: the first 3-hour tick is 03:00 local, 2 h in
        let berlin = ClockAxis(startEpochS: 1_767_571_200, utcOffsetS: 3600, zoneName: "Europe/Berlin")
        #expect(berlin.ticks(from: 0, to: 86_400, step: 10_800).first == 7200 && berlin.label(7200, step: 10_800) == "Mon 03:00")
    }

    @Test("identical series: one legend entry \"esxi = xen\", the second line dashed")
    func identical() throws {
        let a = HTMLReportTests.arm("esxi", hostsOn: [9, 9, 9], powerW: [1, 2, 1])
        let b = HTMLReportTests.arm("xen", hostsOn: [9, 9, 9], powerW: [1, 2, 1])
        let doc = try HTMLReportTests.parse(htmlReport([a, b], header: HTMLReportTests.header))
        let lines = try HTMLReportTests.nodes(doc, "polyline")
        #expect(lines[0].attr("stroke-dasharray") == nil && lines[1].attr("stroke-dasharray") == chartDash(1))
        let legend = try HTMLReportTests.nodes(doc, "text", where: "class", is: "legend").map { $0.stringValue ?? "" }
        #expect(legend.filter { $0 == "esxi = xen" }.count == 2, "one entry per chart: \(legend)")
        #expect(!legend.contains("xen"))
    }

    @Test("cost legend lists only categories some arm has, in words; the unit label sits above the legend, not on it")
    func legendAndLayout() throws {
        // hardware and admin only: no Storage, Licences, … entries
        let a = HTMLReportTests.arm("a", baseline: true, hostsOn: [2, 2, 2], powerW: [1, 1, 1], costs: [100, 0, 0, 0, 0, 50, 0, 0])
        let b = HTMLReportTests.arm("b", hostsOn: [1, 1, 1], powerW: [1, 1, 1], costs: [40, 0, 0, 0, 0, 60, 0, 0])
        let html = htmlReport([a, b], header: HTMLReportTests.header)
        let doc = try HTMLReportTests.parse(html)
        let svgs = try HTMLReportTests.nodes(doc, "svg")
        let cost = try #require(svgs.first { ($0.attr("aria-label") ?? "").hasPrefix("Cost over the simulated period") })
        let texts = (cost.children ?? []).compactMap { $0 as? XMLElement }.filter { $0.name == "text" }
        let legend = texts.filter { $0.attr("class") == "legend" }
        #expect(legend.map { $0.stringValue ?? "" } == ["Hardware", "Administration"])
        let unit = try #require(texts.first { $0.attr("class") == "label" && $0.stringValue == "USD" })
        // 12 px text: the unit label's baseline is above the top of the legend's glyphs (baseline − 12)
        let unitY = Double(unit.attr("y") ?? "") ?? 0, legendY = Double(legend[0].attr("y") ?? "") ?? 0
        #expect(legendY - 12 >= unitY + 2, "unit at \(unitY), legend at \(legendY)")
        #expect(html.contains(">Total cost<") && html.contains(">Hosts<") && !html.contains(">total_cost<"), "savings categories in words")
    }
}

@Suite("savings.csv: lines that cannot be read as savings")
struct SavingsValidityTests {
    @Test("a storage line of an arm without storage against a baseline with storage: no saving, not valid; other lines unaffected")
    func storageOnOneSide() throws {
        var base = HTMLReportTests.arm("base", baseline: true, hostsOn: [2], powerW: [200], itKWh: 10)
        var arm = HTMLReportTests.arm("arm", hostsOn: [1], powerW: [100], itKWh: 4)
        base.economics.storageModelled = true
        base.economics.storagePhysicalGB = 800
        let lines = savings([base, arm])
        let storage = try #require(lines.first { $0.category == "storage_physical" })
        #expect(storage.saving == nil && storage.savingPct == nil && !storage.valid)
        #expect(storage.note == "storage is modelled in base only")
        let energy = try #require(lines.first { $0.category == "it_energy" })
        #expect(energy.valid && energy.saving == 6 && energy.savingPct == 60)
        let csv = savingsTable.render([storage])
        #expect(csv.hasSuffix("arm,storage_physical,GB,800,0,,,0,storage is modelled in base only\n"), "\(csv)")
        // both modelled: comparable again
        arm.economics.storageModelled = true
        #expect(savings([base, arm]).allSatisfy { $0.valid })
    }

    @Test("a baseline that ran fewer VMs than the arm flags every line of that arm")
    func fewerVMs() throws {
        let base = HTMLReportTests.arm("base", baseline: true, hostsOn: [2], powerW: [200], itKWh: 10)
        var arm = HTMLReportTests.arm("arm", hostsOn: [1], powerW: [100], itKWh: 4)
        arm.vms = 5
        let lines = savings([base, arm])
        #expect(lines.allSatisfy { !$0.valid && $0.note == "baseline base ran 4 VMs, arm 5" })
        #expect(lines.allSatisfy { $0.saving != nil })  // still computed, but flagged
    }
}
