/// Storage cost: physical GB × the tier's $/GB, amortized linearly over a number of years.
///
/// annual = physicalGB × pricePerGB / amortizationYears. Source: `DomainModels.md` B4
/// ("Storage cost = physical_bytes × $/GB (by tier) amortized") and B7 (storage_bytes ×
/// $/GB/yr). For a price already per GB-year, use amortizationYears = 1. Default 3 years, as
/// servers (B7 — the reference gives no storage-specific period; ASSUMPTION).
/// Units: GB = 10^9 bytes, currency units.
public struct StoragePrice: Sendable, Equatable {
    /// Amortization period, years, > 0.
    public var amortizationYears: Double

    /// Amortized over `amortizationYears` (> 0, default 3).
    public init(amortizationYears: Double = 3) {
        precondition(
            amortizationYears > 0 && amortizationYears.isFinite,
            "amortizationYears: expected finite years > 0, found \(amortizationYears)")
        self.amortizationYears = amortizationYears
    }

    /// Nil if valid, else what is wrong.
    public static func check(amortizationYears: Double) -> String? {
        amortizationYears > 0 && amortizationYears.isFinite ? nil : "amortizationYears: expected finite years > 0, found \(amortizationYears)"
    }

    /// Amortized cost per year of `physicalGB` at `pricePerGB`.
    public func annualCost(physicalGB: Double, pricePerGB: Double) -> Double { physicalGB * pricePerGB / amortizationYears }
    /// Amortized cost per year of a datastore usage (its purchase cost at the tier prices).
    public func annualCost(_ usage: StorageUsage) -> Double { usage.purchaseCost / amortizationYears }
}
