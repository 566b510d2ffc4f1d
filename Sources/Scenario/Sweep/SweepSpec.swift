import Foundation
import Yams
import Stochastic

/// How a sweep combines its axes into parameter points.
public enum SweepDesign: String, CaseIterable, Sendable {
    /// Every combination of the axes' value lists (first axis varies slowest).
    case grid
    /// The i-th value of every list together; all lists have the same length.
    case zip
    /// `points` independent uniform draws over the axes (seeded by the sweep seed).
    case random
    /// A Latin hypercube of `points` points: each axis cut into `points` equal strata, each
    /// stratum used once (seeded by the sweep seed).
    case lhs
    /// The first `points` points of the Sobol sequence (GSL `gsl_qrng_sobol`, ≤ 40 axes).
    case sobol

    /// Whether the design draws `points` points over ranges (random, lhs, sobol).
    public var isSampled: Bool { self == .random || self == .lhs || self == .sobol }
}

/// The values one axis takes.
public enum SweepAxisDomain: Sendable, Equatable {
    /// A list of values, each in `--set` value form (flow YAML: `best-fit`, `2.5`, `"a b"`,
    /// `{name: x}`); sampled designs pick one of them per point.
    case values([String])
    /// A range for the sampled designs: uniform on [min, max] (`log`: uniform in log space,
    /// min > 0); `integer`: whole numbers min...max, each equally likely.
    case range(min: Double, max: Double, integer: Bool, log: Bool)
}

/// One axis of a sweep: a dotted path (as `--set` takes it) and its values.
public struct SweepAxis: Sendable, Equatable {
    /// The dotted path in `--set` form (`arms.1.cpu_overcommit`); also the axis's column name.
    public var path: String
    /// The values or range.
    public var domain: SweepAxisDomain
}

/// A sweep file, read and checked: a base scenario, fixed overrides, axes, a design and the
/// replication seeds. ``SweepPlan`` expands it into concrete runs.
///
/// ```yaml
/// scenario: ../quickstart.yaml        # relative to this file's folder
/// seed: 2026                          # sweep seed: replication seeds derive from it
/// replications: 5
/// design: grid                        # grid | zip | random | lhs | sobol
/// set: {duration: 6 h}                # fixed overrides for every run
/// axes:
///   arms.1.placement: [best-fit-decreasing, first-fit]
///   arms.1.cpu_overcommit: {min: 1, max: 3, step: 0.5}
/// ```
/// A 1-based line and column in a sweep file.
public struct SweepFileMark: Sendable, Equatable {
    public var line: Int, column: Int
}

public struct SweepSpec: Sendable {
    /// Keys a sweep file may have, in documentation order.
    public static let keys = ["name", "description", "scenario", "seed", "replications", "seeds", "design", "points", "set", "axes"]
    /// Upper bound on the number of runs a sweep may expand to (10 million).
    public static let maxRuns = 10_000_000

    /// The sweep file as the user named it (used in messages).
    public var file: String
    /// `name` (default: the file name without extension).
    public var name: String
    /// `description` (default empty).
    public var description: String
    /// The base scenario, absolute (resolved against the sweep file's folder).
    public var scenarioPath: String
    /// The base scenario as written in the sweep file (used in run error messages, so they
    /// do not depend on the current directory).
    public var scenarioLabel: String
    /// The base scenario's bytes when the sweep was read (part of the fingerprint).
    public var scenarioText: String
    /// The sweep seed (`seed`, default 1), 0...2^63−1.
    public var seed: UInt64
    /// One seed per replication: `seeds` as written, or ``derivedSeeds(sweepSeed:count:)``.
    public var seeds: [UInt64]
    /// The design (default grid).
    public var design: SweepDesign
    /// `points` for sampled designs; nil for grid and zip.
    public var pointCount: Int?
    /// Fixed overrides (`set`), `path=value`, in file order; applied before the axes.
    public var fixedOverrides: [String]
    /// The axes, in file order (their columns appear in this order).
    public var axes: [SweepAxis]
    /// Where each path of `set` and `axes` is written in the sweep file (1-based line and
    /// column), so a run's error about a value the sweep set points there, not to `--set`.
    public var overrideMarks: [String: SweepFileMark] = [:]
    /// Where each value of a listed axis is written: path → value (in `--set` form) → mark,
    /// so a run's error points at the value that run took, not at the start of the list.
    public var axisValueMarks: [String: [String: SweepFileMark]] = [:]

    /// The issue with its position moved to the sweep file when it concerns a value this sweep
    /// set (the issue's path at or below a path of `set` or `axes`): `sweep.yaml:7:3: duration
    /// (set by the sweep on base.yaml): …` instead of `base.yaml: duration (from --set): …`.
    /// With the run's `overrides`, an error about a listed axis points at the list item that
    /// run took (`axes: {arms.1.cpu_overcommit: [2, -1]}` → the `-1`).
    public func locatingOverride(_ issue: ScenarioIssue, overrides: [String] = []) -> ScenarioIssue {
        guard issue.fromOverride else { return issue }
        let dotted = issue.path.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "")
        guard let (path, keyMark) = overrideMarks.filter({ dotted == $0.key || dotted.hasPrefix($0.key + ".") }).max(by: { $0.key.count < $1.key.count })
        else { return issue }
        let taken = overrides.last { $0.hasPrefix(path + "=") }.map { String($0.dropFirst(path.count + 1)) }
        let mark = taken.flatMap { axisValueMarks[path]?[$0] } ?? keyMark
        var i = issue
        i.path = "\(issue.path) (set by \(path) on \(scenarioLabel))"
        i.file = file; i.line = mark.line; i.column = mark.column; i.fromOverride = false
        return i
    }

    /// Seeds for `count` replications: replication r gets the (r+1)-th output of SplitMix64
    /// started at `sweepSeed`, masked to 53 bits (so spreadsheets read it exactly). Every
    /// parameter point uses the same seeds (common random numbers across points).
    /// - Parameters:
    ///   - sweepSeed: Any 64-bit value.
    ///   - count: Replications, ≥ 0.
    /// - Returns: `count` seeds in 0...2^53−1.
    public static func derivedSeeds(sweepSeed: UInt64, count: Int) -> [UInt64] {
        var sm = SplitMix64(state: sweepSeed)
        return (0..<max(0, count)).map { _ in sm.next() & ((1 << 53) - 1) }
    }

    /// Reads and checks a sweep file; every problem at once, as `FILE:LINE:COL: path: message`.
    /// - Parameter path: The sweep file, absolute or relative to the current directory.
    /// - Returns: The checked sweep.
    /// - Throws: ``ScenarioErrors`` listing every problem (syntax, unknown keys, bad values,
    ///   a missing base scenario, zip lists of unequal length, too many runs…).
    public static func load(path: String) throws(ScenarioErrors) -> SweepSpec {
        let doc: YAMLDocument
        do {
            doc = try YAMLDocument.load(path: path)
        } catch {
            throw ScenarioErrors(
                issues: error.issues.map { issue in
                    var i = issue
                    i.message = i.message.replacingOccurrences(of: "scenario file", with: "sweep file")
                    return i
                })
        }
        return try read(doc)
    }

    /// Reads a sweep from a parsed document (see ``load(path:)``).
    /// - Parameter doc: The sweep document; relative paths resolve against its folder.
    /// - Returns: The checked sweep.
    /// - Throws: ``ScenarioErrors`` listing every problem.
    public static func read(_ doc: YAMLDocument) throws(ScenarioErrors) -> SweepSpec {
        let collector = IssueCollector()
        let spec = SweepReader(doc: doc, collector: collector).read()
        try collector.throwIfAny()
        guard let spec else { throw ScenarioErrors(issues: [ScenarioIssue(file: doc.file, message: "sweep could not be read")]) }
        return spec
    }
}
