import CGSL

/// Quasi-random (low-discrepancy) point sets over GSL's `gsl_qrng`.
public enum QuasiRandom {
    /// The largest dimension GSL's Sobol generator supports (`gsl_qrng_sobol`: 40).
    public static let sobolMaxDimension = 40

    /// The first `count` points of the Sobol sequence in the unit cube [0, 1)^`dimension`
    /// (GSL's Antonov–Saleev implementation; the first point is (0.5, …, 0.5)).
    ///
    /// Deterministic: the same arguments always give the same points.
    /// - Parameters:
    ///   - count: Number of points, ≥ 0.
    ///   - dimension: Coordinates per point, 1...``sobolMaxDimension``.
    /// - Returns: `count` arrays of `dimension` coordinates in [0, 1), or `nil` if `dimension`
    ///   is out of range or GSL could not allocate the generator.
    /// - Complexity: O(`count` · `dimension`).
    public static func sobol(count: Int, dimension: Int) -> [[Double]]? {
        guard (1...sobolMaxDimension).contains(dimension), count >= 0 else { return nil }
        _ = RandomStream.errorHandlerOff
        guard let q = gsl_qrng_alloc(cgsl_qrng_sobol(), UInt32(dimension)) else { return nil }
        defer { gsl_qrng_free(q) }
        var points: [[Double]] = []
        points.reserveCapacity(count)
        var x = [Double](repeating: 0, count: dimension)
        for _ in 0..<count {
            let rc = x.withUnsafeMutableBufferPointer { gsl_qrng_get(q, $0.baseAddress) }
            guard rc == 0 else { return nil }
            points.append(x)
        }
        return points
    }
}
