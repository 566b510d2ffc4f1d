import Foundation
import Testing

@testable import VirtsimServe

/// A served folder `root/` with `a/x.yaml`, beside it `outside.yaml`, and in it a link
/// `root/out.yaml` → `../outside.yaml` and a link folder `root/up` → `..`.
func makeFolders() throws -> (root: String, parent: String) {
    let parent = NSTemporaryDirectory() + "virtsim-serve-\(UUID().uuidString)"
    let fm = FileManager.default
    try fm.createDirectory(atPath: parent + "/root/a", withIntermediateDirectories: true)
    try "name: x\n".write(toFile: parent + "/root/a/x.yaml", atomically: true, encoding: .utf8)
    try "name: secret\n".write(toFile: parent + "/outside.yaml", atomically: true, encoding: .utf8)
    try fm.createSymbolicLink(atPath: parent + "/root/out.yaml", withDestinationPath: "../outside.yaml")
    try fm.createSymbolicLink(atPath: parent + "/root/up", withDestinationPath: "..")
    return (parent + "/root", parent)
}

@Suite struct ServedFolderTests {
    @Test func aPathInsideResolves() throws {
        let (root, parent) = try makeFolders()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let f = try ServedFolder(path: root)
        #expect(try f.resolve("a/x.yaml") == f.root + "/a/x.yaml")
        #expect(f.scenarioFiles() == ["a/x.yaml"])  // the link out is not listed
    }

    @Test(arguments: [
        "../outside.yaml", "a/../../outside.yaml", "/etc/passwd", "", "a//x.yaml", "./a/x.yaml", "a\\x.yaml",
        "%2e%2e/outside.yaml", "%252e%252e/outside.yaml", "..%2Foutside.yaml", "out.yaml", "up/outside.yaml", "a/x.yaml\u{0}"
    ])
    func traversalIsRefused(_ path: String) throws {
        let (root, parent) = try makeFolders()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let f = try ServedFolder(path: root)
        #expect(throws: PathRefused.self) { try f.resolve(path) }
    }

    /// A query value is decoded once, then checked: `%2e%2e%2f` arrives as `../`, a double
    /// encoding as `%2e%2e/`; both are refused.
    @Test func percentEncodedQueriesAreDecodedOnceThenRefused() throws {
        let (root, parent) = try makeFolders()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let f = try ServedFolder(path: root)
        #expect(formFields("path=%2e%2e%2foutside.yaml")["path"] == "../outside.yaml")
        #expect(formFields("path=%252e%252e%252foutside.yaml")["path"] == "%2e%2e%2foutside.yaml")
        for q in ["path=%2e%2e%2foutside.yaml", "path=%252e%252e%252foutside.yaml", "path=%2Fetc%2Fpasswd"] {
            #expect(throws: PathRefused.self) { try f.resolve(formFields(q)["path"] ?? "") }
        }
    }

    @Test func newFilesStayInTheFolder() throws {
        let (root, parent) = try makeFolders()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let f = try ServedFolder(path: root)
        #expect(try f.newFilePath(in: "a", name: "y.yaml") == f.root + "/a/y.yaml")
        for name in ["../y.yaml", "b/y.yaml", ".hidden.yaml", "/tmp/y.yaml"] {
            #expect(throws: PathRefused.self) { try f.newFilePath(in: "a", name: name) }
        }
        #expect(throws: PathRefused.self) { try f.newFilePath(in: "up", name: "y.yaml") }
    }

    @Test func formValuesMustBePlainScalarsOrChoices() throws {
        let knobs = [
            Knob(path: "arms.1.cpu_overcommit", pattern: "arms[].cpu_overcommit", value: "2", choices: [], hint: ""),
            Knob(path: "arms.1.dpm.enabled", pattern: "arms[].dpm.enabled", value: "", choices: ["true", "false"], hint: "")
        ]
        // unchanged and unknown fields give no override
        #expect(try KnobCatalog.overrides(knobs: knobs, submitted: ["arms.1.cpu_overcommit": "2", "vm_groups.0.count": "9"]) == [])
        #expect(
            try KnobCatalog.overrides(knobs: knobs, submitted: ["arms.1.cpu_overcommit": "1.5", "arms.1.dpm.enabled": "true"])
                == ["arms.1.cpu_overcommit=1.5", "arms.1.dpm.enabled=true"])
        for bad in ["{a: 1}", "[1]", "1 # x", "x\ny: 1", "'q'"] {
            #expect(throws: FormRefused.self) { try KnobCatalog.overrides(knobs: knobs, submitted: ["arms.1.cpu_overcommit": bad]) }
        }
        #expect(throws: FormRefused.self) { try KnobCatalog.overrides(knobs: knobs, submitted: ["arms.1.dpm.enabled": "maybe"]) }
    }
}
