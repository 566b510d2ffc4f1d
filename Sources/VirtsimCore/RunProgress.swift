import Foundation
import Reports
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Progress of one `virtsim run` on standard error: which arm is simulating (or being sized,
/// and in which trial) and how much of its simulated time is done. The engines report through
/// ``Engine/RunSettings/progress``; a display thread draws what they last reported, so the
/// simulation never waits for the terminal.
///
/// Nothing is shown for the first second (a quick run stays quiet). Then:
/// - `bar` (the default on a terminal): one line redrawn in place every 0.2 s,
///   `arm 2/3 esxi [#######.......] 43% of 7 d simulated, elapsed 0:07, ETA 0:05`, erased
///   when the run ends, so the summary starts on a clean line;
/// - `lines` (asked for, or `virtsim serve`'s runs): at most one line per second,
///   `progress: arm 2/3 esxi: 43% of 7 d simulated, elapsed 3.1 s, ETA 0:05`.
///
/// The ETA takes the arms still to run to cost what the arms so far did (the whole run's share
/// done is (arms done + this arm's share) / arms); while an arm is sized (`count: auto`) the
/// number of trials is not known, so no ETA is shown.
/// - `none` (`--quiet`, or `auto` when standard error is not a terminal): nothing.
public final class RunProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let mode: SweepProgressMode
    private let arms: [String]
    private let start = monotonicSeconds()
    private var arm = 0
    private var sizing = false
    private var trial = 0
    private var simulatedS = 0.0
    private var durationS = 0.0
    private var stopped = false
    private var drawn = false
    private var lastLine = -Double.infinity

    /// The prefix of `lines` mode, which `virtsim serve` looks for in a run's standard error.
    public static let linePrefix = "progress: "

    /// - Parameters:
    ///   - mode: `auto` resolves to `bar` on a terminal and to `none` otherwise.
    ///   - arms: The scenario's arm names, in order.
    public init(mode: SweepProgressMode, arms: [String]) {
        let m = mode == .auto ? (isatty(2) != 0 ? SweepProgressMode.bar : .none) : mode
        self.mode = m
        self.arms = arms
        guard m != .none else { return }
        Thread { [weak self] in
            while let me = self, me.tick() { Thread.sleep(forTimeInterval: me.mode == .bar ? 0.2 : 0.25) }
        }.start()
    }

    /// Whether it shows anything (engines are given no callback otherwise).
    public var isShown: Bool { mode != .none }

    /// The arm about to be simulated (index into `arms`); `sizing` while `count: auto` tries
    /// host counts.
    public func begin(arm: Int, sizing: Bool) {
        lock.lock(); defer { lock.unlock() }
        self.arm = arm; self.sizing = sizing; trial = 0; simulatedS = 0; durationS = 0
    }

    /// The engines' report: a run starts at 0 (a new sizing trial), then moves on.
    public func report(simulatedS: Double, durationS: Double) {
        lock.lock(); defer { lock.unlock() }
        if simulatedS == 0 { trial += 1 }
        self.simulatedS = simulatedS; self.durationS = durationS
    }

    /// Stops the display and erases the bar.
    public func finish() {
        lock.lock()
        stopped = true
        let erase = mode == .bar && drawn
        lock.unlock()
        if erase { writeStandardError("\r\u{1B}[K") }
    }

    /// One display step; false once finished.
    private func tick() -> Bool {
        lock.lock(); defer { lock.unlock() }
        if stopped { return false }
        let elapsed = monotonicSeconds() - start
        guard elapsed >= 1, durationS > 0 else { return true }
        let fraction = min(1, max(0, simulatedS / durationS))
        var what = "arm \(arm + 1)/\(arms.count) \(arms.indices.contains(arm) ? arms[arm] : "")"
        if sizing { what = "sizing " + what + " (trial \(trial))" }
        let pct = "\(Int((100 * fraction).rounded(.down)))% of \(Self.span(durationS)) simulated"
        // the arms left are taken to cost what the arms so far did; a sizing arm's trials are
        // not known in advance, so it shows no ETA
        let whole = arms.isEmpty ? fraction : (Double(arm) + fraction) / Double(arms.count)
        let eta = !sizing && whole > 0.005 ? ", ETA " + wallClockText(elapsed * (1 - whole) / whole) : ""
        switch mode {
        case .bar:
            let width = 20, filled = Int((Double(width) * fraction).rounded(.down))
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            writeStandardError("\r\(what) [\(bar)] \(pct), elapsed \(wallClockText(elapsed))\(eta)\u{1B}[K")
            drawn = true
        case .lines:
            guard elapsed - lastLine >= 1 else { return true }
            lastLine = elapsed
            printToStandardError(Self.linePrefix + "\(what): \(pct), elapsed \(formatFixed(elapsed, decimals: 1)) s\(eta)")
        default: break
        }
        return true
    }

    /// A simulated span in its largest whole unit: `7 d`, `36 h`, `15 min`, `40 s`.
    static func span(_ s: Double) -> String {
        func n(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : formatFixed(x, decimals: 1) }
        if s >= 2 * 86_400 { return n(s / 86_400) + " d" }
        if s >= 2 * 3600 { return n(s / 3600) + " h" }
        if s >= 120 { return n(s / 60) + " min" }
        return n(s) + " s"
    }

    private func writeStandardError(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
