/// Every licence rule, one list: `costs.hypervisor_licence.rule` and
/// `costs.guest_os_licence.rule` decode from it; `virtsim list`, the scenario reference and
/// the conformance tests derive from it. Adding a rule is one entry in one of the lists.
public enum LicenceRegistry {
    /// Every rule: vSphere by era, XenServer, Windows Server by release, RHEL, SQL Server.
    public static let all: [LicencePreset] =
        VSphereLicences.all + OtherLicences.all.filter { $0.role == .hypervisor }
        + WindowsServerLicences.all + OtherLicences.all.filter { $0.role == .guestOS }

    /// The rules in the shape every registry shares, for `virtsim list` and the scenario
    /// reference: the summary gives unit, model, era and list price with its source.
    public static var entries: [RegistryEntry<Void, LicencePreset>] {
        all.map { p in RegistryEntry(name: p.name, summary: p.listing, make: { _ in p }) }
    }

    /// The rules of one role, in registry order.
    public static func names(_ role: LicenceRole) -> [String] { all.filter { $0.role == role }.map(\.name) }

    /// The rule called `name`, if any.
    public static func preset(named name: String) -> LicencePreset? { all.first { $0.name == name } }

    /// The rule a hypervisor profile's `LicenceRule` stands for when a scenario names none,
    /// counted by that rule (nil for bundled and free: no hypervisor licence). No list price:
    /// the profile default is priced by `price_usd` alone. A per-core rule is Broadcom's
    /// subscription (support included); a per-socket one is perpetual with SnS.
    public static func profileDefault(_ rule: LicenceRule) -> LicencePreset? {
        switch rule {
        case .bundledWithOS, .free: return nil
        case .perCore, .perSocket:
            let subscription: Bool
            if case .perCore = rule { subscription = true } else { subscription = false }
            return LicencePreset(
                name: "profile:\(rule)", role: .hypervisor, summary: "the hypervisor profile's rule, \(rule)", era: "",
                unit: subscription ? "core" : "socket", model: subscription ? .subscription : .perpetual, listPriceUSD: nil,
                priceSource: "price_usd", supportFraction: VSphereLicences.snsFraction,
                units: { e in e.hosts.reduce(0) { $0 + rule.units(hosts: $1.count, socketsPerHost: $1.sockets, coresPerSocket: $1.coresPerSocket) } })
        }
    }
}
