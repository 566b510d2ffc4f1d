import CGSL

/// Every host's utilization in every sampling interval, stored compactly so that any
/// percentile over time can be read after the run.
///
/// Each (interval, host) pair holds one `UInt16` code: a utilization fraction u ∈ [0, 1] is
/// stored as `round(u × 65534)` (resolution 1/65534 of full load ≈ 0.0015 percentage points;
/// a value read back is within 0.00077 points of the one stored), and `65535` marks a host
/// that was not on at all during the interval (such a pair counts in no percentile). Layout:
/// interval-major, `codes[interval × hosts + host]`.
/// - Memory: 2 bytes per host and interval — 100,000 hosts × 288 five-minute intervals (a
///   day) is 57.6 MB (Doubles would take 230 MB).
/// - Percentiles follow GSL's `gsl_stats_quantile_from_sorted_data`: with the n values of
///   a set sorted, the q-quantile (q ∈ [0, 1]) is x[i] + (q·(n−1) − i)·(x[i+1] − x[i]) with
///   i = ⌊q·(n−1)⌋ (linear interpolation between order statistics; q = 1 is the maximum).
public struct IntervalUtilization: Sendable {
    /// Hosts per interval.
    public let hosts: Int
    /// The codes, interval-major (see the type's summary).
    public private(set) var codes: [UInt16] = []

    /// The code of an interval in which the host was never on.
    public static let offCode = UInt16.max
    /// Codes per unit of utilization: u = code / 65534.
    public static let scale = Double(UInt16.max - 1)

    /// An empty series for `hosts` hosts.
    public init(hosts: Int) { self.hosts = hosts }

    /// Intervals recorded.
    public var intervals: Int { hosts == 0 ? 0 : codes.count / hosts }

    /// Starts a new interval in which every host is off until `set` says otherwise.
    public mutating func appendInterval() { codes.append(contentsOf: repeatElement(Self.offCode, count: hosts)) }

    /// Records host h's utilization fraction (clamped to [0, 1]) in the latest interval.
    public mutating func set(host h: Int, fraction u: Double) {
        codes[codes.count - hosts + h] = UInt16((min(1, max(0, u)) * Self.scale).rounded())
    }

    /// Host h's utilization fractions of the intervals it was on in, sorted ascending.
    ///
    /// The codes are sorted (a two-pass radix sort on their bytes) and then divided: code ↦
    /// code / 65534 is increasing, so this is the same array as sorting the fractions.
    /// - Complexity: O(I + 256) for I intervals.
    public func sortedFractions(host h: Int) -> [Double] {
        var on: [UInt16] = []
        on.reserveCapacity(intervals)
        codes.withUnsafeBufferPointer { codes in
            var i = h
            while i < codes.count {
                if codes[i] != Self.offCode { on.append(codes[i]) }
                i += hosts
            }
        }
        return Self.radixSorted(on).map { Double($0) / Self.scale }
    }

    /// `codes` sorted ascending: a stable counting sort on the low byte, then on the high byte.
    static func radixSorted(_ codes: [UInt16]) -> [UInt16] {
        guard codes.count > 1 else { return codes }
        var a = codes, b = codes
        var counts = [Int](repeating: 0, count: 256)
        for shift in [UInt16(0), 8] {
            counts.withUnsafeMutableBufferPointer { counts in
                for i in counts.indices { counts[i] = 0 }
                for c in a { counts[Int((c >> shift) & 0xFF)] += 1 }
                var start = 0
                for d in 0..<256 { let n = counts[d]; counts[d] = start; start += n }
                b.withUnsafeMutableBufferPointer { b in
                    for c in a {
                        let d = Int((c >> shift) & 0xFF)
                        b[counts[d]] = c
                        counts[d] += 1
                    }
                }
            }
            swap(&a, &b)
        }
        return a
    }

    /// Host h's q-quantile (q ∈ [0, 1]) of its on intervals' utilization, a fraction; nil if
    /// the host was on in no interval. GSL's `gsl_stats_quantile_from_sorted_data`.
    /// - Complexity: O(I log I) for I intervals.
    public func quantile(host h: Int, _ q: Double) -> Double? { quantiles(host: h, [q])?[0] }

    /// Several quantiles of host h with one gather and sort (see `quantile(host:_:)`); nil if
    /// the host was on in no interval.
    public func quantiles(host h: Int, _ qs: [Double]) -> [Double]? {
        Self.quantiles(sorted: sortedFractions(host: h), qs)
    }

    /// The q-quantiles (q ∈ [0, 1]) of values sorted ascending, GSL's
    /// `gsl_stats_quantile_from_sorted_data` (the type's definition); nil if `xs` is empty.
    public static func quantiles(sorted xs: [Double], _ qs: [Double]) -> [Double]? {
        guard !xs.isEmpty else { return nil }
        return xs.withUnsafeBufferPointer { b in qs.map { gsl_stats_quantile_from_sorted_data(b.baseAddress, 1, b.count, $0) } }
    }

    /// The largest over hosts of each host's q-quantile (hosts never on left out), a fraction;
    /// nil if no host was ever on.
    /// - Complexity: O(H · I log I).
    public func maxHostQuantile(_ q: Double) -> Double? {
        (0..<hosts).compactMap { quantile(host: $0, q) }.max()
    }

    /// The q-quantile over every (host, interval) pair with the host on, a fraction; nil if
    /// there is none. The same definition as `quantile(host:_:)`, computed from a count of
    /// each code (exact for the stored codes) instead of sorting H × I values.
    /// - Complexity: O(H · I + 65,536).
    public func pooledQuantile(_ q: Double) -> Double? {
        var counts = [Int](repeating: 0, count: Int(UInt16.max) + 1)
        for c in codes { counts[Int(c)] += 1 }
        counts[Int(Self.offCode)] = 0
        let n = counts.reduce(0, +)
        guard n > 0 else { return nil }
        let index = q * Double(n - 1)
        let lower = Int(index.rounded(.down))
        let delta = index - Double(lower)
        // the order statistics x[lower] and x[lower + 1], from the cumulative counts
        func orderStatistic(_ k: Int) -> Double {
            var seen = 0
            for (code, count) in counts.enumerated() where count > 0 {
                seen += count
                if seen > k { return Double(code) / Self.scale }
            }
            return Double(UInt16.max - 1) / Self.scale
        }
        // GSL's arithmetic, so that the result equals gsl_stats_quantile_from_sorted_data's
        return lower == n - 1 ? orderStatistic(lower) : (1 - delta) * orderStatistic(lower) + delta * orderStatistic(lower + 1)
    }
}
