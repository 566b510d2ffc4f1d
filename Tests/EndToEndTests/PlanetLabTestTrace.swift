import Foundation
import Workloads

/// A PlanetLab trace folder written to a temporary directory from rows of percents.
struct PlanetLabTestTrace {
    let trace: PlanetLabTrace
    init(_ rows: [[Int]]) throws {
        let dir = makeTempDir("pltrace")
        for (i, r) in rows.enumerated() {
            write(r.map(String.init).joined(separator: "\n") + "\n", to: dir + "/vm\(i)")
        }
        trace = try PlanetLabTrace(folder: dir, afterEnd: .hold)
    }
    func offset(_ k: Int) -> any WorkloadSource { MemberOffset(trace, offset: k) }
}
