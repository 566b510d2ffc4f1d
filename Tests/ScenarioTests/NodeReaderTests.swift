import Foundation
import Testing
@testable import Scenario

/// Reads `yaml` with `body` and returns the issue lines (sorted for display).
private func issues(
    _ yaml: String, file: String = "s.yaml", overrides: [String] = [],
    _ body: (NodeReader) -> Void
) throws -> [String] {
    let doc = try YAMLDocument.parse(yaml: yaml, file: file, directory: "/scenarios")
    try doc.apply(overrides: overrides)
    let collector = IssueCollector()
    let root = doc.reader(collector: collector)
    body(root)
    return collector.sortedIssues.map(\.description)
}

/// The load/parse errors of `yaml` as issue lines.
private func loadErrors(_ yaml: String, file: String = "s.yaml") -> [String] {
    do {
        _ = try YAMLDocument.parse(yaml: yaml, file: file, directory: "/scenarios")
        return []
    } catch {
        return error.issues.map(\.description)
    }
}

/// A small spec, read the way the scenario types read theirs (the example of the report).
private struct PoolSpec {
    enum Policy: String, CaseIterable { case firstFit = "first-fit", bestFit = "best-fit", bestFitDecreasing = "best-fit-decreasing" }
    struct Group { var count: Int; var ramBytes: Int64 }

    var count: Int
    var intervalS: Double
    var policy: Policy
    var groups: [Group]

    init(reading r: NodeReader) {
        count = r.required("count", expected: "an integer ≥ 1")?.int(range: 1...Int.max) ?? 1
        intervalS = r.duration("interval", positive: true) ?? 300
        policy = r.enumValue("policy", as: Policy.self) ?? .firstFit
        groups = (r.sequence("groups") ?? []).map { g in
            defer { g.finish() }
            return Group(
                count: g.int("count", range: 0...100_000) ?? 0,
                ramBytes: g.bytes("ram") ?? 0)
        }
        r.finish()
    }
}

@Suite("YAMLDocument and NodeReader")
struct NodeReaderTests {
    // MARK: Syntax and files

    @Test("bad indentation gives the 1-based line and column of the problem")
    func badIndentation() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("virtsim-nr-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.yaml").path
        try "hosts:\n  count: 3\n speed: 2\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: ScenarioErrors.self) { try YAMLDocument.load(path: file) }
        do {
            _ = try YAMLDocument.load(path: file)
        } catch {
            #expect(error.issues.count == 1)
            #expect(error.issues.first?.line == 3)
            #expect(error.issues.first?.column == 2)
            #expect(
                error.description == "\(file):3:2: YAML syntax error: did not find expected key (while parsing a block mapping that began at line 1, column 1)")
        }
    }

    @Test("an unclosed bracket points at where the parser gave up, on one line")
    func unclosedBracket() {
        #expect(
            loadErrors("seed: 1\nweights: [1, 2\nhosts: 3\n") == [
                "s.yaml:3:6: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence that began at line 2, column 10)"
            ])
    }

    @Test("other syntax errors: colon in a value, tab indentation, unterminated quote, undefined alias")
    func otherSyntaxErrors() {
        #expect(loadErrors("a: b: c\n") == ["s.yaml:1:5: YAML syntax error: mapping values are not allowed in this context"])
        #expect(loadErrors("a: 'abc\n").first?.hasPrefix("s.yaml:2:1: YAML syntax error: found unexpected end of stream") == true)
        #expect(loadErrors("a: *nope\n") == ["s.yaml:1:4: YAML syntax error: found undefined alias"])
        #expect(loadErrors("a: 1\n---\nb: 2\n") == ["s.yaml:2:1: YAML syntax error: expected a single document in the stream but found another document"])
    }

    @Test("a duplicate key is reported where it is repeated")
    func duplicateKey() {
        #expect(
            loadErrors("a: 1\nb:\n  c: 2\n  # comment\n\n  c: 3\n") == [
                "s.yaml:6:3: duplicate key \"c\", first defined at line 3, column 3; each key may appear only once in a mapping"
            ])
        #expect(
            loadErrors("b: {c: 2, c: 3}\n") == [
                "s.yaml:1:5: duplicate key \"c\"; each key may appear only once in a mapping"
            ])
    }

    @Test("missing file, directory, empty file, top level not a mapping")
    func fileProblems() {
        #expect(throws: ScenarioErrors.self) { try YAMLDocument.load(path: "/nonexistent/x.yaml") }
        do { _ = try YAMLDocument.load(path: "/nonexistent/x.yaml") } catch {
            #expect(error.description == "/nonexistent/x.yaml: cannot read scenario file: no such file")
        }
        do { _ = try YAMLDocument.load(path: "/tmp") } catch {
            #expect(error.description == "/tmp: cannot read scenario file: it is a directory, expected a YAML file")
        }
        #expect(loadErrors("") == ["s.yaml: empty scenario file: expected a mapping"])
        #expect(loadErrors("# just a comment\n") == ["s.yaml: empty scenario file: expected a mapping"])
        #expect(loadErrors("- a\n- b\n") == ["s.yaml:1:1: expected a mapping (key: value lines) at the top level, found a sequence"])
    }

    @Test("load records the file as given and its absolute folder")
    func loadFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("virtsim-nr-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("ok.yaml").path
        try "trace: traces/a.csv\n".write(toFile: file, atomically: true, encoding: .utf8)
        let doc = try YAMLDocument.load(path: file)
        #expect(doc.file == file)
        #expect(doc.directory == resolvePath(dir.path, against: "/"))
        let collector = IssueCollector()
        #expect(doc.reader(collector: collector).filePath("trace") == doc.directory + "/traces/a.csv")
    }

    // MARK: Values

    @Test("a wrong type gives path, line:col, what was found and what was expected")
    func wrongType() throws {
        let lines = try issues("hosts:\n  count: abc\n") { r in
            _ = r.child("hosts")?.int("count", range: 1...Int.max)
        }
        #expect(lines == ["s.yaml:2:10: hosts.count: expected an integer ≥ 1, found \"abc\""])
    }

    @Test("a negative count is out of range")
    func negativeCount() throws {
        let lines = try issues("hosts:\n  - count: -3\n") { r in
            for h in r.sequence("hosts") ?? [] { _ = h.int("count", range: 1...Int.max) }
        }
        #expect(lines == ["s.yaml:2:12: hosts[0].count: expected an integer ≥ 1, found -3"])
    }

    @Test("an unknown key lists the valid keys and suggests the closest")
    func unknownKey() throws {
        let lines = try issues("seed: 1\nhostz: 3\n") { r in
            _ = r.int("seed")
            _ = r.int("hosts")
            _ = r.string("name")
            r.finish()
        }
        #expect(lines == ["s.yaml:2:1: hostz: unknown key \"hostz\"; valid keys here are: seed, hosts, name; did you mean \"hosts\"?"])
    }

    @Test("no suggestion when nothing is close")
    func unknownKeyFar() throws {
        let lines = try issues("a:\n  zzz: 3\n") { r in
            let a = r.child("a")
            _ = a?.int("count")
            a?.finish()
            r.finish()
        }
        #expect(lines == ["s.yaml:2:3: a.zzz: unknown key \"zzz\"; valid keys here are: count"])
    }

    @Test("every problem in a file is reported, in file order")
    func severalProblems() throws {
        let yaml = """
            count: 0
            interval: 5 minutes please
            policy: best-fitt
            groups:
              - count: 2
                ram: 4 gigs
              - cuont: 1
            extra: true
            """
        let lines = try issues(yaml) { r in _ = PoolSpec(reading: r) }
        #expect(
            lines == [
                "s.yaml:1:8: count: expected an integer ≥ 1, found 0",
                "s.yaml:2:11: interval: expected a duration such as 300, \"5 min\", \"1.5 h\"; found \"5 minutes please\""
                    + " (units: us, ms, s|sec, min, h|hour|hours, d|day|days, w|week|weeks; a plain number is seconds)",
                "s.yaml:3:9: policy: unknown value \"best-fitt\"; valid values are: first-fit, best-fit, best-fit-decreasing; did you mean \"best-fit\"?",
                "s.yaml:6:10: groups[0].ram: expected a size such as 4096, \"512 MiB\", \"4 GiB\"; found \"4 gigs\""
                    + " (units: B, KB|kB, KiB, MB, MiB, GB, GiB, TB, TiB, kB and KB being 1000 B and KiB 1024 B; a plain number is bytes)",
                "s.yaml:7:5: groups[1].cuont: unknown key \"cuont\"; valid keys here are: count, ram; did you mean \"count\"?",
                "s.yaml:8:1: extra: unknown key \"extra\"; valid keys here are: count, interval, policy, groups"
            ])
    }

    @Test("a valid spec reads with units and defaults")
    func validSpec() throws {
        let doc = try YAMLDocument.parse(
            yaml: "count: 4\npolicy: best-fit\ngroups:\n  - {count: 2, ram: 1.5 GiB}\n  - count: 1\n",
            file: "s.yaml", directory: "/s")
        let collector = IssueCollector()
        let spec = PoolSpec(reading: doc.reader(collector: collector))
        try collector.throwIfAny()
        #expect(spec.count == 4)
        #expect(spec.intervalS == 300)
        #expect(spec.policy == .bestFit)
        #expect(spec.groups.map(\.count) == [2, 1])
        #expect(spec.groups.map(\.ramBytes) == [1_610_612_736, 0])
    }

    @Test("a missing required key is reported at the mapping")
    func missingRequired() throws {
        let lines = try issues("arms:\n  - name: a\n    seed: 1\n") { r in
            for arm in r.sequence("arms") ?? [] {
                _ = arm.string("name")
                _ = arm.int("seed")
                _ = arm.required("count", expected: "an integer")?.int()
                arm.finish()
            }
        }
        #expect(lines == ["s.yaml:2:5: arms[0]: missing required key \"count\" (expected an integer)"])
        let top = try issues("a: 1\n") { r in
            _ = r.int("a")
            _ = r.required("count", expected: "an integer")
        }
        #expect(top == ["s.yaml:1:1: missing required key \"count\" (expected an integer)"])
    }

    @Test("null counts as absent for optional keys, but not for required ones")
    func nulls() throws {
        var interval: Double?
        let lines = try issues("interval:\nseed: ~\ncount:\n") { r in
            interval = r.duration("interval")
            #expect(r.int("seed") == nil)
            #expect(!r.has("seed"))
            _ = r.required("count", expected: "an integer")?.int()
        }
        #expect(interval == nil)
        #expect(lines.count == 1)
        #expect(lines.first?.hasSuffix("count: expected an integer, found nothing") == true)
    }

    @Test("scalar types: strict booleans, finite numbers, no floats for ints, strings from any scalar")
    func scalarTypes() throws {
        var values: [String: String] = [:]
        let lines = try issues(
            """
            a: yes
            b: true
            c: .nan
            d: 2.5
            e: 2.5
            f: 7
            g: "7"
            h: [1, x, 3]
            i: 2024
            """
        ) { r in
            values["a"] = r.bool("a").map(String.init)
            values["b"] = r.bool("b").map(String.init)
            values["c"] = r.double("c").map { "\($0)" }
            values["d"] = r.double("d", range: 0...1).map { "\($0)" }
            values["e"] = r.int("e").map(String.init)
            values["f"] = r.double("f").map { "\($0)" }
            values["g"] = r.int("g").map(String.init)
            values["h"] = r.doubleArray("h").map { "\($0)" }
            values["i"] = r.string("i")
            r.finish()
        }
        #expect(values == ["b": "true", "f": "7.0", "i": "2024"])
        #expect(
            lines == [
                "s.yaml:1:4: a: expected true or false, found yes",
                "s.yaml:3:4: c: expected a finite number, found .nan",
                "s.yaml:4:4: d: expected a number between 0 and 1, found 2.5",
                "s.yaml:5:4: e: expected an integer, found 2.5",
                "s.yaml:7:4: g: expected an integer, found \"7\"",
                "s.yaml:8:8: h[1]: expected a number, found \"x\""
            ])
    }

    @Test("durations: numbers are seconds, units accepted, negatives and (when positive) zero rejected")
    func durations() throws {
        var got: [Double?] = []
        let lines = try issues("a: 90\nb: 1.5 h\nc: \"250ms\"\nd: -5\ne: 0\nf: 0\n") { r in
            got = [
                r.duration("a"), r.duration("b"), r.duration("c"), r.duration("d"),
                r.duration("e"), r.duration("f", positive: true)
            ]
        }
        #expect(got == [90, 5400, 0.25, nil, 0, nil])
        #expect(
            lines == [
                "s.yaml:4:4: d: expected a duration ≥ 0, found -5",
                "s.yaml:6:4: f: expected a duration > 0, found 0"
            ])
    }

    @Test("a value that should be a mapping is reported once")
    func notAMapping() throws {
        let lines = try issues("hosts: 3\n") { r in
            let h = r.child("hosts")
            _ = h?.int("count")
            _ = h?.int("cores")
            h?.finish()
        }
        #expect(lines == ["s.yaml:1:8: hosts: expected a mapping (key: value lines), found 3"])
    }

    @Test("mapping entries keep file order and mark every key read")
    func mappingEntries() throws {
        var names: [String] = []
        var cores: [Int?] = []
        let lines = try issues("host_types:\n  big: {cores: 64}\n  small: {cores: x}\n") { r in
            let entries = r.mappingEntries("host_types") ?? []
            names = entries.map(\.key)
            cores = entries.map { $0.value.int("cores") }
            r.finish()
        }
        #expect(names == ["big", "small"])
        #expect(cores == [64, nil])
        #expect(lines == ["s.yaml:3:18: host_types.small.cores: expected an integer, found \"x\""])
    }

    @Test("merge keys: inherited keys read like own ones, own keys win")
    func mergeKeys() throws {
        var got: [(Int?, String?)] = []
        let lines = try issues(
            """
            base: &base {count: 2, policy: first-fit}
            arms:
              - <<: *base
                count: 5
              - <<: *base
            """
        ) { r in
            _ = r.child("base")
            for arm in r.sequence("arms") ?? [] {
                got.append((arm.int("count"), arm.string("policy")))
                arm.finish()
            }
            r.finish()
        }
        #expect(lines.isEmpty)
        #expect(got.map(\.0) == [5, 2])
        #expect(got.map(\.1) == ["first-fit", "first-fit"])
    }

    @Test("file paths resolve against the file's folder; absolute paths stay")
    func filePaths() throws {
        var got: [String?] = []
        _ = try issues("a: traces/x.csv\nb: ../y.csv\nc: /data/./z.csv\n") { r in
            got = [r.filePath("a"), r.filePath("b"), r.filePath("c")]
        }
        #expect(got == ["/scenarios/traces/x.csv", "/y.csv", "/data/z.csv"])
    }

    @Test("custom issues and paths in both spellings")
    func customIssue() throws {
        var paths: [String] = []
        let lines = try issues("arms:\n  - range: {min: 5, max: 2}\n") { r in
            guard let range = r.sequence("arms")?.first?.child("range") else { return }
            let lo = range.child("min"), hi = range.child("max")
            paths = [range.path, range.overridePath, hi?.path ?? ""]
            if let l = lo?.int(), let h = hi?.int(), l >= h { lo?.issue("min (\(l)) must be < max (\(h))") }
        }
        #expect(paths == ["arms[0].range", "arms.0.range", "arms[0].range.max"])
        #expect(lines == ["s.yaml:2:18: arms[0].range.min: min (5) must be < max (2)"])
    }

    // MARK: Rendering

    @Test("issue descriptions in all four shapes")
    func issueDescriptions() {
        #expect(ScenarioIssue(file: "f.yaml", line: 3, column: 7, path: "a.b", message: "m").description == "f.yaml:3:7: a.b: m")
        #expect(ScenarioIssue(file: "f.yaml", line: 3, column: 7, message: "m").description == "f.yaml:3:7: m")
        #expect(ScenarioIssue(file: "f.yaml", path: "seed", message: "m").description == "f.yaml: seed: m")
        #expect(ScenarioIssue(file: "f.yaml", path: "seed", fromOverride: true, message: "m").description == "f.yaml: seed (from --set): m")
        #expect(ScenarioIssue(file: "f.yaml", message: "m").description == "f.yaml: m")
        let errors = ScenarioErrors(issues: [ScenarioIssue(file: "f", message: "a"), ScenarioIssue(file: "f", message: "b")])
        #expect(errors.description == "f: a\nf: b")
    }

    @Test("JSON rendering is byte-exact: file order, typed scalars, escapes, merges")
    func json() throws {
        let doc = try YAMLDocument.parse(
            yaml: """
                name: "quote \\" and \\\\ and\\ttab"
                count: 0x10
                ratio: 2.5
                big: 1e3
                on: yes
                flag: false
                nothing: ~
                quoted: "42"
                inf: .inf
                empty_list: []
                empty_map: {}
                list: [1, two, {a: 1}]
                base: &b {x: 1}
                derived: {<<: *b, y: é}
                """, file: "j.yaml", directory: "/")
        let expected = """
            {
              "name": "quote \\" and \\\\ and\\ttab",
              "count": 16,
              "ratio": 2.5,
              "big": 1000.0,
              "on": "yes",
              "flag": false,
              "nothing": null,
              "quoted": "42",
              "inf": ".inf",
              "empty_list": [],
              "empty_map": {},
              "list": [
                1,
                "two",
                {
                  "a": 1
                }
              ],
              "base": {
                "x": 1
              },
              "derived": {
                "y": "é",
                "x": 1
              }
            }
            """
        #expect(yamlNodeToJSON(doc.root) == expected)
        let nested = try YAMLDocument.parse(yaml: "a: [1]\n", file: "j", directory: "/")
        #expect(yamlNodeToJSON(nested.root, indent: 2) == "{\n    \"a\": [\n      1\n    ]\n  }")
    }
}
