import DatacenterModel
import Foundation
import Reports
import Scenario
import Stochastic

/// `sweep.json`: what a sweep folder holds. Every process writing into the folder (a
/// sweep, each shard, a resume) checks that it describes the same sweep.
struct SweepManifest: Equatable {
    /// Format version of the folder layout.
    static let format = 1
    var name: String
    var sweepFile: String
    var scenario: String
    /// ``SweepPlan/fingerprint``.
    var fingerprint: String
    var design: String
    var axes: [String]
    var points: Int
    var replications: Int
    var runs: Int
    /// Number of shards; 0 for an unsharded sweep.
    var shards: Int
    /// The header of runs.csv / part-K.csv.
    var columns: [String]

    init(plan: SweepPlan, shards: Int) {
        name = plan.spec.name
        sweepFile = plan.spec.file
        scenario = plan.spec.scenarioLabel
        fingerprint = plan.fingerprint
        design = plan.spec.design.rawValue
        axes = plan.axisPaths
        points = plan.points.count
        replications = plan.replications
        runs = plan.runCount
        self.shards = shards
        columns = SweepColumns(axes: plan.axisPaths).header
    }

    var json: String {
        func list(_ xs: [String]) -> String { "[" + xs.map(jsonString).joined(separator: ", ") + "]" }
        return """
            {
              "format": \(Self.format),
              "virtsim_version": \(jsonString(virtsimVersion)),
              "gsl_version": \(jsonString(gslVersion)),
              "name": \(jsonString(name)),
              "sweep_file": \(jsonString(sweepFile)),
              "scenario": \(jsonString(scenario)),
              "fingerprint": \(jsonString(fingerprint)),
              "design": \(jsonString(design)),
              "axes": \(list(axes)),
              "points": \(points),
              "replications": \(replications),
              "runs": \(runs),
              "shards": \(shards),
              "columns": \(list(columns))
            }

            """
    }

    /// Reads `sweep.json`; nil if absent.
    /// - Throws: if present but unreadable or not a sweep manifest.
    static func read(_ path: String) throws -> SweepManifest? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        if let reason = notRegularFileReason(path) { throw SweepError("\(path): \(reason)") }
        guard let data = FileManager.default.contents(atPath: path),
            let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let format = obj["format"] as? Int, format == Self.format,
            let name = obj["name"] as? String, let sweepFile = obj["sweep_file"] as? String,
            let scenario = obj["scenario"] as? String, let fingerprint = obj["fingerprint"] as? String,
            let design = obj["design"] as? String, let axes = obj["axes"] as? [String],
            let points = obj["points"] as? Int, let replications = obj["replications"] as? Int,
            let runs = obj["runs"] as? Int, let shards = obj["shards"] as? Int,
            let columns = obj["columns"] as? [String]
        else {
            throw SweepError("\(path): not a virtsim sweep manifest (format \(Self.format)) or damaged")
        }
        return SweepManifest(
            name: name, sweepFile: sweepFile, scenario: scenario, fingerprint: fingerprint,
            design: design, axes: axes, points: points, replications: replications, runs: runs,
            shards: shards, columns: columns)
    }

    private init(
        name: String, sweepFile: String, scenario: String, fingerprint: String, design: String, axes: [String],
        points: Int, replications: Int, runs: Int, shards: Int, columns: [String]
    ) {
        self.name = name; self.sweepFile = sweepFile; self.scenario = scenario; self.fingerprint = fingerprint
        self.design = design; self.axes = axes; self.points = points; self.replications = replications
        self.runs = runs; self.shards = shards; self.columns = columns
    }
}

/// `sweep-runs.csv`: the expanded plan, one row per run (what merge checks parts against).
enum SweepPlanFile {
    static func header(axes: [String]) -> [String] {
        ["run_index", "run_id", "point_index", "replication", "seed"] + axes
    }

    static func render(_ plan: SweepPlan) -> [UInt8] {
        var enc = CSVEncoder(capacity: 64 * (plan.runCount + 1))
        enc.row(header(axes: plan.axisPaths))
        for i in 0..<plan.runCount {
            let r = plan.run(i)
            enc.append(r.index); enc.append(r.id); enc.append(r.pointIndex); enc.append(r.replication)
            enc.append(String(r.seed))
            for v in r.values { enc.append(v) }
            enc.endRow()
        }
        return enc.bytes
    }

    /// The plan rows; nil if missing or malformed.
    static func read(_ path: String, axes: [String]) -> [[String]]? {
        guard let data = regularFileContents(path), let records = SweepCSV.parse([UInt8](data)),
            records.first == header(axes: axes)
        else { return nil }
        return Array(records.dropFirst())
    }
}
