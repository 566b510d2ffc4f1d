import DatacenterModel

/// What an arm's shared infrastructure has, draws and costs (`ArmEconomicsFigures.infrastructure`).
///
/// Both draw constant power, added to the arm's IT power in every interval (so IT energy,
/// facility energy, cooling, facility and losses models, the electricity cost and carbon all see it); the
/// array's purchase is storage capex (the `storage` cost category, beside any
/// `price_per_gb`), the switches' purchase is hardware capex (the `hardware` category, beside
/// the servers): both bought at the start and again at each end of life within the horizon,
/// amortized over `costs.amortization_years` (`computeEconomics`).
public struct SharedInfrastructureFigures: Sendable, Equatable {
    /// The array holding the arm's raw storage; nil without `storage.array`.
    public var storageArray: StorageArraySize? = nil
    /// The switches of the arm's hosts; nil without `network`.
    public var network: NetworkSize? = nil
    public init(storageArray: StorageArraySize? = nil, network: NetworkSize? = nil) {
        self.storageArray = storageArray; self.network = network
    }

    /// Constant power of the array and switches, W.
    public var powerW: Double { (storageArray?.powerW ?? 0) + (network?.powerW ?? 0) }
    /// The array's purchase, USD (storage capex).
    public var storagePurchaseUSD: Double { storageArray?.purchaseUSD ?? 0 }
    /// The switches' purchase, USD (hardware capex).
    public var networkPurchaseUSD: Double { network?.purchaseUSD ?? 0 }
}
