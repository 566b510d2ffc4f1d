/// Windows Server licence rules by release (`PlannerPractice.md` D). Perpetual, with
/// Software Assurance at 25% of the licence price per year (D: Directions on Microsoft 2013).
/// Every host runs at least its physical OS instance; `vms` is the worst-day count
/// (`LicensedEstate.worstDayVMsPerHost`).
public enum WindowsServerLicences {
    /// Microsoft Software Assurance per year, fraction of the licence price (D).
    public static let saFraction = 0.25

    /// Cores licensed on a host under the 2016+ rule: every core, at least 8 per processor and
    /// 16 per server, rounded up to whole 2-core packs.
    public static func coresLicensed2016(sockets: Int, coresPerSocket: Int) -> Int {
        let cores = max(16, sockets * max(8, coresPerSocket))
        return cores + cores % 2
    }

    static func rule(
        _ name: String, summary: String, era: String, unit: String, price: Double, source: String,
        perHost: @escaping @Sendable (_ sockets: Int, _ coresPerSocket: Int, _ vms: Int) -> Int
    ) -> LicencePreset {
        LicencePreset(
            name: name, role: .guestOS, summary: summary, era: era, unit: unit, model: .perpetual, listPriceUSD: price,
            priceSource: source, supportFraction: saFraction, units: LicencePreset.perHost(perHost))
    }

    /// Every Windows Server rule, oldest first.
    public static let all: [LicencePreset] = [
        rule(
            "windows-2008r2-standard", summary: "Windows Server 2008 R2 Standard: per server, 1 VM each; max(1, VMs) per host",
            era: "2008 – 2012", unit: "server licence (1 VM)", price: 1_029, source: "D: $1,029 (unverified)"
        ) { _, _, vms in max(1, vms) },
        rule(
            "windows-2008r2-enterprise", summary: "Windows Server 2008 R2 Enterprise: per server, 4 VMs each; max(1, ⌈VMs/4⌉) per host",
            era: "2008 – 2012", unit: "server licence (4 VMs)", price: 3_999, source: "D: $3,999 (unverified)"
        ) { _, _, vms in max(1, LicencePreset.ceilDiv(vms, 4)) },
        rule(
            "windows-2008r2-datacenter", summary: "Windows Server 2008 R2 Datacenter: per processor, unlimited VMs",
            era: "2008 – 2012", unit: "processor", price: 2_999, source: "D: $2,999 per processor (unverified)"
        ) { sockets, _, _ in sockets },
        rule(
            "windows-2012r2-standard",
            summary: "Windows Server 2012/2012 R2 Standard: per 2 processors, 2 VMs each, stacked; max(⌈CPUs/2⌉, ⌈VMs/2⌉) per host",
            era: "Sep 2012 – Oct 2016", unit: "2-processor licence (2 VMs)", price: 882,
            source: "D: 2012 $882 per 2 processors (Open NL; TechRepublic 2012)"
        ) { sockets, _, vms in max(LicencePreset.ceilDiv(sockets, 2), LicencePreset.ceilDiv(vms, 2)) },
        rule(
            "windows-2012r2-datacenter", summary: "Windows Server 2012/2012 R2 Datacenter: per 2 processors, unlimited VMs; ⌈CPUs/2⌉ per host",
            era: "Sep 2012 – Oct 2016", unit: "2-processor licence", price: 4_809,
            source: "D: 2012 $4,809 per 2 processors (Open NL; 2012 R2 raised it)"
        ) { sockets, _, _ in LicencePreset.ceilDiv(sockets, 2) },
        standard2016("windows-2016-standard", release: "2016", era: "Oct 2016 – 2021", per16: 882, source: "D: 2016 $882 per 16 cores"),
        datacenter2016("windows-2016-datacenter", release: "2016", era: "Oct 2016 – 2021", per16: 6_155, source: "D: 2016 $6,155 per 16 cores"),
        standard2016("windows-2022-standard", release: "2022/2025", era: "2021 –", per16: 1_070, source: "D: ≈$1,070 per 16 cores (unverified)"),
        datacenter2016(
            "windows-2022-datacenter", release: "2022/2025", era: "2021 –", per16: 6_200, source: "D: ≈$6,200 per 16 cores (unverified)")
    ]

    /// 2016+ Standard: all cores licensed (`coresLicensed2016`) once per 2 VMs.
    static func standard2016(_ name: String, release: String, era: String, per16: Double, source: String) -> LicencePreset {
        rule(
            name, summary: "Windows Server \(release) Standard: per core (all, ≥8/CPU, ≥16/server), 2 VMs per full licensing of the cores",
            era: era, unit: "core", price: per16 / 16, source: source
        ) { sockets, cores, vms in
            coresLicensed2016(sockets: sockets, coresPerSocket: cores) * max(1, LicencePreset.ceilDiv(vms, 2))
        }
    }

    /// 2016+ Datacenter: all cores licensed once, unlimited VMs.
    static func datacenter2016(_ name: String, release: String, era: String, per16: Double, source: String) -> LicencePreset {
        rule(
            name, summary: "Windows Server \(release) Datacenter: per core (all, ≥8/CPU, ≥16/server), unlimited VMs",
            era: era, unit: "core", price: per16 / 16, source: source
        ) { sockets, cores, _ in coresLicensed2016(sockets: sockets, coresPerSocket: cores) }
    }
}
