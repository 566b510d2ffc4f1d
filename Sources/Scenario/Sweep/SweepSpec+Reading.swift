import DatacenterModel
import Foundation
import Yams

/// Reads a sweep document through ``NodeReader``, so problems are reported like scenario
/// problems (`FILE:LINE:COL: path: message`).
struct SweepReader {
    let doc: YAMLDocument
    let collector: IssueCollector

    func read() -> SweepSpec? {
        let r = doc.reader(collector: collector)
        guard r.expectMapping() else { return nil }
        let stem = ((doc.file as NSString).lastPathComponent as NSString).deletingPathExtension
        let name = r.string("name", or: stem)
        let description = r.string("description", or: "")
        let scenario = readScenario(r)
        let seed = r.int("seed", range: 0...Int.max).map(UInt64.init) ?? 1
        let seeds = readSeeds(r, sweepSeed: seed)
        let design = r.enumValue("design", as: SweepDesign.self, or: .grid)
        var pointCount: Int?
        if design.isSampled {
            pointCount = r.required("points", expected: "an integer ≥ 1: how many points design \(design.rawValue) draws")?
                .int(range: 1...SweepSpec.maxRuns)
        } else if let p = r.child("points"), !p.isNull {
            p.issue("points applies to design random, lhs or sobol; design \(design.rawValue) takes its points from the axes' lists")
        }
        let fixed = readFixed(r)
        let axes = readAxes(r, design: design, fixedPaths: Set(fixed.map { String($0.prefix { $0 != "=" }) }))
        var marks: [String: SweepFileMark] = [:]
        for key in ["set", "axes"] {
            guard let c = r.child(key), c.isMapping else { continue }  // otherwise reported by readFixed or readAxes
            for (path, node) in c.mappingEntries() ?? [] { if let m = node.node.mark { marks[path] = SweepFileMark(line: m.line, column: m.column) } }
        }
        // each value of a listed axis, where it is written (a run's error points at its value)
        var valueMarks: [String: [String: SweepFileMark]] = [:]
        for (path, node) in r.child("axes")?.mappingEntries() ?? [] where node.isSequence {
            for item in node.node.sequence ?? [] {
                guard let m = item.mark else { continue }
                let text = overrideValueText(item)
                if valueMarks[path]?[text] == nil { valueMarks[path, default: [:]][text] = SweepFileMark(line: m.line, column: m.column) }
            }
        }
        r.finish()
        guard let scenario, let seeds, let axes else { return nil }
        var spec = SweepSpec(
            file: doc.file, name: name, description: description,
            scenarioPath: scenario.path, scenarioLabel: scenario.label, scenarioText: scenario.text,
            seed: seed, seeds: seeds, design: design, pointCount: pointCount,
            fixedOverrides: fixed, axes: axes)
        spec.overrideMarks = marks
        spec.axisValueMarks = valueMarks
        checkSize(spec, r)
        return spec
    }

    // MARK: Keys

    private func readScenario(_ r: NodeReader) -> (path: String, label: String, text: String)? {
        guard let node = r.required("scenario", expected: "the base scenario file, relative to this sweep file's folder"),
            let label = node.string(), let path = node.filePath()
        else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            node.issue(
                "cannot read the base scenario \(jsonString(label)): \(isDirectory.boolValue ? "it is a directory" : "no such file") (looked for \(path))")
            return nil
        }
        if let reason = notRegularFileReason(path) {
            node.issue("cannot read the base scenario \(jsonString(label)) (\(path)): \(reason)")
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            node.issue("cannot read the base scenario \(jsonString(label)) (\(path)): permission denied, I/O error or not UTF-8")
            return nil
        }
        return (path, label, text)
    }

    private func readSeeds(_ r: NodeReader, sweepSeed: UInt64) -> [UInt64]? {
        let replications = r.int("replications", range: 1...SweepSpec.maxRuns)
        guard let list = r.child("seeds"), !list.isNull else {
            if r.has("replications") && replications == nil { return nil }
            return SweepSpec.derivedSeeds(sweepSeed: sweepSeed, count: replications ?? 1)
        }
        if r.has("replications") {
            list.issue("give either replications (seeds derived from the sweep seed) or seeds (an explicit list), not both")
            return nil
        }
        guard let items = list.sequence() else { return nil }
        guard !items.isEmpty else {
            list.issue("expected at least one seed")
            return nil
        }
        let seeds = items.map { $0.int(range: 0...Int.max) }
        return seeds.contains(where: { $0 == nil }) ? nil : seeds.map { UInt64($0!) }
    }

    private func readFixed(_ r: NodeReader) -> [String] {
        guard let entries = r.mappingEntries("set") else { return [] }
        var fixed: [String] = []
        for (path, value) in entries where checkPath(path, value) {
            fixed.append(path + "=" + overrideValueText(value.node))
        }
        return fixed
    }

    private func readAxes(_ r: NodeReader, design: SweepDesign, fixedPaths: Set<String>) -> [SweepAxis]? {
        guard let entries = r.mappingEntries("axes") else {
            return r.has("axes") ? nil : []
        }
        var axes: [SweepAxis] = []
        var ok = true
        for (path, node) in entries {
            guard checkPath(path, node) else { ok = false; continue }
            if fixedPaths.contains(path) {
                node.issue("\(jsonString(path)) is also in set; a path is either fixed or an axis")
                ok = false
                continue
            }
            guard let domain = readDomain(node, design: design) else { ok = false; continue }
            axes.append(SweepAxis(path: path, domain: domain))
        }
        guard ok else { return nil }
        if design == .zip, let first = axes.first, case let .values(v0) = first.domain {
            for (axis, (_, node)) in zip(axes, entries).dropFirst() {
                if case let .values(v) = axis.domain, v.count != v0.count {
                    node.issue(
                        "design zip needs lists of equal length: this one has \(v.count) value\(v.count == 1 ? "" : "s"), \(jsonString(first.path)) has \(v0.count)"
                    )
                    ok = false
                }
            }
        }
        if design == .sobol, axes.count > sobolMaxAxes {
            r.child("axes")?.issue("design sobol supports at most \(sobolMaxAxes) axes (GSL's Sobol generator), found \(axes.count)")
            ok = false
        }
        return ok ? axes : nil
    }

    /// An axis: a list of values, or a range `{min, max, step?, integer?, scale?}`.
    private func readDomain(_ node: NodeReader, design: SweepDesign) -> SweepAxisDomain? {
        if node.isSequence {
            guard let items = node.sequence() else { return nil }
            guard !items.isEmpty else {
                node.issue("expected at least one value")
                return nil
            }
            return .values(items.map { overrideValueText($0.node) })
        }
        guard node.isMapping else {
            node.fail("a list of values such as [a, b] or a range such as {min: 1, max: 3}")
            return nil
        }
        let minV = node.required("min", expected: "a number: the range's lower end")?.double()
        let maxV = node.required("max", expected: "a number: the range's upper end")?.double()
        let step = node.double("step", range: Double.leastNonzeroMagnitude...Double.infinity)
        let integer = node.bool("integer", or: false)
        let log = (node.enumValue("scale", allowed: ["linear", "log"], or: "linear")) == "log"
        let stepGiven = node.has("step")
        node.finish()
        guard let lo = minV, let hi = maxV, !stepGiven || step != nil else { return nil }
        guard lo <= hi else {
            node.child("max")?.issue("expected max ≥ min (\(sweepNumberText(lo))), found \(sweepNumberText(hi))")
            return nil
        }
        if integer && (lo.rounded() != lo || hi.rounded() != hi) {
            node.issue("integer: true needs whole-number min and max")
            return nil
        }
        // Integers stay exact in a Double up to 2^53; the span max − min must be finite.
        if integer && max(abs(lo), abs(hi)) > 9_007_199_254_740_992 {
            node.issue("integer: true needs min and max within ±9007199254740992 (2^53, exact in a double)")
            return nil
        }
        guard (hi - lo).isFinite else {
            node.issue("the range max − min overflows a double; narrow the range")
            return nil
        }
        if log && !(lo > 0) {
            node.child("min")?.issue("scale: log needs min > 0, found \(sweepNumberText(lo))")
            return nil
        }
        if let step {
            if log { node.child("scale")?.issue("scale: log cannot be combined with step"); return nil }
            let values = ((hi - lo) / step + 1e-9).rounded(.down) + 1
            guard values <= Double(SweepSpec.maxRuns) else {
                let shown = values < 1e15 ? String(Int64(values)) : String(format: "%.3g", values)
                node.child("step")?.issue(
                    "step \(step < 1e-6 ? String(format: "%g", step) : sweepNumberText(step)) gives \(shown) values; at most \(SweepSpec.maxRuns)")
                return nil
            }
            let count = Int(values)
            return .values(
                (0..<count).map { i in
                    let v = lo + Double(i) * step
                    return integer ? String(Int(v.rounded())) : sweepNumberText(v)
                })
        }
        guard design.isSampled else {
            node.issue("a range without step needs design random, lhs or sobol; with design \(design.rawValue) give a list of values or add step")
            return nil
        }
        return .range(min: lo, max: hi, integer: integer, log: log)
    }

    /// A dotted path must have non-empty components without blanks and must not be `seed`.
    private func checkPath(_ path: String, _ node: NodeReader) -> Bool {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false)
        if path.isEmpty || parts.contains(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) || path.contains("=") {
            node.issue("expected a dotted path as --set takes it (such as arms.1.placement), found \(jsonString(path))")
            return false
        }
        if path == "seed" {
            node.issue("the seed of each run comes from the sweep's seed and replications (or seeds); remove it here")
            return false
        }
        return true
    }

    /// Points × replications must stay within ``SweepSpec/maxRuns``.
    private func checkSize(_ spec: SweepSpec, _ r: NodeReader) {
        var points = 1
        if let n = spec.pointCount {
            points = n
        } else if spec.design == .zip {
            if case let .values(v)? = spec.axes.first?.domain { points = v.count }
        } else {
            for axis in spec.axes {
                guard case let .values(v) = axis.domain else { continue }
                let (p, overflow) = points.multipliedReportingOverflow(by: v.count)
                points = overflow ? Int.max : p
            }
        }
        let (runs, overflow) = points.multipliedReportingOverflow(by: spec.seeds.count)
        if overflow || runs > SweepSpec.maxRuns {
            r.issue(
                "the sweep expands to \(overflow ? "more than \(Int.max)" : String(runs)) runs (\(points) points × \(spec.seeds.count) replications); at most \(SweepSpec.maxRuns)"
            )
        }
    }
}

/// Sobol designs take at most this many axes (GSL's limit).
let sobolMaxAxes = 40

// MARK: - Values as --set text

/// A node as the value text of a `--set` override (flow YAML), so that applying
/// `path=<text>` reproduces the node: plain scalars as written when they read back the
/// same, other strings double-quoted, mappings `{k: v}`, sequences `[a, b]`, null `null`.
func overrideValueText(_ node: Node) -> String {
    switch node {
    case let .scalar(s):
        if isNullScalar(node) { return "null" }
        if s.style == .plain, isSafePlain(s.string), reparsedTag(s.string) == resolvedTagName(node) { return s.string }
        return jsonString(s.string)
    case let .mapping(m):
        return "{" + effectiveEntries(of: m).map { overrideValueText($0.key) + ": " + overrideValueText($0.value) }.joined(separator: ", ") + "}"
    case let .sequence(items):
        return "[" + items.map(overrideValueText).joined(separator: ", ") + "]"
    case .alias:
        return "null"
    }
}

/// Whether `text` can be written as a plain scalar inside flow collections.
private func isSafePlain(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
    if "?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
    if first == "-" && (text.count == 1 || text.dropFirst().first == " ") { return false }
    if first == " " || last == " " || last == ":" { return false }
    for c in text.unicodeScalars where c == "," || c == "[" || c == "]" || c == "{" || c == "}" || c == "\n" || c == "\r" || c == "\t" { return false }
    return !text.contains(": ") && !text.contains(" #")
}

/// The tag a plain scalar `text` resolves to when parsed alone.
private func reparsedTag(_ text: String) -> Tag.Name? {
    guard let node = try? Yams.compose(yaml: text), case .scalar = node else { return nil }
    return resolvedTagName(node)
}

/// A number as override text: integers without a fraction, others in fixed notation with at
/// most 6 decimals and no exponent (YAML reads `1e-06` as a string), e.g. `2.5`, `0.000125`.
func sweepNumberText(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? ".nan" : (value > 0 ? ".inf" : "-.inf") }
    let scaled = (abs(value) * 1_000_000).rounded()
    guard scaled < 9e18 else { return String(format: "%.0f", value) }
    let units = UInt64(scaled)
    let whole = units / 1_000_000, frac = units % 1_000_000
    var text = (value < 0 && units != 0 ? "-" : "") + String(whole)
    if frac != 0 {
        var digits = String(frac)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        text += "." + digits
    }
    return text
}
