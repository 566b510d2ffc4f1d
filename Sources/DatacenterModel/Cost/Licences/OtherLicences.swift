/// Licence rules of Citrix XenServer, Red Hat Enterprise Linux and SQL Server
/// (`PlannerPractice.md` D).
public enum OtherLicences {
    /// Every rule of this file.
    public static let all: [LicencePreset] = [
        LicencePreset(
            name: "xenserver-per-socket", role: .hypervisor,
            summary: "Citrix XenServer 6.2+: per populated socket, annual subscription", era: "June 2013 –",
            unit: "socket", model: .subscription, listPriceUSD: 500, priceSource: "D: $500 per socket per year (admin-magazine 2013)",
            supportFraction: 0, units: LicencePreset.perHost { sockets, _, _ in sockets }),
        LicencePreset(
            name: "xenserver-per-socket-perpetual", role: .hypervisor,
            summary: "Citrix XenServer 6.2+: per populated socket, perpetual plus annual maintenance", era: "June 2013 –",
            unit: "socket", model: .perpetual, listPriceUSD: 1_250,
            priceSource: "D: $1,250 per socket (admin-magazine 2013); maintenance % not given (20% assumed)",
            supportFraction: VSphereLicences.snsFraction, units: LicencePreset.perHost { sockets, _, _ in sockets }),
        LicencePreset(
            name: "rhel-virtual-datacenter", role: .guestOS,
            summary: "Red Hat Enterprise Linux for Virtual Datacenters: per socket pair of the host, unlimited guests",
            era: "2013 –", unit: "socket pair", model: .subscription, listPriceUSD: nil,
            priceSource: "D gives no price (VDC ≈ 3.2 × RHEL Server): set price_usd", supportFraction: 0,
            units: LicencePreset.perHost { sockets, _, _ in LicencePreset.ceilDiv(sockets, 2) }),
        sqlServer("sqlserver-2012-enterprise", release: "2012–2019", era: "2012 – 2021", per2: 13_748, source: "D: $13,748 per 2 cores (pre-2022)"),
        sqlServer("sqlserver-2022-enterprise", release: "2022", era: "2022 –", per2: 15_123, source: "D: $15,123 per 2 cores (2022)")
    ]

    /// SQL Server Enterprise licensed on all physical cores (≥4 per processor, 2-core packs),
    /// which with Software Assurance (25%/yr) allows unlimited VMs.
    static func sqlServer(_ name: String, release: String, era: String, per2: Double, source: String) -> LicencePreset {
        LicencePreset(
            name: name, role: .guestOS,
            summary: "SQL Server \(release) Enterprise: all physical cores (≥4 per CPU, 2-core packs) with SA, unlimited VMs",
            era: era, unit: "core", model: .perpetual, listPriceUSD: per2 / 2, priceSource: source,
            supportFraction: WindowsServerLicences.saFraction,
            units: LicencePreset.perHost { sockets, cores, _ in
                let n = sockets * max(4, cores)
                return n + n % 2
            })
    }
}
