import DatacenterModel
import Engine

/// A licence an arm names: a registered rule (nil = the hypervisor profile's own rule), and the
/// scenario's price and support rate (nil = the rule's defaults).
public struct LicenceChoice: Sendable {
    /// The rule; nil for the hypervisor profile's rule (`HypervisorProfile.licence`).
    public var preset: LicencePreset?
    /// Price of one unit, USD (purchase or per year, by the rule's model).
    public var priceUSD: Double?
    /// Support per year as a fraction of the purchase (perpetual rules only).
    public var supportFraction: Double?

    /// A choice; see the fields.
    public init(preset: LicencePreset? = nil, priceUSD: Double? = nil, supportFraction: Double? = nil) {
        self.preset = preset; self.priceUSD = priceUSD; self.supportFraction = supportFraction
    }

    /// The terms on an arm whose hypervisor profile has `profileRule`; nil when the choice
    /// names no rule and the profile's needs no licence (bundled, free).
    public func terms(profileRule: LicenceRule) -> LicenceTerms? {
        guard let p = preset ?? LicenceRegistry.profileDefault(profileRule) else { return nil }
        return LicenceTerms(p, priceUSD: priceUSD, supportFraction: supportFraction)
    }
}

/// Licence costs of one arm, split by what is licensed.
public struct ArmLicenceCosts: Sendable, Equatable {
    /// The hypervisor's licences.
    public var hypervisor = LicenceCharge()
    /// The guests' OS (and database) licences.
    public var guestOS = LicenceCharge()
    /// Both.
    public var total: LicenceCharge { hypervisor + guestOS }
}

/// The estate an arm's licences count: the hosts it buys (`hostsBought`) by shape, the VMs
/// each must be licensed for on the worst day, and the peak configured vRAM.
///
/// - Worst day (`PlannerPractice.md` D, "Failover rule"): the peak of concurrently running VMs
///   (`timeseries.vms_running`) spread over the hosts left after F fail, F = the arm's HA
///   reserve (`ha:`), at least 1 (`LicensedEstate.worstDayVMsPerHost`). A bare-metal arm
///   licenses its physical OS instance only (0 VMs per host).
/// - vRAM: peak running VMs × the mean configured RAM of the scenario's VMs (weighted by group
///   counts), each VM counted up to 96 GiB (vSphere 5).
public func licensedEstate(_ arm: ArmConfig, _ result: ArmResult, groups: [VMGroup], hostsBought bought: [Int]) -> LicensedEstate {
    let hosts = arm.hostTypes.indices.map { ti in
        let t = arm.hostTypes[ti]
        return LicensedEstate.Hosts(count: bought[ti], sockets: max(1, t.sockets), coresPerSocket: max(1, t.cores / max(1, t.sockets)))
    }
    let peak = result.timeseries.map(\.vmsRunning).max() ?? 0
    let n = bought.reduce(0, +)
    let perHost = arm.isBareMetal ? 0 : LicensedEstate.worstDayVMsPerHost(peakVMs: peak, hosts: n, failures: max(1, arm.haReserveHosts))
    let vms = groups.reduce(0) { $0 + $1.count }
    let cappedGiB = groups.reduce(0.0) { $0 + Double($1.count) * min(96, Double($1.type.ramMiB) / 1024) }
    return LicensedEstate(hosts: hosts, vmsPerHost: perHost, vramGB: vms > 0 ? Double(peak) * cappedGiB / Double(vms) : 0)
}

/// What an arm's licences cost: the hypervisor's (`hypervisor`, or the profile's rule) and
/// each guest OS licence's, on `licensedEstate`.
/// - Returns: per part, (capex, subscriptions per year, support per year), USD.
public func armLicenceCosts(
    _ arm: ArmConfig, _ result: ArmResult, groups: [VMGroup], hostsBought bought: [Int],
    hypervisor: LicenceChoice?, guestOS: [LicenceChoice]
) -> ArmLicenceCosts {
    let estate = licensedEstate(arm, result, groups: groups, hostsBought: bought)
    let profileRule = arm.hypervisorProfile?.licence ?? .free
    var out = ArmLicenceCosts()
    if let t = hypervisor?.terms(profileRule: profileRule) { out.hypervisor = t.charge(estate) }
    for g in guestOS { if let t = g.terms(profileRule: .free) { out.guestOS = out.guestOS + t.charge(estate) } }
    return out
}

extension ArmConfig {
    /// True when the arm runs no hypervisor (`hypervisor: none`): one OS per physical server.
    public var isBareMetal: Bool { hypervisorProfile.map { $0.name == "none" } ?? (hypervisor.name == "none") }
}
