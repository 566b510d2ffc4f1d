import Foundation
import Stochastic

/// One concrete run of a sweep: a parameter point and a replication seed.
public struct SweepRun: Sendable, Equatable {
    /// Stable index, 0..<runCount: `pointIndex × replications + replication`.
    public let index: Int
    /// The parameter point, 0..<pointCount, in design order.
    public let pointIndex: Int
    /// The replication, 0..<replications.
    public let replication: Int
    /// The scenario seed of this run (replaces the scenario's `seed`).
    public let seed: UInt64
    /// The value of each axis (override text), in axis order.
    public let values: [String]
    /// The `--set` overrides of this run: the sweep's fixed `set`, then one per axis.
    public let overrides: [String]

    /// Stable id `p<point>-r<replication>`, e.g. `p3-r12`.
    public var id: String { "p\(pointIndex)-r\(replication)" }
}

/// A sweep expanded into parameter points; runs are computed from their index on demand
/// (run i is point i / replications, replication i % replications).
///
/// Indices depend only on the sweep file (and, for random and lhs, its seed): the same file
/// always gives the same runs in the same order, so any run can be re-run alone.
public struct SweepPlan: Sendable {
    /// The sweep.
    public let spec: SweepSpec
    /// One entry per point: the value text of every axis, in axis order.
    public let points: [[String]]

    /// Stream purpose for random and lhs designs ("SWEEP" in ASCII), distinct from the
    /// scenario purposes in `StreamPurpose`.
    static let designPurpose: UInt64 = 0x53_57_45_45_50

    /// Expands a sweep.
    /// - Parameter spec: A checked sweep.
    /// - Throws: ``ScenarioErrors`` if GSL's Sobol generator fails (more than 40 axes are
    ///   already rejected when reading).
    public init(_ spec: SweepSpec) throws(ScenarioErrors) {
        self.spec = spec
        let axes = spec.axes
        switch spec.design {
        case .grid:
            var points: [[String]] = [[]]
            for axis in axes {
                guard case let .values(values) = axis.domain else { continue }
                var next: [[String]] = []
                next.reserveCapacity(points.count * values.count)
                for p in points { for v in values { next.append(p + [v]) } }
                points = next
            }
            self.points = points
        case .zip:
            var count = 1
            if case let .values(v)? = axes.first?.domain { count = v.count }
            self.points = (0..<count).map { i in
                axes.map { axis in
                    if case let .values(v) = axis.domain { return v[i] }
                    return ""
                }
            }
        case .random, .lhs, .sobol:
            let n = spec.pointCount ?? 1
            let units: [[Double]]
            switch spec.design {
            case .random: units = Self.randomUnits(count: n, dimension: axes.count, seed: spec.seed)
            case .lhs: units = Self.latinHypercubeUnits(count: n, dimension: axes.count, seed: spec.seed)
            default:
                if axes.isEmpty {
                    units = Array(repeating: [], count: n)
                } else if let u = QuasiRandom.sobol(count: n, dimension: axes.count) {
                    units = u
                } else {
                    throw ScenarioErrors(issues: [
                        ScenarioIssue(file: spec.file, path: "design", message: "GSL's Sobol generator failed for \(axes.count) axes")
                    ])
                }
            }
            self.points = units.map { u in zip(axes, u).map { Self.value(of: $0.domain, at: $1) } }
        }
    }

    /// Replications per point.
    public var replications: Int { spec.seeds.count }
    /// Number of runs: points × replications.
    public var runCount: Int { points.count * spec.seeds.count }
    /// The axes' dotted paths (the axis column names), in order.
    public var axisPaths: [String] { spec.axes.map(\.path) }

    /// The run at `index`.
    /// - Parameter index: 0..<``runCount``.
    /// - Returns: The run with its seed and overrides.
    public func run(_ index: Int) -> SweepRun {
        precondition(index >= 0 && index < runCount, "run index \(index) out of 0..<\(runCount)")
        let k = spec.seeds.count
        let p = index / k, r = index % k
        let values = points[p]
        let overrides = spec.fixedOverrides + zip(spec.axes, values).map { $0.path + "=" + $1 }
        return SweepRun(index: index, pointIndex: p, replication: r, seed: spec.seeds[r], values: values, overrides: overrides)
    }

    /// A 64-bit FNV-1a digest (16 hex digits) of everything that determines the runs' results:
    /// the base scenario's text, the fixed overrides, the axes, every point's values and the
    /// seeds. Two sweeps with the same fingerprint produce the same rows.
    public var fingerprint: String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        func feed(_ s: String) {
            for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            h = (h ^ 0x1F) &* 0x0000_0100_0000_01B3
        }
        feed("virtsim-sweep-1")
        feed(spec.scenarioText)
        spec.fixedOverrides.forEach(feed)
        feed("axes"); axisPaths.forEach(feed)
        feed("points"); for p in points { p.forEach(feed); feed("") }
        feed("seeds"); for s in spec.seeds { feed(String(s)) }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    // MARK: Designs

    /// Independent uniform coordinates: point i, axis j is draw j of the stream
    /// (sweep seed, "SWEEP", i).
    static func randomUnits(count: Int, dimension: Int, seed: UInt64) -> [[Double]] {
        let stream = RandomStream(seed: seed, purpose: designPurpose, entity: 0)
        return (0..<count).map { i in
            stream.reset(seed: seed, purpose: designPurpose, entity: UInt64(i), counter: 0)
            return (0..<dimension).map { _ in stream.uniform() }
        }
    }

    /// Latin hypercube: for each axis j, a random permutation π_j of 0..<n (Fisher–Yates on
    /// the stream (seed, "SWEEP", 1_000_000 + j)); point i's coordinate is (π_j(i) + U) / n
    /// with U uniform in [0, 1).
    static func latinHypercubeUnits(count n: Int, dimension: Int, seed: UInt64) -> [[Double]] {
        let stream = RandomStream(seed: seed, purpose: designPurpose, entity: 0)
        var columns: [[Double]] = []
        for j in 0..<dimension {
            stream.reset(seed: seed, purpose: designPurpose, entity: 1_000_000 + UInt64(j), counter: 0)
            var perm = Array(0..<n)
            if n > 1 {
                for i in stride(from: n - 1, to: 0, by: -1) {
                    let k = Int(stream.integer(below: UInt(i + 1)))
                    perm.swapAt(i, k)
                }
            }
            columns.append(perm.map { (Double($0) + stream.uniform()) / Double(n) })
        }
        return (0..<n).map { i in (0..<dimension).map { columns[$0][i] } }
    }

    /// Maps a unit coordinate u ∈ [0, 1) to an axis value: list item ⌊u·k⌋; a range's point
    /// min + u·(max − min) (log: in log space; integer: ⌊min + u·(max − min + 1)⌋).
    static func value(of domain: SweepAxisDomain, at u: Double) -> String {
        switch domain {
        case let .values(v):
            return v[min(v.count - 1, max(0, Int(u * Double(v.count))))]
        case let .range(lo, hi, integer, log):
            if integer {
                let x: Double
                if log {
                    x = exp(Foundation.log(lo) + u * (Foundation.log(hi + 1) - Foundation.log(lo))).rounded(.down)
                } else {
                    x = (lo + u * (hi - lo + 1)).rounded(.down)
                }
                return String(Int(min(hi, max(lo, x))))
            }
            let x = log ? exp(Foundation.log(lo) + u * (Foundation.log(hi) - Foundation.log(lo))) : lo + u * (hi - lo)
            return sweepNumberText(min(hi, max(lo, x)))
        }
    }
}
