/// Redundancy of a datastore: how many raw bytes one byte of data takes.
///
/// Source: `DomainModels.md` B4 — "RAID/FTT overhead (RAID-1 FTT=1 ×2, RAID-5 ≈ ×1.33,
/// RAID-6 ≈ ×1.5)"; the B4 figures are vSAN's erasure codes (RAID-5 = 3 data + 1 parity,
/// RAID-6 = 4 data + 2 parity). Factor = raw / usable.
public enum RAIDLevel: Sendable, Equatable, CustomStringConvertible {
    /// No redundancy, ×1.
    case none
    /// Two-way mirror, ×2 (RAID-1, RAID-10, vSAN FTT=1 mirror).
    case raid1
    /// n data + 1 parity, ×(n + 1)/n (4+1 → 1.25; vSAN RAID-5 3+1 → 1.33).
    case raid5(dataDisks: Int)
    /// n data + 2 parity, ×(n + 2)/n (vSAN RAID-6 4+2 → 1.5).
    case raid6(dataDisks: Int)
    /// vSAN mirroring with FTT failures to tolerate: FTT + 1 copies (FTT=1 ×2, FTT=2 ×3).
    case vsanMirror(failuresToTolerate: Int)

    /// vSAN RAID-5 erasure coding (FTT=1): 3 data + 1 parity, ×4/3 (B4's ≈ 1.33).
    public static let vsanRAID5 = RAIDLevel.raid5(dataDisks: 3)
    /// vSAN RAID-6 erasure coding (FTT=2): 4 data + 2 parity, ×1.5 (B4).
    public static let vsanRAID6 = RAIDLevel.raid6(dataDisks: 4)

    /// Nil if valid, else what is wrong.
    public static func check(_ r: RAIDLevel) -> String? {
        switch r {
        case .none, .raid1: return nil
        case let .raid5(n):
            return n >= 2 ? nil : "raid5.dataDisks: expected >= 2 data disks, found \(n)"
        case let .raid6(n):
            return n >= 2 ? nil : "raid6.dataDisks: expected >= 2 data disks, found \(n)"
        case let .vsanMirror(ftt):
            return (1...3).contains(ftt) ? nil : "vsanMirror.failuresToTolerate: expected 1...3, found \(ftt)"
        }
    }

    /// Raw capacity per usable byte, ≥ 1.
    public var overheadFactor: Double {
        switch self {
        case .none: return 1
        case .raid1: return 2
        case let .raid5(n): return Double(n + 1) / Double(n)
        case let .raid6(n): return Double(n + 2) / Double(n)
        case let .vsanMirror(ftt): return Double(ftt + 1)
        }
    }

    /// `none`, `raid1`, `raid5-4+1`, `raid6-4+2`, `vsan-ftt2-mirror`.
    public var description: String {
        switch self {
        case .none: return "none"
        case .raid1: return "raid1"
        case let .raid5(n): return "raid5-\(n)+1"
        case let .raid6(n): return "raid6-\(n)+2"
        case let .vsanMirror(ftt): return "vsan-ftt\(ftt)-mirror"
        }
    }
}
