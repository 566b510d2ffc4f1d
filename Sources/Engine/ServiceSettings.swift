import DatacenterModel
import Policies

/// An event-driven service (scenario key `services[]`, `domain-models.md` B8): requests arrive
/// in a queue and are served by replicas — VMs of `replicaType`, placed on the arm's hosts
/// like any VM — whose number a KEDA-style autoscaler sets (`ArmSimulationServices.swift`).
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
    /// Mean service time of a request, s > 0 (exponential).
    public var serviceMeanS: Double
    /// The autoscaler's settings (KEDA ScaledObject + HPA behavior).
    public var scaler: KEDAScaler.Settings

    public init(name: String, replicaType: VMType, slotsPerReplica: Int? = nil, startS: Double = 0,
                coldStartExtraS: Double = 0, idleCPU: Double = 0.02, ratePerS: Double, amplitude: Double = 0,
                peakHour: Double = 14, startHourOfDay: Double = 0, serviceMeanS: Double, scaler: KEDAScaler.Settings) {
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
    public var requests: Int
    /// Requests that started service before the end (their latency is known).
    public var served: Int
    /// Requests still waiting at the end.
    public var waitingAtEnd: Int
    /// Latency (finish − arrival) of the served requests, s: mean and percentiles (GSL).
    public var latencyMeanS: Double
    public var latencyP50S: Double
    public var latencyP95S: Double
    public var latencyP99S: Double
    public var latencyP999S: Double
    public var latencyMaxS: Double
    /// Replicas × time they existed (starting, serving or draining), h.
    public var replicaHours: Double
    public var replicasMax: Int
    /// Replicas started and stopped; scale-ups from zero (cold starts).
    public var replicaStarts: Int
    public var replicaStops: Int
    public var coldStarts: Int
    /// The most replicas wanted at once that no host could take (0: every replica found a host).
    public var replicasShortMax: Int
    public init(service: String, scaling: String) {
        self.service = service; self.scaling = scaling
        requests = 0; served = 0; waitingAtEnd = 0; latencyMeanS = 0; latencyP50S = 0; latencyP95S = 0; latencyP99S = 0; latencyP999S = 0; latencyMaxS = 0
        replicaHours = 0; replicasMax = 0; replicaStarts = 0; replicaStops = 0; coldStarts = 0; replicasShortMax = 0
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
