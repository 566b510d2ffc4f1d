import Foundation
import Scenario

/// A path the page asked for that is not under the served folder, or not a plain relative path.
public struct PathRefused: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(jsonString(path)): refused: \(reason)" }
}

/// The folder `virtsim serve` reads and writes in, and nothing outside it.
///
/// Every path the page sends is relative to this folder and resolved by ``resolve(_:)``:
/// refused when empty, absolute, with a `.` or `..` component, a backslash, a `%` (a path
/// arrives percent-decoded once; a `%` left is a second encoding), a control character, or
/// when its real path (symbolic links followed) leaves the folder. So `../x`, `%2e%2e/x`,
/// `%252e%252e/x`, `/etc/passwd` and a link pointing outside are all refused the same way.
public struct ServedFolder: Sendable {
    /// The folder's real path (symbolic links resolved), without a trailing `/`.
    public let root: String

    /// - Throws: ``PathRefused`` when `path` is not an existing folder.
    public init(path: String) throws(PathRefused) {
        guard let real = realPath(path), isDirectory(real) else { throw PathRefused(path: path, reason: "not an existing folder") }
        root = real
    }

    /// The checks that need no file system: a plain relative path of named components.
    public static func checkRelative(_ path: String) throws(PathRefused) {
        func refuse(_ reason: String) -> PathRefused { PathRefused(path: path, reason: reason) }
        if path.isEmpty { throw refuse("empty path") }
        if path.hasPrefix("/") { throw refuse("absolute path") }
        if path.contains("\\") { throw refuse("backslash in path") }
        if path.contains("%") { throw refuse("percent sign in path (encoded twice?)") }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { throw refuse("control character in path") }
        for c in path.split(separator: "/", omittingEmptySubsequences: false) {
            if c.isEmpty { throw refuse("empty path component") }
            if c == "." || c == ".." { throw refuse("'\(c)' component: only paths inside the served folder") }
        }
    }

    /// The real path of an existing file or folder under the served folder.
    /// - Throws: ``PathRefused`` when the path is refused by ``checkRelative(_:)``, does not
    ///   exist, or resolves (through symbolic links) outside the folder.
    public func resolve(_ relative: String) throws(PathRefused) -> String {
        try Self.checkRelative(relative)
        guard let real = realPath(root + "/" + relative) else { throw PathRefused(path: relative, reason: "no such file") }
        guard contains(real) else { throw PathRefused(path: relative, reason: "leads outside the served folder") }
        return real
    }

    /// Where a new file `name` would go in the folder `relativeFolder` ("" for the served folder
    /// itself): the folder must resolve inside the served folder and `name` be one plain component.
    public func newFilePath(in relativeFolder: String, name: String) throws(PathRefused) -> String {
        try Self.checkRelative(name)
        if name.contains("/") || name.hasPrefix(".") { throw PathRefused(path: name, reason: "a file name, without folders, not starting with '.'") }
        let folder = relativeFolder.isEmpty ? root : try resolve(relativeFolder)
        guard isDirectory(folder) else { throw PathRefused(path: relativeFolder, reason: "not a folder") }
        return folder + "/" + name
    }

    /// The path of `real` (a real path under the folder) relative to the folder.
    public func relative(_ real: String) -> String {
        real == root ? "" : String(real.dropFirst(root.count + 1))
    }

    /// Whether a real path is the folder or under it.
    public func contains(_ real: String) -> Bool { real == root || real.hasPrefix(root + "/") }

    /// The scenario files (`*.yaml`, `*.yml`) under the folder, relative, sorted; hidden files
    /// and folders, and symbolic links leading outside, are left out.
    public func scenarioFiles(limit: Int = 2000) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: [String] = []
        while let item = walker.nextObject() as? String, found.count < limit {
            let name = (item as NSString).lastPathComponent
            if name.hasPrefix(".") {
                walker.skipDescendants()
                continue
            }
            guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { continue }
            if let real = realPath(root + "/" + item), contains(real), !isDirectory(real) { found.append(item) }
        }
        return found.sorted()
    }
}

/// The real path (symbolic links and `..` resolved) of an existing path, or nil.
func realPath(_ path: String) -> String? {
    guard let p = realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
}

func isDirectory(_ path: String) -> Bool {
    var dir: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &dir) && dir.boolValue
}
