import Foundation
import Testing
import Engine
@testable import Scenario

/// `yaml` (as `f.yaml`) with `overrides`: the model, or nil, and every issue as printed.
func decodeFailureScenario(_ yaml: String, _ overrides: [String]) throws -> (ScenarioModel?, [String]) {
    let doc = try YAMLDocument.parse(yaml: yaml, file: "f.yaml", directory: "/tmp")
    try doc.apply(overrides: overrides)
    let collector = IssueCollector()
    let m = decodeScenario(doc, collector: collector)
    return (m, collector.issues.map(\.description))
}

/// `arms[].host_groups[].failures` and `vm_groups[].restart_priority`: read as written, bad
/// values refused with file, line:column and path.
@Suite("Host failures: decoding")
struct FailureDecodingTests {
    static let yaml = """
        name: t
        duration: 2 h
        host_types:
          h: {cores: 4, core_mips: 2000, ram: 16 GiB, power: {model: linear, idle_w: 100, max_w: 200}}
        vm_groups:
          - {name: web, count: 4, vcpus: 1, mips_per_vcpu: 1000, ram: 1 GiB, restart_priority: highest, workload: {type: constant, cpu: 0.2}}
        arms:
          - name: a
            placement: first-fit
            host_groups:
              - {type: h, count: 2, failures: {schedule: [{host: 1, at: 30 min, repair: 1 h}], restart_delay: 2 min}}
              - {type: h, count: 1, failures: {mtbf_h: 500, mttr_h: 4, restart_delay: 30 s}}
        """

    static func decode(_ overrides: [String]) throws -> (ScenarioModel?, [String]) { try decodeFailureScenario(yaml, overrides) }

    @Test("a schedule and an MTBF/MTTR pair are read as written, with the restart priority")
    func readsBothForms() throws {
        let (m, issues) = try Self.decode([])
        #expect(issues.isEmpty, "\(issues)")
        let arm = try #require(m?.arms.first)
        #expect(arm.hostGroups[0].failures == HostFailureSettings(model: .schedule([ScheduledFailure(host: 1, atS: 1800, repairS: 3600)]), restartDelayS: 120))
        #expect(arm.hostGroups[1].failures == HostFailureSettings(model: .exponential(mtbfH: 500, mttrH: 4), restartDelayS: 30))
        #expect(m?.groups.first?.restartPriority == .highest)
        #expect(arm.hosts.map(\.member) == [0, 1, 0] && arm.hosts.map(\.group) == [0, 0, 1])
    }

    /// The scenario with `find` replaced by `replace` (positions are those of the text).
    static func decodeEdited(_ find: String, _ replace: String) throws -> (ScenarioModel?, [String]) {
        #expect(yaml.contains(find))
        let doc = try YAMLDocument.parse(yaml: yaml.replacingOccurrences(of: find, with: replace), file: "f.yaml", directory: "/tmp")
        let collector = IssueCollector()
        let m = decodeScenario(doc, collector: collector)
        return (m, collector.issues.map(\.description))
    }

    @Test(
        "bad failures are refused at their path with line:column",
        arguments: [
            ("mtbf_h: 500", "mtbf_h: -3", "f.yaml:12:48: arms[0].host_groups[1].failures.mtbf_h: expected a number between 1e-06 and 1000000000, found -3"),
            ("mtbf_h: 500", "mtbf_h: soon", "f.yaml:12:48: arms[0].host_groups[1].failures.mtbf_h: expected a number"),
            (
                "host: 1", "host: 2",
                "f.yaml:11:58: arms[0].host_groups[0].failures.schedule[0].host: host 2 is out of range: the group has 2 host(s), indices 0…1"
            ),
            (", restart_delay: 30 s", "", "f.yaml:12:39: arms[0].host_groups[1].failures: missing required key \"restart_delay\""),
            (
                "mttr_h: 4, ", "",
                "f.yaml:12:39: arms[0].host_groups[1].failures: give mtbf_h (mean time between failures, h) and mttr_h (mean time to repair, h) together"
            ),
            (
                "mttr_h: 4,", "mttr_h: 4, schedule: [{host: 0, at: 1 h, repair: 1 h}],",
                "f.yaml:12:39: arms[0].host_groups[1].failures: give either mtbf_h and mttr_h (random failures) or schedule (given failures), not both"
            ),
            (
                "restart_priority: highest", "restart_priority: urgent",
                "f.yaml:6:88: vm_groups[0].restart_priority: unknown value \"urgent\"; valid values are: highest, high, medium, low, lowest, disabled"
            )
        ])
    func refused(_ find: String, _ replace: String, _ message: String) throws {
        let (m, issues) = try Self.decodeEdited(find, replace)
        #expect(m == nil)
        #expect(issues.contains { $0.hasPrefix(message) }, "\(issues)")
    }

    @Test("overlapping failures of one host are refused; the same instants on two hosts are not")
    func overlap() throws {
        let (_, bad) = try Self.decode(["arms.0.host_groups.0.failures.schedule=[{host: 1, at: 0, repair: 1 h}, {host: 1, at: 30 min, repair: 1 h}]"])
        #expect(bad.contains { $0.contains("failures of host 1 overlap") }, "\(bad)")
        let (m, ok) = try Self.decode(["arms.0.host_groups.0.failures.schedule=[{host: 0, at: 0, repair: 1 h}, {host: 1, at: 0, repair: 1 h}]"])
        #expect(ok.isEmpty && m != nil, "\(ok)")
    }

    @Test(
        "failures are refused with the engine features that move or track the VMs a failure takes down, and on the cloudsim profile",
        arguments: [
            ("arms.0.dpm={enabled: true}", "host failures are not combined with dpm"),
            ("arms.0.drs={enabled: true}", "host failures are not combined with drs"),
            ("arms.0.dvfs={governor: ondemand}", "host failures are not combined with dvfs"),
            ("arms.0.profile=cloudsim-3.0.3", "failures apply to arms of the virtsim profile")
        ])
    func combinations(_ set: String, _ message: String) throws {
        let (m, issues) = try Self.decode([set])
        #expect(m == nil)
        #expect(issues.contains { $0.contains(message) }, "\(issues)")
    }

    @Test("restart_priority without failures in any arm is refused (it would be read and ignored)")
    func priorityWithoutFailures() throws {
        let (m, issues) = try Self.decode(["arms.0.host_groups.0.failures=~", "arms.0.host_groups.1.failures=~"])
        #expect(m == nil)
        #expect(issues.contains { $0.contains("vm_groups[0].restart_priority") && $0.contains("no arm has failures") }, "\(issues)")
    }

    @Test("a schedule needs a fixed count (it names hosts by index)")
    func scheduleNeedsFixedCount() throws {
        let (_, issues) = try Self.decode(["arms.0.host_groups.0.count=auto"])
        #expect(issues.contains { $0.contains("a schedule names hosts by index; give the group a fixed count") }, "\(issues)")
    }
}

/// `host_types.<name>.failures`: every host of the type fails, in every arm, unless a host
/// group gives its own (`failures: ~` for none).
@Suite("Host failures: on a host type")
struct HostTypeFailureDecodingTests {
    static let yaml = """
        name: t
        duration: 2 h
        host_types:
          old: {cores: 2, core_mips: 2000, ram: 8 GiB, power: {model: linear, idle_w: 80, max_w: 120}, failures: {mtbf_h: 2000, mttr_h: 24, restart_delay: 5 min}}
          new: {cores: 8, core_mips: 2000, ram: 64 GiB, power: {model: linear, idle_w: 100, max_w: 250}}
        vm_groups:
          - {name: web, count: 4, vcpus: 1, mips_per_vcpu: 1000, ram: 1 GiB, workload: {type: constant, cpu: 0.2}}
        arms:
          - {name: physical, baseline: true, placement: dedicated, hypervisor: none, host_groups: [{type: old, count: 4}]}
          - name: mixed
            placement: first-fit
            host_groups:
              - {type: new, count: 1, failures: {mtbf_h: 500, mttr_h: 4, restart_delay: 30 s}}
              - {type: old, count: 2}
              - {type: old, count: 1, failures: ~}
        """

    static func decode(_ overrides: [String]) throws -> (ScenarioModel?, [String]) { try decodeFailureScenario(yaml, overrides) }

    @Test("every group of the type takes the type's failures; a group's own failures, or failures: ~, wins")
    func typeFailuresReachEveryGroup() throws {
        let (m, issues) = try Self.decode([])
        #expect(issues.isEmpty, "\(issues)")
        let typeLevel = HostFailureSettings(model: .exponential(mtbfH: 2000, mttrH: 24), restartDelayS: 300)
        let physical = try #require(m?.arms.first), mixed = try #require(m?.arms.last)
        #expect(physical.hostGroups.map(\.failures) == [typeLevel], "the baseline's servers fail too")
        #expect(mixed.hostGroups.map(\.failures) == [HostFailureSettings(model: .exponential(mtbfH: 500, mttrH: 4), restartDelayS: 30), typeLevel, nil])
    }

    @Test("a schedule on a host type is refused (it names a group's hosts); so is a cloudsim arm using the type")
    func refusals() throws {
        let (m1, i1) = try Self.decode(["host_types.old.failures={schedule: [{host: 0, at: 1 h, repair: 1 h}], restart_delay: 1 min}"])
        #expect(
            m1 == nil && i1.contains { $0.contains("host_types.old.failures.schedule (from --set): a schedule names the hosts of a host group by index") },
            "\(i1)")
        let (m2, i2) = try Self.decode(["arms.0.profile=cloudsim-3.0.3", "arms.0.placement=first-fit"])
        #expect(m2 == nil && i2.contains { $0.contains("arm \"physical\" of the cloudsim-3.0.3 profile uses host type old") }, "\(i2)")
        // a host type given inline takes its failures along
        let (m4, i4) = try Self.decode([
            "arms.1.host_groups.1.type={cores: 2, core_mips: 2000, ram: 8 GiB, power: {model: linear, idle_w: 80, max_w: 120}, failures: {mtbf_h: 9, mttr_h: 1, restart_delay: 0}}"
        ])
        #expect(i4.isEmpty && m4?.arms.last?.hostGroups[1].failures == HostFailureSettings(model: .exponential(mtbfH: 9, mttrH: 1), restartDelayS: 0), "\(i4)")
        let (m3, i3) = try Self.decode(["arms.1.dpm={enabled: true}"])
        #expect(m3 == nil && i3.contains { $0.contains("host failures are not combined with dpm") }, "\(i3)")
    }
}
