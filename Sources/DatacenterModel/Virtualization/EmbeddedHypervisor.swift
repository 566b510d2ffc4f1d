/// What an embedded hypervisor (installed in server flash, no local boot disks) changes about
/// a host: a shorter boot and a lower static power.
///
/// Source: `DomainModels.md` B1 — ESX Server 3i (2007) shipped in 32 MB of server flash by
/// Dell/HP/IBM/NEC/Fujitsu, removing local disks and speeding boot; "model as shorter boot time
/// and lower per-host static power (no spinning disks)". The reference gives no numbers, so
/// both defaults are ASSUMPTIONS:
/// - `staticPowerSavingW` = 12 W: two mirrored boot disks at ≈ 6 W idle each (typical of
///   2.5-inch 10k-rpm SAS drives' data sheets); it lowers every powered-on power level
///   (idle, max, boot) by this many watts, never below 0. Power while off is unchanged.
/// - `bootTimeSavingS` = 30 s: disk spin-up and the RAID controller's initialisation skipped;
///   boot time never below 0.
public struct EmbeddedHypervisor: Sendable, Equatable {
    /// Watts saved while the host is on or booting, ≥ 0.
    public var staticPowerSavingW: Double
    /// Seconds saved per boot, ≥ 0.
    public var bootTimeSavingS: Double

    /// Savings with the documented assumption defaults (12 W, 30 s).
    /// - Precondition: `check` passes.
    public init(staticPowerSavingW: Double = 12, bootTimeSavingS: Double = 30) {
        let problem = Self.check(staticPowerSavingW: staticPowerSavingW, bootTimeSavingS: bootTimeSavingS)
        precondition(problem == nil, problem ?? "")
        self.staticPowerSavingW = staticPowerSavingW; self.bootTimeSavingS = bootTimeSavingS
    }

    /// Nil if the savings are valid, else what is wrong.
    public static func check(staticPowerSavingW: Double, bootTimeSavingS: Double) -> String? {
        if !(staticPowerSavingW >= 0 && staticPowerSavingW.isFinite) {
            return "staticPowerSavingW: expected finite watts >= 0, found \(staticPowerSavingW)"
        }
        if !(bootTimeSavingS >= 0 && bootTimeSavingS.isFinite) {
            return "bootTimeSavingS: expected finite seconds >= 0, found \(bootTimeSavingS)"
        }
        return nil
    }

    /// `host` with the embedded install applied: power curve (and explicit P-state powers)
    /// lowered by `staticPowerSavingW` (floored at 0 W), boot time shortened by
    /// `bootTimeSavingS` (floored at 0 s), boot power lowered by `staticPowerSavingW` (floored
    /// at 0 W). `offW` is unchanged.
    public func apply(to host: HostType) -> HostType {
        var t = host
        t.power = StaticPowerShiftModel(base: host.power, shiftW: -staticPowerSavingW)
        t.pstates = host.pstates?.lowered(byW: staticPowerSavingW)
        t.bootTimeS = max(0, host.bootTimeS - bootTimeSavingS)
        t.bootPowerW = max(0, host.bootPowerW - staticPowerSavingW)
        return t
    }
}
