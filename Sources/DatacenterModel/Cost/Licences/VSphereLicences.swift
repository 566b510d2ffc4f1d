/// VMware vSphere licence rules by era (`PlannerPractice.md` D).
///
/// Support of perpetual vSphere licences (SnS) defaults to 20% of the purchase per year:
/// D gives "~20–25% commonly assumed", unverified.
public enum VSphereLicences {
    /// SnS per year, fraction of the purchase (D: ~20–25%, unverified).
    public static let snsFraction = 0.20

    /// vSphere 4 (May 2009): per physical CPU, each licence covering `coreCap` cores per CPU;
    /// a CPU with more cores needs ⌈cores / cap⌉ licences. Perpetual.
    static func vsphere4(_ edition: String, name: String, coreCap: Int, priceUSD: Double, era: String) -> LicencePreset {
        LicencePreset(
            name: name, role: .hypervisor,
            summary: "vSphere 4 \(edition): per physical CPU, ≤\(coreCap) cores per CPU (more cores need ⌈cores/\(coreCap)⌉ licences per CPU)",
            era: era, unit: "CPU (≤\(coreCap) cores)", model: .perpetual, listPriceUSD: priceUSD,
            priceSource: "D: $\(LicencePreset.money(priceUSD)) per CPU (TechTarget licence FAQ; unverified)", supportFraction: snsFraction,
            units: LicencePreset.perHost { sockets, cores, _ in sockets * LicencePreset.ceilDiv(max(1, cores), coreCap) })
    }

    /// vSphere 5.0 after the 3 Aug 2011 revision: per CPU, with `entitlementGB` of pooled vRAM
    /// per licence; licences = max(CPUs, ⌈configured vRAM of powered-on VMs / entitlement⌉),
    /// each VM counted up to 96 GB. D: compliance is the 12-month average of the daily
    /// high-water mark; virtsim counts the peak of the simulated period instead (never less
    /// than that average when the period is representative). Perpetual; no list price in D.
    static func vsphere5(_ edition: String, name: String, entitlementGB: Double) -> LicencePreset {
        LicencePreset(
            name: name, role: .hypervisor,
            summary: "vSphere 5 \(edition): per CPU with \(Int(entitlementGB)) GB pooled vRAM each; max(CPUs, ⌈peak vRAM / \(Int(entitlementGB)) GB⌉)",
            era: "3 Aug 2011 – Aug 2012 (vRAM dropped in 5.1, unverified)", unit: "CPU (+\(Int(entitlementGB)) GB vRAM)",
            model: .perpetual, listPriceUSD: nil, priceSource: "D gives no price: set price_usd", supportFraction: snsFraction,
            units: { e in max(e.sockets, Int((e.vramGB / entitlementGB).rounded(.up))) })
    }

    /// Every vSphere rule, oldest first.
    public static let all: [LicencePreset] = [
        vsphere4("Standard", name: "vsphere4-standard", coreCap: 6, priceUSD: 795, era: "May 2009 – July 2011"),
        vsphere4("Advanced", name: "vsphere4-advanced", coreCap: 12, priceUSD: 2_245, era: "May 2009 – July 2011"),
        vsphere4("Enterprise", name: "vsphere4-enterprise", coreCap: 6, priceUSD: 2_875, era: "May 2009 – 15 Dec 2009 (sold until)"),
        vsphere4("Enterprise Plus", name: "vsphere4-enterprise-plus", coreCap: 12, priceUSD: 3_495, era: "May 2009 – July 2011"),
        vsphere5("Standard", name: "vsphere5-standard", entitlementGB: 32),
        vsphere5("Enterprise", name: "vsphere5-enterprise", entitlementGB: 64),
        vsphere5("Enterprise Plus", name: "vsphere5-enterprise-plus", entitlementGB: 96),
        LicencePreset(
            name: "vsphere-2012-per-cpu", role: .hypervisor,
            summary: "vSphere 5.1 to 7 before 2 Apr 2020: one licence per physical CPU, no core or vRAM limit",
            era: "Aug 2012 (vRAM dropped in 5.1, unverified) – 2 Apr 2020", unit: "CPU", model: .perpetual, listPriceUSD: nil,
            priceSource: "D gives no price: set price_usd", supportFraction: snsFraction,
            units: LicencePreset.perHost { sockets, _, _ in sockets }),
        LicencePreset(
            name: "vsphere-2020-per-cpu", role: .hypervisor,
            summary: "vSphere from 2 Apr 2020: one per-CPU licence covers ≤32 cores; more cores need ⌈cores/32⌉ per CPU",
            era: "2 Apr 2020 – 2024", unit: "CPU (≤32 cores)", model: .perpetual, listPriceUSD: nil,
            priceSource: "D gives no price: set price_usd", supportFraction: snsFraction,
            units: LicencePreset.perHost { sockets, cores, _ in sockets * LicencePreset.ceilDiv(max(1, cores), 32) }),
        broadcom("VMware vSphere Foundation (VVF)", name: "vsphere-2024-vvf", priceUSD: 135),
        broadcom("VMware Cloud Foundation (VCF)", name: "vsphere-2024-vcf", priceUSD: 350)
    ]

    /// Broadcom 2024+: subscription per physical core, each CPU counted as at least 16 cores
    /// (Σ max(cores, 16) per socket; KB 313548). The reported 72-core order minimum is left
    /// out (D: unverified, also reported reversed).
    static func broadcom(_ product: String, name: String, priceUSD: Double) -> LicencePreset {
        LicencePreset(
            name: name, role: .hypervisor,
            summary: "\(product) (Broadcom 2024+): subscription per core, ≥16 cores per CPU",
            era: "2024 –", unit: "core (≥16 per CPU)", model: .subscription, listPriceUSD: priceUSD,
            priceSource: "D: $\(LicencePreset.money(priceUSD)) per core per year (Jan 2024, unverified)", supportFraction: 0,
            units: LicencePreset.perHost { sockets, cores, _ in sockets * max(cores, 16) })
    }
}
