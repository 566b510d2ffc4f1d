import Policies
import SimKernel
import DatacenterModel

/// Distributed Power Management of a `virtsim`-profile arm (scenario key `dpm:` of an arm).
///
/// Every `interval` the engine gives `DPMPolicyModel` each host's CPU and active-memory
/// demand and capacity; the model decides which hosts to put in standby and which to wake.
/// Defaults are vSphere DPM's (Broadcom KB 310527, `DomainModels.md` B5):
/// `DemandCapacityRatioTarget` 63% ± `DemandCapacityRatioToleranceHost` 18% ⇒ keep host demand
/// in 45–81%; power off after 40 min below the band, power on after 5 min above it; the arm's
/// HA reserve kept on. The engine's side (evacuation by live migration, standby, boot) is described on
/// `ArmSimulation`.
public struct DPMSettings: Sendable, Equatable {
    /// Target demand/capacity ratio, fraction in (0, 1). Default 0.63 (KB 310527).
    public var target: Double
    /// Tolerance around the target, fraction. Default 0.18 (KB 310527) ⇒ band 0.45–0.81.
    public var tolerance: Double
    /// How long every powered host must stay below the band before DPM powers hosts off.
    /// Default 40 min (KB 310527).
    public var powerOffAfter: SimDuration
    /// How long a host must stay above the band before DPM powers hosts on. Default 5 min
    /// (KB 310527).
    public var powerOnAfter: SimDuration
    /// Hosts kept on beyond those the demand needs (HA failover reserve, N + R). Set from the
    /// arm's `ha:` (``ArmConfig/applyHAReserve()``); 0 without it.
    public var haReserveHosts: Int
    /// Time between DPM evaluations, > 0. Default 5 min (vCenter's DRS/DPM pass, B5).
    public var interval: SimDuration

    /// DPM with KB 310527's defaults.
    public init(
        target: Double = 0.63, tolerance: Double = 0.18,
        powerOffAfter: SimDuration = .seconds(Int64(40 * 60)),
        powerOnAfter: SimDuration = .seconds(Int64(5 * 60)),
        haReserveHosts: Int = 0, interval: SimDuration = .seconds(Int64(5 * 60))
    ) {
        self.target = target; self.tolerance = tolerance; self.powerOffAfter = powerOffAfter
        self.powerOnAfter = powerOnAfter; self.haReserveHosts = haReserveHosts; self.interval = interval
    }

    /// Nil if valid, else the first problem (`DPMPolicyModel.check`, and `interval` > 0).
    public func check() -> String? {
        if interval <= .zero { return "interval: expected a duration > 0, found \(interval.seconds) s" }
        return DPMPolicyModel.check(
            target: target, tolerance: tolerance, powerOffWindow: powerOffAfter,
            powerOnWindow: powerOnAfter, haReserveHosts: haReserveHosts)
    }

    /// The policy state machine with these parameters.
    /// - Precondition: `check()` is nil.
    public func makeModel() -> DPMPolicyModel {
        DPMPolicyModel(
            target: target, tolerance: tolerance, powerOffWindow: powerOffAfter,
            powerOnWindow: powerOnAfter, haReserveHosts: haReserveHosts)
    }
}

/// One thing DPM did in an arm's run (`ArmSimulation.dpmLog`), for tests and diagnostics.
public struct DPMLogEntry: Sendable, Equatable {
    /// What happened.
    public enum Action: String, Sendable {
        /// DPM chose the host for standby; its VMs are being migrated away (`vms` of them).
        case evacuate
        /// The host's last VM left and it was switched off (standby, off power).
        case powerOff = "power_off"
        /// The host could not be evacuated (some VM fits on no other powered host): it stays on.
        case evacuationFailed = "evacuation_failed"
        /// VMs arrived on the host while it was being evacuated: it stays on.
        case stayedOn = "stayed_on"
        /// DPM woke the host: it boots (boot time at boot power), then is on.
        case powerOn = "power_on"
        /// The host was above the band: `vms` VMs are being migrated to other powered hosts.
        case relieve
    }
    /// Simulated time, s.
    public var timeS: Double
    /// Host id.
    public var host: Int
    public var action: Action
    /// VMs concerned (migrations planned), 0 where not applicable.
    public var vms: Int

    public init(timeS: Double, host: Int, action: Action, vms: Int = 0) {
        self.timeS = timeS; self.host = host; self.action = action; self.vms = vms
    }
}

/// A live migration waiting on its source host's NIC (`ArmSimulation`).
struct PlannedMove {
    var vm: Int32
    var target: Int32
}
