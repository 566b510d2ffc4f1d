import SimKernel
import Testing
import Workloads

/// Every workload model, checked against the `WorkloadSource` contract: values finite and in
/// 0...1, and demand a pure function of (member, step) whatever the call order.
@Suite("WorkloadSource conformance")
struct ConformanceTests {
    enum Model: String, CaseIterable, CustomStringConvertible, Sendable {
        case constant, stochasticUniform, stochasticTruncatedNormal, stochasticLognormal, stochasticBeta
        case diurnal, diurnalClamped, planetLab, planetLabHold, bitbrains, bitbrainsPerFile, csvLong, csvPerVMFiles

        var description: String { rawValue }

        /// Builds the source; `folder` keeps temporary trace files alive.
        func make(_ folder: TempFolder) throws -> any WorkloadSource {
            let fiveMinutes = SimDuration.seconds(300 as Int64)
            func stochastic(_ cpu: Distribution) throws -> StochasticWorkload {
                try StochasticWorkload(cpu: cpu, memory: .beta(a: 5, b: 2), interval: fiveMinutes, seed: 99, entityBase: 1_000_000)
            }
            switch self {
            case .constant: return try ConstantWorkload(cpu: 0.3, memory: 0.6)
            case .stochasticUniform: return try stochastic(.uniform(min: 0.1, max: 0.9))
            case .stochasticTruncatedNormal: return try stochastic(.truncatedNormal(mean: 0.95, sd: 0.2, min: 0.5, max: 1))
            case .stochasticLognormal: return try stochastic(.lognormal(mu: -1, sigma: 1.5))
            case .stochasticBeta: return try stochastic(.beta(a: 0.5, b: 0.5))
            case .diurnal:
                return try DiurnalWorkload(
                    mean: 0.4, amplitude: 0.3, startHourOfDay: 7.25, noiseSD: 0.1,
                    memoryMean: 0.5, memoryAmplitude: 0.2, seed: 5, entityBase: 10)
            case .diurnalClamped:
                return try DiurnalWorkload(mean: 0.9, amplitude: 0.5, noiseSD: 0.5, memoryMean: 1, memoryAmplitude: 1, seed: 6)
            case .planetLab, .planetLabHold:
                for (i, n) in [3, 288, 17, 1].enumerated() {
                    folder.write("vm\(i)", (0..<n).map { "\(($0 * 37 + i) % 101)\n" }.joined())
                }
                return try PlanetLabTrace(folder: folder.path, memoryFraction: 0.5, afterEnd: self == .planetLab ? .repeat : .hold)
            case .bitbrains, .bitbrainsPerFile:
                let header =
                    "Timestamp [ms];\tCPU cores;\tCPU capacity provisioned [MHZ];\tCPU usage [MHZ];\t"
                    + "Memory capacity provisioned [KB];\tMemory usage [KB]\n"
                for i in 0..<5 {  // jitter of ±5 s and a 900 s gap every 13 rows
                    let rows = (0..<(40 * i + 1)).map { j in
                        "\(1000 + 137 * i + 300 * j + (j * 7 % 11) - 5 + 900 * (j / 13));\t2;\t"
                            + "\(i == 3 ? 0 : 2000);\t\(Double(j * 97 % 2300));\t4000;\t\(Double(j * 61 % 4500))\n"
                    }
                    folder.write("\(i + 1).csv", header + rows.joined())
                }
                return try BitbrainsTrace(folder: folder.path, alignment: self == .bitbrains ? .commonOrigin : .perFile)
            case .csvLong:  // five VMs, rows interleaved, jitter, a gap every 13 rows, memory at times not given
                var text = "timestamp,vm,cpu_pct,mem_pct\n"
                for j in 0..<160 {
                    for i in 0..<5 where j <= 40 * i {
                        text +=
                            "\(1000 + 137 * i + 300 * j + (j * 7 % 11) - 5 + 900 * (j / 13)),vm\(i),\(Double(j * 97 % 10001) / 100),"
                            + (j % 3 == 0 ? "" : "\(Double(j * 61 % 10001) / 100)") + "\n"
                    }
                }
                folder.write("util.csv", text)
                return try CSVTimeSeriesTrace(path: folder.path + "/util.csv", afterEnd: .hold, memoryFraction: 0.7)
            case .csvPerVMFiles:
                for i in 0..<4 {
                    let rows = (0..<(50 * i + 1)).map { j in "2026-01-05T\(String(format: "%02d:%02d", j / 12 % 24, j % 12 * 5)):00+01:00,\(j * 37 % 101)\n" }
                    folder.write("vm \(i).csv", "timestamp,cpu_pct\n" + rows.joined())
                }
                return try CSVTimeSeriesTrace(path: folder.path, alignment: .perFile)
            }
        }
    }

    @Test(arguments: Model.allCases)
    func valuesAreFiniteFractionsAndPure(_ model: Model) throws {
        let folder = TempFolder()
        let source = try model.make(folder)
        let members = min(source.memberLimit ?? 40, 40), steps = 700
        var first: [Demand] = []
        first.reserveCapacity(members * steps)
        for m in 0..<members {
            for k in 0..<steps {
                let d = source.demand(member: m, step: k)
                #expect(d.cpu.isFinite && d.cpu >= 0 && d.cpu <= 1, "\(model) member \(m) step \(k): cpu \(d.cpu)")
                #expect(d.memory.isFinite && d.memory >= 0 && d.memory <= 1, "\(model) member \(m) step \(k): memory \(d.memory)")
                first.append(d)
            }
        }
        // Reverse order, then a scrambled order (a full-period LCG over the cells), then twice
        // in a row: every call gives what the first pass gave.
        var mismatches = 0
        for cell in (0..<first.count).reversed() where source.demand(member: cell / steps, step: cell % steps) != first[cell] {
            mismatches += 1
        }
        var x = 0
        for _ in 0..<first.count {
            x = (x &* 1_103_515_245 &+ 12_345) & 0x3FFF_FFFF
            let cell = x % first.count
            let a = source.demand(member: cell / steps, step: cell % steps)
            let b = source.demand(member: cell / steps, step: cell % steps)
            if a != first[cell] || b != a { mismatches += 1 }
        }
        #expect(mismatches == 0)
        // cpuFractions gives each member's CPU fractions exactly, directly and shifted
        let shifted = MemberOffset(source, offset: 1)
        var row = [Double](repeating: .nan, count: steps)
        for m in 0..<members {
            row.withUnsafeMutableBufferPointer { source.cpuFractions(member: m, into: $0) }
            #expect(row.map(\.bitPattern) == first[(m * steps)..<((m + 1) * steps)].map(\.cpu.bitPattern), "\(model) member \(m)")
            guard m > 0 else { continue }
            row.withUnsafeMutableBufferPointer { shifted.cpuFractions(member: m - 1, into: $0) }
            #expect(row.map(\.bitPattern) == first[(m * steps)..<((m + 1) * steps)].map(\.cpu.bitPattern), "\(model) member \(m), shifted")
        }
        // A second instance built the same way gives the same demands (same seed).
        let twinFolder = TempFolder()
        let twin = try model.make(twinFolder)
        #expect((0..<first.count).allSatisfy { twin.demand(member: $0 / steps, step: $0 % steps) == first[$0] })
        if source.step == nil {
            #expect(Set(first.map(\.cpu)).count == 1)
        }
    }
}
