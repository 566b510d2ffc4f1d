#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Peak resident set size of this process so far, in MiB (`getrusage`'s `ru_maxrss`, KiB on
/// Linux).
public func peakRSSMiB() -> Double {
    var u = rusage()
    #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_maxrss) / 1024
    #else
        getrusage(RUSAGE_SELF, &u)
        return Double(u.ru_maxrss) / (1024 * 1024)
    #endif
}

/// Monotonic wall-clock seconds (for timing runs; never used inside a simulation).
public func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Writes `s` (and a final newline if missing) to standard error.
public func printToStandardError(_ s: String) {
    var text = s
    if !text.hasSuffix("\n") { text += "\n" }
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
