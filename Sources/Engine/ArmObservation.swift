import SimKernel
import Policies

/// One arm's state as it stands after an event (or after the run's set-up, or at its end),
/// for tests that check the engine against invariants and integrate its energy themselves
/// (`ArmSimulation.observer`). The arrays are the engine's own (shared, not copied).
///
/// Power between events: the engine holds each host's power constant from one event to the
/// next and integrates power × time at every change (`ArmSimulation.touch`), so energy is
/// Σ over observations of `hostPowerW` × the time to the next observation, plus the lumps of
/// finished live migrations (`migrationEnergyJ`, added at each move's end).
public struct ArmObservation {
    /// The instant, µs since the scenario start.
    public var timeUs: Int64
    /// Each host's power from this instant to the next observation, W.
    public var hostPowerW: [Double]
    /// Each host's power state: 0 off, 1 booting, 2 on (`ArmSimulation.off`, `booting`, `on`).
    public var hostState: [UInt8]
    /// Each host's CPU demand with hypervisor overhead, MIPS (`hDemand`).
    public var hostDemandMIPS: [Double]
    /// Each host's CPU capacity at its current P-state, MIPS.
    public var hostCapacityNowMIPS: [Double]
    /// Each VM's host (groups' VMs first, then service replicas), -1 if none; the target of a
    /// move in flight.
    public var vmHost: [Int32]
    /// Each VM's CPU demand without hypervisor overhead, MIPS.
    public var vmDemandMIPS: [Double]
    /// Each VM's reservation (CPU milli-MIPS, RAM MiB with hypervisor overhead).
    public var vmRequest: [PlacementRequest]
    /// Each VM's cloud host, -1 if none (empty without `arm.cloud`).
    public var vmCloudHost: [Int32]
    /// Source host of each VM in flight, -1 if none (empty unless the arm migrates or reclaims).
    public var vmMigratingFrom: [Int32]
    /// Planned (queued) target of each VM, whose reservation is already held there, -1 if none
    /// (empty unless the arm migrates or reclaims).
    public var vmPlannedTarget: [Int32]
    /// The placement index's allocatable and free CPU (milli-MIPS) and RAM (MiB) per host.
    public var cpuTotal: [Int64], cpuFree: [Int64], ramTotal: [Int64], ramFree: [Int64]
    /// Energy of finished live migrations so far (α·bytes + β each), J.
    public var migrationEnergyJ: Double
    /// Whether each host is down with a failure (empty without `failures:`).
    public var hostFailed: [Bool] = []
    /// Since when each VM has been down after its host failed, µs; nil while up (empty without
    /// `failures:`). A VM down has no host until it is restarted.
    public var vmDownSinceUs: [Int64?] = []
}

extension ArmSimulation {
    /// The state as it stands now (`observer`).
    func observation() -> ArmObservation {
        ArmObservation(
            timeUs: loop.now.microseconds, hostPowerW: hPower, hostState: hState, hostDemandMIPS: hDemand,
            hostCapacityNowMIPS: hCapNow, vmHost: vmHost, vmDemandMIPS: vmDemand, vmRequest: vmRequest,
            vmCloudHost: cloud?.vmHost ?? [], vmMigratingFrom: migState.vmMigratingFrom,
            vmPlannedTarget: migState.vmPlannedTarget, cpuTotal: placement.cpuTotal, cpuFree: placement.cpuFree,
            ramTotal: placement.ramTotal, ramFree: placement.ramFree, migrationEnergyJ: migState.migrationEnergyJ,
            hostFailed: failure?.failed ?? [], vmDownSinceUs: failure?.downSinceUs ?? [])
    }
}
