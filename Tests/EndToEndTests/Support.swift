import Foundation

/// The package root (two folders above this file's folder).
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    url.deleteLastPathComponent(); url.deleteLastPathComponent(); url.deleteLastPathComponent()
    return url.path
}()

/// A fresh temporary folder.
func makeTempDir(_ tag: String = "virtsim") -> String {
    let p = NSTemporaryDirectory() + "\(tag)-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
    return p
}

func write(_ text: String, to path: String) {
    try! text.write(toFile: path, atomically: true, encoding: .utf8)
}

func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
