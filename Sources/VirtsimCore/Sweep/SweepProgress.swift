import Foundation
import Reports
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a sweep reports progress on standard error.
public enum SweepProgressMode: String, CaseIterable, Sendable {
    /// A bar on a terminal, plain lines otherwise.
    case auto
    /// A bar redrawn in place (runs done, failed, rate, ETA).
    case bar
    /// One line per finished run.
    case lines
    /// Nothing but errors.
    case none

    /// `auto` resolved against whether standard error is a terminal.
    var resolved: SweepProgressMode {
        guard self == .auto else { return self }
        return isatty(2) != 0 ? .bar : .lines
    }
}

/// Counts finished runs and prints progress; shared by the worker threads (lock-protected).
final class SweepProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let mode: SweepProgressMode
    private let total: Int
    private let label: String
    private let start = monotonicSeconds()
    private var lastDraw = 0.0
    private(set) var done = 0
    private(set) var failed = 0
    private let alreadyDone: Int

    /// - Parameters:
    ///   - mode: Resolved mode (bar, lines or none).
    ///   - total: Runs of this sweep or shard.
    ///   - alreadyDone: Runs found finished (resume), counted as done.
    ///   - label: Prefix of lines, e.g. `shard 1/3` (empty for none).
    init(mode: SweepProgressMode, total: Int, alreadyDone: Int, label: String) {
        self.mode = mode.resolved
        self.total = total
        self.alreadyDone = alreadyDone
        self.label = label
    }

    /// Records a finished run and reports it.
    func finished(_ index: Int, id: String, error: String?, wallSeconds: Double) {
        lock.lock(); defer { lock.unlock() }
        done += 1
        if error != nil { failed += 1 }
        switch mode {
        case .lines:
            let n = alreadyDone + done
            var s = "\(label)[\(n)/\(total)] run \(index) \(id) "
            if let error { s += "failed: \(error)" } else { s += "ok \(formatFixed(wallSeconds, decimals: 3)) s" }
            printToStandardError(s)
        case .bar:
            let now = monotonicSeconds()
            if now - lastDraw >= 0.1 || alreadyDone + done == total { draw(now) }
        default:
            break
        }
    }

    /// Redraws the bar (call periodically so elapsed time and ETA move).
    func tick() {
        guard mode == .bar else { return }
        lock.lock(); defer { lock.unlock() }
        draw(monotonicSeconds())
    }

    /// Ends the bar's line.
    func finish() {
        guard mode == .bar else { return }
        lock.lock(); defer { lock.unlock() }
        draw(monotonicSeconds())
        printToStandardError("")
    }

    private func draw(_ now: Double) {
        lastDraw = now
        let n = alreadyDone + done
        let width = 30
        let filled = total > 0 ? min(width, n * width / total) : width
        let elapsed = now - start
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let remaining = total - n
        let eta = rate > 0 ? wallClockText(Double(remaining) / rate) : "--:--"
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let text =
            "\r\(label)[\(bar)] \(n)/\(total) runs, \(failed) failed, \(formatFixed(rate, decimals: 1))/s, elapsed \(wallClockText(elapsed)), ETA \(eta)\u{1B}[K"
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }

}

/// Wall seconds as `m:ss` or `h:mm:ss` (progress bars' elapsed time and ETA).
func wallClockText(_ s: Double) -> String {
    let t = Int(s.rounded())
    let h = t / 3600, m = (t % 3600) / 60, sec = t % 60
    let mm = m < 10 ? "0\(m)" : "\(m)", ss = sec < 10 ? "0\(sec)" : "\(sec)"
    return h > 0 ? "\(h):\(mm):\(ss)" : "\(m):\(ss)"
}
