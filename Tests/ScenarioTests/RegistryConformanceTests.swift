import Testing
import DatacenterModel
@testable import Scenario
import Economics

/// Every model registry declares its parameters; the decoder reads exactly those: a mapping
/// holding every declared key reads them all and reports none as unknown, and an undeclared key
/// is reported as unknown.
@Suite("Registries: declared parameters are exactly what the decoder reads")
struct RegistryConformanceTests {
    /// A value the parameter accepts (its type checks; files need not exist).
    static func value(_ p: RegistryParameter) -> String {
        switch p.kind {
        case .number, .integer:
            guard let r = p.range else { return "1" }
            return r.lowerBound == .leastNormalMagnitude ? "1" : ParameterValue.number(r.lowerBound).description
        case .flag: return "true"
        case .duration: return "300"
        case .size: return "1 GiB"
        case .text: return "x"
        case .choice: return p.choices.first ?? "x"
        case .numbers: return "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]"
        case .path: return "no-such-file"
        case .mapping:
            switch p.name {
            case "columns": return "{cpu_pct: cpu}"
            case "ups", "distribution", "cooling": return "{no_load: 0, proportional: 0, square: 0}"
            default: return "{distribution: constant, value: 0.5}"
            }
        }
    }

    /// Decodes `{selector: name, every declared key, zz_undeclared: 1}` and checks the reads.
    static func check<I, P>(_ entries: [RegistryEntry<I, P>], selector: String, decode: (NodeReader) -> Void) throws {
        for e in entries {
            let keys = e.parameters.map { "\($0.name): \(value($0))" }
            let yaml = "{\(([ "\(selector): \(e.name)"] + keys + ["zz_undeclared: 1"]).joined(separator: ", "))}"
            let doc = try YAMLDocument.parse(yaml: yaml, file: "registry.yaml", directory: "/tmp")
            let collector = IssueCollector()
            let r = doc.reader(collector: collector)
            decode(r)
            let unknown = collector.issues.map(\.description).filter { $0.contains("unknown key") }
            #expect(unknown.count == 1 && unknown[0].contains("zz_undeclared"), "\(e.name): \(unknown)")
            #expect(Set(r.askedKeys) == Set(e.parameters.map(\.name) + [selector]), "\(e.name): asked \(r.askedKeys)")
        }
    }

    @Test("power models")
    func powerModels() throws {
        try Self.check(PowerModelRegistry.all, selector: "model") { _ = PowerModelRegistry.decode($0) }
    }

    @Test("facility models")
    func facilityModels() throws {
        try Self.check(FacilityModelRegistry.all, selector: "model") { r in
            var spec = ArmEconomicsSpec()
            applyFacility(r, to: &spec)
        }
    }

    @Test("workloads")
    func workloads() throws {
        try Self.check(WorkloadRegistry.all, selector: "type") { _ = WorkloadRegistry.decode($0) }
    }

    @Test("distributions")
    func distributions() throws {
        try Self.check(DistributionRegistry.all, selector: "distribution") { _ = DistributionRegistry.decode($0) }
    }

    @Test("every declared parameter has a summary, and numbers a range; defaults lie in their range")
    func declarations() {
        var all: [(String, RegistryParameter)] = []
        all += PowerModelRegistry.all.flatMap { e in e.parameters.map { (e.name, $0) } }
        all += FacilityModelRegistry.all.flatMap { e in e.parameters.map { (e.name, $0) } }
        all += WorkloadRegistry.all.flatMap { e in e.parameters.map { (e.name, $0) } }
        all += DistributionRegistry.all.flatMap { e in e.parameters.map { (e.name, $0) } }
        for (name, p) in all {
            #expect(!p.summary.isEmpty, "\(name).\(p.name)")
            if p.kind == .number || p.kind == .integer { #expect(p.range != nil, "\(name).\(p.name) has no range") }
            if let d = p.defaultValue { #expect(p.problem(d) == nil, "\(name).\(p.name) default \(d)") }
            if p.kind == .choice { #expect(!p.choices.isEmpty && (p.defaultText.map { p.choices.contains($0) || $0 == "none" } ?? true)) }
        }
    }
}

@Suite("Registries: hypervisor overrides and migration models")
struct RegistryConformanceMoreTests {
    @Test("a hypervisor mapping reads exactly the declared override keys")
    func hypervisorOverrides() throws {
        let yaml =
            "{profile: esxi, name: x, embedded: true, cpu_overhead: 0.1, memory_overhead_per_vm: 100 MiB, memory_overhead_table: vsphere-6.5, zz_undeclared: 1}"
        let doc = try YAMLDocument.parse(yaml: yaml, file: "h.yaml", directory: "/tmp")
        let collector = IssueCollector()
        let r = doc.reader(collector: collector)
        _ = decodeHypervisor(r)
        let unknown = collector.issues.map(\.description).filter { $0.contains("unknown key") }
        #expect(unknown.count == 1 && unknown[0].contains("zz_undeclared"), "\(unknown)")
        #expect(Set(r.askedKeys) == Set(HypervisorProfileRegistry.overrideParameters.map(\.name)), "\(r.askedKeys)")
        #expect(HypervisorProfileRegistry.entries.map(\.name) == HypervisorProfileRegistry.names)
    }

    @Test("every migration model's declared keys are read; another model's keys are refused by name")
    func migrationModels() throws {
        let all = MigrationModelRegistry.all.flatMap { $0.parameters.map(\.name) }
        for m in MigrationModelRegistry.all {
            let doc = try YAMLDocument.parse(yaml: "{migration: {model: \(m.name)}}", file: "m.yaml", directory: "/tmp")
            let collector = IssueCollector()
            let arm = doc.reader(collector: collector)
            _ = decodeMigration(arm, profile: nil, cloudSimProfile: false)
            let r = try #require(arm.child("migration"))
            _ = r
            #expect(collector.issues.isEmpty, "\(m.name): \(collector.issues)")
        }
        let doc = try YAMLDocument.parse(yaml: "{migration: {model: ram-over-bandwidth, max_rounds: 5}}", file: "m.yaml", directory: "/tmp")
        let collector = IssueCollector()
        _ = decodeMigration(doc.reader(collector: collector), profile: nil, cloudSimProfile: false)
        #expect(collector.issues.count == 1 && collector.issues[0].description.contains("applies to model: pre-copy only"), "\(collector.issues)")
        #expect(Set(all) == ["dirty_rate_mb_per_s", "dirty_scales_with_cpu", "max_downtime", "max_rounds"])
    }
}
