import DatacenterModel
import Foundation
import Yams

/// One step of a path into a document: a mapping key or a sequence index.
enum PathComponent: Hashable, Sendable {
    case key(String)
    case index(Int)

    /// The `--set` spelling: keys as they are, indices as numbers (`arms.1.placement`).
    var overrideForm: String {
        switch self {
        case let .key(k): return k
        case let .index(i): return String(i)
        }
    }
}

/// A cursor over one node of a ``YAMLDocument`` that reads typed values and records every
/// problem, with the node's file position and dotted path, into a shared ``IssueCollector``.
///
/// Getters never throw: on a type or range problem they record an issue and return `nil`, so
/// spec code can write `r.int("count", range: 1...Int.max) ?? 1` and carry on, and one read
/// reports all problems. Each getter comes in two forms: with a key, reading that key of this
/// mapping (an absent key or an explicit null — `key:` or `key: ~` — gives `nil` silently, so
/// `?? default` applies), and without, reading this node itself (null is then an error).
///
/// Every key asked about (by any getter, ``has(_:)``, ``child(_:)`` or ``required(_:expected:)``)
/// becomes a *valid key*; ``finish()`` then reports each key present but never read as
/// `unknown key "hostz"; valid keys here are: …; did you mean "hosts"?`.
///
/// Paths have two spellings: message form ``path`` (`arms[1].host_groups[0].count`) and
/// override form ``overridePath`` (`arms.1.host_groups.0.count`, as `--set` takes it). Values
/// from `--set` have no file position; their issues say `path (from --set)` instead.
///
/// YAML merge keys (`<<: *base`) are honoured: inherited keys read like the mapping's own.
public final class NodeReader {
    /// The node this reader is positioned at.
    public let node: Node
    /// The document the node belongs to (file name, folder, overridden paths).
    public let document: YAMLDocument
    /// Where issues are recorded.
    public let collector: IssueCollector
    let components: [PathComponent]
    /// The path as a pattern of the scenario language: list items as `[]`, the keys of
    /// user-named maps as `<name>` (`arms[].host_groups[].count`, `host_types.<name>.cores`).
    let pattern: [String]
    /// Mark of the key this node is the value of (nil for the root and for sequence items).
    let keyMark: Mark?

    private var knownKeys: [String] = []
    private var consumedKeys: Set<String> = []
    private var reportedNotMapping = false
    private var finished = false
    private lazy var entries: [(key: Node, value: Node)] = {
        if case let .mapping(mapping) = node { return effectiveEntries(of: mapping) }
        return []
    }()

    init(
        node: Node, components: [PathComponent], keyMark: Mark?, document: YAMLDocument, collector: IssueCollector,
        pattern: [String] = []
    ) {
        self.node = node
        self.pattern = pattern
        self.components = components
        self.keyMark = keyMark
        self.document = document
        self.collector = collector
    }

    // MARK: Where

    /// The dotted path in message form: `a.b` for mapping keys, `name[i]` for sequence
    /// items (`arms[1].host_groups[0].count`); empty at the root.
    public var path: String { Self.messagePath(components) }

    /// The dotted path in `--set` form: sequence indices as components (`arms.1.host_groups.0.count`).
    public var overridePath: String { components.map(\.overrideForm).joined(separator: ".") }

    /// `true` when this node was written by a `--set` override (it has no position in the file).
    public var isFromOverride: Bool { node.mark == nil || document.isOverridden(components) }

    /// 1-based line:column of this node in the file; `nil` for values from `--set`.
    public var mark: Mark? { isFromOverride ? nil : node.mark }

    // MARK: Shape

    /// `true` if this node is a mapping.
    public var isMapping: Bool { if case .mapping = node { return true } else { return false } }
    /// `true` if this node is a sequence.
    public var isSequence: Bool { if case .sequence = node { return true } else { return false } }
    /// `true` if this node is a scalar (including null).
    public var isScalar: Bool { if case .scalar = node { return true } else { return false } }
    /// `true` if this node is null: an empty value, `~` or `null`.
    public var isNull: Bool { isNullScalar(node) }

    /// Checks that this node is a mapping, recording `expected a mapping (key: value lines),
    /// found …` (at most once per reader, also for null) if it is not.
    /// - Returns: ``isMapping``.
    @discardableResult
    public func expectMapping() -> Bool {
        if !isMapping && !reportedNotMapping {
            reportedNotMapping = true
            fail("a mapping (key: value lines)")
        }
        return isMapping
    }

    // MARK: Keys

    /// Whether this mapping has `key` with a non-null value. Records `key` as valid; does not
    /// mark it as read.
    /// - Parameter key: The key.
    public func has(_ key: String) -> Bool {
        noteKnown(key)
        guard let value = entry(key)?.value else { return false }
        return !isNullScalar(value)
    }

    /// The reader for `key` of this mapping (even if its value is null), marking the key read;
    /// `nil` if absent. Reports `expected a mapping` (once) if this node is not a mapping.
    /// - Parameter key: The key.
    public func child(_ key: String) -> NodeReader? {
        noteKnown(key)
        consumedKeys.insert(key)
        guard let pair = entry(key) else { return nil }
        return NodeReader(
            node: pair.value, components: components + [.key(key)], keyMark: pair.key.mark,
            document: document, collector: collector, pattern: pattern + [key])
    }

    /// A key the language no longer has, read only to say where its setting went: marked read
    /// (so it is not reported as unknown) but neither listed in the scenario reference nor
    /// offered in "valid keys" hints. `nil` if absent.
    /// - Parameter key: The retired key.
    public func retiredChild(_ key: String) -> NodeReader? {
        consumedKeys.insert(key)
        guard let pair = entry(key) else { return nil }
        return NodeReader(
            node: pair.value, components: components + [.key(key)], keyMark: pair.key.mark,
            document: document, collector: collector, pattern: pattern + [key])
    }

    /// Like ``child(_:)``, but a missing key is an issue at this mapping's position:
    /// `path: missing required key "count" (expected an integer ≥ 1)`.
    /// - Parameters:
    ///   - key: The key.
    ///   - expected: What the value should be, for the message (`"an integer ≥ 1"`).
    /// - Returns: The child reader, or `nil` if missing (issue recorded).
    public func required(_ key: String, expected: String) -> NodeReader? {
        collector.schema?.note(pattern + [key], required: true, expected: expected)
        if let c = child(key) { return c }
        if isMapping || isNull {
            issue("missing required key \"\(key)\" (expected \(expected))")
        }
        return nil
    }

    /// The keys present in this mapping, in file order (inherited merge keys last); does not
    /// mark them read. Empty if this is not a mapping.
    /// The keys this mapping's readers have asked for so far, in first-asked order (after a
    /// decode: every key the decoder accepts here).
    public var askedKeys: [String] { knownKeys }

    public var presentKeys: [String] { entries.compactMap { $0.key.scalar?.string } }

    /// Reports every key of this mapping that was never read through this reader:
    /// `path.key: unknown key "hostz"; valid keys here are: a, b, c; did you mean "hosts"?`
    /// (the suggestion when a valid key is within a small edit distance). Call once, after
    /// reading all keys; later calls do nothing. Does nothing for non-mappings.
    public func finish() {
        guard !finished else { return }
        finished = true
        guard isMapping else { return }
        for pair in entries {
            guard let key = pair.key.scalar?.string else {
                record(
                    "expected a text key, found \(describeNode(pair.key))", mark: pair.key.mark,
                    at: components, fromOverride: pair.key.mark == nil)
                continue
            }
            guard !consumedKeys.contains(key) else { continue }
            var message = "unknown key \"\(key)\"; "
            message +=
                knownKeys.isEmpty
                ? "no keys are expected here"
                : "valid keys here are: " + knownKeys.joined(separator: ", ")
            if let suggestion = closestMatch(to: key, in: knownKeys) {
                message += "; did you mean \"\(suggestion)\"?"
            }
            let at = components + [.key(key)]
            record(
                message, mark: pair.key.mark, at: at,
                fromOverride: pair.key.mark == nil || document.isOverridden(at))
        }
    }

    /// Records a custom issue at this node (for cross-field checks such as `min must be < max`).
    /// - Parameter message: What is wrong and what was expected.
    public func issue(_ message: String) {
        record(message, mark: node.mark, at: components, fromOverride: isFromOverride)
    }

    /// Records a model's `check()` problem where it belongs: "field: what" on the child `field`
    /// (without the repeated name), "field.sub: what" on the child `field` as it is; a
    /// problem naming no child of this mapping on this node.
    public func issue(checkProblem problem: String) {
        let field = String(problem.prefix { $0 != ":" && $0 != "." })
        guard let c = child(field) else { issue(problem); return }
        c.issue(problem.hasPrefix(field + ": ") ? String(problem.dropFirst(field.count + 2)) : problem)
    }

    // MARK: Containers

    /// The items of this sequence, each a reader with path `name[i]`.
    /// - Returns: The item readers, or `nil` (issue recorded) if this is not a sequence.
    public func sequence() -> [NodeReader]? {
        collector.schema?.note(pattern, kind: "list")
        guard case let .sequence(sequence) = node else {
            fail("a sequence (a list such as [a, b] or lines starting with \"- \")")
            return nil
        }
        return sequence.enumerated().map { i, item in
            NodeReader(
                node: item, components: components + [.index(i)], keyMark: nil,
                document: document, collector: collector, pattern: pattern + ["[]"])
        }
    }

    /// The items of the sequence at `key`; `nil` if absent or null (silently) or not a sequence (issue).
    /// - Parameter key: The key.
    public func sequence(_ key: String) -> [NodeReader]? { valueChild(key)?.sequence() }

    /// All entries of this mapping, in order, as `(key, reader)` pairs — for maps whose keys
    /// are names chosen by the user (e.g. named host types). Marks every key read.
    /// - Returns: The entries (empty for null), or `nil` (issue recorded) if this is not a mapping.
    public func mappingEntries() -> [(key: String, value: NodeReader)]? {
        collector.schema?.note(pattern, kind: "map of named entries")
        if isNull { return [] }
        guard expectMapping() else { return nil }
        var result: [(key: String, value: NodeReader)] = []
        for pair in entries {
            guard let key = pair.key.scalar?.string else {
                record(
                    "expected a text key, found \(describeNode(pair.key))", mark: pair.key.mark,
                    at: components, fromOverride: pair.key.mark == nil)
                continue
            }
            consumedKeys.insert(key)
            result.append(
                (
                    key,
                    NodeReader(
                        node: pair.value, components: components + [.key(key)],
                        keyMark: pair.key.mark, document: document, collector: collector, pattern: pattern + ["<name>"])
                ))
        }
        return result
    }

    /// The entries of the mapping at `key`; `nil` if absent or null (silently) or not a mapping (issue).
    /// - Parameter key: The key.
    public func mappingEntries(_ key: String) -> [(key: String, value: NodeReader)]? {
        valueChild(key)?.mappingEntries()
    }

    /// This sequence of numbers, each checked like ``double(range:)`` (issues name `name[i]`).
    /// - Parameter range: Inclusive bounds for every item, if any.
    /// - Returns: The numbers, or `nil` if this is not a sequence or any item is invalid.
    public func doubleArray(range: ClosedRange<Double>? = nil) -> [Double]? {
        guard let items = sequence() else { return nil }
        let values = items.map { $0.double(range: range) }
        return values.contains(where: { $0 == nil }) ? nil : values.compactMap { $0 }
    }

    /// The sequence of numbers at `key`; `nil` if absent or null (silently) or invalid (issues).
    /// - Parameters:
    ///   - key: The key.
    ///   - range: Inclusive bounds for every item, if any.
    public func doubleArray(_ key: String, range: ClosedRange<Double>? = nil) -> [Double]? {
        valueChild(key)?.doubleArray(range: range)
    }

    // MARK: Keys with defaults

    // Each returns the key's value, or `d` when the key is absent or null (or its value is
    // invalid: the issue is recorded), and notes `d` as the key's default in the generated
    // scenario reference.

    /// The text at `key`, or `d`.
    public func string(_ key: String, or d: String) -> String {
        collector.schema?.noteDefault(pattern + [key], d)
        return string(key) ?? d
    }
    /// The integer at `key` (within `range`), or `d`.
    public func int(_ key: String, range: ClosedRange<Int>? = nil, or d: Int) -> Int {
        collector.schema?.noteDefault(pattern + [key], String(d))
        return int(key, range: range) ?? d
    }
    /// The number at `key` (within `range`), or `d`.
    public func double(_ key: String, range: ClosedRange<Double>? = nil, or d: Double) -> Double {
        collector.schema?.noteDefault(pattern + [key], d.isFinite ? ParameterValue.number(d).description : "\(d)")
        return double(key, range: range) ?? d
    }
    /// The flag at `key`, or `d`.
    public func bool(_ key: String, or d: Bool) -> Bool {
        collector.schema?.noteDefault(pattern + [key], String(d))
        return bool(key) ?? d
    }
    /// The name at `key` (one of `allowed`), or `d`.
    public func enumValue(_ key: String, allowed: [String], or d: String) -> String {
        collector.schema?.noteDefault(pattern + [key], d)
        return enumValue(key, allowed: allowed) ?? d
    }
    /// The case at `key`, or `d`.
    public func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, as type: E.Type, or d: E) -> E where E.RawValue == String {
        collector.schema?.noteDefault(pattern + [key], d.rawValue)
        return enumValue(key, as: type) ?? d
    }
    /// The duration at `key` in seconds, or `d` seconds.
    public func duration(_ key: String, positive: Bool = false, or d: Double) -> Double {
        collector.schema?.noteDefault(pattern + [key], d.isFinite ? ParameterValue.number(d).description + " s" : "\(d)")
        return duration(key, positive: positive) ?? d
    }
    /// The size at `key` in bytes, or `d` bytes.
    public func bytes(_ key: String, or d: Int64) -> Int64 {
        collector.schema?.noteDefault(pattern + [key], "\(d) B")
        return bytes(key) ?? d
    }

    // MARK: Internals

    func noteKnown(_ key: String) {
        collector.schema?.note(pattern + [key])
        if !knownKeys.contains(key) { knownKeys.append(key) }
        if !isNull { expectMapping() }
    }

    private func entry(_ key: String) -> (key: Node, value: Node)? {
        entries.first { $0.key.scalar?.string == key }
    }

    /// The child at `key` when present and not null (the key-taking getters' common start).
    func valueChild(_ key: String) -> NodeReader? {
        guard let c = child(key), !c.isNull else { return nil }
        return c
    }

    /// Records `expected <what>, found <this node>`.
    func fail(_ expected: String, separator: String = ", ", note: String = "") {
        issue("expected \(expected)\(separator)found \(describeNode(node))\(note)")
    }

    func record(_ message: String, mark: Mark?, at components: [PathComponent], fromOverride: Bool) {
        collector.record(
            ScenarioIssue(
                file: document.file,
                line: fromOverride ? nil : mark?.line,
                column: fromOverride ? nil : mark?.column,
                path: Self.messagePath(components),
                fromOverride: fromOverride,
                message: message))
    }

    static func messagePath(_ components: [PathComponent]) -> String {
        var out = ""
        for c in components {
            switch c {
            case let .key(k): out += out.isEmpty ? k : "." + k
            case let .index(i): out += "[\(i)]"
            }
        }
        return out
    }
}

// MARK: - Suggestions

/// The candidate closest to `word` by optimal-string-alignment distance (a transposition
/// counts 1), if close enough to be a likely typo: distance 1, or 2 for words of 5+ characters.
/// Ties go to the earlier candidate.
func closestMatch(to word: String, in candidates: [String]) -> String? {
    let limit = word.count >= 5 ? 2 : 1
    var best: (String, Int)?
    for candidate in candidates where candidate != word {
        let d = editDistance(word, candidate)
        if d <= limit, d < max(word.count, candidate.count), best == nil || d < best!.1 {
            best = (candidate, d)
        }
    }
    return best?.0
}

/// Optimal string alignment distance between two strings (over Characters).
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
            }
        }
    }
    return d[a.count][b.count]
}

// MARK: - Scalar getters

extension NodeReader {
    /// This scalar's text (any non-null scalar: `name: 2024` reads as `"2024"`).
    /// - Returns: The text, or `nil` (issue recorded) for null, a mapping or a sequence.
    public func string() -> String? {
        collector.schema?.note(pattern, kind: "text", detail: nil)
        guard case let .scalar(scalar) = node, !isNull else {
            fail("a string")
            return nil
        }
        return scalar.string
    }

    /// The text at `key`; `nil` if absent or null (silently) or not a scalar (issue).
    /// - Parameter key: The key.
    public func string(_ key: String) -> String? { collector.schema?.note(pattern + [key], kind: "text", detail: nil); return valueChild(key)?.string() }

    /// This node as an integer: a plain YAML int (`42`, `-3`, `1_000`, `0x1F`, `0o17`). Floats,
    /// quoted numbers and YAML 1.1-only forms (`010`, `0b11`, `1:30`) are rejected.
    /// - Parameter range: Inclusive bounds, if any: `1...Int.max` gives `expected an integer ≥ 1, found -3`.
    /// - Returns: The value, or `nil` (issue recorded).
    public func int(range: ClosedRange<Int>? = nil) -> Int? {
        collector.schema?.note(pattern, kind: "integer", detail: range.map { describeBounds($0) })
        let expected = "an integer" + describeBounds(range)
        guard resolvedTagName(node) == .int, case .scalar = node else {
            fail(expected)
            return nil
        }
        if let note = yaml11NumberNote(node) {
            fail(expected, note: note)
            return nil
        }
        guard let value = node.int else {
            fail(expected, note: " (too large)")
            return nil
        }
        if let range, !range.contains(value) {
            fail(expected)
            return nil
        }
        return value
    }

    /// The integer at `key`; `nil` if absent or null (silently) or invalid (issue).
    /// - Parameters:
    ///   - key: The key.
    ///   - range: Inclusive bounds, if any.
    public func int(_ key: String, range: ClosedRange<Int>? = nil) -> Int? {
        collector.schema?.note(pattern + [key], kind: "integer", detail: range.map { describeBounds($0) })
        return valueChild(key)?.int(range: range)
    }

    /// This node as a finite number: a plain YAML int or float (`3`, `2.5`, `1e-3`).
    /// `.nan`, `.inf` and quoted numbers are rejected.
    /// - Parameter range: Inclusive bounds, if any (`0...1` gives `expected a number between 0 and 1`).
    /// - Returns: The value, or `nil` (issue recorded).
    public func double(range: ClosedRange<Double>? = nil) -> Double? {
        collector.schema?.note(pattern, kind: "number", detail: range.map { describeBounds($0) })
        let expected = "a number" + describeBounds(range)
        let tag = resolvedTagName(node)
        guard case .scalar = node, tag == .int || tag == .float,
            let value = tag == .int ? node.int.map(Double.init) : node.float
        else {
            fail(expected)
            return nil
        }
        if let note = yaml11NumberNote(node) {
            fail(expected, note: note)
            return nil
        }
        guard value.isFinite else {
            fail("a finite number" + describeBounds(range))
            return nil
        }
        if let range, !range.contains(value) {
            fail(expected)
            return nil
        }
        return value
    }

    /// The number at `key`; `nil` if absent or null (silently) or invalid (issue).
    /// - Parameters:
    ///   - key: The key.
    ///   - range: Inclusive bounds, if any.
    public func double(_ key: String, range: ClosedRange<Double>? = nil) -> Double? {
        collector.schema?.note(pattern + [key], kind: "number", detail: range.map { describeBounds($0) })
        return valueChild(key)?.double(range: range)
    }

    /// This node as a boolean: `true` or `false` only (not YAML 1.1's `yes`/`no`/`on`/`off`).
    /// - Returns: The value, or `nil` (issue recorded).
    public func bool() -> Bool? {
        collector.schema?.note(pattern, kind: "true|false", detail: nil)
        guard let value = strictBool(node) else {
            fail("true or false")
            return nil
        }
        return value
    }

    /// The boolean at `key`; `nil` if absent or null (silently) or invalid (issue).
    /// - Parameter key: The key.
    public func bool(_ key: String) -> Bool? { collector.schema?.note(pattern + [key], kind: "true|false", detail: nil); return valueChild(key)?.bool() }

    /// This scalar as one of a fixed set of names (case-sensitive). An unknown name gives
    /// `unknown value "best-fitt"; valid values are: first-fit, best-fit; did you mean "best-fit"?`.
    /// - Parameter allowed: The valid names, in the order to list them.
    /// - Returns: The name, or `nil` (issue recorded).
    public func enumValue(allowed: [String]) -> String? {
        collector.schema?.note(pattern, kind: "choice", detail: allowed.joined(separator: "|"))
        guard let text = string() else { return nil }
        if allowed.contains(text) { return text }
        var message = "unknown value \(jsonString(text)); valid values are: " + allowed.joined(separator: ", ")
        if let suggestion = closestMatch(to: text, in: allowed) { message += "; did you mean \"\(suggestion)\"?" }
        issue(message)
        return nil
    }

    /// The name at `key`, one of `allowed`; `nil` if absent or null (silently) or invalid (issue).
    /// - Parameters:
    ///   - key: The key.
    ///   - allowed: The valid names.
    public func enumValue(_ key: String, allowed: [String]) -> String? {
        collector.schema?.note(pattern + [key], kind: "choice", detail: allowed.joined(separator: "|"))
        return valueChild(key)?.enumValue(allowed: allowed)
    }

    /// This scalar as a case of a string-backed enum (valid values: `allCases` raw values).
    /// - Parameter type: The enum type.
    /// - Returns: The case, or `nil` (issue recorded).
    public func enumValue<E: RawRepresentable & CaseIterable>(as type: E.Type) -> E? where E.RawValue == String {
        collector.schema?.note(pattern, kind: "choice", detail: E.allCases.map(\.rawValue).joined(separator: "|"))
        return enumValue(allowed: E.allCases.map(\.rawValue)).flatMap(E.init(rawValue:))
    }

    /// The enum case at `key`; `nil` if absent or null (silently) or invalid (issue).
    /// - Parameters:
    ///   - key: The key.
    ///   - type: The enum type.
    public func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, as type: E.Type) -> E? where E.RawValue == String {
        collector.schema?.note(pattern + [key], kind: "choice", detail: E.allCases.map(\.rawValue).joined(separator: "|"))
        return valueChild(key)?.enumValue(as: type)
    }

    /// This node as a duration in seconds: a plain number (seconds) or a string with a unit
    /// (see ``parseDuration(_:)``: `"5 min"`, `"1.5 h"`, `"250ms"`). Must be ≥ 0 and at most
    /// ``maxDurationSeconds`` (1,000 years), so the microsecond clock cannot overflow.
    /// - Parameter positive: Require ≥ 1 µs (the clock's resolution) instead of ≥ 0.
    /// - Returns: Seconds, or `nil` (issue recorded): `expected a duration such as 300,
    ///   "5 min", "1.5 h"; found "5 minutes please"`.
    public func duration(positive: Bool = false) -> Double? {
        collector.schema?.note(pattern, kind: "duration", detail: positive ? "> 0" : nil)
        let seconds: Double?
        switch (node, resolvedTagName(node)) {
        case (.scalar, .int): seconds = node.int.map(Double.init)
        case (.scalar, .float): seconds = node.float.flatMap { $0.isFinite ? $0 : nil }
        case (.scalar(let s), .str): seconds = parseDuration(s.string)
        default: seconds = nil
        }
        guard let seconds else {
            fail("a duration such as 300, \"5 min\", \"1.5 h\"", separator: "; ", note: durationUnitsNote)
            return nil
        }
        if let note = yaml11NumberNote(node) {
            fail("a duration such as 300, \"5 min\", \"1.5 h\"", separator: "; ", note: note)
            return nil
        }
        if positive ? !(seconds > 0) : seconds < 0 {
            fail(positive ? "a duration > 0" : "a duration ≥ 0")
            return nil
        }
        if seconds > Self.maxDurationSeconds {
            fail(
                "a duration ≤ 1000 years (31557600000 s; the microsecond clock spans ±292,000 years)")
            return nil
        }
        if positive && seconds < 1e-6 {
            fail("a duration ≥ 1 µs (\"1 us\"), the clock's resolution; a shorter one rounds to 0")
            return nil
        }
        return seconds
    }

    /// The longest duration a scenario may give: 1,000 Julian years. The clock counts
    /// microseconds in `Int64` (±292,000 years), so any sum of a few hundred bounded durations
    /// (start + arrival + boot + …) stays representable.
    public static let maxDurationSeconds = 1000 * 365.25 * 86_400.0

    /// The duration at `key` in seconds; `nil` if absent or null (silently) or invalid (issue).
    /// - Parameters:
    ///   - key: The key.
    ///   - positive: Require > 0 instead of ≥ 0.
    public func duration(_ key: String, positive: Bool = false) -> Double? {
        collector.schema?.note(pattern + [key], kind: "duration", detail: positive ? "> 0" : nil)
        return valueChild(key)?.duration(positive: positive)
    }

    /// This node as a size in bytes: a plain non-negative integer (bytes) or a string with a
    /// unit (see ``parseBytes(_:)``: `"4 GiB"`, `"512 MB"`, `"1.5 TiB"`).
    /// - Returns: Bytes, or `nil` (issue recorded): `expected a size such as 4096, "512 MiB",
    ///   "4 GiB"; found "4 gigs"`.
    public func bytes() -> Int64? {
        collector.schema?.note(pattern, kind: "size", detail: nil)
        let value: Int64?
        switch (node, resolvedTagName(node)) {
        case (.scalar, .int): value = node.int.map(Int64.init)
        case (.scalar, .float):
            value = node.float.flatMap { $0.isFinite && $0.rounded() == $0 && abs($0) < 9.2e18 ? Int64($0) : nil }
        case (.scalar(let s), .str): value = parseBytes(s.string)
        default: value = nil
        }
        guard let value else {
            fail("a size such as 4096, \"512 MiB\", \"4 GiB\"", separator: "; ", note: byteUnitsNote)
            return nil
        }
        if let note = yaml11NumberNote(node) {
            fail("a size such as 4096, \"512 MiB\", \"4 GiB\"", separator: "; ", note: note)
            return nil
        }
        guard value >= 0 else {
            fail("a size ≥ 0")
            return nil
        }
        return value
    }

    /// The size at `key` in bytes; `nil` if absent or null (silently) or invalid (issue).
    /// - Parameter key: The key.
    public func bytes(_ key: String) -> Int64? { collector.schema?.note(pattern + [key], kind: "size", detail: nil); return valueChild(key)?.bytes() }

    /// This scalar as a file path, resolved to an absolute path: an absolute path stays as
    /// it is (normalized); a relative one resolves against the scenario file's folder, or
    /// against the current directory when the value came from `--set`. Existence is not checked.
    /// - Returns: The absolute path, or `nil` (issue recorded) for a non-string or empty value.
    public func filePath() -> String? {
        collector.schema?.note(pattern, kind: "path", detail: nil)
        guard let text = string() else { return nil }
        guard !text.isEmpty else {
            fail("a file path")
            return nil
        }
        let base = isFromOverride ? FileManager.default.currentDirectoryPath : document.directory
        return resolvePath(text, against: base)
    }

    /// The file path at `key`, resolved as in ``filePath()``; `nil` if absent or null
    /// (silently) or invalid (issue).
    /// - Parameter key: The key.
    public func filePath(_ key: String) -> String? { collector.schema?.note(pattern + [key], kind: "path", detail: nil); return valueChild(key)?.filePath() }
}

/// Why a plain number in a YAML 1.1-only form is refused, nil for other nodes. Yams resolves
/// numbers by YAML 1.1, where `010` is octal 8 (YAML 1.2: 10), `0b11` is 3 and `1:30` is the
/// base-60 number 90; a reader of the file would take either meaning, so neither is guessed.
func yaml11NumberNote(_ node: Node) -> String? {
    guard case let .scalar(s) = node, s.style == .plain else { return nil }
    let tag = resolvedTagName(node)
    guard tag == .int || tag == .float else { return nil }
    let text = s.string.drop { $0 == "+" || $0 == "-" }
    if text.contains(":") { return " (YAML 1.1 reads it as a base-60 number; write the number in decimal)" }
    if text.hasPrefix("0b") { return " (binary numbers are YAML 1.1 only; write the number in decimal)" }
    if tag == .int, text.count > 1, text.first == "0", text.dropFirst().first?.isNumber == true {
        return " (a leading zero: YAML 1.1 reads 010 as octal 8, YAML 1.2 as 10; write the number without leading zeros)"
    }
    return nil
}

/// `" ≥ 1"`, `" ≤ 10"`, `" between 1 and 10"` or `""` for a range used in "expected …".
func describeBounds<T: Comparable & Numeric>(_ range: ClosedRange<T>?) -> String {
    guard let range else { return "" }
    let lowerOpen: Bool, upperOpen: Bool
    switch (range.lowerBound, range.upperBound) {
    case let (lo as Int, hi as Int): lowerOpen = lo == Int.min; upperOpen = hi == Int.max
    case let (lo as Double, hi as Double): lowerOpen = lo == -.infinity; upperOpen = hi == .infinity
    default: lowerOpen = false; upperOpen = false
    }
    let lo = formatNumber(range.lowerBound), hi = formatNumber(range.upperBound)
    switch (lowerOpen, upperOpen) {
    case (true, true): return ""
    case (false, true): return " ≥ \(lo)"
    case (true, false): return " ≤ \(hi)"
    case (false, false): return range.lowerBound == range.upperBound ? " equal to \(lo)" : " between \(lo) and \(hi)"
    }
}

/// Integers and integral doubles without a fraction (`1`, not `1.0`); other doubles as Swift prints them.
private func formatNumber<T>(_ value: T) -> String {
    if let d = value as? Double, d.isFinite, d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
    return "\(value)"
}
