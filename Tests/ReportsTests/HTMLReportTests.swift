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

    @Test("a baseline more than 4× above every other arm is not drawn, and the title says so")
    func offScaleBaseline() throws {
        let base = Self.arm("physical", baseline: true, hostsOn: [400, 400, 400], powerW: [4000, 4000, 4000])
        let v = Self.arm("virtual", hostsOn: [7, 6, 7], powerW: [3000, 2000, 3000])
        let doc = try Self.parse(htmlReport([base, v], header: Self.header))
        let lines = try Self.nodes(doc, "polyline")
        // hosts: 400 > 4 · 7 → left out; power: 4 kW < 4 · 3 kW → drawn
        #expect(lines.map { $0.attr("data-series") } == ["virtual", "physical", "virtual"])
        let titles = try Self.nodes(doc, "text", where: "class", is: "title").map { $0.stringValue ?? "" }
        #expect(titles.contains("Hosts powered on (baseline physical off the scale, not drawn: 400 hosts)"))
        #expect(titles.contains("IT power"))
        // the drawn arm keeps its colour (second in the palette), as in the savings chart
        #expect(lines[0].attr("stroke") == chartPalette[1])
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
        // 80 saved: hardware 60 (75%), power_cooling 30 (37.5% → 38), admin −10 (−12.5% → −13)
        #expect(
            savingSentence(arm: new, baseline: base)
                == "Total cost falls by 80 USD (40%) over the simulated period; share of the change by category: hardware 75%, power_cooling 38%, admin -13%.")
        var contended = new
        contended.cpuReady.p95Pct = 12.34
        contended.cpuReady.perfLossPct = 5.06
        let html = htmlReport([base, contended], header: Self.header)
        #expect(html.contains("<h3>new: where the saving comes from</h3>"))
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
