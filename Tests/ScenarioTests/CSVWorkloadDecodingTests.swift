import Foundation
import Testing
import Scenario

/// `workload: {type: csv, …}` through the scenario decoder: paths relative to the scenario,
/// the scenario's time zone as the default, groups taking consecutive VMs, errors with the
/// trace file's line and column.
@Suite("csv workloads in scenarios")
struct CSVWorkloadDecodingTests {
    /// A folder holding `util.csv` (two VMs): `a` in UTC, `b` in local time without an offset,
    /// 01:30 local at 10%, 02:00 local at 90%.
    static func folder() -> String {
        let dir = NSTemporaryDirectory() + "virtsim-csv-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir + "/traces", withIntermediateDirectories: true)
        let csv = """
            Time,Name,CPU
            2026-01-05T00:00:00Z,a,40
            2026-01-05T01:30:00,b,10
            2026-01-05T02:00:00,b,90

            """
        try! csv.write(toFile: dir + "/traces/util.csv", atomically: true, encoding: .utf8)
        return dir
    }

    /// The scenario with `workload` shared by two groups of one VM each, and `top` keys.
    static func scenario(workload: String, top: String = "") -> String {
        """
        duration: 4 h
        \(top)
        workload: \(workload)
        host_types:
          h: {cores: 4, core_mips: 1000, ram: 16 GiB, power: {model: linear, idle_w: 100, max_w: 200}}
        vm_groups:
          - {name: first, count: 1, vcpus: 1, mips_per_vcpu: 1000, ram: 1 GiB}
          - {name: rest, vcpus: 1, mips_per_vcpu: 1000, ram: 1 GiB}
        arms:
          - {name: packed, placement: first-fit, host_groups: [{type: h, count: 1}]}
        """
    }

    /// The decoded model (nil on errors) and the issues, for `yaml` in `dir`.
    static func decode(_ yaml: String, in dir: String) throws -> (ScenarioModel?, [String]) {
        let doc = try YAMLDocument.parse(yaml: yaml, file: dir + "/s.yaml", directory: dir)
        let collector = IssueCollector()
        let model = decodeScenario(doc, collector: collector)
        return (model, collector.issues.map(\.description))
    }

    static let workload = "{type: csv, path: traces/util.csv, columns: {timestamp: time, vm: name, cpu_pct: cpu}, after_end: hold}"

    @Test("local timestamps follow the scenario's time_zone unless the workload gives its own")
    func timeZones() throws {
        let dir = Self.folder()
        // Amsterdam (UTC+1 in January): b's samples at 00:30Z and 01:00Z, steps 6 and 12.
        let (amsterdam, issues) = try Self.decode(Self.scenario(workload: Self.workload, top: "time_zone: Europe/Amsterdam"), in: dir)
        #expect(issues.isEmpty, "\(issues)")
        let b = try #require(amsterdam?.groups.last?.workload)
        #expect(abs(b.demand(member: 0, step: 11).cpu - 0.1) < 1e-5 && abs(b.demand(member: 0, step: 12).cpu - 0.9) < 1e-5)
        // the workload's own UTC: b's samples at 01:30Z and 02:00Z, steps 18 and 24
        let own = Self.workload.replacingOccurrences(of: "after_end: hold", with: "after_end: hold, time_zone: UTC")
        let (utc, _) = try Self.decode(Self.scenario(workload: own, top: "time_zone: Europe/Amsterdam"), in: dir)
        let u = try #require(utc?.groups.last?.workload)
        #expect(abs(u.demand(member: 0, step: 23).cpu - 0.1) < 1e-5 && abs(u.demand(member: 0, step: 24).cpu - 0.9) < 1e-5)
    }

    @Test("groups take consecutive VMs in name order; the trace bounds their count")
    func groupsTakeConsecutiveMembers() throws {
        let dir = Self.folder()
        let (model, issues) = try Self.decode(Self.scenario(workload: Self.workload), in: dir)
        #expect(issues.isEmpty, "\(issues)")
        let groups = try #require(model?.groups)
        #expect(groups.map(\.count) == [1, 1])
        #expect(abs(groups[0].workload.demand(member: 0, step: 5).cpu - 0.4) < 1e-5)  // a
        let three = Self.scenario(workload: Self.workload).replacingOccurrences(of: "name: first, count: 1", with: "name: first, count: 3")
        let (_, tooMany) = try Self.decode(three, in: dir)
        #expect(tooMany.joined().contains("the trace has 2 VM files and 0 are used by earlier groups: 2 left, 3 asked for"), "\(tooMany)")
    }

    @Test("bad keys and bad trace content are reported where they are")
    func errors() throws {
        let dir = Self.folder()
        let badColumns = Self.workload.replacingOccurrences(of: "cpu_pct: cpu", with: "cpu: cpu")
        let (_, unknown) = try Self.decode(Self.scenario(workload: badColumns), in: dir)
        #expect(unknown.contains { $0.contains("workload.columns.cpu: unknown key \"cpu\"") }, "\(unknown)")
        let badZone = Self.workload.replacingOccurrences(of: "after_end: hold", with: "time_zone: Mars/Olympus")
        let (_, zone) = try Self.decode(Self.scenario(workload: badZone), in: dir)
        #expect(zone.contains { $0.contains("workload.time_zone: unknown time zone \"Mars/Olympus\"") }, "\(zone)")
        #expect(!zone.contains { $0.contains("workload.path") }, "reported once, at time_zone: \(zone)")
        try "Time,Name,CPU\n2026-01-05T00:00:00Z,a,140\n".write(toFile: dir + "/traces/util.csv", atomically: true, encoding: .utf8)
        let (model, content) = try Self.decode(Self.scenario(workload: Self.workload), in: dir)
        #expect(model == nil)
        #expect(
            content.contains { $0.contains("workload.path: " + dir + "/traces/util.csv:2:24: column \"CPU\": expected a percentage 0–100, found \"140\"") },
            "\(content)")
    }
}
