import Foundation
import VirtsimKit

// One line registers the policy; scenarios can then say `placement: least-loaded`.
PlacementRegistry.register(LeastLoaded.entry)

let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write("usage: custom-policy SCENARIO.yaml [OUT_DIR]\n".data(using: .utf8)!)
    exit(2)
}
do {
    let outcome = try runScenarioFile(RunOptions(scenarioPath: args[1], outDir: args.count > 2 ? args[2] : nil, report: false))
    print(outcome.summaryText)
} catch {
    FileHandle.standardError.write("\(error)\n".data(using: .utf8)!)
    exit(1)
}
