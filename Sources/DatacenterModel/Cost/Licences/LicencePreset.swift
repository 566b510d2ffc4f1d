/// How a licence is paid for.
///
/// - `perpetual`: bought once (capex); support (VMware SnS, Microsoft Software Assurance) is a
///   yearly share of the purchase price.
/// - `subscription`: paid every year (opex), support included (no separate support charge).
public enum LicenceModel: String, Sendable, Equatable, CaseIterable {
    case perpetual
    case subscription
}

/// What a licence rule counts: the hosts an arm buys, and the VMs and vRAM each must be
/// licensed for on the worst day.
public struct LicensedEstate: Sendable, Equatable {
    /// Hosts of one shape.
    public struct Hosts: Sendable, Equatable {
        /// Hosts of this shape, ≥ 0.
        public var count: Int
        /// Populated CPU sockets (processors) per host, ≥ 1.
        public var sockets: Int
        /// Physical cores per socket, ≥ 1.
        public var coresPerSocket: Int
        /// `count` hosts of `sockets` × `coresPerSocket` cores.
        public init(count: Int, sockets: Int, coresPerSocket: Int) {
            self.count = count; self.sockets = sockets; self.coresPerSocket = coresPerSocket
        }
    }
    /// The hosts, by shape.
    public var hosts: [Hosts]
    /// VMs (virtual OS instances) each host must be licensed for: the worst day, after a host
    /// failure (`worstDayVMsPerHost`); 0 = only the physical OS instance (bare metal).
    public var vmsPerHost: Int
    /// Configured vRAM of the powered-on VMs of the whole estate at its peak, GB, each VM
    /// counted up to 96 GB (vSphere 5 vRAM pools, `PlannerPractice.md` D).
    public var vramGB: Double

    /// An estate; see the fields.
    public init(hosts: [Hosts], vmsPerHost: Int = 0, vramGB: Double = 0) {
        self.hosts = hosts; self.vmsPerHost = vmsPerHost; self.vramGB = vramGB
    }

    /// Sockets over all hosts.
    public var sockets: Int { hosts.reduce(0) { $0 + $1.count * $1.sockets } }

    /// The VMs each host must be licensed for on the worst day: the peak of concurrently
    /// running VMs spread over the hosts left after `failures` hosts fail,
    /// ⌈peakVMs / max(1, hosts − failures)⌉.
    ///
    /// Source: `PlannerPractice.md` D, "Failover rule": VM rights are licensed on each host for
    /// the worst day (all VMs after a node failure); and its illustrative arithmetic (Windows
    /// Server Datacenter on all hosts because of that rule). Law: never less than the even
    /// spread ⌈peakVMs / hosts⌉; with one host, all VMs.
    /// - Parameters:
    ///   - peakVMs: peak of concurrently running VMs on the arm, ≥ 0.
    ///   - hosts: hosts the arm owns, ≥ 0 (0 → 0).
    ///   - failures: host failures planned for, ≥ 0 (the arm's HA reserve, at least 1).
    public static func worstDayVMsPerHost(peakVMs: Int, hosts: Int, failures: Int) -> Int {
        guard hosts > 0, peakVMs > 0 else { return 0 }
        let survivors = max(1, hosts - max(0, failures))
        return (peakVMs + survivors - 1) / survivors
    }
}

/// Which licence key a rule belongs to.
public enum LicenceRole: String, Sendable, Equatable {
    /// The virtualization layer (`costs.hypervisor_licence`).
    case hypervisor
    /// The operating system or database in the guests (`costs.guest_os_licence`).
    case guestOS = "guest-os"
}

/// One licence rule as data: what one unit is, how many units an estate needs, how it is
/// paid, and its list price with the date and source.
///
/// Registered in `LicenceRegistry.all`, from which decoding, `virtsim list`, the scenario
/// reference and the conformance tests derive. Prices are inputs: the bundled one is the
/// list price `PlannerPractice.md` D gives (marked "unverified" where D marks it so), or nil
/// where D gives none (a scenario must then set `price_usd`).
public struct LicencePreset: Sendable {
    /// Registry name, as scenarios write it (kebab-case).
    public let name: String
    /// Hypervisor or guest OS.
    public let role: LicenceRole
    /// Product and edition, the rule in words.
    public let summary: String
    /// When the rule applied, e.g. "May 2009 – July 2011".
    public let era: String
    /// What one unit is, e.g. "CPU socket", "core".
    public let unit: String
    /// Perpetual (capex + support) or subscription (opex, support included).
    public let model: LicenceModel
    /// List price of one unit, USD: a purchase (perpetual) or per year (subscription); nil
    /// where D gives none.
    public let listPriceUSD: Double?
    /// Where the price comes from and when, with D's "unverified" where it says so.
    public let priceSource: String
    /// Support per year as a fraction of the purchase price (perpetual; 0 for subscriptions).
    public let supportFraction: Double
    /// Units the estate needs.
    public let units: @Sendable (LicensedEstate) -> Int

    /// A rule; see the fields.
    public init(
        name: String, role: LicenceRole, summary: String, era: String, unit: String, model: LicenceModel,
        listPriceUSD: Double?, priceSource: String, supportFraction: Double,
        units: @escaping @Sendable (LicensedEstate) -> Int
    ) {
        self.name = name; self.role = role; self.summary = summary; self.era = era; self.unit = unit
        self.model = model; self.listPriceUSD = listPriceUSD; self.priceSource = priceSource
        self.supportFraction = model == .subscription ? 0 : supportFraction; self.units = units
    }

    /// One line: summary; unit, model, era; price and its source.
    public var listing: String {
        let price = listPriceUSD.map { "$" + Self.money($0) + (model == .subscription ? " per unit per year" : " per unit") } ?? "no list price"
        let support = model == .perpetual ? ", support \(Int((supportFraction * 100).rounded()))%/yr" : ", support included"
        return "\(summary). Unit: \(unit); \(model.rawValue)\(support); \(era). Price: \(price) (\(priceSource))."
    }

    /// `amount` with thousands separators, and two decimals where it has cents: 3,495; 7,561.50.
    public static func money(_ amount: Double) -> String {
        let cents = Int((amount * 100).rounded())
        var whole = String(cents / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        let c = cents % 100
        return whole + grouped + (c == 0 ? "" : "." + (c < 10 ? "0" : "") + String(c))
    }

    /// A count made host by host: Σ hosts.count × `perHost(sockets, coresPerSocket, vmsPerHost)`.
    public static func perHost(_ perHost: @escaping @Sendable (_ sockets: Int, _ coresPerSocket: Int, _ vms: Int) -> Int)
        -> @Sendable (LicensedEstate) -> Int
    {
        { e in e.hosts.reduce(0) { $0 + $1.count * perHost($1.sockets, $1.coresPerSocket, e.vmsPerHost) } }
    }

    /// ⌈a / b⌉ for a ≥ 0, b > 0.
    static func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }
}

/// A licence rule at the price and support rate a scenario chose.
public struct LicenceTerms: Sendable {
    /// The rule.
    public var preset: LicencePreset
    /// Price of one unit, USD (purchase or per year, by `preset.model`), ≥ 0.
    public var priceUSD: Double
    /// Support per year as a fraction of the purchase (perpetual only), ≥ 0.
    public var supportFraction: Double

    /// `preset` at `priceUSD` (default its list price, else 0) and `supportFraction`
    /// (default the preset's; forced to 0 for a subscription, which includes support).
    public init(_ preset: LicencePreset, priceUSD: Double? = nil, supportFraction: Double? = nil) {
        self.preset = preset; self.priceUSD = priceUSD ?? preset.listPriceUSD ?? 0
        self.supportFraction = preset.model == .subscription ? 0 : (supportFraction ?? preset.supportFraction)
    }

    /// What the estate costs under these terms.
    /// - perpetual: capex = units × price, support per year = supportFraction × capex;
    /// - subscription: per year = units × price, support included (0).
    public func charge(_ estate: LicensedEstate) -> LicenceCharge {
        let cost = Double(preset.units(estate)) * priceUSD
        switch preset.model {
        case .perpetual: return LicenceCharge(capexUSD: cost, annualUSD: 0, supportAnnualUSD: supportFraction * cost)
        case .subscription: return LicenceCharge(capexUSD: 0, annualUSD: cost, supportAnnualUSD: 0)
        }
    }
}

/// Licence costs of one arm, USD: bought once, per year, support per year.
public struct LicenceCharge: Sendable, Equatable {
    /// Perpetual licences bought (capex).
    public var capexUSD: Double
    /// Subscriptions per year (opex, support included).
    public var annualUSD: Double
    /// Support of perpetual licences per year (opex).
    public var supportAnnualUSD: Double

    /// A charge; categories default to 0.
    public init(capexUSD: Double = 0, annualUSD: Double = 0, supportAnnualUSD: Double = 0) {
        self.capexUSD = capexUSD; self.annualUSD = annualUSD; self.supportAnnualUSD = supportAnnualUSD
    }

    /// Category-by-category sum.
    public static func + (a: LicenceCharge, b: LicenceCharge) -> LicenceCharge {
        LicenceCharge(
            capexUSD: a.capexUSD + b.capexUSD, annualUSD: a.annualUSD + b.annualUSD,
            supportAnnualUSD: a.supportAnnualUSD + b.supportAnnualUSD)
    }
}
