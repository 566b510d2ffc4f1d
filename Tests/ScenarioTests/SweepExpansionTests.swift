import Foundation
import Testing
import Yams
@testable import Scenario

/// A folder holding `base.yaml` and the sweep `sweep.yaml` with the given text.
private func sweepFile(_ text: String, base: String = "name: base\nseed: 1\n") -> String {
    let dir = NSTemporaryDirectory() + "sweep-spec-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try! base.write(toFile: dir + "/base.yaml", atomically: true, encoding: .utf8)
    try! text.write(toFile: dir + "/sweep.yaml", atomically: true, encoding: .utf8)
    return dir + "/sweep.yaml"
}

private func plan(_ text: String) throws -> SweepPlan {
    try SweepPlan(try SweepSpec.load(path: sweepFile(text)))
}

/// The problems of a sweep file, as `FILE:LINE:COL: path: message` lines with the file's
/// folder removed.
private func problems(_ text: String) -> [String] {
    let path = sweepFile(text)
    let folder = (path as NSString).deletingLastPathComponent + "/"
    do {
        _ = try SweepSpec.load(path: path)
        return []
    } catch {
        return error.issues.map { $0.description.replacingOccurrences(of: folder, with: "") }
    }
}

@Suite("Sweep files: expansion into runs with stable indices")
struct SweepExpansionTests {
    @Test("grid: every combination, first axis slowest; run i = point i / K, replication i % K")
    func grid() throws {
        let p = try plan(
            """
            scenario: base.yaml
            replications: 2
            axes:
              arms.1.placement: [first-fit, best-fit-decreasing]
              arms.1.cpu_overcommit: [1, 1.5, 2]
            """)
        #expect(p.points.count == 2 * 3)
        #expect(p.runCount == 2 * 3 * 2)
        #expect(p.points[0] == ["first-fit", "1"])
        #expect(p.points[1] == ["first-fit", "1.5"])
        #expect(p.points[3] == ["best-fit-decreasing", "1"])
        for i in 0..<p.runCount {
            let r = p.run(i)
            #expect(r.index == i && r.pointIndex == i / 2 && r.replication == i % 2)
            #expect(r.id == "p\(i / 2)-r\(i % 2)")
            #expect(r.seed == p.spec.seeds[i % 2], "the same seeds at every point (common random numbers)")
        }
        #expect(p.run(9).overrides == ["arms.1.placement=best-fit-decreasing", "arms.1.cpu_overcommit=1.5"])
        #expect(p.axisPaths == ["arms.1.placement", "arms.1.cpu_overcommit"])
    }

    @Test("the same file expands to the same runs; the fingerprint follows the base scenario")
    func stable() throws {
        let text = "scenario: base.yaml\nseed: 9\nreplications: 3\naxes: {a.b: [1, 2]}\n"
        let a = try plan(text), b = try plan(text)
        #expect(a.points == b.points && a.spec.seeds == b.spec.seeds)
        #expect((0..<a.runCount).map(a.run) == (0..<b.runCount).map(b.run))
        #expect(a.fingerprint == b.fingerprint && a.fingerprint.count == 16)
        let c = try SweepPlan(try SweepSpec.load(path: sweepFile(text, base: "name: other\n")))
        #expect(c.fingerprint != a.fingerprint)
    }

    @Test("seeds: SplitMix64 from the sweep seed, below 2^53; or an explicit list")
    func seeds() throws {
        let p = try plan("scenario: base.yaml\nseed: 42\nreplications: 30\n")
        #expect(p.points.count == 1 && p.runCount == 30)
        #expect(p.spec.seeds == SweepSpec.derivedSeeds(sweepSeed: 42, count: 30))
        #expect(Set(p.spec.seeds).count == 30)
        #expect(p.spec.seeds.allSatisfy { $0 < 1 << 53 })
        #expect(try plan("scenario: base.yaml\nseed: 43\nreplications: 30\n").spec.seeds != p.spec.seeds)
        #expect(try plan("scenario: base.yaml\nseeds: [5, 6, 7]\n").spec.seeds == [5, 6, 7])
        #expect(try plan("scenario: base.yaml\n").spec.seeds.count == 1)
    }

    @Test("zip: the i-th values together; unequal lengths are an error at the axis")
    func zipDesign() throws {
        let p = try plan("scenario: base.yaml\ndesign: zip\naxes:\n  a: [1, 2, 3]\n  b: [x, y, z]\n")
        #expect(p.points == [["1", "x"], ["2", "y"], ["3", "z"]])
        #expect(
            problems("scenario: base.yaml\ndesign: zip\naxes:\n  a: [1, 2, 3]\n  b: [x, y]\n")
                == ["sweep.yaml:5:6: axes.b: design zip needs lists of equal length: this one has 2 values, \"a\" has 3"])
    }

    @Test("random: N points inside the ranges, reproducible from the seed")
    func random() throws {
        let text = """
            scenario: base.yaml
            seed: 3
            design: random
            points: 50
            axes:
              x: {min: 2, max: 4}
              n: {min: 1, max: 6, integer: true}
              p: [a, b, c]
            """
        let p = try plan(text)
        #expect(p.points.count == 50)
        for pt in p.points {
            #expect((2...4).contains(Double(pt[0])!))
            #expect((1...6).contains(Int(pt[1])!))
            #expect(["a", "b", "c"].contains(pt[2]))
        }
        #expect(try plan(text).points == p.points)
        #expect(try plan(text.replacingOccurrences(of: "seed: 3", with: "seed: 4")).points != p.points)
    }

    @Test("Latin hypercube: each of the N strata of every axis used exactly once")
    func latinHypercube() throws {
        let n = 20
        let p = try plan("scenario: base.yaml\ndesign: lhs\npoints: \(n)\naxes:\n  x: {min: 0, max: 1}\n  y: {min: 10, max: 30}\n")
        #expect(p.points.count == n)
        let xs = p.points.map { Double($0[0])! }, ys = p.points.map { (Double($0[1])! - 10) / 20 }
        for values in [xs, ys] {
            let strata = values.map { min(n - 1, Int($0 * Double(n))) }
            #expect(Set(strata).count == n, "every stratum once: \(strata.sorted())")
        }
    }

    @Test("Sobol (GSL): N points, the first at the middle of every range; at most 40 axes")
    func sobol() throws {
        let p = try plan("scenario: base.yaml\ndesign: sobol\npoints: 16\nreplications: 2\naxes:\n  x: {min: 0, max: 8}\n  y: {min: 1, max: 100, scale: log}\n")
        #expect(p.points.count == 16 && p.runCount == 32)
        #expect(p.points[0] == ["4", "10"], "u = (0.5, 0.5): the middle (geometric for log)")
        #expect(Set(p.points.map { $0[0] }).count == 16, "distinct low-discrepancy points")
        let axes = (0..<41).map { "  a\($0): {min: 0, max: 1}" }.joined(separator: "\n")
        #expect(problems("scenario: base.yaml\ndesign: sobol\npoints: 4\naxes:\n\(axes)\n").first?.contains("at most 40 axes") == true)
    }

    @Test("a range with step becomes a list (grid and zip); without step it needs a sampled design")
    func steps() throws {
        let p = try plan("scenario: base.yaml\naxes:\n  x: {min: 1, max: 2, step: 0.25}\n  n: {min: 10, max: 30, step: 10}\n")
        #expect(p.points.map { $0[0] }.uniqued() == ["1", "1.25", "1.5", "1.75", "2"])
        #expect(p.points.map { $0[1] }.uniqued() == ["10", "20", "30"])
        #expect(p.points.count == 15)
        #expect(
            problems("scenario: base.yaml\naxes:\n  x: {min: 1, max: 2}\n")
                == ["sweep.yaml:3:6: axes.x: a range without step needs design random, lhs or sobol; with design grid give a list of values or add step"])
    }

    @Test("values keep their YAML type through --set text: strings quoted, mappings in flow form")
    func valueText() throws {
        let p = try plan(
            """
            scenario: base.yaml
            axes:
              v: ["2.5", 2.5, "a, b", {name: kvm, cpu_overhead: 0.1}, [1, 2], ~, 'it''s']
            """)
        #expect(p.points.map { $0[0] } == ["\"2.5\"", "2.5", "\"a, b\"", "{name: kvm, cpu_overhead: 0.1}", "[1, 2]", "null", "\"it's\""])
        // Applying the text reproduces the value.
        for pt in p.points {
            let doc = try YAMLDocument.parse(yaml: "v: 0\n", file: "t.yaml", directory: "/")
            try doc.apply(overrides: ["v=" + pt[0]])
            let original = try YAMLDocument.parse(yaml: "v: " + pt[0] + "\n", file: "o.yaml", directory: "/")
            #expect(yamlNodeToJSON(doc.root) == yamlNodeToJSON(original.root))
        }
        #expect(sweepNumberText(0.000125) == "0.000125")
        #expect(sweepNumberText(-3) == "-3")
        #expect(sweepNumberText(1e-9) == "0")
    }

    @Test("problems are reported like scenario problems: FILE:LINE:COL: path: message, all at once")
    func errors() {
        let found = problems(
            """
            scenario: missing.yaml
            replicatons: 3
            design: gird
            points: 5
            set: {seed: 4}
            axes:
              arms.1.placement: first-fit
              "a..b": [1]
            """)
        #expect(found.contains { $0.hasPrefix("sweep.yaml:1:11: scenario: cannot read the base scenario \"missing.yaml\": no such file") }, "\(found)")
        #expect(
            found.contains(
                "sweep.yaml:2:1: replicatons: unknown key \"replicatons\"; valid keys here are: name, description, scenario, seed, replications, seeds, design, points, set, axes; did you mean \"replications\"?"
            ), "\(found)")
        #expect(
            found.contains {
                $0.hasPrefix("sweep.yaml:3:9: design: unknown value \"gird\"; valid values are: grid, zip, random, lhs, sobol; did you mean \"grid\"?")
            }, "\(found)")
        #expect(found.contains { $0.hasPrefix("sweep.yaml:4:9: points: points applies to design random, lhs or sobol") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("sweep.yaml:5:13: set.seed: the seed of each run comes from the sweep's seed") }, "\(found)")
        #expect(
            found.contains(
                "sweep.yaml:7:21: axes.arms.1.placement: expected a list of values such as [a, b] or a range such as {min: 1, max: 3}, found \"first-fit\""),
            "\(found)")
        #expect(found.contains { $0.hasPrefix("sweep.yaml:8:11: axes.a..b: expected a dotted path") }, "\(found)")
        #expect(problems("scenario: base.yaml\nreplications: 2\nseeds: [1]\n").first?.contains("not both") == true)
        let missing = (try? SweepSpec.load(path: "/nonexistent/s.yaml")) == nil
        #expect(missing)
        do { _ = try SweepSpec.load(path: "/nonexistent/s.yaml") } catch {
            #expect(error.description == "/nonexistent/s.yaml: cannot read sweep file: no such file")
        }
    }
}

private extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
