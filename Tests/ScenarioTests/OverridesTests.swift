import Foundation
import Testing
import Yams
import Scenario

private let yaml = """
    seed: 7
    hosts:
      count: 10
    arms:
      - placement: {type: best-fit}
      - placement: {type: first-fit}
    """

private func document(_ text: String = yaml) throws -> YAMLDocument {
    try YAMLDocument.parse(yaml: text, file: "s.yaml", directory: "/scenarios")
}

/// The override errors as issue lines (empty when every override applied).
private func overrideErrors(_ doc: YAMLDocument, _ sets: [String]) -> [String] {
    do {
        try doc.apply(overrides: sets)
        return []
    } catch {
        return error.issues.map(\.description)
    }
}

@Suite("--set overrides")
struct OverridesTests {
    @Test("an existing scalar is replaced, with the YAML type of the new value")
    func replaceScalar() throws {
        let doc = try document()
        try doc.apply(overrides: ["hosts.count=400", "seed = 8 "])
        let r = doc.reader(collector: IssueCollector())
        #expect(r.child("hosts")?.int("count") == 400)
        #expect(r.int("seed") == 8)
        #expect(doc.overriddenPaths == ["hosts.count", "seed"])
    }

    @Test("a missing key is created, with intermediate mappings, after the existing keys")
    func createKey() throws {
        let doc = try document()
        try doc.apply(overrides: ["placement=best-fit-decreasing", "workload.trace.rate=2.5"])
        let r = doc.reader(collector: IssueCollector())
        #expect(r.string("placement") == "best-fit-decreasing")
        #expect(r.child("workload")?.child("trace")?.double("rate") == 2.5)
        #expect(r.presentKeys == ["seed", "hosts", "arms", "placement", "workload"])
    }

    @Test("numeric components index sequences, 0-based")
    func indexSequence() throws {
        let doc = try document()
        try doc.apply(overrides: ["arms.1.placement.type=worst-fit"])
        let arms = doc.reader(collector: IssueCollector()).sequence("arms") ?? []
        #expect(arms.map { $0.child("placement")?.string("type") } == ["best-fit", "worst-fit"])
        #expect(doc.overriddenPaths == ["arms.1.placement.type"])
    }

    @Test("flow values replace whole subtrees")
    func flowValues() throws {
        let doc = try document()
        try doc.apply(overrides: ["x=[1, 2]", "arms.0={placement: {type: next-fit}}", "empty="])
        let r = doc.reader(collector: IssueCollector())
        #expect(r.doubleArray("x") == [1, 2])
        #expect(r.sequence("arms")?.first?.child("placement")?.string("type") == "next-fit")
        #expect(r.child("empty")?.isNull == true)
    }

    @Test("errors name the path and what exists; valid overrides still apply")
    func errors() throws {
        let doc = try document()
        let lines = overrideErrors(
            doc,
            [
                "arms.2.placement=x", "arms.first.placement=x", "seed.value=3", "hosts.count",
                "a..b=1", "seed=[1,", "hosts.count=11"
            ])
        #expect(
            lines == [
                "s.yaml: arms.2.placement (from --set): index 2 is out of range: arms has 2 items (valid indices are 0–1)",
                "s.yaml: arms.first.placement (from --set): arms is a sequence of 2 items; expected an index, found \"first\" (valid indices are 0–1)",
                "s.yaml: seed.value (from --set): cannot set \"value\" inside seed: it is a scalar (7), not a mapping or a sequence",
                "s.yaml: --set \"hosts.count\": expected dotted.path=value",
                "s.yaml: --set \"a..b=1\": empty path component; expected dotted.path=value",
                "s.yaml: seed (from --set): cannot parse value \"[1,\" as YAML: did not find expected node content"
            ])
        #expect(doc.reader(collector: IssueCollector()).child("hosts")?.int("count") == 11)
    }

    @Test("list items can be addressed by their name: arms.esxi.cpu_overcommit; unknown names list the valid ones")
    func byName() throws {
        let doc = try document("arms:\n  - {name: baseline, cpu_overcommit: 1}\n  - {name: esxi, cpu_overcommit: 1}\n")
        try doc.apply(overrides: ["arms.esxi.cpu_overcommit=3", "arms.0.cpu_overcommit=2"])
        let arms = doc.reader(collector: IssueCollector()).sequence("arms") ?? []
        #expect(arms.map { $0.double("cpu_overcommit") } == [2, 3])
        let lines = overrideErrors(doc, ["arms.kvm.cpu_overcommit=2"])
        #expect(
            lines == [
                "s.yaml: arms.kvm.cpu_overcommit (from --set): arms is a sequence of 2 items; expected an index or a name (baseline, esxi), found \"kvm\" (valid indices are 0–1)"
            ], "\(lines)")
    }

    @Test("a wrong type from --set is reported without a file position")
    func wrongTypeFromSet() throws {
        let doc = try document()
        try doc.apply(overrides: ["seed=abc", "arms.0.placement.type=[1]", "hostz.count=3"])
        let collector = IssueCollector()
        let r = doc.reader(collector: collector)
        _ = r.int("seed")
        _ = r.child("hosts")?.int("count")
        for arm in r.sequence("arms") ?? [] { _ = arm.child("placement")?.string("type") }
        r.finish()
        #expect(
            collector.sortedIssues.map(\.description) == [
                "s.yaml: seed (from --set): expected an integer, found \"abc\"",
                "s.yaml: arms[0].placement.type (from --set): expected a string, found a sequence",
                "s.yaml: hostz (from --set): unknown key \"hostz\"; valid keys here are: seed, hosts, arms; did you mean \"hosts\"?"
            ])
        #expect(collector.issues.allSatisfy { $0.fromOverride && $0.line == nil && $0.column == nil })
    }

    @Test("a path from --set resolves against the current directory, one in the file against its folder")
    func pathResolution() throws {
        let doc = try document("trace: traces/a.csv\nout: results\n")
        try doc.apply(overrides: ["trace=b.csv", "extra.file=../c.csv"])
        let r = doc.reader(collector: IssueCollector())
        let cwd = FileManager.default.currentDirectoryPath
        let parent = (cwd as NSString).deletingLastPathComponent
        #expect(r.filePath("trace") == (cwd == "/" ? "/b.csv" : cwd + "/b.csv"))
        #expect(r.filePath("out") == "/scenarios/results")
        #expect(r.child("extra")?.filePath("file") == (parent == "/" ? "/c.csv" : parent + "/c.csv"))
        #expect(r.child("trace")?.isFromOverride == true)
        #expect(r.child("out")?.isFromOverride == false)
    }

    @Test("overridden values appear in the JSON of the expanded scenario")
    func jsonAfterOverride() throws {
        let doc = try document("seed: 7\nhosts: {count: 10}\n")
        try doc.apply(overrides: ["hosts.count=400", "name=run-a"])
        #expect(
            yamlNodeToJSON(doc.root) == """
                {
                  "seed": 7,
                  "hosts": {
                    "count": 400
                  },
                  "name": "run-a"
                }
                """)
    }
}
