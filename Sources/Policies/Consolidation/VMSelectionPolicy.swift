/// Chooses which VM to take off an overloaded host next: CloudSim's
/// `PowerVmSelectionPolicy.getVmToMigrate` (CloudSimPlanetLab.md §6 step 3). The caller
/// repeats "select, remove tentatively, re-test" until the host is no longer overloaded or no
/// candidate is left; a policy makes one choice per call.
///
/// A policy is one file and one line in `ConsolidationRegistry.selectionPolicies`.
public protocol VMSelectionPolicy: Sendable {
    /// Registry name, e.g. `mmt`.
    var name: String { get }
    /// The index (into `candidates`) of the VM to migrate, or nil if there is no candidate
    /// (CloudSim returns `null`).
    /// - Parameters:
    ///   - candidates: the host's migratable VMs — those not in migration — in the host's VM-list
    ///     order (§10.1: ties go to the earliest, and RS draws an index into this list).
    ///   - uniform: a source of uniform numbers in [0, 1), read only by RS (pass the seeded
    ///     stream, e.g. `{ stream.uniform() }`); deterministic policies never call it.
    func selectVM<C: VMCandidateList>(from candidates: C, uniform: () -> Double) -> Int?
}

extension VMSelectionPolicy {
    /// `selectVM(from:uniform:)` for policies that need no random numbers (MMT, MU, MC).
    /// Calling it on RS is a programming error and traps.
    @inlinable
    public func selectVM<C: VMCandidateList>(from candidates: C) -> Int? {
        selectVM(from: candidates, uniform: { preconditionFailure("\(name) needs a uniform random source") })
    }
}

/// Read access to the candidate VMs of one host, in the host's VM-list order. The engine
/// conforms a thin view over its own storage, so a selection allocates nothing.
public protocol VMCandidateList {
    /// Number of candidates (≥ 0).
    var count: Int { get }
    /// Nominal RAM of candidate i, MB (`Vm.getRam()`, an `int` in CloudSim): MMT's metric.
    func ramMB(_ i: Int) -> Int
    /// Current requested MIPS of candidate i, uncapped: u(t) × nominal MIPS, computed in that
    /// order (`getTotalUtilizationOfCpuMips`, CloudSimPlanetLab.md §10.1 "MU"). ≥ 0.
    func requestedMips(_ i: Int) -> Double
    /// Nominal MIPS of candidate i (`Vm.getMips()`), > 0.
    func mips(_ i: Int) -> Double
    /// Number of values in candidate i's utilization history (CloudSim: at most 30).
    func historyCount(_ i: Int) -> Int
    /// Candidate i's utilization history value `age` intervals old: age 0 is the newest
    /// (CloudSim's `PowerVm.getUtilizationHistory().get(age)`); a fraction of the VM's MIPS,
    /// requested and uncapped (§10.6). `0 ≤ age < historyCount(i)`.
    func history(_ i: Int, age: Int) -> Double
}

/// An array-backed `VMCandidateList`, for tests and simple callers.
public struct VMCandidateArrays: VMCandidateList, Sendable {
    /// Nominal RAM per candidate, MB.
    public var ramMBs: [Int]
    /// Current requested MIPS per candidate.
    public var requestedMipsValues: [Double]
    /// Nominal MIPS per candidate.
    public var mipsValues: [Double]
    /// Utilization history per candidate, **oldest first**, fractions of the VM's MIPS.
    public var histories: [[Double]]

    /// Candidates from parallel arrays (all of the same length; `histories` may be empty,
    /// meaning no history for anyone).
    public init(ramMB: [Int], requestedMips: [Double] = [], mips: [Double] = [], histories: [[Double]] = []) {
        let n = ramMB.count
        self.ramMBs = ramMB
        self.requestedMipsValues = requestedMips.isEmpty ? Array(repeating: 0, count: n) : requestedMips
        self.mipsValues = mips.isEmpty ? Array(repeating: 1, count: n) : mips
        self.histories = histories.isEmpty ? Array(repeating: [], count: n) : histories
        precondition(requestedMipsValues.count == n && mipsValues.count == n && self.histories.count == n)
    }

    /// Number of candidates.
    public var count: Int { ramMBs.count }
    /// Nominal RAM of candidate i, MB.
    public func ramMB(_ i: Int) -> Int { ramMBs[i] }
    /// Requested MIPS of candidate i.
    public func requestedMips(_ i: Int) -> Double { requestedMipsValues[i] }
    /// Nominal MIPS of candidate i.
    public func mips(_ i: Int) -> Double { mipsValues[i] }
    /// History length of candidate i.
    public func historyCount(_ i: Int) -> Int { histories[i].count }
    /// History value of candidate i, `age` intervals old (0 = newest = last array element).
    public func history(_ i: Int, age: Int) -> Double { histories[i][histories[i].count - 1 - age] }
}
