/// Local disks and NICs a server has beyond the configuration its power curve was measured
/// with, as constant watts added to every powered-on level.
///
/// A SPECpower_ssj2008 curve is the power of the system under test as tested: its result page
/// lists the disks and network cards it ran with, and the curve includes exactly those. A server of the estate with more disks (a
/// mirrored pair and data disks, say) or more NICs draws more at every load; counting them is
/// the planner's to state (host type keys `extra_disks`, `extra_disk_w`, `extra_nics`,
/// `extra_nic_w`), never guessed: `HypervisorsFacilityStorageCost.md`, "Local disks and NICs",
/// says which bundled curves include what. A linear model's `idle_w`/`max_w` are whatever the
/// planner measured: add devices only where they were not in the measurement.
///
/// Effect: P'(u) = P(u) + extraW, with extraW = disks × diskW + nics × nicW, at every
/// utilization and P-state (explicit P-state powers are raised too) and while booting; while
/// off (`offW`) unchanged (the devices are off with the server). Drive watts: `PlannerPractice.md`
/// F (a 2.5" 10k SAS drive idles at 3.4 W, reads/writes at 7.33 W; a 7.2k drive idles at
/// 6–8 W); NIC watts: F gives 5–10 W for a 10 GbE NIC (unverified), so both are inputs.
public struct LocalDevices: Sendable, Equatable {
    /// Disks beyond the tested configuration, ≥ 0.
    public var disks: Int
    /// Power of one such disk, W, ≥ 0.
    public var diskW: Double
    /// NICs (or HBAs) beyond the tested configuration, ≥ 0.
    public var nics: Int
    /// Power of one such NIC, W, ≥ 0.
    public var nicW: Double

    /// `disks` disks of `diskW` W and `nics` NICs of `nicW` W beyond the tested configuration.
    /// - Precondition: `check` passes.
    public init(disks: Int = 0, diskW: Double = 0, nics: Int = 0, nicW: Double = 0) {
        self.disks = disks; self.diskW = diskW; self.nics = nics; self.nicW = nicW
        let problem = Self.check(self)
        precondition(problem == nil, problem ?? "")
    }

    /// Nil if valid, else the first problem, naming the field.
    public static func check(_ d: LocalDevices) -> String? {
        if d.disks < 0 { return "disks: expected >= 0, found \(d.disks)" }
        if d.nics < 0 { return "nics: expected >= 0, found \(d.nics)" }
        for (name, w) in [("diskW", d.diskW), ("nicW", d.nicW)] where !(w >= 0 && w.isFinite) {
            return "\(name): expected finite watts >= 0, found \(w)"
        }
        return nil
    }

    /// Watts the devices add while the server is on: disks × diskW + nics × nicW.
    public var extraW: Double { Double(disks) * diskW + Double(nics) * nicW }

    /// `host` with the devices' watts added to its power curve, explicit P-state powers and
    /// boot power; `offW` unchanged. Unchanged when `extraW` is 0.
    public func apply(to host: HostType) -> HostType {
        guard extraW > 0 else { return host }
        var t = host
        t.power = StaticPowerShiftModel(base: host.power, shiftW: extraW)
        t.pstates = host.pstates?.shifted(byW: extraW)
        t.bootPowerW = host.bootPowerW + extraW
        return t
    }
}
