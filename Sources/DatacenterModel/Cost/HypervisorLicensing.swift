/// Hypervisor licences and their support contract for a set of hosts.
///
/// licence per year = units(rule) × pricePerUnitPerYear; support per year = supportFraction ×
/// licence. For a perpetual licence, enter its price divided by the years it is used.
/// Source: `DomainModels.md` B7 (licence rules — per CPU, per core with a 16-core minimum
/// per CPU; "support" in the TCO structure). List prices are inputs (no default).
/// supportFraction default 0.20: ASSUMPTION (a typical annual support-and-subscription rate for
/// perpetual licences; the reference gives none). Units: currency units per year.
public struct HypervisorLicensing: Sendable, Equatable {
    /// What a licence unit is.
    public var rule: LicenceRule
    /// Price of one unit per year, ≥ 0.
    public var pricePerUnitPerYear: Double
    /// Support as a fraction of the licence cost, ≥ 0.
    public var supportFraction: Double

    /// `rule` at `pricePerUnitPerYear` (≥ 0, required) with support at `supportFraction` (default 0.20, assumption).
    /// - Precondition: `check` passes.
    public init(rule: LicenceRule, pricePerUnitPerYear: Double, supportFraction: Double = 0.20) {
        let problem = Self.check(rule: rule, pricePerUnitPerYear: pricePerUnitPerYear, supportFraction: supportFraction)
        precondition(problem == nil, problem ?? "")
        self.rule = rule; self.pricePerUnitPerYear = pricePerUnitPerYear; self.supportFraction = supportFraction
    }

    /// Nil if valid, else what is wrong.
    public static func check(rule: LicenceRule, pricePerUnitPerYear: Double, supportFraction: Double) -> String? {
        if let r = LicenceRule.check(rule) { return "rule." + r }
        if !(pricePerUnitPerYear >= 0 && pricePerUnitPerYear.isFinite) {
            return "pricePerUnitPerYear: expected a finite price >= 0, found \(pricePerUnitPerYear)"
        }
        if !(supportFraction >= 0 && supportFraction.isFinite) {
            return "supportFraction: expected a finite fraction of the licence >= 0, found \(supportFraction)"
        }
        return nil
    }

    /// Licence cost per year for `hosts` hosts of `socketsPerHost` CPUs × `coresPerSocket` cores.
    public func annualLicence(hosts: Int, socketsPerHost: Int, coresPerSocket: Int) -> Double {
        Double(rule.units(hosts: hosts, socketsPerHost: socketsPerHost, coresPerSocket: coresPerSocket)) * pricePerUnitPerYear
    }

    /// Support cost per year: supportFraction × licence.
    public func annualSupport(hosts: Int, socketsPerHost: Int, coresPerSocket: Int) -> Double {
        supportFraction * annualLicence(hosts: hosts, socketsPerHost: socketsPerHost, coresPerSocket: coresPerSocket)
    }
}
