/// vCenter's limits on concurrent vMotions, as constants.
///
/// Source: `DomainModels.md` B6 (vSphere 6.5 docs, GUID-25EA5833-…; vSphere 5.x–6.7):
/// network cost 1 per vMotion, at most 4 concurrent on 1 GbE and 8 on 10 GbE; host maximum
/// cost 8 (vMotion cost 1, Storage vMotion 4); datastore maximum 128 (vMotion 1, Storage
/// vMotion 16). vSphere 7: host 16 slots, 2 per vMotion ⇒ still 8 per host (VMware
/// performance blog 2021). Also in B5/C.2.
public enum VMotionLimits {
    /// Concurrent vMotions per 1 GbE network.
    public static let perNetwork1GbE = 4
    /// Concurrent vMotions per 10 GbE (or faster) network.
    public static let perNetwork10GbE = 8
    /// Concurrent vMotions per host.
    public static let perHost = 8
    /// Concurrent migration cost per datastore (a vMotion costs 1).
    public static let perDatastoreCost = 128
    /// Host cost of one Storage vMotion (against `perHost`).
    public static let storageVMotionHostCost = 4
    /// Datastore cost of one Storage vMotion (against `perDatastoreCost`).
    public static let storageVMotionDatastoreCost = 16

    /// Concurrent vMotions one host can run through one NIC of `nicGbps`:
    /// min(perHost, nicGbps ≥ 10 ? 8 : 4). ASSUMPTION: NICs below 1 GbE (unsupported for
    /// vMotion) get the 1 GbE limit.
    public static func maxConcurrent(nicGbps: Double) -> Int {
        min(perHost, nicGbps >= 10 ? perNetwork10GbE : perNetwork1GbE)
    }
}
