import Foundation

/// The package root (three folders above this file).
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    url.deleteLastPathComponent(); url.deleteLastPathComponent(); url.deleteLastPathComponent()
    return url.path
}()

/// The committed synthetic estate.
let estate = packageRoot + "/scenarios/inventory/"

/// Writes `text` to a new temporary file named `name` and returns its path.
func tempFile(_ name: String, _ text: String) -> String {
    let dir = NSTemporaryDirectory() + "inventory-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/" + name
    try! text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}
