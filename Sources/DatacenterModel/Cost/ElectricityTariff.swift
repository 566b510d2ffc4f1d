/// Energy used from `startHour` (hours after local midnight of day 0; the hour of day is
/// ⌊startHour⌋ mod 24), kWh. One point of an energy time series.
public struct EnergyInterval: Sendable, Equatable {
    /// Start of the interval, hours after local midnight of the first day, ≥ 0.
    public var startHour: Double
    /// Energy in the interval, kWh, ≥ 0.
    public var kWh: Double
    /// `kWh` used from `startHour`.
    public init(startHour: Double, kWh: Double) { self.startHour = startHour; self.kWh = kWh }

    /// Nil if every interval has a finite startHour ≥ 0 and finite kWh ≥ 0, else the first problem.
    public static func check(_ series: [EnergyInterval]) -> String? {
        for (i, e) in series.enumerated() {
            if !(e.startHour >= 0 && e.startHour.isFinite) { return "energy[\(i)].startHour: expected finite hours >= 0, found \(e.startHour)" }
            if !(e.kWh >= 0 && e.kWh.isFinite) { return "energy[\(i)].kWh: expected finite kWh >= 0, found \(e.kWh)" }
        }
        return nil
    }
}

/// The price of electricity: flat, or time-of-use by hour of day.
///
/// Cost of an energy series = Σ kWh × price(hour of day of the interval's start): an interval
/// is priced at its start hour, so give intervals that do not straddle a price change (hourly
/// or finer). Apply it to facility energy (IT × PUE, or IT + cooling), as B7's
/// "E_IT_kWh × PUE × $/kWh". Source: `DomainModels.md` B7 — $0.10/kWh in the IBM example
/// (380 W × $0.10 × 8,766 h = $333/yr; the default), $0.13/kWh in the ASG Economics example.
/// Units: currency units per kWh.
public enum ElectricityTariff: Sendable, Equatable {
    /// One price at all hours.
    case flat(pricePerKWh: Double)
    /// 24 prices, for hours of day 0 … 23 (local time).
    case timeOfUse(pricesPerKWh: [Double])

    /// The default: flat $0.10/kWh (B7, IBM example).
    public static let `default` = ElectricityTariff.flat(pricePerKWh: 0.10)

    /// Nil if valid, else what is wrong.
    public static func check(_ t: ElectricityTariff) -> String? {
        switch t {
        case let .flat(p):
            return p >= 0 && p.isFinite ? nil : "pricePerKWh: expected a finite price >= 0, found \(p)"
        case let .timeOfUse(ps):
            if ps.count != 24 { return "pricesPerKWh: expected 24 prices (hours 0...23), found \(ps.count)" }
            if let i = ps.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
                return "pricesPerKWh[\(i)]: expected a finite price >= 0, found \(ps[i])"
            }
            return nil
        }
    }

    /// Price at hour of day `hour` (0 … 23).
    public func price(hourOfDay hour: Int) -> Double {
        switch self {
        case let .flat(p): return p
        case let .timeOfUse(ps): return ps[((hour % 24) + 24) % 24]
        }
    }

    /// Cost of the energy series.
    /// - Precondition: `EnergyInterval.check(energy)` passes.
    /// - Complexity: O(intervals).
    public func cost(of energy: [EnergyInterval]) -> Double {
        energy.reduce(0) { $0 + $1.kWh * price(hourOfDay: Int($1.startHour.rounded(.down)) % 24) }
    }
}
