import Scenario
import Stochastic

/// manifest.json: the expanded scenario (after overrides), seed, versions and wall time.
package func runManifestJSON(
    doc: YAMLDocument, model: ScenarioModel, scenarioPath: String, overrides: [String], version: String,
    wallSeconds: Double
) -> String {
    var s = "{\n"
    s += "  \"virtsim_version\": \(jsonString(version)),\n"
    s += "  \"gsl_version\": \(jsonString(gslVersion)),\n"
    s += "  \"scenario_file\": \(jsonString(scenarioPath)),\n"
    s += "  \"scenario_name\": \(jsonString(model.name)),\n"
    s += "  \"seed\": \(model.seed),\n"
    s += "  \"overrides\": [\(overrides.map(jsonString).joined(separator: ", "))],\n"
    s += "  \"arms\": [\(model.arms.map { jsonString($0.name) }.joined(separator: ", "))],\n"
    s += "  \"wall_time_s\": \(formatFixed(wallSeconds, decimals: 3)),\n"
    s += "  \"error\": null,\n"
    if !model.assumptions.isEmpty { s += "  \"assumptions\": [\(model.assumptions.map(jsonString).joined(separator: ", "))],\n" }
    s += "  \"scenario\": \(yamlNodeToJSON(doc.root, indent: 1))\n"
    s += "}\n"
    return s
}
