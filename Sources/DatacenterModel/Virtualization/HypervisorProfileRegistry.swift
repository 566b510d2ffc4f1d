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
