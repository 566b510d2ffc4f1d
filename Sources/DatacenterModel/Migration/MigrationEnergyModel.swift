/// Energy of one live migration: E = α·V + β, V the bytes transferred.
///
/// Source: `DomainModels.md` B6, "Practical form: E_mig ≈ α·V_transferred + β" (Liu et al.,
/// HPDC 2011, > 90% accuracy on Xen; Strunk 2013 on KVM: energy depends on RAM size and
/// bandwidth). The reference did not retrieve Liu's coefficients. Defaults α = 0.512 J/MB,
/// β = 20.165 J are the values later papers quote for Liu et al.'s fit (source and receiver
/// together) — UNVERIFIED here: treat them as an ASSUMPTION to calibrate. Units: joules,
/// bytes (1 MB = 10^6 bytes).
public struct MigrationEnergyModel: Sendable, Equatable {
    /// Joules per byte transferred, ≥ 0 (default 0.512 J/MB = 5.12e-7 J/B).
    public var joulesPerByte: Double
    /// Fixed joules per migration, ≥ 0 (default 20.165 J).
    public var fixedJ: Double

    /// α (J/B) and β (J), defaulting to the unverified quoted fit (see the type).
    /// - Precondition: `check` passes.
    public init(joulesPerByte: Double = 0.512 / 1_000_000, fixedJ: Double = 20.165) {
        let problem = Self.check(joulesPerByte: joulesPerByte, fixedJ: fixedJ)
        precondition(problem == nil, problem ?? "")
        self.joulesPerByte = joulesPerByte; self.fixedJ = fixedJ
    }

    /// Nil if valid, else what is wrong.
    public static func check(joulesPerByte: Double, fixedJ: Double) -> String? {
        if !(joulesPerByte >= 0 && joulesPerByte.isFinite) { return "joulesPerByte: expected finite J/B >= 0, found \(joulesPerByte)" }
        if !(fixedJ >= 0 && fixedJ.isFinite) { return "fixedJ: expected finite joules >= 0, found \(fixedJ)" }
        return nil
    }

    /// Energy of a migration that transferred `bytes`, J.
    public func energyJ(bytesTransferred bytes: Double) -> Double { joulesPerByte * bytes + fixedJ }
}
