import Foundation
import Workloads

/// A fresh folder under the system temporary directory, removed when released.
final class TempFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "virtsim-workloads-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `content` (UTF-8) to `name` inside the folder.
    func write(_ name: String, _ content: String) {
        let ok = FileManager.default.createFile(atPath: path + "/" + name, contents: Data(content.utf8))
        precondition(ok, "cannot write \(name)")
    }

    /// A subfolder that does not exist.
    var missing: String { path + "/no-such-folder" }
}

/// Where the real traces live; tests that need them are skipped when they are absent.
enum RealData {
    /// The repository root, from this file's path.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    /// The PlanetLab day copied into the repository.
    static let planetLabDay = repository + "/scenarios/traces/planetlab/20110303"
    /// The Bitbrains week, in `../shared` beside the repository (as on developer machines and
    /// in CI); override with VIRTSIM_BITBRAINS_DIR.
    static let bitbrainsWeek =
        ProcessInfo.processInfo.environment["VIRTSIM_BITBRAINS_DIR"]
        ?? URL(fileURLWithPath: repository).deletingLastPathComponent().path + "/shared/data/bitbrains-rnd/2013-7-week1"

    static func exists(_ folder: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) && isDir.boolValue
    }
}

/// The error thrown by `body`, if it is of type `E`.
func thrown<E: Error, T>(_ type: E.Type, _ body: () throws -> T) -> E? {
    do { _ = try body(); return nil } catch let e as E { return e } catch { return nil }
}

/// |a − b| ≤ tolerance.
func near(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool { abs(a - b) <= tolerance }
