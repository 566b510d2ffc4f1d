/// Server purchase price amortized linearly over a number of years.
///
/// annual = servers × pricePerServer / amortizationYears; for a period of h hours,
/// annual × h / 8,766. Source: `DomainModels.md` B7 — capex amortized, servers ≈ 3 years
/// (VMware TCO calculator; Koomey/Uptime "True TCO"; Hamilton 2008). Cost of money (≈ 5%) is
/// not modelled (linear, no interest). Prices are inputs. Units: currency units, years, hours.
public struct ServerCapex: Sendable, Equatable {
    /// Purchase price of one server, ≥ 0.
    public var pricePerServer: Double
    /// Amortization period, years, > 0. Default 3 (B7).
    public var amortizationYears: Double

    /// `pricePerServer` (≥ 0, required) over `amortizationYears` (> 0, default 3, B7).
    /// - Precondition: `check` passes.
    public init(pricePerServer: Double, amortizationYears: Double = 3) {
        let problem = Self.check(pricePerServer: pricePerServer, amortizationYears: amortizationYears)
        precondition(problem == nil, problem ?? "")
        self.pricePerServer = pricePerServer; self.amortizationYears = amortizationYears
    }

    /// Nil if valid, else what is wrong.
    public static func check(pricePerServer: Double, amortizationYears: Double) -> String? {
        if !(pricePerServer >= 0 && pricePerServer.isFinite) { return "pricePerServer: expected a finite price >= 0, found \(pricePerServer)" }
        if !(amortizationYears > 0 && amortizationYears.isFinite) {
            return "amortizationYears: expected finite years > 0, found \(amortizationYears)"
        }
        return nil
    }

    /// Purchase price of `servers` servers (the up-front capex).
    public func purchase(servers: Int) -> Double { Double(servers) * pricePerServer }
    /// Amortized cost per year of `servers` servers.
    public func annualCost(servers: Int) -> Double { purchase(servers: servers) / amortizationYears }
    /// Amortized cost of `servers` servers over `hours` hours.
    public func cost(servers: Int, hours: Double) -> Double { annualCost(servers: servers) * CostCalendar.years(hours: hours) }
}
