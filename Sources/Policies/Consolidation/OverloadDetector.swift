/// Decides whether a host is overloaded: CloudSim's `isHostOverUtilized` of the
/// `PowerVmAllocationPolicyMigration*` classes (CloudSimPlanetLab.md §5). Called for every
/// host at each consolidation round and, inside PABFD, for every tentative placement, so
/// implementations are pure, deterministic and allocation-free.
///
/// A detector is one file and one line in `ConsolidationRegistry.detectors`.
public protocol OverloadDetector: Sendable {
    /// Registry name, e.g. `lr`.
    var name: String { get }
    /// Whether `evaluate` reads `HostHistoryView.history` (false for THR), so a caller can
    /// skip building the history.
    var readsHistory: Bool { get }
    /// k if `evaluate` reads only the k newest history values and whether the trimmed history
    /// (`HostHistoryView.trimmedHistory`) holds at least k values; nil (the default) if it may
    /// read the whole history. Law: two histories (with the other fields equal) whose k newest
    /// values are equal and whose trimmed lengths are both ≥ k give the same decision. A
    /// caller may then pass the k newest values and, before them, the newest older non-zero
    /// value if there is one (else the history as it is). LR and LRR: k = `window`.
    var newestValuesRead: Int? { get }
    /// The decision for one host, and the number CloudSim logs with it.
    func evaluate(_ host: HostHistoryView) -> OverloadDecision
    /// The detector's verdict as a linear form of the history, if it has one (LR); nil by
    /// default. Lets a caller refuse hosts cheaply where the verdict is certain.
    var linearForm: LinearOverloadForm? { get }
}

extension OverloadDetector {
    /// No linear form unless the detector states one.
    public var linearForm: LinearOverloadForm? { nil }

    /// The whole history may be read.
    public var newestValuesRead: Int? { nil }

    /// Whether the host is overloaded (`evaluate(host).overloaded`).
    @inlinable
    public func isOverloaded(_ host: HostHistoryView) -> Bool { evaluate(host).overloaded }
}

/// The result of an overload test.
public struct OverloadDecision: Sendable, Equatable {
    /// The host counts as overloaded: VMs are selected from it and it is excluded as a target.
    public var overloaded: Bool
    /// The value CloudSim records with `addHistoryEntry` (CloudSimPlanetLab.md §5): the upper
    /// threshold (fraction of host MIPS) for THR, IQR and MAD; safety × predicted utilization for
    /// LR and LRR; the fallback's threshold when the fallback decided.
    public var metric: Double
    /// The 0.7 static-threshold fallback decided because the history was too short.
    public var usedFallback: Bool

    /// A decision.
    public init(overloaded: Bool, metric: Double, usedFallback: Bool = false) {
        self.overloaded = overloaded
        self.metric = metric
        self.usedFallback = usedFallback
    }
}

/// What an overload detector reads about one host at one instant. A view over the caller's
/// storage: it must not outlive the buffer it points into.
///
/// Fed by the engine from incrementally kept state; all inputs are explicit so a call needs no
/// allocation and no access to the engine.
public struct HostHistoryView {
    /// The host's CPU utilization history, **oldest first, newest last**, as fractions of the
    /// host's total MIPS (uncapped, so values may exceed 1), one value per scheduling interval.
    ///
    /// CloudSim (`PowerHostUtilizationHistory.getUtilizationHistory`, CloudSimPlanetLab.md
    /// §5 and §10.6) builds it newest first, 30 values, from the VMs *now* on the host (VMs
    /// tentatively placed this round included, tentatively removed ones excluded):
    /// element j = Σ over the host's VM list, in list order, of `vmHistory[j] · vmMIPS / hostMIPS`
    /// (see `contribution(vmUtilization:vmMips:hostMips:)`), then cuts the zeros at the oldest
    /// end (`trimZeroTail`). Here that newest-first element j is `history[count − 1 − j]`.
    /// Leading (oldest) zeros may be passed: every detector trims them as CloudSim does.
    public var history: UnsafeBufferPointer<Double>
    /// Sum of the current *requested* MIPS of the host's VMs, uncapped, summed in VM-list order
    /// (`vm.getCurrentRequestedTotalMips()`, CloudSimPlanetLab.md §10.2 (a)). MIPS, ≥ 0.
    public var requestedMips: Double
    /// The host's total MIPS (`host.getTotalMips()`, an integer in CloudSim: 3720 or 5320). > 0.
    public var capacityMips: Double
    /// The longest migration time among the host's VMs, seconds: CloudSim's
    /// `getMaximumVmMigrationTime` (largest nominal RAM / (host bandwidth / 16000)); see
    /// `LocalRegressionDetector.migrationTimeS(ramMB:hostBandwidthKbps:)`. Read by LR and LRR only.
    public var maxMigrationTimeS: Double

    /// A view of one host.
    /// - Parameters:
    ///   - history: utilization history, oldest first (fractions of host MIPS).
    ///   - requestedMips: Σ requested MIPS of the host's VMs, in list order.
    ///   - capacityMips: host total MIPS (> 0).
    ///   - maxMigrationTimeS: longest VM migration time in seconds (≥ 0; LR/LRR only).
    @inlinable
    public init(
        history: UnsafeBufferPointer<Double>, requestedMips: Double, capacityMips: Double,
        maxMigrationTimeS: Double = 0
    ) {
        self.history = history
        self.requestedMips = requestedMips
        self.capacityMips = capacityMips
        self.maxMigrationTimeS = maxMigrationTimeS
    }

    /// Requested utilization, `requestedMips / capacityMips` (fraction, may exceed 1): what THR,
    /// IQR, MAD and the fallback compare with their threshold.
    @inlinable
    public var requestedUtilization: Double { requestedMips / capacityMips }

    /// The history after CloudSim's `trimZeroTail`: without the zeros at the oldest end.
    @inlinable
    public var trimmedHistory: UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(rebasing: history[CloudSimMath.trimmedStart(history)...])
    }

    /// One VM's term of a host-history element, in CloudSim's order of operations:
    /// `vmUtilization · vmMips / hostMips` (`PowerHostUtilizationHistory`, CloudSimPlanetLab.md
    /// §10.6). Sum these over the host's VM list in list order, starting from 0.
    /// - Parameters:
    ///   - vmUtilization: a VM history value, fraction of the VM's MIPS (uncapped).
    ///   - vmMips: the VM's nominal MIPS.
    ///   - hostMips: the host's total MIPS.
    @inlinable
    public static func contribution(vmUtilization: Double, vmMips: Double, hostMips: Double) -> Double {
        vmUtilization * vmMips / hostMips
    }

    /// Adds one VM's history to a host history buffer, both oldest first and aligned at the
    /// newest end (CloudSim aligns element 0, the newest). Call once per VM in host-list order on
    /// a zero-filled buffer of `PowerVm.HISTORY_LENGTH` = 30 values to get CloudSim's array.
    /// - Parameters:
    ///   - vmHistory: the VM's utilization history, oldest first (fractions of VM MIPS).
    ///   - vmMips: the VM's nominal MIPS.
    ///   - hostMips: the host's total MIPS.
    ///   - host: the host history being built, oldest first.
    @inlinable
    public static func accumulate(
        vmHistory: UnsafeBufferPointer<Double>, vmMips: Double, hostMips: Double,
        into host: UnsafeMutableBufferPointer<Double>
    ) {
        let k = min(vmHistory.count, host.count)
        for j in 0..<k {
            host[host.count - 1 - j] += contribution(
                vmUtilization: vmHistory[vmHistory.count - 1 - j], vmMips: vmMips, hostMips: hostMips)
        }
    }
}
