import Foundation
import Hummingbird
import Scenario
import VirtsimCore
import Yams

/// "Save as scenario": the scenario with the form's changes, written beside it as a new file
/// (an existing file is replaced only when `overwrite=yes` confirms it, and only if it is a
/// regular file), then validated.
func saveScenario(rel: String, real: String, fields: [String: String], folder: ServedFolder, catalog: KnobCatalog) -> Response {
    let name = fields["save_as"]?.trimmedBlanks ?? ""
    guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else {
        return html(ServePages.message("not saved", "give a new file name ending in .yaml", error: true), status: .badRequest)
    }
    let target: String
    do { target = try folder.newFilePath(in: (rel as NSString).deletingLastPathComponent, name: name) } catch { return refused(error.description) }
    let targetRel = folder.relative(target)
    var st = stat()
    if lstat(target, &st) == 0 {
        guard st.st_mode & S_IFMT == S_IFREG else { return refused("\(targetRel) exists and is not a regular file") }
        guard fields["overwrite"] == "yes" else {
            return html(ServePages.message("not saved", "\(targetRel) exists: tick “overwrite” to replace it", error: true), status: .conflict)
        }
    }
    let text: String
    do {
        let doc = try YAMLDocument.load(path: real)
        let overrides = try KnobCatalog.overrides(knobs: catalog.knobs(of: doc.root), submitted: fields)
        try doc.apply(overrides: overrides)
        text =
            "# Saved by virtsim serve from \(rel)\(overrides.isEmpty ? "" : " with " + overrides.map { "--set " + $0 }.joined(separator: " "))"
            + " (the original's comments are not kept).\n" + (try Yams.serialize(node: doc.root))
    } catch {
        return html(ServePages.message("not saved", "\(error)", error: true), status: .badRequest)
    }
    // a new hidden file in the same folder (O_EXCL: never through a link), then linked (new
    // name) or renamed (confirmed overwrite) into place
    let temp = (target as NSString).deletingLastPathComponent + "/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644)
    guard fd >= 0 else { return html(ServePages.message("not saved", "\(targetRel): cannot write", error: true), status: .internalServerError) }
    let bytes = Array(text.utf8)
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    defer { unlink(temp) }
    guard written == bytes.count else { return html(ServePages.message("not saved", "\(targetRel): cannot write", error: true), status: .internalServerError) }
    let placed = fields["overwrite"] == "yes" ? rename(temp, target) : link(temp, target)
    guard placed == 0 else {
        return html(ServePages.message("not saved", "\(targetRel): cannot write (it may exist now)", error: true), status: .conflict)
    }
    let issues = validateScenarioFile(path: target, overrides: []).map { $0.replacingOccurrences(of: target, with: targetRel) }
    let message = issues.isEmpty ? "Saved \(targetRel): valid." : "Saved \(targetRel), with problems:\n" + issues.joined(separator: "\n")
    return html(ServePages.message("saved", message, error: !issues.isEmpty))
}
