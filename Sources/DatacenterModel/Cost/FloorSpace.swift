/// Floor space: racks × price per rack per year, racks = ⌈servers / serversPerRack⌉.
///
/// Source: `DomainModels.md` B7 ("racks × $/rack-yr"; floor space/real estate in the TCO
/// structure). The price is an input (no default in the reference). serversPerRack default 40:
/// virtsim's `hosts_per_rack` default (ScenarioFiles.md), an ASSUMPTION of 1U servers in a 42U rack.
/// Units: currency units per rack per year.
public struct FloorSpace: Sendable, Equatable {
    /// Price of one rack position per year, ≥ 0.
    public var pricePerRackPerYear: Double
    /// Servers per rack, ≥ 1.
    public var serversPerRack: Int

    /// `pricePerRackPerYear` (≥ 0, required) and `serversPerRack` (≥ 1, default 40).
    /// - Precondition: `check` passes.
    public init(pricePerRackPerYear: Double, serversPerRack: Int = 40) {
        let problem = Self.check(pricePerRackPerYear: pricePerRackPerYear, serversPerRack: serversPerRack)
        precondition(problem == nil, problem ?? "")
        self.pricePerRackPerYear = pricePerRackPerYear; self.serversPerRack = serversPerRack
    }

    /// Nil if valid, else what is wrong.
    public static func check(pricePerRackPerYear: Double, serversPerRack: Int) -> String? {
        if !(pricePerRackPerYear >= 0 && pricePerRackPerYear.isFinite) {
            return "pricePerRackPerYear: expected a finite price >= 0, found \(pricePerRackPerYear)"
        }
        if serversPerRack < 1 { return "serversPerRack: expected >= 1, found \(serversPerRack)" }
        return nil
    }

    /// Racks for `servers` servers: ⌈servers / serversPerRack⌉.
    public func racks(servers: Int) -> Int { servers <= 0 ? 0 : (servers + serversPerRack - 1) / serversPerRack }
    /// Space cost per year of `racks` racks.
    public func annualCost(racks: Int) -> Double { Double(racks) * pricePerRackPerYear }
    /// Space cost per year for `servers` servers.
    public func annualCost(servers: Int) -> Double { annualCost(racks: racks(servers: servers)) }
}
