/// One problem found in a scenario file or in a `--set` override.
///
/// Rendered (``description``) the way compilers and editors expect:
/// - `FILE:LINE:COL: path: message` when the problem has a position in the file;
/// - `FILE: path (from --set): message` when the value came from a `--set` override
///   (such values have no position in the file);
/// - `FILE: path: message` when no position exists;
/// - the `path: ` part is left out when ``path`` is empty (a problem with the file as a whole).
///
/// ``line`` and ``column`` are 1-based; columns count Unicode scalars, as libyaml does.
public struct ScenarioIssue: Error, Sendable, Equatable, CustomStringConvertible {
    /// The scenario file, as the user named it.
    public var file: String
    /// 1-based line of the offending node, or `nil` when there is no position.
    public var line: Int?
    /// 1-based column (in Unicode scalars) of the offending node, or `nil` when there is no position.
    public var column: Int?
    /// Where in the document the problem is, in message form: `arms[1].host_groups[0].count`;
    /// empty for the document as a whole.
    public var path: String
    /// `true` when the offending value was written by a `--set` override rather than in the file.
    public var fromOverride: Bool
    /// What was found and what was expected, on one line.
    public var message: String

    /// Creates an issue.
    /// - Parameters:
    ///   - file: The scenario file, as the user named it.
    ///   - line: 1-based line, or `nil`.
    ///   - column: 1-based column, or `nil`.
    ///   - path: Dotted path in message form (`a.b[2].c`); empty for the whole document.
    ///   - fromOverride: Whether the value came from `--set`.
    ///   - message: What was found and what was expected.
    public init(
        file: String, line: Int? = nil, column: Int? = nil, path: String = "",
        fromOverride: Bool = false, message: String
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.fromOverride = fromOverride
        self.message = message
    }

    /// `FILE:LINE:COL: path: message`, `FILE: path (from --set): message`, `FILE: path: message`,
    /// or without the `path: ` part when the path is empty.
    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        var where_ = path
        if fromOverride { where_ = where_.isEmpty ? "(from --set)" : where_ + " (from --set)" }
        return where_.isEmpty ? "\(location): \(message)" : "\(location): \(where_): \(message)"
    }
}

/// Every problem found while loading, overriding or reading a scenario, thrown at once.
public struct ScenarioErrors: Error, CustomStringConvertible {
    /// The problems, in the order they are reported.
    public var issues: [ScenarioIssue]

    /// Wraps a list of issues.
    /// - Parameter issues: The problems to report.
    public init(issues: [ScenarioIssue]) {
        self.issues = issues
    }

    /// One issue per line (see ``ScenarioIssue/description``), no trailing newline.
    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}

/// Accumulates issues while a scenario is read, so that reading carries on after a problem and
/// every problem is reported at once. Never throws; call ``throwIfAny()`` at the end.
///
/// One collector is shared by all the ``NodeReader``s of one read. Not thread-safe: a read runs
/// on one thread.
/// What the decoder asked for, path by path, while it read one or more scenarios (recording is
/// on when an `IssueCollector`'s `schema` is set): the generated scenario reference.
public final class ScenarioSchema {
    /// One key of the scenario language.
    public struct Entry: Sendable, Equatable {
        /// How its value was read: `number`, `integer`, `duration`, `size`, `choice`, `text`,
        /// `path`, `true|false`, `list`, `map of named entries`; empty for a mapping of fixed keys.
        public var kinds: Set<String> = []
        /// Ranges and valid values the readers checked (`≥ 1`, `thick|thin`).
        public var details: Set<String> = []
        /// Whether a reader required it.
        public var required = false
        /// What the reader said it expects, when required.
        public var expected: String? = nil
        /// The value used when the key is absent, as the reader was given it (`or:`).
        public var defaultText: String? = nil
    }

    /// Entries by dotted pattern (`arms[].dpm.interval`, `host_types.<name>.cores`).
    public private(set) var entries: [String: Entry] = [:]

    public init() {}

    /// `arms[].host_groups[].count` from its components.
    public static func path(_ pattern: [String]) -> String {
        var out = ""
        for c in pattern {
            if c == "[]" { out += "[]" } else { out += out.isEmpty ? c : "." + c }
        }
        return out
    }

    func noteDefault(_ pattern: [String], _ text: String) {
        guard !pattern.isEmpty else { return }
        let key = Self.path(pattern)
        var e = entries[key] ?? Entry()
        if e.defaultText == nil { e.defaultText = text }
        entries[key] = e
    }

    func note(_ pattern: [String], kind: String? = nil, detail: String? = nil, required: Bool = false, expected: String? = nil) {
        guard !pattern.isEmpty else { return }
        let key = Self.path(pattern)
        var e = entries[key] ?? Entry()
        if let kind { e.kinds.insert(kind) }
        if let detail, !detail.isEmpty { e.details.insert(detail) }
        if required { e.required = true; e.expected = e.expected ?? expected }
        entries[key] = e
    }
}

public final class IssueCollector {
    /// When set, every key the readers ask for is recorded here (`ScenarioSchema`).
    public var schema: ScenarioSchema? = nil

    /// The issues recorded so far, in recording order (exact duplicates are dropped).
    public private(set) var issues: [ScenarioIssue] = []

    /// Creates an empty collector.
    public init() {}

    /// `true` when no issue has been recorded.
    public var isEmpty: Bool { issues.isEmpty }

    /// Records an issue, unless the very same issue was recorded before.
    /// - Parameter issue: The problem to record.
    public func record(_ issue: ScenarioIssue) {
        if !issues.contains(issue) { issues.append(issue) }
    }

    /// Records several issues (e.g. those of a caught ``ScenarioErrors``).
    /// - Parameter more: The problems to record.
    public func record(contentsOf more: [ScenarioIssue]) {
        for issue in more { record(issue) }
    }

    /// The issues ordered for display: issues without a position first (in recording order),
    /// then by line and column; the sort is stable.
    public var sortedIssues: [ScenarioIssue] {
        issues.enumerated().sorted { a, b in
            let ka = (a.element.line ?? 0, a.element.column ?? 0, a.offset)
            let kb = (b.element.line ?? 0, b.element.column ?? 0, b.offset)
            return ka < kb
        }.map(\.element)
    }

    /// Throws ``ScenarioErrors`` with ``sortedIssues`` if any issue was recorded.
    public func throwIfAny() throws(ScenarioErrors) {
        if !issues.isEmpty { throw ScenarioErrors(issues: sortedIssues) }
    }
}
