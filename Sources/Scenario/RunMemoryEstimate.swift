import Foundation

/// A lower estimate of the memory one run of a scenario needs, from the per-item costs
/// measured on the debug build (peak RSS over 20,000–100,000 VMs, 2,000–40,000 hosts and
/// 864–8,640 samples): 110 B per VM, 630 B per host, and per sample of an arm its time-series
/// row plus 2 bytes per host (`IntervalUtilization`); rounded up to 128 B, 640 B and 48 B;
/// and 16 B per service request (mean rate × duration: its latency, logged and pooled).
/// VMs and hosts are counted for the largest arm (arms run one after another), samples for
/// every arm (their results are kept to the end).
public struct RunMemoryEstimate: Sendable, Equatable {
    static let bytesPerVM = 128.0, bytesPerHost = 640.0, bytesPerSample = 48.0

    /// Estimated bytes.
    public var bytes: Double
    /// What the estimate counts, for the message (`200 VMs, 16 hosts in the largest arm, …`).
    public var counted: String
    /// What to change, for the message.
    var advice = "shorten duration, lengthen sampling_interval or lower the counts and request rates"

    /// The estimate for `model`.
    public init(_ model: ScenarioModel) {
        let vms = model.groups.reduce(0) { $0 &+ $1.count }
        let hosts = model.arms.map(\.hosts.count).max() ?? 0
        let samples = (model.settings.duration.seconds / model.settings.samplingInterval.seconds).rounded(.up) + 1
        let sampleBytes = model.arms.reduce(0.0) { $0 + samples * (Self.bytesPerSample + 2 * Double($1.hosts.count)) }
        // every served request's latency is logged (8 B) and pooled once more for the totals
        let requests = model.services.reduce(0.0) { $0 + $1.ratePerS * model.settings.duration.seconds }
        bytes = Self.bytesPerVM * Double(vms) + Self.bytesPerHost * Double(hosts) + sampleBytes + 16 * requests
        counted =
            "\(vms) VMs, \(hosts) hosts in the largest arm, \(String(format: "%.0f", samples)) samples of every host per arm"
            + (requests > 0 ? ", \(String(format: "%.3g", requests)) service requests" : "")
    }

    /// The estimate for an arm's hosts alone (checked before they are laid out, which itself
    /// takes memory and time in proportion).
    public init(hosts: Int) {
        bytes = Self.bytesPerHost * Double(hosts)
        counted = "\(hosts) hosts"
        advice = "lower the host counts"
    }

    /// The refusal when the estimate exceeds `physicalBytes`, nil otherwise: `the run would need
    /// at least 64.0 GB of memory (100000000 hosts), more than this machine's 25.3 GB: …`.
    public func problem(physicalBytes: UInt64 = ProcessInfo.processInfo.physicalMemory) -> String? {
        guard bytes > Double(physicalBytes) else { return nil }
        func gb(_ b: Double) -> String { b >= 1e11 ? String(format: "%.3g", b / 1e9) : String(format: "%.1f", b / 1e9) }
        return "the run would need at least \(gb(bytes)) GB of memory (\(counted)), more than this machine's \(gb(Double(physicalBytes))) GB: \(advice)"
    }
}
