/// A named, dated and sourced annual grid intensity (scenario key `carbon.grid`).
public struct GridIntensityPreset: Sendable, Equatable {
    /// The preset's name, `region-year` (`germany-2023`).
    public let name: String
    /// Location-based lifecycle intensity, gCO2e/kWh.
    public let gPerKWh: Double
    /// The year the figure is for.
    public let year: Int
    /// Where it comes from.
    public let source: String
}

/// The bundled grid intensities: annual, lifecycle gCO2e/kWh of the production mix (imports
/// excluded), from Ember's yearly electricity data (CC BY 4.0) as packaged in CO2.js
/// `average-intensities.json` (`PlannerPractice.md` G, first table). Location-based factors:
/// a market-based factor is the buyer's own (contracts, residual mix) and has no preset.
public enum GridIntensityPresets {
    static let ember = "Ember yearly electricity data via CO2.js average-intensities.json (PlannerPractice.md G)"

    /// Every preset, one line each; decoding, `virtsim list` and "valid names are …" come from it.
    public static let all: [GridIntensityPreset] = [
        .init(name: "eu27-2023", gPerKWh: 243.8, year: 2023, source: ember),
        .init(name: "france-2023", gPerKWh: 56.0, year: 2023, source: ember),
        .init(name: "germany-2023", gPerKWh: 381.0, year: 2023, source: ember),
        .init(name: "poland-2023", gPerKWh: 661.9, year: 2023, source: ember),
        .init(name: "uk-2023", gPerKWh: 237.6, year: 2023, source: ember),
        .init(name: "us-2022", gPerKWh: 386.0, year: 2022, source: ember),
        .init(name: "south-korea-2022", gPerKWh: 441.7, year: 2022, source: ember),
        .init(name: "japan-2022", gPerKWh: 512.8, year: 2022, source: ember),
        .init(name: "india-2022", gPerKWh: 705.1, year: 2022, source: ember),
        .init(name: "china-2022", gPerKWh: 585.8, year: 2022, source: ember),
        .init(name: "world-2022", gPerKWh: 486.0, year: 2022, source: ember),
        .init(name: "world-2023", gPerKWh: 481.0, year: 2023, source: "Ember via Statista (PlannerPractice.md G)")
    ]

    /// The preset named `name`, nil if none.
    public static func named(_ name: String) -> GridIntensityPreset? { all.first { $0.name == name } }
}
