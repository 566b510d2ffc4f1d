/// A shared storage array (SAN/NAS) sized to hold a raw capacity: controllers, drive shelves
/// and drives, each powered and priced.
///
/// Sizing, for a raw capacity R GB (the datastore's physical GB: after dedup and compression,
/// with the RAID/FTT overhead and a thin pool's free-space headroom already in it,
/// `Datastore.usage`): drives = ⌈R / driveGB⌉ (whole drives; a quotient within 10⁻⁹ of an
/// integer counts as that integer, so 1,200 GB on 600 GB drives is 2, not 3, after rounding
/// noise); shelves = ⌈drives / drivesPerShelf⌉; controllers as given (a dual-controller
/// array: 2). Hot spares are not added: count them in the capacity or the drive size.
///
/// Power (`PlannerPractice.md` F, array model): P = controllers × controllerW + shelves ×
/// shelfW + drives × driveW, constant (drives spinning, controllers on: an array does not
/// follow the hosts' load). Sources: drive watts from data sheets (F: a 2.5" 10k SAS drive
/// idles at 3.4 W and reads/writes at 7.33 W, Seagate Savvio 10K.6; a 15k drive of 2002
/// 10.2–13.5 W; rule of thumb 9.5 W per HDD, 3 W per SSD); controller and shelf watts have no
/// sourced figure (F: "from vendor datasheets, unverified"), so they are required inputs.
/// Purchase = controllers × controllerPriceUSD + shelves × shelfPriceUSD + drives ×
/// drivePriceUSD (no sourced prices: inputs, 0 = not priced).
///
/// Units: GB = 10⁹ bytes, W, USD.
public struct StorageArray: Sendable, Equatable {
    /// Capacity of one drive, GB, > 0.
    public var driveGB: Double
    /// Power of one drive, W, ≥ 0.
    public var driveW: Double
    /// Drive bays per shelf, ≥ 1.
    public var drivesPerShelf: Int
    /// Power of one shelf without its drives (enclosure, I/O modules, fans, supplies), W, ≥ 0.
    public var shelfW: Double
    /// Controllers of the array, ≥ 1.
    public var controllers: Int
    /// Power of one controller, W, ≥ 0.
    public var controllerW: Double
    /// Prices, USD, ≥ 0 (0 = not priced).
    public var drivePriceUSD: Double = 0
    public var shelfPriceUSD: Double = 0
    public var controllerPriceUSD: Double = 0

    /// An array of `controllers` controllers and shelves of `drivesPerShelf` drives of `driveGB`.
    /// - Precondition: `check` passes.
    public init(driveGB: Double, driveW: Double, drivesPerShelf: Int, shelfW: Double, controllers: Int, controllerW: Double) {
        self.driveGB = driveGB; self.driveW = driveW; self.drivesPerShelf = drivesPerShelf
        self.shelfW = shelfW; self.controllers = controllers; self.controllerW = controllerW
        let problem = Self.check(self)
        precondition(problem == nil, problem ?? "")
    }

    /// Nil if valid, else the first problem, naming the field.
    public static func check(_ a: StorageArray) -> String? {
        if !(a.driveGB > 0 && a.driveGB.isFinite) { return "driveGB: expected finite GB > 0, found \(a.driveGB)" }
        if a.drivesPerShelf < 1 { return "drivesPerShelf: expected >= 1, found \(a.drivesPerShelf)" }
        if a.controllers < 1 { return "controllers: expected >= 1, found \(a.controllers)" }
        for (name, w) in [("driveW", a.driveW), ("shelfW", a.shelfW), ("controllerW", a.controllerW)] where !(w >= 0 && w.isFinite) {
            return "\(name): expected finite watts >= 0, found \(w)"
        }
        for (name, p) in [("drivePriceUSD", a.drivePriceUSD), ("shelfPriceUSD", a.shelfPriceUSD), ("controllerPriceUSD", a.controllerPriceUSD)]
        where !(p >= 0 && p.isFinite) {
            return "\(name): expected a finite price >= 0, found \(p)"
        }
        return nil
    }

    /// Whether any part has a price > 0.
    public var isPriced: Bool { drivePriceUSD > 0 || shelfPriceUSD > 0 || controllerPriceUSD > 0 }

    /// The array that holds `rawGB` (≥ 0) GB: its counts, power and purchase.
    public func sized(rawGB: Double) -> StorageArraySize {
        let drives = wholeUnits(max(0, rawGB) / driveGB)
        let shelves = (drives + drivesPerShelf - 1) / drivesPerShelf
        return StorageArraySize(
            controllers: controllers, shelves: shelves, drives: drives,
            powerW: Double(controllers) * controllerW + Double(shelves) * shelfW + Double(drives) * driveW,
            purchaseUSD: Double(controllers) * controllerPriceUSD + Double(shelves) * shelfPriceUSD + Double(drives) * drivePriceUSD)
    }
}

/// ⌈x⌉ for x ≥ 0, with x within 10⁻⁹ (relative) of an integer counted as that integer.
func wholeUnits(_ x: Double) -> Int {
    let n = x.rounded()
    return abs(x - n) <= 1e-9 * max(1, n) ? Int(n) : Int(x.rounded(.up))
}

/// What a storage array holding an arm's raw capacity has, draws and costs.
public struct StorageArraySize: Sendable, Equatable {
    public var controllers: Int
    public var shelves: Int
    public var drives: Int
    /// Constant power, W.
    public var powerW: Double
    /// Purchase, USD.
    public var purchaseUSD: Double

    public init(controllers: Int, shelves: Int, drives: Int, powerW: Double, purchaseUSD: Double) {
        self.controllers = controllers; self.shelves = shelves; self.drives = drives
        self.powerW = powerW; self.purchaseUSD = purchaseUSD
    }
}
