import SimKernel

/// A workload parameter outside its valid range: which parameter, what was found and what was
/// expected. Thrown by the initializers of the synthetic workloads (`ConstantWorkload`,
/// `StochasticWorkload`, `DiurnalWorkload`); trace readers report bad parameters as
/// `WorkloadInputError` against the trace folder instead.
public struct WorkloadParameterError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The parameter at fault, as named in the initializer (e.g. `"cpu"`, `"noiseSD"`).
    public var parameter: String
    /// What was found and what was expected.
    public var message: String

    /// An error for `parameter` with a human-readable `message`.
    public init(parameter: String, message: String) {
        self.parameter = parameter; self.message = message
    }

    /// `"<parameter>: <message>"`.
    public var description: String { parameter + ": " + message }

    /// Throws unless `value` is a finite fraction in 0...1.
    static func checkFraction(_ value: Double, _ parameter: String) throws(WorkloadParameterError) {
        guard value.isFinite, value >= 0, value <= 1 else {
            throw WorkloadParameterError(
                parameter: parameter,
                message: "expected a fraction in 0...1, found \(value)")
        }
    }

    /// Throws unless `value` is finite and ≥ 0.
    static func checkNonNegative(_ value: Double, _ parameter: String) throws(WorkloadParameterError) {
        guard value.isFinite, value >= 0 else {
            throw WorkloadParameterError(
                parameter: parameter,
                message: "expected a finite number ≥ 0, found \(value)")
        }
    }

    /// Throws unless `interval` is strictly positive.
    static func checkInterval(_ interval: SimDuration, _ parameter: String) throws(WorkloadParameterError) {
        guard interval.microseconds > 0 else {
            throw WorkloadParameterError(
                parameter: parameter,
                message: "expected a positive duration, found \(interval.seconds) s")
        }
    }
}

/// Clamps `x` to 0...1; NaN maps to 0 (so a value returned by a source is always finite).
@inline(__always)
func clampFraction(_ x: Double) -> Double {
    if !(x > 0) { return 0 }  // also catches NaN
    if !(x < 1) { return 1 }
    return x
}
