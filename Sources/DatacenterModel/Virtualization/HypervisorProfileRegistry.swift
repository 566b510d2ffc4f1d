/// Every hypervisor profile, one line each. Decoding (`hypervisor: esxi`), `virtsim list`,
/// "valid names are …" errors and the conformance tests are derived from this list.
public enum HypervisorProfileRegistry {
    /// The profiles, in listing order.
    public static let all: [HypervisorProfile] = [
        .esxi,
        .hyperV,
        .xen,
        .kvm,
        .none
    ]

    /// The keys a `hypervisor:` mapping may set over a profile (the same for every profile).
    public static let overrideParameters: [RegistryParameter] = [
        .init(
            name: "profile", summary: "the profile the mapping starts from", kind: .choice, defaultText: "none: a generic hypervisor",
            choices: all.map(\.name)),
        .init(name: "name", summary: "a name for a generic hypervisor (without profile)", kind: .text, defaultText: "the profile's"),
        .init(
            name: "embedded", summary: "installed without boot disks (ESXi embedded): −12 W, −30 s boot (an assumption)",
            kind: .flag, defaultText: "the profile's"),
        .init(
            name: "cpu_overhead", summary: "CPU the hypervisor adds to the VMs' demand", unit: "fraction",
            defaultText: "the profile's", range: 0...1),
        .init(
            name: "memory_overhead_per_vm", summary: "memory the hypervisor adds per VM instead of the profile's rule",
            kind: .size, defaultText: "the profile's"),
        .init(
            name: "memory_overhead_table", summary: "ESXi's per-VM overhead table by vCPUs and RAM", kind: .choice,
            defaultText: "the profile's", choices: ["vsphere-6.5", "vsphere-4.0"])
    ]

    /// The profiles in the shape every registry shares (`hypervisor: NAME` or `{profile: NAME, …}`).
    public static var entries: [RegistryEntry<Void, HypervisorProfile>] {
        all.map { p in RegistryEntry(name: p.name, summary: p.summary, parameters: overrideParameters, make: { _ in p }) }
    }

    /// The registered names, in registry order.
    public static var names: [String] { all.map(\.name) }

    /// The profile named `name`, or nil.
    public static func profile(named name: String) -> HypervisorProfile? { all.first { $0.name == name } }

    /// The profile named `name`, or a message listing the valid names.
    public static func lookup(_ name: String) -> Result<HypervisorProfile, HypervisorProfileLookupError> {
        if let p = profile(named: name) { return .success(p) }
        return .failure(HypervisorProfileLookupError(name: name))
    }
}

/// An unknown hypervisor name.
public struct HypervisorProfileLookupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name that was not found.
    public let name: String
    /// "unknown hypervisor `x`: valid names are esxi, hyper-v, xen, kvm, none".
    public var description: String {
        "unknown hypervisor `\(name)`: valid names are \(HypervisorProfileRegistry.names.joined(separator: ", "))"
    }
}
