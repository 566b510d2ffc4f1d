/// Calendar constants for annualizing costs.
///
/// A year is 8,766 hours (365.25 days), as in B7's electricity example ("380 W × $0.10/kWh ×
/// 8,766 h = $333/yr", `DomainModels.md`). A month is 1/12 of that year (730.5 h).
public enum CostCalendar {
    /// Hours in a year: 365.25 × 24 = 8,766.
    public static let hoursPerYear = 8766.0
    /// Months in a year.
    public static let monthsPerYear = 12.0

    /// The fraction of a year that `hours` is: hours / 8,766.
    public static func years(hours: Double) -> Double { hours / hoursPerYear }
}
