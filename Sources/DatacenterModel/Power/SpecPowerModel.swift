/// A SPECpower_ssj2008-style table: power measured at 0%, 10%, …, 100% load (11 points),
/// linearly interpolated between points.
///
/// Defined at exactly 0 and 1: `power(0) = table[0]`, `power(1) = table[10]` (CloudSim Plus
/// reads past the end of its table at 100% load; this model does not). Loads outside 0...1
/// are clamped. Valid input: 11 finite, non-negative, non-decreasing watts.
/// Source of the bundled tables: SPECpower_ssj2008 results as shipped with CloudSim 3.0.3
/// (`PowerModelSpecPower*.java`) and DCSim (`HostModels.java`), listed in
/// `DomainModels.md` B1 and in `SpecPowerLibrary`.
public struct SpecPowerModel: PowerModel, Registered, Equatable {
    public static let name = "specpower"
    public static let summary = "SPECpower 11-point table (0%..100%), linear interpolation; bundled tables by server name"

    /// Watts at 0%, 10%, …, 100% load.
    public let tableW: [Double]

    /// Returns nil message on success, else what is wrong.
    public static func check(_ table: [Double]) -> String? {
        if table.count != 11 { return "expected 11 values (0%, 10%, ..., 100%), found \(table.count)" }
        if table.contains(where: { !$0.isFinite || $0 < 0 }) { return "expected finite watts >= 0" }
        for i in 1..<table.count where table[i] < table[i - 1] {
            return "expected non-decreasing watts; value at \(i * 10)% (\(table[i])) is below the value at \((i - 1) * 10)% (\(table[i - 1]))"
        }
        return nil
    }

    public init(tableW: [Double]) {
        precondition(Self.check(tableW) == nil, Self.check(tableW) ?? "")
        self.tableW = tableW
    }

    public var idleW: Double { tableW[0] }
    public var maxW: Double { tableW[10] }
    /// Linear between the table's points: 0.1, 0.2, …, 0.9.
    public var slopeBreakpoints: [Double]? { Self.tenths }
    static let tenths: [Double] = (1...9).map { Double($0) / 10 }

    @inlinable public func powerW(utilization u: Double) -> Double {
        if !(u > 0) { return tableW[0] }
        if u >= 1 { return tableW[10] }
        let x = u * 10
        let i = Int(x)  // 0...9 since u < 1
        let frac = x - Double(i)
        return tableW[i] + (tableW[i + 1] - tableW[i]) * frac
    }
}
