import Foundation
import Scenario
import Engine
import Reports
import DatacenterModel

/// What `virtsim size` prints: for each arm with `count: auto`, every count tried (with the
/// HA reserve held back) and what it failed, then the count chosen, its reserve and the
/// binding constraint. Arms run only as far as sizing needs; nothing is written.
/// - Throws: ``ScenarioErrors`` for a bad scenario or one without `count: auto`;
///   ``SizingFailure`` when no count meets an arm's targets.
public func sizeScenarioFile(path: String, overrides: [String], seed: UInt64? = nil) throws -> String {
    let t0 = monotonicSeconds()
    let (_, model) = try loadScenario(path: path, overrides: overrides, seed: seed)
    let auto = model.arms.filter { $0.autoSizedGroup != nil }
    guard !auto.isEmpty else {
        throw ScenarioErrors(issues: [
            ScenarioIssue(file: path, message: "no arm has a host group with count: auto; virtsim size sizes those (see arms[].host_groups[].count)")
        ])
    }
    var s =
        "\(model.name): sizing \(auto.count) arm\(auto.count == 1 ? "" : "s") over \(formatFixed(model.settings.duration.hours, decimals: 2)) h, seed \(model.seed)\n"
    var runs = 0
    for arm in auto {
        let (_, o, _) = try sizeArm(arm, model: model)
        runs += o.runs
        let t = arm.sizing
        s +=
            "\n\(arm.name): targets \(t.percentileConstraint) ≤ \(ParameterValue.number(t.cpuTargetPct))%, unmet CPU ≤ \(ParameterValue.number(t.unmetCPUMaxPct))%, every VM placed"
        s += t.cpuReadyMaxPct.map { ", CPU ready p\(ParameterValue.number(t.cpuPercentile)) ≤ \(ParameterValue.number($0))%" } ?? ""
        s += arm.ha.map { ", HA \($0.description)" } ?? ""
        s += "; search \(t.search.rawValue), reservation bound \(o.lowerBound) hosts\n"
        let ready = t.cpuReadyMaxPct != nil
        s +=
            "  " + pad("hosts", 6) + "  " + pad("unmet CPU %", 12) + "  " + pad("max host \(t.percentileConstraint) %", 18) + "  "
            + (ready ? pad("max host ready %", 16) + "  " : "") + "fails\n"
        for trial in o.tried.sorted(by: { $0.hosts < $1.hosts }) {
            s +=
                "  " + pad("\(trial.hosts)", 6) + "  " + pad(trial.unmetCPUPct.map { formatSignificant($0, digits: 2, minDecimals: 0) } ?? "-", 12) + "  "
                + pad(trial.hostCPUPercentileMaxPct.map { formatFixed($0, decimals: 1) } ?? "-", 18) + "  "
                + (ready ? pad(trial.hostCPUReadyPercentileMaxPct.map { formatFixed($0, decimals: 1) } ?? "-", 16) + "  " : "")
                + (trial.failed.isEmpty ? "ok" : trial.failed.joined(separator: ", ")) + "\n"
        }
        let reserve = o.reserveHosts > 0 ? " (\(o.hosts - o.reserveHosts) + \(o.reserveHosts) HA reserve)" : ""
        s +=
            "  → \(o.hosts) host\(o.hosts == 1 ? "" : "s")\(reserve); binding: \(o.binding.isEmpty ? "none" : o.binding.joined(separator: ", ")); \(o.runs) run\(o.runs == 1 ? "" : "s")\n"
    }
    s += "\n\(runs) sizing runs in \(formatFixed(monotonicSeconds() - t0, decimals: 2)) s\n"
    return s
}
