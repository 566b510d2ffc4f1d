/// A class of storage with its price (e.g. `ssd`, `sas-15k`, `sata-7.2k`).
///
/// Source: `DomainModels.md` B4 — "Storage cost = physical_bytes × $/GB (by tier)
/// amortized". Prices vary by era and vendor and are inputs (no default).
/// Units: GB = 10^9 bytes; price in currency units per GB of physical (raw) capacity.
public struct StorageTier: Sendable, Equatable {
    /// Tier name.
    public var name: String
    /// Purchase price per physical GB, ≥ 0 (amortized by `StoragePrice`).
    public var pricePerGB: Double

    /// A tier named `name` at `pricePerGB` (≥ 0, currency units per physical GB).
    public init(name: String, pricePerGB: Double) {
        precondition(Self.check(pricePerGB: pricePerGB) == nil, Self.check(pricePerGB: pricePerGB) ?? "")
        self.name = name; self.pricePerGB = pricePerGB
    }

    /// Nil if valid, else what is wrong.
    public static func check(pricePerGB: Double) -> String? {
        pricePerGB >= 0 && pricePerGB.isFinite ? nil : "pricePerGB: expected a finite price >= 0, found \(pricePerGB)"
    }
}
