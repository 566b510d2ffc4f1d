/// The access (top-of-rack) switches an arm's hosts connect to, sized from its host count,
/// each powered and priced.
///
/// Sizing, for H hosts: ports = H × portsPerHost; switches = ⌈ports / portsPerSwitch⌉ (H = 0:
/// none). Power (the CARPO switch model as OpenDC's `SwitchDfltEnModel` codes it,
/// `PlannerPractice.md` F): P = switches × chassisW + ports × portW — a chassis term per switch
/// and a term per active port, constant (the traffic-dependent part, utilization × 5% of the
/// static power in CARPO, is left out). Every host port counts as active all the time, also
/// while DPM keeps its host off (an upper bound: a port whose link is down draws less).
/// Uplinks, aggregation/core switches, a SAN's FC switches and the storage array's own ports
/// are not counted: give them as ports per host, or as a second fabric in a later version.
///
/// Sourced example (1 GbE, F): a 48-port Pronto 3240 — chassis 66.7 W, 0.91 W per port at
/// 1 Gb/s (43.8 W for 48), CARPO (Wang et al., INFOCOM 2012). Other speeds (10/25 GbE ToR,
/// FC) have no verified figure in F: every watt figure is a required input. Purchase =
/// switches × switchPriceUSD (no sourced price: an input, 0 = not priced).
///
/// Units: W, USD.
public struct NetworkSwitches: Sendable, Equatable {
    /// Switch ports each host uses (NICs cabled), ≥ 1.
    public var portsPerHost: Int
    /// Host-facing ports of one switch, ≥ 1.
    public var portsPerSwitch: Int
    /// Power of one switch's chassis (fans, supplies, switching fabric) with no port active, W, ≥ 0.
    public var chassisW: Double
    /// Power of one active port, W, ≥ 0.
    public var portW: Double
    /// Price of one switch, USD, ≥ 0 (0 = not priced).
    public var switchPriceUSD: Double = 0

    /// Switches of `portsPerSwitch` ports for hosts using `portsPerHost` ports each.
    /// - Precondition: `check` passes.
    public init(portsPerHost: Int, portsPerSwitch: Int, chassisW: Double, portW: Double, switchPriceUSD: Double = 0) {
        self.portsPerHost = portsPerHost; self.portsPerSwitch = portsPerSwitch
        self.chassisW = chassisW; self.portW = portW; self.switchPriceUSD = switchPriceUSD
        let problem = Self.check(self)
        precondition(problem == nil, problem ?? "")
    }

    /// The CARPO 48 × 1 GbE top-of-rack switch (F): 66.7 W chassis, 0.91 W per port, unpriced.
    public static func carpo1GbE(portsPerHost: Int) -> NetworkSwitches {
        NetworkSwitches(portsPerHost: portsPerHost, portsPerSwitch: 48, chassisW: 66.7, portW: 0.91)
    }

    /// Nil if valid, else the first problem, naming the field.
    public static func check(_ n: NetworkSwitches) -> String? {
        if n.portsPerHost < 1 { return "portsPerHost: expected >= 1, found \(n.portsPerHost)" }
        if n.portsPerSwitch < 1 { return "portsPerSwitch: expected >= 1, found \(n.portsPerSwitch)" }
        for (name, w) in [("chassisW", n.chassisW), ("portW", n.portW)] where !(w >= 0 && w.isFinite) {
            return "\(name): expected finite watts >= 0, found \(w)"
        }
        if !(n.switchPriceUSD >= 0 && n.switchPriceUSD.isFinite) { return "switchPriceUSD: expected a finite price >= 0, found \(n.switchPriceUSD)" }
        return nil
    }

    /// The switches for `hosts` (≥ 0) hosts: their counts, power and purchase.
    public func sized(hosts: Int) -> NetworkSize {
        let ports = max(0, hosts) * portsPerHost
        let switches = (ports + portsPerSwitch - 1) / portsPerSwitch
        return NetworkSize(
            switches: switches, ports: ports, powerW: Double(switches) * chassisW + Double(ports) * portW,
            purchaseUSD: Double(switches) * switchPriceUSD)
    }
}

/// What the switches of an arm's hosts are, draw and cost.
public struct NetworkSize: Sendable, Equatable {
    public var switches: Int
    /// Active (host) ports.
    public var ports: Int
    /// Constant power, W.
    public var powerW: Double
    /// Purchase, USD.
    public var purchaseUSD: Double

    public init(switches: Int, ports: Int, powerW: Double, purchaseUSD: Double) {
        self.switches = switches; self.ports = ports; self.powerW = powerW; self.purchaseUSD = purchaseUSD
    }
}
