import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Testing
@testable import Reports

/// A sweep's `aggregate_wide.csv` and `report.html`, from hand-written aggregate.csv records.
@Suite("Sweep report: wide aggregate, bands, Pareto front")
struct SweepReportTests {
    /// Two points of one axis (x = 1, 2), arm a with two metrics, arm b with one; point 1's
    /// slav of arm b has one run (no interval).
    static let records: [[String]] = [
        ["point_index", "x", "arm", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"],
        ["0", "1", "a", "it_energy_kwh", "3", "10", "1", "8", "12"],
        ["0", "1", "a", "slav", "3", "0.8", "0.1", "0.7", "0.9"],
        ["0", "1", "b", "it_energy_kwh", "3", "20", "1", "18", "22"],
        ["1", "2", "a", "it_energy_kwh", "3", "8", "1", "7", "9"],
        ["1", "2", "a", "slav", "3", "0.7", "0.1", "0.6", "0.8"],
        ["1", "2", "b", "it_energy_kwh", "1", "15", "", "", ""],
        ["1", "2", "b", "slav", "1", "0.2", "", "", ""]
    ]

    @Test("aggregate_wide.csv: one row per point and arm, mean and interval columns per metric, empty where missing")
    func wide() throws {
        let text = String(decoding: SweepReport.wide(Self.records, axes: ["x"]), as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "point_index,x,arm,n,it_energy_kwh,it_energy_kwh_ci95_low,it_energy_kwh_ci95_high,slav,slav_ci95_low,slav_ci95_high")
        #expect(lines[1] == "0,1,a,3,10,8,12,0.8,0.7,0.9")
        #expect(lines[2] == "0,1,b,3,20,18,22,,,")
        #expect(lines[3] == "1,2,a,3,8,7,9,0.7,0.6,0.8")
        #expect(lines[4] == "1,2,b,1,15,,,0.2,,")
        #expect(lines.count == 5)
    }

    @Test("Pareto front, both minimised: (1,5) (2,2) (4,1) stay; (3,3) and (2,6) are dominated; ties kept once each")
    func pareto() {
        let pts: [(x: Double, y: Double)] = [(3, 3), (1, 5), (2, 2), (4, 1), (2, 6), (2, 2)]
        let front = SweepReport.paretoFront(pts).map { pts[$0] }
        #expect(front.map(\.x) == [1, 2, 2, 4] && front.map(\.y) == [5, 2, 2, 1])
    }

    @Test("report.html: a band per arm with intervals, the SLA metric is slav, the front ringed; parses as XML")
    func html() throws {
        let html = SweepReport.html(name: "s", records: Self.records, axes: ["x"], runs: 6, failed: 0)
        let doc = try XMLDocument(xmlString: html, options: [])
        let bands = try doc.nodes(forXPath: "//*[local-name()='polygon'][@class='band']").compactMap { $0 as? XMLElement }
        // IT energy chart: a has two intervals, b one (point 0); slav chart: a two, b none
        #expect(bands.count == 3)
        #expect(html.contains("Energy against SLAV"))
        // (energy, slav): a (10, 0.8), (8, 0.7); b (15, 0.2) — a's point 1 dominates its point 0 (less of both);
        // b's point 1 has the least slav, so it stays
        let rings = try doc.nodes(forXPath: "//*[local-name()='circle'][@class='pareto']")
        #expect(rings.count == 2)
        #expect(html.contains("<td>point 1, a</td>") && html.contains("<td>point 1, b</td>") && !html.contains("<td>point 0, a</td>"))
    }
}
