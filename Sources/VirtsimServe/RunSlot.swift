import Foundation
import Reports
import VirtsimCore

/// How a run the page started ended.
public enum RunEnd: Sendable, Equatable {
    /// The run wrote its files into `outDir` (exit 0, or 3: VMs left unplaced, with `warning`).
    case finished(outDir: String, wallSeconds: Double, warning: String?)
    /// The scenario was refused: the errors, each `FILE:LINE:COL: path: message`.
    case failed(errors: [String])
    /// Stopped: a newer change, or over the time limit.
    case cancelled(reason: String)
}

/// One run at a time: each run is a `virtsim run` child process, so cancelling one ends it at
/// once (the simulation core has no cancellation points, and need not have any). It is ended
/// with SIGKILL: a child started under the server's signal handling ignores SIGTERM (measured:
/// `terminate()` left it running). A new run
/// ends the one in progress; a run over ``timeLimitS`` is ended with a message.
public actor RunSlot {
    /// The virtsim executable the runs start.
    public let executable: String
    /// Longest run, wall seconds.
    public let timeLimitS: Double
    private var current: (generation: Int, process: Process, errPath: String, start: Date)?
    private var generation = 0
    private var reasons: [Int: String] = [:]

    public init(executable: String, timeLimitS: Double) {
        self.executable = executable
        self.timeLimitS = timeLimitS
    }

    /// Runs `scenario` with `overrides` into `outDir` (created), in the folder `workingDir`,
    /// ending the run in progress first.
    public func run(scenario: String, overrides: [String], outDir: String, workingDir: String) async -> RunEnd {
        if let c = current {
            reasons[c.generation] = "cancelled: a newer change started another run"
            kill(c.process.processIdentifier, SIGKILL)
        }
        generation += 1
        let mine = generation
        do { try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true) } catch {
            return .failed(errors: ["\(outDir): cannot create the run folder: \(error.localizedDescription)"])
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = ["run", scenario, "--out", outDir, "--quiet", "--progress", "lines"] + overrides.flatMap { ["--set", $0] }
        p.currentDirectoryURL = URL(fileURLWithPath: workingDir)
        let errPath = outDir + "/stderr.txt"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        guard let err = FileHandle(forWritingAtPath: errPath) else { return .failed(errors: ["\(errPath): cannot write"]) }
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        let t0 = Date()
        let (exits, exited) = AsyncStream.makeStream(of: Int32.self)
        p.terminationHandler = { ended in
            exited.yield(ended.terminationStatus)
            exited.finish()
        }
        do { try p.run() } catch {
            try? err.close()
            return .failed(errors: ["\(executable): cannot start: \(error.localizedDescription)"])
        }
        current = (mine, p, errPath, t0)
        let limit = timeLimitS
        Task { [weak self] in
            try? await Task.sleep(nanoseconds: UInt64(limit * 1e9))
            await self?.stop(mine, reason: "cancelled: over the time limit of \(formatSeconds(limit)) s (virtsim serve --max-run-seconds)")
        }
        var status: Int32 = -1
        for await s in exits { status = s }
        try? err.close()
        if current?.generation == mine { current = nil }
        if let reason = reasons.removeValue(forKey: mine) { return .cancelled(reason: reason) }
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        let lines = stderr.split(separator: "\n").map(String.init).filter { !$0.hasPrefix(RunProgress.linePrefix) }
        switch status {
        case 0: return .finished(outDir: outDir, wallSeconds: Date().timeIntervalSince(t0), warning: nil)
        case 3: return .finished(outDir: outDir, wallSeconds: Date().timeIntervalSince(t0), warning: lines.last)
        default: return .failed(errors: lines.isEmpty ? ["virtsim run ended with status \(status)"] : lines)
        }
    }

    /// How far the run in progress has got: the last line `virtsim run --progress lines` wrote
    /// (`arm 2/3 esxi: 43% of 7 d simulated, elapsed 3.1 s`), `running for N s` before its
    /// first (it writes none in its first second), or "" when no run is in progress.
    public func progress() -> String {
        guard let c = current else { return "" }
        let text = (try? String(contentsOfFile: c.errPath, encoding: .utf8)) ?? ""
        if let last = text.split(separator: "\n").last(where: { $0.hasPrefix(RunProgress.linePrefix) }) {
            return String(last.dropFirst(RunProgress.linePrefix.count))
        }
        return "running for \(formatFixed(Date().timeIntervalSince(c.start), decimals: 1)) s"
    }

    private func stop(_ generation: Int, reason: String) {
        guard let c = current, c.generation == generation, c.process.isRunning else { return }
        reasons[generation] = reason
        kill(c.process.processIdentifier, SIGKILL)
    }
}

func formatSeconds(_ s: Double) -> String { s == s.rounded() ? String(Int(s)) : String(s) }
