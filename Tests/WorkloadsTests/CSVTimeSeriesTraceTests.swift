import Foundation
import SimKernel
import Testing
import Workloads

@Suite("CSVTimeSeriesTrace")
struct CSVTimeSeriesTraceTests {
    /// Quantization error bound: half of 1/65535, plus rounding.
    static let q = 1e-5

    /// 2026-01-05T00:00:00Z in seconds since 1970 (2026-01-01 is 1767225600, plus 4 days).
    static let jan5 = 1_767_225_600 + 4 * 86400

    /// Two VMs, rows interleaved, origin 1000 s:
    /// - a: 1000 s 20% (memory not given), 1302 s 30% / 40%, 1600 s 50% / 20%;
    /// - b: 1000 s 10% / 50%, 1598 s 40% / 30%, 2200 s 60% (memory not given).
    static let twoVMs = """
        timestamp,vm,cpu_pct,mem_pct
        1000,b,10,50
        1000,a,20,
        1302,a,30,40
        1598,b,40,30
        1600,a,50,20
        2200,b,60,

        """

    static func cpu(_ t: some WorkloadSource, _ m: Int, _ steps: Range<Int>) -> [Double] {
        steps.map { t.demand(member: m, step: $0).cpu }
    }

    static func memory(_ t: some WorkloadSource, _ m: Int, _ steps: Range<Int>) -> [Double] {
        steps.map { t.demand(member: m, step: $0).memory }
    }

    static func near(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= q }
    }

    /// The trace of `content` written as a long-format file.
    static func long(_ content: String, in dir: TempFolder = TempFolder(), memoryFraction: Double = 0.25) throws -> CSVTimeSeriesTrace {
        dir.write("util.csv", content)
        return try CSVTimeSeriesTrace(path: dir.path + "/util.csv", memoryFraction: memoryFraction)
    }

    @Test func longFormatResamplesEachVMWithSampleAndHold() throws {
        let t = try Self.long(Self.twoVMs)
        #expect(t.layout == .long)
        #expect(t.memberNames == ["a", "b"])  // natural order of names, not order of appearance
        #expect(t.member(named: "b") == 1 && t.member(named: "a") == 0 && t.member(named: "c") == nil)
        #expect(t.memberLimit == 2 && t.step == SimDuration.seconds(300 as Int64))
        #expect(t.gridOrigins == [1000, 1000])
        // a: grid points 1000, 1300 (the 1302 sample comes after it), 1600; memory not given → 0.25.
        #expect(t.length(of: 0) == 3)
        #expect(Self.near(Self.cpu(t, 0, 0..<3), [0.2, 0.2, 0.5]))
        #expect(Self.near(Self.memory(t, 0, 0..<3), [0.25, 0.25, 0.2]))
        // b: grid points 1000 … 2200; 1600 and 1900 hold the 1598 sample.
        #expect(t.length(of: 1) == 5)
        #expect(Self.near(Self.cpu(t, 1, 0..<5), [0.1, 0.1, 0.4, 0.4, 0.6]))
        #expect(Self.near(Self.memory(t, 1, 0..<5), [0.5, 0.5, 0.3, 0.3, 0.25]))
        // past the end the data repeat (the default)
        #expect(Self.near(Self.cpu(t, 0, 3..<5) + Self.cpu(t, 1, 5..<6), [0.2, 0.2, 0.1]))
        #expect(t.sampleCounts == [3, 3])
        #expect(Self.near([t.meanCPU[0], t.maxCPU[1]], [(0.2 + 0.3 + 0.5) / 3, 0.6]))
        #expect(t.firstSampleTimes == [1000, 1000] && t.lastSampleTimes == [1600, 2200])
        #expect(t.gapCount == 0)
        #expect(t.longestGapSeconds == 2200 - 1598 && t.longestGapMember == "b")
    }

    @Test func quotingIsUndoneOnlyInQuotedFields() throws {
        // `"a""b"` is the name a"b; an unquoted a""b keeps its quotes (consecutive rows included)
        let t = try Self.long("timestamp,vm,cpu_pct\n1000,\"a\"\"b\",10\n1000,a\"\"b,20\n1000,\"a\",30\n1000,a,40\n")
        #expect(t.memberNames == ["a", "a\"\"b", "a\"b"])
        #expect(Self.near((0..<3).map { t.demand(member: $0, step: 0).cpu }, [0.4, 0.2, 0.1]))
    }

    @Test func aMemberDrivesAVMByNameThroughMemberOffset() throws {
        let t = try Self.long(Self.twoVMs)
        let b = MemberOffset(t, offset: try #require(t.member(named: "b")))
        #expect(b.memberLimit == 1)
        #expect((0..<8).allSatisfy { b.demand(member: 0, step: $0) == t.demand(member: 1, step: $0) })
    }

    @Test func anEqualTimestampLetsTheLaterRowWin() throws {
        let t = try Self.long("timestamp,vm,cpu_pct\n1000,a,20\n1000,a,70\n1600,a,10\n1600,a,30\n")
        #expect(t.sampleCounts == [2])
        #expect(Self.near(Self.cpu(t, 0, 0..<3), [0.7, 0.7, 0.3]))
    }

    @Test func afterEndHoldAndGapsAndPerFileAlignment() throws {
        let dir = TempFolder()
        dir.write("util.csv", Self.twoVMs)
        let path = dir.path + "/util.csv"
        let hold = try CSVTimeSeriesTrace(path: path, afterEnd: .hold, memoryFraction: 0.25)
        #expect(Self.near(Self.cpu(hold, 0, 2..<6), [0.5, 0.5, 0.5, 0.5]))
        #expect(Self.near(Self.cpu(hold, 1, 4..<6), [0.6, 0.6]))
        // b's intervals are 598 and 602 s, a's 302 and 298 s: over 299 s, three
        #expect(try CSVTimeSeriesTrace(path: path, maxGapSeconds: 600).gapCount == 1)
        #expect(try CSVTimeSeriesTrace(path: path, maxGapSeconds: 299).gapCount == 3)
        // b starting later: its own origin under per-file alignment, the common one otherwise
        let late = TempFolder()
        late.write("util.csv", "timestamp,vm,cpu_pct\n1000,a,10\n1300,a,20\n1450,b,60\n1750,b,70\n")
        let common = try CSVTimeSeriesTrace(path: late.path + "/util.csv")
        #expect(common.gridOrigins == [1000, 1000])
        #expect(Self.near(Self.cpu(common, 1, 0..<4), [0.6, 0.6, 0.6, 0.7]))
        let own = try CSVTimeSeriesTrace(path: late.path + "/util.csv", alignment: .perFile)
        #expect(own.gridOrigins == [1000, 1450])
        #expect(Self.near(Self.cpu(own, 1, 0..<3), [0.6, 0.7, 0.6]))
    }

    @Test func isoTimestampsWithOffsetsAndEpochSecondsOrMillisecondsGiveTheSameGrid() throws {
        let s = Self.jan5
        let epoch = try Self.long("timestamp,vm,cpu_pct\n\(s),a,10\n\(s + 300),a,20\n\(s + 600),a,30\n\(s + 960),a,40\n")
        let iso = try Self.long(
            """
            timestamp,vm,cpu_pct
            2026-01-05T00:00:00Z,a,10
            2026-01-05T01:05:00+01:00,a,20
            2026-01-04T19:10:00-0500,a,30
            2026-01-05 05:16:00.000000+05,a,40

            """)
        let ms = TempFolder()
        ms.write("util.csv", "timestamp,vm,cpu_pct\n\(s)000,a,10\n\(s + 300)000,a,20\n\(s + 600)000,a,30\n\(s + 960)000,a,40\n")
        let milli = try CSVTimeSeriesTrace(path: ms.path + "/util.csv", epochUnit: .ms)
        for t in [epoch, iso, milli] {
            #expect(t.gridOrigins == [Double(s)])
            #expect(t.length(of: 0) == 5)
            #expect(Self.near(Self.cpu(t, 0, 0..<5), [0.1, 0.2, 0.3, 0.3, 0.4]))
        }
    }

    @Test func isoTimestampsWithoutOffsetAreLocalTimeInTheTimeZone() throws {
        let dir = TempFolder()
        dir.write(
            "local.csv",
            "timestamp,vm,cpu_pct\n2026-01-05T01:00:00,winter,10\n2026-07-01T02:00:00,summer,20\n2026-10-25T02:30:00,twice,30\n")
        dir.write(
            "utc.csv",
            "timestamp,vm,cpu_pct\n2026-01-05T00:00:00Z,winter,10\n2026-07-01T00:00:00Z,summer,20\n2026-10-25T00:30:00Z,twice,30\n")
        let local = try CSVTimeSeriesTrace(path: dir.path + "/local.csv", timeZone: "Europe/Amsterdam", alignment: .perFile)
        let utc = try CSVTimeSeriesTrace(path: dir.path + "/utc.csv", alignment: .perFile)
        // CET is UTC+1, CEST UTC+2; 02:30 on 25 October occurs twice: the first (CEST) is taken.
        #expect(local.gridOrigins == utc.gridOrigins)
        #expect(local.gridOrigins[local.member(named: "winter")!] == Double(Self.jan5))
        // without a zone the same text is UTC
        let asUTC = try CSVTimeSeriesTrace(path: dir.path + "/local.csv", alignment: .perFile)
        #expect(asUTC.gridOrigins[asUTC.member(named: "winter")!] == Double(Self.jan5 + 3600))
    }

    @Test func perVMFilesAreVMsNamedByTheirStems() throws {
        let dir = TempFolder()
        dir.write("b.csv", "timestamp,cpu_pct,mem_pct\n1000,10,50\n1598,40,30\n2200,60,\n")
        dir.write("a.csv", "Timestamp,CPU_PCT,Mem_Pct\n1000,20,\n1302,30,40\n1600,50,20\n")
        dir.write("README.md", "# not a trace\n")
        dir.write(".hidden.csv", "junk")
        dir.write("notes.txt", "not a trace")
        let files = try CSVTimeSeriesTrace(path: dir.path, memoryFraction: 0.25)
        let long = try Self.long(Self.twoVMs)
        #expect(files.layout == .perVMFiles)
        #expect(files.memberNames == ["a", "b"])
        for m in 0..<2 {
            #expect((0..<12).allSatisfy { files.demand(member: m, step: $0) == long.demand(member: m, step: $0) })
        }
        let numeric = TempFolder()
        for name in ["10", "9", "010", "100"] { numeric.write(name + ".csv", "timestamp,cpu_pct\n1000,5\n") }
        #expect(try CSVTimeSeriesTrace(path: numeric.path).memberNames == ["9", "010", "10", "100"])
    }

    @Test func otherExportsMapTheirHeaderNames() throws {
        let dir = TempFolder()
        // vrops-export style: epoch milliseconds, metric keys as headers, quoted names
        dir.write(
            "vrops.csv",
            """
            Name,Time,cpu|demandPct,mem|usage_average
            "web,1",\(Self.jan5)000,12.5,40
            "db \"\"primary\"\"\",\(Self.jan5)000,80,60

            """)
        let t = try CSVTimeSeriesTrace(
            path: dir.path + "/vrops.csv",
            columns: .init(timestamp: "time", vm: "name", cpuPct: "CPU|demandPct", memPct: "mem|usage_average"), epochUnit: .ms)
        #expect(t.memberNames == ["db \"primary\"", "web,1"])
        #expect(Self.near([t.demand(member: 1, step: 0).cpu, t.demand(member: 1, step: 0).memory], [0.125, 0.4]))
        // ";" delimiter, BOM, CRLF, blanks, no final newline
        dir.write("semi.csv", "\u{FEFF}timestamp ; vm ; cpu_pct\r\n1000 ; x ; 25\r\n1300;x;35")
        let semi = try CSVTimeSeriesTrace(path: dir.path + "/semi.csv")
        #expect(Self.near(Self.cpu(semi, 0, 0..<2), [0.25, 0.35]))
        // a mapped memory column must exist
        #expect(
            thrown(WorkloadInputError.self) {
                try CSVTimeSeriesTrace(path: dir.path + "/semi.csv", columns: .init(memPct: "active"))
            }?.message == "header lacks column \"active\" (map other names with columns: {…}); found \"timestamp\", \"vm\", \"cpu_pct\"")
    }
}

/// Every input error names file:line:column, the column and what was expected.
@Suite("CSVTimeSeriesTrace errors")
struct CSVTimeSeriesTraceErrorTests {
    /// The error reading `content` as a long-format file, as `util.csv:line:column: message`.
    static func error(_ content: String, epochUnit: CSVTimeSeriesTrace.EpochUnit = .s, timeZone: String = "UTC") -> String {
        let dir = TempFolder()
        dir.write("util.csv", content)
        guard
            let e = thrown(
                WorkloadInputError.self,
                {
                    try CSVTimeSeriesTrace(path: dir.path + "/util.csv", timeZone: timeZone, epochUnit: epochUnit)
                })
        else { return "no error" }
        return e.description.replacingOccurrences(of: dir.path + "/", with: "")
    }

    static let header = "timestamp,vm,cpu_pct,mem_pct\n"

    @Test func emptyHeaderOnlyAndMissingHeader() {
        #expect(Self.error("") == "util.csv:1:1: empty file: expected a header line naming the columns (timestamp, vm, cpu_pct[, mem_pct])")
        #expect(Self.error("\u{FEFF}\r\n") == "util.csv:1:1: empty file: expected a header line naming the columns (timestamp, vm, cpu_pct[, mem_pct])")
        #expect(Self.error(Self.header + "\n\n") == "util.csv:2:1: no data rows: expected at least one row after the header")
        #expect(
            Self.error("\n" + Self.header)
                == "util.csv:1:1: blank first line: expected a header line naming the columns (timestamp, vm, cpu_pct[, mem_pct])")
        #expect(
            Self.error("1000,a,20\n1300,a,30\n")
                == "util.csv:1:1: missing header: expected a header line naming the columns (timestamp, vm, cpu_pct[, mem_pct]), found a data row")
    }

    @Test func headerLackingOrRepeatingAColumn() {
        #expect(
            Self.error("timestamp,cpu_pct\n1000,20\n")
                == "util.csv:1:1: header lacks column \"vm\" (map other names with columns: {…}); found \"timestamp\", \"cpu_pct\"")
        #expect(
            Self.error("timestamp,vm,cpu_pct,CPU_PCT\n1000,a,1,2\n")
                == "util.csv:1:22: duplicated column \"CPU_PCT\" (fields 3 and 4 of the header): expected each column once")
    }

    @Test func badTimestamps() {
        let expected = "expected an ISO 8601 date-time (2026-01-05T00:00:00, optionally with Z or ±hh:mm) or seconds since 1970"
        #expect(Self.error(Self.header + "1000,a,1,\nyesterday,a,2,\n") == "util.csv:3:1: column \"timestamp\": \(expected), found \"yesterday\"")
        #expect(
            Self.error(Self.header + "2026-02-30T00:00:00,a,1,\n")
                == "util.csv:2:1: column \"timestamp\": \(expected), found \"2026-02-30T00:00:00\" (no such date or time)")
        #expect(Self.error(Self.header + "2026-01-05T00:00:00+1:00,a,1,\n").hasPrefix("util.csv:2:1: column \"timestamp\": \(expected)"))
        #expect(Self.error(Self.header + ",a,1,\n") == "util.csv:2:1: column \"timestamp\": \(expected), found an empty field")
        #expect(
            Self.error(Self.header + "1767571200000,a,1,\n")
                == "util.csv:2:1: column \"timestamp\": expected seconds since 1970 below 10^11 (for milliseconds set epoch_unit: ms), found 1767571200000")
        #expect(
            Self.error(Self.header + "2026-03-29T02:30:00,a,1,\n", timeZone: "Europe/Amsterdam")
                == "util.csv:2:1: column \"timestamp\": local time \"2026-03-29T02:30:00\" does not exist in Europe/Amsterdam "
                + "(a daylight-saving change skips it): expected a time that exists there, or an explicit offset (Z or ±hh:mm)")
        #expect(
            Self.error(Self.header + "1300,a,1,\n1000,b,1,\n1200,a,1,\n")
                == "util.csv:4:1: column \"timestamp\": timestamps go backwards for VM \"a\": found \"1200\" after \"1300\" (line 2); expected non-decreasing times"
        )
    }

    @Test func badPercentagesNameTheirColumn() {
        for (bad, found) in [("NaN", "\"NaN\""), ("130", "\"130\""), ("-1", "\"-1\""), ("1e400", "\"1e400\""), ("", "an empty field")] {
            #expect(Self.error(Self.header + "1000,a,\(bad),\n") == "util.csv:2:8: column \"cpu_pct\": expected a percentage 0–100, found \(found)")
        }
        #expect(Self.error(Self.header + "1000,a,5,x\n") == "util.csv:2:10: column \"mem_pct\": expected a percentage 0–100, found \"x\"")
        // columns count characters, so a non-ASCII name does not shift them
        #expect(
            Self.error("Timestamp,VM,CPU_PCT\n1000,\"véм\",abc\n") == "util.csv:2:12: column \"CPU_PCT\": expected a percentage 0–100, found \"abc\"")
    }

    @Test func badRows() {
        #expect(Self.error(Self.header + "1000,,5,\n") == "util.csv:2:6: column \"vm\": expected a VM name, found an empty field")
        #expect(Self.error(Self.header + "1000,a,5\n") == "util.csv:2:9: wrong column count: found 3 fields, expected 4 as in the header")
        #expect(Self.error(Self.header + "1000,a,5,6,7\n") == "util.csv:2:12: wrong column count: found more than 4 fields, expected 4 as in the header")
        #expect(
            Self.error(Self.header + "1000,\"a,5,6\n")
                == "util.csv:2:6: unterminated quoted field: expected a closing \" on the same line (fields may not span lines)")
        #expect(
            Self.error(Self.header + "1000,\"a\"b,5,6\n")
                == "util.csv:2:9: text after a closing quote: expected the delimiter or the end of the line after a quoted field")
        #expect(
            Self.error(Self.header + "1000,a,5,\n\n1300,a,5,\n")
                == "util.csv:3:1: blank line: expected a data row (blank lines are allowed only at the end)")
    }

    @Test func badPathsParametersAndSpans() {
        let dir = TempFolder()
        #expect(
            thrown(WorkloadInputError.self) { try CSVTimeSeriesTrace(path: dir.missing) }
                == WorkloadInputError(file: dir.missing, message: "not found: expected a CSV file (long format) or a folder of <vm name>.csv files"))
        #expect(thrown(WorkloadInputError.self) { try CSVTimeSeriesTrace(path: dir.path) }?.message.hasPrefix("empty trace folder") == true)
        dir.write("a.csv", "timestamp,cpu_pct\n1000,5\n")
        dir.write("a.CSV", "timestamp,cpu_pct\n1000,5\n")
        #expect(
            thrown(WorkloadInputError.self) { try CSVTimeSeriesTrace(path: dir.path) }?.message
                == "files \"a.CSV\" and \"a.csv\" both hold VM \"a\": expected one file per VM")
        #expect(
            thrown(WorkloadInputError.self) { try CSVTimeSeriesTrace(path: dir.path, timeZone: "Mars/Olympus") }?.message
                == "unknown time zone \"Mars/Olympus\": expected an IANA name such as \"UTC\" or \"Europe/Amsterdam\"")
        #expect(
            thrown(WorkloadInputError.self) { try CSVTimeSeriesTrace(path: dir.path, columns: .init(cpuPct: "x", memPct: "X")) }?.message
                == "columns: cpu_pct and mem_pct both name \"X\": expected a column each")
        #expect(
            thrown(WorkloadInputError.self) { try CSVTimeSeriesTrace(path: dir.path, memoryFraction: 2) }?.message
                == "memoryFraction must be in 0...1, found 2.0")
        let far = TempFolder()
        far.write("util.csv", "timestamp,vm,cpu_pct\n1000,a,5\n200001000,a,5\n")
        #expect(
            thrown(WorkloadInputError.self) { try CSVTimeSeriesTrace(path: far.path + "/util.csv", step: .seconds(1 as Int64)) }?.description
                == far.path + "/util.csv: VM \"a\": timestamps span 200000000 s, over 100000000 steps of 1.0 s: "
                + "expected seconds since 1970 and a coarser step")
    }
}
