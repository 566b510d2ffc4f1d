/// One facility component's losses, each a fraction of the room's rated IT power R:
///
///     loss(IT) = noLoad·R + proportional·IT + square·IT²/R
///
/// so at IT load fraction L = IT/R the loss per IT watt is noLoad/L + proportional + square·L
/// (`PlannerPractice.md` E: `PUE = 1 + f/L + k + s·L`).
///
/// Source: the three loss terms of Schneider Electric, "Definitions of losses" (2012) and APC
/// White Paper 113, *Electrical Efficiency Modeling for Data Centers* (Rasmussen): no-load
/// (fixed: transformers, capacitors, logic boards, fans — "can represent over 40% of all UPS
/// losses"), proportional (switching), square-law (I²R, "significant (1–4%) at higher UPS
/// loads"); the transformer form `P0·S + Pk·(P/S)²·S` of pvlib's `transformer.simple_efficiency`.
/// The references give no per-component fractions a default could rest on, so every term is a
/// required input. Valid: each term finite, 0…1.
public struct LossTerms: Sendable, Equatable {
    /// Losses at no IT load, as a fraction of the rated IT power.
    public let noLoad: Double
    /// Losses per watt of IT power, W/W.
    public let proportional: Double
    /// Losses at rated load from the I²R term, as a fraction of the rated IT power.
    public let square: Double

    /// Terms as fractions of the rated IT power (see the type's formula).
    /// - Precondition: `check` passes.
    public init(noLoad: Double, proportional: Double, square: Double) {
        let problem = Self.check(noLoad: noLoad, proportional: proportional, square: square)
        precondition(problem == nil, problem ?? "")
        self.noLoad = noLoad; self.proportional = proportional; self.square = square
    }

    /// No losses at all.
    public static let none = LossTerms(noLoad: 0, proportional: 0, square: 0)

    /// Nil if valid, else what is wrong, naming the key as scenarios write it.
    public static func check(noLoad: Double, proportional: Double, square: Double) -> String? {
        for (key, v) in [("no_load", noLoad), ("proportional", proportional), ("square", square)] where !(v >= 0 && v <= 1) {
            return "\(key): expected a fraction 0...1 of the rated IT power, found \(v)"
        }
        return nil
    }

    /// Loss, W, at `itW` ≥ 0 of IT load in a room rated `ratedW` > 0.
    public func lossW(itW: Double, ratedW: Double) -> Double {
        noLoad * ratedW + proportional * itW + square * itW * itW / ratedW
    }

    /// The part of `lossW` that does not depend on the load, W.
    public func fixedW(ratedW: Double) -> Double { noLoad * ratedW }
}

/// Whether a consolidated arm keeps the room (and its rated UPS, distribution and cooling
/// plant, with their no-load losses) or right-sizes it to its own load.
public enum RoomSizing: String, Sendable, Equatable, CaseIterable {
    /// The room as it stands: rated for the estate (the baseline's peak IT power unless
    /// `rated_it_kw` is given). The default: a consolidation project rarely rebuilds the room.
    case keep
    /// A room rated for the arm's own peak IT power: fixed losses shrink with the load.
    case rightSize = "right-size"
}

/// Facility power from the losses of its UPS, its power distribution (PDU, transformers) and
/// its cooling, each with no-load, proportional and square-law terms of the room's rated IT
/// power (`LossTerms`), so PUE rises as consolidation shrinks the IT load in a room that keeps
/// its rating (`room: keep`) — what a fixed PUE hides.
///
/// Cooling is either three loss terms of its own, or no-load losses (fans, pumps, humidifiers)
/// plus a chiller that removes the room's heat: the IT power plus the UPS and distribution
/// losses (all of them heat, cooled by the same plant — an assumption stated in
/// `HypervisorsFacilityStorageCost.md`), through the CRAC COP(T_supply) of Moore et al. 2005 or
/// an economizer that cools for free below an outside temperature (`DomainModels.md` B2).
///
/// PUE = facility / IT = 1 + Σ components (noLoad/L + proportional + square·L) with L = IT/R
/// (`PlannerPractice.md` E; APC White Paper 113). Sources of the terms: `LossTerms`.
/// Valid: rated IT power > 0 once resolved; a nil rating (not yet resolved, see
/// `resolved(ratedITPowerW:)`) rates the room at the instant's own IT power.
public struct FacilityLossModel: FacilityPowerModel, Registered {
    /// Registry name.
    public static let name = "losses"
    /// One line for `virtsim list`.
    public static let summary = "UPS, distribution and cooling losses: no-load + proportional + square-law of the rated room (APC WP 113)"

    /// The cooling plant: its loss terms, or its no-load losses and a chiller.
    public enum Cooling: Sendable {
        /// Cooling losses as three terms of the rated IT power.
        case terms(LossTerms)
        /// No-load losses (fraction of the rated IT power) plus a chiller model that removes
        /// the heat (IT + UPS + distribution losses); only its cooling and other watts count.
        case chiller(noLoad: Double, model: any FacilityPowerModel)
    }

    /// UPS losses.
    public let ups: LossTerms
    /// Power-distribution losses (PDUs, transformers).
    public let distribution: LossTerms
    /// Cooling.
    public let cooling: Cooling
    /// Keep the room or right-size it.
    public let room: RoomSizing
    /// The room's rated IT power, W; nil until resolved (`resolved(ratedITPowerW:)`).
    public let ratedITPowerW: Double?

    /// A facility with the given components, rated `ratedITPowerW` W (nil: resolved per arm).
    public init(ups: LossTerms, distribution: LossTerms, cooling: Cooling, room: RoomSizing = .keep, ratedITPowerW: Double? = nil) {
        precondition(ratedITPowerW.map { $0 > 0 && $0.isFinite } ?? true, "ratedITPowerW: expected watts > 0")
        self.ups = ups; self.distribution = distribution; self.cooling = cooling; self.room = room
        self.ratedITPowerW = ratedITPowerW
    }

    /// The same facility rated `ratedITPowerW` W (> 0).
    public func resolved(ratedITPowerW w: Double) -> FacilityLossModel {
        FacilityLossModel(ups: ups, distribution: distribution, cooling: cooling, room: room, ratedITPowerW: w)
    }

    /// UPS + distribution + cooling losses at `itPowerW`; UPS and distribution are reported as
    /// other, cooling as cooling; `fixedW` is the no-load part of all three.
    public func power(itPowerW: Double, outsideTemperatureC: Double) -> FacilityPower {
        let rated = ratedITPowerW ?? max(itPowerW, 1e-9)
        let upsW = ups.lossW(itW: itPowerW, ratedW: rated)
        let distributionW = distribution.lossW(itW: itPowerW, ratedW: rated)
        var fixed = ups.fixedW(ratedW: rated) + distribution.fixedW(ratedW: rated)
        let coolingW: Double
        switch cooling {
        case .terms(let t):
            coolingW = t.lossW(itW: itPowerW, ratedW: rated)
            fixed += t.fixedW(ratedW: rated)
        case .chiller(let noLoad, let model):
            let heat = model.power(itPowerW: itPowerW + upsW + distributionW, outsideTemperatureC: outsideTemperatureC)
            coolingW = noLoad * rated + heat.coolingW + heat.otherW
            fixed += noLoad * rated
        }
        var p = FacilityPower(itW: itPowerW, coolingW: coolingW, otherW: upsW + distributionW)
        p.fixedW = fixed
        return p
    }
}
