import Testing
import Foundation
import Scenario

@Suite("The generated scenario reference")
struct ScenarioReferenceTests {
    static let committed: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/Sources/VirtsimCore/VirtsimCore.docc/ScenarioReference.md"
    }()

    @Test("the committed ScenarioReference.md is what the decoder and the registries generate (make reference)")
    func committedMatches() throws {
        let text = try String(contentsOfFile: Self.committed, encoding: .utf8)
        let generated = scenarioReference()
        if text != generated {
            let out = NSTemporaryDirectory() + "ScenarioReference.generated.md"
            try? generated.write(toFile: out, atomically: true, encoding: .utf8)
            Issue.record("ScenarioReference.md differs from the generated text (written to \(out)): run `make reference` and commit it")
        }
    }

    @Test("every key that is a value, not required, states its default")
    func defaults() {
        let ref = scenarioReference()
        let start = ref.range(of: "## Keys")!.upperBound, end = ref.range(of: "## Placement")!.lowerBound
        for line in ref[start..<end].split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            // | key | value | checked | default | required |
            let kind = cells[2], dflt = cells[4], required = cells[5]
            if kind.contains("mapping") || kind == "list" || kind.contains("map of") || !required.isEmpty { continue }
            #expect(!dflt.isEmpty, "\(cells[1]) has no default in the reference")
        }
    }

    @Test("it lists every arm key the decoder reads and every registry entry with its parameters")
    func coverage() {
        let ref = scenarioReference()
        for key in armKeys() { #expect(ref.contains("`arms[].\(key)`"), "arm key \(key)") }
        for key in [
            "duration", "host_types.<name>.cores", "vm_groups[].count", "services[].scaler", "arms[].dpm.interval",
            "arms[].memory.overcommit", "arms[].migration.model", "arms[].cloud.host.ram", "arms[].storage.raid"
        ] {
            #expect(ref.contains("`\(key)`"), "\(key)")
        }
        #expect(ref.contains("### `linear`") && ref.contains("| `idle_w` | number | W |"))
        #expect(ref.contains("### `lr`") && ref.contains("| `safety` |"))
        #expect(ref.contains("### `economizer`") && ref.contains("| `threshold_c` |"))
    }
}
