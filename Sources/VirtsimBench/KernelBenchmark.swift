import Foundation
import Reports
import SimKernel
import VirtsimCore

// The kernel hold-model benchmark: SimKernel.EventQueue against C++ std::priority_queue
// (bench/hold.cpp) on the same events. Run by `bench/kernel.sh`; instruction counts by
// `bench/callgrind.sh`.

/// The result of one hold-model run (Swift or C++).
public struct HoldResult: Sendable, Equatable {
    /// Events pending in the queue throughout the hold phase (N).
    public var pending: Int
    /// Hold operations timed (M): each pops the minimum and schedules one new event.
    public var events: Int
    /// Wall time of the hold phase, in seconds (the initial fill is not timed).
    public var seconds: Double
    /// `events / seconds`.
    public var eventsPerSecond: Double
    /// Order-sensitive checksum of the popped (time, payload) sequence; equal in both
    /// languages when they pop the same events in the same order.
    public var checksum: UInt64

    /// A result; `eventsPerSecond` is derived from `events` and `seconds`.
    public init(pending: Int, events: Int, seconds: Double, checksum: UInt64) {
        self.pending = pending
        self.events = events
        self.seconds = seconds
        self.eventsPerSecond = seconds > 0 ? Double(events) / seconds : 0
        self.checksum = checksum
    }
}

/// One row of the kernel benchmark table: medians over the repetitions at one size.
public struct KernelBenchmarkRow: Sendable, Equatable {
    /// Pending events (N).
    public var pending: Int
    /// Hold operations per run (M).
    public var events: Int
    /// Median Swift events/s.
    public var swiftEventsPerSecond: Double
    /// Median C++ events/s.
    public var cxxEventsPerSecond: Double
    /// `swiftEventsPerSecond / cxxEventsPerSecond` (the target is ≥ 0.9).
    public var ratio: Double
    /// Whether every Swift and C++ run produced the same checksum.
    public var checksumMatch: Bool
    /// The Swift checksum (the C++ one when they match).
    public var checksum: UInt64
}

/// Why the kernel benchmark could not compare against C++.
public enum KernelBenchmarkError: Error, CustomStringConvertible {
    /// The C++ binary could not be started.
    case cannotRun(path: String, reason: String)
    /// The C++ binary exited with a non-zero status.
    case failed(path: String, status: Int32, output: String)
    /// The C++ binary's output was not the expected `cxx N=… checksum=…` line.
    case badOutput(path: String, output: String)

    /// A one-line message naming the binary.
    public var description: String {
        switch self {
        case let .cannotRun(path, reason): "cannot run C++ hold benchmark '\(path)': \(reason)"
        case let .failed(path, status, output): "'\(path)' exited with status \(status): \(output)"
        case let .badOutput(path, output): "unexpected output from '\(path)': \(output)"
        }
    }
}

/// The event draws of the hold model, identical to `XorShift64Star::exp_us` in
/// bench/hold.cpp: xorshift64* → u in (0, 1] → round(−ln u · 10^6) µs (mean 1 s).
struct HoldDraws {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always) mutating func nextMicroseconds() -> Int64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        let x = state &* 0x2545_F491_4F6C_DD1D
        let u = Double((x >> 11) + 1) * 0x1p-53
        return Int64((-log(u) * 1e6).rounded())
    }
}

/// Runs the hold model on `SimKernel.EventQueue<UInt32>`: fills the queue with `pending`
/// events at exponential times (mean 1 s, integer µs), then `events` times pops the
/// minimum and schedules a new event at its time plus an exponential draw.
///
/// The same loop as bench/hold.cpp, draw for draw; the checksum matches the C++ one.
/// Only the hold phase is timed. `virtsim bench hold --pending N --events M` runs it alone
/// (for `valgrind --tool=callgrind`, see bench/callgrind.sh).
/// - Parameters:
///   - pending: events kept pending (N ≥ 1).
///   - events: hold operations (M ≥ 0).
/// - Returns: the timing and the checksum.
/// - Complexity: O((N + M) log N).
public func runSwiftHold(pending: Int, events: Int) -> HoldResult {
    precondition(pending >= 1 && events >= 0, "pending must be ≥ 1 and events ≥ 0")
    var draws = HoldDraws()
    var queue = EventQueue<UInt32>()
    for i in 0..<pending {
        queue.schedule(UInt32(truncatingIfNeeded: i), at: SimTime(microseconds: draws.nextMicroseconds()))
    }
    let clock = ContinuousClock()
    let start = clock.now
    let checksum = holdLoop(&queue, &draws, pending: pending, events: events)
    let elapsed = start.duration(to: clock.now)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return HoldResult(pending: pending, events: events, seconds: seconds, checksum: checksum)
}

/// The timed part of the hold model (kept out of line so a profile shows it by name).
@inline(never)
func holdLoop(
    _ queue: inout EventQueue<UInt32>, _ draws: inout HoldDraws,
    pending: Int, events: Int
) -> UInt64 {
    var checksum: UInt64 = 0
    for i in 0..<events {
        guard let (t, payload) = queue.pop() else { break }
        checksum = (checksum ^ UInt64(bitPattern: t.microseconds)) &* 0x100_0000_01B3 &+ UInt64(payload)
        queue.schedule(
            UInt32(truncatingIfNeeded: pending &+ i),
            at: SimTime(microseconds: t.microseconds &+ draws.nextMicroseconds()))
    }
    return checksum
}

/// Runs the C++ hold benchmark binary (bench/hold.cpp) once and parses its output line.
/// - Parameters:
///   - path: the compiled binary (`g++ -O2 -o bench/.out/hold bench/hold.cpp`).
///   - pending: events kept pending (N).
///   - events: hold operations (M).
/// - Returns: the C++ timing and checksum.
/// - Throws: `KernelBenchmarkError` if the binary cannot run, fails or prints something else.
public func runCxxHold(path: String, pending: Int, events: Int) throws -> HoldResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = [String(pending), String(events)]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do {
        try process.run()
    } catch {
        throw KernelBenchmarkError.cannotRun(path: path, reason: "\(error.localizedDescription)")
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let output = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard process.terminationStatus == 0 else {
        throw KernelBenchmarkError.failed(path: path, status: process.terminationStatus, output: output)
    }
    var fields: [Substring: Substring] = [:]
    let words = output.split(separator: " ")
    for word in words.dropFirst() {
        guard let eq = word.firstIndex(of: "=") else { continue }
        fields[word[..<eq]] = word[word.index(after: eq)...]
    }
    guard words.first == "cxx",
        let n = fields["N"].flatMap({ Int($0) }), let m = fields["events"].flatMap({ Int($0) }),
        let s = fields["seconds"].flatMap({ Double($0) }),
        let c = fields["checksum"].flatMap({ UInt64($0) })
    else {
        throw KernelBenchmarkError.badOutput(path: path, output: output)
    }
    return HoldResult(pending: n, events: m, seconds: s, checksum: c)
}

/// The default hold operations per run for `pending` events: about 0.3–0.6 s per run on
/// a machine like the project's (2 cores, ~2–10 M events/s).
public func defaultHoldEvents(pending: Int) -> Int {
    switch pending {
    case ..<10_000: 5_000_000
    case ..<500_000: 3_000_000
    default: 1_000_000
    }
}

/// Runs the kernel hold-model comparison: for each size, `repetitions` alternating runs
/// (Swift in process, then the C++ binary as a subprocess), medians of events/s, and a
/// checksum check.
/// - Parameters:
///   - cxxPath: the compiled bench/hold.cpp.
///   - sizes: pending-event counts N (default 1e3, 1e5, 1e6).
///   - repetitions: alternating run pairs per size (default 5; the median is reported).
///   - events: hold operations per run for a size (default `defaultHoldEvents(pending:)`).
///   - progress: called with a line after each run (e.g. to print to stderr); may be nil.
/// - Returns: one row per size, in the order of `sizes`.
/// - Throws: `KernelBenchmarkError` if the C++ binary cannot run or prints something else.
public func runKernelBenchmark(
    cxxPath: String,
    sizes: [Int] = [1_000, 100_000, 1_000_000],
    repetitions: Int = 5,
    events: (Int) -> Int = defaultHoldEvents(pending:),
    progress: ((String) -> Void)? = nil
) throws -> [KernelBenchmarkRow] {
    precondition(repetitions >= 1, "repetitions must be ≥ 1")
    var rows: [KernelBenchmarkRow] = []
    for n in sizes {
        let m = events(n)
        var swiftRates: [Double] = [], cxxRates: [Double] = []
        var checksums = Set<UInt64>()
        var swiftChecksum: UInt64 = 0
        for rep in 1...repetitions {
            let s = runSwiftHold(pending: n, events: m)
            swiftRates.append(s.eventsPerSecond)
            swiftChecksum = s.checksum
            checksums.insert(s.checksum)
            progress?("N=\(n) rep \(rep)/\(repetitions) swift \(formatFixed(s.eventsPerSecond / 1e6, decimals: 3)) M events/s")
            let c = try runCxxHold(path: cxxPath, pending: n, events: m)
            cxxRates.append(c.eventsPerSecond)
            checksums.insert(c.checksum)
            progress?("N=\(n) rep \(rep)/\(repetitions) cxx   \(formatFixed(c.eventsPerSecond / 1e6, decimals: 3)) M events/s")
        }
        let sw = median(swiftRates), cx = median(cxxRates)
        rows.append(
            KernelBenchmarkRow(
                pending: n, events: m, swiftEventsPerSecond: sw, cxxEventsPerSecond: cx,
                ratio: cx > 0 ? sw / cx : 0, checksumMatch: checksums.count == 1, checksum: swiftChecksum))
    }
    return rows
}

/// Formats the benchmark rows as an aligned text table with a header line:
/// `N  events  swift_events_per_s  cxx_events_per_s  ratio  checksum_match  checksum`.
/// - Parameter rows: the rows from `runKernelBenchmark`.
/// - Returns: the table, one line per row, each ending in `\n`.
public func formatKernelBenchmarkTable(_ rows: [KernelBenchmarkRow]) -> String {
    let header = ["N", "events", "swift_events_per_s", "cxx_events_per_s", "ratio", "checksum_match", "checksum"]
    let body = rows.map { r in
        [
            formatInt(r.pending), formatInt(r.events),
            formatFixed(r.swiftEventsPerSecond, decimals: 0), formatFixed(r.cxxEventsPerSecond, decimals: 0),
            formatFixed(r.ratio, decimals: 3), r.checksumMatch ? "yes" : "NO", String(r.checksum)
        ]
    }
    let table = [header] + body
    let widths = header.indices.map { c in table.map { $0[c].count }.max() ?? 0 }
    var out = ""
    for line in table {
        let cells = line.indices.map { c in
            String(repeating: " ", count: widths[c] - line[c].count) + line[c]
        }
        out += cells.joined(separator: "  ") + "\n"
    }
    return out
}

private func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return 0 }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
