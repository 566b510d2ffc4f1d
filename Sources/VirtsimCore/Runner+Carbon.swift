import Engine
import Reports

/// One console line per arm with carbon inputs (`carbon:`): kgCO2e over the simulated period,
/// operational location- and market-based, and embodied. Empty when no arm has carbon inputs.
func carbonLines(_ results: [ArmResult], width w: Int) -> String {
    var s = ""
    for r in results {
        guard let c = r.economics.carbon else { continue }
        s +=
            "  carbon " + pad(r.arm, w, right: true) + "  " + formatFixed(c.locationKgCO2e, decimals: 2) + " kgCO2e location, "
            + formatFixed(c.marketKgCO2e, decimals: 2) + " market, " + formatFixed(c.embodiedKgCO2e, decimals: 2) + " embodied\n"
    }
    return s.isEmpty ? "" : "\n" + s
}
