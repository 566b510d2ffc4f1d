/// System-administration labour: admins = servers / serversPerAdmin (full-time equivalents,
/// fractional), cost per year = admins × salaryPerYear.
///
/// Source: `DomainModels.md` B7, ASG Economics 2016 ROI example: 45 physical servers vs 76
/// virtual servers per admin, $85k salary (+3%/yr, not modelled: one year's salary).
/// Count OS instances: physical servers on a bare-metal estate (45 per admin), VMs on a
/// virtualized one (76 per admin). Units: currency units per year.
public struct AdminLabour: Sendable, Equatable {
    /// Physical servers one admin runs (B7, ASG): 45.
    public static let physicalServersPerAdmin = 45.0
    /// Virtual servers one admin runs (B7, ASG): 76.
    public static let virtualServersPerAdmin = 76.0

    /// Servers one admin runs, > 0.
    public var serversPerAdmin: Double
    /// Salary per admin per year, ≥ 0. Default 85,000 (B7, ASG).
    public var salaryPerYear: Double

    /// `serversPerAdmin` (> 0; 45 physical or 76 virtual in B7) at `salaryPerYear` (default 85,000, B7).
    /// - Precondition: `check` passes.
    public init(serversPerAdmin: Double, salaryPerYear: Double = 85_000) {
        let problem = Self.check(serversPerAdmin: serversPerAdmin, salaryPerYear: salaryPerYear)
        precondition(problem == nil, problem ?? "")
        self.serversPerAdmin = serversPerAdmin; self.salaryPerYear = salaryPerYear
    }

    /// Nil if valid, else what is wrong.
    public static func check(serversPerAdmin: Double, salaryPerYear: Double) -> String? {
        if !(serversPerAdmin > 0 && serversPerAdmin.isFinite) { return "serversPerAdmin: expected a finite ratio > 0, found \(serversPerAdmin)" }
        if !(salaryPerYear >= 0 && salaryPerYear.isFinite) { return "salaryPerYear: expected a finite salary >= 0, found \(salaryPerYear)" }
        return nil
    }

    /// Full-time admins for `servers` servers: servers / serversPerAdmin.
    public func admins(servers: Int) -> Double { Double(servers) / serversPerAdmin }
    /// Labour cost per year for `servers` servers.
    public func annualCost(servers: Int) -> Double { admins(servers: servers) * salaryPerYear }
}
