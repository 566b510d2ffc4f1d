/// The carbon footprint of one arm over the simulated period, kgCO2e (`Carbon.md`): operational
/// (facility energy × grid intensity, location- and market-based, GHG Protocol Scope 2) and
/// embodied (servers and devices amortised over their lives). Filled by `computeEconomics`
/// when the scenario has a `carbon:` mapping for the arm.
public struct CarbonFigures: Sendable, Equatable {
    /// Σ facility kWh × location-based intensity (g/kWh) / 1000, kgCO2e.
    public var locationKgCO2e: Double = 0
    /// Σ facility kWh × market-based intensity (g/kWh) / 1000, kgCO2e.
    public var marketKgCO2e: Double = 0
    /// Embodied carbon of the servers bought and the devices, amortised over the period, kgCO2e.
    public var embodiedKgCO2e: Double = 0
    public init(locationKgCO2e: Double = 0, marketKgCO2e: Double = 0, embodiedKgCO2e: Double = 0) {
        self.locationKgCO2e = locationKgCO2e; self.marketKgCO2e = marketKgCO2e; self.embodiedKgCO2e = embodiedKgCO2e
    }
}
