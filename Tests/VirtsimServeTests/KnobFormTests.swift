import Foundation
import Scenario
import Testing

@testable import VirtsimServe

@Suite struct KnobFormTests {
    /// The quickstart's knobs, read from the file with the kinds and valid values the
    /// scenario reference declares.
    @Test func quickstartKnobsComeFromTheReference() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let doc = try YAMLDocument.load(path: repo + "/scenarios/quickstart.yaml")
        let knobs = Dictionary(KnobCatalog().knobs(of: doc.root).map { ($0.path, $0) }) { a, _ in a }
        #expect(knobs["arms.1.cpu_overcommit"]?.value == "2.5")
        #expect(knobs["arms.1.cpu_overcommit"]?.hint.contains("between 0.01 and 1000") == true)
        #expect(knobs["arms.0.host_groups.0.count"]?.value == "200")
        #expect(knobs["arms.1.host_groups.0.type"]?.choices == ["hp-ml110-g4", "ibm-x3550-x5675"])
        // `hypervisor: none` is the profile's short form; the consolidated arm's mapping has no profile
        #expect(knobs["arms.0.hypervisor"]?.value == "none")
        #expect(knobs["arms.0.hypervisor"]?.choices.contains("esxi") == true)
        #expect(knobs["arms.1.hypervisor.profile"]?.value == "")
        #expect(knobs["arms.1.dpm.enabled"]?.choices == ["true", "false"])
        #expect(knobs["costs.electricity_usd_per_kwh"]?.value == "0.10")
        #expect(knobs["host_types.ibm-x3550-x5675.price_usd"]?.value == "6000")
        #expect(knobs["facility.model"]?.value == "losses")
        #expect(knobs["facility.room"]?.value == "keep")
        #expect(knobs["facility.room"]?.choices.contains("right-size") == true)
    }
}
