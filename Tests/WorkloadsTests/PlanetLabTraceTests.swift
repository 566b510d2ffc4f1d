import Foundation
import SimKernel
import Testing
import Workloads

@Suite("PlanetLabTrace")
struct PlanetLabTraceTests {
    @Test func takesFilesInByteOrderAndIgnoresHiddenAndReadmes() throws {
        let dir = TempFolder()
        dir.write("a", "1\n")
        dir.write("B", "2\n")
        dir.write("a 1", "3\n")
        dir.write("a1", "4\n")
        dir.write(".hidden", "abc\n")
        dir.write("README", "not a trace\n")
        dir.write("README.txt", "not a trace\n")
        dir.write("notes.md", "# not a trace\n")
        try FileManager.default.createDirectory(atPath: dir.path + "/sub", withIntermediateDirectories: false)
        let t = try PlanetLabTrace(folder: dir.path)
        #expect(t.fileNames == ["B", "a", "a 1", "a1"])
        #expect(t.memberLimit == 4)
        #expect((0..<4).map { t.demand(member: $0, step: 0).cpu } == [0.02, 0.01, 0.03, 0.04])
    }

    @Test func valuesArePercentagesAndMemoryIsConstant() throws {
        let dir = TempFolder()
        dir.write("vm", "0\n50\n100\n7\n")
        let t = try PlanetLabTrace(folder: dir.path)
        #expect((0..<4).map { t.demand(member: 0, step: $0).cpu } == [0, 0.5, 1, 0.07])
        #expect(t.demand(member: 0, step: 1).memory == 1)
        #expect(t.step == SimDuration.seconds(300 as Int64))
        #expect(t.length(of: 0) == 4)
        let q = try PlanetLabTrace(folder: dir.path, step: .seconds(60 as Int64), memoryFraction: 0.25)
        #expect(q.demand(member: 0, step: 2) == Demand(cpu: 1, memory: 0.25))
        #expect(q.step == SimDuration.seconds(60 as Int64))
    }

    @Test func acceptsCRLFBlanksAroundValuesTrailingBlankLinesAndNoFinalNewline() throws {
        let dir = TempFolder()
        dir.write("crlf", "10\r\n20\r\n30\r\n")
        dir.write("spaces", " 11 \n\t21\t\n31\n\n\n")
        dir.write("nofinal", "12\n22\n32")
        let t = try PlanetLabTrace(folder: dir.path)
        #expect(t.fileNames == ["crlf", "nofinal", "spaces"])
        for (m, base) in [(0, 10.0), (1, 12.0), (2, 11.0)] {
            #expect(t.length(of: m) == 3)
            #expect((0..<3).map { t.demand(member: m, step: $0).cpu } == [base, base + 10, base + 20].map { $0 / 100 })
        }
    }

    @Test func eachFileKeepsItsOwnLength() throws {
        let dir = TempFolder()
        dir.write("long", "1\n2\n3\n")
        dir.write("short", "10\n20\n")
        let repeating = try PlanetLabTrace(folder: dir.path)
        #expect(repeating.length(of: 0) == 3 && repeating.length(of: 1) == 2)
        #expect((0..<7).map { repeating.demand(member: 1, step: $0).cpu } == [0.1, 0.2, 0.1, 0.2, 0.1, 0.2, 0.1])
        #expect((0..<7).map { repeating.demand(member: 0, step: $0).cpu } == [0.01, 0.02, 0.03, 0.01, 0.02, 0.03, 0.01])
        let holding = try PlanetLabTrace(folder: dir.path, afterEnd: .hold)
        #expect((0..<5).map { holding.demand(member: 1, step: $0).cpu } == [0.1, 0.2, 0.2, 0.2, 0.2])
    }

    @Test func maxFilesTakesTheFirstFilesInByteOrder() throws {
        let dir = TempFolder()
        for (name, v) in [("c", 3), ("a", 1), ("b", 2)] { dir.write(name, "\(v)\n") }
        let t = try PlanetLabTrace(folder: dir.path, maxFiles: 2)
        #expect(t.fileNames == ["a", "b"])
        #expect(try PlanetLabTrace(folder: dir.path, maxFiles: 10).memberLimit == 3)
        let e = thrown(WorkloadInputError.self) { try PlanetLabTrace(folder: dir.path, maxFiles: 0) }
        #expect(e?.message == "maxFiles must be at least 1, found 0")
    }

    @Test func nonNumericLineIsReportedWithItsPosition() {
        let dir = TempFolder()
        dir.write("good", "1\n2\n3\n4\n")
        dir.write("vm 7", "1\n2\nabc\n4\n")
        let e = thrown(WorkloadInputError.self) { try PlanetLabTrace(folder: dir.path) }
        #expect(
            e
                == WorkloadInputError(
                    file: dir.path + "/vm 7", line: 3, column: 1,
                    message: "expected an integer 0–100, found \"abc\""))
        #expect(e?.description == dir.path + "/vm 7:3:1: expected an integer 0–100, found \"abc\"")
    }

    @Test func columnPointsAtTheOffendingCharacter() {
        let dir = TempFolder()
        dir.write("vm", "5\n  12x\n")
        let e = thrown(WorkloadInputError.self) { try PlanetLabTrace(folder: dir.path) }
        #expect(e?.line == 2)
        #expect(e?.column == 5)
        #expect(e?.message == "expected an integer 0–100, found \"12x\"")
    }

    @Test func rejectsValuesAboveOneHundredAndNegatives() {
        let dir = TempFolder()
        dir.write("vm", "100\n101\n")
        let e = thrown(WorkloadInputError.self) { try PlanetLabTrace(folder: dir.path) }
        #expect(e?.line == 2)
        #expect(e?.message == "value out of range: expected an integer 0–100, found 101")
        let neg = TempFolder()
        neg.write("vm", "-5\n")
        #expect(
            thrown(WorkloadInputError.self) { try PlanetLabTrace(folder: neg.path) }?.message
                == "expected an integer 0–100, found \"-5\"")
    }

    @Test func rejectsABlankLineBetweenValues() {
        let dir = TempFolder()
        dir.write("vm", "1\n2\n\n3\n")
        let e = thrown(WorkloadInputError.self) { try PlanetLabTrace(folder: dir.path) }
        #expect(e?.line == 3)
        #expect(e?.message.hasPrefix("blank line") == true)
    }

    @Test func rejectsAnEmptyFile() {
        let dir = TempFolder()
        dir.write("vm", "\n")
        #expect(
            thrown(WorkloadInputError.self) { try PlanetLabTrace(folder: dir.path) }?.message
                == "no values: expected one integer 0–100 per line, found an empty file")
    }

    @Test func missingFolderIsReported() {
        let dir = TempFolder()
        let e = thrown(WorkloadInputError.self) { try PlanetLabTrace(folder: dir.missing) }
        #expect(e?.file == dir.missing)
        #expect(e?.line == nil)
        #expect(e?.message.hasPrefix("trace folder not found") == true)
    }

    @Test func folderWithoutTracesIsReported() {
        let dir = TempFolder()
        dir.write("README.md", "# about\n")
        let e = thrown(WorkloadInputError.self) { try PlanetLabTrace(folder: dir.path) }
        #expect(e?.message.hasPrefix("empty trace folder") == true)
    }

    @Test func rejectsBadParameters() {
        let dir = TempFolder()
        dir.write("vm", "1\n")
        #expect(
            thrown(WorkloadInputError.self) { try PlanetLabTrace(folder: dir.path, memoryFraction: 1.2) }?.message
                == "memoryFraction must be in 0...1, found 1.2")
        #expect(thrown(WorkloadInputError.self) { try PlanetLabTrace(folder: dir.path, step: .zero) } != nil)
    }

    @Test(
        .enabled(
            if: RealData.exists(RealData.planetLabDay),
            "the PlanetLab day scenarios/traces/planetlab/20110303 is not in the repository"))
    func readsTheRealDay() throws {
        let t = try PlanetLabTrace(folder: RealData.planetLabDay)
        #expect(t.memberLimit == 1052)
        #expect(t.sampleCount == 1052 * 288)
        #expect((0..<1052).allSatisfy { t.length(of: $0) == 288 })
        // README: the day mean is 12.31 %.
        #expect(abs(t.meanCPU * 100 - 12.31) < 0.01)
        #expect(t.fileNames == t.fileNames.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(t.fileNames.first == "146-179_surfsnel_dsl_internl_net_colostate_557")
    }
}
