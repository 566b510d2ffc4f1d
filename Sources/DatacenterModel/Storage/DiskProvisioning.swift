/// How a VM's virtual disk takes datastore space.
///
/// Source: `DomainModels.md` B4. Thick: the whole provisioned size is allocated. Thin
/// (vSphere 4 "vStorage Thin Provisioning"): only what the guest wrote — thick estates are
/// typically ≤ 40% used ("40 per cent or lower", sometimes ~10%), thin drives utilization to
/// 80–90%. Linked clones (View/Horizon Composer): one replica of the parent image per datastore
/// plus a delta disk per VM that grows with writes ("reduce the required storage capacity by
/// 50 to 90 percent"). Units: GB = 10^9 bytes, time in days.
public enum DiskProvisioning: Sendable, Equatable {
    /// The full provisioned size is allocated.
    case thick
    /// Allocated = provisioned × used fraction, the used fraction growing linearly:
    /// u(t) = min(1, initialUsedFraction + growthPerDay × t).
    case thin(initialUsedFraction: Double, growthPerDay: Double)
    /// A linked clone of the parent image `parentImage` (its replica, `replicaGB`, is stored
    /// once per datastore); each VM's delta disk = min(provisioned, initialDeltaGB +
    /// deltaGrowthGBPerDay × t).
    case linkedClone(parentImage: String, replicaGB: Double, initialDeltaGB: Double, deltaGrowthGBPerDay: Double)

    /// Nil if valid, else what is wrong.
    public static func check(_ p: DiskProvisioning) -> String? {
        switch p {
        case .thick: return nil
        case let .thin(u, g):
            if !(u >= 0 && u <= 1) { return "thin.initialUsedFraction: expected a fraction 0...1, found \(u)" }
            if !(g >= 0 && g.isFinite) { return "thin.growthPerDay: expected a finite fraction per day >= 0, found \(g)" }
            return nil
        case let .linkedClone(image, replica, delta, growth):
            if image.isEmpty { return "linkedClone.parentImage: expected a name, found an empty string" }
            if !(replica >= 0 && replica.isFinite) { return "linkedClone.replicaGB: expected finite GB >= 0, found \(replica)" }
            if !(delta >= 0 && delta.isFinite) { return "linkedClone.initialDeltaGB: expected finite GB >= 0, found \(delta)" }
            if !(growth >= 0 && growth.isFinite) { return "linkedClone.deltaGrowthGBPerDay: expected finite GB per day >= 0, found \(growth)" }
            return nil
        }
    }
}
