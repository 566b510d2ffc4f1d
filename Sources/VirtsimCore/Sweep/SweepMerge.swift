import DatacenterModel
import Foundation
import Reports

/// `virtsim sweep merge DIR`: checks that every shard's `part-K.csv` is present and complete
/// (exactly shard K's runs, each once, matching `sweep-runs.csv`), then writes `runs.csv` (runs in index
/// order) and `aggregate.csv`. For an unsharded sweep folder it rebuilds both from `runs.d`.
/// - Parameter dir: The sweep's output folder (holding `sweep.json` and `sweep-runs.csv`).
/// - Returns: A short summary.
/// - Throws: ``SweepError`` naming every missing or incomplete part (nothing is written then).
public func mergeSweep(dir: String) throws -> String {
    let store = SweepStore(dir: dir)
    guard let manifest = try SweepManifest.read(store.manifestPath) else {
        throw SweepError(
            "\(store.manifestPath) is missing: \(dir) is not a sweep output folder (copy sweep.json, sweep-runs.csv and the part-K.csv files into one folder)")
    }
    let header = manifest.columns
    let axes = manifest.axes
    let rows: [[String]]
    if manifest.shards == 0 {
        rows = try assembleRows(store: store, header: header, indices: Array(0..<manifest.runs))
    } else {
        guard let plan = SweepPlanFile.read(store.planPath, axes: axes), plan.count == manifest.runs else {
            throw SweepError("\(store.planPath) is missing or damaged (it lists the sweep's \(manifest.runs) runs)")
        }
        var byRun = [[[String]]](repeating: [], count: manifest.runs)
        var problems: [String] = []
        let finished = store.runFileIndices()
        let n = manifest.shards
        for k in 0..<n {
            let share = shareOf(shard: k, of: n, total: manifest.runs)
            let name = "part-\(k).csv"
            let rerun = "virtsim sweep \(manifest.sweepFile) --shard \(k)/\(n) --out \(dir) --resume"
            if let reason = notRegularFileReason(store.partPath(k)) {
                problems.append("\(name): \(reason); run: \(rerun)")
                continue
            }
            guard let data = FileManager.default.contents(atPath: store.partPath(k)) else {
                let have = share.filter(finished.contains).count
                problems.append(
                    "\(name) is missing (shard \(k)/\(n): \(share.count) run\(share.count == 1 ? "" : "s"), \(have) of them finished in runs.d); run: \(rerun)")
                continue
            }
            guard let records = SweepCSV.parse([UInt8](data)), let first = records.first else {
                problems.append("\(name) is damaged (not complete CSV); run: \(rerun)")
                continue
            }
            guard first == header else {
                problems.append("\(name) has other columns than sweep.json (from another sweep or virtsim version?)")
                continue
            }
            let shareSet = Set(share)
            var seen = Set<Int>(), foreign = Set<Int>(), mismatched = Set<Int>(), duplicated = Set<Int>()
            var armRows = [Int: [String]]()  // run → the arms of its rows ("" for a failed run)
            let armColumn = SweepColumns(axes: axes).armColumn
            for row in records.dropFirst() {
                guard row.count == header.count, let i = Int(row[0]) else { mismatched.insert(-1); continue }
                guard shareSet.contains(i) else { foreign.insert(i); continue }
                let p = plan[i]
                // point_index, replication, seed, axis values must match the plan
                if Array(row[1...3]) != Array(p[2...4]) || Array(row[4..<(4 + axes.count)]) != Array(p[5...]) {
                    mismatched.insert(i)
                    continue
                }
                // a run has one row per arm, or one failed row: a repeat would count twice
                let arms = armRows[i, default: []]
                if arms.contains(row[armColumn]) || (!arms.isEmpty && (arms.contains("") || row[armColumn].isEmpty)) {
                    duplicated.insert(i)
                    continue
                }
                armRows[i] = arms + [row[armColumn]]
                seen.insert(i)
                byRun[i].append(row)
            }
            if !duplicated.isEmpty {
                problems.append(
                    "\(name) repeats the rows of run\(duplicated.count == 1 ? "" : "s") \(listIndices(duplicated.sorted())) (a part written twice or concatenated?); run: \(rerun) after removing it"
                )
            }
            let missing = share.filter { !seen.contains($0) && !mismatched.contains($0) }
            if !missing.isEmpty {
                problems.append("\(name) is incomplete: run\(missing.count == 1 ? "" : "s") \(listIndices(missing)) missing; run: \(rerun)")
            }
            if !foreign.isEmpty {
                problems.append("\(name) holds run\(foreign.count == 1 ? "" : "s") \(listIndices(foreign.sorted())) that belong to other shards")
            }
            if !mismatched.isEmpty {
                let ids = mismatched.filter { $0 >= 0 }.sorted()
                problems.append(
                    "\(name): "
                        + (ids.isEmpty
                            ? "malformed rows"
                            : "run\(ids.count == 1 ? "" : "s") \(listIndices(ids)) do not match sweep-runs.csv (seed or axis values differ: a part of another sweep?)")
                )
            }
        }
        if !problems.isEmpty {
            throw SweepError("cannot merge \(dir):\n  " + problems.joined(separator: "\n  "))
        }
        rows = byRun.flatMap { $0 }
    }
    var enc = CSVEncoder(capacity: 1 << 16)
    enc.row(header)
    SweepCSV.encode(rows, into: &enc)
    try store.writeAtomically(store.runsCSV, enc.bytes)
    let statusCol = SweepColumns(axes: axes).statusColumn
    try store.writeSummaries(name: manifest.name, header: header, rows: rows, axes: axes, statusColumn: statusCol)
    let failed = Set(rows.filter { $0[statusCol] == "failed" }.map { $0[0] }).count
    let parts = manifest.shards == 0 ? "runs.d" : "\(manifest.shards) part\(manifest.shards == 1 ? "" : "s")"
    return
        "\(manifest.name): merged \(parts): \(manifest.runs) runs, \(manifest.runs - failed) ok, \(failed) failed\nwrote \(store.runsCSV), \(store.aggregateCSV), \(store.aggregateWideCSV), \(store.reportHTML)\n"
}
