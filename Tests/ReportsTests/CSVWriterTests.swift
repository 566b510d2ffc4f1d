import Foundation
import Testing
import Reports

private func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("virtsim-csv-\(ProcessInfo.processInfo.processIdentifier)-\(name)").path
}

private func fileBytes(_ path: String) -> [UInt8] {
    FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
}

@Suite("CSV encoding")
struct CSVEncodingTests {
    @Test(
        "RFC 4180 quoting",
        arguments: [
            ("plain", "plain"),
            ("", ""),
            (" spaces kept ", " spaces kept "),
            ("café ✓", "café ✓"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("\"", "\"\"\"\""),
            ("line\nbreak", "\"line\nbreak\""),
            ("cr\rhere", "\"cr\rhere\""),
            ("crlf\r\n", "\"crlf\r\n\""),
            ("semi;colon\ttab", "semi;colon\ttab")
        ])
    func quoting(field: String, encoded: String) {
        #expect(csvString(header: ["h"], rows: [[.text(field)]]) == "h\n" + encoded + "\n")
    }

    @Test("header and rows with mixed fields, \\n line endings")
    func document() {
        let s = csvString(
            header: ["name", "count", "power_w"],
            rows: [
                [.text("host-1"), .int(3), .double(120.5, decimals: 3)],
                [.text("host,2"), .int(-1), .double(0.1 + 0.2, decimals: 6)],
                [.text(""), .int(0), .double(-0.0, decimals: 2)]
            ])
        #expect(s == "name,count,power_w\nhost-1,3,120.5\n\"host,2\",-1,0.3\n,0,0\n")
    }

    @Test("a header-only document; quoted header fields")
    func headerOnly() {
        #expect(csvString(header: ["a", "b,c"], rows: []) == "a,\"b,c\"\n")
        #expect(csvString(header: [], rows: []) == "\n")
    }

    @Test("CSVEncoder: appending API equals whole-row API")
    func encoderAppend() {
        var a = CSVEncoder()
        a.row([.text("x"), .int(1), .double(2.25, decimals: 1)])
        var b = CSVEncoder()
        b.append("x"); b.append(1); b.append(2.25, decimals: 1); b.endRow()
        #expect(a.bytes == b.bytes)
        #expect(String(decoding: b.bytes, as: UTF8.self) == "x,1,2.3\n")
        #expect(b.fieldsInRow == 0)
    }
}

@Suite("CSVWriter files")
struct CSVWriterFileTests {
    @Test("file content is byte-exact; header written once")
    func byteExact() throws {
        let path = temporaryPath("exact.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let w = try CSVWriter(path: path, header: ["time_s", "host", "power_w"])
        #expect(w.columnCount == 3)
        #expect(w.path == path)
        w.row([.double(0, decimals: 3), .text("h1"), .double(100.25, decimals: 1)])
        w.beginRow()
        w.append(1.5, decimals: 3); w.append("h \"two\""); w.append(7)
        w.endRow()
        w.beginRow()
        w.append(.double(2.0005, decimals: 3))  // stored as 2.000500000000000078…
        w.append(.text("a\nb")); w.append(.int(-3))
        w.endRow()
        try w.close()
        let expected = "time_s,host,power_w\n0,h1,100.3\n1.5,\"h \"\"two\"\"\",7\n2.001,\"a\nb\",-3\n"
        #expect(fileBytes(path) == Array(expected.utf8))
        try w.close()  // a second close does nothing
        #expect(fileBytes(path) == Array(expected.utf8))
    }

    @Test("many rows across buffer flushes equal csvString; header once")
    func manyRowsAcrossFlushes() throws {
        let path = temporaryPath("many.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let header = ["i", "x", "label"]
        var rows: [[CSVField]] = []
        for i in 0..<20_000 {
            rows.append([.int(i), .double(Double(i) / 7, decimals: 6), .text(i % 97 == 0 ? "odd, one" : "r\(i)")])
        }
        let w = try CSVWriter(path: path, header: header, bufferSize: 4096)  // ≈ 100 flushes
        for (n, r) in rows.enumerated() {
            if n % 2 == 0 {
                w.row(r)
            } else {
                w.beginRow(); for f in r { w.append(f) }; w.endRow()
            }
            if n == 10_000 { try w.flush() }
        }
        try w.close()
        let bytes = fileBytes(path)
        #expect(bytes == Array(csvString(header: header, rows: rows).utf8))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.components(separatedBy: "i,x,label\n").count == 2)  // exactly one header
        #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"))
    }

    @Test("text fields larger than the buffer, quoted and not, keep their place")
    func hugeFields() throws {
        let path = temporaryPath("huge.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let plain = String(repeating: "abcdefgh", count: 2_500)  // 20,000 bytes
        let quoted = String(repeating: "q\"x,y\n", count: 3_000)  // 21,000 bytes
        let rows: [[CSVField]] = [
            [.int(1), .text(plain), .text("s")],
            [.int(2), .text("t"), .text(quoted)],
            [.text(quoted), .double(0.5, decimals: 1), .text(plain)]
        ]
        let w = try CSVWriter(path: path, header: ["a", "b", "c"], bufferSize: 4096)
        for r in rows { w.row(r) }
        try w.close()
        #expect(fileBytes(path) == Array(csvString(header: ["a", "b", "c"], rows: rows).utf8))
    }

    @Test("a header-only file")
    func headerOnlyFile() throws {
        let path = temporaryPath("header.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let w = try CSVWriter(path: path, header: ["a", "b"])
        try w.close()
        #expect(fileBytes(path) == Array("a,b\n".utf8))
    }

    @Test("the file is flushed and closed when the writer is released")
    func deinitCloses() throws {
        let path = temporaryPath("deinit.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let w = try CSVWriter(path: path, header: ["a"])
            w.row([.int(1)])
        }
        #expect(fileBytes(path) == Array("a\n1\n".utf8))
    }

    @Test("an unopenable path throws an error naming the path")
    func cannotOpen() {
        let path = "/nonexistent-virtsim-dir/sub/out.csv"
        #expect {
            _ = try CSVWriter(path: path, header: ["a"])
        } throws: { error in
            guard let e = error as? CSVWriterError, case .cannotOpen(let p, let reason) = e else { return false }
            return p == path && !reason.isEmpty && e.description.contains(path)
                && e.description.hasPrefix("cannot open '")
        }
    }
}
