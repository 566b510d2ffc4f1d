import Foundation
import SimKernel
import Testing
import Workloads

@Suite("BitbrainsTrace")
struct BitbrainsTraceTests {
    static let header =
        "Timestamp [ms];\tCPU cores;\tCPU capacity provisioned [MHZ];\tCPU usage [MHZ];\tCPU usage [%];\t"
        + "Memory capacity provisioned [KB];\tMemory usage [KB];\tDisk read throughput [KB/s];\t"
        + "Disk write throughput [KB/s];\tNetwork received throughput [KB/s];\tNetwork transmitted throughput [KB/s]\n"

    /// A row: time (s), cores, CPU capacity and usage (MHz), memory capacity and usage (KB).
    static func row(_ t: Int, _ cores: Int, _ cpuCap: Double, _ cpu: Double, _ memCap: Double, _ mem: Double) -> String {
        "\(t);\t\(cores);\t\(cpuCap);\t\(cpu);\t0.0;\t\(memCap);\t\(mem);\t0.0;\t0.0;\t0.0;\t0.0\n"
    }

    /// Quantization error bound: half of 1/65535, plus rounding.
    static let q = 1e-5

    /// Three VMs, origin 1000 s:
    /// - 1.csv: samples at 1000, 1302 (+2 s jitter), 1598 (−2 s), 2800 (gap 1202 s), 3100;
    /// - 2.csv: starts later, 1450, 1750, 2040; memory capacity 0;
    /// - 10.csv: one sample, numbers in exponent notation, ";" + spaces, CRLF.
    static func sample() -> TempFolder {
        let dir = TempFolder()
        dir.write(
            "1.csv",
            header
                + row(1000, 2, 1000, 100, 1000, 500)
                + row(1302, 2, 1000, 200, 1000, 400)
                + row(1598, 2, 1000, 300, 1000, 300)
                + row(2800, 2, 1000, 400, 1000, 200)
                + row(3100, 2, 1000, 500, 1000, 1500))
        dir.write(
            "2.csv",
            header
                + row(1450, 1, 2000, 1200, 0, 0)
                + row(1750, 1, 2000, 1400, 0, 10)
                + row(2040, 1, 2000, 1600, 0, 0))
        dir.write(
            "10.csv",
            header.replacingOccurrences(of: "\n", with: "\r\n")
                + "1.0E3;  4; 4.0E3 ;1e3;25;2.0e6;5E5;0;0;0;0\r\n")
        dir.write("README.md", "# not a trace\n")
        dir.write(".DS_Store", "junk")
        dir.write("notes.txt", "not a trace")
        return dir
    }

    static func cpu(_ t: BitbrainsTrace, _ m: Int, _ steps: Range<Int>) -> [Double] {
        steps.map { t.demand(member: m, step: $0).cpu }
    }

    static func near(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= q }
    }

    @Test func resamplesWithSampleAndHoldOnACommonOrigin() throws {
        let dir = Self.sample()
        let t = try BitbrainsTrace(folder: dir.path)
        #expect(t.fileNames == ["1.csv", "2.csv", "10.csv"])
        #expect(t.memberLimit == 3)
        #expect(t.step == SimDuration.seconds(300 as Int64))
        #expect(t.gridOrigins == [1000, 1000, 1000])
        // Grid points 1000, 1300, …: 1300 still sees the 1000 sample (the next came at 1302);
        // 1900–2500 hold the 1598 sample across the gap; the data end at 3100 (8 steps).
        #expect(t.length(of: 0) == 8)
        #expect(Self.near(Self.cpu(t, 0, 0..<8), [0.1, 0.1, 0.3, 0.3, 0.3, 0.3, 0.4, 0.5]))
        #expect(Self.near((0..<8).map { t.demand(member: 0, step: $0).memory }, [0.5, 0.5, 0.3, 0.3, 0.3, 0.3, 0.2, 1]))
        // 2.csv starts at 1450: steps 0 and 1 hold its first sample; its data steps are 2...4
        // (grid points 1600, 1900, 2200; the last is the first at or after its last sample).
        #expect(t.length(of: 1) == 5)
        #expect(Self.near(Self.cpu(t, 1, 0..<5), [0.6, 0.6, 0.6, 0.7, 0.8]))
        #expect(t.demand(member: 1, step: 3).memory == 0)  // capacity 0 → 0
        // 10.csv: 1e3 / 4.0E3 and 5E5 / 2.0e6.
        #expect(t.length(of: 2) == 1)
        #expect(Self.near([t.demand(member: 2, step: 0).cpu, t.demand(member: 2, step: 5).memory], [0.25, 0.25]))
    }

    @Test func afterTheEndRepeatsTheDataOrHoldsTheLastValue() throws {
        let dir = Self.sample()
        let r = try BitbrainsTrace(folder: dir.path)
        #expect(Self.near(Self.cpu(r, 0, 8..<10), [0.1, 0.1]))
        // 2.csv repeats its data steps (0.6, 0.7, 0.8), not the lead before its first sample.
        #expect(Self.near(Self.cpu(r, 1, 5..<9), [0.6, 0.7, 0.8, 0.6]))
        let h = try BitbrainsTrace(folder: dir.path, afterEnd: .hold)
        #expect(Self.near(Self.cpu(h, 0, 7..<10), [0.5, 0.5, 0.5]))
        #expect(Self.near(Self.cpu(h, 1, 4..<7), [0.8, 0.8, 0.8]))
    }

    @Test func perFileAlignmentStartsEachFileAtStepZero() throws {
        let dir = Self.sample()
        let t = try BitbrainsTrace(folder: dir.path, alignment: .perFile)
        #expect(t.gridOrigins == [1000, 1450, 1000])
        #expect(t.length(of: 1) == 3)
        #expect(Self.near(Self.cpu(t, 1, 0..<3), [0.6, 0.7, 0.8]))
    }

    @Test func countsGapsAndKeepsCapacities() throws {
        let dir = Self.sample()
        let t = try BitbrainsTrace(folder: dir.path)
        #expect(t.gapCount == 1)
        #expect(t.longestGapSeconds == 1202)
        #expect(t.longestGapFile == "1.csv")
        #expect(try BitbrainsTrace(folder: dir.path, maxGapSeconds: 295).gapCount == 5)
        #expect(t.cpuCores == [2, 1, 4])
        #expect(t.cpuCapacityMHz == [1000, 2000, 4000])
        #expect(t.memoryCapacityKB == [1000, 0, 2_000_000])
        #expect(t.rowCounts == [5, 3, 1])
        #expect(t.firstSampleTimes == [1000, 1450, 1000])
        #expect(t.lastSampleTimes == [3100, 2040, 1000])
    }

    @Test func stepChangesTheGrid() throws {
        let dir = Self.sample()
        let t = try BitbrainsTrace(folder: dir.path, step: .seconds(600 as Int64))
        // Grid points 1000, 1600, 2200, 2800, 3400 → samples 1000, 1598, 1598, 2800, 3100.
        #expect(t.length(of: 0) == 5)
        #expect(Self.near(Self.cpu(t, 0, 0..<5), [0.1, 0.3, 0.3, 0.4, 0.5]))
    }

    @Test func fileOrderIsNumericOnlyWhenAllNamesAreIds() throws {
        let dir = TempFolder()
        for name in ["b.csv", "A.csv", "10.csv", "9.csv"] {
            dir.write(name, Self.header + Self.row(1000, 1, 100, 50, 100, 50))
        }
        #expect(try BitbrainsTrace(folder: dir.path).fileNames == ["10.csv", "9.csv", "A.csv", "b.csv"])
        let ids = TempFolder()
        for name in ["10.csv", "9.csv", "100.csv", "010.csv"] {
            ids.write(name, Self.header + Self.row(1000, 1, 100, 50, 100, 50))
        }
        #expect(try BitbrainsTrace(folder: ids.path).fileNames == ["9.csv", "010.csv", "10.csv", "100.csv"])
        #expect(try BitbrainsTrace(folder: ids.path, maxFiles: 2).fileNames == ["9.csv", "010.csv"])
    }

    @Test func nonNumericFieldNamesItsColumn() {
        let dir = TempFolder()
        dir.write(
            "1.csv",
            Self.header + Self.row(1000, 1, 100, 50, 100, 50)
                + "1300;\t1;\t100.0;\tabc;\t0.0;\t100.0;\t50.0;\t0.0;\t0.0;\t0.0;\t0.0\n")
        let e = thrown(WorkloadInputError.self) { try BitbrainsTrace(folder: dir.path) }
        #expect(
            e
                == WorkloadInputError(
                    file: dir.path + "/1.csv", line: 3, column: "1300;\t1;\t100.0;\t".utf8.count + 1,
                    message: "column \"CPU usage [MHZ]\": expected a number, found \"abc\""))
    }

    @Test func wrongColumnCountIsReported() {
        let dir = TempFolder()
        dir.write("1.csv", Self.header + Self.row(1000, 1, 100, 50, 100, 50) + "1300;\t1;\t100.0;\t50.0\n")
        let e = thrown(WorkloadInputError.self) { try BitbrainsTrace(folder: dir.path) }
        #expect(e?.line == 3)
        #expect(e?.message == "wrong column count: found 4 fields, expected 11 as in the header")
        let extra = TempFolder()
        extra.write("1.csv", Self.header + Self.row(1000, 1, 100, 50, 100, 50).replacingOccurrences(of: "\n", with: ";\t7\n"))
        #expect(
            thrown(WorkloadInputError.self) { try BitbrainsTrace(folder: extra.path) }?.message
                == "wrong column count: found more than 11 fields, expected 11 as in the header")
    }

    @Test func backwardTimestampsAreReported() {
        let dir = TempFolder()
        dir.write(
            "1.csv",
            Self.header + Self.row(1000, 1, 100, 50, 100, 50) + Self.row(1300, 1, 100, 50, 100, 50)
                + Self.row(1200, 1, 100, 50, 100, 50))
        let e = thrown(WorkloadInputError.self) { try BitbrainsTrace(folder: dir.path) }
        #expect(
            e
                == WorkloadInputError(
                    file: dir.path + "/1.csv", line: 4, column: 1,
                    message: "timestamps go backwards: found 1200 after 1300; expected non-decreasing times"))
    }

    @Test func missingHeaderIsReported() {
        let dir = TempFolder()
        dir.write("1.csv", Self.row(1000, 1, 100, 50, 100, 50))
        let e = thrown(WorkloadInputError.self) { try BitbrainsTrace(folder: dir.path) }
        #expect(e?.line == 1)
        #expect(e?.message.hasPrefix("missing header") == true)
    }

    /// Issue 16: a byte-order mark gave `header lacks column "Timestamp [ms]"; found "Timestamp [ms]"`.
    @Test func byteOrderMarkIsSkipped() throws {
        let dir = TempFolder()
        dir.write("1.csv", "\u{FEFF}" + Self.header + Self.row(1000, 1, 100, 50, 100, 50) + Self.row(1300, 1, 100, 25, 100, 50))
        let t = try BitbrainsTrace(folder: dir.path)
        #expect(t.rowCounts == [2])
        #expect(abs(t.demand(member: 0, step: 0).cpu - 0.5) < 1e-4 && abs(t.demand(member: 0, step: 1).cpu - 0.25) < 1e-4)
    }

    @Test func headerLackingAColumnIsReported() {
        let dir = TempFolder()
        dir.write("1.csv", "Timestamp [ms];\tCPU cores;\tCPU capacity provisioned [MHZ];\tCPU usage [MHZ]\n1000;\t1;\t100;\t50\n")
        let e = thrown(WorkloadInputError.self) { try BitbrainsTrace(folder: dir.path) }
        #expect(e?.message.hasPrefix("header lacks column \"Memory capacity provisioned [KB]\", \"Memory usage [KB]\"") == true)
    }

    @Test func blankLineBetweenRowsAndEmptyFilesAreReported() {
        let dir = TempFolder()
        dir.write("1.csv", Self.header + Self.row(1000, 1, 100, 50, 100, 50) + "\n" + Self.row(1300, 1, 100, 50, 100, 50))
        #expect(thrown(WorkloadInputError.self) { try BitbrainsTrace(folder: dir.path) }?.line == 3)
        let headerOnly = TempFolder()
        headerOnly.write("1.csv", Self.header + "\n\n")
        #expect(
            thrown(WorkloadInputError.self) { try BitbrainsTrace(folder: headerOnly.path) }?.message
                == "no data rows: expected at least one row after the header")
    }

    @Test func timestampsInMillisecondsAreCaught() {
        let dir = TempFolder()
        dir.write("1.csv", Self.header + Self.row(1_372_629_804_000, 1, 100, 50, 100, 50))
        let e = thrown(WorkloadInputError.self) { try BitbrainsTrace(folder: dir.path) }
        #expect(e?.line == 2)
        #expect(e?.message == "timestamp out of range: expected seconds since 1970 (below 10^11, despite the header's [ms]), found 1372629804000")
    }

    @Test(
        "a whole timestamp beyond Int64 is refused with its value (found by fuzzing: formatting it for the message trapped)",
        arguments: [("100000000000000000000", "1e+20"), ("-1e30", "-1e+30"), ("1" + String(repeating: "0", count: 30), "1e+30")])
    func timestampBeyondInt64(_ text: String, _ shown: String) {
        let dir = TempFolder()
        dir.write("1.csv", Self.header + text + Self.row(0, 1, 100, 50, 100, 50).drop { $0 != ";" })
        let e = thrown(WorkloadInputError.self) { try BitbrainsTrace(folder: dir.path) }
        #expect(e?.line == 2)
        #expect(e?.message == "timestamp out of range: expected seconds since 1970 (below 10^11, despite the header's [ms]), found \(shown)")
    }

    @Test func gridsTooLongAreRefused() {
        let dir = TempFolder()
        dir.write("1.csv", Self.header + Self.row(1000, 1, 100, 50, 100, 50) + Self.row(200_001_000, 1, 100, 50, 100, 50))
        let e = thrown(WorkloadInputError.self) { try BitbrainsTrace(folder: dir.path, step: .seconds(1 as Int64)) }
        #expect(e?.message.hasPrefix("timestamps span 200000000 s, over 100000000 steps of 1.0 s") == true, "\(String(describing: e))")
    }

    /// Issue 16: the span guard was per file, so a few tiny files spanning years at a 1 s step
    /// together needed memory and time without bound.
    @Test func gridsTooLongTogetherAreRefused() {
        let dir = TempFolder()
        for k in 1...3 { dir.write("\(k).csv", Self.header + Self.row(1000, 1, 100, 50, 100, 50) + Self.row(40_001_000, 1, 100, 50, 100, 50)) }
        let e = thrown(WorkloadInputError.self) { try BitbrainsTrace(folder: dir.path, step: .seconds(1 as Int64)) }
        #expect(
            e?.message
                == "the 3 traces together span over 100000000 grid steps of 1.0 s (4 bytes each: over 400 MB of memory): use a coarser step or fewer files",
            "\(String(describing: e))")
        #expect(e?.file == dir.path)
    }

    @Test func missingOrEmptyFolderIsReported() {
        let dir = TempFolder()
        #expect(
            thrown(WorkloadInputError.self) { try BitbrainsTrace(folder: dir.missing) }?.message
                .hasPrefix("trace folder not found") == true)
        dir.write("notes.txt", "no csv here")
        #expect(
            thrown(WorkloadInputError.self) { try BitbrainsTrace(folder: dir.path) }?.message
                .hasPrefix("empty trace folder") == true)
    }

    @Test(
        .enabled(
            if: RealData.exists(RealData.bitbrainsWeek),
            "the Bitbrains week ../shared/data/bitbrains-rnd/2013-7-week1 is absent (set VIRTSIM_BITBRAINS_DIR)"))
    func readsTheRealWeek() throws {
        let t = try BitbrainsTrace(folder: RealData.bitbrainsWeek, maxGapSeconds: 400)
        #expect(t.memberLimit == 100)
        #expect(t.fileNames.first == "1.csv" && t.fileNames[13] == "14.csv" && t.fileNames.last == "100.csv")
        // README: 212 gaps of more than 400 s; VM 14 has only 428 rows and starts 28.5 days later.
        #expect(t.gapCount == 212)
        #expect(t.longestGapSeconds == 2400)
        #expect(t.rowCounts[13] == 428)
        #expect(t.gridOrigins.allSatisfy { $0 == 1_372_629_804 })
        let lead = Int(((1_375_093_346 - 1_372_629_804) as Double / 300).rounded(.up))
        #expect(t.length(of: 13) == lead + 428)
        #expect(t.demand(member: 13, step: 0) == t.demand(member: 13, step: lead))
        // VM 1, first row: 2 cores, 5851.9989 MHz, 87.7799835 MHz used; 8218624 KB, 1034592.8 KB used.
        #expect(t.cpuCores[0] == 2 && t.cpuCapacityMHz[0] == 5851.9989 && t.memoryCapacityKB[0] == 8_218_624)
        let d = t.demand(member: 0, step: 0)
        #expect(abs(d.cpu - 87.7799835 / 5851.9989) <= Self.q && abs(d.memory - 1034592.8 / 8218624) <= Self.q)
        // A week at 300 s is 2016 steps; most files have about that many rows.
        #expect((0..<100).filter { t.length(of: $0) >= 2000 }.count >= 90)
    }
}
