import Yams

/// `--set dotted.path=value` overrides.
///
/// The path uses dots between components; a numeric component indexes a sequence (0-based),
/// and the name of an item (its `name` key) selects it too: `arms.1.placement`,
/// `arms.esxi.cpu_overcommit`, `vm_groups.web.count` (a name that is a number is read as an
/// index). The value is parsed as YAML, so `400` is an integer, `best-fit`
/// a string, `"[1, 2]"` a sequence and `"{a: 1}"` a mapping; an empty value is null.
/// Missing mapping keys are created (with intermediate mappings), so an optional key absent
/// from the file can be set; a null value on the way counts as an empty mapping.
extension YAMLDocument {
    /// Applies `--set` overrides in order, replacing (or creating) the node at each path.
    ///
    /// Inserted nodes carry no mark, and each path is added to ``overriddenPaths``, so readers
    /// report problems in them as `path (from --set)` and resolve relative file paths in them
    /// against the current directory.
    /// - Parameter overrides: Strings of the form `dotted.path=value`.
    /// - Throws: ``ScenarioErrors`` listing every override that could not be applied (the
    ///   others are applied): no `=` (`expected dotted.path=value`), an empty path component,
    ///   an unparsable value, an index past a sequence's end or not a number, or a path that
    ///   descends into a scalar — each naming the path and what exists there.
    public func apply(overrides: [String]) throws(ScenarioErrors) {
        var issues: [ScenarioIssue] = []
        for text in overrides {
            do {
                try applyOverride(text)
            } catch {
                issues.append(error)
            }
        }
        if !issues.isEmpty { throw ScenarioErrors(issues: issues) }
    }

    private func applyOverride(_ text: String) throws(ScenarioIssue) {
        guard let eq = text.firstIndex(of: "=") else {
            throw ScenarioIssue(file: file, message: "--set \(jsonString(text)): expected dotted.path=value")
        }
        let pathText = String(text[..<eq]).trimmingBlanks()
        let valueText = String(text[text.index(after: eq)...]).trimmingBlanks()
        let parts = pathText.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !pathText.isEmpty, !parts.contains(where: \.isEmpty) else {
            throw ScenarioIssue(file: file, message: "--set \(jsonString(text)): empty path component; expected dotted.path=value")
        }
        let issue = { (message: String) in
            ScenarioIssue(file: self.file, path: pathText, fromOverride: true, message: message)
        }
        let value: Node
        do {
            value = try Yams.compose(yaml: valueText).map(strippingMarks) ?? Self.overrideScalar(valueText)
        } catch let error as YamlError {
            throw issue("cannot parse value \(jsonString(valueText)) as YAML: \(Self.problemText(error))")
        } catch {
            throw issue("cannot parse value \(jsonString(valueText)): \(error)")
        }
        var normalized: [String] = []
        root = try Self.replacing(in: root, path: parts[...], walked: &normalized, with: value, issue: issue)
        overriddenPaths.insert(normalized.joined(separator: "."))
    }

    /// The problem text of a Yams error, without positions (which would point into the value, not the file).
    private static func problemText(_ error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _),
            let .reader(problem, _, _, _):
            return oneLine(problem)
        default:
            return oneLine(String(describing: error))
        }
    }

    /// An empty value is null; a value that is only a comment (`#1`) is that text.
    private static func overrideScalar(_ text: String) -> Node {
        text.isEmpty ? .scalar(.init("", .implicit, .plain)) : .scalar(.init(text, Tag(.str), .plain))
    }

    private static func replacing(
        in node: Node, path: ArraySlice<String>, walked: inout [String],
        with value: Node, issue: (String) -> ScenarioIssue
    ) throws(ScenarioIssue) -> Node {
        guard let head = path.first else { return value }
        let rest = path.dropFirst()
        let here = walked.isEmpty ? "the top level" : walked.joined(separator: ".")
        switch node {
        case var .mapping(mapping):
            walked.append(head)
            if let i = mapping.firstIndex(where: { !isMergeKey($0.key) && $0.key.scalar?.string == head }) {
                let updated = try replacing(in: mapping[i].value, path: rest, walked: &walked, with: value, issue: issue)
                mapping[i] = (key: mapping[i].key, value: updated)
                return .mapping(mapping)
            }
            // Absent here: start from an inherited (`<<`) value if any, else an empty mapping.
            let inherited = effectiveEntries(of: mapping).first { $0.key.scalar?.string == head }?.value
            let start = inherited ?? Node([(Node, Node)]())
            let updated = try replacing(in: start, path: rest, walked: &walked, with: value, issue: issue)
            let pairs = mapping.map { ($0.key, $0.value) } + [(Node(head, Tag(.str), .plain), updated)]
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case var .sequence(sequence):
            let range =
                switch sequence.count {
                case 0: "it is empty"
                case 1: "the only valid index is 0"
                default: "valid indices are 0–\(sequence.count - 1)"
                }
            // an item by index, or by its `name` (`arms.esxi.cpu_overcommit`)
            let named = sequence.firstIndex { item in
                guard case let .mapping(m) = item else { return false }
                return m.first { $0.key.scalar?.string == "name" }?.value.scalar?.string == head
            }
            guard let index = Int(head).flatMap({ $0 >= 0 && head.allSatisfy(\.isASCII) ? $0 : nil }) ?? named else {
                let names = sequence.compactMap { item -> String? in
                    guard case let .mapping(m) = item else { return nil }
                    return m.first { $0.key.scalar?.string == "name" }?.value.scalar?.string
                }
                let byName = names.isEmpty ? "" : " or a name (\(names.joined(separator: ", ")))"
                throw issue(
                    "\(here) is a sequence of \(sequence.count) item\(sequence.count == 1 ? "" : "s"); expected an index\(byName), found \(jsonString(head)) (\(range))"
                )
            }
            guard index < sequence.count else {
                throw issue("index \(index) is out of range: \(here) has \(sequence.count) item\(sequence.count == 1 ? "" : "s") (\(range))")
            }
            walked.append(String(index))
            sequence[index] = try replacing(in: sequence[index], path: rest, walked: &walked, with: value, issue: issue)
            return .sequence(sequence)
        case .scalar where isNullScalar(node):
            return try replacing(in: Node([(Node, Node)]()), path: path, walked: &walked, with: value, issue: issue)
        case .scalar, .alias:
            throw issue("cannot set \(jsonString(head)) inside \(here): it is a scalar (\(describeNode(node))), not a mapping or a sequence")
        }
    }
}

private extension String {
    func trimmingBlanks() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
