import Testing
import Foundation
import Policies
import Scenario
import VirtsimCore

/// A placement policy registered at run time, as a program built on `VirtsimKit` does.
private struct LastFit: PlacementPolicy {
    static let entry = PlacementRegistryEntry(name: "test-last-fit", summary: "highest-id host that fits") { LastFit() }
    var name: String { Self.entry.name }
    var placesDecreasing: Bool { false }
    func selectHost(for r: PlacementRequest, in s: PlacementState) -> Int? {
        (0..<s.hostCount).last { s.fits(r, on: $0) }
    }
}

/// A detector registered at run time.
private struct NeverOverloaded: OverloadDetector {
    static let name = "test-never"
    var name: String { Self.name }
    var readsHistory: Bool { false }
    func evaluate(_ host: HostHistoryView) -> OverloadDecision { OverloadDecision(overloaded: false, metric: 0) }
}

@Suite("Registries: extensions from a program built on virtsim, facility models")
struct RegistryExtensionTests {
    static let yaml = """
        duration: 1 h
        host_types: {h: {cores: 4, core_mips: 1000, ram: 16 GiB, power: {model: linear, idle_w: 100, max_w: 200}}}
        vm_groups: [{name: g, count: 2, vcpus: 1, mips_per_vcpu: 1000, ram: 1 GiB, workload: {type: constant, cpu: 0.5}}]
        arms: [{name: a, placement: test-last-fit, host_groups: [{type: h, count: 5}]}]
        """

    @Test("a registered placement policy is named by scenarios, listed, and places as it says; taken names are refused")
    func registeredPlacement() throws {
        #expect(PlacementRegistry.register(LastFit.entry) || PlacementRegistry.all.contains { $0.name == "test-last-fit" })
        #expect(
            !PlacementRegistry.register(PlacementRegistryEntry(name: "first-fit", summary: "", make: { LastFit() })),
            "a built-in name is refused")
        #expect(!PlacementRegistry.register(LastFit.entry), "a registered name is refused")
        #expect(PlacementRegistry.all.filter { $0.name == "test-last-fit" }.count == 1)
        #expect(registryListing().contains("test-last-fit"))
        let dir = makeTempDir("registry")
        write(Self.yaml, to: dir + "/s.yaml")
        let (_, model) = try loadScenario(path: dir + "/s.yaml", overrides: [])
        let r = try simulateScenarioModel(model)[0]
        // both VMs on host 4, the last: 1000 of 4000 MIPS, 100 + 100 × 0.25 W for 1 h
        #expect(r.hosts[4].hoursOn == 1 && r.hostsUsedMax == 1)
        #expect(abs(r.itEnergyKWh - 0.125) < 1e-12)
    }

    @Test("a registered overload detector is named by consolidation on the event engine")
    func registeredDetector() throws {
        let entry = OverloadDetectorEntry(name: NeverOverloaded.name, summary: "never overloaded", parameters: []) { _ in
            NeverOverloaded()
        }
        _ = ConsolidationRegistry.register(detector: entry)
        #expect(!ConsolidationRegistry.register(detector: entry))
        let dir = makeTempDir("registry")
        write(
            Self.yaml.replacingOccurrences(
                of: "placement: test-last-fit,",
                with:
                    "placement: first-fit, consolidation: {overload_detector: {type: test-never}, vm_selection: mmt},"), to: dir + "/s.yaml")
        #expect(validateScenarioFile(path: dir + "/s.yaml", overrides: []) == [])
    }

    @Test("facility models come from one registry: listed, named as scenarios name them, keys of other models refused")
    func facilityRegistry() {
        #expect(FacilityModelRegistry.all.map(\.name) == ["fixed-pue", "load-pue", "losses", "crac", "economizer"])
        let listing = registryListingOfModels()
        #expect(listing.contains("facility models") && listing.contains("load-pue") && listing.contains("economizer"))
        let dir = makeTempDir("registry")
        write(Self.yaml.replacingOccurrences(of: "test-last-fit", with: "first-fit"), to: dir + "/s.yaml")
        let issues = validateScenarioFile(path: dir + "/s.yaml", overrides: ["arms.0.facility={model: fixed-pue, supply_c: 22}"])
        #expect(issues.count == 1 && issues[0].contains("arms[0].facility.supply_c") && issues[0].contains("unknown key"), "\(issues)")
    }
}
