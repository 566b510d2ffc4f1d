import DatacenterModel
import Engine

/// Grid carbon intensity at one hour, gCO2e/kWh, both ways GHG Protocol Scope 2 reports it
/// (`PlannerPractice.md` G: dual reporting, WRI/WBCSD 2015).
public struct GridIntensity: Sendable, Equatable {
    /// Location-based: the grid's average emission factor, gCO2e/kWh, ≥ 0.
    public var locationGPerKWh: Double
    /// Market-based: the factor of the contracts bought (RECs, PPAs, supplier), else the
    /// residual mix, gCO2e/kWh, ≥ 0.
    public var marketGPerKWh: Double
    public init(locationGPerKWh: Double, marketGPerKWh: Double) {
        self.locationGPerKWh = locationGPerKWh; self.marketGPerKWh = marketGPerKWh
    }
}

/// A storage or network device (array, switch, PDU) whose embodied carbon an arm carries.
public struct EmbodiedDevice: Sendable, Equatable {
    public var name: String
    /// Devices of this kind, ≥ 0.
    public var count: Int
    /// Embodied carbon of one device, kgCO2e, ≥ 0.
    public var embodiedKgCO2e: Double
    /// Years over which it is amortised linearly, > 0.
    public var lifeYears: Double
    public init(name: String, count: Int, embodiedKgCO2e: Double, lifeYears: Double) {
        self.name = name; self.count = count; self.embodiedKgCO2e = embodiedKgCO2e; self.lifeYears = lifeYears
    }
}

/// An arm's carbon inputs (scenario key `carbon:`): the grid intensity, constant or hourly, and
/// the devices whose embodied carbon counts besides the servers' (host type key
/// `embodied_kgco2e`).
public struct CarbonSpec: Sendable, Equatable {
    /// The intensity at every hour when `hourly` is nil.
    public var constant: GridIntensity
    /// Hourly intensities: element k holds from hour `firstHourFromStart + k` after the scenario
    /// start for one hour; nil = `constant`.
    public var hourly: [GridIntensity]? = nil
    /// Hours from the scenario start to the first hourly value (≤ 0 when it covers the start).
    public var firstHourFromStart: Double = 0
    /// Storage and network devices with embodied carbon.
    public var devices: [EmbodiedDevice] = []

    /// A constant intensity.
    public init(constant: GridIntensity) { self.constant = constant }

    /// The intensity at `h` hours after the scenario start: the hourly value of the hour that
    /// contains it (sample-and-hold), clamped to the first and last hour of the file (decoding
    /// checks the file covers the run), or the constant.
    public func intensity(atHoursFromStart h: Double) -> GridIntensity {
        guard let hourly, !hourly.isEmpty else { return constant }
        // 1e-9 h (3.6 µs) absorbs the rounding of start-of-day hours: an interval starting on an
        // hour boundary takes that hour's value
        let k = Int((h - firstHourFromStart + 1e-9).rounded(.down))
        return hourly[min(max(k, 0), hourly.count - 1)]
    }
}

/// The carbon of one arm over the simulated period (`Carbon.md`).
///
/// - Operational, kgCO2e = Σ over energy intervals of kWh × intensity(g/kWh) / 1000, where the
///   intensity is that of the hour holding the interval's start (as `ElectricityTariff` prices
///   an interval at its start hour); location- and market-based alike.
/// - Embodied, kgCO2e = Σ over host types of servers bought × `embodiedKgCO2e` × period years /
///   `embodiedLifeYears`, plus Σ over devices of count × `embodiedKgCO2e` × period years /
///   `lifeYears` (linear amortisation, CCF's rule in `PlannerPractice.md` G; a period longer
///   than a life carries the replacement's share too). A year is 8,766 h (`CostCalendar`).
/// - Parameters:
///   - energy: facility energy per interval (`computeEconomics`'s, the tariff's input).
///   - startHourOfDay: the scenario start's hour (interval start hours count from its midnight).
///   - hostTypes: the arm's host types; `hostsBought[i]` servers of type i are counted.
///   - hours: the simulated period, h.
/// - Complexity: O(intervals + host types + devices).
public func armCarbon(
    _ spec: CarbonSpec, energy: [EnergyInterval], startHourOfDay: Double, hostTypes: [HostType], hostsBought: [Int],
    hours: Double
) -> CarbonFigures {
    var f = CarbonFigures()
    for e in energy {
        let g = spec.intensity(atHoursFromStart: e.startHour - startHourOfDay)
        f.locationKgCO2e += e.kWh * g.locationGPerKWh / 1000
        f.marketKgCO2e += e.kWh * g.marketGPerKWh / 1000
    }
    let years = CostCalendar.years(hours: hours)
    for (t, n) in zip(hostTypes, hostsBought) where n > 0 && t.embodiedKgCO2e > 0 {
        f.embodiedKgCO2e += Double(n) * t.embodiedKgCO2e * years / t.embodiedLifeYears
    }
    for d in spec.devices { f.embodiedKgCO2e += Double(d.count) * d.embodiedKgCO2e * years / d.lifeYears }
    return f
}
