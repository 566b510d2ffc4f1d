import SimKernel
import DatacenterModel
import Policies

/// An event-driven service (scenario key `services[]`, `DomainModels.md` B8): requests arrive
/// in a queue and are served by replicas — VMs of `replicaType`, placed on the arm's hosts
/// like any VM — whose number a KEDA-style autoscaler sets (`ArmSimulation+Services.swift`).
/// Every arm of a scenario sees the same requests.
public struct ServiceSpec: Sendable {
    public var name: String
    /// A replica's size; its CPU demand is its busy fraction of this (see `idleCPU`).
    public var replicaType: VMType
    /// Requests one replica serves at once, ≥ 1 (default: its vCPUs; each in-flight request
    /// uses one vCPU).
    public var slotsPerReplica: Int
    /// Replica start-up after its host is up (image pull + process start; for a VM replica its
    /// guest boot), s ≥ 0.
    public var startS: Double
    /// Extra start-up when the service scales from 0 to 1 (cold start: caches empty), s ≥ 0.
    public var coldStartExtraS: Double
    /// CPU fraction of the replica's size used while it starts or idles, 0...1 (ASSUMPTION:
    /// a runtime's idle cost; 0.02 by default).
    public var idleCPU: Double
    /// Request arrivals: mean rate, requests/s ≥ 0, and its daily swing (see `RequestArrivals`).
    public var ratePerS: Double
    public var amplitude: Double
    public var peakHour: Double
    /// Local hour of day at the scenario start.
    public var startHourOfDay: Double
    /// Daylight-saving changes of the scenario's time zone during the run (`LocalClock`).
    public var clockShifts: [LocalClock.Shift] = []
    /// Mean service time of a request, s > 0 (exponential).
    public var serviceMeanS: Double
    /// The autoscaler's settings (KEDA ScaledObject + HPA behavior).
    public var scaler: KEDAScaler.Settings

    public init(
        name: String, replicaType: VMType, slotsPerReplica: Int? = nil, startS: Double = 0,
        coldStartExtraS: Double = 0, idleCPU: Double = 0.02, ratePerS: Double, amplitude: Double = 0,
        peakHour: Double = 14, startHourOfDay: Double = 0, serviceMeanS: Double, scaler: KEDAScaler.Settings
    ) {
        self.name = name; self.replicaType = replicaType; self.slotsPerReplica = slotsPerReplica ?? replicaType.vcpus
        self.startS = startS; self.coldStartExtraS = coldStartExtraS; self.idleCPU = idleCPU
        self.ratePerS = ratePerS; self.amplitude = amplitude; self.peakHour = peakHour
        self.startHourOfDay = startHourOfDay; self.serviceMeanS = serviceMeanS; self.scaler = scaler
    }

}

/// Which replicas a scale-down drains first.
public enum ScaleDownOrder: String, Sendable, CaseIterable {
    /// Kubernetes' ReplicaSet ranking (kubernetes.io, "ReplicaSet: scaling a ReplicaSet"):
    /// not-ready first, then pods on nodes with more replicas of the set, then the newest —
    /// it spreads what remains, so hosts seldom empty.
    case kubernetes
    /// Not-ready first, then replicas on hosts with the fewest replicas of the service, then
    /// the newest: what a bin-packing-aware controller does (e.g. through Kubernetes'
    /// `controller.kubernetes.io/pod-deletion-cost`) so that hosts empty and can power off.
    case pack
}

/// What a service's run measured, for `services.csv`.
public struct ServiceFigures: Sendable, Equatable {
    public var service: String
    /// "keda" or "fixed".
    public var scaling: String
    /// Requests that arrived during the run.
    public var requests = 0
    /// Requests that started service before the end (their latency is known).
    public var served = 0
    /// Requests still waiting at the end.
    public var waitingAtEnd = 0
    /// Latency (finish − arrival) of the served requests, s: mean and percentiles (GSL).
    public var latencyMeanS = 0.0
    public var latencyP50S = 0.0
    public var latencyP95S = 0.0
    public var latencyP99S = 0.0
    public var latencyP999S = 0.0
    public var latencyMaxS = 0.0
    /// Replicas × time they existed (starting, serving or draining), h.
    public var replicaHours = 0.0
    public var replicasMax = 0
    /// Replicas started and stopped; scale-ups from zero (cold starts).
    public var replicaStarts = 0
    public var replicaStops = 0
    public var coldStarts = 0
    /// The most replicas wanted at once that no host could take (0: every replica found a host).
    public var replicasShortMax = 0
    public init(service: String, scaling: String) {
        self.service = service; self.scaling = scaling
    }
}

/// A service at one sampling instant, for `services_timeseries.csv`.
public struct ServiceSample: Sendable, Equatable {
    public var timeS: Double
    public var service: Int
    /// Replicas that exist (starting, serving or draining).
    public var replicas: Int
    /// Replicas ready to serve (started and not draining).
    public var replicasReady: Int
    /// Requests waiting plus in service (the autoscaler's metric).
    public var queueLength: Int
}
