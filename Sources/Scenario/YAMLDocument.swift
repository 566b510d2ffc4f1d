import DatacenterModel
import Foundation
import Yams

/// A parsed scenario file: its YAML tree (every node with its line:column), where it came from,
/// and which values were replaced by `--set` overrides.
///
/// ```swift
/// let doc = try YAMLDocument.load(path: "scenarios/small.yaml")
/// try doc.apply(overrides: ["hosts.count=400"])
/// let issues = IssueCollector()
/// let spec = MySpec(reading: doc.reader(collector: issues))
/// try issues.throwIfAny()
/// ```
///
/// Not thread-safe (Yams nodes cache their resolved tags in shared class instances).
public final class YAMLDocument {
    /// The file name as given by the user, used verbatim in messages.
    public let file: String
    /// Absolute folder of the file; relative paths written in the file resolve against it.
    public let directory: String
    /// The root node: always a mapping.
    public internal(set) var root: Node
    /// Dotted paths, in override form (`arms.1.placement`), replaced by ``apply(overrides:)``.
    /// Every node at or below one of these paths came from the command line.
    public internal(set) var overriddenPaths: Set<String> = []

    init(file: String, directory: String, root: Node) {
        self.file = file
        self.directory = directory
        self.root = root
    }

    /// Reads and parses a scenario file.
    ///
    /// - Parameter path: The file, absolute or relative to the current directory; kept
    ///   verbatim as ``file`` for messages.
    /// - Returns: The document; ``directory`` is the file's absolute folder.
    /// - Throws: ``ScenarioErrors`` with one issue: the file is missing, unreadable or not
    ///   UTF-8 (`FILE: cannot read …`); a YAML syntax error (`FILE:LINE:COL: YAML syntax
    ///   error: …`); an empty file; a top level that is not a mapping.
    public static func load(path: String) throws(ScenarioErrors) -> YAMLDocument {
        let absolute = resolvePath(path, against: FileManager.default.currentDirectoryPath)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw ScenarioErrors(issues: [ScenarioIssue(file: path, message: "cannot read scenario file: no such file")])
        }
        guard !isDirectory.boolValue else {
            throw ScenarioErrors(issues: [ScenarioIssue(file: path, message: "cannot read scenario file: it is a directory, expected a YAML file")])
        }
        if let reason = notRegularFileReason(absolute) {
            throw ScenarioErrors(issues: [ScenarioIssue(file: path, message: "cannot read scenario file: \(reason)")])
        }
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw ScenarioErrors(issues: [ScenarioIssue(file: path, message: "cannot read scenario file: permission denied or I/O error")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioErrors(issues: [ScenarioIssue(file: path, message: "cannot read scenario file: it is not UTF-8 text")])
        }
        let folder = (absolute as NSString).deletingLastPathComponent
        return try parse(yaml: text, file: path, directory: folder.isEmpty ? "/" : folder)
    }

    /// Parses YAML text (for tests and for scenarios that do not live in a file).
    ///
    /// - Parameters:
    ///   - yaml: The YAML text.
    ///   - file: The name to use in messages.
    ///   - directory: The folder relative paths resolve against (made absolute against the
    ///     current directory if relative).
    /// - Returns: The document.
    /// - Throws: ``ScenarioErrors`` with one issue: a syntax error with its 1-based line:column,
    ///   an empty document, or a top level that is not a mapping.
    public static func parse(yaml: String, file: String, directory: String) throws(ScenarioErrors) -> YAMLDocument {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ScenarioErrors(issues: [syntaxIssue(error, file: file, yaml: yaml)])
        } catch {
            throw ScenarioErrors(issues: [ScenarioIssue(file: file, message: "YAML syntax error: \(oneLine(String(describing: error)))")])
        }
        guard let node, !(isNullScalar(node) && node.scalar?.string.isEmpty == true) else {
            throw ScenarioErrors(issues: [ScenarioIssue(file: file, message: "empty scenario file: expected a mapping")])
        }
        guard case .mapping = node else {
            throw ScenarioErrors(issues: [
                ScenarioIssue(
                    file: file, line: node.mark?.line, column: node.mark?.column,
                    message: "expected a mapping (key: value lines) at the top level, found \(describeNode(node))")
            ])
        }
        if let issue = expansionIssue(node, file: file) { throw ScenarioErrors(issues: [issue]) }
        let folder = resolvePath(directory, against: FileManager.default.currentDirectoryPath)
        return YAMLDocument(file: file, directory: folder, root: node)
    }

    /// The most nodes a document may expand to, aliases substituted (a scenario with a
    /// 10,000-VM inventory has about 100,000).
    static let maxExpandedNodes = 2_000_000

    /// An issue at the top-level key whose value makes the document expand, aliases
    /// substituted, to more than ``maxExpandedNodes`` nodes (nested aliases, each listing the
    /// previous one ten times, grow tenfold per level and hung every reader); nil if it does not.
    private static func expansionIssue(_ root: Node, file: String) -> ScenarioIssue? {
        guard case let .mapping(mapping) = root else { return nil }
        var budget = maxExpandedNodes
        for (key, value) in mapping {
            budget -= 1
            guard countNodes(value, budget: &budget) else {
                return ScenarioIssue(
                    file: file, line: key.mark?.line, column: key.mark?.column, path: key.string ?? "",
                    message:
                        "the document expands to more than \(maxExpandedNodes) YAML nodes with its aliases substituted (aliases of aliases?); expected at most that"
                )
            }
        }
        return nil
    }

    /// Subtracts the nodes of `node` from `budget`; false as soon as it goes negative.
    private static func countNodes(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0 else { return false }
        switch node {
        case let .mapping(m):
            for (k, v) in m { guard countNodes(k, budget: &budget), countNodes(v, budget: &budget) else { return false } }
        case let .sequence(s):
            for item in s { guard countNodes(item, budget: &budget) else { return false } }
        case .scalar, .alias: break
        }
        return true
    }

    /// A reader positioned at the root mapping, recording problems into `collector`.
    /// - Parameter collector: Where issues go; share one collector for a whole read.
    /// - Returns: The root reader (empty path).
    public func reader(collector: IssueCollector) -> NodeReader {
        NodeReader(node: root, components: [], keyMark: nil, document: self, collector: collector)
    }

    /// Whether the node at `components` lies at or below an overridden path.
    func isOverridden(_ components: [PathComponent]) -> Bool {
        guard !overriddenPaths.isEmpty else { return false }
        var prefix = ""
        for (i, c) in components.enumerated() {
            prefix += (i == 0 ? "" : ".") + c.overrideForm
            if overriddenPaths.contains(prefix) { return true }
        }
        return false
    }
}

// MARK: - Syntax errors

extension YAMLDocument {
    /// Maps a Yams error to one issue with a 1-based position (Yams marks are 1-based already:
    /// it adds 1 to libyaml's 0-based marks).
    static func syntaxIssue(_ error: YamlError, file: String, yaml: String) -> ScenarioIssue {
        /// libyaml's context reads either "while parsing a block mapping" (+ where it began) or
        /// like "expected a single document in the stream", to which the problem is the sequel.
        func sentence(_ context: YamlError.Context?, _ problem: String) -> String {
            guard let context else { return oneLine(problem) }
            let text = oneLine(context.text)
            guard text.hasPrefix("while ") else { return "\(text) \(oneLine(problem))" }
            return "\(oneLine(problem)) (\(text) that began at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            return ScenarioIssue(
                file: file, line: mark.line, column: mark.column,
                message: "YAML syntax error: \(sentence(context, problem))")
        case let .reader(problem, offset, _, _):
            var line: Int?, column: Int?
            if let offset {
                var l = 1, c = 1
                for ch in yaml.prefix(offset) {
                    if ch == "\n" || ch == "\r\n" { l += 1; c = 1 } else { c += ch.unicodeScalars.count }
                }
                line = l
                column = c
            }
            return ScenarioIssue(
                file: file, line: line, column: column,
                message: "cannot read YAML: \(oneLine(problem))")
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? "?"
            let first = context.mark
            let others =
                duplicates.count > 1
                ? " (also duplicated: \(duplicates.dropFirst().map { "\"\($0)\"" }.joined(separator: ", ")))" : ""
            if let second = findRepeatedBlockKey(key, after: first, in: yaml) {
                return ScenarioIssue(
                    file: file, line: second.line, column: second.column,
                    message:
                        "duplicate key \"\(key)\", first defined at line \(first.line), column \(first.column)\(others); each key may appear only once in a mapping"
                )
            }
            return ScenarioIssue(
                file: file, line: first.line, column: first.column,
                message: "duplicate key \"\(key)\"\(others); each key may appear only once in a mapping")
        default:
            return ScenarioIssue(file: file, message: "YAML syntax error: \(oneLine(String(describing: error)))")
        }
    }

    /// Finds the next occurrence of a block-mapping key that is a sibling of the one at `first`:
    /// same column, before any less-indented line. `nil` for flow mappings or odd layouts.
    static func findRepeatedBlockKey(_ key: String, after first: Mark, in yaml: String) -> (line: Int, column: Int)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.line < lines.count else { return nil }
        for index in first.line..<lines.count {
            let scalars = Array(lines[index].unicodeScalars)
            guard let firstNonBlank = scalars.firstIndex(where: { $0 != " " && $0 != "\r" }) else { continue }
            if scalars[firstNonBlank] == "#" { continue }
            let column = firstNonBlank + 1
            if column < first.column { return nil }
            guard column == first.column else { continue }
            let rest = String(String.UnicodeScalarView(scalars[firstNonBlank...]))
            for spelling in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(spelling) {
                let after = rest.dropFirst(spelling.count).drop { $0 == " " }
                if after.first == ":" { return (index + 1, column) }
            }
        }
        return nil
    }
}

// MARK: - Paths

/// Resolves `path` against the folder `base`: an absolute path stays absolute, a relative one
/// is appended to `base`; `.` and `..` components and repeated slashes are removed.
/// Nothing is checked on disk and symbolic links are not resolved.
/// - Parameters:
///   - path: Absolute or relative path.
///   - base: Absolute folder.
/// - Returns: The normalized absolute path.
func resolvePath(_ path: String, against base: String) -> String {
    let joined = path.hasPrefix("/") ? path : base + "/" + path
    var parts: [Substring] = []
    for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
        if part == "." { continue }
        if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
        parts.append(part)
    }
    return "/" + parts.joined(separator: "/")
}

/// Collapses whitespace runs (including newlines) into single spaces and trims the ends.
func oneLine(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

// MARK: - Node helpers

/// The node's tag after Yams's implicit resolution (quoted scalars are strings; plain ones are
/// matched against the YAML 1.1 patterns of `Resolver.default`).
func resolvedTagName(_ node: Node) -> Tag.Name {
    Tag.Name(rawValue: node.tag.rawValue)
}

/// `true` for a scalar that resolves to null: empty, `~`, `null`, `Null`, `NULL` (unquoted).
func isNullScalar(_ node: Node) -> Bool {
    guard case .scalar = node else { return false }
    return resolvedTagName(node) == .null
}

/// The boolean of a scalar, accepting only `true`/`false` (YAML 1.2 core spellings), never
/// YAML 1.1's `yes`/`no`/`on`/`off`.
func strictBool(_ node: Node) -> Bool? {
    guard case let .scalar(scalar) = node, resolvedTagName(node) == .bool else { return nil }
    switch scalar.string {
    case "true", "True", "TRUE": return true
    case "false", "False", "FALSE": return false
    default: return nil
    }
}

/// `true` for a merge key (`<<`, unquoted).
func isMergeKey(_ node: Node) -> Bool {
    guard case .scalar = node else { return false }
    return resolvedTagName(node) == .merge
}

/// The pairs of a mapping with YAML merge keys (`<<: *base`, `<<: [*a, *b]`) applied: the
/// mapping's own pairs in file order, then inherited pairs whose key is not already present
/// (earlier merge sources win). A `<<` whose value is not a mapping or a list of mappings is
/// kept as an ordinary pair, so readers report it.
func effectiveEntries(of mapping: Node.Mapping) -> [(key: Node, value: Node)] {
    var own: [(key: Node, value: Node)] = []
    var sources: [Node.Mapping] = []
    for pair in mapping {
        if isMergeKey(pair.key) {
            switch pair.value {
            case let .mapping(m):
                sources.append(m)
                continue
            case let .sequence(s) where !s.isEmpty && s.allSatisfy({ $0.mapping != nil }):
                sources.append(contentsOf: s.compactMap(\.mapping))
                continue
            default:
                break
            }
        }
        own.append(pair)
    }
    guard !sources.isEmpty else { return own }
    var seen = Set(own.compactMap { $0.key.scalar?.string })
    var result = own
    for source in sources {
        for pair in effectiveEntries(of: source) {
            guard let key = pair.key.scalar?.string else { continue }
            if seen.insert(key).inserted { result.append(pair) }
        }
    }
    return result
}

/// The node with every mark removed (recursively), for nodes that do not come from the file.
func strippingMarks(_ node: Node) -> Node {
    switch node {
    case var .scalar(scalar):
        scalar.mark = nil
        return .scalar(scalar)
    case let .mapping(mapping):
        return .mapping(
            Node.Mapping(
                mapping.map { (strippingMarks($0.key), strippingMarks($0.value)) },
                mapping.tag, mapping.style, nil))
    case let .sequence(sequence):
        return .sequence(Node.Sequence(sequence.map(strippingMarks), sequence.tag, sequence.style, nil))
    case .alias:
        return node
    }
}

/// How a node is shown after "found" in messages: `"abc"` for strings (quoted, escaped,
/// shortened past 60 characters), the literal text for numbers and booleans (`-3`, `2.5`,
/// `yes`), `nothing` for an empty value, `null` for `~`/`null`, `a mapping`, `a sequence`.
func describeNode(_ node: Node) -> String {
    switch node {
    case .mapping: return "a mapping"
    case .sequence: return "a sequence"
    case .alias: return "an alias"
    case let .scalar(scalar):
        switch resolvedTagName(node) {
        case .null: return scalar.string.isEmpty ? "nothing" : "null"
        case .int, .float, .bool: return scalar.string
        default:
            var text = scalar.string
            if text.count > 60 { text = String(text.prefix(57)) + "..." }
            return jsonString(text)
        }
    }
}

// MARK: - JSON

/// Renders a YAML tree as deterministic, pretty-printed JSON (two-space indentation,
/// `"key": value`, empty containers as `{}` / `[]`, no trailing newline).
///
/// Mapping keys keep their file order (merge keys `<<` applied, see the reader). Plain
/// scalars that resolve to YAML ints, floats, `true`/`false` and null become JSON numbers,
/// booleans and `null` (ints in decimal, floats in Swift's shortest round-trip form;
/// `.inf`/`.nan` and out-of-range ints stay strings); everything else becomes a JSON string.
/// - Parameters:
///   - node: The tree, e.g. ``YAMLDocument/root`` after overrides.
///   - indent: Spaces prefixed to every line but the first, to embed the result in an
///     enclosing JSON document at that depth.
/// - Returns: The JSON text.
public func yamlNodeToJSON(_ node: Node, indent: Int = 0) -> String {
    var out = ""
    writeJSON(node, depth: 0, base: String(repeating: " ", count: indent), into: &out)
    return out
}

private func writeJSON(_ node: Node, depth: Int, base: String, into out: inout String) {
    let pad = base + String(repeating: "  ", count: depth)
    let inner = pad + "  "
    switch node {
    case let .mapping(mapping):
        let entries = effectiveEntries(of: mapping)
        guard !entries.isEmpty else { out += "{}"; return }
        out += "{\n"
        for (i, entry) in entries.enumerated() {
            let key: String
            if case let .scalar(s) = entry.key { key = s.string } else { key = yamlNodeToJSON(entry.key) }
            out += inner + jsonString(key) + ": "
            writeJSON(entry.value, depth: depth + 1, base: base, into: &out)
            out += i == entries.count - 1 ? "\n" : ",\n"
        }
        out += pad + "}"
    case let .sequence(sequence):
        guard !sequence.isEmpty else { out += "[]"; return }
        out += "[\n"
        for (i, item) in sequence.enumerated() {
            out += inner
            writeJSON(item, depth: depth + 1, base: base, into: &out)
            out += i == sequence.count - 1 ? "\n" : ",\n"
        }
        out += pad + "]"
    case let .scalar(scalar):
        out += jsonScalar(node, scalar)
    case .alias:
        out += "null"
    }
}

private func jsonScalar(_ node: Node, _ scalar: Node.Scalar) -> String {
    switch resolvedTagName(node) {
    case .null:
        return "null"
    case .bool:
        if let b = strictBool(node) { return b ? "true" : "false" }
    case .int:
        if let i = node.int { return String(i) }
    case .float:
        if let d = node.float, d.isFinite { return "\(d)" }
    default:
        break
    }
    return jsonString(scalar.string)
}

/// A JSON string literal: quotes, backslashes and control characters escaped; other
/// characters (including non-ASCII) kept as UTF-8.
public func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
