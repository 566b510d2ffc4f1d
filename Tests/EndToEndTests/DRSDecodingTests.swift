import Policies
import Testing
import Foundation
import SimKernel
import DatacenterModel
import Engine
import VirtsimCore

/// dpm-night.yaml: arm 0 `no-dpm` and arm 1 `dpm` have no `drs` key, so the tests add it; arm 2 has one.
private let scenario = packageRoot + "/scenarios/dpm-night.yaml"

@Suite("The drs arm key")
struct DRSDecodingTests {
    @Test("absent → nil; enabled → threshold 3, 5 min, no pass cap, 8 per host, 1%; overrides; enabled: false")
    func defaultsAndOverrides() throws {
        let (_, plain) = try loadScenario(path: scenario, overrides: [])
        #expect(plain.arms.prefix(2).allSatisfy { $0.drs == nil })
        #expect(plain.arms[2].drs == DRSSettings())
        let (_, on) = try loadScenario(path: scenario, overrides: ["arms.0.drs.enabled=true"])
        #expect(on.arms[0].drs == DRSSettings())
        #expect(
            on.arms[0].drs
                == DRSSettings(
                    threshold: 3, interval: .seconds(Int64(300)), maxMovesPerPass: nil,
                    maxMovesPerHost: 8, minImprovement: 0.01))
        let (_, custom) = try loadScenario(
            path: scenario,
            overrides: [
                "arms.1.drs.threshold=5", "arms.1.drs.interval=1 min", "arms.1.drs.max_moves_per_pass=20",
                "arms.1.drs.max_moves_per_host=4", "arms.1.drs.min_improvement=0.05"
            ])
        #expect(
            custom.arms[1].drs
                == DRSSettings(
                    threshold: 5, interval: .seconds(Int64(60)), maxMovesPerPass: 20,
                    maxMovesPerHost: 4, minImprovement: 0.05))
        #expect(custom.arms[1].dpm == DPMSettings(haReserveHosts: 1), "drs leaves dpm alone")
        let (_, off) = try loadScenario(path: scenario, overrides: ["arms.1.drs.enabled=false", "arms.1.drs.threshold=2"])
        #expect(off.arms[1].drs == nil)
    }

    @Test("threshold 0 or 6: an error naming arms[i].drs.threshold and the range 1–5")
    func thresholdRange() {
        for bad in ["0", "6"] {
            let issues = validateScenarioFile(path: scenario, overrides: ["arms.1.drs.threshold=\(bad)"])
            #expect(issues.count == 1, "\(issues)")
            let message = issues.first ?? ""
            #expect(message.contains("arms[1].drs.threshold"), "\(message)")
            #expect(message.contains("between 1 and 5") && message.contains("found \(bad)"), "\(message)")
        }
        let text = validateScenarioFile(path: scenario, overrides: ["arms.1.drs.threshold=high"])
        #expect(text.count == 1 && text[0].contains("arms[1].drs.threshold") && text[0].contains("expected an integer"), "\(text)")
    }

    @Test("other bad values and typos are reported with their path")
    func otherErrors() {
        let zero = validateScenarioFile(path: scenario, overrides: ["arms.1.drs.interval=0"])
        #expect(zero.count == 1 && zero.first?.contains("arms[1].drs.interval") == true, "\(zero)")
        let noMoves = validateScenarioFile(path: scenario, overrides: ["arms.1.drs.max_moves_per_pass=0"])
        #expect(
            noMoves.count == 1 && noMoves[0].contains("arms[1].drs.max_moves_per_pass") && noMoves[0].contains("expected an integer ≥ 1"),
            "\(noMoves)")
        let one = validateScenarioFile(path: scenario, overrides: ["arms.1.drs.min_improvement=1"])
        #expect(
            one.count == 1 && one[0].contains("arms[1].drs.min_improvement") && one[0].contains("expected a fraction ≥ 0 and < 1"),
            "\(one)")
        let typo = validateScenarioFile(path: scenario, overrides: ["arms.1.drs.treshold=3"])
        #expect(typo.first?.contains("did you mean \"threshold\"") == true, "\(typo)")
        let notMapping = validateScenarioFile(path: scenario, overrides: ["arms.1.drs=3"])
        #expect(notMapping.count == 1 && notMapping[0].contains("arms[1].drs") && notMapping[0].contains("expected a mapping"), "\(notMapping)")
    }

    @Test("drs on a CloudSim-profile arm is an error")
    func cloudSimProfile() {
        let issues = validateScenarioFile(path: scenario, overrides: ["arms.0.drs.threshold=3", "arms.0.profile=cloudsim-3.0.3"])
        #expect(
            issues.contains { $0.contains("arms[0].drs") && $0.contains("drs applies to arms of the virtsim profile only") },
            "\(issues)")
        // Disabled, it is accepted (nothing to apply).
        let disabled = validateScenarioFile(path: scenario, overrides: ["arms.0.drs.enabled=false", "arms.0.profile=cloudsim-3.0.3"])
        #expect(!disabled.contains { $0.contains("drs") }, "\(disabled)")
    }

    @Test("DRSSettings.check: interval > 0 and the model's ranges")
    func settingsCheck() {
        #expect(DRSSettings().check() == nil)
        #expect(DRSSettings(interval: .zero).check()?.hasPrefix("interval:") == true)
        #expect(DRSSettings(threshold: 6).check()?.hasPrefix("threshold: expected an integer between 1 and 5") == true)
        #expect(
            DRSSettings(threshold: 4, maxMovesPerPass: 10).makeModel()
                == DRSBalancerModel(threshold: 4, maxMovesPerPass: 10))
    }
}
