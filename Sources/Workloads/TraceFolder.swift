#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// What a trace gives for the steps past the end of a member's own data.
public enum AfterTraceEnd: String, Sendable, Equatable, CaseIterable {
    /// Loop: the member's data start again, so with n data steps step k reads data step
    /// k mod n (the default; a one-day trace drives a week as seven identical days).
    case `repeat`
    /// Keep the last data step's value forever.
    case hold

    /// The data index (0..<n) for step `k ≥ 0` of a member with `n ≥ 1` data steps.
    @inline(__always)
    func index(_ k: Int, count n: Int) -> Int {
        if k < n { return k }
        return self == .repeat ? k % n : n - 1
    }
}

/// Listing and reading of trace folders, shared by the trace readers.
enum TraceFolder {
    /// True for names a trace reader never takes as a trace file: hidden files (a leading
    /// "."), `README*` and `*.md` (both case-insensitive).
    static func isIgnored(_ name: String) -> Bool {
        if name.utf8.first == UInt8(ascii: ".") { return true }
        let lower = name.lowercased()
        return lower.hasPrefix("readme") || lower.hasSuffix(".md")
    }

    /// Byte order of the names' UTF-8 encodings, locale-independent: "B" < "a" (0x42 < 0x61)
    /// and "a 1" < "a1" < "b" (space 0x20 < "1" 0x31 < "b").
    ///
    /// Compares the contiguous UTF-8 bytes with `memcmp` (unsigned bytes, the same order as
    /// `a.utf8.lexicographicallyPrecedes(b.utf8)`): a day folder's 1,052 names sort in
    /// 5.4 M instructions instead of 10.7 M (callgrind).
    static func byteOrder(_ a: String, _ b: String) -> Bool {
        var a = a, b = b  // withUTF8 may first make a bridged string contiguous
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                let c = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return c < 0 || (c == 0 && x.count < y.count)
            }
        }
    }

    /// Member order of `names`, each ending in a suffix of `suffixLength` bytes (4 for
    /// `.csv`, 0 for bare names): numeric order of the stems when every stem is an integer
    /// (1, 2, …, 10, …; ties between `010` and `10` by byte order), else byte order of the
    /// whole names.
    static func naturalOrder(_ names: [String], suffixLength: Int) -> [String] {
        let stems = names.map { $0.utf8.dropLast(suffixLength) }
        guard stems.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isDigit) }) else {
            return names.sorted(by: byteOrder)
        }
        return names.sorted { a, b in
            let x = a.utf8.dropLast(suffixLength).drop { $0 == 0x30 }, y = b.utf8.dropLast(suffixLength).drop { $0 == 0x30 }
            if x.count != y.count { return x.count < y.count }
            if !x.elementsEqual(y) { return x.lexicographicallyPrecedes(y) }
            return byteOrder(a, b)
        }
    }

    /// The names of the regular files (symbolic links followed) in `folder` that are not
    /// ignored and pass `accept`, unsorted.
    /// - Throws: `WorkloadInputError` if the folder is missing, is not a folder or cannot be
    ///   listed, or holds no such file.
    static func traceFiles(
        in folder: String, kind: String,
        accept: (String) -> Bool = { _ in true }
    ) throws(WorkloadInputError) -> [String] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isDir) else {
            throw WorkloadInputError(file: folder, message: "trace folder not found: expected a folder of \(kind)")
        }
        guard isDir.boolValue else {
            throw WorkloadInputError(file: folder, message: "not a folder: expected a folder of \(kind), found a file")
        }
        let all: [String]
        do { all = try fm.contentsOfDirectory(atPath: folder) } catch {
            throw WorkloadInputError(file: folder, message: "cannot list trace folder: \(error.localizedDescription)")
        }
        var names: [String] = []
        names.reserveCapacity(all.count)
        for name in all where !isIgnored(name) && accept(name) {
            var d: ObjCBool = false
            if fm.fileExists(atPath: folder + "/" + name, isDirectory: &d), !d.boolValue { names.append(name) }
        }
        guard !names.isEmpty else {
            throw WorkloadInputError(
                file: folder,
                message:
                    "empty trace folder: expected \(kind), found none (hidden files, README* and *.md are ignored)")
        }
        return names
    }

    /// Checks a `maxFiles` limit and applies it to the sorted `names`.
    static func limit(_ names: [String], to maxFiles: Int?, folder: String) throws(WorkloadInputError) -> [String] {
        guard let maxFiles else { return names }
        guard maxFiles >= 1 else {
            throw WorkloadInputError(file: folder, message: "maxFiles must be at least 1, found \(maxFiles)")
        }
        return Array(names.prefix(maxFiles))
    }

    /// Reads the whole regular file at `path` into `buffer` (grown as needed, reused across
    /// files); a FIFO, device or socket is refused.
    /// - Returns: the number of bytes read; `buffer[0..<n]` holds the file.
    static func readFile(_ path: String, into buffer: inout [UInt8]) throws(WorkloadInputError) -> Int {
        // Non-blocking, so that opening a FIFO without a writer returns at once; only regular
        // files are read (a FIFO may never end, nor may a device such as /dev/zero).
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { throw WorkloadInputError(file: path, message: "cannot open: \(lastError())") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw WorkloadInputError(file: path, message: "cannot read: \(lastError())") }
        guard st.st_mode & S_IFMT == S_IFREG else {
            throw WorkloadInputError(file: path, message: "not a regular file (a FIFO, device or socket): trace files must be regular files")
        }
        let size = Int(st.st_size)
        if buffer.count < size + 1 { buffer = [UInt8](repeating: 0, count: size + 4096) }
        var n = 0
        while true {
            if n == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let r = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + n, $0.count - n) }
            if r > 0 { n += r; continue }
            if r == 0 { return n }
            if errno == EINTR { continue }
            throw WorkloadInputError(file: path, message: "cannot read: \(lastError())")
        }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }

    /// The bytes `p[start..<end]` as text for an error message, at most 40 characters.
    static func snippet(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        snippet(String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self))
    }

    /// `s` for an error message, at most 40 characters.
    static func snippet(_ s: String) -> String { s.count > 40 ? String(s.prefix(40)) + "…" : s }
}

/// Byte classes used by the parsers.
extension UInt8 {
    @inline(__always) var isBlank: Bool { self == 0x20 || self == 0x09 }
    @inline(__always) var isDigit: Bool { self &- 0x30 < 10 }
}
