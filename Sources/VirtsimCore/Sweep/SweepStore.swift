import DatacenterModel
import Foundation
import Reports
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The output folder of a sweep and its crash-safe files.
///
/// ```
/// DIR/sweep.json          what the sweep is (fingerprint, shards, columns)
/// DIR/sweep-runs.csv      every run: run_index, run_id, point_index, replication, seed, axes
/// DIR/runs.d/00000017.csv one finished run: header, its rows, then "#end N" (N rows)
/// DIR/runs.csv            all runs in index order (unsharded sweep, or merge)
/// DIR/aggregate.csv       statistics per point, arm and metric (unsharded sweep, or merge)
/// DIR/aggregate_wide.csv  the same, one row per point and arm, one column per metric
/// DIR/report.html         metrics against the axes with 95% bands; energy against SLA, Pareto front
/// DIR/part-K.csv          shard K's runs in index order (sharded sweep)
/// ```
///
/// A finished run's file is written under a temporary name and renamed into place, so it
/// exists complete or not at all (rename is atomic); the `#end` trailer also rejects a file
/// torn by a crash of the machine. `--resume` keeps every valid run file and redoes the
/// rest; final files are assembled from the run files in index order and also renamed into
/// place. Killing the process at any moment therefore loses at most the runs in flight and
/// never duplicates a row.
struct SweepStore: Sendable {
    /// The output folder.
    let dir: String

    var runsDir: String { dir + "/runs.d" }
    var manifestPath: String { dir + "/sweep.json" }
    var planPath: String { dir + "/sweep-runs.csv" }
    var runsCSV: String { dir + "/runs.csv" }
    var aggregateCSV: String { dir + "/aggregate.csv" }
    var aggregateWideCSV: String { dir + "/aggregate_wide.csv" }
    var reportHTML: String { dir + "/report.html" }
    func partPath(_ k: Int) -> String { dir + "/part-\(k).csv" }

    /// `runs.d/00000017.csv` (8 digits, more for indices ≥ 10^8).
    func runFile(_ index: Int) -> String {
        let digits = String(index)
        return runsDir + "/" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits + ".csv"
    }

    /// Creates the folder and `runs.d`.
    func create() throws {
        do {
            try FileManager.default.createDirectory(atPath: runsDir, withIntermediateDirectories: true)
        } catch {
            throw SweepError("\(dir): cannot create the output folder: \(error.localizedDescription)")
        }
    }

    // MARK: Run files

    /// Writes one finished run atomically: header, rows, `#end N`.
    func writeRun(index: Int, header: [String], rows: [[CSVField]]) throws {
        var enc = CSVEncoder(capacity: 256 * (rows.count + 1))
        enc.row(header)
        for r in rows { enc.row(r) }
        enc.bytes.append(contentsOf: Array("#end \(rows.count)\n".utf8))
        let final = runFile(index)
        let tmp = runsDir + "/." + (final as NSString).lastPathComponent + ".tmp"
        try writeFile(tmp, enc.bytes, sync: false)
        try renameFile(tmp, final)
    }

    /// The rows of run `index` if its file exists and is complete (header as expected, the
    /// `#end` count matches, every row has the header's width and this run index); else nil.
    func readRun(index: Int, header: [String]) -> [[String]]? {
        guard let data = regularFileContents(runFile(index)) else { return nil }
        var bytes = [UInt8](data)
        // trailer "#end N\n"
        guard bytes.last == 0x0A, let cut = bytes.dropLast().lastIndex(of: 0x0A) else { return nil }
        let trailer = String(decoding: bytes[(cut + 1)..<(bytes.count - 1)], as: UTF8.self)
        guard trailer.hasPrefix("#end "), let n = Int(trailer.dropFirst(5)) else { return nil }
        bytes.removeSubrange((cut + 1)...)
        guard let records = SweepCSV.parse(bytes), records.count == n + 1, records[0] == header else { return nil }
        let rows = Array(records.dropFirst())
        let key = String(index)
        guard !rows.isEmpty, rows.allSatisfy({ $0.count == header.count && $0[0] == key }) else { return nil }
        return rows
    }

    /// Removes leftover temporary files of the given runs (from a killed process).
    func removeTemporaries(of indices: Set<Int>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: runsDir) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".csv.tmp") {
            if let i = Int(name.dropFirst().dropLast(8)), indices.contains(i) {
                try? FileManager.default.removeItem(atPath: runsDir + "/" + name)
            }
        }
    }

    /// Indices that have a run file (not validated).
    func runFileIndices() -> Set<Int> {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: runsDir) else { return [] }
        var s = Set<Int>()
        for name in names where !name.hasPrefix(".") && name.hasSuffix(".csv") {
            if let i = Int(name.dropLast(4)) { s.insert(i) }
        }
        return s
    }

    // MARK: Atomic files

    /// Writes `bytes` to a unique temporary file next to `path`, optionally fsyncs it, and
    /// renames it onto `path`.
    func writeAtomically(_ path: String, _ bytes: [UInt8], sync: Bool = true) throws {
        let tmp = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try writeFile(tmp, bytes, sync: sync)
        try renameFile(tmp, path)
    }

    /// Takes an exclusive lock on `DIR/.lock-<name>` until ``unlock(_:)`` (the kernel also
    /// releases it when the process ends, even by kill -9).
    /// - Returns: The locked descriptor.
    /// - Throws: if another process (or another sweep in this process) holds it.
    func lock(_ name: String) throws -> Int32 {
        let path = dir + "/.lock-" + name
        let fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw SweepError("\(path): cannot open the lock file: \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            // Only a lock held elsewhere stops the sweep; a file system without flock
            // (some NFS setups: ENOLCK, EINVAL) runs unlocked.
            guard errno == EWOULDBLOCK || errno == EAGAIN else { return fd }
            close(fd)
            throw SweepError(
                "\(dir): another virtsim sweep is writing \(name == "all" ? "this sweep" : "shard " + name) into this folder (lock \(path)); wait for it or stop it first"
            )
        }
        return fd
    }

    /// Releases a lock taken by ``lock(_:)``.
    func unlock(_ fd: Int32) { close(fd) }
}

/// Writes a whole file with one open/write loop/close; `sync` adds an fsync.
func writeFile(_ path: String, _ bytes: [UInt8], sync: Bool) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw SweepError("cannot open '\(path)' for writing: \(String(cString: strerror(errno)))") }
    var done = 0
    let ok: Bool = bytes.withUnsafeBytes { raw in
        while done < raw.count {
            let n = write(fd, raw.baseAddress! + done, raw.count - done)
            if n < 0 { if errno == EINTR { continue }; return false }
            done += n
        }
        return true
    }
    let err = errno
    if !ok { close(fd); throw SweepError("cannot write '\(path)': \(String(cString: strerror(err)))") }
    if sync && fsync(fd) != 0 { let e = errno; close(fd); throw SweepError("cannot sync '\(path)': \(String(cString: strerror(e)))") }
    if close(fd) != 0 { throw SweepError("cannot close '\(path)': \(String(cString: strerror(errno)))") }
}

/// `rename(2)`: atomic replacement of `to`.
func renameFile(_ from: String, _ to: String) throws {
    if rename(from, to) != 0 { throw SweepError("cannot rename '\(from)' to '\(to)': \(String(cString: strerror(errno)))") }
}

/// A sweep problem that is not about a file's content (folders, locks, shards, merge).
public struct SweepError: Error, CustomStringConvertible {
    /// The message, possibly several lines.
    public var description: String
    /// Creates an error with its message.
    public init(_ description: String) { self.description = description }
}

extension SweepStore {
    /// Writes `aggregate.csv`, its wide companion and `report.html` from runs.csv's rows (an
    /// unsharded sweep's end, or a merge).
    func writeSummaries(name: String, header: [String], rows: [[String]], axes: [String], statusColumn: Int) throws {
        let aggregate = SweepAggregate.render(header: header, rows: rows, axes: axes)
        try writeAtomically(aggregateCSV, aggregate)
        let records = SweepCSV.parse(aggregate) ?? []
        try writeAtomically(aggregateWideCSV, SweepReport.wide(records, axes: axes))
        let runs = Set(rows.map { $0[0] }).count, failed = Set(rows.filter { $0[statusColumn] == "failed" }.map { $0[0] }).count
        try writeAtomically(reportHTML, Array(SweepReport.html(name: name, records: records, axes: axes, runs: runs, failed: failed).utf8))
    }
}

/// The bytes of `path` if it is a regular file (symbolic links followed), else nil: a sweep's
/// own files (manifest, plan, run and part files) are never read from a FIFO or a device,
/// which would block or never end (issue 16).
func regularFileContents(_ path: String) -> Data? {
    guard notRegularFileReason(path) == nil else { return nil }
    return FileManager.default.contents(atPath: path)
}
